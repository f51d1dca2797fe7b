"""Caption noise that is not an edit, and spoken grammar tidied that is (issue #11).

Real YouTube auto-captions of the BDX I/O talks (``tests/data/factcheck``, Unlicense) and
word operations built by hand: short grammar words the captions double or insert, words
they split or join, grammar words around a misheard name, and the "ne" a writer restores.
"""

from __future__ import annotations

import pandas as pd

from coopanalysis.align.diff import ADDED, CUT, KEPT, REPLACED, Op
from coopanalysis.align.verdict import (
    caption_glue,
    faithful_kind,
    meaning_changes,
    ne_tidied,
    split_words,
)
from coopanalysis.model import Transcript
from helpers.quotes import align_one


def kept(*words: str) -> list[Op]:
    return [Op(KEPT, w, w) for w in words]


# --------------------------------------------------------------------------- glue words


def test_a_doubled_de_in_the_captions_is_not_an_edit(gestion: Transcript) -> None:
    # Captions: "… à retenir vis-à-vis de de cette expérience".
    row = align_one(gestion, "Ce que je vous propose, c'est de vous donner quelques points clés à "
                             "retenir vis-à-vis de cette expérience.")
    assert row["verdict"] == "verbatim" and pd.isna(row["changes"]), row["diff"]
    assert "- de" in row["diff"]


def test_an_article_started_twice_is_not_an_edit(gestion: Transcript) -> None:
    # Captions: "… et enfin on a le l'ancien score".
    row = align_one(gestion, "On a pris des gros raccourcis et enfin on a l'ancien score.")
    assert row["verdict"] == "verbatim", row["diff"]


def test_glue_words_only_between_printed_words_and_never_pronouns() -> None:
    ops = [*kept("une", "amelioration"), Op(CUT, spoken="de"), *kept("de", "ce", "code")]
    assert caption_glue(ops) == {2}
    assert faithful_kind(ops, other_edits=False) == "verbatim"
    # "vous allez se contracter" → "vous allez contracter": the writer tidied a pronoun.
    tidied = [*kept("vous", "allez"), Op(CUT, spoken="se"), *kept("contracter", "un")]
    assert caption_glue(tidied) == set()
    assert faithful_kind(tidied, other_edits=False) == "edited"
    # Three grammar words in a row are a clause cut, not noise.
    long_cut = [*kept("la", "dette"), *(Op(CUT, spoken=w) for w in ("et", "de", "la")),
                *kept("dette", "technique")]
    assert faithful_kind(long_cut, other_edits=False) == "edited"


# --------------------------------------------------------------------------- split words


def test_a_word_split_or_joined_by_the_captions_is_noise() -> None:
    split = [*kept("un"), Op(CUT, spoken="micro"), Op(REPLACED, "microservice", "service"),
             *kept("parfois")]
    assert split_words(split) == {1, 2}
    assert faithful_kind(split, other_edits=False) == "verbatim"
    joined = [*kept("point", "de"), Op(ADDED, printed="banque"),
              Op(REPLACED, "route", "banqueroute"), *kept("ou")]
    assert faithful_kind(joined, other_edits=False) == "verbatim"
    # Another word, not the same letters: an edit.
    other = [*kept("un"), Op(CUT, spoken="petit"), Op(REPLACED, "microservice", "service"),
             *kept("parfois")]
    assert faithful_kind(other, other_edits=False) == "edited"


# --------------------------------------------------------------------------- grammar words


def test_grammar_words_around_a_misheard_name_are_not_a_word_change() -> None:
    # "Chez ManoManou" captioned "au mano": the name sounds alike, "chez" is grammar.
    ops = [*kept("nous"), Op(REPLACED, "chez", "au"), Op(REPLACED, "manomanou", "mano"),
           *kept("on", "essaie")]
    changes, _ = meaning_changes(ops, "nous chez ManoManou on essaie", "nous au mano on essaie")
    assert changes == []
    swapped = [*kept("nous"), Op(REPLACED, "chez", "au"), Op(REPLACED, "castorama", "mano"),
               *kept("on", "essaie")]
    changes, _ = meaning_changes(swapped, "nous chez Castorama on essaie",
                                 "nous au mano on essaie")
    assert changes and changes[0].startswith("word: "), changes


# --------------------------------------------------------------------------- ne


def test_a_ne_the_captions_do_not_give_is_spoken_grammar_tidied(gestion: Transcript) -> None:
    # Captions: "finalement on peut pas faire d'analyse statique c'est très difficile".
    row = align_one(gestion, "Finalement, on ne peut pas faire d'analyse statique, c'est très "
                             "difficile.")
    assert row["verdict"] == "edited" and pd.isna(row["changes"]), row["diff"]
    assert 'printed "ne" not in the transcript' in row["warning"]


def test_an_elided_ne_after_on_cannot_be_heard() -> None:
    # "on n'a pas" sounds as "on a pas".
    silent = [*kept("qu", "on"), Op(ADDED, printed="n"), *kept("a", "pas", "de", "dette")]
    assert not ne_tidied(silent, 2)
    assert faithful_kind(silent, other_edits=False) == "verbatim"
    heard = [*kept("vous"), Op(ADDED, printed="n"), *kept("avez", "pas", "le", "choix")]
    assert ne_tidied(heard, 1)
    assert faithful_kind(heard, other_edits=False) == "edited"
    # A transcript that never writes "ne" says nothing about it.
    assert faithful_kind(heard, other_edits=False, renders_ne=False) == "verbatim"


def test_a_ne_heard_but_paired_with_another_word_is_not_tidied() -> None:
    # "les équipes ne l'apprennent pas" captioned "les équipes n'apprennent pas".
    ops = [*kept("les", "equipes"), Op(ADDED, printed="ne"), Op(REPLACED, "l", "n"),
           *kept("apprennent", "pas")]
    assert not ne_tidied(ops, 2)
    assert faithful_kind(ops, other_edits=False) == "verbatim"


def test_a_misheard_grammar_word_keeps_a_quote_verbatim() -> None:
    # "chez ManoMano" captioned "au ManoMano".
    ops = [Op(REPLACED, "chez", "au"), *kept("manomano", "on", "a", "cree")]
    assert faithful_kind(ops, other_edits=False) == "verbatim"
    ops = [Op(REPLACED, "boutique", "au"), *kept("manomano", "on", "a", "cree")]
    assert faithful_kind(ops, other_edits=False) == "edited"
