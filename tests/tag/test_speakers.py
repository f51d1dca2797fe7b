"""Tests of coopanalysis.tag.speakers: speaker labels from the transcript, a diarization
and the matched quotes, the label → name vote and the conflicts report.

Real inputs: the pyannote sample (RTTM + STM with the names Diane and Sheila), a
whisper-ctranslate2 diarized interview, a Zoom export with ``Name:`` prefixes (all in
``tests/data/speakers/``, see SOURCES.md) and the reference reconstruction
``data/rnct2025_quotes.vtt``. RTTM reading is tested in ``tests/read/test_rttm.py``, turns
and sentences in ``test_units.py``.
"""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings

from coopanalysis import schema
from coopanalysis.align.aligner import align_quotes
from coopanalysis.errors import AlignmentError, DiarizationError
from coopanalysis.model import Transcript
from coopanalysis.read.article.parse import read_article
from coopanalysis.read.rttm import read_rttm
from coopanalysis.read.transcript import read_transcript
from coopanalysis.tag.speakers import CONFLICTS, MAPPING, tag_speakers
from coopanalysis.tag.units import sentences, turns
from coopanalysis.text.normalize import match_tokens
from helpers.transcripts import (
    CUE_ROWS,
    TWO_VOICES_VTT,
    contiguous,
    make_transcript,
    read_reference_vtt,
)

HERE = Path(__file__).resolve().parents[1] / "data" / "speakers"
SAMPLE_RTTM = HERE / "sample.rttm"


# ----------------------------------------------------------------------- helpers


def make_aligned(rows: list[tuple]) -> pd.DataFrame:
    """Aligned quotes from (quote_id, speaker, start, end, status, cue_ids) tuples."""
    frame = pd.DataFrame(rows, columns=["quote_id", "speaker", "start", "end", "status",
                                        "cue_ids"])
    return schema.conform(frame, schema.ALIGNED)


def stm_transcript() -> tuple[Transcript, list[str]]:
    """The pyannote sample's STM as cues without speakers, and the STM's speaker per cue."""
    rows, truth = [], []
    for line in (HERE / "sample.stm").read_text(encoding="utf-8").splitlines():
        _file, _channel, name, start, end, text = line.split(None, 5)
        rows.append((float(start), float(end), None, text))
        truth.append(name)
    return make_transcript(rows, source=str(HERE / "sample.stm")), truth


def stm_quotes(*cue_ids: int) -> pd.DataFrame:
    """Matched quotes on the STM cues ``cue_ids``, attributed as the STM says."""
    transcript, truth = stm_transcript()
    cues = transcript.cues
    return make_aligned([(f"q{i}", truth[i], cues.start[i], cues.end[i], "matched", [i])
                         for i in cue_ids])


def whisper_segments() -> list[dict]:
    data = json.loads((HERE / "ref-medium-diarization__dosparlants.json").read_text("utf-8"))
    return data["segments"]


# --------------------------------------------------- diarization mapped to names


def test_pyannote_labels_mapped_to_stm_names_by_quote_vote():
    transcript, truth = stm_transcript()
    # Three quotes, as an article would print them: two of Diane, one of Sheila.
    aligned = stm_quotes(6, 7, 12)
    tagged = tag_speakers(transcript, aligned=aligned, diarization=SAMPLE_RTTM)

    mapping = tagged.metadata["speaker_mapping"].set_index("label")
    assert list(tagged.metadata["speaker_mapping"].columns) == list(MAPPING)
    assert mapping.loc["speaker90", "name"] == "Diane"
    assert mapping.loc["speaker91", "name"] == "Sheila"
    assert mapping.loc["speaker90", "votes"] == 2 and mapping.loc["speaker90", "method"] == "vote"
    # Every one of the 13 STM lines gets the speaker the STM names.
    assert tagged.cues["speaker"].tolist() == truth
    assert set(tagged.cues["speaker_source"]) == {"diarization"}
    assert tagged.cues["diarization_label"].tolist()[:2] == ["speaker90", "speaker91"]
    assert tagged.metadata["speaker_conflicts"].empty
    assert tagged.warnings == []
    # The input is left as it was.
    assert transcript.cues["speaker"].isna().all()


