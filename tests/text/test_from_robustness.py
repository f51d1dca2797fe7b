"""Robustness tests from the former test_robustness.py (to merge into this package's tests)."""

from __future__ import annotations

import pytest

import coopanalysis as ca
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


def test_soft_hyphen_is_invisible_in_normalized_text() -> None:
    from coopanalysis.text.normalize import normalize_text

    assert normalize_text("la con\u00adfiance") == "la confiance"
