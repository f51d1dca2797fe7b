"""The same article as Markdown, a saved HTML page, DOCX and PDF: the same quotes (issue 13)."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest

from coopanalysis.errors import ArticleError
from coopanalysis.read.article import read_article

TITLE = "Le train revient dans la vallée"
PARAGRAPHS = [
    "Par Camille Roux",
    "Marie Dufour, présidente de la région, a ouvert la réunion publique du 4 mars : "
    "« Le train reviendra dans la vallée, nous en prenons l'engagement. » (12min04)",
    "Paul Morel, directeur du syndicat des transports, tempère : « Il faudra d'abord "
    "financer les quais et la signalisation. » (15min30)",
    "« Nous ne lâcherons rien », a conclu Marie Dufour (1h02min10).",
]
COLUMNS = ["speaker", "clean_text", "stated_start", "kind"]


def _markdown() -> str:
    return f"# {TITLE}\n\n" + "\n\n".join(PARAGRAPHS) + "\n"


def _html() -> str:
    link = '<a href="https://v.example/r?t=724">(12min04)</a>'  # a time inside a link
    body = "".join("<p>" + p.replace("(12min04)", link) + "</p>" for p in PARAGRAPHS)
    return (
        "<!DOCTYPE html><html lang='fr'><head><meta charset='utf-8'>"
        f"<title>{TITLE} | La Gazette du Val</title>"
        "<meta name='author' content='Camille Roux'>"
        "<meta property='article:published_time' content='2025-03-05'>"
        "<script>window.dataLayer = [{'page': 'article'}];</script></head><body>"
        "<nav><ul><li><a href='/'>Accueil</a></li><li><a href='/sport'>Sport</a></li>"
        "<li><a href='/region'>Région</a></li></ul></nav>"
        "<div class='ad banner'>Publicité — Abonnez-vous pour 1 € le premier mois</div>"
        f"<main><article><h1>{TITLE}</h1>{body}</article></main>"
        "<aside class='related'><h3>À lire aussi</h3><ul>"
        "<li><a href='/a'>Le vélo électrique séduit les communes rurales</a></li>"
        "<li><a href='/b'>Budget : la région vote ses priorités</a></li></ul></aside>"
        "<footer><p>© 2025 La Gazette du Val — Mentions légales</p></footer>"
        "<script>console.log('tracking');</script></body></html>")


def _docx() -> bytes:
    document = docx.Document()
    document.add_heading(TITLE, level=1)
    for para in PARAGRAPHS:
        document.add_paragraph(para)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _pdf() -> bytes:
    platypus = pytest.importorskip("reportlab.platypus")
    styles = pytest.importorskip("reportlab.lib.styles").getSampleStyleSheet()
    buffer = io.BytesIO()
    story = [platypus.Paragraph(TITLE, styles["Title"])]
    story += [platypus.Paragraph(p.replace("&", "&amp;"), styles["BodyText"])
              for p in PARAGRAPHS]
    platypus.SimpleDocTemplate(buffer).build(story)
    return buffer.getvalue()


def _quotes(source: object) -> list[tuple[object, ...]]:
    article = read_article(source)  # type: ignore[arg-type]
    return [tuple(row) for row in article.quotes[COLUMNS].itertuples(index=False)]


@pytest.fixture(scope="module")
def expected() -> list[tuple[object, ...]]:
    return _quotes(_markdown())


def test_markdown_reference_reads_every_quote(expected: list[tuple[object, ...]]) -> None:
    assert [row[0] for row in expected] == ["Marie Dufour", "Paul Morel", "Marie Dufour"]
    assert [row[2] for row in expected] == [724.0, 930.0, 3730.0]


@pytest.mark.parametrize("make", [_html, _docx, _pdf], ids=["html", "docx", "pdf"])
def test_same_quotes_from_every_format(tmp_path: Path, make: object,
                                       expected: list[tuple[object, ...]]) -> None:
    content = make()  # type: ignore[operator]
    path = tmp_path / "article.bin"
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    article = read_article(path)
    assert [tuple(r) for r in article.quotes[COLUMNS].itertuples(index=False)] == expected
    assert article.text.count(TITLE) == 1  # the title once, not from <title> and <h1>
    for row in article.quotes.itertuples():
        assert article.text[row.char_start:row.char_end].strip("«» ")[:10] in row.text


def test_html_page_keeps_the_article_and_drops_the_page() -> None:
    article = read_article(_html())
    for noise in ("Accueil", "Publicité", "À lire aussi", "tracking", "Mentions légales"):
        assert noise not in article.text
    assert article.metadata["title"] == TITLE or article.metadata["title"].startswith(TITLE)
    assert article.metadata["author"] == "Camille Roux"
    assert article.metadata["date_iso"] == "2025-03-05"


def test_pdf_joins_words_cut_at_a_line_end() -> None:
    canvas = pytest.importorskip("reportlab.pdfgen.canvas")
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    page.drawString(72, 700, "Anne Roux, maire de Lyon : « La coopé-")
    page.drawString(72, 686, "ration est notre méthode. » (3min10)")
    page.save()
    article = read_article(buffer.getvalue())
    assert "coopération" in article.text
    assert article.quotes.iloc[0]["stated_start"] == 190


@pytest.mark.parametrize(("content", "what"), [
    (b"{\\rtf1\\ansi Bonjour\n}", "RTF"), (b"%PDF-1.7\n%\xe2\xe3\n", "PDF"),
    (b"PK\x03\x04\x14\x00\x06\x00", "ZIP")])
def test_broken_or_unsupported_documents_name_the_file(tmp_path: Path, content: bytes,
                                                       what: str) -> None:
    path = tmp_path / "article.txt"
    path.write_bytes(content)
    with pytest.raises(ArticleError) as caught:
        read_article(path)
    assert caught.value.source == str(path) and what in str(caught.value)


def _page(after_quote: str) -> str:
    return ("<!DOCTYPE html><html lang='fr'><head><meta charset='utf-8'><title>Le conseil"
            "</title></head><body><article><h1>Le conseil</h1><p>La réunion publique s'est "
            "tenue mardi soir à la salle des fêtes, devant une centaine d'habitants.</p>"
            "<p>« Le budget est insincère et nous le dirons », a lancé Hélène Marquis "
            f"{after_quote}.</p><p>Le vote a eu lieu ensuite, sans surprise, et la séance a "
            "été levée tard dans la soirée.</p></article></body></html>")


@pytest.mark.parametrize(("link", "seconds"), [
    ('<a href="https://www.youtube.com/watch?v=XYZ&amp;t=754s">à ce moment du débat</a>', 754),
    ('(<a href="https://www.youtube.com/watch?v=XYZ&t=754">voir la vidéo</a>)', 754),
    ('<a href="https://vimeo.com/1#t=12m34s">à ce moment</a>', 754),
    ('<a href="https://www.youtube.com/watch?v=XYZ&t=1h02m03s">en fin de séance</a>', 3723),
])
def test_html_a_time_only_in_a_link_s_address_times_the_quotation(link: str,
                                                                  seconds: int) -> None:
    article = read_article(_page(link))
    assert [(r.speaker, r.stated_start) for r in article.quotes.itertuples()] == [
        ("Hélène Marquis", seconds)]
    row = article.quotes.iloc[0]
    assert article.text[row.char_start:row.char_end].startswith("« Le budget")


def test_html_a_link_whose_text_is_the_time_gives_it_once() -> None:
    article = read_article(_page('(<a href="https://youtu.be/XYZ?t=754">12:34</a>)'))
    assert article.quotes["stated_start"].tolist() == [754.0]
    assert "00:12:34" not in article.text and article.text.count("12:34") == 1


def test_html_a_time_in_square_brackets_is_read_as_printed() -> None:
    """The Markdown text of a page escapes brackets; the page showed "[00:12:34]"."""
    article = read_article(_page("[00:12:34]"))
    assert article.quotes["stated_start"].tolist() == [754.0]
    assert "\\[" not in article.text
