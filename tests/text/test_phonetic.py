"""Ressemblance sonore : erreurs de reconnaissance des sous-titres BDX I/O contre substitutions."""

from __future__ import annotations

import pytest

from coopanalysis.text.phonetic import SOUNDS_ALIKE, phonetic_key, sounds_alike


@pytest.mark.parametrize(("said", "heard"), [
    # corrigé → sous-titres automatiques YouTube des talks BDX I/O (tests/data/factcheck)
    ("mergerequest", "marge de quest"), ("ManoMano", "malo mano"), ("réduction", "rédaction"),
    ("sonarcraft", "sonargraphe"), ("mots importants", "mois important"),
    ("essaient", "essayent"), ("dette", "det"), ("Kubernetes", "cube air net"),
    ("évolue beaucoup", "a voulu beaucoup"),
])
def test_mauvaises_ecoutes_sonnent_pareil(said: str, heard: str) -> None:
    assert sounds_alike(said, heard) >= SOUNDS_ALIKE


@pytest.mark.parametrize(("printed", "spoken"), [
    ("augmenter", "réduire"), ("hausse", "baisse"), ("développeurs", "managers"),
    ("public", "privé"), ("européen", "mondial"), ("augmentation", "diminution"),
    ("toujours", "jamais"), ("creuser", "réduire"),
])
def test_substitutions_ne_sonnent_pas_pareil(printed: str, spoken: str) -> None:
    assert sounds_alike(printed, spoken) < SOUNDS_ALIKE


@pytest.mark.parametrize(("a", "b"), [
    ("dette", "dettes"), ("allé", "aller"), ("ça", "sa"), ("bateau", "bato"),
    ("photo", "foto"), ("qualité", "kalité"), ("cœur", "keur"), ("deux", "d'eux"),
])
def test_cles_identiques(a: str, b: str) -> None:
    assert phonetic_key(a) == phonetic_key(b)


def test_bornes() -> None:
    assert sounds_alike("dette technique", "dette technique") == 1.0
    assert sounds_alike("", "") == 1.0
    assert sounds_alike("dette", "") == 0.0
