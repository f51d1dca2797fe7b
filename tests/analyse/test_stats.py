"""Statistics on small transcripts whose expected numbers are computed by hand below."""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coopanalysis import schema
from coopanalysis.analyse.stats import (
    SPEAKER_STATS_COLUMNS,
    count_words,
    quote_report,
    speaker_stats,
    theme_cooccurrence,
    theme_pivot,
    theme_stats,
)
from coopanalysis.errors import CoopanalysisError
from coopanalysis.model import Transcript
from coopanalysis.schema import ALIGNED, CUES, THEMES, conform
from coopanalysis.tag.units import turns as speaker_turns


def make_transcript(rows: list[tuple[float, float, str | None, str]]) -> Transcript:
    cues = pd.DataFrame(
        {"cue_id": range(len(rows)), "start": [r[0] for r in rows], "end": [r[1] for r in rows],
         "speaker": [r[2] for r in rows], "text": [r[3] for r in rows]})
    return Transcript(cues=conform(cues, CUES))


# Alice 0–4 and 4–10 (one turn), Bob 9–15 (starts 1 s before Alice ends: an interruption),
# Alice 15–18 (starts exactly when Bob ends: not one), an unlabelled cue 20–22.
ROUND_TABLE = make_transcript([
    (0.0, 4.0, "Alice", "Bonjour à tous, merci."),             # 4 words
    (4.0, 10.0, "Alice", "L'avenir se bâtit collectivement."),  # 4 words (l'avenir is one)
    (9.0, 15.0, "Bob", "Je ne suis pas d'accord."),             # 5 words
    (15.0, 18.0, "Alice", "Pourquoi ?"),                        # 1 word
    (20.0, 22.0, None, "Applaudissements"),                     # 1 word
])


def row_of(table: pd.DataFrame, speaker: str | None) -> pd.Series:
    mask = table["speaker"].isna() if speaker is None else table["speaker"] == speaker
    rows = table[mask.fillna(False)]
    assert len(rows) == 1
    return rows.iloc[0]


def test_count_words_keeps_elisions_and_hyphens_together() -> None:
    assert count_words("L'avenir, c'est aujourd'hui — peut-être !") == 4
    assert count_words("") == 0
    assert count_words(pd.NA) == 0


def test_speaker_stats_hand_computed() -> None:
    stats = speaker_stats(ROUND_TABLE)
    assert list(stats.columns) == list(SPEAKER_STATS_COLUMNS)
    assert list(stats["speaker"].fillna("<NA>")) == ["Alice", "Bob", "<NA>"]  # by time

    alice = row_of(stats, "Alice")
    total = 13.0 + 6.0 + 2.0
    assert alice["speaking_time"] == pytest.approx(10.0 + 3.0)
    assert alice["share"] == pytest.approx(13.0 / total)
    assert alice["n_words"] == 9
    assert alice["words_per_minute"] == pytest.approx(9 / (13.0 / 60))
    assert alice["n_turns"] == 2
    assert alice["mean_turn"] == pytest.approx((10.0 + 3.0) / 2)
    assert alice["longest_turn"] == pytest.approx(10.0)
    assert alice["interruptions"] == 0

    bob = row_of(stats, "Bob")
    assert bob["speaking_time"] == pytest.approx(6.0)
    assert bob["share"] == pytest.approx(6.0 / total)
    assert bob["n_words"] == 5
    assert bob["words_per_minute"] == pytest.approx(50.0)
    assert (bob["n_turns"], bob["interruptions"]) == (1, 1)

    unknown = row_of(stats, None)
    assert unknown["speaking_time"] == pytest.approx(2.0)
    assert stats["share"].sum() == pytest.approx(1.0)


def test_rolling_captions_count_overlapping_time_once() -> None:
    # YouTube-style rolling cues: 0–5 and 3–8 cover 8 s, not 10.
    transcript = make_transcript([(0.0, 5.0, "Alice", "un deux"), (3.0, 8.0, "Alice", "trois")])
    alice = speaker_stats(transcript).iloc[0]
    assert alice["speaking_time"] == pytest.approx(8.0)
    assert alice["n_turns"] == 1
    assert alice["longest_turn"] == pytest.approx(8.0)