def test_diarization_as_dataframe_and_explicit_names():
    transcript, truth = stm_transcript()
    rttm = read_rttm(SAMPLE_RTTM)
    tagged = tag_speakers(transcript, diarization=rttm,
                          names={"speaker90": "Diane", "speaker91": "Sheila"})
    assert tagged.cues["speaker"].tolist() == truth
    assert set(tagged.metadata["speaker_mapping"]["method"]) == {"names"}


def test_unmapped_labels_are_kept_as_anonymous_speakers():
    transcript, _ = stm_transcript()
    tagged = tag_speakers(transcript, diarization=SAMPLE_RTTM)
    assert set(tagged.cues["speaker"]) == {"speaker90", "speaker91"}
    assert set(tagged.metadata["speaker_mapping"]["method"]) == {"unmapped"}


def test_names_contradicting_the_vote_are_reported():
    transcript, _ = stm_transcript()
    tagged = tag_speakers(transcript, aligned=stm_quotes(6, 7, 12), diarization=SAMPLE_RTTM,
                          names={"speaker90": "Sheila", "speaker91": "Diane", "spk7": "X"})
    conflicts = tagged.metadata["speaker_conflicts"]
    mapping_rows = conflicts[conflicts["cue_id"].isna()]
    assert sorted(mapping_rows["kept"]) == ["Diane", "Sheila"]
    assert mapping_rows["reason"].str.contains("names maps label").all()
    # The explicit names win over the quotes in the cues, and each quote cue is a conflict.
    cue_rows = conflicts[conflicts["cue_id"].notna()]
    assert sorted(cue_rows["cue_id"].astype(int)) == [6, 7, 12]
    assert set(cue_rows["kept_source"]) == {"diarization"}
    assert set(cue_rows["other_source"]) == {"quote"}
    assert any("'spk7', which is not an anonymous label" in w for w in tagged.warnings)
    assert len(tagged.warnings) == len(conflicts) + 1


def test_tied_vote_leaves_the_label_unmapped_and_reports_it():
    transcript, _ = stm_transcript()
    # Cue 6 is Diane's (speaker90); a second, wrongly attributed quote on cue 8 (also
    # speaker90) makes the vote one to one.
    aligned = make_aligned([("q6", "Diane", 12.542, 14.184, "matched", [6]),
                            ("q8", "Sheila", 17.789, 20.113, "matched", [8])])
    tagged = tag_speakers(transcript, aligned=aligned, diarization=SAMPLE_RTTM)
    mapping = tagged.metadata["speaker_mapping"].set_index("label")
    assert mapping.loc["speaker90", "method"] == "unmapped"
    assert mapping.loc["speaker90", "tally"] in ("Diane 1, Sheila 1", "Sheila 1, Diane 1")
    conflicts = tagged.metadata["speaker_conflicts"]
    tie = conflicts[conflicts["reason"].str.contains("tie in the vote")]
    assert len(tie) == 1 and tie.iloc[0]["kept"] == "speaker90"
    assert any("tie in the vote for label 'speaker90'" in w for w in tagged.warnings)
    # The anonymous label stays on the cues, and the quotes that disagree with it are listed.
    assert tagged.cues.loc[8, "speaker"] == "speaker90"
    assert {6, 8} <= set(conflicts["cue_id"].dropna().astype(int))


def test_two_labels_voted_to_one_name_are_reported():
    transcript, _ = stm_transcript()
    aligned = make_aligned([("q6", "Diane", 12.542, 14.184, "matched", [6]),
                            ("q7", "Diane", 14.444, 17.769, "matched", [7])])
    tagged = tag_speakers(transcript, aligned=aligned, diarization=SAMPLE_RTTM)
    mapping = tagged.metadata["speaker_mapping"]
    assert set(mapping["name"]) == {"Diane"}
    conflicts = tagged.metadata["speaker_conflicts"]
    shared = conflicts[conflicts["reason"].str.contains("are all mapped to 'Diane'")]
    assert len(shared) == 1


