"""run.inputs: one way to read a transcript and an article given as object, path or text."""

from __future__ import annotations

from pathlib import Path

import pytest

from coopanalysis.errors import ArticleError, TranscriptError
from coopanalysis.model import Article, Transcript
from coopanalysis.run.inputs import read_article_input, read_transcript_input

VTT = "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\n<v Alice>la coopération territoriale\n"
ARTICLE = "**Alice Martin**, maire, explique : « la coopération territoriale » ([0min01](#)).\n"


def test_a_transcript_as_object_path_or_text(tmp_path: Path) -> None:
    path = tmp_path / "replay.vtt"
    path.write_text(VTT, encoding="utf-8")
    from_path = read_transcript_input(path)
    from_str_path = read_transcript_input(str(path))
    from_text = read_transcript_input(VTT)
    assert from_path.source == from_str_path.source == str(path)
    assert from_text.cues["text"].tolist() == from_path.cues["text"].tolist()
    assert read_transcript_input(from_path) is from_path
    assert isinstance(from_text, Transcript)


def test_an_article_as_object_path_text_or_none(tmp_path: Path) -> None:
    path = tmp_path / "article.md"
    path.write_text(ARTICLE, encoding="utf-8")
    article = read_article_input(path)
    assert isinstance(article, Article) and len(article.quotes) == 1
    assert read_article_input(article) is article
    assert read_article_input(None) is None
    assert read_article_input(ARTICLE).quotes["text"].tolist() == article.quotes["text"].tolist()


def test_a_path_object_that_does_not_exist_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises((TranscriptError, FileNotFoundError)):
        read_transcript_input(tmp_path / "missing.vtt")
    with pytest.raises((ArticleError, FileNotFoundError)):
        read_article_input(tmp_path / "missing.md")
