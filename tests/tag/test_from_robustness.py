"""Robustness tests from the former test_robustness.py (to merge into this package's tests)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import coopanalysis as ca
from coopanalysis import schema
from coopanalysis.errors import CoopanalysisError
from coopanalysis.model import Transcript

VTT = (
    "WEBVTT\n\n"
    "00:00:01.000 --> 00:00:04.000\n"
    "<v Alice>la coopération territoriale est une nécessité pour nos communes\n\n"
    "00:00:05.000 --> 00:00:09.000\n"
    "<v Bob>il faut du temps long pour construire la confiance entre les élus\n"
)
QUOTE = "il faut du temps long pour construire la confiance entre les élus"


@pytest.fixture()
def transcript() -> Transcript:
    return ca.read_transcript(VTT)


def test_empty_rttm_is_reported(transcript: Transcript, tmp_path: Path) -> None:
    # An empty diarization (pyannote found nothing, or the wrong file) changed nothing
    # and said nothing: the user believed the speakers came from the diarization.
    rttm = tmp_path / "empty.rttm"
    rttm.write_text("")
    tagged = ca.tag_speakers(transcript, diarization=rttm)
    assert any("empty.rttm" in w and "no speech turns" in w for w in tagged.warnings)


def test_rttm_of_another_time_range_is_reported(transcript: Transcript, tmp_path: Path) -> None:
    # A diarization of another recording: none of its turns overlaps a cue.
    rttm = tmp_path / "other.rttm"
    rttm.write_text("SPEAKER other 1 500.0 20.0 <NA> <NA> SPEAKER_00 <NA> <NA>\n")
    tagged = ca.tag_speakers(transcript, diarization=rttm)
    assert tagged.cues["diarization_label"].isna().all()
    assert any("other.rttm" in w and "overlaps no cue" in w for w in tagged.warnings)


def test_matching_rttm_gives_no_coverage_warning(transcript: Transcript, tmp_path: Path) -> None:
    rttm = tmp_path / "ok.rttm"
    rttm.write_text("SPEAKER ok 1 1.0 3.0 <NA> <NA> SPEAKER_00 <NA> <NA>\n"
                    "SPEAKER ok 1 5.0 4.0 <NA> <NA> SPEAKER_01 <NA> <NA>\n")
    tagged = ca.tag_speakers(transcript, diarization=rttm)
    assert tagged.cues["diarization_label"].tolist() == ["SPEAKER_00", "SPEAKER_01"]
    assert not any("ok.rttm" in w for w in tagged.warnings)


@pytest.mark.parametrize("function", ["tag_themes", "entities"])
def test_themes_of_a_unit_longer_than_spacy_max_length(monkeypatch: pytest.MonkeyPatch,
                                                       function: str) -> None:
    from coopanalysis.nlp import load_nlp
    from coopanalysis.tag import themes

    for exclude in (themes.THEME_EXCLUDE, themes.ENTITY_EXCLUDE):
        monkeypatch.setattr(load_nlp(exclude=exclude), "max_length", 20_000)
    units = pd.DataFrame({"unit_id": ["0"], "start": [0.0], "end": [3600.0],
                          "text": ["La coopération avec Marie Dupont à Dijon prend du temps. "
                                   * 500]})
    result = getattr(ca, function)(units)
    assert len(result) >= 500


def test_load_codebook_of_a_directory(tmp_path: Path) -> None:
    folder = tmp_path / "codebook.toml"
    folder.mkdir()
    with pytest.raises(CoopanalysisError, match=r"codebook\.toml"):
        ca.load_codebook(folder)


def test_load_codebook_of_a_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "codebook.toml"
    path.write_bytes(b"[meta]\nname = \"\xe9t\xe9\"\n\x00\xff")
    with pytest.raises(CoopanalysisError, match=r"codebook\.toml"):
        ca.load_codebook(path)


def test_rttm_coverage_warning_with_untimed_cues(tmp_path: Path) -> None:
    cues = schema.conform(pd.DataFrame({"cue_id": [0], "start": [float("nan")],
                                        "end": [float("nan")], "text": ["bonjour"]}),
                          schema.CUES)
    rttm = tmp_path / "r.rttm"
    rttm.write_text("SPEAKER r 1 1.0 3.0 <NA> <NA> SPEAKER_00 <NA> <NA>\n")
    tagged = ca.tag_speakers(Transcript(cues=cues), diarization=rttm)
    assert any("overlaps no cue" in w for w in tagged.warnings)


def test_turns_sentences_and_stats_take_cues_without_cue_id() -> None:
    # A cues table from a spreadsheet has no cue_id: pandas failed with "cannot convert
    # NA to integer" deep inside turns/sentences/speaker_stats.
    cues = pd.DataFrame({"start": [0.0, 2.0], "end": [2.0, 4.0], "speaker": ["A", "B"],
                         "text": ["Bonjour à tous.", "Merci. On commence."]})
    assert ca.turns(cues)["first_cue_id"].tolist() == [0, 1]
    assert ca.sentences(cues)["text"].tolist() == ["Bonjour à tous.", "Merci.", "On commence."]
    assert ca.speaker_stats(cues)["n_words"].tolist() == [3, 3]


@pytest.mark.parametrize("function", ["turns", "sentences", "speaker_stats"])
def test_cues_without_times_or_text_are_a_clear_error(function: str) -> None:
    with pytest.raises(ca.TranscriptError, match="start"):
        getattr(ca, function)(pd.DataFrame({"text": ["Bonjour."]}))


def test_tag_speakers_takes_a_cues_table(transcript: Transcript) -> None:
    # turns() and sentences() take a cues table; tag_speakers raised AttributeError.
    tagged = ca.tag_speakers(transcript.cues.drop(columns=["cue_id"]),
                             names={"SPEAKER_00": "Alice"})
    assert tagged.cues["speaker"].tolist() == ["Alice", "Bob"]
    assert any("SPEAKER_00" in w for w in tagged.warnings)


def test_tag_speakers_names_must_be_a_mapping(transcript: Transcript) -> None:
    with pytest.raises(CoopanalysisError, match="mapping"):
        ca.tag_speakers(transcript, names=["SPEAKER_00"])  # type: ignore[arg-type]


def test_sentence_of_untimed_whisper_words_gets_the_segment_times() -> None:
    # Whisper leaves words it could not align without times; the last sentence of the
    # segment was placed at one instant (start == end == the last timed word's end).
    import json

    text = ("Nous devons travailler ensemble. Il faut construire la confiance entre les "
            "communes et les intercommunalités.")
    words = [{"word": w, "start": 1.0 + i * 0.3 if i < 3 else None,
              "end": 1.2 + i * 0.3 if i < 3 else None} for i, w in enumerate(text.split())]
    t = ca.read_transcript(json.dumps({"segments": [
        {"start": 1.0, "end": 9.0, "text": text, "words": words}]}))
    second = ca.sentences(t).iloc[1]
    assert second["text"].startswith("Il faut")
    assert second["end"] == pytest.approx(9.0)
    assert second["end"] - second["start"] > 3.0


def test_sentences_of_a_transcript_pasted_as_one_huge_cue(monkeypatch: pytest.MonkeyPatch
                                                          ) -> None:
    # One cue of hours of text went to spaCy whole: ValueError E088 past nlp.max_length
    # (1,000,000 characters; lowered here so that the test stays fast).
    from coopanalysis.tag import speakers

    monkeypatch.setattr(speakers._sentence_nlp(), "max_length", 150_000)
    sentence = "La coopération prend du temps. "
    t = ca.read_transcript("WEBVTT\n\n00:00:00.000 --> 01:00:00.000\n" + sentence * 8000)
    result = ca.sentences(t)
    assert result["n_words"].sum() == 5 * 8000  # no word lost
    assert result["start"].is_monotonic_increasing
    assert result["start"].iloc[0] == 0.0 and result["end"].iloc[-1] == pytest.approx(3600.0)
    middle = result[result["char_start"] > 120_000].iloc[0]
    assert middle["start"] == pytest.approx(3600 * middle["char_start"] / (31 * 8000), abs=2)