def test_transcript_label_beats_diarization_and_quote_and_both_are_reported():
    transcript, truth = stm_transcript()
    cues = transcript.cues.copy()
    cues.loc[7, "speaker"] = "Diane"  # the STM says Sheila: a wrong transcript label
    transcript = transcript.with_cues(cues)
    tagged = tag_speakers(transcript, aligned=stm_quotes(6, 7, 12), diarization=SAMPLE_RTTM)
    assert tagged.cues.loc[7, "speaker"] == "Diane"
    assert tagged.cues.loc[7, "speaker_source"] == "transcript"
    conflicts = tagged.metadata["speaker_conflicts"]
    assert list(conflicts.columns)[:7] == list(CONFLICTS)[:7]
    rows = conflicts[conflicts["cue_id"] == 7].sort_values("other_source")
    assert rows[["kept", "other", "other_source"]].values.tolist() == [
        ["Diane", "Sheila", "diarization"], ["Diane", "Sheila", "quote"]]
    assert (rows["start"] == 14.444).all() and (rows["end"] == 17.769).all()
    assert len(tagged.warnings) == 2
    assert tagged.warnings[0].startswith("cue 7 at 00:00:14.444: kept 'Diane' (transcript)")
    # The other cues are still right.
    assert tagged.cues["speaker"].tolist()[8:] == truth[8:]


def test_same_name_with_other_case_or_accents_is_not_a_conflict():
    transcript = make_transcript([(0.0, 2.0, "AURELIE MEZIERE", "La coopération.")])
    aligned = make_aligned([("q1", "Aurélie Mézière", 0.0, 2.0, "matched", [0])])
    tagged = tag_speakers(transcript, aligned=aligned)
    assert tagged.metadata["speaker_conflicts"].empty
    assert tagged.cues.loc[0, "speaker"] == "AURELIE MEZIERE"


def test_several_recordings_need_the_one_named_like_the_transcript():
    transcript = make_transcript([(3.0, 4.0, None, "un"), (11.0, 15.0, None, "deux")],
                                 source="/replays/trn00.vtt")
    tagged = tag_speakers(transcript, diarization=HERE / "debug.train.rttm")
    assert tagged.cues["speaker"].tolist() == ["MÉO069", "MEE068"]
    other = make_transcript([(3.0, 4.0, None, "un")], source="/replays/autre.vtt")
    with pytest.raises(DiarizationError, match="holds 10 recordings"):
        tag_speakers(other, diarization=HERE / "debug.train.rttm")


def test_diarization_table_without_the_columns_is_an_error():
    transcript, _ = stm_transcript()
    with pytest.raises(DiarizationError, match="lacks columns"):
        tag_speakers(transcript, diarization=pd.DataFrame({"who": ["A"], "t": [1.0]}))


def test_equal_diarization_overlap_is_a_reported_tie():
    transcript = make_transcript([(0.0, 2.0, None, "bonjour")])
    diarization = pd.DataFrame({"speaker": ["A", "B"], "start": [0.0, 1.0], "end": [1.0, 2.0]})
    tagged = tag_speakers(transcript, diarization=diarization)
    assert pd.isna(tagged.cues.loc[0, "speaker"])
    assert pd.isna(tagged.cues.loc[0, "speaker_source"])
    conflict = tagged.metadata["speaker_conflicts"].iloc[0]
    assert conflict["other"] == "A / B" and pd.isna(conflict["kept"])


def test_largest_overlap_wins_within_a_cue():
    transcript = make_transcript([(0.0, 10.0, None, "long"), (10.0, 11.0, None, "court")])
    diarization = pd.DataFrame({"speaker": ["A", "B", "A"], "start": [0.0, 4.0, 9.5],
                                "end": [3.0, 10.0, 11.0]})
    tagged = tag_speakers(transcript, diarization=diarization)
    # Cue 0: A 3.0 s + 0.5 s, B 6.0 s → B. Cue 1: A 1.0 s.
    assert tagged.cues["speaker"].tolist() == ["B", "A"]


