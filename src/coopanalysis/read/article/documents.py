"""Documents users have, told from the content: HTML pages saved from a browser
(trafilatura), DOCX (python-docx), PDF (pypdf). Their text is extracted as Markdown-like
paragraphs; RTF and other binary formats are refused with a clear error."""

from __future__ import annotations

import io
import itertools
import re
import zipfile
from typing import Any

import pypdf
import trafilatura

from coopanalysis.errors import ArticleError, TimecodeError
from coopanalysis.timecode import find_timestamps, format_hms, media_time_seconds

try:  # the optional extra ``coopanalysis[docx]``
    import docx
except ImportError:  # pragma: no cover - depends on the installation
    docx = None  # type: ignore[assignment]

#: Leading bytes of document formats that are not read.
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"{\\rtf", "an RTF document"),
    (b"\xd0\xcf\x11\xe0", "a legacy Office document (.doc)"),
)
_HTML_RE = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b",
                      re.IGNORECASE | re.DOTALL)
#: A word cut at a line or page end: "coopé-\nration" → "coopération" (lower case on both
#: sides, so "Saint-\nAubin" and "vice-\nprésidente"-like compounds with capitals stay).
_HYPHEN_BREAK_RE = re.compile(r"(?<=[a-zà-ÿ])-\n(?=[a-zà-ÿ])")
#: A link of a saved page: its address and its text ("à ce moment du débat").
_LINK_RE = re.compile(r"<a\b[^>]*?\bhref\s*=\s*(?P<q>[\"'])(?P<href>.*?)(?P=q)[^>]*>"
                      r"(?P<text>.*?)</a\s*>", re.IGNORECASE | re.DOTALL)
_TAG_RE = re.compile(r"<[^>]*>")
#: A gap between two PDF lines larger than this many line steps starts a paragraph.
_PARAGRAPH_GAP = 1.4


def extract_document(raw: bytes | str, name: str) -> tuple[str, dict[str, Any]] | None:
    """The text and metadata of an HTML, DOCX or PDF document; ``None`` for plain text.

    Raises:
        ArticleError: RTF, legacy Word, a ZIP that is not a DOCX, or a document that cannot
            be opened, naming the file.
    """
    head = (raw[:2048].encode("utf-8", "replace") if isinstance(raw, str) else raw[:2048])
    head = bytes(head).lstrip(b"\xef\xbb\xbf \t\r\n")
    for signature, what in _SIGNATURES:
        if head.startswith(signature):
            raise ArticleError(f"{what}, not an article text: save or export it as DOCX, PDF, "
                               "HTML, plain text or Markdown and read that file", name, 1)
    formats = {"HTML page": bool(_HTML_RE.match(head)),
               "PDF document": head.startswith(b"%PDF-"),
               "ZIP archive (DOCX)": head.startswith(b"PK\x03\x04")}
    what = next((w for w, found in formats.items() if found), "")
    if not what:
        return None
    try:
        if what == "HTML page":
            html = raw if isinstance(raw, str) else raw.decode("utf-8", "replace")
            return _html(html, name)
        data = raw if isinstance(raw, bytes) else raw.encode("utf-8", "surrogateescape")
        return (_pdf(data) if what == "PDF document" else _docx(data, name)), {}
    except (ValueError, KeyError, OSError, zipfile.BadZipFile,
            pypdf.errors.PyPdfError) as error:
        raise ArticleError(f"cannot extract the text of this {what}: {error}", name,
                           1) from error
    return None


def _html(html: str, name: str) -> tuple[str, dict[str, Any]]:
    body = trafilatura.extract(_signatures_kept(_href_times_as_text(html)),
                               output_format="markdown",
                               include_formatting=True, include_links=False, include_comments=False,
                               include_tables=True, with_metadata=False)
    if not body:
        raise ArticleError("no article text found in the HTML page", name, 1)
    # The Markdown output escapes brackets ("\\[00:34:50\\]"): the page showed them plain.
    body = re.sub(r"\\([\[\]])", r"\1", body)
    meta = trafilatura.extract_metadata(html)
    title = meta.title if meta else None
    first = body.lstrip().split("\n", 1)[0].lstrip("# ").strip()
    if title and first != title.strip():
        body = f"# {title.strip()}\n\n{body}"  # the page's title, once
    metadata = {"title": title, "author": meta.author if meta else None,
                "date_iso": meta.date if meta and meta.date else None}
    return body.strip() + "\n", metadata


def _signatures_kept(html: str) -> str:
    """A pull quote's signature ("<blockquote><p>« … »</p><footer>— X, maire (à 49 min
    05)</footer></blockquote>") as a paragraph: trafilatura drops ``<footer>`` and
    ``<cite>`` as page furniture, and with them the quote's speaker and time."""
    return _BLOCKQUOTE_RE.sub(
        lambda block: _SIGNATURE_TAG_RE.sub(lambda tag: f"<{tag.group(1)}p{tag.group(3)}>",
                                            block.group(0)), html)


_BLOCKQUOTE_RE = re.compile(r"<blockquote\b.*?</blockquote>", re.IGNORECASE | re.DOTALL)
_SIGNATURE_TAG_RE = re.compile(r"<(/?)(footer|cite)\b([^>]*)>", re.IGNORECASE)


