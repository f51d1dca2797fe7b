"""Pronouns, ages, role-first introductions and determiner gender (issue 13): real spaCy."""

from __future__ import annotations

from coopanalysis.read.article import read_article
from coopanalysis.read.article.people import determiner_gender


def _rows(text: str) -> list[tuple[str | None, str]]:
    quotes = read_article(text).quotes
    return [(r.speaker if isinstance(r.speaker, str) else None, r.clean_text[:18])
            for r in quotes.itertuples()]


PORTRAIT = (
    '# Sophie Kerleau, la présidente qui relance les halles\n'
    '\n'
    "Sophie Kerleau, 58 ans, présidente de la communauté de communes du Val d'Arz, a pris la "
    'parole en premier.\n'
    '\n'
    'Le directeur du parc naturel, Marc Tanguy, a répondu : « Nous suivons ce dossier depuis '
    'dix ans. »\n'
    '\n'
    'Elle hoche la tête. « Les halles rouvriront au printemps, avec douze producteurs. »\n')


def test_age_between_name_and_role_is_skipped() -> None:
    speakers = read_article(PORTRAIT).speakers
    row = speakers[speakers["speaker"] == "Sophie Kerleau"].iloc[0]
    assert row["role"] == "présidente"


def test_subject_pronoun_in_the_sentence_before_reaches_the_speaker_it_fits() -> None:
    # "Elle" skips Marc Tanguy (le directeur: masculine) for the woman named earlier.
    assert _rows(PORTRAIT)[-1] == ("Sophie Kerleau", "Les halles rouvrir")


def test_subject_pronoun_with_a_cited_person_nearer_gives_no_speaker() -> None:
    text = (
        'Le maire, Paul Riou, a ouvert la séance.\n'
        '\n'
        'On a souvent évoqué Henri Lebrun, maire du village de 1971 à 1995. Un jour, il avait '
        "lancé : « Un village sans école est un village qui s'éteint. »\n")
    assert _rows(text)[-1] == (None, "Un village sans éc")


def test_impersonal_il_is_not_a_pronoun_cue() -> None:
    text = (
        'Claire Menard, maire de Bréhan, a présenté le budget.\n'
        '\n'
        'Le conseil a voté. Il faut dire que la séance fut longue. « Personne ne voulait '
        'partir avant la fin. »\n')
    speaker, _ = _rows(text)[-1]
    assert speaker is None


def test_role_noun_first_with_a_noun_outside_the_table() -> None:
    text = (
        "L'agronome de la chambre d'agriculture Terres d'Oust, Lucie Garnier, a présenté ses "
        'mesures. « Les sols ont perdu un tiers de leur matière organique », a-t-elle averti.\n')
    speakers = read_article(text).speakers
    assert list(speakers["speaker"]) == ["Lucie Garnier"]
    assert speakers.iloc[0]["role"] == "agronome"
    assert _rows(text) == [("Lucie Garnier", "Les sols ont perdu")]


def test_role_named_by_pour_x_in_the_next_sentence() -> None:
    text = (
        'Le directeur du syndicat des eaux a nuancé : « Les compteurs ne règlent pas tout. » '
        'Pour Hervé Collin, la priorité reste les fuites.\n'
        '\n'
        '« Nous perdons un litre sur cinq », a rappelé le directeur.\n')
    rows = _rows(text)
    assert rows[0] == ("Hervé Collin", "Les compteurs ne r")
    assert rows[-1] == ("Hervé Collin", "Nous perdons un li")


def test_compound_tense_speech_verbs_beyond_the_lexicon() -> None:
    text = (
        "Aline Roche, présidente de l'association Bocage Vivant, était présente. Marc Tual, "
        'maire de Guer, aussi.\n'
        '\n'
        '« Nous tiendrons parole sur les haies », a promis Marc Tual.\n')
    assert _rows(text)[-1] == ("Marc Tual", "Nous tiendrons par")


def test_determiner_gives_the_gender_of_an_epicene_role() -> None:
    assert determiner_gender("Anne Morel, la maire du bourg, arrive.", "Anne Morel") == "f"
    assert determiner_gender("Le maire de Guer, Yves Le Bras, parle.", "Yves Le Bras") == "m"
    assert determiner_gender("Anne Morel, maire du bourg, arrive.", "Anne Morel") is None


# A dispatch presents a mayor by her office, then her commune's own apposition, then her
# name; "a-t-elle raconté" is hers, not the minister's named paragraphs earlier.
DISPATCH = (
    'Pharmacies : la ministre promet une aide\n'
    '\n'
    "La ministre de la Santé, Hélène Marchetti, a promis jeudi « une garantie pour chaque "
    "officine ».\n"
    '\n'
    "Arrivée en fin de matinée, la maire de Solbrac, une commune de 640 habitants du plateau "
    "de Millau, Josiane Ferrier, a pris la parole. « Notre pharmacien part à la retraite et "
    "personne ne reprend », a-t-elle raconté.\n")


def test_role_before_a_place_apposition_presents_the_name() -> None:
    article = read_article(DISPATCH)
    speakers = article.speakers.set_index("speaker")
    assert speakers.loc["Josiane Ferrier", "role"] == "maire"
    assert _rows(DISPATCH)[-1] == ("Josiane Ferrier", "Notre pharmacien p")
