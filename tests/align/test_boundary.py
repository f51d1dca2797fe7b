"""A hedge or a negation spoken just outside the quote and left out: the quote is ``altered``.

Every printed word was said, in order; the journalist started the quote right after "je
pense que" or ended it right before "je crois" or "pas". Sentences are written for these
tests (word-timed, as YouTube or Whisper give them).
"""

from __future__ import annotations

import pandas as pd
import pytest

from coopanalysis import schema
from coopanalysis.align.boundary import lead_hedge, tail_hedge, tail_negation
from coopanalysis.model import Transcript
from coopanalysis.text.normalize import match_tokens
from helpers.quotes import align_one

BEFORE = "bonjour à tous merci d'être venus ce soir pour parler de la commune"
AFTER = "et puis on verra bien ce que disent les habitants la semaine prochaine"
CLAIM = "les petites communes vont perdre leurs écoles rurales dans les dix prochaines années"


def speech(*parts: str, pause_before: int | None = None) -> Transcript:
    """Words 0.4 s apart; a 2 s silence before the ``pause_before``-th part."""
    rows, t = [], 0.0
    for k, part in enumerate(parts):
        if k == pause_before:
            t += 2.0
        for word in part.split():
            rows.append({"word_id": len(rows), "cue_id": len(rows) // 8, "start": t,
                         "end": t + 0.3, "word": word})
            t += 0.4
    table = pd.DataFrame(rows)
    cues = (table.groupby("cue_id")
            .agg(start=("start", "min"), end=("end", "max"), text=("word", " ".join))
            .reset_index())
    return Transcript(cues=schema.conform(cues, schema.CUES),
                      words=schema.conform(table, schema.WORDS))


def tokens(text: str) -> list[str]:
    return match_tokens(text)


@pytest.mark.parametrize(("before", "expected"), [
    ("alors je pense que", "je pense que"),
    ("et peut-être qu'", "peut etre qu"),
    ("franchement à mon avis", "a mon avis"),
    ("je crois que c'est", "je crois que"),         # two function words between: same clause
    ("c'est bon je pense", None),                   # no "que": it closed the sentence before
    ("je pense que la réunion", None),              # "réunion": another clause began
    # A sentence adverb right before the quote: read as its hedge, even where it may close
    # the sentence before (captions have no punctuation; missing a cut hedge is worse).
    ("d'ici normalement", "normalement"),
    ("ça marche normalement", "normalement"),
    ("alors peut-être", "peut etre"),               # "peut-être | un doublement du PIB"
    ("ça peut être", None),                         # the verb "pouvoir être"
    ("je leur dis peut-être mais", None),           # "mais": the adverb closed a clause
    ("donc normalement ça", "normalement"),         # "normalement ça | ça fait…": a repeat
    ("je pense que tu, enfin,", "je pense que"),    # a self-correction keeps the hedge's reach
])
def test_lead_hedge(before: str, expected: str | None) -> None:
    assert lead_hedge(tokens(before)) == expected


@pytest.mark.parametrize(("last", "after", "expected"), [
    ("solution", "je crois et puis", "je crois"),
    ("solution", "peut-être", "peut etre"),
    ("solution", "à mon avis", "a mon avis"),
    ("solution", "je pense que demain il pleut", None),  # opens the next clause
    ("solution", "je pense à ma mère", None),             # "penser à": not a hedge
    ("solution", "je crois même qu'ils", None),
    ("ça", "peut-être utile", None),                     # "ça peut être": the verb
    ("que", "je pense", None),                           # "ce que je pense"
    ("solution", "j'ai l'impression pareil", None),      # opens the next clause
    ("allez", "peut-être publier ce framework", None),   # hedges "publier", not the quote
    ("solution", "peut-être mais", "peut etre"),
    # a verbal hedge is its own parenthetical clause, whatever word comes next
    ("solution", "je crois ensuite on a vu", "je crois"),
    ("nous", "il me semble les autres communes", "il me semble"),
    ("solution", "probablement les autres", None),       # an adverb may modify what follows
])
def test_tail_hedge(last: str, after: str, expected: str | None) -> None:
    assert tail_hedge(tokens(last)[0], tokens(after)) == expected


@pytest.mark.parametrize(("last", "after", "expected"), [
    ("attendent", "pas du tout", "pas"),
    ("change", "rien du tout", "rien"),
    ("pas", "pas du tout", None),        # a stumble: "pas pas"
    ("parlent", "pas mal", None),        # "quite a lot"
    ("parlent", "plus", None),           # "plus" is also "more"
    ("ne", "pas avoir", None),           # the quote prints the negation's first half
])
def test_tail_negation(last: str, after: str, expected: str | None) -> None:
    assert tail_negation(tokens(last)[0], tokens(after)) == expected


def test_a_quote_starting_after_je_pense_que_is_altered() -> None:
    row = align_one(speech(BEFORE, "je pense que", CLAIM, AFTER), CLAIM.capitalize() + ".")
    assert row["verdict"] == "altered"
    assert "hedge cut: je pense que" in row["changes"]