def test_min_overlap_ignores_caption_jitter() -> None:
    transcript = make_transcript([(0.0, 5.1, "Alice", "un"), (5.0, 9.0, "Bob", "deux")])
    assert row_of(speaker_stats(transcript), "Bob")["interruptions"] == 1
    assert row_of(speaker_stats(transcript, min_overlap=0.2), "Bob")["interruptions"] == 0


def test_speaker_stats_accepts_cues_and_empty_input() -> None:
    from_cues = speaker_stats(ROUND_TABLE.cues)
    pd.testing.assert_frame_equal(from_cues, speaker_stats(ROUND_TABLE))
    empty = speaker_stats(make_transcript([]))
    assert empty.empty and list(empty.columns) == list(SPEAKER_STATS_COLUMNS)
    with pytest.raises(CoopanalysisError):
        speaker_stats("not a transcript")  # type: ignore[arg-type]


def test_merge_turns_merges_consecutive_cues_of_one_speaker() -> None:
    turns = speaker_turns(ROUND_TABLE.cues)
    assert list(turns["speaker"].fillna("<NA>")) == ["Alice", "Bob", "Alice", "<NA>"]
    first = turns.iloc[0]
    assert (first["start"], first["end"], first["first_cue_id"], first["last_cue_id"]) == (
        0.0, 10.0, 0, 1)
    assert first["text"] == "Bonjour à tous, merci. L'avenir se bâtit collectivement."
    assert first["n_words"] == 8


# Units as tagged: unit "0" Alice 10 words at 0 s, "1" Bob 5 words at 100 s,
# "2" Alice 5 words at 400 s, "3" Bob 5 words at 1000 s (untagged).
UNITS = pd.DataFrame({
    "unit_id": ["0", "1", "2", "3"],
    "speaker": ["Alice", "Bob", "Alice", "Bob"],
    "start": [0.0, 100.0, 400.0, 1000.0],
    "end": [30.0, 110.0, 410.0, 1010.0],
    "text": ["un deux trois quatre cinq six sept huit neuf dix", "un deux trois quatre cinq",
             "un deux trois quatre cinq", "un deux trois quatre cinq"],
})
TAGS = conform(pd.DataFrame({
    "unit_id": ["0", "0", "0", "1", "2"],
    "speaker": ["Alice", "Alice", "Alice", "Bob", "Alice"],
    "start": [0.0, 0.0, 0.0, 100.0, 400.0],
    "end": [30.0, 30.0, 30.0, 110.0, 410.0],
    "theme": ["cooperation", "cooperation", "trust_time", "cooperation", "trust_time"],
    "char_start": [0, 10, 20, 0, 0],
    "char_end": [5, 15, 25, 5, 5],
}), THEMES)


def one(table: pd.DataFrame, **keys: object) -> pd.Series:
    mask = pd.Series(True, index=table.index)
    for name, value in keys.items():
        mask &= table[name] == value
    assert mask.sum() == 1, keys
    return table[mask].iloc[0]


def test_theme_stats_by_theme() -> None:
    stats = theme_stats(TAGS, units=UNITS)
    assert list(stats.columns) == ["theme", "label", "n_tags", "n_units", "n_words",
                                   "rate_per_1000_words", "share_of_talk"]
    assert stats["label"].isna().all()  # no codebook labels given
    coop = one(stats, theme="cooperation")
    assert (coop["n_tags"], coop["n_units"], coop["n_words"]) == (3, 2, 25)
    assert coop["rate_per_1000_words"] == pytest.approx(3 / 25 * 1000)
    assert coop["share_of_talk"] == pytest.approx((10 + 5) / 25)
    trust = one(stats, theme="trust_time")
    assert (trust["n_tags"], trust["n_units"]) == (2, 2)
    assert trust["share_of_talk"] == pytest.approx((10 + 5) / 25)


