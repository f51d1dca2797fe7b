"""Tests of coopanalysis.tag.units: turns, sentences, their times and their anchors in the cues.

Small examples check the time arithmetic and the anchors by hand; the reference
reconstruction ``data/rnct2025_quotes.vtt`` and a Whisper JSON with word timings
(``tests/data/speakers/``) are the real inputs.
"""


from __future__ import annotations

import itertools
import json
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings

from coopanalysis import schema
from coopanalysis.errors import TranscriptError
from coopanalysis.read.transcript import read_transcript
from coopanalysis.tag.units import sentences, turns
from helpers.transcripts import CUE_ROWS, contiguous, make_transcript, read_reference_vtt

HERE = Path(__file__).resolve().parents[1] / "data" / "speakers"


def test_turns_hand_computed():
    transcript = make_transcript([
        (0.0, 2.0, "A", "Bonjour à tous."),
        (2.0, 4.0, "A", "Merci d'être là."),
        (4.0, 5.0, None, "[Musique]"),
        (5.0, 6.0, None, ""),
        (6.0, 9.0, "B", "Oui."),
        (9.0, 10.0, "A", " Bien. "),
    ])
    table = turns(transcript)
    assert list(table.columns) == list(schema.TURNS)
    assert table["speaker"].tolist()[:1] == ["A"] and pd.isna(table.loc[1, "speaker"])
    assert table[["turn_id", "start", "end", "n_words", "first_cue_id", "last_cue_id"]
                 ].values.tolist() == [[0, 0.0, 4.0, 6, 0, 1], [1, 4.0, 6.0, 0, 2, 3],
                                       [2, 6.0, 9.0, 1, 4, 4], [3, 9.0, 10.0, 1, 5, 5]]
    assert table["text"].tolist() == ["Bonjour à tous. Merci d'être là.", "[Musique]", "Oui.",
                                      "Bien."]


def test_turns_of_nothing_and_of_a_cues_table():
    assert turns(make_transcript([])).empty
    cues = make_transcript([(0.0, 1.0, "A", "un — deux")]).cues
    assert turns(cues)["n_words"].tolist() == [2]  # the dash is not a word


def test_sentence_times_interpolated_by_character_hand_computed():
    # Turn text "Il pleut beaucoup. Nous restons ici." from two cues:
    #   cue 0 "Il pleut beaucoup. Nous" (23 chars) over 0–4 s, cue 1 "restons ici." over 6–10 s.
    transcript = make_transcript([(0.0, 4.0, "A", "Il pleut beaucoup. Nous"),
                                  (6.0, 10.0, "A", "restons ici.")])
    table = sentences(transcript)
    assert list(table.columns)[:11] == list(schema.SENTENCES)
    assert table["text"].tolist() == ["Il pleut beaucoup.", "Nous restons ici."]
    # Sentence 1 ends at char 18 of cue 0: 18/23 × 4 s. Sentence 2 starts at char 19.
    assert table["start"].tolist() == pytest.approx([0.0, 19 / 23 * 4])
    assert table["end"].tolist() == pytest.approx([18 / 23 * 4, 10.0])
    assert table["n_words"].tolist() == [3, 3]
    # Anchors: sentence 1 is chars 0–18 of cue 0; sentence 2 runs from char 19 of cue 0
    # to the end of cue 1 (12 chars).
    assert table[["first_cue_id", "first_char", "last_cue_id", "last_char"]
                 ].values.tolist() == [[0, 0, 0, 18], [0, 19, 1, 12]]
    assert table[["char_start", "char_end"]].values.tolist() == [[0, 18], [19, 36]]
    assert table["turn_id"].tolist() == [0, 0] and table["speaker"].tolist() == ["A", "A"]


def test_sentence_times_from_timed_words_hand_computed():
    words = pd.DataFrame({
        "word_id": range(6), "cue_id": [0, 0, 0, 0, 1, 1],
        "start": [0.0, 0.4, 1.0, 3.0, 6.0, 6.7], "end": [0.3, 0.9, 1.8, 3.5, 6.6, 7.2],
        "word": ["Il", "pleut", "beaucoup.", "Nous", "restons", "ici."],
    })
    transcript = make_transcript([(0.0, 4.0, "A", "Il pleut beaucoup. Nous"),
                                  (6.0, 10.0, "A", "restons ici.")],
                                 words=schema.conform(words, schema.WORDS))
    table = sentences(transcript)
    # Each sentence spans its first word's start to its last word's end.
    assert table[["start", "end"]].values.tolist() == [[0.0, 1.8], [3.0, 7.2]]


