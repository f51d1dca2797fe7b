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


# News sites often set the colon inside the bold label ("**Nom :** réponse").
BOLD_COLON_INTERVIEW = """# Transports : entretien croisé

*Propos recueillis par Lucie Marchal*

La vice-présidente du département, Corinne Vallat, et l'ingénieur Marc Deschamps ont débattu.

**Que retenez-vous du débat ?**

**Corinne Vallat :** Que le car reste indispensable dans les vallées.

**Marc Deschamps :** J'ajouterais que le train coûte moins cher qu'on ne le dit. {citation}

**Et demain ?**

**Corinne Vallat :** Nous ouvrirons trois lignes en septembre.
""".format(citation="Comme l'écrit l'historien Paul Besnard dans « Les Rails oubliés » : "
                    "‘Une ligne fermée ne rouvre jamais seule.’ Il faut s'en souvenir.")


def _speaker_of(quotes: pd.DataFrame, start: str) -> str | None:
    row = quotes[quotes["clean_text"].str.startswith(start)].iloc[0]
    return row["speaker"] if isinstance(row["speaker"], str) else None


def test_bold_label_with_the_colon_inside_is_a_turn() -> None:
    quotes = read_article(BOLD_COLON_INTERVIEW).quotes
    assert _speaker_of(quotes, "Que le car reste") == "Corinne Vallat"
    assert _speaker_of(quotes, "J'ajouterais que") == "Marc Deschamps"
    assert _speaker_of(quotes, "Nous ouvrirons trois") == "Corinne Vallat"
    assert _speaker_of(quotes, "Et demain") is None


def test_comme_l_ecrit_cites_an_author_who_is_not_a_speaker() -> None:
    article = read_article(BOLD_COLON_INTERVIEW)
    assert _speaker_of(article.quotes, "Une ligne fermée") is None
    assert "Paul Besnard" not in set(article.speakers["speaker"])


# Council minutes: turns by surname with a group in parentheses, and by office; full names
# only in the attendance list.
MINUTES_ATTENDANCE = """COMMUNE DE SAINT-ALBAN

PROCÈS-VERBAL DE LA SÉANCE DU CONSEIL MUNICIPAL

La séance s'ouvre sous la présidence de Mme Claire Benoît, maire.

Présents : Mme Claire Benoît, M. Yves Le Berre, Mme Agathe Morin, M. Hugo Lambert.

Mme la Maire : Nous passons au point relatif aux cantines scolaires.

M. Le Berre (groupe « Saint-Alban demain ») : Nous voterons contre ce budget trop timide.

Mme Morin : La majorité assume ce choix, il est raisonnable.

M. Lambert : Je demande un vote à bulletin secret.
"""


def test_minutes_surname_labels_find_the_attendance_list() -> None:
    quotes = read_article(MINUTES_ATTENDANCE).quotes
    assert _speaker_of(quotes, "Nous voterons contre") == "Yves Le Berre"
    assert _speaker_of(quotes, "La majorité assume") == "Agathe Morin"
    assert _speaker_of(quotes, "Nous passons au point") == "Claire Benoît"


def test_minutes_surname_shared_by_two_members_gives_no_speaker() -> None:
    text = MINUTES_ATTENDANCE.replace("M. Hugo Lambert", "M. Hugo Lambert, M. Éric Morin")
    text = text.replace("Mme Morin :", "M. Morin :")
    text = text.replace("Mme Agathe Morin", "M. Paul Morin")
    quotes = read_article(text).quotes
    assert not any(isinstance(s, str) and "Morin" in s for s in quotes["speaker"])


# Broadcast transcripts print the speaker's name in capitals, sometimes after a timecode.
CAPITALS_TRANSCRIPT = """# Débat : la ligne de car

Avec Margaux Thévenin, maire de Saint-Oran, et Rémi Castagne, usager.

**[00:12:10] MARGAUX THÉVENIN** — Nous maintiendrons la ligne jusqu'en 2027.

**RÉMI CASTAGNE** — Encore faut-il que les horaires suivent.

**[00:13:05] MARGAUX THÉVENIN** — Ils suivront, je m'y engage.
"""


def test_capitals_labels_after_a_timecode_are_turns() -> None:
    quotes = read_article(CAPITALS_TRANSCRIPT).quotes
    assert _speaker_of(quotes, "Nous maintiendrons") == "Margaux Thévenin"
    assert _speaker_of(quotes, "Encore faut-il") == "Rémi Castagne"
    assert _speaker_of(quotes, "Ils suivront") == "Margaux Thévenin"


# A radio site's plain-text export: capitals labels without bold, the guests listed above.
PLAIN_CAPITALS_TRANSCRIPT = """# Le débat du soir : la ligne de car

Avec : Margaux Thévenin, maire de Saint-Oran ; Rémi Castagne, usager.

Présentation : Lucie Vernhes

LUCIE VERNHES : Margaux Thévenin, la ligne sera-t-elle maintenue ?

MARGAUX THÉVENIN : Nous maintiendrons la ligne jusqu'en 2027, c'est voté.

RÉMI CASTAGNE : Encore faut-il que les horaires suivent le matin.
"""


def test_plain_capitals_labels_of_printed_names_are_turns() -> None:
    quotes = read_article(PLAIN_CAPITALS_TRANSCRIPT).quotes
    assert _speaker_of(quotes, "Margaux Thévenin, la ligne") == "Lucie Vernhes"
    assert _speaker_of(quotes, "Nous maintiendrons") == "Margaux Thévenin"
    assert _speaker_of(quotes, "Encore faut-il") == "Rémi Castagne"


def test_plain_capitals_label_naming_nobody_printed_is_prose() -> None:
    text = """# Travaux sur la départementale

MISE À JOUR : la route rouvrira lundi matin après les travaux.

DERNIÈRE MINUTE : le chantier est prolongé de deux jours.
"""
    quotes = read_article(text).quotes
    assert not quotes["text"].str.contains("la route rouvrira").any()
    assert not quotes["text"].str.contains("le chantier est prolongé").any()
