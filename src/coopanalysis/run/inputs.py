"""The inputs of a run, read once: a transcript and an article as path, text or object.

``analyze``, ``analyze_corpus`` and the command line all go through these functions: an
object passes as it is, a ``PathLike`` is a path, a ``str`` goes to the reader, which tells a
path from a text by its one rule. (The codebook argument is resolved by
``coopanalysis.tag.codebook.resolve_codebook``.) See ``docs/cli.md``.
"""

from __future__ import annotations

from os import PathLike
from pathlib import Path
from typing import Any

from coopanalysis.model import Article, Transcript

__all__ = ["ArticleInput", "TranscriptInput", "read_article_input", "read_transcript_input"]

#: A transcript as ``analyze`` takes it: an object, a path, or the text itself.
TranscriptInput = Transcript | str | PathLike[str]
#: An article as ``analyze`` takes it; ``None`` for no article.
ArticleInput = Article | str | PathLike[str] | None


def read_transcript_input(transcript: Any) -> Transcript:
    """A ``Transcript`` as it is; anything else read by ``read_transcript``.

    Raises:
        TranscriptError: what ``read_transcript`` raises (the message names the file).
    """
    if isinstance(transcript, Transcript):
        return transcript
    from coopanalysis.read import read_transcript

    return read_transcript(_as_source(transcript))


def read_article_input(article: Any) -> Article | None:
    """``None`` and an ``Article`` as they are; anything else read by ``read_article``.

    Raises:
        ArticleError: what ``read_article`` raises (the message names the file).
    """
    if article is None or isinstance(article, Article):
        return article
    from coopanalysis.read import read_article

    return read_article(_as_source(article))


def _as_source(value: Any) -> Any:
    # Readers take a path or the text itself: a PathLike is always a path.
    return Path(value) if isinstance(value, PathLike) else value