def test_a_quote_keeping_its_hedge_is_verbatim() -> None:
    row = align_one(speech(BEFORE, "je pense que", CLAIM, AFTER),
                    "Je pense que " + CLAIM + ".")
    assert row["verdict"] == "verbatim"


def test_a_hedge_before_a_long_pause_does_not_govern_the_quote() -> None:
    row = align_one(speech(BEFORE, "à mon avis", CLAIM, AFTER, pause_before=2),
                    CLAIM.capitalize() + ".")
    assert row["verdict"] == "verbatim"


def test_a_hedge_in_the_previous_sentence_does_not_count() -> None:
    row = align_one(speech(BEFORE, "ça se passera bien je pense", CLAIM, AFTER),
                    CLAIM.capitalize() + ".")
    assert row["verdict"] == "verbatim"


def test_a_quote_ending_before_je_crois_is_altered() -> None:
    row = align_one(speech(BEFORE, CLAIM, "je crois", AFTER), CLAIM.capitalize() + ".")
    assert row["verdict"] == "altered"
    assert "hedge cut: je crois" in row["changes"]


def test_a_quote_ending_before_je_crois_then_a_filler_is_altered() -> None:
    # the filler ("voilà") is dropped from the compared words: "ensuite" follows the hedge
    row = align_one(speech(BEFORE, CLAIM, "je crois voilà ensuite", AFTER),
                    CLAIM.capitalize() + ".")
    assert row["verdict"] == "altered"
    assert "hedge cut: je crois" in row["changes"]


def test_sans_doute_cut_is_a_hedge_not_a_negation() -> None:
    said = "les habitants sont sans doute plus contents quand les services restent ouverts"
    row = align_one(speech(BEFORE, said, AFTER),
                    "Les habitants sont plus contents quand les services restent ouverts.")
    assert row["verdict"] == "altered"
    assert row["changes"] == "hedge cut: sans doute"


def test_a_quote_ending_before_pas_is_altered() -> None:
    said = "la nouvelle ligne de tramway les habitants du quartier l'attendent"
    row = align_one(speech(BEFORE, said, "pas du tout", AFTER),
                    "La nouvelle ligne de tramway, les habitants du quartier l'attendent.")
    assert row["verdict"] == "altered"
    assert "negation cut: pas" in row["changes"]


def test_a_quote_ending_before_the_next_clause_stays_verbatim() -> None:
    row = align_one(speech(BEFORE, CLAIM, "je pense que", AFTER), CLAIM.capitalize() + ".")
    assert row["verdict"] == "verbatim"


def test_an_opinion_verb_cut_before_the_quote_is_a_hedge() -> None:
    """"moi je trouve que | les petites communes…": the view stated as a fact."""
    row = align_one(speech(BEFORE, "moi je trouve que", CLAIM, AFTER), CLAIM)
    assert row["verdict"] == "altered"
    assert "hedge cut: je trouve que" in row["changes"]
    assert lead_hedge(["ce", "que", "je", "trouve"]) is None


def test_a_hedge_begun_on_the_misheard_last_word_is_cut() -> None:
    """The last printed word heard as the hedge's first word ("années" heard "peut", then
    "être"): the quote still ends before the hedge."""
    said = CLAIM.replace("années", "peut") + " être et puis on verra bien ce soir"
    row = align_one(speech(BEFORE, said), CLAIM)
    assert row["verdict"] == "altered", row["changes"]
    assert "hedge cut: peut etre" in row["changes"]


def test_a_last_word_replaced_where_the_speech_goes_on_is_a_swap() -> None:
    """"… une voie plus | littéraire" said, "… une voie plus commerciale" printed."""
    said = "on m a clairement poussee a aller vers une voie plus litteraire"
    row = align_one(speech(BEFORE, said, AFTER),
                    "On m'a clairement poussée à aller vers une voie plus commerciale.")
    assert row["verdict"] == "altered", row["changes"]
    assert "word: litteraire→commerciale" in row["changes"]


def test_not_only_after_the_quote_is_no_negation_cut() -> None:
    """"… de dette d'État | pas seulement d'État…": "not only", a contrast to come."""
    said = CLAIM + " pas seulement dans les villages mais partout"
    row = align_one(speech(BEFORE, said), CLAIM)
    assert "negation" not in str(row["changes"]), row["changes"]
    assert row["verdict"] == "verbatim"


def test_a_softener_cut_after_the_quote_is_a_hedge() -> None:
    """"… dans les dix prochaines années | en quelque sorte": the claim made firmer."""
    row = align_one(speech(BEFORE, CLAIM + " en quelque sorte", AFTER), CLAIM)
    assert row["verdict"] == "altered"
    assert "hedge cut: en quelque sorte" in row["changes"]


def test_a_quantifier_just_before_the_match_is_compared() -> None:
    """"toutes les petites communes" said, "Certaines petites communes…" printed: the match
    starts at "les", the quantifier stands before it."""
    said = "toutes " + CLAIM
    printed = "Certaines " + CLAIM.split(" ", 1)[1]
    row = align_one(speech(BEFORE, said, AFTER), printed)
    assert row["verdict"] == "altered", row["changes"]
    assert "quantifier: toutes→certaines" in row["changes"]
