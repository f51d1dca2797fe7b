"""Nombres d'une citation et d'un sous-titre : valeurs, genres, comparaison."""

from __future__ import annotations

import pytest

from coopanalysis.text.numbers import compare_numbers, numbers_in


def values(text: str) -> list[tuple[float, str]]:
    return [(m.value, m.kind) for m in numbers_in(text)]


@pytest.mark.parametrize(("text", "expected"), [
    ("j'ai 33 ans", [(33.0, "cardinal")]),
    ("3 000 MWh", [(3000.0, "cardinal")]),
    ("3\u00a0000 MWh", [(3000.0, "cardinal")]),
    ("3\u202f000 MWh", [(3000.0, "cardinal")]),
    ("3.000 MWh", [(3000.0, "cardinal")]),
    ("1,5 milliard", [(1_500_000_000.0, "cardinal")]),
    ("20 % des développeurs", [(20.0, "percent")]),
    ("20% des développeurs", [(20.0, "percent")]),
    ("vingt pour cent", [(20.0, "percent")]),
    ("cinquante pour cent", [(50.0, "percent")]),
    ("quarante-cinq mégawattheures", [(45.0, "cardinal")]),
    ("trois cents", [(300.0, "cardinal")]),
    ("un million de commandes", [(1_000_000.0, "cardinal")]),
    ("5 millions d'euros", [(5_000_000.0, "cardinal")]),
    ("quatre-vingt-dix-sept", [(97.0, "cardinal")]),
    ("soixante et onze", [(71.0, "cardinal")]),
    ("un virgule cinq", [(1.5, "cardinal")]),
])
def test_cardinaux_et_pourcentages(text: str, expected: list[tuple[float, str]]) -> None:
    assert values(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("inventé en 1992 par Warren Cunningham", [(1992.0, "year")]),
    ("depuis deux mille seize", [(2016.0, "year")]),
    ("depuis 2019 et la société a énormément évolué", [(2019.0, "year")]),
])
def test_annees(text: str, expected: list[tuple[float, str]]) -> None:
    assert values(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("le premier point", 1.0), ("la deuxième cause", 2.0), ("le 3e trimestre", 3.0),
    ("le 1er janvier", 1.0), ("le IIIe siècle", 3.0), ("le XXIe siècle", 21.0),
    ("le vingt et unième siècle", 21.0),
])
def test_ordinaux(text: str, expected: float) -> None:
    assert values(text) == [(expected, "ordinal")]


@pytest.mark.parametrize("text", [
    "c'est une marketplace de bricolage", "un concept de développement logiciel",
    "Ce n'est pas un problème", "quoi de neuf", "on a un petit peu pareil",
])
def test_articles_et_faux_nombres(text: str) -> None:
    assert numbers_in(text) == []


def test_un_compte_quand_il_est_un_nombre() -> None:
    assert values("un sur deux") == [(1.0, "cardinal"), (2.0, "cardinal")]
    assert values("un ou deux ans") == [(1.0, "cardinal"), (2.0, "cardinal")]


def test_nombres_voisins_restent_separes() -> None:
    assert values("traverse trois, quatre années") == [(3.0, "cardinal"), (4.0, "cardinal")]
    assert values("de 200 personnes à 500 personnes en trois ans") == [
        (200.0, "cardinal"), (500.0, "cardinal"), (3.0, "cardinal")]


def test_unite_et_texte_imprime() -> None:
    [mention] = numbers_in("on a produit 45 MWh hier")
    assert (mention.unit, mention.text, mention.start, mention.end) == ("MWh", "45 MWh", 13, 19)


@pytest.mark.parametrize(("printed", "spoken"), [
    ("traverse 3, 4 années depuis 2019", "traverse trois quatre années depuis 2019"),
    ("adopté 10 ans plus tard", "adopté dix ans plus tard"),
    ("sauf que 6 mois plus tard", "sauf que six mois plus tard"),
    ("20 %", "vingt pour cent"), ("3 000", "trois mille"), ("1,5", "un virgule cinq"),
    ("depuis 2016", "depuis deux mille seize"), ("1 an", "un an"),
])
def test_edition_des_nombres_sans_changement(printed: str, spoken: str) -> None:
    assert compare_numbers(printed, spoken) == []


def test_changements_de_valeur() -> None:
    assert compare_numbers("une équipe de douze architectes", "une équipe de six architectes") \
        == [("douze", "six")]
    assert compare_numbers("45 MWh depuis 2016", "54 MWh depuis 2020") == [
        ("45 MWh", "54 MWh"), ("2016", "2020")]
    assert compare_numbers("5 millions", "5") == [("5 millions", "5")]
    assert compare_numbers("en 2035", "") == [("2035", "")]


def test_approximate_quantities_are_values() -> None:
    from coopanalysis.text.numbers import compare_numbers, numbers_in

    assert [m.value for m in numbers_in("une quarantaine de réacteurs, des centaines")] == [
        40.0, 100.0]
    assert compare_numbers("une quarantaine de réacteurs", "une soixantaine de réacteurs")