# ---------------------------------------------------------------- quotes alone


def test_cues_inside_a_matched_quote_get_its_speaker():
    transcript = make_transcript([
        (0.0, 4.0, None, "avant"),
        (4.0, 8.0, None, "la coopération c'est"),
        (8.0, 12.0, None, "mettre tout le monde"),
        (12.0, 16.0, None, "autour de la table"),
    ])
    aligned = make_aligned([
        # Covers 25 % of cue 0 (not enough), cues 1 and 2 whole, 75 % of cue 3.
        ("q1", "Aurélie Mézière", 3.0, 15.0, "matched", [0, 1, 2, 3]),
        ("q2", "Brice Comment", 0.0, 16.0, "uncertain", [0, 1, 2, 3]),  # ignored
    ])
    tagged = tag_speakers(transcript, aligned=aligned)
    assert tagged.cues["speaker"].tolist()[1:] == ["Aurélie Mézière"] * 3
    assert pd.isna(tagged.cues.loc[0, "speaker"])
    assert tagged.cues["speaker_source"].tolist()[1:] == ["quote"] * 3
    assert tagged.metadata["speaker_conflicts"].empty


def test_cue_ids_restrict_a_quote_to_its_cues():
    transcript = make_transcript([(0.0, 4.0, None, "a"), (4.0, 8.0, None, "b")])
    aligned = make_aligned([("q1", "Manon Loisel", 0.0, 8.0, "matched", [1])])
    tagged = tag_speakers(transcript, aligned=aligned)
    assert pd.isna(tagged.cues.loc[0, "speaker"])
    assert tagged.cues.loc[1, "speaker"] == "Manon Loisel"


def test_two_quotes_of_different_speakers_on_one_cue():
    transcript = make_transcript([(0.0, 4.0, None, "a")])
    equal = make_aligned([("q1", "A", 0.0, 4.0, "matched", [0]),
                          ("q2", "B", 0.0, 4.0, "matched", [0])])
    tagged = tag_speakers(transcript, aligned=equal)
    assert pd.isna(tagged.cues.loc[0, "speaker"])
    assert "cover the cue equally" in tagged.metadata["speaker_conflicts"].iloc[0]["reason"]
    unequal = make_aligned([("q1", "A", 0.0, 4.0, "matched", [0]),
                            ("q2", "B", 1.0, 4.0, "matched", [0])])
    tagged = tag_speakers(transcript, aligned=unequal)
    assert tagged.cues.loc[0, "speaker"] == "A"
    assert tagged.metadata["speaker_conflicts"].iloc[0]["other"] == "B"


def test_retagging_keeps_only_the_transcript_labels_as_transcript():
    transcript, truth = stm_transcript()
    once = tag_speakers(transcript, aligned=stm_quotes(6, 7, 12), diarization=SAMPLE_RTTM)
    twice = tag_speakers(once, aligned=stm_quotes(6, 7, 12), diarization=SAMPLE_RTTM)
    assert twice.cues["speaker"].tolist() == truth
    assert set(twice.cues["speaker_source"]) == {"diarization"}
    assert twice.metadata["speaker_conflicts"].empty


def test_aligned_without_status_is_refused():
    transcript, _ = stm_transcript()
    with pytest.raises(AlignmentError, match="status"):
        tag_speakers(transcript, aligned=pd.DataFrame({"speaker": ["A"], "start": [0.0],
                                                       "end": [1.0]}))


# ------------------------------------------------ real speaker-labelled files


