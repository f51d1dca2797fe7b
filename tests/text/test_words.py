"""text.words.count_words: the one word count behind every n_words column."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from coopanalysis.text.words import count_words, words


@pytest.mark.parametrize(("text", "expected"), [
    ("L'avenir, c'est demain ! [Rires]", 3),            # elisions join; a sound tag is not speech
    ("l’avenir", 1),                                    # typographic apostrophe too
    ("la vice-présidente du Comité 21", 5),             # a hyphenated word is one word
    ("rendez-vous à 20 h", 4),
    ("3,5 millions d'euros", 4),                        # "3,5": the comma splits two numbers
    ("en 2025, 1 000 repas", 5),                        # "2025" is one; "1 000" two
    ("[Musique] [Applaudissements]", 0),
    ("[Musique] bonjour [rires] à tous", 3),
    ("— « Oui ! » …", 1),                               # punctuation alone is no word
    ("", 0),
    ("   ", 0),
    ("under_score", 2),                                 # "_" joins nothing
    ("euh… ben voilà", 3),                              # fillers are words here (not dropped)
])
def test_count_words(text: str, expected: int) -> None:
    assert count_words(text) == expected


@pytest.mark.parametrize("missing", [None, pd.NA, math.nan, 3])
def test_missing_or_non_text_counts_zero(missing: object) -> None:
    assert count_words(missing) == 0
    assert words(missing) == []


def test_words_in_order() -> None:
    assert words("L'avenir, c'est la vice-présidente [Rires] en 2025") == [
        "L'avenir", "c'est", "la", "vice-présidente", "en", "2025"]


def test_counts_agree_on_a_cue_column() -> None:
    texts = pd.Series(["Bonjour à tous", pd.NA, "[Musique]", "l'été 2025"], dtype="string")
    assert texts.map(count_words).tolist() == [3, 0, 0, 2]
