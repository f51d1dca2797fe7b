"""analyze(): the whole pipeline in one call, on a small hand-made transcript and on data/."""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest
from tests.helpers.model import needs_model

from coopanalysis import schema
from coopanalysis.errors import CoopanalysisError
from coopanalysis.model import Article, Transcript
from coopanalysis.run.analysis import ALIGNED_KINDS, TABLE_NAMES, Analysis, analyze
from coopanalysis.schema import CUES, conform
from coopanalysis.tag.fit import UNSURE_SHARE


def labelled_transcript() -> Transcript:
    """Three speakers, five cues, times chosen so that every statistic is easy to check."""
    cues = conform(pd.DataFrame({
        "cue_id": [0, 1, 2, 3, 4],
        "start": [0.0, 6.0, 12.0, 20.0, 30.0],
        "end": [6.0, 12.0, 20.0, 30.0, 36.0],
        "speaker": ["Aurélie Mézière", "Aurélie Mézière", "Brice Comment", "Manon Loisel",
                    "Brice Comment"],
        "text": [
            "La coopération, c'est mettre tout le monde autour de la table.",
            "Je fais de la politique avec les gens et non pour les gens.",
            "Avant de coopérer, il faut collaborer. Et ça prend du temps.",
            "Les citoyens vivent une crise démocratique qui ne fait que s'accroître.",
            "Il faut réussir à discuter.",
        ],
    }), CUES)
    return Transcript(cues=cues, source="<test>", format="webvtt")


@pytest.fixture(scope="module")
def small() -> Analysis:
    return analyze(labelled_transcript())


def test_without_article_every_transcript_table_is_there(small: Analysis) -> None:
    assert small.article is None and small.aligned is None and small.quote_report is None
    assert small.offset is None
    tables = small.tables()
    assert list(tables) == [name for name in TABLE_NAMES if name in tables]
    assert set(tables) == {"speaker_stats", "theme_stats", "theme_stats_by_speaker", "themes",
                           "entities", "turns", "sentences", "cues"}
    assert all(isinstance(t, pd.DataFrame) for t in tables.values())


def test_turns_are_computed_once_per_analysis(monkeypatch: pytest.MonkeyPatch) -> None:
    import coopanalysis.analyse.stats as stats
    import coopanalysis.tag as tag

    calls = []
    real = tag.turns

    def counted(*args: object, **kwargs: object) -> pd.DataFrame:
        calls.append(1)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(tag, "turns", counted)
    monkeypatch.setattr(stats, "_turns", counted)
    result = analyze(labelled_transcript())
    assert len(calls) == 1
    assert result.speaker_stats["n_turns"].sum() == len(result.turns)


def test_theme_statistics_are_computed_once_for_the_report_and_plots(small: Analysis) -> None:
    by_speaker = small.theme_stats_by_speaker
    assert by_speaker is not None
    assert by_speaker["n_tags"].sum() == small.theme_stats["n_tags"].sum() == len(small.themes)
    assert set(by_speaker["speaker"].dropna()) <= set(small.turns["speaker"].dropna())
    # The report's speakers × themes table is the wide view of that same table.
    from coopanalysis.export.report import themes_by_speaker

    wide = themes_by_speaker(small).set_index("speaker")
    row = by_speaker[by_speaker["n_tags"] > 0].iloc[0]
    assert wide.loc[row["speaker"], row["theme"]] == pytest.approx(row["share_of_talk"])


def test_turns_and_speaker_stats_follow_the_cues(small: Analysis) -> None:
    assert list(small.turns["speaker"]) == ["Aurélie Mézière", "Brice Comment", "Manon Loisel",
                                            "Brice Comment"]
    stats = small.speaker_stats.set_index("speaker")
    assert stats.loc["Aurélie Mézière", "speaking_time"] == pytest.approx(12.0)
    assert stats.loc["Brice Comment", "speaking_time"] == pytest.approx(14.0)
    assert stats.loc["Brice Comment", "n_turns"] == 2
    assert stats["share"].sum() == pytest.approx(1.0)


def test_themes_are_tagged_on_sentences(small: Analysis) -> None:
    # unit_id is the sentence_id: every tag points at a sentence with the same speaker.
    # unit_id is the sentence_id, same dtype: no casting to join them.
    assert small.themes["unit_id"].dtype == small.sentences["sentence_id"].dtype
    sentences = small.sentences.set_index("sentence_id")
    assert len(small.themes) > 0
    for tag in small.themes.itertuples():
        assert sentences.loc[tag.unit_id, "speaker"] == tag.speaker
        assert tag.term.lower() in sentences.loc[tag.unit_id, "text"].lower()
    themes = set(small.themes["theme"])
    assert {"cooperation", "democratic_crisis"} <= themes
    # theme_stats counts the same tags.
    assert small.theme_stats["n_tags"].sum() == len(small.themes)


