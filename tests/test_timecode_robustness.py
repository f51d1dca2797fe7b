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


@pytest.mark.parametrize("value", [None, 75, float("nan"), True, ["20min24"]])
def test_parse_time_of_a_non_string_is_a_timecode_error(value: object) -> None:
    # A spreadsheet column mapped through parse_time holds numbers and NaN: AttributeError.
    with pytest.raises(ca.TimecodeError, match="expected a time"):
        ca.parse_time(value)  # type: ignore[arg-type]


def test_find_timestamps_of_a_non_string_is_a_timecode_error() -> None:
    with pytest.raises(ca.TimecodeError, match="expected text"):
        ca.find_timestamps(None)  # type: ignore[arg-type]
