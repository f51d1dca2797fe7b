"""Interview layouts, single quotes, labels, cited relatives (issue 13): real spaCy, no mocks."""

from __future__ import annotations

import pandas as pd

from coopanalysis.read.article import read_article

INTERVIEW = """# « Le logement social n'est pas une charge »

*Propos recueillis par Hélène Roussel*

Jean-Pierre Vasseur préside l'office HLM du bassin depuis 2019. Il revient sur la table ronde.

**H. R.** : Pourquoi organiser ce débat maintenant ?

**J.-P. V.** : Parce que les listes d'attente explosent. Nous avons 4 000 demandes (12min30).

**Pourquoi ce projet ?**

**Jean-Pierre Vasseur** : Parce que personne d'autre ne le faisait (20min05).

Question : Que répondez-vous aux critiques ?

Réponse : Qu'elles sont légitimes.
"""


def test_interview_turns_answers_and_questions() -> None:
    quotes = read_article(INTERVIEW).quotes
    rows = [(r.speaker if isinstance(r.speaker, str) else None, r.kind, r.clean_text[:20])
            for r in quotes.itertuples()][1:]
    assert rows == [
        (None, "quote", "Pourquoi organiser c"),
        ("Jean-Pierre Vasseur", "quote", "Parce que les listes"),
        (None, "quote", "Pourquoi ce projet ?"),
        ("Jean-Pierre Vasseur", "quote", "Parce que personne d"),
        (None, "quote", "Que répondez-vous au"),
        ("Jean-Pierre Vasseur", "quote", "Qu'elles sont légiti"),
    ]
    assert list(quotes["stated_start"].dropna()) == [750.0, 1205.0]


def test_unknown_initials_warn_and_give_no_speaker() -> None:
    text = INTERVIEW.replace("**J.-P. V.** :", "**X. Z.** :")
    article = read_article(text)
    row = article.quotes[article.quotes["clean_text"].str.startswith("Parce que les")].iloc[0]
    assert pd.isna(row["speaker"])
    assert any("X. Z" in w for w in article.warnings)


def test_single_quotes_but_not_apostrophes() -> None:
    article = read_article("Intro\n\nMarie Dufour, présidente, a dit : ‘nous irons jusqu’au "
                           "bout’ (3min10). L’État, lui, ne dit rien.\n")
    assert list(article.quotes["clean_text"]) == ["nous irons jusqu'au bout"]
    assert article.quotes.iloc[0]["speaker"] == "Marie Dufour"


def test_label_is_a_term_without_speaker() -> None:
    article = read_article("Intro\n\nMarie Dufour, présidente de la région, lance le programme "
                           "« Territoires d'avenir » : « Nous y mettrons les moyens. »\n")
    kinds = dict(zip(article.quotes["clean_text"], article.quotes["kind"], strict=True))
    assert kinds["Territoires d'avenir"] == "term"
    assert kinds["Nous y mettrons les moyens."] == "quote"


def test_words_of_a_cited_person_in_a_relative_clause_have_no_speaker() -> None:
    article = read_article("Intro\n\nPaul Morel, directeur du syndicat, a pris la parole. Il a "
                           "cité le rapport de l'ancien sénateur Yves Caradec, qui estimait que "
                           "« le fret meurt à petit feu ».\n")
    row = article.quotes.iloc[0]
    assert pd.isna(row["speaker"])
