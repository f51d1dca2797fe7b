"""Interviews whose questions name other people and quote them (issue 13): real spaCy."""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd

from coopanalysis.read.article import read_article

# The standfirst presents the interviewee; the questions name two other people.
INTERVIEW = """# Transports scolaires : le département s'explique

*Par Lucien Ferrat — publié le 3 mars 2026*

Au débat de Vernières, Odile Charvet, présidente du syndicat des transports, avait défendu
la fin de la gratuité. Elle répond à nos questions.

Question : Le maire de Vernières, Armand Poulain, a lancé pendant la soirée : « Nous
n'avons jamais été consultés sur ces tarifs. » Que lui répondez-vous ?

Réponse : Que la concertation a duré six mois. Il était invité à chaque réunion.

Question : Le docteur Yves Mercadier, président de l'union des parents, vous a objecté que
« les familles rurales paieront deux fois » (14min20). Est-ce juste ?

Réponse : Non. Le tarif tient compte du quotient familial.

Question : Vous avez déclaré que « la gratuité n'existe pas ». Le maintenez-vous ?

Réponse : Oui, quelqu'un paie toujours.

Question : Certains parlent d'une « réforme brutale ». Comprenez-vous la colère ?

Réponse : Je la comprends.
"""


def _rows(text: str) -> list[tuple[str | None, str, str]]:
    quotes = read_article(text).quotes
    return [(r.speaker if isinstance(r.speaker, str) else None, r.kind, r.clean_text[:22])
            for r in quotes.itertuples()]


def test_answers_go_to_the_person_the_standfirst_presents() -> None:
    rows = _rows(INTERVIEW)
    answers = [speaker for speaker, _kind, text in rows
               if text.startswith(("Que la concertation", "Non. Le tarif", "Oui, quelqu",
                                   "Je la comprends"))]
    assert answers == ["Odile Charvet"] * 4


def test_two_people_in_the_standfirst_leave_answers_unattributed() -> None:
    text = INTERVIEW.replace("Elle répond à nos questions.",
                             "Avec Bruno Leclair, maire de Sarlières, elle répond.")
    answers = [speaker for speaker, _kind, text in _rows(text)
               if text.startswith("Que la concertation")]
    assert answers == [None]


def test_words_a_question_quotes_are_those_of_the_person_it_names() -> None:
    rows = _rows(INTERVIEW)
    assert ("Armand Poulain", "quote", "Nous n'avons jamais ét") in rows
    assert ("Yves Mercadier", "fragment", "les familles rurales p") in rows
    question = next(r for r in rows if r[2].startswith("Le maire de Vernières"))
    assert question[0] is None  # the question itself is the journalist's


def test_time_after_a_quotation_in_a_question_is_that_quotation_s() -> None:
    quotes = read_article(INTERVIEW).quotes
    times = {r.clean_text[:22]: r.stated_start for r in quotes.itertuples()}
    assert times["les familles rurales p"] == 14 * 60 + 20
    question = next(v for k, v in times.items() if k.startswith("Le docteur Yves"))
    assert math.isnan(question)


def test_you_said_in_a_question_gives_the_words_to_the_interviewee() -> None:
    rows = _rows(INTERVIEW)
    assert ("Odile Charvet", "fragment", "la gratuité n'existe p") in rows


def test_words_a_question_quotes_without_a_cue_have_no_speaker() -> None:
    speakers = [speaker for speaker, _kind, text in _rows(INTERVIEW)
                if text.startswith("réforme brutale")]
    assert speakers == [None]


TRANSCRIPT = """# Débat sur la ligne de bus

Émission animée par Paule Garnier, avec Rémi Castaing, maire de Lussan.

## Transcription

**[00:12:05] PAULE GARNIER** — Rémi Castaing, pourquoi supprimer l'arrêt de la gare ?

**RÉMI CASTAING** — Parce que trois personnes par jour le prennent.

**[00:13:40] RÉMI CASTAING** — Et le car scolaire, lui, reste.
"""


def test_a_transcript_label_s_timecode_is_its_turn_s_stated_time() -> None:
    quotes = read_article(TRANSCRIPT).quotes
    times = [(r.clean_text[:12], r.stated_start) for r in quotes.itertuples()]
    assert times[0] == ("Rémi Castain", 12 * 60 + 5)
    assert math.isnan(times[1][1])
    assert times[2] == ("Et le car sc", 13 * 60 + 40)