def test_whisper_diarization_segments_mapped_by_a_quote():
    # whisper-ctranslate2's own diarization, as a table, against its segments as cues.
    segments = whisper_segments()
    diarization = pd.DataFrame({"speaker": [s["speaker"] for s in segments],
                                "start": [s["start"] for s in segments],
                                "end": [s["end"] for s in segments]})
    transcript = make_transcript([(s["start"], s["end"], None, s["text"].strip())
                                  for s in segments])
    # "Hola, bon dia, em dic Carme." (2–4 s): Carme introduces herself.
    aligned = make_aligned([("q1", "Carme", 2.0, 4.0, "matched", [1])])
    tagged = tag_speakers(transcript, aligned=aligned, diarization=diarization)
    labels = [s["speaker"] for s in segments]
    expected = ["Carme" if label == "SPEAKER_00" else "SPEAKER_01" for label in labels]
    assert tagged.cues["speaker"].tolist() == expected
    # The VTT of the same run writes the labels as "[SPEAKER_01]: text": same turns.
    vtt = (HERE / "ref-medium-diarization__dosparlants.vtt").read_text("utf-8")
    assert re.findall(r"^\[(SPEAKER_\d+)\]:", vtt, flags=re.M) == labels
    table = turns(tagged)
    changes = 1 + sum(a != b for a, b in itertools.pairwise(labels))
    assert len(table) == changes == 11
    assert table.iloc[3]["speaker"] == "Carme"
    assert table.iloc[3]["text"] == ("Doncs jo soc de l'Explorat Francolí, que és un poble de la "
                                     "província de Tarragona, que està molt a prop del monestir "
                                     "de Poblet.")
    assert (table.iloc[3]["start"], table.iloc[3]["end"]) == (6.0, 13.0)


def test_reference_vtt_voice_tags_are_transcript_labels(data_dir):
    transcript = read_reference_vtt(data_dir / "rnct2025_quotes.vtt")
    tagged = tag_speakers(transcript)
    assert set(tagged.cues["speaker_source"]) == {"transcript"}
    table = turns(tagged)
    assert table.iloc[0]["speaker"] == "François Rebsamen"
    assert table.iloc[0]["text"].startswith("L'avenir de nos territoires se bâtit collectivement.")
    assert (table.iloc[0]["start"], table.iloc[0]["end"]) == (187.0, 195.846)
    # Consecutive cues of one speaker are merged; turns never mix speakers.
    assert len(table) < len(tagged.cues)
    assert (table["speaker"] != table["speaker"].shift()).iloc[1:].all()
    assert table["n_words"].sum() == sum(len(t.split()) for t in tagged.cues["text"])


def test_reference_vtt_quote_given_to_the_wrong_speaker_is_reported(data_dir):
    transcript = read_reference_vtt(data_dir / "rnct2025_quotes.vtt")
    # Her first turn (20min24): three cues.
    manon = transcript.cues[transcript.cues["speaker"] == "Manon Loisel"].iloc[:3]
    first, last = manon["cue_id"].iloc[0], manon["cue_id"].iloc[-1]
    assert manon["start"].iloc[0] == 1224.0 and last - first == 2
    aligned = make_aligned([("q04", "Aurélie Mézière", manon["start"].min(), manon["end"].max(),
                             "matched", list(range(first, last + 1)))])
    tagged = tag_speakers(transcript, aligned=aligned)
    conflicts = tagged.metadata["speaker_conflicts"]
    assert len(conflicts) == len(manon) == len(tagged.warnings)
    assert set(conflicts["kept"]) == {"Manon Loisel"}
    assert set(conflicts["other"]) == {"Aurélie Mézière"}
    assert set(conflicts["evidence"]) == {"q04"}
    assert (tagged.cues.loc[manon.index, "speaker"] == "Manon Loisel").all()


def test_reference_vtt_through_read_transcript(data_dir):
    transcript = read_transcript(data_dir / "rnct2025_quotes.vtt")
    by_hand = read_reference_vtt(data_dir / "rnct2025_quotes.vtt")
    tagged = tag_speakers(transcript)
    assert tagged.cues["speaker"].tolist() == by_hand.cues["speaker"].tolist()
    assert turns(tagged)["speaker"].tolist() == turns(by_hand)["speaker"].tolist()