def _href_times_as_text(html: str) -> str:
    """A replay time carried only by a link's address (``…watch?v=…&t=754s``) written as
    text, ``(00:12:34)``, just before the link, so that it is part of the extracted text
    (``article.text`` offsets count it) and follows the quotation the link comes after, as
    a time written by hand would; a link whose text already is a time is bracketed if it
    was not."""
    return _LINK_RE.sub(_link_with_time, html)


def _link_with_time(link: re.Match[str]) -> str:
    seconds = media_time_seconds(link.group("href").replace("&amp;", "&"))
    text = _TAG_RE.sub("", link.group("text")).strip()
    if seconds is None:
        return link.group(0)
    if _is_time(text):
        # "» <a href='…?t=155'>🎬 2:35</a>": the link's address makes its text a replay
        # time; out of brackets, it is bracketed so that the paragraph reads it as one.
        before = link.string[:link.start()].rstrip()
        after = link.string[link.end():].lstrip()
        if text.startswith(("(", "[")) or (before.endswith(("(", "["))
                                            and after.startswith((")", "]"))):
            return link.group(0)
        # Only in running text: a chapter list's "1. <a …>00:00</a> Générique" stays as it is.
        line = re.split(r"<(?:p|li|br|div|h\d|td)\b[^>]*>|\n", before[-300:])[-1]
        if len(_TAG_RE.sub(" ", line).split()) < 3:
            return link.group(0)
        return f"({link.group(0)})"
    return f"({format_hms(seconds)}) {link.group(0)}"


def _is_time(text: str) -> bool:
    """Link text that already states the time: "12:34", "(12min04)", "[00:12:34]". Text
    shaped like a time that is none ("12:75") is not: the article's own reading warns of
    it later."""
    try:
        return bool(find_timestamps(f"({text.strip('()[] ')})"))
    except TimecodeError:
        return False


def _docx(raw: bytes, name: str) -> str:
    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        if "word/document.xml" not in archive.namelist():
            raise ArticleError("a ZIP archive (ODT, EPUB…) that is not a DOCX document: save "
                               "it as DOCX, PDF or plain text", name, 1)
    if docx is None:
        raise ArticleError("reading a DOCX article needs python-docx: pip install "
                           "'coopanalysis[docx]' (or save the document as PDF or text)", name, 1)
    document = docx.Document(io.BytesIO(raw))
    paragraphs: list[str] = []
    for para in document.paragraphs:
        text = _runs_text(para)
        if not text.strip():
            continue
        style = (para.style.name if para.style is not None else "") or ""
        if style == "Title" or style == "Heading 1":
            text = f"# {text}"
        elif style.startswith("Heading"):
            text = f"## {text}"
        paragraphs.append(text)
    return "\n\n".join(paragraphs) + "\n"


def _runs_text(para: Any) -> str:
    """Runs joined, bold stretches kept as ``**…**`` (interview labels are bold)."""
    parts: list[tuple[bool, str]] = []
    for run in para.runs:
        bold = bool(run.bold) and bool(run.text.strip())
        if parts and parts[-1][0] == bold:
            parts[-1] = (bold, parts[-1][1] + run.text)
        else:
            parts.append((bold, run.text))
    if len(parts) == 1:
        return parts[0][1]
    out = []
    for bold, text in parts:
        stripped = text.strip()
        out.append(text.replace(stripped, f"**{stripped}**") if bold and stripped else text)
    return "".join(out)


def _pdf(raw: bytes) -> str:
    """Lines from their positions; a larger vertical gap starts a paragraph; words cut by a
    hyphen at a line or page end are joined."""
    reader = pypdf.PdfReader(io.BytesIO(raw))
    paragraphs: list[str] = []
    for page in reader.pages:
        lines: list[list[Any]] = []  # [y, text]

        def visit(text: str, cm: Any, tm: Any, _font: Any, _size: Any,
                  lines: list[list[Any]] = lines) -> None:
            if not text:
                return
            y = round(pypdf.mult(tm, cm)[5], 1)
            if lines and (abs(lines[-1][0] - y) < 1 or not text.strip("\n")):
                lines[-1][1] += text
            else:
                lines.append([y, text])

        page.extract_text(visitor_text=visit)
        rows = [(y, " ".join(text.split())) for y, text in lines if text.strip()]
        steps = sorted(abs(a[0] - b[0]) for a, b in itertools.pairwise(rows))
        step = steps[len(steps) // 2] if steps else 0.0
        page_paragraphs: list[list[str]] = []
        for index, (y, text) in enumerate(rows):
            if not page_paragraphs or abs(rows[index - 1][0] - y) > _PARAGRAPH_GAP * step:
                page_paragraphs.append([])
            page_paragraphs[-1].append(text)
        for number, lines_of in enumerate(page_paragraphs):
            if number == 0 and paragraphs and _continues(paragraphs[-1], lines_of[0]):
                paragraphs[-1] += "\n" + "\n".join(lines_of)  # cut by the page break
            else:
                paragraphs.append("\n".join(lines_of))
    text = "\n\n".join(paragraphs)
    text = _HYPHEN_BREAK_RE.sub("", text)
    return re.sub(r"(?<!\n)\n(?!\n)", " ", text) + "\n"


def _continues(previous: str, first_line: str) -> bool:
    """A paragraph cut by a page break: no sentence end before, lower case after."""
    return previous.rstrip()[-1:] not in ".!?»:”\"" and first_line[:1].islower()