def test_someone_named_only_in_an_answer_is_not_a_speaker() -> None:
    text = INTERVIEW.replace("Réponse : Je la comprends.",
                             "Réponse : La sociologue Agathe Morand, professeure à "
                             "l'université, écrit que la colère précède toujours l'adhésion.")
    speakers = set(read_article(text).speakers["speaker"])
    assert "Agathe Morand" not in speakers
    assert {"Odile Charvet", "Armand Poulain"} <= speakers


# The interviewee's full name is printed once, in a presentation that is not a role
# apposition; the answers are then labelled by initials only.
INITIALS_ONLY = """# Forêts communales : « Nous replantons trop tard »

*Entretien — propos recueillis par Paul Terrier*

Yvonne Lestrade, 61 ans, gère depuis dix ans les bois de la vallée pour un groupement.

**Combien d'hectares avez-vous replantés ?**

**Y. L.** : Trois cents en cinq ans, c'est trop peu pour ce qui a brûlé.

**Que demandez-vous à l'État ?**

**Y. L.** : Des plants disponibles au bon moment, pas deux ans après l'incendie.
"""


def test_initials_label_names_the_one_full_name_with_those_initials() -> None:
    article = read_article(INITIALS_ONLY)
    answers = article.quotes[article.quotes["clean_text"].str.startswith(("Trois", "Des"))]
    assert list(answers["speaker"]) == ["Yvonne Lestrade", "Yvonne Lestrade"]
    assert "Yvonne Lestrade" in set(article.speakers["speaker"])


def test_initials_label_shared_by_two_full_names_gives_no_speaker() -> None:
    text = INITIALS_ONLY.replace("pour un groupement.",
                                 "pour un groupement présidé par Yves Laborde.")
    article = read_article(text)
    answers = article.quotes[article.quotes["clean_text"].str.startswith(("Trois", "Des"))]
    assert answers["speaker"].isna().all()


def test_initials_label_of_the_author_gives_no_speaker() -> None:
    text = INITIALS_ONLY.replace("**Y. L.** : Trois", "**P. T.** : Trois")
    article = read_article(text)
    row = article.quotes[article.quotes["clean_text"].str.startswith("Trois")].iloc[0]
    assert not isinstance(row["speaker"], str)



def test_a_question_naming_the_interviewee_is_read_without_error() -> None:
    # blind35's interview (released as dev data): an italic question that names the
    # interviewee ("*Madame Cance, comment … ?*") stands between labelled answers. It looked
    # like a heading, was never scanned for sentences, and the surname check crashed on it.
    path = (Path(__file__).parents[1] / "data" / "articles" / "blind35"
            / "b35_02_entretien_fermeture_classe.md")
    quotes = read_article(path).quotes
    question = quotes[quotes["text"].str.startswith("Madame Cance, comment")]
    assert len(question) == 1 and pd.isna(question["speaker"].iat[0])


def test_plain_initials_and_a_dash_label_the_answer_of_the_person_they_fit() -> None:
    # The printed-press interview: full names first, then "A. R. — …" without bold.
    text = ("# Le marché couvert rouvre\n\n"
            "**Trois semaines après la réunion publique, le maire, Paul Verdier, et la "
            "présidente des commerçants, Anne Roux, reviennent sur la soirée.**\n\n"
            "*Vous attendiez-vous à autant de monde ?*\n\n"
            "**Paul Verdier.** — Non. Nous avions prévu quatre-vingts chaises.\n\n"
            "*Madame Roux, qu'attendez-vous du conseil ?*\n\n"
            "A. R. — Une date, rien de plus. Les commerçants attendent depuis deux ans "
            "[00:40:05].\n\n"
            "P. V. — Elle l'aura avant l'été.\n\n"
            "J. K. — Personne ici ne porte ces initiales.\n")
    quotes = read_article(text).quotes
    answer = quotes[quotes["text"].str.startswith("Une date, rien de plus.")]
    assert list(answer["speaker"]) == ["Anne Roux"]
    assert list(answer["stated_start"]) == [2405.0]
    assert list(quotes.loc[quotes["text"] == "Elle l'aura avant l'été.", "speaker"]) == [
        "Paul Verdier"]
    nobody = quotes[quotes["text"].str.startswith("Personne ici")]
    assert nobody["speaker"].isna().all()