def test_zoom_name_prefixes_make_turns_and_beat_a_wrong_diarization():
    path = HERE / "acdt_2026-07-13_087__transcript.vtt"
    transcript = read_transcript(path)
    raw = path.read_text("utf-8")
    names = re.findall(r"^\d\d:\d\d:\d\d\.\d{3} --> .*\r?\n([^:\r\n]+?): ", raw, flags=re.M)
    assert transcript.cues["speaker"].tolist() == names  # the reader's job, checked here
    tagged = tag_speakers(transcript)
    assert set(tagged.cues["speaker_source"]) == {"transcript"}
    table = turns(tagged)
    assert len(table) == 1 + sum(a != b for a, b in itertools.pairwise(names))
    assert table.iloc[0]["speaker"] == "Justin Traglia"
    assert table.iloc[0]["text"] == "Good morning again."
    # A diarization that gives every cue to one voice, named Mario Vega: all cues of the
    # other speakers are conflicts, and the Zoom names are kept.
    cues = tagged.cues
    one_voice = pd.DataFrame({"speaker": ["spk"], "start": [0.0],
                              "end": [cues["end"].max() + 1]})
    wrong = tag_speakers(transcript, diarization=one_voice, names={"spk": "Mario Vega"})
    conflicts = wrong.metadata["speaker_conflicts"]
    assert len(conflicts) == (cues["speaker"] != "Mario Vega").sum()
    assert wrong.cues["speaker"].tolist() == names


def test_anonymous_transcript_labels_are_named_by_names_or_vote():
    # whisper-ctranslate2 writes its diarization into the text: "[SPEAKER_01]: Hola…".
    segments = whisper_segments()
    transcript = make_transcript([(s["start"], s["end"], s["speaker"], s["text"].strip())
                                  for s in segments])
    labels = [s["speaker"] for s in segments]
    aligned = make_aligned([("q1", "Carme", 2.0, 4.0, "matched", [1])])
    tagged = tag_speakers(transcript, aligned=aligned)
    assert tagged.cues["speaker"].tolist() == [
        "Carme" if label == "SPEAKER_00" else label for label in labels]
    assert tagged.cues["transcript_label"].tolist() == labels
    assert set(tagged.cues["speaker_source"]) == {"transcript"}
    mapping = tagged.metadata["speaker_mapping"].set_index("label")
    assert mapping.loc["SPEAKER_00", ["name", "method", "origin"]].tolist() == [
        "Carme", "vote", "transcript"]
    named = tag_speakers(transcript, names={"SPEAKER_01": "Periodista"})
    assert set(named.cues["speaker"]) == {"SPEAKER_00", "Periodista"}
    # Re-tagging starts again from the transcript's own labels.
    again = tag_speakers(named, names={"SPEAKER_01": "Entrevistadora"})
    assert set(again.cues["speaker"]) == {"SPEAKER_00", "Entrevistadora"}


def test_names_are_never_treated_as_anonymous_labels():
    transcript = make_transcript([(0.0, 2.0, "Speaker of the House", "a"),
                                  (2.0, 4.0, "Speaker 2", "b")])
    tagged = tag_speakers(transcript, names={"Speaker of the House": "X", "Speaker 2": "Y"})
    assert tagged.cues["speaker"].tolist() == ["Speaker of the House", "Y"]
    assert any("'Speaker of the House', which is not an anonymous label" in w
               for w in tagged.warnings)


def _assert_cues_named_like_reference(tagged, reference):
    """At least 90 % of cues named, each by the reference turn sharing most of its words,
    with no conflict reported."""
    named = tagged.cues[tagged.cues["speaker"].notna()]
    assert len(named) >= 0.9 * len(tagged.cues)
    reference_tokens = [set(match_tokens(text)) for text in reference["text"]]
    for cue in named.itertuples():
        tokens = set(match_tokens(cue.text))
        best = max(range(len(reference)), key=lambda i: len(tokens & reference_tokens[i]))
        assert reference["speaker"].iloc[best] == cue.speaker, cue.text
    assert tagged.metadata["speaker_conflicts"].empty


