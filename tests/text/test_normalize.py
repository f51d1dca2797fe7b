"""French text normalisation: the one place where apostrophes, accents and numbers are unified."""

from __future__ import annotations

from coopanalysis.text.normalize import FILLERS, fold, match_tokens, normalize_text, number_to_words


def test_normalize_text_unifies_typography_without_losing_meaning() -> None:
    raw = "L\u2019avenir\u00a0: «\u202fÉcouter\u202f» \u2014 ça\x00 s\u2019outille\u2026  \n fin"
    assert normalize_text(raw) == "L'avenir : « Écouter » - ça s'outille... fin"


def test_normalize_text_is_nfc() -> None:
    decomposed = "Me\u0301zie\u0300re"
    assert normalize_text(decomposed) == "Mézière"


def test_fold_removes_case_accents_and_ligatures() -> None:
    assert fold("Écouter, ÇA s’outille ; œuvre") == "ecouter, ca s'outille ; oeuvre"


def test_match_tokens_splits_elisions_spells_numbers_drops_fillers() -> None:
    printed = "En un an, nous avons collecté plus de 10 tonnes"
    spoken = "euh en un an nous avons collecté euh plus de dix tonnes"
    assert match_tokens(printed) == match_tokens(spoken)
    expected = ["l", "avenir", "de", "nos", "territoires"]
    assert match_tokens("L'avenir de nos territoires") == expected
    assert match_tokens("ronds-points") == ["ronds", "points"]
    assert "euh" in FILLERS
    assert match_tokens("euh", drop_fillers=False) == ["euh"]


def test_number_to_words_french() -> None:
    assert number_to_words("14") == "quatorze"
    assert number_to_words("2019") == "deux mille dix-neuf"
    assert number_to_words("2,5") == "deux virgule cinq"


def test_soft_hyphen_is_invisible_in_normalized_text() -> None:
    assert normalize_text("la con\u00adfiance") == "la confiance"


def test_thousands_separated_by_any_space_are_one_number() -> None:
    from coopanalysis.text.normalize import match_tokens

    spelled = ["mille", "six", "cents", "gw"]
    assert match_tokens("1600 GW") == spelled
    assert match_tokens("1\u202f600 GW") == spelled  # narrow no-break space
    assert match_tokens("1\u00a0600 GW") == spelled  # no-break space
    assert match_tokens("1 600 GW") == spelled
    # A year then a count is not one number: the first group has four digits.
    assert match_tokens("en 2019 300 personnes")[:4] == ["en", "deux", "mille", "dix"]