def test_sentences_of_each_turn_keep_speaker_and_turn(data_dir):
    transcript = read_reference_vtt(data_dir / "rnct2025_quotes.vtt")
    table = sentences(transcript)
    table_turns = turns(transcript)
    assert table["sentence_id"].tolist() == list(range(len(table)))
    merged = table.merge(table_turns, on="turn_id", suffixes=("", "_turn"))
    assert (merged["speaker"] == merged["speaker_turn"]).all()
    assert ((merged["start"] >= merged["start_turn"] - 1e-9)
            & (merged["end"] <= merged["end_turn"] + 1e-9)).all()
    # Every sentence is in its turn's text at its offsets, and the words add up.
    for row in merged.itertuples():
        assert row.text_turn[row.char_start:row.char_end] == row.text
    assert table["n_words"].sum() == table_turns["n_words"].sum()
    first = table.iloc[:2]
    assert first["text"].tolist()[0] == "L'avenir de nos territoires se bâtit collectivement."
    assert first["text"].tolist()[1].startswith("Transition écologique")
    # "Transition" starts at offset 53 of the first cue (63 chars, 187.000–190.077 s).
    assert first.iloc[1]["start"] == pytest.approx(187.0 + 53 / 63 * 3.077)


def test_unpunctuated_captions_are_cut_at_cue_boundaries():
    phrase = ("on a une démultiplication de dispositifs pour redonner la parole aux citoyens "
              "mais ils cohabitent avec une crise démocratique qui ne fait que s'accroître "
              "alors il faut coopérer avec les élus et les habitants")  # 34 words
    rows = [(10.0 * i, 10.0 * i + 10.0, None, phrase) for i in range(5)]  # 170 words
    table = sentences(make_transcript(rows), max_words=80)
    assert table["n_words"].tolist() == [68, 68, 34]
    assert table["boundary"].tolist() == ["max_words", "max_words", "spacy"]
    assert table[["start", "end"]].values.tolist() == [[0.0, 20.0], [20.0, 40.0], [40.0, 50.0]]
    assert " ".join(table["text"]) == " ".join([phrase] * 5)
    whole = sentences(make_transcript(rows), max_words=None)
    assert whole["n_words"].sum() == 170 and len(whole) <= 2


def test_sentences_of_nothing():
    table = sentences(make_transcript([(0.0, 1.0, "A", "  ")]))
    assert table.empty and list(table.columns)[:11] == list(schema.SENTENCES)


def test_whisper_word_timings_give_sentence_times():
    transcript = read_transcript(HERE / "ref-small-transcribe-word-stamps__gossos.json")
    table = sentences(transcript)
    words = transcript.words
    assert table["text"].tolist()[1] == ("L'esquelet ancestral dels gossos els permet córrer i "
                                         "saltar.")
    # Whisper splits the elision into the words "L" and "'esquelet"; the sentence spans
    # from the start of "L" to the end of "saltar.".
    first = words[words["word"].str.strip() == "L"].iloc[0]
    assert words.loc[first.name + 1, "word"].strip() == "'esquelet"
    last = words[words["word"].str.strip() == "saltar."].iloc[0]
    assert (table.iloc[1]["start"], table.iloc[1]["end"]) == (first["start"], last["end"])
    assert table.iloc[0]["start"] == words.iloc[0]["start"] == pytest.approx(1.18)


def test_long_unpunctuated_sentence_is_cut_at_the_longest_pause():
    phrase = ("on a une démultiplication de dispositifs pour redonner la parole aux citoyens "
              "mais ils cohabitent avec une crise démocratique qui ne fait que s'accroître "
              "alors il faut coopérer avec eux")  # 30 words
    tokens = phrase.split()
    # Words of 0.3 s every 0.4 s, and a 2-second silence before word 12 ("mais").
    starts = [0.4 * i + (2.0 if i >= 12 else 0.0) for i in range(30)]
    words = pd.DataFrame({"word_id": range(30), "cue_id": 0, "start": starts,
                          "end": [t + 0.3 for t in starts], "word": tokens})
    transcript = make_transcript([(0.0, 14.0, None, phrase)],
                                 words=schema.conform(words, schema.WORDS))
    table = sentences(transcript, max_words=20)
    assert table["n_words"].tolist() == [12, 18]
    assert table["text"].iloc[1].startswith("mais ils cohabitent")
    assert table["boundary"].tolist() == ["max_words", "spacy"]
    # The first piece ends with word 11, the second starts with word 12: their own times.
    assert table["start"].tolist() == pytest.approx([0.0, 0.4 * 12 + 2.0])
    assert table["end"].tolist() == pytest.approx([0.4 * 11 + 0.3, 0.4 * 29 + 2.0 + 0.3])


@settings(max_examples=60, deadline=None)
@given(CUE_ROWS)
def test_turns_partition_the_cues(rows):
    transcript = make_transcript(contiguous(rows))
    table = turns(transcript)
    speakers = transcript.cues["speaker"].tolist()
    runs = 0 if not speakers else 1 + sum(
        not (pd.isna(a) and pd.isna(b)) and (pd.isna(a) or pd.isna(b) or a != b)
        for a, b in itertools.pairwise(speakers))
    assert len(table) == runs
    assert table["first_cue_id"].tolist() == sorted(table["first_cue_id"])
    assert (table["first_cue_id"].iloc[1:].to_numpy()
            == table["last_cue_id"].iloc[:-1].to_numpy() + 1).all()
    assert table["n_words"].sum() == sum(len(t.split()) for t in transcript.cues["text"]
                                         if t != "— …")


