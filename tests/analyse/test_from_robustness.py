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


def test_theme_stats_with_units_of_another_table_warns(transcript: Transcript) -> None:
    # Sentence ids and turn ids are both 0, 1, 2…: themes of sentences with units=turns
    # found every id and gave wrong shares of talk silently.
    two_turns = ca.read_transcript(
        "WEBVTT\n\n00:00:01.000 --> 00:00:09.000\n<v Alice>La coopération territoriale est "
        "une nécessité. La confiance prend du temps long.\n\n00:00:10.000 --> 00:00:14.000\n"
        "<v Bob>La coopération entre les élus demande de la confiance.\n")
    units = ca.sentences(two_turns)
    themes = ca.tag_themes(units)
    assert set(themes["unit_id"]) == {"0", "1", "2"}
    import warnings

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        ca.theme_stats(themes, units=ca.turns(two_turns))
    assert any("another table" in str(w.message) for w in caught), caught
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ca.theme_stats(themes, units=units)
