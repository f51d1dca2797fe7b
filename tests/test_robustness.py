"""Robustness: the inputs real users give by mistake, through the public API.

Each test pins one problem found by probing the library with realistic bad or unusual
input. The rule they enforce (README, team brief): bad input gets a
``CoopanalysisError`` (a ``ValueError``) naming the file, never a dependency's traceback;
and text that was read is in the output or reported, never silently lost.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

import coopanalysis as ca
from coopanalysis import schema
from coopanalysis.errors import AlignmentError, CoopanalysisError
from coopanalysis.model import Article, Transcript

VTT = (
    "WEBVTT\n\n"
    "00:00:01.000 --> 00:00:04.000\n"
    "<v Alice>la coopération territoriale est une nécessité pour nos communes\n\n"
    "00:00:05.000 --> 00:00:09.000\n"
    "<v Bob>il faut du temps long pour construire la confiance entre les élus\n"
)
QUOTE = "il faut du temps long pour construire la confiance entre les élus"


@pytest.fixture()
def transcript() -> Transcript:
    return ca.read_transcript(VTT)


# ----------------------------------------------------------------- read_transcript


def test_mixed_encoding_file_keeps_utf8_lines_and_reports_legacy_ones(tmp_path: Path) -> None:
    # A file concatenated from a UTF-8 export and a Windows (cp1252) one: decoding the
    # whole file as cp1252 turned every UTF-8 accent into mojibake ("coopÃ©ration").
    path = tmp_path / "mixed.vtt"
    path.write_bytes(
        "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nla coopération est là\n\n".encode()
        + "00:00:03.000 --> 00:00:04.000\nété à Besançon\n".encode("cp1252"))
    result = ca.read_transcript(path)
    assert result.cues["text"].tolist() == ["la coopération est là", "été à Besançon"]
    assert any("line 7" in w and "cp1252" in w for w in result.warnings), result.warnings


def test_plain_cp1252_file_is_still_read_without_a_mixed_warning(tmp_path: Path) -> None:
    path = tmp_path / "legacy.srt"
    path.write_bytes("1\n00:00:01,000 --> 00:00:02,000\nété à Besançon\n".encode("cp1252"))
    result = ca.read_transcript(path)
    assert result.cues["text"].tolist() == ["été à Besançon"]
    assert result.encoding == "cp1252"
    assert not any("cp1252" in w for w in result.warnings)


@pytest.mark.parametrize("line", [
    "la coopération entre élus\u00a0: c’est l’été",
    "Le problème : on n’a pas le temps",
    "L’enjeu : la confiance",
    "Deux choses : la confiance et le temps",
])
def test_a_sentence_with_a_colon_in_a_short_excerpt_stays_text(line: str) -> None:
    # French puts a space before a colon; in a pasted two-cue excerpt such a sentence
    # is half the cues and passed for a "Name:" label: its words left the text.
    t = ca.read_transcript("WEBVTT\n\n00:00:01.000 --> 00:00:05.000\n" + line
                           + "\n\n00:00:06.000 --> 00:00:08.000\nsuite\n")
    assert t.cues["speaker"].isna().all()
    assert t.cues["text"].iloc[0].startswith(line.split()[0].replace("’", "'"))


def test_names_before_a_colon_are_still_speakers() -> None:
    t = ca.read_transcript("WEBVTT\n\n00:00:01.000 --> 00:00:05.000\nMarie Dupont : bonjour"
                           "\n\n00:00:06.000 --> 00:00:08.000\nA: suite\n")
    assert t.cues["speaker"].tolist() == ["Marie Dupont", "A"]


def test_unicode_quote_nfd_nbsp_rtl_emoji_is_aligned() -> None:
    import unicodedata

    spoken = unicodedata.normalize("NFD", "la coopération entre élus\u00a0: c’est l’été\u200f 🌍")
    t = ca.read_transcript(f"WEBVTT\n\n00:00:01.000 --> 00:00:05.000\n{spoken}\n")
    printed = "La coopération entre élus : c'est l'été"
    aligned = ca.align_quotes(pd.DataFrame({"text": [printed]}), t)
    assert aligned[["status", "verdict"]].values.tolist() == [["matched", "verbatim"]]
    assert aligned["start"].iloc[0] == pytest.approx(1.0)


# ----------------------------------------------------------------- align_quotes options


@pytest.mark.parametrize("max_offset", [-5, float("nan"), "600"])
def test_align_rejects_an_unusable_max_offset(transcript: Transcript, max_offset: object) -> None:
    # -5 silently made every timed quote unmatched; "600" (from a config file) crashed
    # with a TypeError deep in the search.
    quotes = pd.DataFrame({"text": [QUOTE], "stated_start": [5.0]})
    with pytest.raises(AlignmentError, match="max_offset"):
        ca.align_quotes(quotes, transcript, max_offset=max_offset)  # type: ignore[arg-type]


@pytest.mark.parametrize("min_score", [-0.1, 2, float("nan"), "0.6"])
def test_align_rejects_an_unusable_min_score(transcript: Transcript, min_score: object) -> None:
    # 2 or NaN silently made every quote unmatched; "0.6" raised a TypeError.
    quotes = pd.DataFrame({"text": [QUOTE]})
    with pytest.raises(AlignmentError, match="min_score"):
        ca.align_quotes(quotes, transcript, min_score=min_score)  # type: ignore[arg-type]


def test_align_accepts_the_documented_options(transcript: Transcript) -> None:
    quotes = pd.DataFrame({"text": [QUOTE], "stated_start": [5.0]})
    for max_offset in (None, 0, 30, 600.0):
        aligned = ca.align_quotes(quotes, transcript, max_offset=max_offset, min_score=0.6)
        assert aligned["status"].tolist() == ["matched"]
        assert aligned["start"].iloc[0] == pytest.approx(5.0, abs=1.0)


# ----------------------------------------------------------------- analyze


def test_analyze_aligns_quotes_without_a_kind(transcript: Transcript) -> None:
    # An Article built from a spreadsheet has no `kind` column; schema.conform fills NA,
    # and analyze used to drop every such quote before aligning (0 of N aligned, no word).
    quotes = schema.conform(pd.DataFrame({"quote_id": ["s1"], "speaker": ["Bob"],
                                          "text": [QUOTE]}), schema.QUOTES)
    article = Article(text=QUOTE, speakers=pd.DataFrame(), quotes=quotes)
    analysis = ca.analyze(transcript, article)
    assert analysis.aligned is not None
    assert analysis.aligned["quote_id"].tolist() == ["s1"]
    assert analysis.aligned["status"].tolist() == ["matched"]


def test_analyze_still_skips_quoted_terms(transcript: Transcript) -> None:
    quotes = schema.conform(pd.DataFrame({"quote_id": ["q1", "q2"], "text": [QUOTE, "élus"],
                                          "kind": ["quote", "term"]}), schema.QUOTES)
    article = Article(text=QUOTE, speakers=pd.DataFrame(), quotes=quotes)
    analysis = ca.analyze(transcript, article)
    assert analysis.aligned is not None
    assert analysis.aligned["quote_id"].tolist() == ["q1"]


# ----------------------------------------------------------------- tag_speakers


def test_empty_rttm_is_reported(transcript: Transcript, tmp_path: Path) -> None:
    # An empty diarization (pyannote found nothing, or the wrong file) changed nothing
    # and said nothing: the user believed the speakers came from the diarization.
    rttm = tmp_path / "empty.rttm"
    rttm.write_text("")
    tagged = ca.tag_speakers(transcript, diarization=rttm)
    assert any("empty.rttm" in w and "no speech turns" in w for w in tagged.warnings)


def test_rttm_of_another_time_range_is_reported(transcript: Transcript, tmp_path: Path) -> None:
    # A diarization of another recording: none of its turns overlaps a cue.
    rttm = tmp_path / "other.rttm"
    rttm.write_text("SPEAKER other 1 500.0 20.0 <NA> <NA> SPEAKER_00 <NA> <NA>\n")
    tagged = ca.tag_speakers(transcript, diarization=rttm)
    assert tagged.cues["diarization_label"].isna().all()
    assert any("other.rttm" in w and "overlaps no cue" in w for w in tagged.warnings)


def test_matching_rttm_gives_no_coverage_warning(transcript: Transcript, tmp_path: Path) -> None:
    rttm = tmp_path / "ok.rttm"
    rttm.write_text("SPEAKER ok 1 1.0 3.0 <NA> <NA> SPEAKER_00 <NA> <NA>\n"
                    "SPEAKER ok 1 5.0 4.0 <NA> <NA> SPEAKER_01 <NA> <NA>\n")
    tagged = ca.tag_speakers(transcript, diarization=rttm)
    assert tagged.cues["diarization_label"].tolist() == ["SPEAKER_00", "SPEAKER_01"]
    assert not any("ok.rttm" in w for w in tagged.warnings)


# ----------------------------------------------------------------- outputs


def test_write_tables_into_an_existing_file(tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    target.write_text("x")
    with pytest.raises(CoopanalysisError, match=r"report\.html"):
        ca.write_tables({"a": pd.DataFrame({"x": [1]})}, target)


def test_write_report_into_an_existing_file(transcript: Transcript, tmp_path: Path) -> None:
    target = tmp_path / "out"
    target.write_text("x")
    analysis = ca.analyze(transcript)
    with pytest.raises(CoopanalysisError, match="not a folder"):
        ca.write_report(analysis, target, figures=False, qdpx=False)


@pytest.mark.parametrize("name", ["missing.qdpx", "folder"])
def test_read_qdpx_of_a_missing_file_or_a_folder(tmp_path: Path, name: str) -> None:
    (tmp_path / "folder").mkdir()
    with pytest.raises(CoopanalysisError, match=re.escape(name)):
        ca.read_qdpx(tmp_path / name)


# ----------------------------------------------------------------- analyze_corpus


@pytest.mark.parametrize("single", ["replay.vtt", Path("replay.vtt")])
def test_analyze_corpus_given_one_path_instead_of_a_list(single: object) -> None:
    # A str is an iterable of characters: the error used to be "items 14 and 16 have the
    # same event_id 'v'".
    with pytest.raises(CoopanalysisError, match="list"):
        ca.analyze_corpus(single)  # type: ignore[arg-type]


# ----------------------------------------------------------------- articles and codebooks


def test_read_article_of_a_directory_path(tmp_path: Path) -> None:
    with pytest.raises(CoopanalysisError, match="director"):
        ca.read_article(tmp_path)


def test_read_article_of_a_directory_str(tmp_path: Path) -> None:
    with pytest.raises(CoopanalysisError, match="director"):
        ca.read_article(str(tmp_path))


def test_read_article_mixed_encoding(tmp_path: Path) -> None:
    path = tmp_path / "mixed.md"
    path.write_bytes(
        "Marie Dupont, maire de Dijon, a ouvert la table ronde.\n\n« La coopération "
        "territoriale est une nécessité pour nos communes », explique Marie Dupont "
        "(20min24).\n".encode()
        + "\n« Été comme hiver, la confiance se construit », ajoute Marie Dupont "
          "(21min00).\n".encode("cp1252"))
    article = ca.read_article(path)
    assert article.quotes["text"].tolist() == [
        "La coopération territoriale est une nécessité pour nos communes",
        "Été comme hiver, la confiance se construit"]


@pytest.mark.parametrize("function", ["tag_themes", "entities"])
def test_themes_of_a_unit_longer_than_spacy_max_length(monkeypatch: pytest.MonkeyPatch,
                                                       function: str) -> None:
    from coopanalysis.nlp import load_nlp
    from coopanalysis.tag import themes

    for exclude in (themes.THEME_EXCLUDE, themes.ENTITY_EXCLUDE):
        monkeypatch.setattr(load_nlp(exclude=exclude), "max_length", 20_000)
    units = pd.DataFrame({"unit_id": ["0"], "start": [0.0], "end": [3600.0],
                          "text": ["La coopération avec Marie Dupont à Dijon prend du temps. "
                                   * 500]})
    result = getattr(ca, function)(units)
    assert len(result) >= 500


def test_read_article_opened_with_the_windows_default_encoding(tmp_path: Path) -> None:
    path = tmp_path / "article.md"
    path.write_text("Marie Dupont, maire de Dijon, a ouvert la table ronde.\n\n« La "
                    "coopération est une nécessité », explique Marie Dupont (20min24).\n",
                    encoding="utf-8")
    with open(path, encoding="cp1252") as handle:
        article = ca.read_article(handle)
    assert article.quotes["text"].tolist() == ["La coopération est une nécessité"]


def test_load_codebook_of_a_directory(tmp_path: Path) -> None:
    folder = tmp_path / "codebook.toml"
    folder.mkdir()
    with pytest.raises(CoopanalysisError, match=r"codebook\.toml"):
        ca.load_codebook(folder)


def test_load_codebook_of_a_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "codebook.toml"
    path.write_bytes(b"[meta]\nname = \"\xe9t\xe9\"\n\x00\xff")
    with pytest.raises(CoopanalysisError, match=r"codebook\.toml"):
        ca.load_codebook(path)


def test_rttm_coverage_warning_with_untimed_cues(tmp_path: Path) -> None:
    cues = schema.conform(pd.DataFrame({"cue_id": [0], "start": [float("nan")],
                                        "end": [float("nan")], "text": ["bonjour"]}),
                          schema.CUES)
    rttm = tmp_path / "r.rttm"
    rttm.write_text("SPEAKER r 1 1.0 3.0 <NA> <NA> SPEAKER_00 <NA> <NA>\n")
    tagged = ca.tag_speakers(Transcript(cues=cues), diarization=rttm)
    assert any("overlaps no cue" in w for w in tagged.warnings)


@pytest.mark.parametrize("writer", ["write_vtt", "write_srt"])
def test_written_cues_with_blank_lines_read_back_whole(writer: str) -> None:
    # A blank line inside a cue's text ended the cue: the rest was skipped (VTT) or merged
    # into the wrong cue (SRT) when the file was read back.
    cues = schema.conform(pd.DataFrame({
        "cue_id": [0, 1], "start": [1.0, 3.0], "end": [2.0, 5.0],
        "text": ["a --> b\n\nsuite du texte", "\ndeux\n\n\nlignes\n"]}), schema.CUES)
    text = getattr(ca, writer)(Transcript(cues=cues))
    back = ca.read_transcript(text)
    assert back.cues["text"].tolist() == ["a --> b suite du texte", "deux lignes"]
    assert back.warnings == []


def test_writing_a_cue_without_times_names_the_cue() -> None:
    cues = schema.conform(pd.DataFrame({"cue_id": [0, 1], "start": [1.0, float("nan")],
                                        "end": [2.0, 4.0], "text": ["a", "b"]}), schema.CUES)
    with pytest.raises(ca.TranscriptError, match="cue 2"):
        ca.write_vtt(Transcript(cues=cues))


# ----------------------------------------------------------------- cues tables from users


def test_turns_sentences_and_stats_take_cues_without_cue_id() -> None:
    # A cues table from a spreadsheet has no cue_id: pandas failed with "cannot convert
    # NA to integer" deep inside turns/sentences/speaker_stats.
    cues = pd.DataFrame({"start": [0.0, 2.0], "end": [2.0, 4.0], "speaker": ["A", "B"],
                         "text": ["Bonjour à tous.", "Merci. On commence."]})
    assert ca.turns(cues)["first_cue_id"].tolist() == [0, 1]
    assert ca.sentences(cues)["text"].tolist() == ["Bonjour à tous.", "Merci.", "On commence."]
    assert ca.speaker_stats(cues)["n_words"].tolist() == [3, 3]


@pytest.mark.parametrize("function", ["turns", "sentences", "speaker_stats"])
def test_cues_without_times_or_text_are_a_clear_error(function: str) -> None:
    with pytest.raises(ca.TranscriptError, match="start"):
        getattr(ca, function)(pd.DataFrame({"text": ["Bonjour."]}))


# ----------------------------------------------------------------- align: times to cite

SENTENCE = "le temps long est la clé de toute coopération territoriale réussie selon moi"


def test_a_sentence_said_again_in_the_next_cue_is_two_places() -> None:
    # The roll-up de-duplication dropped a cue repeating the previous cue's words even
    # 30 minutes later, so the aligner saw one place and said "matched" at 00:00:01.
    t = ca.read_transcript(f"WEBVTT\n\n00:00:01.000 --> 00:00:05.000\n{SENTENCE}\n\n"
                           f"00:30:00.000 --> 00:30:05.000\n{SENTENCE}\n")
    aligned = ca.align_quotes(pd.DataFrame({"text": [SENTENCE, SENTENCE],
                                            "stated_start": [1800.0, float("nan")]}), t)
    assert aligned["start"].iloc[0] == pytest.approx(1800.0)
    assert aligned["status"].iloc[1] == "uncertain"
    assert "ambiguous" in aligned["warning"].iloc[1]


def test_a_quote_across_a_time_reset_is_not_matched() -> None:
    # Two files concatenated: the quote's first words at 00:10:00, its last at 00:00:05.
    first, rest = SENTENCE[:40], SENTENCE[40:]
    t = ca.read_transcript(f"WEBVTT\n\n00:10:00.000 --> 00:10:05.000\n{first}\n\n"
                           f"00:00:01.000 --> 00:00:05.000\n{rest}\n")
    aligned = ca.align_quotes(pd.DataFrame({"text": [SENTENCE]}), t)
    assert aligned["status"].tolist() == ["uncertain"]
    assert "back in time" in aligned["warning"].iloc[0]


def test_a_quote_on_words_without_times_is_not_matched() -> None:
    import json

    words = [{"word": w, "start": None, "end": None} for w in SENTENCE.split()]
    t = ca.read_transcript(json.dumps({"segments": [
        {"start": 1.0, "end": 6.0, "text": SENTENCE, "words": words}]}))
    aligned = ca.align_quotes(pd.DataFrame({"text": [SENTENCE]}), t)
    assert aligned["status"].tolist() == ["uncertain"]
    assert "no time" in aligned["warning"].iloc[0]


def test_tag_speakers_takes_a_cues_table(transcript: Transcript) -> None:
    # turns() and sentences() take a cues table; tag_speakers raised AttributeError.
    tagged = ca.tag_speakers(transcript.cues.drop(columns=["cue_id"]),
                             names={"SPEAKER_00": "Alice"})
    assert tagged.cues["speaker"].tolist() == ["Alice", "Bob"]
    assert any("SPEAKER_00" in w for w in tagged.warnings)


def test_tag_speakers_names_must_be_a_mapping(transcript: Transcript) -> None:
    with pytest.raises(CoopanalysisError, match="mapping"):
        ca.tag_speakers(transcript, names=["SPEAKER_00"])  # type: ignore[arg-type]


def test_analyze_with_a_missing_codebook(transcript: Transcript, tmp_path: Path) -> None:
    with pytest.raises(CoopanalysisError, match="missing"):
        ca.analyze(transcript, codebook=tmp_path / "missing.toml")


# ----------------------------------------------------------------- stats


def test_theme_stats_with_units_of_another_table_warns(transcript: Transcript) -> None:
    # Sentence ids and turn ids are both 0, 1, 2…: themes of sentences with units=turns
    # found every id and gave wrong shares of talk silently.
    two_turns = ca.read_transcript(
        "WEBVTT\n\n00:00:01.000 --> 00:00:09.000\n<v Alice>La coopération territoriale est "
        "une nécessité. La confiance prend du temps long.\n\n00:00:10.000 --> 00:00:14.000\n"
        "<v Bob>La coopération entre les élus demande de la confiance.\n")
    units = ca.sentences(two_turns)
    themes = ca.tag_themes(units)
    assert set(themes["unit_id"]) == {"0", "1", "2"}
    import warnings

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        ca.theme_stats(themes, units=ca.turns(two_turns))
    assert any("another table" in str(w.message) for w in caught), caught
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ca.theme_stats(themes, units=units)


# ----------------------------------------------------------------- align: printed text from the web

SPOKEN = "c'est le temps long qui construit la confiance entre les communes et les élus"


@pytest.mark.parametrize("printed", [
    "c&#8217;est le temps long qui construit la confiance entre les communes et les élus",
    "c&rsquo;est le temps long qui construit la confiance&nbsp;entre les communes et les "
    "&eacute;lus",
    "c'est le temps long qui construit la con\u00adfiance entre les communes et les élus",
])
def test_quotes_pasted_from_web_pages_are_verbatim(printed: str) -> None:
    # HTML entities compared as words ("8217" → "huit mille deux cent dix-sept") and soft
    # hyphens splitting words made verbatim quotes "altered" or "edited".
    t = ca.read_transcript(f"WEBVTT\n\n00:00:01.000 --> 00:00:09.000\n{SPOKEN}\n")
    aligned = ca.align_quotes(pd.DataFrame({"text": [printed]}), t)
    assert aligned[["status", "verdict"]].values.tolist() == [["matched", "verbatim"]]
    assert aligned["text"].iloc[0] == printed


def test_soft_hyphen_is_invisible_in_normalized_text() -> None:
    from coopanalysis.text.normalize import normalize_text

    assert normalize_text("la con\u00adfiance") == "la confiance"


def test_vtt_with_srt_style_comma_timings_is_read_leniently() -> None:
    # An SRT file with a WEBVTT header added by a converter: every cue was skipped and
    # the transcript came out empty.
    t = ca.read_transcript("WEBVTT\n\n1\n00:00:01,000 --> 00:00:02,500\nbonjour\n\n"
                           "2\n00:00:03,000 --> 00:00:04,000\nà tous\n")
    assert t.cues[["start", "end", "text"]].values.tolist() == [[1.0, 2.5, "bonjour"],
                                                                 [3.0, 4.0, "à tous"]]
    assert any("leniently" in w for w in t.warnings)


def test_analyze_corpus_out_is_an_existing_file(tmp_path: Path) -> None:
    target = tmp_path / "corpus.parquet"
    target.write_text("x")
    with pytest.raises(FileExistsError, match="not a folder"):
        ca.analyze_corpus([VTT], out=target, progress=False)


@pytest.mark.parametrize("name", ["folder", "a_file/project.qdpx"])
def test_write_qdpx_to_a_folder_or_under_a_file(transcript: Transcript, tmp_path: Path,
                                                name: str) -> None:
    (tmp_path / "folder").mkdir()
    (tmp_path / "a_file").write_text("x")
    with pytest.raises(CoopanalysisError, match=r"folder|not a folder"):
        ca.write_qdpx(tmp_path / name, transcript=transcript)


# ----------------------------------------------------------------- timecode


@pytest.mark.parametrize("value", [None, 75, float("nan"), True, ["20min24"]])
def test_parse_time_of_a_non_string_is_a_timecode_error(value: object) -> None:
    # A spreadsheet column mapped through parse_time holds numbers and NaN: AttributeError.
    with pytest.raises(ca.TimecodeError, match="expected a time"):
        ca.parse_time(value)  # type: ignore[arg-type]


def test_find_timestamps_of_a_non_string_is_a_timecode_error() -> None:
    with pytest.raises(ca.TimecodeError, match="expected text"):
        ca.find_timestamps(None)  # type: ignore[arg-type]


def test_sentence_of_untimed_whisper_words_gets_the_segment_times() -> None:
    # Whisper leaves words it could not align without times; the last sentence of the
    # segment was placed at one instant (start == end == the last timed word's end).
    import json

    text = ("Nous devons travailler ensemble. Il faut construire la confiance entre les "
            "communes et les intercommunalités.")
    words = [{"word": w, "start": 1.0 + i * 0.3 if i < 3 else None,
              "end": 1.2 + i * 0.3 if i < 3 else None} for i, w in enumerate(text.split())]
    t = ca.read_transcript(json.dumps({"segments": [
        {"start": 1.0, "end": 9.0, "text": text, "words": words}]}))
    second = ca.sentences(t).iloc[1]
    assert second["text"].startswith("Il faut")
    assert second["end"] == pytest.approx(9.0)
    assert second["end"] - second["start"] > 3.0


def test_sentences_of_a_transcript_pasted_as_one_huge_cue(monkeypatch: pytest.MonkeyPatch
                                                          ) -> None:
    # One cue of hours of text went to spaCy whole: ValueError E088 past nlp.max_length
    # (1,000,000 characters; lowered here so that the test stays fast).
    from coopanalysis.tag import speakers

    monkeypatch.setattr(speakers._sentence_nlp(), "max_length", 150_000)
    sentence = "La coopération prend du temps. "
    t = ca.read_transcript("WEBVTT\n\n00:00:00.000 --> 01:00:00.000\n" + sentence * 8000)
    result = ca.sentences(t)
    assert result["n_words"].sum() == 5 * 8000  # no word lost
    assert result["start"].is_monotonic_increasing
    assert result["start"].iloc[0] == 0.0 and result["end"].iloc[-1] == pytest.approx(3600.0)
    middle = result[result["char_start"] > 120_000].iloc[0]
    assert middle["start"] == pytest.approx(3600 * middle["char_start"] / (31 * 8000), abs=2)


@pytest.mark.parametrize("url, expected", [
    ("https://vimeo.com/123#t=5", "https://vimeo.com/123?t=1224"),
    ("https://example.org/v.mp4#t=5&x=1", "https://example.org/v.mp4?t=1224#x=1"),
    ("https://youtu.be/ID?t=10#comments", "https://youtu.be/ID?t=1224#comments"),
])
def test_replay_links_replace_a_time_in_the_fragment(url: str, expected: str) -> None:
    # A URL copied with "share at current time" (#t=5) kept its fragment, which players
    # read: every link of the report opened the replay at 5 s.
    links = ca.replay_links(pd.DataFrame({"start": [1224.4]}), url)
    assert links["replay_link"].tolist() == [expected]


@pytest.mark.parametrize("codec", ["cp1252", "latin-1"])
def test_utf8_file_opened_with_the_windows_default_encoding_is_repaired(
        tmp_path: Path, codec: str) -> None:
    # open(path) without encoding="utf-8" (cp1252 on Windows) gave "coopÃ©ration" in every
    # cue, silently; the aligner then found no accented word.
    path = tmp_path / "replay.vtt"
    path.write_text("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nla coopération à Besançon "
                    "— l’été\n", encoding="utf-8")
    with open(path, encoding=codec) as handle:
        result = ca.read_transcript(handle)
    assert result.cues["text"].tolist() == ["la coopération à Besançon - l'été"]
    assert any("repaired" in w for w in result.warnings)


def test_text_with_a_real_capital_a_tilde_is_not_repaired() -> None:
    result = ca.read_transcript("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nSÃO PAULO 😀 é\n")
    assert result.cues["text"].tolist() == ["SÃO PAULO 😀 é"]
    assert result.warnings == []


@pytest.mark.parametrize("writer", ["write_vtt", "write_srt"])
def test_writing_a_transcript_into_a_folder(transcript: Transcript, tmp_path: Path,
                                            writer: str) -> None:
    with pytest.raises(ca.TranscriptError, match="cannot write"):
        getattr(ca, writer)(transcript, tmp_path)


def test_quotes_without_ids_are_numbered_by_row(transcript: Transcript) -> None:
    quotes = pd.DataFrame({"text": ["une phrase qui n'a jamais été dite par personne ici",
                                    "une autre phrase absente du replay de la table ronde"]})
    aligned = ca.align_quotes(quotes, transcript)
    assert aligned["quote_id"].tolist() == ["row1", "row2"]
