"""SRT and SBV readers: real-file layouts, strict timings."""

from __future__ import annotations

from pathlib import Path

import pytest

from coopanalysis import TranscriptError, read_transcript

TRANSCRIPTS = Path(__file__).resolve().parents[1] / "data" / "transcripts"


def test_srt_basic_fields_tags_and_positions() -> None:
    t = read_transcript("1\n00:00:01,500 --> 00:00:03,250 X1:100 X2:200\n<i>Bonjour</i>\n"
                        "{\\an8}à <font color=\"red\">tous</font> &amp; toutes\n\n"
                        "2\n00:00:04.000 --> 00:00:05,000\nSuite\n")
    assert t.format == "srt"
    assert t.cues[["start", "end"]].values.tolist() == [[1.5, 3.25], [4.0, 5.0]]
    assert t.cues["text"].tolist() == ["Bonjour à tous & toutes", "Suite"]
    assert t.cues["identifier"].tolist() == ["1", "2"]
    assert t.cues["settings"].iloc[0] == "X1:100 X2:200"
    assert t.cues["line"].tolist() == [2, 7]


def test_srt_without_numbers_with_empty_and_blank_line_texts() -> None:
    t = read_transcript("00:00:01,000 --> 00:00:02,000\nun\n\n00:00:02,000 --> 00:00:03,000\n\n"
                        "00:00:03,000 --> 00:00:04,000\ndeux\n\ntrois\n\n")
    assert t.cues["text"].tolist() == ["un", "", "deux trois"]
    assert t.cues["identifier"].isna().all()


def test_srt_invalid_timing_is_an_error_naming_the_line() -> None:
    with pytest.raises(TranscriptError) as info:
        read_transcript("1\n00:00:01,000 --> 00:00:02,000\nun\n\n2\n00:00:0x,000 --> 00:00:03,000\n"
                        "deux\n")
    assert info.value.line == 6
    assert "HH:MM:SS,mmm --> HH:MM:SS,mmm" in str(info.value)


def test_srt_minutes_over_59_are_an_error() -> None:
    with pytest.raises(TranscriptError, match="up to 59") as info:
        read_transcript("1\n00:61:00,000 --> 00:62:00,000\nx\n")
    assert info.value.line == 2


def test_srt_text_before_the_first_cue_is_reported() -> None:
    t = read_transcript("Titre du fichier\n\n1\n00:00:01,000 --> 00:00:02,000\nun\n")
    assert t.warnings == ["line 1: text before the first cue skipped: 'Titre du fichier'"]


@pytest.mark.parametrize("name", ["invalid_format1.srt", "invalid_format2.srt",
                                  "invalid_format3.srt"])
def test_webvtt_py_invalid_srt_fixtures_raise(name: str) -> None:
    with pytest.raises(TranscriptError):
        read_transcript(TRANSCRIPTS / "webvtt-py" / name)


def test_text_line_glued_to_the_first_timing_is_reported_not_lost() -> None:
    t = read_transcript(TRANSCRIPTS / "webvtt-py" / "invalid_format4.srt")
    assert len(t.cues) == 1
    assert t.warnings[0] == "line 1: text before the first cue skipped: 'some text'"


def test_webvtt_py_srt_with_missing_texts_keeps_every_cue() -> None:
    t = read_transcript(TRANSCRIPTS / "webvtt-py" / "empty_caption_text.srt")
    assert len(t.cues) == 5  # webvtt-py keeps 4: it drops the cue without text
    assert (t.cues["text"] == "").sum() == 1


def test_gb2312_srt_is_decoded() -> None:
    t = read_transcript(TRANSCRIPTS / "srt-cdown" / "gb2312.srt")
    assert t.encoding in ("gb2312", "gb18030", "gbk")
    assert all("\ufffd" not in text for text in t.cues["text"])
    assert any("\u4e00" <= ch <= "\u9fff" for ch in "".join(t.cues["text"]))


@pytest.mark.corpus
@pytest.mark.parametrize("name", ["bom-utf-8.srt", "bom-utf-16-le.srt", "bom-utf-16-be.srt",
                                  "bom-utf-32-le.srt", "bom-utf-32-be.srt", "no-indexes.srt"])
def test_pysrt_encodings_and_layouts_give_the_same_cues(corpus_dir: Path, name: str) -> None:
    reference = read_transcript(corpus_dir / "edge-cases" / "pysrt" / "bom-utf-8.srt")
    t = read_transcript(corpus_dir / "edge-cases" / "pysrt" / name)
    assert len(t.cues) == 7
    assert t.cues["text"].tolist() == reference.cues["text"].tolist()
    assert t.cues["start"].tolist() == reference.cues["start"].tolist()


@pytest.mark.corpus
def test_pysrt_empty_texts_are_kept(corpus_dir: Path) -> None:
    t = read_transcript(corpus_dir / "edge-cases" / "pysrt" / "empty.srt")
    assert len(t.cues) == 7  # webvtt-py keeps 5


# ---------------------------------------------------------------- SBV

def test_sbv_sample_with_end_before_start_warns() -> None:
    t = read_transcript(TRANSCRIPTS / "webvtt-py" / "sample.sbv")
    assert t.format == "sbv"
    assert t.cues["text"].iloc[2] == "Caption text #3 (line 1) Caption text #3 (line 2)"
    assert t.cues["start"].iloc[0] == 0.378
    assert any("before it starts" in w for w in t.warnings)


def test_sbv_invalid_timing_raises_with_the_line() -> None:
    with pytest.raises(TranscriptError) as info:
        read_transcript(TRANSCRIPTS / "webvtt-py" / "invalid_timeframe.sbv")
    assert info.value.line == 7


def test_sbv_missing_text_is_an_empty_cue() -> None:
    t = read_transcript("0:00:01.000,0:00:02.000\nun\n\n0:00:02.000,0:00:03.000\n\n"
                        "0:00:03.000,0:00:04.000\ntrois\n")
    assert t.cues["text"].tolist() == ["un", "", "trois"]
