"""read.source: the one path-or-text rule, the same for read_transcript and read_article."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from coopanalysis import ArticleError, TranscriptError, read_article, read_transcript
from coopanalysis.read.source import is_text

VTT = "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Anne Roux>Nous avançons.\n"
ARTICLE = ("Table ronde\n\n**Anne Roux**, maire de Lyon, affirme : « Nous avançons. » "
           "(2min03)\n")
READERS = [(read_transcript, TranscriptError, VTT), (read_article, ArticleError, ARTICLE)]


@pytest.mark.parametrize(("value", "text"), [
    ("line one\nline two", True), ("one line\r", True), ("", True), ("  \t", True),
    ("WEBVTT", True), ('{"segments": []}', True), ("[]", True), ("\ufeffWEBVTT", True),
    ("talk.vtt", False), ("data/article", False), ("notes de réunion.md", False),
    ("C:\\replays\\table-ronde.srt", False),
    # a one-line quotation is text: no document suffix, no path separator
    ("Anne Roux dit bonjour.", True), ("Anne Roux : « Nous avançons. »", True),
])
def test_is_text(value: str, text: bool) -> None:
    assert is_text(value) is text


@pytest.mark.parametrize(("reader", "error", "content"), READERS)
def test_every_kind_of_source_reads_the_same(reader, error, content, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "doc.txt"
    path.write_text(content, encoding="utf-8")
    results = [reader(path), reader(str(path)), reader(content), reader(content.encode()),
               reader(bytearray(content.encode())), reader(io.StringIO(content)),
               reader(io.BytesIO(content.encode()))]
    texts = {tuple(r.cues["text"]) if hasattr(r, "cues") else tuple(r.quotes["text"])
             for r in results}
    assert len(texts) == 1


@pytest.mark.parametrize(("reader", "error", "content"), READERS)
@pytest.mark.parametrize("source", ["missing.vtt", "data/missing", "notes.md", Path("missing")])
def test_a_missing_path_is_an_error_naming_it(reader, error, content, source) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(error, match="file not found") as caught:
        reader(source)
    assert caught.value.source == str(source)


@pytest.mark.parametrize(("reader", "error", "content"), READERS)
def test_a_directory_a_nul_and_other_types_are_errors(reader, error, content,  # type: ignore[no-untyped-def]
                                                      tmp_path: Path) -> None:
    with pytest.raises(error, match="directory"):
        reader(tmp_path)
    with pytest.raises(error, match=r"control character|unrecognised"):
        reader("a\x00b")
    with pytest.raises(error, match="cannot read a"):
        reader(42)