@settings(max_examples=30, deadline=None)
@given(CUE_ROWS)
def test_sentences_lie_in_their_turn_and_time(rows):
    transcript = make_transcript(contiguous(rows))
    table = sentences(transcript, max_words=5)
    table_turns = turns(transcript).set_index("turn_id")
    texts = transcript.cues["text"]
    for row in table.itertuples():
        turn = table_turns.loc[row.turn_id]
        assert turn["text"][row.char_start:row.char_end] == row.text
        # The anchors point at the sentence's first and last characters in their cues.
        assert texts[row.first_cue_id][row.first_char] == row.text[0]
        assert texts[row.last_cue_id][row.last_char - 1] == row.text[-1]
        assert row.first_cue_id <= row.last_cue_id
        assert turn["start"] - 1e-9 <= row.start <= row.end <= turn["end"] + 1e-9
    assert table["n_words"].sum() == table_turns["n_words"].sum()


def test_sentence_anchors_count_the_cue_text_as_written_hand_computed():
    # Cue texts keep their spaces in cues.text; the anchors are offsets in that text.
    transcript = make_transcript([(0.0, 2.0, "A", "  Oui. Bien"), (2.0, 4.0, "A", "sûr. "),
                                  (4.0, 6.0, "B", "Merci.")])
    table = sentences(transcript)
    assert table["text"].tolist() == ["Oui.", "Bien sûr.", "Merci."]
    assert table[["first_cue_id", "first_char", "last_cue_id", "last_char"]
                 ].values.tolist() == [[0, 2, 0, 6], [0, 7, 1, 4], [2, 0, 2, 6]]
    texts = transcript.cues["text"]
    for row in table.itertuples():
        assert texts[row.first_cue_id][row.first_char] == row.text[0]
        assert texts[row.last_cue_id][row.last_char - 1] == row.text[-1]


# --------------------------------------------------------------- unusual inputs


def test_turns_and_sentences_take_cues_without_cue_id():
    # A cues table from a spreadsheet has no cue_id: pandas failed with "cannot convert
    # NA to integer" deep inside turns/sentences.
    cues = pd.DataFrame({"start": [0.0, 2.0], "end": [2.0, 4.0], "speaker": ["A", "B"],
                         "text": ["Bonjour à tous.", "Merci. On commence."]})
    assert turns(cues)["first_cue_id"].tolist() == [0, 1]
    assert sentences(cues)["text"].tolist() == ["Bonjour à tous.", "Merci.", "On commence."]


@pytest.mark.parametrize("function", [turns, sentences])
def test_cues_without_times_or_text_are_a_clear_error(function):
    with pytest.raises(TranscriptError, match="start"):
        function(pd.DataFrame({"text": ["Bonjour."]}))


def test_sentence_of_untimed_whisper_words_gets_the_segment_times():
    # Whisper leaves words it could not align without times; the last sentence of the
    # segment was placed at one instant (start == end == the last timed word's end).
    text = ("Nous devons travailler ensemble. Il faut construire la confiance entre les "
            "communes et les intercommunalités.")
    words = [{"word": w, "start": 1.0 + i * 0.3 if i < 3 else None,
              "end": 1.2 + i * 0.3 if i < 3 else None} for i, w in enumerate(text.split())]
    t = read_transcript(json.dumps({"segments": [
        {"start": 1.0, "end": 9.0, "text": text, "words": words}]}))
    second = sentences(t).iloc[1]
    assert second["text"].startswith("Il faut")
    assert second["end"] == pytest.approx(9.0)
    assert second["end"] - second["start"] > 3.0


def test_sentences_of_a_transcript_pasted_as_one_huge_cue(monkeypatch):
    # One cue of hours of text went to spaCy whole: ValueError E088 past nlp.max_length
    # (1,000,000 characters; lowered here so that the test stays fast).
    from coopanalysis.tag import units

    monkeypatch.setattr(units._sentence_nlp(), "max_length", 150_000)
    sentence = "La coopération prend du temps. "
    t = read_transcript("WEBVTT\n\n00:00:00.000 --> 01:00:00.000\n" + sentence * 8000)
    result = sentences(t)
    assert result["n_words"].sum() == 5 * 8000  # no word lost
    assert result["start"].is_monotonic_increasing
    assert result["start"].iloc[0] == 0.0 and result["end"].iloc[-1] == pytest.approx(3600.0)
    middle = result[result["char_start"] > 120_000].iloc[0]
    assert middle["start"] == pytest.approx(3600 * middle["char_start"] / (31 * 8000), abs=2)
    # The cue was cut in pieces for spaCy; the anchors are still offsets in the whole cue.
    cue = t.cues["text"].iloc[0]
    assert (result["first_cue_id"] == 0).all() and (result["last_cue_id"] == 0).all()
    assert (result["first_char"] == result["char_start"]).all()
    assert cue[middle["first_char"]:middle["last_char"]] == middle["text"]
