"""REFI-QDA export: the project validates against the schema and every tag reads back."""

from __future__ import annotations

import math
import re
import zipfile
from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coopanalysis.errors import CoopanalysisError, ExportError
from coopanalysis.export.qdpx import (
    PROJECT_FILE,
    place_tags,
    read_qdpx,
    schema_path,
    source_text,
    validate_qdpx,
    write_qdpx,
)
from coopanalysis.model import Transcript
from coopanalysis.schema import CUES, SENTENCES, THEMES, conform
from coopanalysis.tag.speakers import turns as speaker_turns

pytest.importorskip("lxml")

CUES_TABLE = conform(pd.DataFrame({
    "cue_id": [0, 1, 2, 3, 4],
    "start": [187.0, 190.077, 443.0, 1224.0, 1227.077],
    "end": [190.077, 193.154, 445.692, 1227.077, 1230.154],
    "speaker": ["François Rebsamen", "François Rebsamen", pd.NA, "Manon Loisel", "Manon Loisel"],
    "text": ["L'avenir de nos territoires se bâtit collectivement.",
             "Transition écologique,\ncohésion sociale.",
             "Nous sommes à une croisée des chemins.",
             "On a une démultiplication de dispositifs pour redonner",
             "la parole aux citoyens."],
}), CUES)
TRANSCRIPT = Transcript(cues=CUES_TABLE, source="/data/rnct2025_quotes.vtt", format="webvtt")
TURNS = speaker_turns(CUES_TABLE)  # turns 0 (cues 0–1), 1 (cue 2), 2 (cues 3–4)

CODEBOOK = SimpleNamespace(themes=[
    SimpleNamespace(id="cooperation", label="Coopération", description="Agir ensemble.",
                    parent=None),
    SimpleNamespace(id="shared_governance", label="Gouvernance partagée",
                    description="Décider à plusieurs.", parent="cooperation"),
    SimpleNamespace(id="ecological_transition", label="Transition écologique",
                    description="", parent=None),
    SimpleNamespace(id="listening_participation", label="Écoute et participation",
                    description="Donner la parole.", parent=None),
])


def tag(unit_id: str, start: float, end: float, speaker: object, theme: str, text: str,
        term: str) -> dict[str, object]:
    at = text.index(term)
    return {"unit_id": unit_id, "start": start, "end": end, "speaker": speaker, "theme": theme,
            "term": term, "lemma": term.lower(), "char_start": at, "char_end": at + len(term)}


def turn_tag(turn_id: int, theme: str, term: str) -> dict[str, object]:
    turn = TURNS.iloc[turn_id]
    return tag(str(turn_id), turn["start"], turn["end"], turn["speaker"], theme, turn["text"], term)


CUE_TAGS = conform(pd.DataFrame([
    tag("0", 187.0, 190.077, "François Rebsamen", "cooperation", CUES_TABLE.text[0],
        "collectivement"),
    tag("1", 190.077, 193.154, "François Rebsamen", "ecological_transition",
        CUES_TABLE.text[1], "Transition écologique"),
    tag("4", 1227.077, 1230.154, "Manon Loisel", "listening_participation", CUES_TABLE.text[4],
        "la parole aux citoyens"),
]), THEMES)
# Turn 0's text is "L'avenir … collectivement. Transition écologique, cohésion sociale.":
# the same number as cue 0 but another unit, offsets in the joined text.
TURN_TAGS = conform(pd.DataFrame([
    turn_tag(0, "ecological_transition", "Transition écologique"),
    turn_tag(2, "listening_participation", "redonner la parole"),  # spans two cues
    turn_tag(2, "shared_governance", "dispositifs"),
]), THEMES)


@pytest.fixture
def qdpx_file(tmp_path: Path) -> Path:
    return write_qdpx(tmp_path / "out" / "rnct.qdpx", transcript=TRANSCRIPT, codebook=CODEBOOK,
                      themes=CUE_TAGS, project_name="RNCT 2025")


def test_source_text_one_line_per_cue() -> None:
    source = source_text(TRANSCRIPT)
    lines = source.text.splitlines()
    assert lines[0] == "[00:03:07] François Rebsamen: L'avenir de nos territoires se bâtit " \
                       "collectivement."
    assert lines[1] == "[00:03:10] François Rebsamen: Transition écologique cohésion sociale."\
        .replace("écologique ", "écologique, ")  # the line break became a space
    assert lines[2] == "[00:07:23] Nous sommes à une croisée des chemins."  # no speaker
    for row in source.cues.itertuples():
        assert source.text[row.text_start:row.text_end] == row.text


