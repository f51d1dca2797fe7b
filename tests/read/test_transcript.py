"""read_transcript / write_vtt / write_srt: sources, encodings, bad input, no silent loss."""

from __future__ import annotations

import contextlib
import html
import io
import json
import re
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coopanalysis import (
    CoopanalysisError,
    Transcript,
    TranscriptError,
    read_transcript,
    write_srt,
    write_vtt,
)
from coopanalysis.read.formats import autodetect_format
from coopanalysis.read.formats.sbv import TIMING_RE as SBV_TIMING_RE
from coopanalysis.schema import CUES, WORDS, conform
from coopanalysis.text.normalize import match_tokens, normalize_text

TRANSCRIPTS = Path(__file__).resolve().parents[1] / "data" / "transcripts"
FRENCH_SRT = ("1\n00:00:01,000 --> 00:00:02,500\nÉlève à l'école, « œuvre » déjà vue…\n\n"
              "2\n00:00:03,000 --> 00:00:04,000\nÇa coûte 20 € — très cher.\n")
SIMPLE_VTT = "WEBVTT\nLanguage: fr\n\n00:00:01.000 --> 00:00:02.000\nBonjour\n"


# ------------------------------------------------------------------ sources

def test_path_string_path_text_bytes_and_file_objects_give_the_same_cues(tmp_path: Path) -> None:
    path = tmp_path / "t.vtt"
    path.write_text(SIMPLE_VTT, encoding="utf-8")
    results = [read_transcript(path), read_transcript(str(path)), read_transcript(SIMPLE_VTT),
               read_transcript(SIMPLE_VTT.encode()), read_transcript(io.StringIO(SIMPLE_VTT)),
               read_transcript(io.BytesIO(SIMPLE_VTT.encode()))]
    for t in results:
        assert t.cues["text"].tolist() == ["Bonjour"]
        assert (t.format, t.language) == ("webvtt", "fr")
    assert results[0].source == str(path) and results[2].source == "<string>"
    assert results[0].encoding == "utf-8" and results[2].encoding is None


def test_tables_follow_the_schema() -> None:
    t = read_transcript(TRANSCRIPTS / "whisper-ctranslate2" /
                        "ref-small-transcribe-word-stamps__gossos.json")
    assert list(t.cues.columns[:len(CUES)]) == list(CUES)
    assert {c: str(t.cues[c].dtype) for c in CUES} == dict(CUES)
    assert t.words is not None
    assert {c: str(t.words[c].dtype) for c in WORDS} == dict(WORDS)
    assert t.cues["cue_id"].tolist() == list(range(len(t.cues)))


# ------------------------------------------------------------------ encodings and line ends


@pytest.mark.parametrize("newline", ["\r\n", "\r", "\n"])
def test_line_ends(newline: str) -> None:
    t = read_transcript(FRENCH_SRT.replace("\n", newline).encode("utf-8"))
    assert len(t.cues) == 2 and t.cues["line"].tolist() == [2, 6]


def test_real_crlf_zoom_file() -> None:
    raw = (TRANSCRIPTS / "zoom" / "acdt_2026-07-13_087__transcript.vtt").read_bytes()
    assert b"\r\n" in raw
    t = read_transcript(raw)
    assert len(t.cues) == 257 and not t.cues["text"].str.contains("\r").any()


# ------------------------------------------------------------------ format detection

@pytest.mark.parametrize(("name", "fmt"), [
    ("webvtt-py/sample.vtt", "webvtt"), ("webvtt-py/sample.srt", "srt"),
    ("webvtt-py/sample.sbv", "sbv"), ("webvtt-py/youtube_dl.vtt", "youtube"),
    ("bdxio/autogenere__contributer-open-source.srt", "srt"),
    ("whisper-ctranslate2/ref-medium-diarization__dosparlants.json", "whisper_json"),
])
def test_format_is_detected_from_content(name: str, fmt: str, tmp_path: Path) -> None:
    # renamed to .txt: the extension plays no part
    copy = tmp_path / "transcript.txt"
    copy.write_bytes((TRANSCRIPTS / name).read_bytes())
    assert read_transcript(copy).format == fmt


