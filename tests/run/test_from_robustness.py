"""Robustness tests from the former test_robustness.py (to merge into this package's tests)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import coopanalysis as ca
from coopanalysis import schema
from coopanalysis.errors import CoopanalysisError
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


@pytest.mark.parametrize("single", ["replay.vtt", Path("replay.vtt")])
def test_analyze_corpus_given_one_path_instead_of_a_list(single: object) -> None:
    # A str is an iterable of characters: the error used to be "items 14 and 16 have the
    # same event_id 'v'".
    with pytest.raises(CoopanalysisError, match="list"):
        ca.analyze_corpus(single)  # type: ignore[arg-type]


def test_analyze_with_a_missing_codebook(transcript: Transcript, tmp_path: Path) -> None:
    with pytest.raises(CoopanalysisError, match="missing"):
        ca.analyze(transcript, codebook=tmp_path / "missing.toml")


def test_analyze_corpus_out_is_an_existing_file(tmp_path: Path) -> None:
    target = tmp_path / "corpus.parquet"
    target.write_text("x")
    with pytest.raises(FileExistsError, match="not a folder"):
        ca.analyze_corpus([VTT], out=target, progress=False)
