"""Cited third parties, nested quotations and council-minute turns (issue 13): real spaCy."""

from __future__ import annotations

import pandas as pd
import pytest

from coopanalysis.read.article import read_article

PRESENT = "\n\nMarie Dufour, présidente du syndicat mixte, répond : « Nous ferons mieux. »\n"


def _speakers(body: str) -> list[str]:
    return list(read_article(f"# Ruralité\n\n{body}{PRESENT}").speakers["speaker"])


@pytest.mark.parametrize("body", [
    # an author, known by what they wrote
    "Christophe Lenoir, sociologue, auteur des *Territoires de l'attente*, écrivait en 2019 : "
    "« Le rural souffre d'un excès de distance. »",
    "Selon le rapport d'Anne Brun, géographe à l'Inrae, « la distance coûte plus cher que le "
    "carburant ».",
    # a letter read out
    "Dans une lettre de Paul Rivet, agriculteur à Villiers, lue en ouverture : « Nous sommes "
    "oubliés par tous les plans. »",
    # a past life, a past office
    "Jean Morel (1931-2019), maire du village, disait souvent : « Une commune sans école est "
    "une commune morte. »",
    "Jean Morel, maire (de 1995 à 2014), disait souvent : « Une commune sans école est une "
    "commune morte. »",
    "Jean Morel, maire du village, disparu en 2019, disait : « Une commune sans école meurt. »",
    # named only inside a speaker's words
    "« Jeanne Roux, directrice de l'école, nous le répète chaque semaine : il faut des "
    "moyens », explique Marie Dufour, présidente du syndicat mixte.",
])
def test_cited_third_parties_are_not_speakers(body: str) -> None:
    assert _speakers(body) == ["Marie Dufour"]


def test_an_author_who_also_speaks_stays_a_speaker() -> None:
    body = ("Christophe Lenoir, sociologue, auteur des *Territoires de l'attente*, était à la "
            "tribune. « La distance est un coût », explique Christophe Lenoir.")
    assert "Christophe Lenoir" in _speakers(body)


NESTED = """# Mobilités

Vincent Royer, géographe, en tire une conclusion politique. « Comme le disait Louis Berthier, \
“la mobilité est la première des libertés”. Encore faut-il qu'elle ait un prix », a-t-il \
déclaré (1:10:05).

Marie Dufour, présidente du syndicat, ajoute : « Mon père répétait : ‘Un bourg meurt le jour \
où l'on ne peut plus y acheter une vis.’ Nous avons promis beaucoup de « grandes ambitions ». \
J'y crois encore. »
"""


def test_nested_quotations_are_rows_without_speaker() -> None:
    quotes = read_article(NESTED).quotes
    rows = [(r.speaker if isinstance(r.speaker, str) else None, r.kind, r.clean_text[:24])
            for r in quotes.itertuples()]
    assert rows == [
        ("Vincent Royer", "quote", "Comme le disait Louis Be"),
        (None, "quote", "la mobilité est la premi"),
        ("Marie Dufour", "quote", "Mon père répétait : 'Un "),
        (None, "quote", "Un bourg meurt le jour o"),
        (None, "term", "grandes ambitions"),
    ]
    # The time is the parent's; the nested words have none and repeat nobody.
    assert quotes["stated_start"].iloc[0] == 4205
    assert pd.isna(quotes["stated_start"].iloc[1])
    assert quotes["duplicate_of"].isna().all()
    assert list(read_article(NESTED).speakers["speaker"]) == ["Vincent Royer", "Marie Dufour"]


def test_apostrophes_inside_a_quotation_are_not_nested_marks() -> None:
    text = "Anne Leroy, maire, dit : « L’école n’ouvrira pas, c’est l’État qui l’a décidé. »\n"
    assert len(read_article(f"# Titre\n\n{text}").quotes) == 1


MINUTES = """# Conseil municipal : le budget adopté

Le conseil municipal s'est réuni jeudi. Pierre Garnier, adjoint aux finances, a présenté le \
budget ; Anne Leroy, conseillère municipale d'opposition, lui a répondu.

M. Garnier : Nous n'augmenterons pas les impôts cette année (12:05).

Mme Leroy : Vous repoussez les travaux de l'école, c'est pire.

Pierre Garnier : L'école sera rénovée en 2026, comme prévu.

Saint Aubin : la séance est levée à 22 heures.
"""


def test_council_minutes_turns_take_the_presented_speaker() -> None:
    quotes = read_article(MINUTES).quotes
    rows = [(r.speaker, r.clean_text[:20], r.stated_start) for r in quotes.itertuples()]
    assert rows[0] == ("Pierre Garnier", "Nous n'augmenterons ", 725.0)
    assert [r[:2] for r in rows[1:]] == [("Anne Leroy", "Vous repoussez les t"),
                                         ("Pierre Garnier", "L'école sera rénovée")]