def test_explicit_format_and_aliases() -> None:
    assert read_transcript(SIMPLE_VTT, format="vtt").format == "webvtt"
    with pytest.raises(TranscriptError, match="unknown format 'docx'"):
        read_transcript(SIMPLE_VTT, format="docx")
    with pytest.raises(TranscriptError, match="no SRT timing line"):
        read_transcript(SIMPLE_VTT.replace("-->", "->"), format="srt")


# ------------------------------------------------------------------ bad input: defined behaviour

@pytest.mark.parametrize("content", [b"", b"   \n\n", "", "\ufeff\n", b"\xef\xbb\xbf"])
def test_empty_input_is_an_error(content: str | bytes) -> None:
    with pytest.raises(TranscriptError, match="empty"):
        read_transcript(content)


@pytest.mark.parametrize("content", [
    "# Un article\n\nDu texte, sans horodatage.\n",
    "SPEAKER rec 1 0.50 2.10 <NA> <NA> spk1 <NA> <NA>\n",
    "start,end,text\n0,1,hello\n",
])
def test_other_formats_are_an_error(content: str) -> None:
    with pytest.raises(TranscriptError, match="unrecognised transcript format"):
        read_transcript(content)


def test_binary_content_is_an_error() -> None:
    with pytest.raises(TranscriptError, match="binary"):
        read_transcript(bytes(range(256)) * 20)


def test_missing_file_is_an_error_naming_it() -> None:
    with pytest.raises(TranscriptError) as info:
        read_transcript("no/such/file.vtt")
    assert info.value.source == "no/such/file.vtt" and "not found" in str(info.value)


def test_error_is_a_value_error_with_source_and_line() -> None:
    with pytest.raises(ValueError) as info:
        read_transcript("1\n00:00:01,000 --> 00:00:0x,000\nx\n")
    error = info.value
    assert isinstance(error, CoopanalysisError) and isinstance(error, TranscriptError)
    assert (error.source, error.line) == ("<string>", 2)
    assert str(error).startswith("<string>, line 2: invalid timing line")


def test_end_before_start_is_kept_with_a_warning() -> None:
    t = read_transcript("WEBVTT\n\n00:00:05.000 --> 00:00:04.000\nà rebours\n")
    assert t.cues[["start", "end"]].values.tolist() == [[5.0, 4.0]]
    assert t.warnings == ["line 3: cue ends (4.000 s) before it starts (5.000 s); kept as read"]


def test_overlapping_cues_are_kept_with_a_warning() -> None:
    t = read_transcript("1\n00:00:01,000 --> 00:00:03,000\nun\n\n2\n00:00:02,000 --> 00:00:04,000\n"
                        "deux\n")
    assert t.cues["text"].tolist() == ["un", "deux"]
    assert t.warnings == [
        "line 6: cue starts (2.000 s) before the previous cue ends (3.000 s); kept"]
    assert t.metadata["ordered"] is True


def test_unordered_cues_are_kept_in_file_order_with_a_warning() -> None:
    t = read_transcript("1\n00:00:05,000 --> 00:00:06,000\ncinq\n\n"
                        "2\n00:00:01,000 --> 00:00:02,000\nun\n")
    assert t.cues["text"].tolist() == ["cinq", "un"]
    assert t.warnings == ["line 6: cue starts (1.000 s) before the previous cue (5.000 s); "
                          "kept in file order"]
    assert t.metadata["ordered"] is False


def test_many_warnings_of_a_kind_are_summarised() -> None:
    cues = "".join(f"{i}\n00:00:{59 - i:02d},000 --> 00:00:{59 - i:02d},500\nx\n\n"
                   for i in range(1, 40))
    t = read_transcript(cues)
    assert len(t.warnings) == 21
    assert t.warnings[-1].startswith("18 more cues that starts before the previous cue starts")


# ------------------------------------------------------------------ nothing silently lost

_TAG_RE = re.compile(r"<[^>]*>|\{\\[^}]*\}")