def test_written_project_validates_against_the_schema(qdpx_file: Path) -> None:
    assert schema_path().is_file()
    assert validate_qdpx(qdpx_file) == []
    with zipfile.ZipFile(qdpx_file) as archive:
        names = archive.namelist()
        qde = archive.read(PROJECT_FILE).decode("utf-8")
    assert PROJECT_FILE in names and any(n.startswith("sources/") for n in names)
    assert 'xmlns="urn:QDA-XML:project:1.0"' in qde


def test_codes_keep_nesting_descriptions_and_theme_ids(qdpx_file: Path) -> None:
    codes = read_qdpx(qdpx_file)["codes"].set_index("theme")
    assert set(codes.index) == {t.id for t in CODEBOOK.themes}
    assert codes.loc["shared_governance", "parent"] == "Coopération"
    assert pd.isna(codes.loc["cooperation", "parent"])
    assert codes.loc["cooperation", "name"] == "Coopération"
    assert codes.loc["cooperation", "description"].startswith("Agir ensemble.")


def test_every_cue_tag_round_trips(qdpx_file: Path) -> None:
    project = read_qdpx(qdpx_file)
    assert list(project["sources"]) == ["rnct2025_quotes.vtt"]
    assert project["sources"]["rnct2025_quotes.vtt"] == source_text(TRANSCRIPT).text
    codings = project["codings"]
    assert len(codings) == len(CUE_TAGS)
    assert sorted(zip(codings["theme"], codings["text"], strict=True)) == sorted(
        zip(CUE_TAGS["theme"], CUE_TAGS["term"], strict=True))
    assert project["users"]["name"].tolist() == ["coopanalysis"]


def test_turn_tags_are_placed_through_their_units(tmp_path: Path) -> None:
    placed = place_tags(TRANSCRIPT, TURN_TAGS, units=TURNS)
    assert placed["placed_by"].tolist() == ["unit", "unit", "unit"]
    text = source_text(TRANSCRIPT).text
    spans = [text[s:e] for s, e in zip(placed["source_start"], placed["source_end"], strict=True)]
    assert spans[0] == "Transition écologique"
    # A term across two cues covers the next line's time stamp and speaker.
    assert spans[1] == "redonner\n[00:20:27] Manon Loisel: la parole"
    assert spans[2] == "dispositifs"

    path = write_qdpx(tmp_path / "turns.qdpx", transcript=TRANSCRIPT, codebook=CODEBOOK,
                      themes=TURN_TAGS, units=TURNS)
    assert validate_qdpx(path) == []
    assert read_qdpx(path)["codings"]["text"].tolist() == spans


def test_without_units_tags_are_found_by_their_term_near_their_time() -> None:
    placed = place_tags(TRANSCRIPT, TURN_TAGS)
    assert placed["placed_by"].tolist() == ["search", "search", "search"]
    text = source_text(TRANSCRIPT).text
    first = text[placed["source_start"][0]:placed["source_end"][0]]
    assert first == "Transition écologique"
    assert text[placed["source_start"][2]:placed["source_end"][2]] == "dispositifs"


def test_unplaceable_tags_are_reported_not_written(tmp_path: Path) -> None:
    wrong = CUE_TAGS.copy()
    wrong.loc[0, "term"] = "mutualisation"  # not said in cue 0 nor near it
    placed = place_tags(TRANSCRIPT, wrong)
    assert pd.isna(placed["source_start"][0]) and "not found" in placed["placement_warning"][0]
    with pytest.warns(UserWarning, match="1 of 3 theme tag"):
        path = write_qdpx(tmp_path / "p.qdpx", transcript=TRANSCRIPT, codebook=CODEBOOK,
                          themes=wrong)
    assert len(read_qdpx(path)["codings"]) == 2


def test_without_codebook_codes_come_from_the_tags(tmp_path: Path) -> None:
    path = write_qdpx(tmp_path / "p.qdpx", transcript=TRANSCRIPT, themes=CUE_TAGS)
    assert validate_qdpx(path) == []
    project = read_qdpx(path)
    assert sorted(project["codes"]["theme"]) == sorted(set(CUE_TAGS["theme"]))
    assert len(project["codings"]) == 3


def test_transcript_only_and_empty_transcript_validate(tmp_path: Path) -> None:
    path = write_qdpx(tmp_path / "a.qdpx", transcript=TRANSCRIPT)
    assert validate_qdpx(path) == []
    empty = Transcript(cues=CUES_TABLE.iloc[:0])
    path = write_qdpx(tmp_path / "b.qdpx", transcript=empty, codebook=CODEBOOK)
    assert validate_qdpx(path) == []
    assert read_qdpx(path)["sources"] == {"coopanalysis transcript": ""}


