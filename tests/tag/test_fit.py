"""Tests of coopanalysis.tag.fit: per-theme coverage and the "may not fit" warning."""

from __future__ import annotations

import pandas as pd
from tests.helpers.model import needs_model

from coopanalysis.tag.codebook import Codebook, load_codebook
from coopanalysis.tag.fit import (
    MEASURED_ACCURACY,
    MEASURED_CAVEATS,
    UNSURE_SHARE,
    accuracy_note,
    codebook_fit,
    fit_warning,
    unsure_warning,
)
from coopanalysis.tag.themes import tag_themes

# Written for the tests: energy talk, then small talk the territorial codebook cannot tag.
ENERGY = pd.DataFrame({"unit_id": ["a", "b", "c"], "text": [
    "Le prix de l'électricité a doublé, et la centrale nucléaire est à l'arrêt.",
    "Bonjour à tous, merci d'être venus ce soir.",
    "Les éoliennes et le solaire ne suffiront pas sans stockage.",
]})


def test_fit_counts_units_and_words_per_theme() -> None:
    fit = codebook_fit(ENERGY, "policy_agendas")
    energy = fit.set_index("theme").loc["energy"]
    assert energy["n_units"] == 2
    assert abs(energy["unit_share"] - 2 / 3) < 1e-9
    words = [len(t.split()) for t in ENERGY["text"]]
    assert abs(energy["word_share"] - (words[0] + words[2]) / sum(words)) < 1e-9
    assert fit["theme"].iloc[-1] == "(any)"
    assert fit.attrs["warning"] is None


def test_a_codebook_that_tags_little_is_flagged() -> None:
    small_talk = pd.DataFrame({"text": ["Bonjour à tous, merci d'être venus."] * 12})
    fit = codebook_fit(small_talk, "policy_agendas")
    assert fit.attrs["warning"].startswith("the codebook may not fit this debate")
    assert "0% of the units" in fit.attrs["warning"]


def test_a_theme_carried_by_one_word_is_flagged() -> None:
    units = pd.DataFrame({"text": ["On parle d'inflation ici."] * 6})
    themes = tag_themes(units, "policy_agendas")
    fit = codebook_fit(units, "policy_agendas", themes)
    assert "single term 'inflation'" in (fit.attrs["warning"] or "")
    assert fit_warning(fit.iloc[:0]) is None


@needs_model
def test_a_theme_tagged_only_by_the_model_has_no_top_term() -> None:
    # Written for the test: a doctor gone from a village, said without a codebook term;
    # the hybrid's model tags it (health) with no lemma. The fit table gave an IndexError
    # on such a theme until session 17 (found by the CLI on the bundled article).
    units = pd.DataFrame({"unit_id": ["a", "b"], "text": [
        "Il y a trois ans on avait encore un médecin au village, maintenant il faut faire "
        "quarante minutes de route.",
        "Bonjour à tous, merci d'être venus ce soir."]})
    themes = tag_themes(units, "policy_agendas", method="hybrid")
    model_only = set(themes["theme"]) - set(themes.dropna(subset=["lemma"])["theme"])
    assert model_only, "the model should add a theme without a codebook term here"
    fit = codebook_fit(units, "policy_agendas", themes).set_index("theme")
    for theme in model_only:
        assert fit.loc[theme, "n_tags"] >= 1
        assert fit.loc[theme, "top_term"] is None and fit.loc[theme, "top_term_share"] == 0.0


def test_the_accuracy_note_gives_the_measured_figures_of_a_built_in_codebook() -> None:
    note = accuracy_note(load_codebook("policy_agendas"), "hybrid")
    for what, precision, recall in MEASURED_ACCURACY[("policy_agendas", "hybrid")]:
        assert f"on {what}, precision {precision:.2f}, recall {recall:.2f}" in note
    # real speech is named first: it is what users bring, and where the tagger is weakest
    assert note.index("real caption windows") < note.index("synthetic")
    assert "precision 0.60" in accuracy_note(load_codebook("policy_agendas"))
    # the measured caveat on the hybrid's own themes, and only for that method
    assert MEASURED_CAVEATS[("policy_agendas", "hybrid")] in note
    assert "method 'model'" not in accuracy_note(load_codebook("policy_agendas"))


def test_a_user_codebook_has_no_measured_accuracy(small: Codebook) -> None:
    note = accuracy_note(small, "codebook")
    assert note.startswith("The accuracy of this codebook (codebook method) has not been "
                           "measured")
    assert "precision" not in note
    assert "has not been measured" in accuracy_note(None)


def test_the_unsure_warning_is_given_from_one_tenth_of_the_units() -> None:
    units = pd.DataFrame({"unit_id": [str(i) for i in range(20)],
                          "text": ["Une phrase."] * 19 + [""]})      # 19 units with text
    unsure = pd.DataFrame({"unit_id": ["0", "1"], "theme": ["energy", "health"]})
    assert UNSURE_SHARE == 0.10
    note = unsure_warning(unsure, units)                              # 2 / 19 = 11 %
    assert note is not None and note.startswith("the theme model reads 2 of 19 units (11%)")
    assert unsure_warning(unsure.iloc[:1], units) is None             # 1 / 19 = 5 %
    assert unsure_warning(unsure.iloc[:0], units.iloc[:0]) is None
