"""Robustness tests from the former test_robustness.py (to merge into this package's tests)."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

import coopanalysis as ca
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


def test_write_tables_into_an_existing_file(tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    target.write_text("x")
    with pytest.raises(CoopanalysisError, match=r"report\.html"):
        ca.write_tables({"a": pd.DataFrame({"x": [1]})}, target)


def test_write_report_into_an_existing_file(transcript: Transcript, tmp_path: Path) -> None:
    target = tmp_path / "out"
    target.write_text("x")
    analysis = ca.analyze(transcript)
    with pytest.raises(CoopanalysisError, match="not a folder"):
        ca.write_report(analysis, target, figures=False, qdpx=False)


@pytest.mark.parametrize("name", ["missing.qdpx", "folder"])
def test_read_qdpx_of_a_missing_file_or_a_folder(tmp_path: Path, name: str) -> None:
    (tmp_path / "folder").mkdir()
    with pytest.raises(CoopanalysisError, match=re.escape(name)):
        ca.read_qdpx(tmp_path / name)


@pytest.mark.parametrize("name", ["folder", "a_file/project.qdpx"])
def test_write_qdpx_to_a_folder_or_under_a_file(transcript: Transcript, tmp_path: Path,
                                                name: str) -> None:
    (tmp_path / "folder").mkdir()
    (tmp_path / "a_file").write_text("x")
    with pytest.raises(CoopanalysisError, match=r"folder|not a folder"):
        ca.write_qdpx(tmp_path / name, transcript=transcript)


@pytest.mark.parametrize("url, expected", [
    ("https://vimeo.com/123#t=5", "https://vimeo.com/123?t=1224"),
    ("https://example.org/v.mp4#t=5&x=1", "https://example.org/v.mp4?t=1224#x=1"),
    ("https://youtu.be/ID?t=10#comments", "https://youtu.be/ID?t=1224#comments"),
])
def test_replay_links_replace_a_time_in_the_fragment(url: str, expected: str) -> None:
    # A URL copied with "share at current time" (#t=5) kept its fragment, which players
    # read: every link of the report opened the replay at 5 s.
    links = ca.replay_links(pd.DataFrame({"start": [1224.4]}), url)
    assert links["replay_link"].tolist() == [expected]
