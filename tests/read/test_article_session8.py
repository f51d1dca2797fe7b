"""Issue 13, session 8 round: a name for a thing quoted inside an interview question, a
naming formula with a comma, a time that gives the recording's length, a demonstrative
that restates the role a quotation was given, a fronted role that presents someone new,
and the user's list of people completed by the text. Wordings of our own; real spaCy."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from coopanalysis.errors import ArticleError
from coopanalysis.read.article import read_article

INTRO = "La réunion publique s'est tenue mardi soir à la salle des fêtes.\n\n"


def _rows(text: str, **options: object) -> list[tuple[str | None, str, str, float]]:
    quotes = read_article(INTRO + text, **options).quotes  # type: ignore[arg-type]
    return [(r.speaker if isinstance(r.speaker, str) else None, r.kind, r.text,
             r.stated_start) for r in quotes.itertuples()]


def test_a_scheme_named_inside_an_interview_question_is_a_term() -> None:
    text = ("**Propos recueillis par Léa Morin**\n\n"
            "*Le département lance le programme « Des vélos pour le collège, des pistes "
            "pour y aller ». Y croyez-vous ?*\n\n"
            "**Paul Garnier** : Oui, à condition de finir les pistes avant la rentrée.\n\n"
            "*Et les parents ?*\n\n"
            "**Paul Garnier** : Ils le demandent depuis des années.\n")
    named = [r for r in _rows(text) if r[2].startswith("Des vélos")]
    assert [(r[0], r[1]) for r in named] == [(None, "term")]


def test_a_project_that_bears_a_name_after_a_comma_is_a_term() -> None:
    rows = _rows("Le projet porte un nom, « Habiter la vallée, travailler au bourg », et "
                 "prévoit douze logements.\n")
    assert [(r[0], r[1]) for r in rows] == [(None, "term")]


def test_a_time_after_words_about_the_video_is_its_length_not_a_row() -> None:
    article = read_article(INTRO + "La mairie a mis la vidéo intégrale en ligne (1 h 32) ; "
                           "les repères entre parenthèses y renvoient.\n\n"
                           "« Nous ouvrirons la crèche en septembre », a promis la maire, "
                           "Odile Fabre (12:40).\n")
    rows = article.quotes
    assert list(rows["speaker"]) == ["Odile Fabre"]
    assert rows["stated_start"].iloc[0] == 760.0
    assert any("length" in w for w in article.warnings)


def test_a_demonstrative_restates_the_role_the_quotation_was_given() -> None:
    rows = _rows("« La digue tiendra encore dix ans, pas davantage », a averti la cheffe du "
                 "service des eaux (14:05). Cette hydrologue, Nadège Perrin, a ensuite "
                 "présenté les relevés de la crue de 2019 (16:20).\n")
    assert [r[0] for r in rows] == ["Nadège Perrin", "Nadège Perrin"]


def test_a_fronted_role_presents_someone_new_not_the_person_just_quoted() -> None:
    text = ("« Le tri à la source coûte moins cher qu'un incinérateur neuf », a résumé la "
            "directrice du syndicat de traitement (19:05). Consultant du bureau d'études, "
            "Marc Delorme a présenté trois scénarios de collecte (21:30).\n\n"
            "La directrice du syndicat, Inès Barral, a ensuite chiffré les composteurs "
            "(31:50).\n")
    rows = _rows(text)
    assert [r[0] for r in rows] == ["Inès Barral", "Marc Delorme", "Inès Barral"]


PEOPLE_TEXT = ("« Nous tiendrons le calendrier », a assuré la vice-présidente chargée des "
               "transports, Claire Sabatier (05:10). Le président, Hugo Lenoir, a ouvert la "
               "séance.\n\n"
               "« Le car passera toutes les heures », a rétorqué la vice-présidente (18:40).\n")


def test_a_guest_list_keeps_the_role_nouns_the_text_gives(tmp_path: Path) -> None:
    people = tmp_path / "invites.csv"
    people.write_text("speaker,role,organization\n"
                      "Claire Sabatier,vice-présidente transports,Région\n"
                      "Hugo Lenoir,président,Région\n", encoding="utf-8")
    for given in (people, str(people)):
        rows = _rows(PEOPLE_TEXT, people=given)
        assert [r[0] for r in rows] == ["Claire Sabatier", "Claire Sabatier"]
        assert not math.isnan(rows[1][3])


def test_a_single_string_that_is_no_file_is_refused() -> None:
    with pytest.raises(ArticleError, match="neither"):
        read_article(INTRO + PEOPLE_TEXT, people="Claire Sabatier")


def test_a_heading_that_announces_the_speakers_lists_them_item_by_item() -> None:
    text = ("## Les intervenants\n\n"
            "- Me Lucie Rabier, notaire à Castans\n"
            "- Bastien Coulon, président du syndicat des eaux\n\n"
            "## Les échanges\n\n"
            "Me Rabier a décrit les indivisions : « Une maison sur trois attend un héritier "
            "qui ne répond pas. » [00:12:05]\n")
    rows = _rows(text)
    assert [r[0] for r in rows] == ["Lucie Rabier"]


def test_a_spoken_recall_before_a_timed_quotation_keeps_its_speaker() -> None:
    text = ("« Le bus passera toutes les heures », a promis Julie Carrère, maire de Lunac "
            "(04:10).\n\n"
            "Comme le rappelait Julie Carrère en conclusion : « Une ligne qu'on ne prend pas "
            "est une ligne qu'on perd. » (47:20)\n")
    assert [r[0] for r in _rows(text)] == ["Julie Carrère", "Julie Carrère"]


def test_the_author_of_an_op_ed_reports_her_own_words() -> None:
    text = ("*Tribune — Par Agathe Lemaire, présidente de l'association des usagers*\n\n"
            "« Le car sera à l'heure », a assuré le vice-président, Noël Sabatier (05:10).\n\n"
            "J'ai répondu ce soir-là par une question simple : « Et les dimanches ? » (08:40)\n")
    rows = _rows(text)
    assert [r[0] for r in rows] == ["Noël Sabatier", "Agathe Lemaire"]


def test_a_name_given_in_the_next_item_names_the_role_just_quoted() -> None:
    text = ("- « On ne demande pas des dorures, on demande des volets en bois », a lancé "
            "l'architecte des bâtiments de France [00:21:30].\n"
            "- Il s'appelle Gilles Fabre. Il a ensuite proposé une visite gratuite avant "
            "chaque dossier [00:24:05].\n")
    assert [r[0] for r in _rows(text)] == ["Gilles Fabre", "Gilles Fabre"]


def test_a_role_quoted_after_a_colon_is_named_by_the_next_sentence() -> None:
    text = ("La vice-présidente chargée des routes a été nette : « Pas un euro sans "
            "diagnostic des ponts. » (08:15) Pour Carole Vidal, ce diagnostic est « la "
            "condition de tout le reste » (10:40).\n")
    assert [r[0] for r in _rows(text)] == ["Carole Vidal", "Carole Vidal"]
