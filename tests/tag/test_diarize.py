"""Tests of coopanalysis.tag.diarize on real audio: pyannote's MIT sample and the SYNTHETIC
espeak-ng round table (tests/data/audio/SOURCES.md). They need the ``audio`` extra."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

from coopanalysis.errors import DiarizationError
from coopanalysis.read.rttm import RTTM, read_rttm
from helpers.audio import AUDIO, needs_ffmpeg, needs_senko


def der(reference: pd.DataFrame, hypothesis: pd.DataFrame, step: float = 0.01) -> float:
    """Diarization error rate without collar, overlaps counted, best one-to-one mapping."""
    from scipy.optimize import linear_sum_assignment

    end = max(reference["end"].max(), hypothesis["end"].max())
    frames = int(np.ceil(end / step)) + 1

    def active(table: pd.DataFrame) -> np.ndarray:
        labels = sorted(table["speaker"].unique())
        grid = np.zeros((len(labels), frames), dtype=int)
        for speaker, start, stop in zip(table["speaker"], table["start"], table["end"],
                                        strict=True):
            grid[labels.index(speaker), round(start / step):round(stop / step)] = 1
        return grid

    ref, hyp = active(reference), active(hypothesis)
    co = ref @ hyp.T
    rows, cols = linear_sum_assignment(-co)
    n_ref, n_hyp = ref.sum(0), hyp.sum(0)
    errors = (np.maximum(n_ref - n_hyp, 0).sum() + np.maximum(n_hyp - n_ref, 0).sum()
              + np.minimum(n_ref, n_hyp).sum() - co[rows, cols].sum())
    return float(errors / n_ref.sum())


@pytest.fixture(scope="module")
def sample_diarization() -> pd.DataFrame:
    from coopanalysis.tag.diarize import diarize

    return diarize(AUDIO / "sample.wav")


@needs_senko
@needs_ffmpeg
def test_diarize_pyannote_sample_der(sample_diarization):
    table = sample_diarization
    assert list(table.columns) == list(RTTM)
    assert set(table["file_id"]) == {"sample"}
    assert (table["end"] > table["start"]).all()
    error = der(read_rttm(AUDIO / "sample.rttm"), table)
    print(f"DER on pyannote's sample (no collar): {error:.3f}")
    assert error <= 0.25
    assert table["speaker"].nunique() == 2


@needs_senko
@needs_ffmpeg
def test_diarize_decodes_other_formats(tmp_path):
    from coopanalysis.tag.diarize import diarize

    compressed = tmp_path / "sample.mp3"
    subprocess.run(["ffmpeg", "-v", "error", "-i", str(AUDIO / "sample.wav"), "-ac", "2",
                    "-ar", "44100", str(compressed)], check=True)
    table = diarize(compressed, num_speakers=2)
    assert set(table["file_id"]) == {"sample"}
    assert table["speaker"].nunique() == 2


@needs_senko
@needs_ffmpeg
def test_speaker_bounds_give_the_asked_count():
    # Five synthetic voices: a maximum of 3 must give 3 (narrowing senko's own bounds gave 1).
    from coopanalysis.tag.diarize import diarize

    table = diarize(AUDIO / "roundtable_synthetic.wav", max_speakers=3)
    assert table["speaker"].nunique() == 3


@needs_senko
@needs_ffmpeg
def test_diarize_refuses_what_is_not_audio(tmp_path):
    from coopanalysis.tag.diarize import diarize

    text = tmp_path / "notes.m4a"
    text.write_text("WEBVTT\n\nnot sound at all\n", encoding="utf-8")
    with pytest.raises(DiarizationError, match=r"notes\.m4a: not an audio file"):
        diarize(text)


@needs_senko
@needs_ffmpeg
def test_diarize_refuses_silence(tmp_path):
    from coopanalysis.tag.diarize import diarize

    silence = tmp_path / "silence.wav"
    subprocess.run(["ffmpeg", "-v", "error", "-f", "lavfi", "-i", "anullsrc=r=16000:cl=mono",
                    "-t", "3", str(silence)], check=True)
    with pytest.raises(DiarizationError, match=r"silence\.wav: the audio is silent"):
        diarize(silence)


def test_diarize_names_a_missing_file_and_bad_counts(tmp_path):
    from coopanalysis.tag.diarize import diarize

    with pytest.raises(DiarizationError, match="no such audio file"):
        diarize(tmp_path / "absent.wav")
    with pytest.raises(DiarizationError, match="min_speakers 4 > max_speakers 2"):
        diarize(AUDIO / "sample.wav", min_speakers=4, max_speakers=2)


def test_diarize_says_how_to_install_the_extra(monkeypatch):
    # A None entry in sys.modules makes "import senko" fail as if the extra were absent.
    monkeypatch.setitem(sys.modules, "senko", None)
    from coopanalysis.tag.diarize import diarize

    with pytest.raises(DiarizationError, match=r"pip install 'coopanalysis\[audio\]'"):
        diarize(AUDIO / "sample.wav")


@needs_ffmpeg
def test_audio_ending_before_the_last_cue_is_a_warning():
    from coopanalysis.tag.diarize import audio_ends_early

    warning = audio_ends_early(AUDIO / "sample.wav", 216.0)
    assert warning and "sample.wav" in warning and "30.0 s" in warning
    assert audio_ends_early(AUDIO / "sample.wav", 29.9) is None