def test_theme_stats_by_speaker_gives_share_of_each_speakers_talk() -> None:
    stats = theme_stats(TAGS, units=UNITS, by="speaker")
    assert list(stats.columns[:3]) == ["theme", "label", "speaker"]
    assert len(stats) == 4  # 2 themes × 2 speakers, zeros included
    alice = one(stats, theme="cooperation", speaker="Alice")
    assert (alice["n_tags"], alice["n_words"]) == (2, 15)
    assert alice["rate_per_1000_words"] == pytest.approx(2 / 15 * 1000)
    assert alice["share_of_talk"] == pytest.approx(10 / 15)
    bob = one(stats, theme="cooperation", speaker="Bob")
    assert bob["share_of_talk"] == pytest.approx(5 / 10)
    bob_trust = one(stats, theme="trust_time", speaker="Bob")
    assert (bob_trust["n_tags"], bob_trust["rate_per_1000_words"]) == (0, 0.0)
    assert one(stats, theme="trust_time", speaker="Alice")["share_of_talk"] == pytest.approx(1.0)


def test_theme_stats_by_time_bin_fills_empty_bins() -> None:
    stats = theme_stats(TAGS, units=UNITS, by="time_bin", bin_size=300.0)
    assert list(stats.columns[:5]) == ["theme", "label", "time_bin", "bin_start", "bin_end"]
    # Bins 0 (0–300 s), 1, 2 (no unit: 0 words), 3 (1000 s, untagged): 4 bins × 2 themes.
    assert len(stats) == 8
    coop0 = one(stats, theme="cooperation", time_bin=0)
    assert (coop0["n_tags"], coop0["n_words"], coop0["bin_end"]) == (3, 15, 300.0)
    assert coop0["share_of_talk"] == pytest.approx(1.0)
    trust0 = one(stats, theme="trust_time", time_bin=0)
    assert trust0["rate_per_1000_words"] == pytest.approx(1 / 15 * 1000)
    assert trust0["share_of_talk"] == pytest.approx(10 / 15)
    empty_bin = one(stats, theme="trust_time", time_bin=2)
    assert empty_bin["n_words"] == 0 and math.isnan(empty_bin["rate_per_1000_words"])
    assert one(stats, theme="trust_time", time_bin=3)["rate_per_1000_words"] == 0.0


def test_theme_stats_by_speaker_and_time_bin() -> None:
    stats = theme_stats(TAGS, units=UNITS, by=("speaker", "time_bin"), bin_size=600.0)
    row = one(stats, theme="trust_time", speaker="Alice", time_bin=0)
    assert (row["n_tags"], row["n_words"]) == (2, 15)
    assert stats["n_tags"].sum() == len(TAGS)


def test_theme_stats_without_units_counts_only() -> None:
    stats = theme_stats(TAGS, by="speaker")
    assert one(stats, theme="cooperation", speaker="Bob")["n_tags"] == 1
    assert stats["n_words"].isna().all() and stats["rate_per_1000_words"].isna().all()


def test_theme_stats_warns_about_unknown_units_and_rejects_bad_keys() -> None:
    with pytest.warns(UserWarning, match="not in `units`"):
        theme_stats(TAGS, units=UNITS[UNITS["unit_id"] != "2"])
    with pytest.raises(CoopanalysisError, match="unknown theme_stats key"):
        theme_stats(TAGS, by="colour")
    with pytest.raises(CoopanalysisError, match="bin_size"):
        theme_stats(TAGS, by="time_bin", bin_size=0)


def test_theme_stats_finds_unit_ids_in_turn_tables() -> None:
    turns = UNITS.drop(columns="unit_id").assign(turn_id=[0, 1, 2, 3])
    stats = theme_stats(TAGS, units=turns)
    assert one(stats, theme="cooperation")["share_of_talk"] == pytest.approx(15 / 25)


def test_theme_stats_empty_tags() -> None:
    stats = theme_stats(TAGS.iloc[:0], units=UNITS, by="speaker")
    assert stats.empty


def test_theme_cooccurrence() -> None:
    pairs = theme_cooccurrence(TAGS)
    assert len(pairs) == 1
    pair = pairs.iloc[0]
    assert (pair["theme_a"], pair["theme_b"], pair["n_units"]) == (
        "cooperation", "trust_time", 1)
    assert (pair["n_units_a"], pair["n_units_b"]) == (2, 2)
    assert pair["jaccard"] == pytest.approx(1 / 3)


