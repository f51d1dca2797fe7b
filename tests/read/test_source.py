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


@pytest.mark.parametrize(("reader", "error", "_text"), READERS)
def test_a_large_video_is_refused_from_its_first_bytes(reader, error, _text,  # type: ignore[no-untyped-def]
                                                       tmp_path: Path) -> None:
    import time

    path = tmp_path / "replay.vtt"  # a video given by mistake, under a caption name
    with path.open("wb") as handle:
        handle.write(b"\x00\x00\x00\x20ftypisom\x00\x00\x02\x00isomiso2avc1mp41")
        handle.truncate(300_000_000)  # 300 MB, sparse: never read whole
    started = time.perf_counter()
    with pytest.raises(error, match="MP4") as caught:
        reader(path)
    assert time.perf_counter() - started < 0.5
    assert caught.value.source == str(path)


def test_a_large_binary_file_without_a_known_signature_is_refused_early(
        tmp_path: Path) -> None:
    import time

    path = tmp_path / "dump.srt"
    with path.open("wb") as handle:
        handle.write(bytes(range(256)) * 4)
        handle.truncate(50_000_000)
    started = time.perf_counter()
    with pytest.raises(TranscriptError, match="binary"):
        read_transcript(path)
    assert time.perf_counter() - started < 0.5


def test_utf16_text_is_not_taken_for_binary(tmp_path: Path) -> None:
    path = tmp_path / "utf16.vtt"
    path.write_bytes(VTT.encode("utf-16-le"))
    assert read_transcript(path).cues["text"].tolist() == ["Nous avançons."]
