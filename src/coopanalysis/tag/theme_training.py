"""Training a theme model on hand-coded units (``train_theme_model``), and the static
encoder a model carries for ``tag_themes(method="fast")`` (``with_distilled_static``).

A ``ThemeModel`` (``theme_model``) reads a unit through regressions over its sentence
embedding and over its words; this module fits them with scikit-learn (the ``model``
extra). Settings and their measures: ``docs/themes.md``.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from typing import Any

import numpy as np

from coopanalysis.errors import CoopanalysisError
from coopanalysis.tag.encoder import distil_static, embed, static_vocabulary
from coopanalysis.tag.theme_model import (
    ADD,
    CONFIRM,
    GATE,
    SECOND,
    SENTENCE_WEIGHT,
    SURE,
    ThemeModel,
    with_static_encoder,
    word_terms,
    word_weights,
)

__all__ = ["encoder_heads", "train_theme_model", "with_distilled_static"]

#: Default settings, chosen by leave-one-file-out on the released sets (``docs/themes.md``).
SENTENCE_C = 16.0       # inverse regularisation of the encoder's regressions
WORDS_C = 4.0           # … of the words' regressions


def coded_target(labels: Sequence[Sequence[str]], themes: Sequence[str]) -> np.ndarray:
    """units × (themes + 1) of 0/1: each theme coded on the unit, then (the last column,
    the gate's) whether it has any theme at all."""
    target = np.array([[theme in set(unit) for theme in themes] for unit in labels],
                      dtype=int).reshape(len(labels), len(themes))
    return np.hstack([target, target.any(axis=1, keepdims=True).astype(int)])


def _fit_regressions(features: Any, target: np.ndarray, c: float,
                     gate_only: bool = False,
                     balanced: bool = True) -> tuple[np.ndarray, np.ndarray]:
    """One logistic regression per column of ``target`` (the themes, then the gate),
    positives weighed as much as the rest unless not ``balanced``; ``gate_only``: the
    themes' rows are zeros (the competing regression reads them). A column with no
    negative unit gets a regression that lets everything through."""
    from sklearn.linear_model import LogisticRegression

    n_themes = target.shape[1] - 1
    coef, intercept = [], []
    for j, column in enumerate(target.T):
        if gate_only and j < n_themes:
            coef.append(np.zeros(features.shape[1]))
            intercept.append(0.0)
            continue
        if column.all():  # no unit without a theme: the gate lets everything through
            coef.append(np.zeros(features.shape[1]))
            intercept.append(10.0)
            continue
        regression = LogisticRegression(C=c, max_iter=3000,
                                        class_weight="balanced" if balanced else None)
        regression.fit(features, column)
        coef.append(regression.coef_[0])
        intercept.append(regression.intercept_[0])
    return np.array(coef), np.array(intercept)


def encoder_heads(vectors: np.ndarray, target: np.ndarray, c: float, competing: bool,
                  balanced: bool = True) -> dict[str, np.ndarray]:
    """The regressions over sentence embeddings ``vectors`` (units × 384) of a model, in
    its own layout: ``sentence_coef`` and ``sentence_intercept`` (themes + gate rows) and,
    when the themes compete, ``competing_coef`` and ``competing_intercept``. ``target``:
    ``coded_target``; ``balanced``: a theme's units weigh as much as the rest in its
    regression (``_fit_regressions``)."""
    coef, intercept = _fit_regressions(vectors, target, c, gate_only=competing,
                                       balanced=balanced)
    heads = {"sentence_coef": coef, "sentence_intercept": intercept}
    if competing:
        competing_coef, competing_intercept = _fit_competing(vectors, target[:, :-1], c)
        heads |= {"competing_coef": competing_coef, "competing_intercept": competing_intercept}
    return heads


def with_distilled_static(model: ThemeModel, texts: Sequence[str],
                          labels: Sequence[Sequence[str]], *,
                          embeddings: np.ndarray | None = None,
                          vocabulary_from: Sequence[bool] | None = None,
                          terms: Sequence[str] = (),
                          sentence_c: float = SENTENCE_C) -> ThemeModel:
    """``model`` carrying a static encoder (``encoder.distil_static``) distilled from its
    own sentence encoder on ``texts`` (``embeddings``: that encoder's reading of them, read
    here when not given), and heads fitted again on the static reading of the coded
    ``labels``, in the model's layout (``encoder_heads``). The pieces are those of the
    texts marked ``True`` in ``vocabulary_from`` (all by default) and of ``terms``.

    The heads are fitted without weighing a theme's units up (``balanced=False``): the
    static reading is noisier than the encoder's, and weighing the few positive units up
    bought recall with precision (dev, session 19: territorial58–61, 0.894 / 0.714
    against 0.827 / 0.805; CAP unchanged, ``docs/themes.md``).
    """
    def read(batch: Sequence[str]) -> np.ndarray:
        return embed(batch, model.encoder, model.encoder_layers, model.encoder_base)

    vectors = read(texts) if embeddings is None else embeddings
    kept = [text for k, text in enumerate(texts) if vocabulary_from is None or vocabulary_from[k]]
    pieces = static_vocabulary([*kept, *terms])
    static = distil_static(texts, vectors, pieces, read)
    heads = encoder_heads(static(texts), coded_target(labels, model.themes), sentence_c,
                          competing=model.competing_coef is not None, balanced=False)
    return with_static_encoder(model, static, heads)


def train_theme_model(texts: Sequence[str], labels: Sequence[Sequence[str]],
                      themes: Sequence[str], *, codebook: str = "", trained_on: str = "",
                      embeddings: np.ndarray | None = None, min_units: int = 2,
                      vocabulary_from: Sequence[bool] | None = None,
                      sentence_c: float = SENTENCE_C, words_c: float = WORDS_C,
                      sentence_weight: float = SENTENCE_WEIGHT, confirm: float = CONFIRM,
                      add: float = ADD, gate: float = GATE, second: float = SECOND,
                      sure: float = SURE, competing: bool = False, fast: bool = True,
                      static_terms: Sequence[str] = ()) -> ThemeModel:
    """Train a model on hand-coded units: ``texts`` and, per text, its theme ids
    (``labels``; none for a unit about no theme). Every theme of ``themes`` needs coded
    units (a ``CoopanalysisError`` says which has none). Needs scikit-learn.

    The vocabulary keeps words and pairs found in at least ``min_units`` units, counted only
    in the units marked ``True`` in ``vocabulary_from`` when it is given (the shipped models
    take their words only from texts the repository may store). Each theme's regressions
    weigh its positive units as much as the rest (``class_weight="balanced"``); one more
    pair of regressions reads whether a unit has any theme (the ``gate``: units with no
    label teach it; without them, it lets every unit through).

    ``competing``: the encoder's reading of the themes is one multinomial regression over
    the themes and "no theme" (a unit with two themes counts half for each), so the themes
    compete for a unit, instead of one regression per theme. Suits a codebook whose units
    mostly carry one theme, as CAP's do (session 12, ``docs/themes.md``); the thresholds
    then apply to these probabilities.

    ``fast``: the model also carries a static encoder for ``tag_themes(method="fast")``,
    distilled from the sentence encoder on the same texts (``with_distilled_static``; its
    pieces come from the texts of ``vocabulary_from`` and from ``static_terms``, say the
    codebook's lemmas and phrases).
    """
    try:
        import sklearn  # noqa: F401  (the regressions)
        from scipy.sparse import csr_matrix
    except ImportError:
        raise CoopanalysisError("training a theme model needs scikit-learn: pip install "
                                "'coopanalysis[model]'", "<train_theme_model>") from None
    themes = tuple(themes)
    target = coded_target(labels, themes)
    missing = [theme for j, theme in enumerate(themes) if not target[:, j].any()]
    if len(texts) != len(labels) or missing or not len(texts):
        raise CoopanalysisError("every theme needs coded units, and one label list per text"
                                + (f"; no unit of: {', '.join(missing)}" if missing else ""),
                                "<train_theme_model>")
    unit_terms = [{term for term, _, _ in word_terms(text)} for text in texts]
    frequency = Counter(term for terms in unit_terms for term in terms)
    allowed = Counter(term for k, terms in enumerate(unit_terms)
                      if vocabulary_from is None or vocabulary_from[k] for term in terms)
    vocabulary = tuple(sorted(term for term, n in allowed.items() if n >= min_units))
    idf = np.array([math.log((1 + len(texts)) / (1 + frequency[t])) + 1 for t in vocabulary])
    index = {term: i for i, term in enumerate(vocabulary)}
    data, rows, cols = [], [], []
    for row, text in enumerate(texts):
        c, v = word_weights(word_terms(text), index, idf)
        rows += [row] * len(c)
        cols += list(c)
        data += list(v)
    matrix = csr_matrix((data, (rows, cols)), shape=(len(texts), len(vocabulary)))
    vectors = embed(texts) if embeddings is None else embeddings
    word_coef, word_intercept = _fit_regressions(matrix, target, words_c)
    heads = encoder_heads(vectors, target, sentence_c, competing)
    model = ThemeModel(codebook=codebook, themes=themes, vocabulary=vocabulary, idf=idf,
                       word_coef=word_coef, word_intercept=word_intercept,
                       sentence_coef=heads["sentence_coef"],
                       sentence_intercept=heads["sentence_intercept"],
                       sentence_weight=sentence_weight, confirm=confirm, add=add,
                       gate=gate, second=second, sure=sure, trained_on=trained_on,
                       competing_coef=heads.get("competing_coef"),
                       competing_intercept=heads.get("competing_intercept"))
    if not fast:
        return model
    return with_distilled_static(model, texts, labels, embeddings=vectors,
                                 vocabulary_from=vocabulary_from, terms=static_terms,
                                 sentence_c=sentence_c)


def _fit_competing(vectors: np.ndarray, target: np.ndarray,
                   c: float) -> tuple[np.ndarray, np.ndarray]:
    """One multinomial regression over the themes (``target``'s columns) and "no theme"
    (the last class): a unit with k themes gives k rows weighing 1/k each. Returns the
    coefficients ((n_themes + 1) × embedding size) and intercepts, a class never seen
    getting a very low intercept."""
    from sklearn.linear_model import LogisticRegression

    n_themes = target.shape[1]
    rows, classes, weights = [], [], []
    for k, row in enumerate(target):
        labels = list(np.flatnonzero(row)) or [n_themes]
        rows += [k] * len(labels)
        classes += labels
        weights += [1.0 / len(labels)] * len(labels)
    regression = LogisticRegression(C=c, max_iter=3000)
    regression.fit(vectors[rows], classes, sample_weight=weights)
    learnt, bias = regression.coef_, regression.intercept_
    if len(regression.classes_) == 2:  # scikit-learn keeps one row for two classes
        learnt, bias = np.vstack([-learnt / 2, learnt / 2]), np.array([-bias[0], bias[0]]) / 2
    coef = np.zeros((n_themes + 1, vectors.shape[1]))
    intercept = np.full(n_themes + 1, -30.0)
    coef[regression.classes_] = learnt
    intercept[regression.classes_] = bias
    return coef, intercept