def test_theme_pivot_speakers_by_themes() -> None:
    wide = theme_pivot(theme_stats(TAGS, units=UNITS, by="speaker"))
    assert list(wide.index) == ["Alice", "Bob"]
    assert list(wide.columns) == ["cooperation", "trust_time"]
    assert wide.loc["Alice"].tolist() == [2, 2] and wide.loc["Bob"].tolist() == [1, 0]
    shares = theme_pivot(theme_stats(TAGS, units=UNITS, by="speaker"), values="share_of_talk")
    assert shares.loc["Bob", "cooperation"] == pytest.approx(0.5)
    with pytest.raises(CoopanalysisError, match="no column"):
        theme_pivot(theme_stats(TAGS), index="speaker")


def test_quote_report_formats_times_and_keeps_unmatched() -> None:
    aligned = conform(pd.DataFrame({
        "quote_id": ["q01", "q02"],
        "speaker": ["Manon Loisel", "Philippe Dessertine"],
        "stated_start": [1224.0, math.nan],
        "start": [1226.5, math.nan],
        "cue_ids": [[4, 5], []],
        "transcript_text": ["on a une démultiplication", pd.NA],
        "status": ["matched", "unmatched"],
        "offset": [2.5, math.nan],
        "fidelity": [0.9, math.nan],
        "verdict": ["edited", pd.NA],
        "diff": ["= on a ~ une", pd.NA],
    }), ALIGNED)
    quotes = pd.DataFrame({"quote_id": ["q01", "q02"], "text": ["« On a une… »", "« Nous »"]})
    report = quote_report(aligned, quotes=quotes)
    first, second = report.iloc[0], report.iloc[1]
    assert (first["stated_hms"], first["stated_minsec"]) == ("00:20:24", "20min24")
    assert (first["start_hms"], first["start_minsec"]) == ("00:20:26", "20min26")
    assert first["text"] == "« On a une… »" and first["offset"] == 2.5
    assert second["status"] == "unmatched"
    assert pd.isna(second["start_hms"]) and pd.isna(second["stated_minsec"])
    assert report["cue_ids"].iloc[0] == [4, 5]  # extra columns kept


def test_statistics_on_the_reference_reconstruction(data_dir: Path) -> None:
    """Real reader, real turns and tagger: totals agree with independent pandas sums."""
    from coopanalysis.read.transcript import read_transcript
    from coopanalysis.tag.themes import tag_themes
    from coopanalysis.tag.units import turns

    transcript = read_transcript(data_dir / "rnct2025_quotes.vtt")
    cues = transcript.cues
    stats = speaker_stats(transcript).set_index("speaker")
    # The reconstruction's cues do not overlap: speaking time is the sum of cue durations.
    durations = (cues["end"] - cues["start"]).groupby(cues["speaker"]).sum()
    assert stats["speaking_time"].to_dict() == pytest.approx(durations.to_dict())
    assert stats["n_words"].sum() == cues["text"].map(count_words).sum()
    assert stats["share"].sum() == pytest.approx(1.0)
    # Each quote of the article is one turn here (speakers never follow themselves).
    assert stats["n_turns"].sum() == len(turns(transcript))

    units = turns(transcript)
    themes = tag_themes(units)
    by_speaker = theme_stats(themes, units=units, by="speaker")
    assert by_speaker["n_tags"].sum() == len(themes)
    assert by_speaker["share_of_talk"].between(0, 1).all()
    words = by_speaker.drop_duplicates("speaker").set_index("speaker")["n_words"]
    assert words.to_dict() == units.groupby("speaker")["n_words"].sum().to_dict()


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.floats(0, 100), st.floats(0, 20),
                          st.sampled_from(["Alice", "Bob", None]),
                          st.sampled_from(["un", "deux trois", "", "l'avenir !"])),
                min_size=1, max_size=12))
