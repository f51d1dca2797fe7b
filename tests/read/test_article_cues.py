"""Speaker cues of daily-press prose (issue 13): protest verbs, "Pour X, … « … »", the
minute of a recording. Real spaCy, no mocks."""

from __future__ import annotations

import math

import pytest

from coopanalysis.read.article import read_article
from coopanalysis.timecode import find_timestamps

INTRO = "La réunion publique s'est tenue mardi soir à la salle des fêtes.\n\n"


def _rows(text: str) -> list[tuple[str | None, str, float]]:
    quotes = read_article(INTRO + text).quotes
    return [(r.speaker if isinstance(r.speaker, str) else None, r.kind, r.stated_start)
            for r in quotes.itertuples()]


def test_a_protest_verb_after_the_quotation_names_its_speaker() -> None:
    rows = _rows("« Personne ne nous a prévenus de cette fermeture », a déploré "
                 "Hélène Marquis.\n")
    assert [r[:2] for r in rows] == [("Hélène Marquis", "quote")]


def test_a_protest_verb_before_a_noun_phrase_gives_a_fragment() -> None:
    rows = _rows("Hélène Marquis, conseillère municipale, a dénoncé « une décision prise "
                 "dans le dos des habitants ».\n")
    assert [r[:2] for r in rows] == [("Hélène Marquis", "fragment")]


def test_pour_x_with_a_long_apposition_presents_the_speaker() -> None:
    rows = _rows("Pour Gaspard Lemoine, ancien boulanger qui anime le collectif depuis "
                 "2021, « la fermeture du bureau de poste condamne le bourg ».\n")
    assert [r[:2] for r in rows] == [("Gaspard Lemoine", "fragment")]


def test_pour_x_without_a_quotation_presents_nobody() -> None:
    text = ("Pour Gaspard Lemoine, ancien boulanger, la fermeture condamne le bourg. "
            "« Rien n'est décidé », a répondu la préfecture.\n")
    quotes = read_article(INTRO + text)
    assert "Gaspard Lemoine" not in set(quotes.speakers["speaker"])


def test_the_minute_of_the_recording_is_a_stated_time() -> None:
    rows = _rows("« Les horaires changeront en janvier », a annoncé Hélène Marquis "
                 "à la 23e minute.\n")
    assert rows[0][0] == "Hélène Marquis"
    assert rows[0][2] == 23 * 60


def test_ordinal_minutes_need_the_words_a_la_and_minute() -> None:
    assert [m.seconds for m in find_timestamps("à la 3ème minute")] == [180.0]
    assert find_timestamps("la 12e minute du débat, à 20 heures, au 47e rang") == []


def test_a_clock_time_is_not_a_minute_of_the_recording() -> None:
    rows = _rows("« On ferme à 22 heures », a déploré Hélène Marquis à 21 h 30.\n")
    assert math.isnan(rows[0][2])


def test_a_subject_then_il_confie_presents_the_speaker() -> None:
    rows = _rows("Sur le parvis, Lucien Barthès range ses affiches. Il confie qu'il hésite "
                 "encore. « Je voterai contre si rien ne change », dit-il.\n")
    assert [r[0] for r in rows] == ["Lucien Barthès"]


def test_a_subject_then_a_pronoun_without_speech_presents_nobody() -> None:
    article = read_article(INTRO + "Sur le parvis, Lucien Barthès range ses affiches. Il "
                           "fait froid. « Je voterai contre », lance un habitant.\n")
    assert "Lucien Barthès" not in set(article.speakers["speaker"])


def test_a_name_that_is_not_the_subject_is_not_the_pronoun_s() -> None:
    article = read_article(INTRO + "On croise Lucien Barthès sur le parvis. Il confie "
                           "qu'il hésite. « Je voterai contre », lance un habitant.\n")
    assert "Lucien Barthès" not in set(article.speakers["speaker"])


def test_le_docteur_is_a_role_before_the_name() -> None:
    rows = _rows("Au premier rang, le docteur Paul Vernet écoute. « Il nous faut des "
                 "internes, pas des promesses », lance le docteur.\n")
    assert [r[0] for r in rows] == ["Paul Vernet"]


LEADING = "« Nous ne céderons pas », affirme Hélène Marquis (12min05). "


@pytest.mark.parametrize(("sentence", "seconds"), [
    ("À 41 min 30, elle lance : « Le budget est insincère. »", 41 * 60 + 30),
    ("Vers 1 h 10, le maire Paul Girard rétorque : « Le budget est voté. »", 3600 + 600),
    ("(à 33 min 10) Il ajoute : « Le budget est voté. »", 33 * 60 + 10),
    ("Vers 1 h 10, elle a fini par évoquer « un moratoire d'un an ».", 3600 + 600),
])
def test_a_time_opening_the_sentence_times_the_quotation_that_follows(
        sentence: str, seconds: float) -> None:
    rows = _rows(LEADING + sentence + "\n")
    assert [r[2] for r in rows] == [725.0, seconds]


def test_a_time_opening_the_sentence_goes_forward_even_after_an_untimed_quote() -> None:
    rows = _rows("« Nous ne céderons pas », affirme Hélène Marquis. À 41 min 30, elle lance "
                 ": « Le budget est insincère. »\n")
    assert math.isnan(rows[0][2]) and rows[1][2] == 41 * 60 + 30


@pytest.mark.parametrize("clock", ["À 18 h 30", "Vers 21 h 10", "À 18:30"])
def test_a_clock_time_before_a_quotation_stays_empty(clock: str) -> None:
    rows = _rows(f"« Nous ne céderons pas », affirme Hélène Marquis. {clock}, le maire "
                 "Paul Girard lance : « Le budget est voté. »\n")
    assert len(rows) == 2 and all(math.isnan(r[2]) for r in rows)
