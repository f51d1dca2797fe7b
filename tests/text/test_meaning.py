"""Mots porteurs de sens : négations, quantificateurs, précautions (sous-titres BDX I/O)."""

from __future__ import annotations

import pytest

from coopanalysis.text.meaning import (
    hedges_in,
    negating_prefix,
    opposed,
    polarity_markers,
    scale_of,
)
from coopanalysis.text.normalize import match_tokens


def negations(text: str) -> list[str]:
    return [word for _, word in polarity_markers(match_tokens(text))]


@pytest.mark.parametrize(("text", "expected"), [
    ("on n'en faisait pas on savait pas maîtriser la technologie", ["pas", "pas"]),
    ("que personne ne maintient que personne ne veut redémarrer", ["personne", "personne"]),
    ("difficile il y a personne pour vous", ["personne"]),
    ("ça ne passe plus", ["plus"]),
    ("qui parfois est plus complexe", []),
    ("de plus en plus connu", []),
    ("une personne de l'équipe", []),
    ("non seulement la dette mais aussi", []),
    ("sans documentation", ["sans"]),
    ("la dette n'est jamais volontaire", ["jamais"]),
])
def test_negations(text: str, expected: list[str]) -> None:
    assert negations(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("je pense que vous en avez déjà entendu", ["je pense"]),
    ("c'est un petit peu plus compliqué", ["un petit peu"]),
    ("et sûrement il y a une grosse part de dette", ["surement"]),
    ("c'est peut-être le business", ["peut etre"]),
    ("à mon avis c'est sans doute nécessaire", ["a mon avis", "sans doute"]),
    ("on va dire a priori", ["on va dire", "a priori"]),
    ("la dette technique c'est le coût des retouches", []),
])
def test_precautions(text: str, expected: list[str]) -> None:
    assert [hedge for _, _, hedge in hedges_in(match_tokens(text))] == expected


def test_precautions_positions() -> None:
    tokens = match_tokens("je crois que c'est un petit peu plus compliqué")
    assert hedges_in(tokens) == [(0, 2, "je crois"), (5, 8, "un petit peu")]


@pytest.mark.parametrize(("a", "b"), [
    ("plus", "moins"), ("tous", "quelques"), ("beaucoup", "peu"), ("toujours", "parfois"),
    ("majorite", "minorite"), ("souvent", "rarement"), ("avec", "sans"),
])
def test_quantificateurs_opposes(a: str, b: str) -> None:
    assert opposed(a, b)


def test_quantificateurs_proches_ou_inconnus() -> None:
    assert not opposed("tous", "toutes")
    assert not opposed("dette", "plus")
    assert scale_of("moins") == ("comparison", 1)


@pytest.mark.parametrize(("a", "b", "prefix"), [
    ("possible", "impossible", "im"), ("contrôlables", "incontrôlables", "in"),
    ("légal", "illégal", "il"), ("content", "mécontent", "me"), ("accord", "désaccord", "des"),
    ("dette", "tete", None), ("réduction", "rédaction", None),
])
def test_prefixes_negatifs(a: str, b: str, prefix: str | None) -> None:
    assert negating_prefix(match_tokens(a)[0], match_tokens(b)[0]) == prefix


def test_opinion_markers_are_hedges() -> None:
    from coopanalysis.text.meaning import hedges_in

    found = hedges_in(["c", "est", "pour", "moi", "l", "indicateur", "majeur", "selon", "moi"])
    assert [h for _, _, h in found] == ["pour moi", "selon moi"]