def test_speaker_stats_invariants(rows: list[tuple[float, float, str | None, str]]) -> None:
    transcript = make_transcript([(s, s + d, who, text) for s, d, who, text in rows])
    stats = speaker_stats(transcript)
    cues = transcript.cues
    durations = (cues["end"] - cues["start"]).groupby(cues["speaker"].fillna("<NA>")).agg(
        ["sum", "max"])
    for row in stats.itertuples():
        key = "<NA>" if pd.isna(row.speaker) else row.speaker
        # Overlaps count once: between the longest cue and the plain sum of durations.
        assert durations.loc[key, "max"] - 1e-9 <= row.speaking_time
        assert row.speaking_time <= durations.loc[key, "sum"] + 1e-9
        assert row.interruptions <= row.n_turns
    assert stats["n_words"].sum() == cues["text"].map(count_words).sum()
    assert stats["n_turns"].sum() == len(speaker_turns(cues))
    if stats["speaking_time"].sum() > 0:
        assert stats["share"].sum() == pytest.approx(1.0)


# ------------------------------------------------------- inputs and table contracts


def test_speaker_stats_take_the_turns_already_computed() -> None:
    table = speaker_turns(ROUND_TABLE)
    given_turns = speaker_stats(ROUND_TABLE, turns=table)
    pd.testing.assert_frame_equal(given_turns, speaker_stats(ROUND_TABLE))
    # The turns given are used as they are: one fewer turn of Alice, one fewer counted.
    fewer = speaker_stats(ROUND_TABLE, turns=table[table["turn_id"] != 2])
    assert row_of(fewer, "Alice")["n_turns"] == row_of(given_turns, "Alice")["n_turns"] - 1


def test_tables_have_the_schema_dtypes() -> None:
    stats = speaker_stats(ROUND_TABLE)
    assert stats.dtypes.astype(str).to_dict() == dict(schema.SPEAKER_STATS)
    for by in ("theme", "speaker", "time_bin"):
        table = theme_stats(TAGS, units=UNITS, by=by) if by != "time_bin" else theme_stats(
            TAGS, by=by)
        expected = {c: schema.THEME_STATS[c] for c in table.columns}
        assert table.dtypes.astype(str).to_dict() == expected
    pairs = theme_cooccurrence(TAGS)
    assert pairs.dtypes.astype(str).to_dict() == dict(schema.THEME_COOCCURRENCE)


def test_speaker_stats_take_cues_without_cue_id() -> None:
    # A cues table from a spreadsheet has no cue_id: pandas failed with "cannot convert
    # NA to integer" deep inside speaker_stats.
    cues = pd.DataFrame({"start": [0.0, 2.0], "end": [2.0, 4.0], "speaker": ["A", "B"],
                         "text": ["Bonjour à tous.", "Merci. On commence."]})
    assert speaker_stats(cues)["n_words"].tolist() == [3, 3]


def test_speaker_stats_of_cues_without_times_is_a_clear_error() -> None:
    from coopanalysis.errors import TranscriptError

    with pytest.raises(TranscriptError, match="start"):
        speaker_stats(pd.DataFrame({"text": ["Bonjour."]}))


def test_theme_stats_with_units_of_another_table_warns() -> None:
    # Sentence ids and turn ids are both 0, 1, 2…: themes of sentences with units=turns
    # found every id and gave wrong shares of talk silently.
    import warnings

    from coopanalysis.read.transcript import read_transcript
    from coopanalysis.tag.themes import tag_themes
    from coopanalysis.tag.units import sentences

    two_turns = read_transcript(
        "WEBVTT\n\n00:00:01.000 --> 00:00:09.000\n<v Alice>La coopération territoriale est "
        "une nécessité. La confiance prend du temps long.\n\n00:00:10.000 --> 00:00:14.000\n"
        "<v Bob>La coopération entre les élus demande de la confiance.\n")
    units = sentences(two_turns)
    themes = tag_themes(units)
    assert set(themes["unit_id"]) == {0, 1, 2}  # the sentence ids, int64 like sentence_id
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        theme_stats(themes, units=speaker_turns(two_turns))
    assert any("another table" in str(w.message) for w in caught), caught
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        theme_stats(themes, units=units)