def test_summary_and_notebook_display(small: Analysis) -> None:
    text = small.summary()
    assert "<test>" in text and "3 speakers" in text and "4 turns" in text
    assert "cooperation" in text
    shown = small._repr_html_()
    assert "&lt;test&gt;" in shown and "<test>" not in shown


def test_progress_bar_goes_to_stderr(capsys: pytest.CaptureFixture[str]) -> None:
    analyze(labelled_transcript(), progress=True)
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "step" in captured.err


def test_custom_codebook_path(tmp_path: Path) -> None:
    codebook = tmp_path / "codebook.toml"
    codebook.write_text(
        '[[themes]]\nid = "table"\nlabel = "La table"\nlemmas = ["table"]\n', encoding="utf-8")
    result = analyze(labelled_transcript(), codebook=codebook)
    assert set(result.themes["theme"]) == {"table"}
    assert list(result.themes["term"]) == ["table"]


def test_bad_codebook_is_a_coopanalysis_error(tmp_path: Path) -> None:
    codebook = tmp_path / "codebook.toml"
    codebook.write_text("[[themes]]\nid = \n", encoding="utf-8")
    with pytest.raises(CoopanalysisError):
        analyze(labelled_transcript(), codebook=codebook)


def test_unreadable_transcript_path_is_a_coopanalysis_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.vtt"
    bad.write_bytes(b"\x00\x01\x02 not a transcript \xff\xfe")
    with pytest.raises(CoopanalysisError):
        analyze(bad)


def test_diarization_file_names_unlabelled_cues(tmp_path: Path) -> None:
    transcript = labelled_transcript()
    transcript = transcript.with_cues(transcript.cues.assign(
        speaker=pd.Series(pd.NA, index=transcript.cues.index, dtype="string")))
    rttm = tmp_path / "table.rttm"
    rttm.write_text(
        "SPEAKER table 1 0.0 12.0 <NA> <NA> SPK_A <NA> <NA>\n"
        "SPEAKER table 1 12.0 8.0 <NA> <NA> SPK_B <NA> <NA>\n"
        "SPEAKER table 1 20.0 16.0 <NA> <NA> SPK_C <NA> <NA>\n", encoding="utf-8")
    result = analyze(transcript, diarization=rttm)
    # No quote names the labels, so they stay anonymous, and the source says so.
    assert list(result.cues["speaker"]) == ["SPK_A", "SPK_A", "SPK_B", "SPK_C", "SPK_C"]
    assert set(result.cues["speaker_source"]) == {"diarization"}
    assert set(result.speaker_stats["speaker"]) == {"SPK_A", "SPK_B", "SPK_C"}


def test_bad_diarization_is_a_coopanalysis_error(tmp_path: Path) -> None:
    rttm = tmp_path / "bad.rttm"
    rttm.write_text("SPEAKER table 1 zero 12.0 <NA> <NA> SPK_A <NA> <NA>\n", encoding="utf-8")
    with pytest.raises(CoopanalysisError, match=r"bad\.rttm"):
        analyze(labelled_transcript(), diarization=rttm)


# --- the reference data ----------------------------------------------------------------------

@pytest.fixture(scope="module")
def reference(data_dir: Path) -> Analysis:
    captions = data_dir / "rnct2025_simulated_captions.vtt"
    if not captions.exists():
        pytest.skip("waiting for data/rnct2025_simulated_captions.vtt (align engineer)")
    return analyze(captions, data_dir / "rnct2025_article.md",
                   replay_url="https://www.youtube.com/watch?v=XXXX")


def test_reference_quotes_are_aligned(reference: Analysis) -> None:
    assert reference.article is not None and reference.quotes is not None
    assert reference.aligned is not None and reference.quote_report is not None
    aligned_kinds = reference.quotes["kind"].isin(ALIGNED_KINDS)
    assert len(reference.aligned) == int(aligned_kinds.sum())
    assert len(reference.quote_report) == len(reference.aligned)
    counts = reference.status_counts()
    assert sum(counts.values()) == len(reference.aligned)
    # The twelve timed quotes of the article are in the simulated captions.
    timed = reference.aligned[reference.aligned["stated_start"].notna()]
    assert (timed["status"] == "matched").sum() >= 10


def test_reference_offset_is_the_simulated_shift(reference: Analysis) -> None:
    # The noise model shifts every caption by one global offset: the matched quotes agree.
    assert reference.offset is not None and not math.isnan(reference.offset)
    matched = reference.aligned[reference.aligned["status"] == "matched"]  # type: ignore[index]
    spread = (matched["offset"] - reference.offset).abs()
    assert (spread < 3.0).mean() >= 0.9


def test_reference_speakers_come_from_the_quotes(reference: Analysis) -> None:
    # The simulated captions have no speaker labels: the matched quotes name the cues.
    named = reference.cues[reference.cues["speaker"].notna()]
    assert len(named) > 0
    assert set(named["speaker_source"]) == {"quote"}
    assert "Aurélie Mézière" in set(reference.speaker_stats["speaker"].dropna())