def test_minutes_label_naming_nobody_presented_is_prose() -> None:
    text = MINUTES.replace("Mme Leroy", "Mme Vidal").replace("M. Garnier", "M. Morin")
    quotes = read_article(text).quotes
    assert "Vidal" not in " ".join(str(s) for s in quotes["speaker"])
    assert not any("Vous repoussez" in t and isinstance(s, str)
                   for t, s in zip(quotes["clean_text"], quotes["speaker"], strict=True))


DIALOGUE = """# Loyers : l'adjoint répond

Karim Haddad, adjoint au maire chargé du logement, a répondu aux questions de la salle.

— Vous dites que la garantie coûtera peu. Combien, exactement ?

— Nous l'avons chiffrée à 180 000 euros par an.

— Les locations touristiques posent problème. — Oui, et je l'assume. Nous les limiterons.

— Les commerçants craignent de perdre leur clientèle.

— Je les rencontrerai la semaine prochaine.
"""


def test_dialogue_answers_after_a_question_are_the_interviewees() -> None:
    quotes = read_article(DIALOGUE).quotes
    rows = [(r.speaker if isinstance(r.speaker, str) else None, r.clean_text[:18])
            for r in quotes.itertuples()]
    assert rows == [
        (None, "Vous dites que la "),
        ("Karim Haddad", "Nous l'avons chiff"),
        (None, "Les locations tour"),
        ("Karim Haddad", "Oui, et je l'assum"),
        (None, "Les commerçants cr"),  # each dash changes the voice: the journalist again
        ("Karim Haddad", "Je les rencontrera"),
    ]


def test_dialogue_with_two_people_presented_names_nobody_by_alternation() -> None:
    text = DIALOGUE.replace(
        "a répondu aux questions de la salle.",
        "et Anne Leroy, conseillère municipale, ont répondu aux questions de la salle.")
    quotes = read_article(text).quotes
    assert "Karim Haddad" not in set(quotes["speaker"].dropna())


SECTION = """# Logement : deux regards

Marie-Laure Besson, présidente de l'office HLM, et Karim Ouali, vice-président de \
l'agglomération, ont débattu mardi.

**M.-L. B.** : Le foncier coûte trop cher pour construire (1min48).

**Le gouvernement a annoncé un plan « Loger d'abord ». Qu'en attendez-vous ?**

**Karim Ouali** : Qu'il ne soit pas un sigle de plus (8min12).

## Trois questions à Karim Ouali

Question : Combien de logements vacants compte l'agglomération ?

Réponse : Environ 4 800, dont un tiers depuis plus de deux ans.
"""


def test_answers_in_a_section_naming_the_interviewee_are_theirs() -> None:
    quotes = read_article(SECTION).quotes
    rows = [(r.speaker if isinstance(r.speaker, str) else None, r.kind, r.clean_text[:20])
            for r in quotes.itertuples()]
    assert rows == [
        ("Marie-Laure Besson", "quote", "Le foncier coûte tro"),
        (None, "quote", "Le gouvernement a an"),  # the journalist's question, with a term
        (None, "term", "Loger d'abord"),
        ("Karim Ouali", "quote", "Qu'il ne soit pas un"),
        (None, "quote", "Combien de logements"),
        ("Karim Ouali", "quote", "Environ 4 800, dont "),
    ]


def test_role_as_title_before_the_name_presents_the_speaker() -> None:
    text = ("# T\n\nC'est ce coût que le chercheur Vincent Royer, de l'Institut d'études des "
            "mobilités, a interrogé. « Le transport à la demande est une bonne réponse », "
            "a-t-il expliqué (52:10).\n")
    article = read_article(text)
    assert article.speakers[["speaker", "role", "organization"]].to_dict("records") == [
        {"speaker": "Vincent Royer", "role": "chercheur",
         "organization": "Institut d'études des mobilités"}]
    assert list(article.quotes["speaker"]) == ["Vincent Royer"]


def test_a_complement_role_is_not_a_title() -> None:
    text = ("# T\n\nMarie Dufour, présidente du syndicat, s'appuie sur les travaux du géographe "
            "Christophe Lenoir. « La distance coûte cher », dit-elle.\n")
    assert list(read_article(text).speakers["speaker"]) == ["Marie Dufour"]


def test_past_writing_quoted_has_no_speaker() -> None:
    text = ("# T\n\nVincent Royer, chercheur, cite un géographe. Dans son livre (2019), celui-ci "
            "écrivait : « Le rural souffre d'un excès de distance. » « Il avait raison », "
            "a-t-il ajouté.\n")
    speakers = [s if isinstance(s, str) else None for s in read_article(text).quotes["speaker"]]
    assert speakers == [None, "Vincent Royer"]


def test_a_quoted_name_stays_inside_the_reported_clause() -> None:
    text = ("# T\n\nAurélie Masson, maire de Vernon, a précisé que sa commune avait dû reporter "
            "la rénovation, faute d'obtenir le « Fonds vert » à temps (15'05).\n")
    rows = read_article(text).quotes
    paraphrase = rows[rows["kind"] == "paraphrase"].iloc[0]
    assert paraphrase["clean_text"].startswith("sa commune avait dû reporter")
    assert paraphrase["speaker"] == "Aurélie Masson"
    assert paraphrase["stated_start"] == 905