def test_simulated_captions_tagged_from_quotes_aligned_by_align_quotes(data_dir):
    # The whole chain on captions without any speaker label: the reference's turns are
    # the "article quotes", align_quotes finds them in the noisy rolling captions, and
    # tag_speakers gives their cues to their speakers.
    reference = turns(read_transcript(data_dir / "rnct2025_quotes.vtt"))
    captions = read_transcript(data_dir / "rnct2025_simulated_captions.vtt")
    assert captions.cues["speaker"].isna().all()
    quotes = pd.DataFrame({"quote_id": [f"t{i}" for i in reference["turn_id"]],
                           "speaker": reference["speaker"], "text": reference["text"],
                           "stated_start": reference["start"]})
    aligned = align_quotes(quotes, captions)
    tagged = tag_speakers(captions, aligned=aligned)
    _assert_cues_named_like_reference(tagged, reference)
    named = tagged.cues[tagged.cues["speaker"].notna()]
    assert set(named["speaker_source"]) == {"quote"}
    # Sentences of the unpunctuated captions start and end on timed words.
    table = sentences(tagged, max_words=20)
    assert table["n_words"].max() <= 20 + 12  # a cue is never cut: at most one cue over
    word_times = set(captions.words["start"]) | set(captions.words["end"])
    assert table["start"].isin(word_times).mean() > 0.9
    assert table["end"].isin(word_times).mean() > 0.9


# ------------------------------------------------------------------- properties


@settings(max_examples=40, deadline=None)
@given(CUE_ROWS)
def test_diarization_of_the_cues_gives_each_cue_its_label(rows):
    cues = contiguous(rows)
    transcript = make_transcript([(s, e, None, t) for s, e, _, t in cues])
    diarization = pd.DataFrame({"speaker": [sp or "C" for _, _, sp, _ in cues],
                                "start": [s for s, _, _, _ in cues],
                                "end": [e for _, e, _, _ in cues]})
    tagged = tag_speakers(transcript, diarization=diarization)
    assert tagged.cues["speaker"].tolist() == diarization["speaker"].tolist()
    assert tagged.metadata["speaker_conflicts"].empty


def test_diarization_table_with_bad_values():
    transcript, _ = stm_transcript()
    with pytest.raises(DiarizationError, match=r"'vingt' .* is not a number"):
        tag_speakers(transcript, diarization=pd.DataFrame(
            {"speaker": ["A"], "start": ["vingt"], "end": [21.0]}))
    with pytest.raises(DiarizationError, match="end before start at index 1"):
        tag_speakers(transcript, diarization=pd.DataFrame(
            {"speaker": ["A", "B"], "start": [0.0, 9.0], "end": [5.0, 8.0]}))
    partial = pd.DataFrame({"speaker": ["A", None], "start": [0.0, 9.0], "end": [30.0, 10.0]})
    tagged = tag_speakers(transcript, diarization=partial)
    assert set(tagged.cues["speaker"]) == {"A"}
    assert tagged.warnings == ["<diarization table>: 1 rows without speaker, start or end "
                               "ignored (index 1)"]


def test_a_voted_name_already_given_by_names_is_reported():
    transcript, _ = stm_transcript()
    # names gives Diane to speaker90; the one quote in speaker91's turns also says Diane.
    aligned = make_aligned([("q7", "Diane", 14.444, 17.769, "matched", [7])])
    tagged = tag_speakers(transcript, aligned=aligned, diarization=SAMPLE_RTTM,
                          names={"speaker90": "Diane"})
    conflicts = tagged.metadata["speaker_conflicts"]
    shared = conflicts[conflicts["reason"].str.contains("speaker90 by names and speaker91 by vote")]
    assert len(shared) == 1 and shared.iloc[0]["kept_source"] == "diarization"


def test_reader_output_of_a_diarized_whisper_vtt_is_named():
    transcript = read_transcript(HERE / "ref-medium-diarization__dosparlants.vtt")
    assert set(transcript.cues["speaker"]) == {"SPEAKER_00", "SPEAKER_01"}
    tagged = tag_speakers(transcript, names={"SPEAKER_00": "Carme", "SPEAKER_01": "Periodista"})
    assert tagged.cues["speaker"].tolist()[:3] == ["Periodista", "Carme", "Periodista"]
    assert len(turns(tagged)) == 11
    assert tagged.metadata["speaker_mapping"]["method"].tolist() == ["names", "names"]