def test_same_input_same_guids(tmp_path: Path) -> None:
    first = write_qdpx(tmp_path / "1.qdpx", transcript=TRANSCRIPT, themes=CUE_TAGS,
                       codebook=CODEBOOK)
    second = write_qdpx(tmp_path / "2.qdpx", transcript=TRANSCRIPT, themes=CUE_TAGS,
                        codebook=CODEBOOK)
    assert read_qdpx(first)["codes"]["guid"].tolist() == read_qdpx(second)["codes"][
        "guid"].tolist()
    with zipfile.ZipFile(first) as a, zipfile.ZipFile(second) as b:
        assert sorted(a.namelist()) == sorted(b.namelist())


def test_validation_reports_schema_errors(tmp_path: Path, qdpx_file: Path) -> None:
    broken = tmp_path / "broken.qdpx"
    with zipfile.ZipFile(qdpx_file) as source, zipfile.ZipFile(broken, "w") as target:
        for name in source.namelist():
            data = source.read(name)
            if name == PROJECT_FILE:
                data = data.replace(b'isCodable="true"', b'isCodable="maybe"', 1)
            target.writestr(name, data)
    problems = validate_qdpx(broken)
    assert problems and "isCodable" in problems[0]


def test_read_qdpx_rejects_what_is_not_a_project(tmp_path: Path) -> None:
    not_zip = tmp_path / "x.qdpx"
    not_zip.write_text("hello", encoding="utf-8")
    with pytest.raises(CoopanalysisError, match=r"not a \.qdpx"):
        read_qdpx(not_zip)
    empty_zip = tmp_path / "y.qdpx"
    with zipfile.ZipFile(empty_zip, "w") as archive:
        archive.writestr("readme.txt", "no project")
    with pytest.raises(CoopanalysisError, match=r"no project\.qde"):
        read_qdpx(empty_zip)
    assert validate_qdpx(empty_zip) and math.isfinite(len(validate_qdpx(empty_zip)))


def test_parent_cycles_and_unknown_parents_do_not_break_the_codebook(tmp_path: Path) -> None:
    odd = SimpleNamespace(themes=[
        SimpleNamespace(id="a", label="A", description="", parent="b"),
        SimpleNamespace(id="b", label="B", description="", parent="a"),
        SimpleNamespace(id="c", label="C", description="", parent="nowhere"),
    ])
    with pytest.warns(UserWarning, match="'nowhere' is not in the codebook"):
        path = write_qdpx(tmp_path / "odd.qdpx", transcript=TRANSCRIPT, codebook=odd)
    assert validate_qdpx(path) == []
    assert sorted(read_qdpx(path)["codes"]["theme"]) == ["a", "b", "c"]


@pytest.mark.parametrize("name", ["rnct2025_quotes.vtt", "rnct2025_simulated_captions.vtt"])
@pytest.mark.parametrize("level", ["cues", "turns", "sentences"])
def test_real_tags_round_trip_at_every_unit_level(tmp_path: Path, data_dir: Path, name: str,
                                                  level: str) -> None:
    """The real reader, speakers and tagger: every tag is placed and reads back its term."""
    from coopanalysis.read.transcript import read_transcript
    from coopanalysis.tag.speakers import sentences, turns
    from coopanalysis.tag.themes import default_codebook, tag_themes

    transcript = read_transcript(data_dir / name)
    units = {"cues": lambda: transcript.cues.assign(unit_id=transcript.cues["cue_id"]),
             "turns": lambda: turns(transcript),
             "sentences": lambda: sentences(transcript)}[level]()
    themes = tag_themes(units)
    assert len(themes) > 5
    path = write_qdpx(tmp_path / "real.qdpx", transcript=transcript, codebook=default_codebook(),
                      themes=themes, units=None if level == "cues" else units)
    assert validate_qdpx(path) == []
    codings = read_qdpx(path)["codings"]
    assert len(codings) == len(themes)  # nothing left out
    expected = sorted(zip(themes["theme"], themes["term"], strict=True))
    # A term spanning two cues also covers the next line's "[HH:MM:SS] Speaker: " prefix.
    got = sorted(zip(codings["theme"],
                     codings["text"].str.replace(r"\n\[[^\]]*\] (?:[^:\n]+: )?", " ",
                                                 regex=True), strict=True))
    assert got == expected
    if level != "cues":  # the term search without units lands on the same characters
        with_units = place_tags(transcript, themes, units=units)["source_start"]
        assert with_units.tolist() == place_tags(transcript, themes)["source_start"].tolist()


def test_validation_without_lxml_says_the_schema_was_not_checked(
        qdpx_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "lxml", None)  # makes `from lxml import etree` fail
    assert validate_qdpx(qdpx_file) == ["lxml is not installed: the XML schema was not checked"]


WORDS = ["coopération", "territoire", "élus", "confiance", "temps", "long", "écoute", "l'État"]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["Alice", "Bob", None]),
                          st.lists(st.sampled_from(WORDS), min_size=1, max_size=6)),
                min_size=1, max_size=8),
       st.data())