def test_reference_replay_links(reference: Analysis) -> None:
    assert reference.aligned is not None
    matched = reference.aligned[reference.aligned["status"] == "matched"]
    for row in matched.itertuples():
        assert row.replay_link.endswith(f"t={int(row.start)}")
    unmatched = reference.aligned[reference.aligned["status"] == "unmatched"]
    assert unmatched["replay_link"].isna().all()
    assert "replay_link" in reference.turns.columns


def test_reference_reconstruction_reads_with_voice_tags(data_dir: Path) -> None:
    result = analyze(data_dir / "rnct2025_quotes.vtt", data_dir / "rnct2025_article.md")
    # The reconstruction holds the timed quotes at their stated times, word for word.
    assert result.offset == pytest.approx(0.0, abs=1.0)
    assert set(result.cues["speaker_source"].dropna()) == {"transcript"}
    assert result.aligned is not None and result.quotes is not None
    kinds = result.quotes.set_index("quote_id")["kind"]
    timed = result.aligned[result.aligned["stated_start"].notna()
                           & result.aligned["quote_id"].map(kinds).ne("paraphrase")]
    assert len(timed) >= 12
    assert (timed["status"] == "matched").all() and (timed["verdict"] == "verbatim").all()
    assert ((timed["start"] - timed["stated_start"]).abs() < 1.0).all()
    # The quote's speaker is the voice tag's.
    assert (timed["transcript_speaker"] == timed["speaker"]).all()


QUOTE = "il faut du temps long pour construire la confiance entre les élus"
VTT = (
    "WEBVTT\n\n"
    "00:00:01.000 --> 00:00:04.000\n"
    "<v Alice>la coopération territoriale est une nécessité pour nos communes\n\n"
    "00:00:05.000 --> 00:00:09.000\n"
    f"<v Bob>{QUOTE}\n"
)


@pytest.fixture()
def transcript() -> Transcript:
    from coopanalysis.read import read_transcript

    return read_transcript(VTT)


def test_analyze_aligns_quotes_without_a_kind(transcript: Transcript) -> None:
    # An Article built from a spreadsheet has no `kind` column; schema.conform fills NA,
    # and analyze used to drop every such quote before aligning (0 of N aligned, no word).
    quotes = schema.conform(pd.DataFrame({"quote_id": ["s1"], "speaker": ["Bob"],
                                          "text": [QUOTE]}), schema.QUOTES)
    article = Article(text=QUOTE, speakers=pd.DataFrame(), quotes=quotes)
    analysis = analyze(transcript, article)
    assert analysis.aligned is not None
    assert analysis.aligned["quote_id"].tolist() == ["s1"]
    assert analysis.aligned["status"].tolist() == ["matched"]


def test_analyze_still_skips_quoted_terms(transcript: Transcript) -> None:
    quotes = schema.conform(pd.DataFrame({"quote_id": ["q1", "q2"], "text": [QUOTE, "élus"],
                                          "kind": ["quote", "term"]}), schema.QUOTES)
    article = Article(text=QUOTE, speakers=pd.DataFrame(), quotes=quotes)
    analysis = analyze(transcript, article)
    assert analysis.aligned is not None
    assert analysis.aligned["quote_id"].tolist() == ["q1"]


def test_analyze_with_a_missing_codebook(transcript: Transcript, tmp_path: Path) -> None:
    with pytest.raises(CoopanalysisError, match="missing"):
        analyze(transcript, codebook=tmp_path / "missing.toml")


def test_a_bad_theme_method_is_refused_before_any_step() -> None:
    with pytest.raises(CoopanalysisError, match="theme_method"):
        analyze(labelled_transcript(), theme_method="neural")


@needs_model
def test_hybrid_themes_carry_the_model_s_reading() -> None:
    result = analyze(labelled_transcript(), theme_method="hybrid")
    assert result.themes is not None
    assert result.themes["method"].isin(["codebook", "model"]).all()
    assert result.themes["probability"].between(0.3, 1.0).all()
    unsure = result.unsure_themes
    assert unsure is not None and (unsure["method"] == "unsure").all()
    assert not set(unsure["unit_id"]) & set(result.themes["unit_id"])
    assert "unsure_themes" in result.tables()
    share = unsure["unit_id"].nunique() / len(result.sentences)
    warned = any("without being sure enough" in w for w in result.warnings)
    assert warned == (share >= UNSURE_SHARE)


@needs_model
def test_fast_themes_are_read_through_the_static_encoder_and_reported_so() -> None:
    from coopanalysis.export.report import theme_method
    from coopanalysis.tag.fit import accuracy_note

    result = analyze(labelled_transcript(), theme_method="fast")
    assert result.themes is not None and len(result.themes)
    assert result.themes["evidence"].str.contains("(static ", regex=False).all()
    assert theme_method(result.themes) == "fast"
    assert result.unsure_themes is not None
    assert "fast method" in accuracy_note(result.codebook, "fast")


def test_the_codebook_method_lists_no_unsure_units(small: Analysis) -> None:
    assert small.unsure_themes is None
    assert "unsure_themes" not in small.tables()