def test_reference_article_quotes_name_the_simulated_captions(data_dir):
    # The real use: the article's quotes, located by align_quotes in captions without
    # speakers, name the cues; on the reference VTT they agree with its voice tags.
    article = read_article(data_dir / "rnct2025_article.md")
    reference = turns(read_transcript(data_dir / "rnct2025_quotes.vtt"))
    captions = read_transcript(data_dir / "rnct2025_simulated_captions.vtt")
    tagged = tag_speakers(captions, aligned=align_quotes(article.quotes, captions))
    _assert_cues_named_like_reference(tagged, reference)

    voiced = read_transcript(data_dir / "rnct2025_quotes.vtt")
    checked = tag_speakers(voiced, aligned=align_quotes(article.quotes, voiced))
    assert set(checked.cues["speaker_source"]) == {"transcript"}
    assert checked.metadata["speaker_conflicts"].empty


# ------------------------------------------------------ diarization coverage, inputs



def test_empty_rttm_is_reported(tmp_path):
    # An empty diarization (pyannote found nothing, or the wrong file) changed nothing
    # and said nothing: the user believed the speakers came from the diarization.
    rttm = tmp_path / "empty.rttm"
    rttm.write_text("")
    tagged = tag_speakers(read_transcript(TWO_VOICES_VTT), diarization=rttm)
    assert any("empty.rttm" in w and "no speech turns" in w for w in tagged.warnings)


def test_rttm_of_another_time_range_is_reported(tmp_path):
    # A diarization of another recording: none of its turns overlaps a cue.
    rttm = tmp_path / "other.rttm"
    rttm.write_text("SPEAKER other 1 500.0 20.0 <NA> <NA> SPEAKER_00 <NA> <NA>\n")
    tagged = tag_speakers(read_transcript(TWO_VOICES_VTT), diarization=rttm)
    assert tagged.cues["diarization_label"].isna().all()
    assert any("other.rttm" in w and "overlaps no cue" in w for w in tagged.warnings)


def test_matching_rttm_gives_no_coverage_warning(tmp_path):
    rttm = tmp_path / "ok.rttm"
    rttm.write_text("SPEAKER ok 1 1.0 3.0 <NA> <NA> SPEAKER_00 <NA> <NA>\n"
                    "SPEAKER ok 1 5.0 4.0 <NA> <NA> SPEAKER_01 <NA> <NA>\n")
    tagged = tag_speakers(read_transcript(TWO_VOICES_VTT), diarization=rttm)
    assert tagged.cues["diarization_label"].tolist() == ["SPEAKER_00", "SPEAKER_01"]
    assert not any("ok.rttm" in w for w in tagged.warnings)


def test_rttm_coverage_warning_with_untimed_cues(tmp_path):
    cues = schema.conform(pd.DataFrame({"cue_id": [0], "start": [float("nan")],
                                        "end": [float("nan")], "text": ["bonjour"]}),
                          schema.CUES)
    rttm = tmp_path / "r.rttm"
    rttm.write_text("SPEAKER r 1 1.0 3.0 <NA> <NA> SPEAKER_00 <NA> <NA>\n")
    tagged = tag_speakers(Transcript(cues=cues), diarization=rttm)
    assert any("overlaps no cue" in w for w in tagged.warnings)


def test_tag_speakers_takes_a_cues_table():
    # turns() and sentences() take a cues table; tag_speakers raised AttributeError.
    tagged = tag_speakers(read_transcript(TWO_VOICES_VTT).cues.drop(columns=["cue_id"]),
                          names={"SPEAKER_00": "Alice"})
    assert tagged.cues["speaker"].tolist() == ["Alice", "Bob"]
    assert any("SPEAKER_00" in w for w in tagged.warnings)


def test_tag_speakers_names_must_be_a_mapping():
    with pytest.raises(DiarizationError, match="mapping"):
        tag_speakers(read_transcript(TWO_VOICES_VTT), names=["SPEAKER_00"])  # type: ignore[arg-type]
