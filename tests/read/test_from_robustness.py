"""Robustness tests from the former test_robustness.py (to merge into this package's tests)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import coopanalysis as ca
from coopanalysis import schema
from coopanalysis.errors import CoopanalysisError
from coopanalysis.model import Transcript

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


def test_read_article_opened_with_the_windows_default_encoding(tmp_path: Path) -> None:
    path = tmp_path / "article.md"
    path.write_text("Marie Dupont, maire de Dijon, a ouvert la table ronde.\n\n« La "
                    "coopération est une nécessité », explique Marie Dupont (20min24).\n",
                    encoding="utf-8")
    with open(path, encoding="cp1252") as handle:
        article = ca.read_article(handle)
    assert article.quotes["text"].tolist() == ["La coopération est une nécessité"]


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


def test_vtt_with_srt_style_comma_timings_is_read_leniently() -> None:
    # An SRT file with a WEBVTT header added by a converter: every cue was skipped and
    # the transcript came out empty.
    t = ca.read_transcript("WEBVTT\n\n1\n00:00:01,000 --> 00:00:02,500\nbonjour\n\n"
                           "2\n00:00:03,000 --> 00:00:04,000\nà tous\n")
    assert t.cues[["start", "end", "text"]].values.tolist() == [[1.0, 2.5, "bonjour"],
                                                                 [3.0, 4.0, "à tous"]]
    assert any("leniently" in w for w in t.warnings)


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
