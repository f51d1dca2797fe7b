"""Robustness tests from the former test_robustness.py (to merge into this package's tests)."""

from __future__ import annotations

import pandas as pd
import pytest

import coopanalysis as ca
from coopanalysis.errors import AlignmentError
from coopanalysis.model import Transcript

VTT = (
    "WEBVTT\n\n"
    "00:00:01.000 --> 00:00:04.000\n"
    "<v Alice>la coopération territoriale est une nécessité pour nos communes\n\n"
    "00:00:05.000 --> 00:00:09.000\n"
    "<v Bob>il faut du temps long pour construire la confiance entre les élus\n"
)
QUOTE = "il faut du temps long pour construire la confiance entre les élus"

SENTENCE = "le temps long est la clé de toute coopération territoriale réussie selon moi"
SPOKEN = "c'est le temps long qui construit la confiance entre les communes et les élus"


@pytest.fixture()
def transcript() -> Transcript:
    return ca.read_transcript(VTT)


def test_unicode_quote_nfd_nbsp_rtl_emoji_is_aligned() -> None:
    import unicodedata

    spoken = unicodedata.normalize("NFD", "la coopération entre élus\u00a0: c’est l’été\u200f 🌍")
    t = ca.read_transcript(f"WEBVTT\n\n00:00:01.000 --> 00:00:05.000\n{spoken}\n")
    printed = "La coopération entre élus : c'est l'été"
    aligned = ca.align_quotes(pd.DataFrame({"text": [printed]}), t)
    assert aligned[["status", "verdict"]].values.tolist() == [["matched", "verbatim"]]
    assert aligned["start"].iloc[0] == pytest.approx(1.0)


@pytest.mark.parametrize("max_offset", [-5, float("nan"), "600"])
def test_align_rejects_an_unusable_max_offset(transcript: Transcript, max_offset: object) -> None:
    # -5 silently made every timed quote unmatched; "600" (from a config file) crashed
    # with a TypeError deep in the search.
    quotes = pd.DataFrame({"text": [QUOTE], "stated_start": [5.0]})
    with pytest.raises(AlignmentError, match="max_offset"):
        ca.align_quotes(quotes, transcript, max_offset=max_offset)  # type: ignore[arg-type]


@pytest.mark.parametrize("min_score", [-0.1, 2, float("nan"), "0.6"])
def test_align_rejects_an_unusable_min_score(transcript: Transcript, min_score: object) -> None:
    # 2 or NaN silently made every quote unmatched; "0.6" raised a TypeError.
    quotes = pd.DataFrame({"text": [QUOTE]})
    with pytest.raises(AlignmentError, match="min_score"):
        ca.align_quotes(quotes, transcript, min_score=min_score)  # type: ignore[arg-type]


def test_align_accepts_the_documented_options(transcript: Transcript) -> None:
    quotes = pd.DataFrame({"text": [QUOTE], "stated_start": [5.0]})
    for max_offset in (None, 0, 30, 600.0):
        aligned = ca.align_quotes(quotes, transcript, max_offset=max_offset, min_score=0.6)
        assert aligned["status"].tolist() == ["matched"]
        assert aligned["start"].iloc[0] == pytest.approx(5.0, abs=1.0)


def test_a_sentence_said_again_in_the_next_cue_is_two_places() -> None:
    # The roll-up de-duplication dropped a cue repeating the previous cue's words even
    # 30 minutes later, so the aligner saw one place and said "matched" at 00:00:01.
    t = ca.read_transcript(f"WEBVTT\n\n00:00:01.000 --> 00:00:05.000\n{SENTENCE}\n\n"
                           f"00:30:00.000 --> 00:30:05.000\n{SENTENCE}\n")
    aligned = ca.align_quotes(pd.DataFrame({"text": [SENTENCE, SENTENCE],
                                            "stated_start": [1800.0, float("nan")]}), t)
    assert aligned["start"].iloc[0] == pytest.approx(1800.0)
    assert aligned["status"].iloc[1] == "uncertain"
    assert "ambiguous" in aligned["warning"].iloc[1]


def test_a_quote_across_a_time_reset_is_not_matched() -> None:
    # Two files concatenated: the quote's first words at 00:10:00, its last at 00:00:05.
    first, rest = SENTENCE[:40], SENTENCE[40:]
    t = ca.read_transcript(f"WEBVTT\n\n00:10:00.000 --> 00:10:05.000\n{first}\n\n"
                           f"00:00:01.000 --> 00:00:05.000\n{rest}\n")
    aligned = ca.align_quotes(pd.DataFrame({"text": [SENTENCE]}), t)
    assert aligned["status"].tolist() == ["uncertain"]
    assert "back in time" in aligned["warning"].iloc[0]


def test_a_quote_on_words_without_times_is_not_matched() -> None:
    import json

    words = [{"word": w, "start": None, "end": None} for w in SENTENCE.split()]
    t = ca.read_transcript(json.dumps({"segments": [
        {"start": 1.0, "end": 6.0, "text": SENTENCE, "words": words}]}))
    aligned = ca.align_quotes(pd.DataFrame({"text": [SENTENCE]}), t)
    assert aligned["status"].tolist() == ["uncertain"]
    assert "no time" in aligned["warning"].iloc[0]


@pytest.mark.parametrize("printed", [
    "c&#8217;est le temps long qui construit la confiance entre les communes et les élus",
    "c&rsquo;est le temps long qui construit la confiance&nbsp;entre les communes et les "
    "&eacute;lus",
    "c'est le temps long qui construit la con\u00adfiance entre les communes et les élus",
])
def test_quotes_pasted_from_web_pages_are_verbatim(printed: str) -> None:
    # HTML entities compared as words ("8217" → "huit mille deux cent dix-sept") and soft
    # hyphens splitting words made verbatim quotes "altered" or "edited".
    t = ca.read_transcript(f"WEBVTT\n\n00:00:01.000 --> 00:00:09.000\n{SPOKEN}\n")
    aligned = ca.align_quotes(pd.DataFrame({"text": [printed]}), t)
    assert aligned[["status", "verdict"]].values.tolist() == [["matched", "verbatim"]]
    assert aligned["text"].iloc[0] == printed


def test_quotes_without_ids_are_numbered_by_row(transcript: Transcript) -> None:
    quotes = pd.DataFrame({"text": ["une phrase qui n'a jamais été dite par personne ici",
                                    "une autre phrase absente du replay de la table ronde"]})
    aligned = ca.align_quotes(quotes, transcript)
    assert aligned["quote_id"].tolist() == ["row1", "row2"]