def _input_tokens(path: Path) -> set[str]:
    """Every word of a transcript file, read without any parser (timing/number lines left out)."""
    raw = read_transcript(path).encoding or "utf-8"
    text = path.read_bytes().decode(raw if raw != "str" else "utf-8")
    if path.suffix == ".json":
        data = json.loads(text)
        parts = [seg.get("text") or "" for seg in data["segments"]]
        parts += [w.get("word") or w.get("text") or "" for seg in data["segments"]
                  for w in seg.get("words") or []]
        return set(match_tokens(" ".join(parts), drop_fillers=False))
    kept = []
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if lines[0].lstrip("\ufeff").startswith("WEBVTT"):
        lines[0] = lines[0].lstrip("\ufeff")[6:]  # the signature; what follows is the title
    for line in lines:
        stripped = line.strip()
        if "-->" in line or stripped.isdigit() or SBV_TIMING_RE.match(line):
            continue
        kept.append(html.unescape(_TAG_RE.sub("", line)))
    return set(match_tokens(" ".join(kept), drop_fillers=False))


def _output_tokens(t: Transcript) -> set[str]:
    parts = [*t.cues["text"].fillna(""), *t.cues["speaker"].dropna(),
             *t.cues["identifier"].dropna(), *t.cues["settings"].dropna(), *t.warnings,
             *("NOTE " + note for note in t.metadata.get("notes", [])),
             t.metadata.get("header_text", ""),
             t.metadata.get("title", ""),
             *("STYLE " + b for b in t.metadata.get("styles", [])),
             *("REGION " + b for b in t.metadata.get("regions", [])),
             *(f"{k}: {v}" for k, v in t.metadata.get("header", {}).items())]
    if t.words is not None:
        parts += list(t.words["word"])
    return set(match_tokens(" ".join(parts), drop_fillers=False))


def _readable_files(folder: Path) -> list[Path]:
    files = []
    for path in sorted(folder.rglob("*")):
        if path.suffix not in (".vtt", ".srt", ".sbv", ".json") or path.name.endswith(
                "expected.json") or ("vtt.js" in path.parts and path.suffix == ".json"):
            continue
        files.append(path)
    return files


def test_every_word_of_every_bundled_file_is_kept() -> None:
    checked = 0
    for path in _readable_files(TRANSCRIPTS):
        try:
            t = read_transcript(path)
        except TranscriptError:
            continue
        missing = _input_tokens(path) - _output_tokens(t)
        assert not missing, f"{path.relative_to(TRANSCRIPTS)}: {sorted(missing)[:10]}"
        checked += 1
    assert checked >= 140


@pytest.mark.corpus
def test_every_corpus_file_reads_or_raises_transcript_error_and_keeps_its_words(
        corpus_dir: Path) -> None:
    outcomes = {"read": 0, "refused": 0}
    readable = set(_readable_files(corpus_dir))
    for path in sorted(corpus_dir.rglob("*")):
        if not path.is_file():
            continue
        try:
            t = read_transcript(path)
        except TranscriptError:
            outcomes["refused"] += 1
            continue
        outcomes["read"] += 1
        if path in readable:
            missing = _input_tokens(path) - _output_tokens(t)
            assert not missing, f"{path.relative_to(corpus_dir)}: {sorted(missing)[:10]}"
    assert outcomes["read"] >= 170


# ------------------------------------------------------------------ the bundled reconstruction

def test_reconstruction_reads_with_speakers(data_dir: Path) -> None:
    t = read_transcript(data_dir / "rnct2025_quotes.vtt")
    assert t.format == "webvtt" and t.language == "fr" and t.warnings == []
    assert t.cues["speaker"].notna().all()
    assert "Manon Loisel" in set(t.cues["speaker"])
    assert t.cues["start"].iloc[0] == 187.0  # 3min07 in the article
    assert "RECONSTRUCTION" in t.metadata["notes"][0]


# ------------------------------------------------------------------ writing and round trips

def _cues(rows: list[dict]) -> pd.DataFrame:  # type: ignore[type-arg]
    frame = pd.DataFrame(rows, columns=["start", "end", "speaker", "text", "identifier"])
    return conform(frame.assign(cue_id=range(len(frame))), CUES)


def test_write_vtt_escapes_and_keeps_voices_identifiers_settings(tmp_path: Path) -> None:
    t = read_transcript("WEBVTT\nLanguage: fr\n\nq1\n00:00:01.000 --> 00:00:02.500 align:start\n"
                        "<v Ann>a &lt; b &amp; c --&gt; d</v>\n")
    out = tmp_path / "out.vtt"
    text = write_vtt(t, out)
    assert text == out.read_text(encoding="utf-8")
    assert text == ("WEBVTT\nLanguage: fr\n\nq1\n00:00:01.000 --> 00:00:02.500 align:start\n"
                    "<v Ann>a &lt; b &amp; c --&gt; d</v>\n")


