"""Whisper, whisper-timestamped, whisper-ctranslate2 and WhisperX JSON."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from coopanalysis import TranscriptError, read_transcript

WC2 = Path(__file__).resolve().parents[1] / "data" / "transcripts" / "whisper-ctranslate2"


def test_diarization_json_gives_speakers_per_segment() -> None:
    t = read_transcript(WC2 / "ref-medium-diarization__dosparlants.json")
    assert t.format == "whisper_json" and t.language == "ca"
    assert len(t.cues) == 14 and t.words is None
    assert t.cues["speaker"].iloc[:2].tolist() == ["SPEAKER_01", "SPEAKER_00"]
    assert t.cues["text"].iloc[0] == "Hola, bon dia, com et dius?"


def test_same_speakers_from_json_vtt_and_srt_exports() -> None:
    names = ["ref-medium-diarization__dosparlants." + ext for ext in ("json", "vtt", "srt")]
    tables = [read_transcript(WC2 / name).cues for name in names]
    for other in tables[1:]:
        assert other["speaker"].tolist() == tables[0]["speaker"].tolist()
        assert other["text"].tolist() == tables[0]["text"].tolist()
        assert other["start"].tolist() == tables[0]["start"].tolist()


def test_word_stamps_json() -> None:
    t = read_transcript(WC2 / "ref-small-transcribe-word-stamps__gossos.json")
    assert t.words is not None and len(t.words) == 65
    first = t.words.iloc[0]
    assert (first.word, first.cue_id) == ("Igual", 0)
    assert math.isclose(first.start, 1.18, abs_tol=1e-9)
    assert t.words["cue_id"].max() == 1


def test_whisperx_words_without_times_and_word_speakers() -> None:
    data = {"language": "fr", "segments": [
        {"start": 0.5, "end": 2.0, "text": " J'ai 20 ans.", "speaker": "SPEAKER_00",
         "words": [{"word": "J'ai", "start": 0.5, "end": 0.8, "score": 0.9,
                    "speaker": "SPEAKER_00"},
                   {"word": "20"},
                   {"word": "ans.", "start": 1.2, "end": 2.0, "speaker": "SPEAKER_01"}]}]}
    t = read_transcript(json.dumps(data))
    words = t.words
    assert words is not None
    assert words["word"].tolist() == ["J'ai", "20", "ans."]
    assert math.isnan(words["start"].iloc[1])
    assert words["speaker"].tolist() == ["SPEAKER_00", "SPEAKER_00", "SPEAKER_01"]
    assert any("without start/end" in w for w in t.warnings)


@pytest.mark.parametrize(("text", "expected"), [
    ('{"segments": [{"start": 0, "end": 1, "text": "x"}', "invalid JSON"),
    ('{"text": "no segments"}', "'segments'"),
    ('{"segments": [{"start": "0", "end": 1, "text": "x"}]}', "segment 0 'start'"),
    ('{"segments": [{"start": 0, "end": 1, "text": "x", "words": 3}]}', "'words' is not a list"),
])
def test_malformed_json_raises_transcript_error(text: str, expected: str) -> None:
    with pytest.raises(TranscriptError, match=expected):
        read_transcript(text)


@pytest.mark.corpus
def test_whisper_timestamped_french(corpus_dir: Path) -> None:
    folder = corpus_dir / "french" / "whisper-timestamped"
    t = read_transcript(folder / "medium_fr__smartphone.mp3.words.json")
    assert (len(t.cues), len(t.words)) == (38, 554)  # type: ignore[arg-type]
    assert t.language == "fr"
    assert t.words["word"].iloc[0] == "C'est"  # type: ignore[index]
    radio = read_transcript(folder / "medium_fr__radio_short.mp3.words.json")
    assert len(radio.words) == 191  # type: ignore[arg-type]
    assert radio.cues["start"].iloc[0] == pytest.approx(30.88, abs=0.5)