def test_any_word_of_any_turn_round_trips(rows: list[tuple[str | None, list[str]]],
                                          data: st.DataObject) -> None:
    """Property: a tag on any word of any turn lands on that very word of the source text."""
    cues = conform(pd.DataFrame({
        "cue_id": range(len(rows)), "start": [4.0 * i for i in range(len(rows))],
        "end": [4.0 * i + 4.0 for i in range(len(rows))],
        "speaker": [r[0] for r in rows], "text": [" ".join(r[1]) for r in rows]}), CUES)
    transcript = Transcript(cues=cues)
    turns = speaker_turns(cues)
    tags = []
    for turn in turns.itertuples():
        words = turn.text.split(" ")
        k = data.draw(st.integers(0, len(words) - 1))
        at = len(" ".join(words[:k])) + (1 if k else 0)
        tags.append({"unit_id": str(turn.turn_id), "speaker": turn.speaker, "start": turn.start,
                     "end": turn.end, "theme": "t", "term": words[k], "char_start": at,
                     "char_end": at + len(words[k])})
    themes = conform(pd.DataFrame(tags), THEMES)
    text = source_text(transcript).text
    for units in (turns, None):
        placed = place_tags(transcript, themes, units=units)
        assert placed["source_start"].notna().all()
        got = [text[s:e] for s, e in zip(placed["source_start"], placed["source_end"],
                                          strict=True)]
        assert got == themes["term"].tolist()
    # With units, the exact occurrence: same number of words before it in the line.
    exact = place_tags(transcript, themes, units=turns)
    for tag, start in zip(tags, exact["source_start"], strict=True):
        line_start = text.rfind("\n", 0, int(start)) + 1
        line = text[line_start:int(start)]
        before_in_turn = turns.loc[int(tag["unit_id"]), "text"][:tag["char_start"]]
        assert line.split(": ", 1)[-1].split("] ", 1)[-1] in before_in_turn


@pytest.mark.parametrize("name", ["missing.qdpx", "folder"])
def test_read_qdpx_of_a_missing_file_or_a_folder(tmp_path: Path, name: str) -> None:
    (tmp_path / "folder").mkdir()
    with pytest.raises(ExportError, match=re.escape(name)):
        read_qdpx(tmp_path / name)


@pytest.mark.parametrize("name", ["folder", "a_file/project.qdpx"])
def test_write_qdpx_to_a_folder_or_under_a_file(tmp_path: Path, name: str) -> None:
    (tmp_path / "folder").mkdir()
    (tmp_path / "a_file").write_text("x")
    with pytest.raises(ExportError, match=r"folder|not a folder"):
        write_qdpx(tmp_path / name, transcript=TRANSCRIPT)


def test_sentence_tags_are_placed_by_their_anchors_not_by_searching(tmp_path: Path) -> None:
    """Two sentences of one cue say "la parole": the anchor (cue, first_char) picks the right
    one, where a search near the tag's offset would pick the first."""
    cues = conform(pd.DataFrame({"cue_id": [7], "start": [10.0], "end": [16.0],
                                 "speaker": ["Alice"],
                                 "text": ["Nous voulons la parole. Ils veulent la parole."]}), CUES)
    transcript = Transcript(cues=cues)
    sentences = conform(pd.DataFrame({
        "sentence_id": [0, 1], "turn_id": [0, 0], "speaker": ["Alice", "Alice"],
        "start": [10.0, 13.0], "end": [13.0, 16.0],
        "text": ["Nous voulons la parole.", "Ils veulent la parole."], "n_words": [4, 4],
        "first_cue_id": [7, 7], "first_char": [0, 24], "last_cue_id": [7, 7],
        "last_char": [23, 46]}), SENTENCES)
    themes = conform(pd.DataFrame([{
        "unit_id": "1", "speaker": "Alice", "start": 13.0, "end": 16.0, "theme": "t",
        "term": "la parole", "char_start": 12, "char_end": 21}]), THEMES)
    text = source_text(transcript).text
    anchored = place_tags(transcript, themes, units=sentences)
    assert anchored["placed_by"].tolist() == ["unit"]
    start = int(anchored["source_start"][0])
    assert text[start:int(anchored["source_end"][0])] == "la parole"
    assert text[:start].endswith("Ils veulent ")
    searched = place_tags(transcript, themes)  # the fallback lands on the first occurrence
    assert searched["placed_by"].tolist() == ["search"]
    assert int(searched["source_start"][0]) < start


def test_the_qdpx_modules_each_do_one_thing() -> None:
    import coopanalysis.export.qdpx as qdpx
    from coopanalysis.export.qdpx import place, read, source, write

    assert qdpx.write_qdpx is write.write_qdpx and qdpx.read_qdpx is read.read_qdpx
    assert qdpx.place_tags is place.place_tags and qdpx.source_text is source.source_text
    assert qdpx.validate_qdpx is read.validate_qdpx