def test_write_srt() -> None:
    cues = _cues([{"start": 3661.5, "end": 3662.0, "speaker": "Ann", "text": "x < y"},
                  {"start": 3663.0, "end": 3664.0, "speaker": "Bob", "text": "ok"}])
    assert write_srt(cues) == ("1\n01:01:01,500 --> 01:01:02,000\nAnn: x &lt; y\n\n"
                               "2\n01:01:03,000 --> 01:01:04,000\nBob: ok\n\n")


def test_write_refuses_bad_values() -> None:
    with pytest.raises(TranscriptError, match="cannot write the time"):
        write_vtt(_cues([{"start": float("nan"), "end": 1.0, "text": "x"}]))
    with pytest.raises(TranscriptError, match="identifier"):
        write_vtt(_cues([{"start": 0.0, "end": 1.0, "text": "x", "identifier": "a --> b"}]))
    with pytest.raises(TranscriptError, match="columns"):
        write_srt(pd.DataFrame({"text": ["x"]}))


WRITERS = {"write_vtt": write_vtt, "write_srt": write_srt}


@pytest.mark.parametrize("writer", ["write_vtt", "write_srt"])
def test_written_cues_with_blank_lines_read_back_whole(writer: str) -> None:
    # A blank line inside a cue's text ended the cue: the rest was skipped (VTT) or merged
    # into the wrong cue (SRT) when the file was read back.
    cues = conform(pd.DataFrame({
        "cue_id": [0, 1], "start": [1.0, 3.0], "end": [2.0, 5.0],
        "text": ["a --> b\n\nsuite du texte", "\ndeux\n\n\nlignes\n"]}), CUES)
    text = WRITERS[writer](Transcript(cues=cues))
    back = read_transcript(text)
    assert back.cues["text"].tolist() == ["a --> b suite du texte", "deux lignes"]
    assert back.warnings == []


def test_writing_a_cue_without_times_names_the_cue() -> None:
    cues = conform(pd.DataFrame({"cue_id": [0, 1], "start": [1.0, float("nan")],
                                        "end": [2.0, 4.0], "text": ["a", "b"]}), CUES)
    with pytest.raises(TranscriptError, match="cue 2"):
        write_vtt(Transcript(cues=cues))


@pytest.mark.parametrize("writer", ["write_vtt", "write_srt"])
def test_writing_a_transcript_into_a_folder(tmp_path: Path,
                                            writer: str) -> None:
    with pytest.raises(TranscriptError, match="cannot write"):
        WRITERS[writer](read_transcript(SIMPLE_VTT), tmp_path)


_TEXT = st.text(alphabet="abcdeéèàçœ ABCÉ0123456789.,;!?'-<>&\"()«»…\u00a0", max_size=40).map(
    normalize_text).filter(lambda s: not s.startswith(">") and " >>" not in s)  # turn marks
_NAMES = st.sampled_from(["Aurélie Mézière", "Manon Loisel", "Jean-Luc Ba", "Łukasz Rozmej"])


@st.composite
def cue_tables(draw: st.DrawFn, *, speakers: bool | None = None,
               identifiers: bool = True) -> pd.DataFrame:
    n = draw(st.integers(min_value=1, max_value=8))
    with_speakers = draw(st.booleans()) if speakers is None else speakers
    rows, time = [], 0
    for i in range(n):
        start = time + draw(st.integers(min_value=0, max_value=5000))
        end = start + draw(st.integers(min_value=0, max_value=5000))
        time = end
        text = draw(_TEXT.filter(bool) if with_speakers else _TEXT)
        rows.append({"start": start / 1000, "end": end / 1000, "text": text,
                     "speaker": draw(_NAMES) if with_speakers else None,
                     "identifier": draw(st.sampled_from([None, f"c{i}", "NOTE", "x y"]))
                     if identifiers else None})
    return _cues(rows)


_SETTINGS = settings(max_examples=120, deadline=None,
                     suppress_health_check=[HealthCheck.too_slow])


@_SETTINGS
@given(cue_tables())
def test_vtt_round_trip(cues: pd.DataFrame) -> None:
    back = read_transcript(write_vtt(cues), format="webvtt").cues
    columns = ["start", "end", "speaker", "text", "identifier"]
    pd.testing.assert_frame_equal(back[columns], cues[columns])


@_SETTINGS
@given(cue_tables(identifiers=False))
def test_srt_round_trip(cues: pd.DataFrame) -> None:
    back = read_transcript(write_srt(cues), format="srt").cues
    columns = ["start", "end", "speaker", "text"]
    pd.testing.assert_frame_equal(back[columns], cues[columns])


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
def test_random_bytes_raise_only_transcript_error(raw: bytes) -> None:
    with contextlib.suppress(TranscriptError):
        read_transcript(raw)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(["WEBVTT\n\n", "1\n00:00:01,000 --> 00:00:02,000\n", "{", "0:00:01.000,",
                        "00:00:01.000 --> ", ""]),
       st.text(alphabet=st.characters(codec="utf-8"), max_size=200))
def test_random_text_after_a_format_start_raises_only_transcript_error(
        start: str, tail: str) -> None:
    for fmt in (None, "webvtt", "srt", "sbv", "whisper_json", "youtube"):
        with contextlib.suppress(TranscriptError):
            read_transcript(start + tail, format=fmt)


def test_autodetect_is_public() -> None:
    assert autodetect_format(SIMPLE_VTT) == "webvtt"
    assert autodetect_format('{"segments": []}') == "whisper_json"


# ------------------------------------------------------------------ webvtt-py objects

def test_a_webvtt_py_document_reads_like_its_file(data_dir: Path) -> None:
    webvtt = pytest.importorskip("webvtt")
    columns = ["start", "end", "speaker", "text", "identifier", "settings"]
    for path in [data_dir / "rnct2025_quotes.vtt",
                 TRANSCRIPTS / "zoom" / "acdt_2026-07-13_087__transcript.vtt"]:
        from_file = read_transcript(path).cues
        from_object = read_transcript(webvtt.read(str(path)))
        pd.testing.assert_frame_equal(from_object.cues[columns], from_file[columns])
        assert from_object.source == str(path)
        assert from_file["speaker"].notna().any()


def test_to_webvtt_gives_captions_with_voices() -> None:
    webvtt = pytest.importorskip("webvtt")
    t = read_transcript("WEBVTT\nLanguage: fr\n\nq1\n00:00:01.000 --> 00:00:02.500 align:start\n"
                        "<v Ann>a &lt; b &amp; c</v>\n\n01:00:03.000 --> 01:00:04.250\nsuite\n")
    document = t.to_webvtt()
    assert isinstance(document, webvtt.WebVTT)
    first, second = document.captions
    assert (first.start, first.end, first.identifier) == ("00:00:01.000", "00:00:02.500", "q1")
    assert first.raw_text == "<v Ann>a &lt; b &amp; c</v>"
    assert (second.start, second.end, second.raw_text) == ("01:00:03.000", "01:00:04.250",
                                                           "suite")


def test_to_webvtt_refuses_a_cue_without_times() -> None:
    pytest.importorskip("webvtt")
    cues = _cues([{"start": 0.0, "end": 1.0, "text": "x"},
                  {"start": float("nan"), "end": 1.0, "text": "y"}])
    with pytest.raises(TranscriptError, match="cue 2"):
        Transcript(cues=cues).to_webvtt()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(cue_tables())
def test_webvtt_py_round_trip(tmp_path: Path, cues: pd.DataFrame) -> None:
    """cues → to_webvtt → webvtt-py save → read_transcript (file and webvtt.read) → cues."""
    webvtt = pytest.importorskip("webvtt")
    path = tmp_path / "saved.vtt"
    Transcript(cues=cues).to_webvtt().save(str(path))
    columns = ["start", "end", "speaker", "text", "identifier"]
    # format given: random zero-length cues that repeat would pass for YouTube roll-up.
    from_file = read_transcript(path, format="webvtt")
    pd.testing.assert_frame_equal(from_file.cues[columns], cues[columns])
    back = read_transcript(webvtt.read(str(path)), format="webvtt")
    pd.testing.assert_frame_equal(back.cues[columns], cues[columns])
