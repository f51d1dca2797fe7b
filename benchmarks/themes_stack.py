"""Measured, not shipped: a second-stage regression ("stacker") in place of the hybrid's
hand-set thresholds.

The hybrid keeps a codebook tag when the model's probability for its theme reaches
``confirm``, adds a theme at ``add``, and so on (``theme_model.hybrid_choice``). This
benchmark asks whether one logistic regression over the same signals chooses better: for
every (unit, theme), the mixed, sentence and words probabilities, the "any theme"
probability, whether the codebook matched the theme, the theme's rank in the unit, the
number of themes the codebook matched, the best other theme's probability, and the theme
itself. A unit keeps its likeliest theme when the stacker gives it ``first`` or more (and
the gate passes), and a second at ``second``.

The stacker learns from readings of units the model was not trained on:

- **by file**: every released unit read by a model trained without its file
  (``themes_model.leave_one_file_out``); the stacker is scored in eight folds of files;
- **one debate out**: each real debate's windows read by a model trained without that
  debate (as ``themes_model.leave_one_debate_out``), the stacker trained on every unit
  but that debate's.

    .venv/bin/python benchmarks/themes_stack.py [--cache /tmp/embeddings.npz] [--real-weight 4]

Session 14 (``docs/themes.md``): better on written units, worse on real debates never met.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.linear_model import LogisticRegression

sys.path.insert(0, str(Path(__file__).resolve().parent))
import themes_cap
import themes_model

from coopanalysis.tag import theme_model
from coopanalysis.tag.codebook import load_codebook

FOLDS = 8
SETTINGS = ((0.4, 0.45, 0.6), (0.4, 0.5, 0.6), (0.4, 0.55, 0.6), (0.4, 0.6, 0.6),
            (0.5, 0.5, 0.6))           # (gate, first, second)
EPS = 1e-4


def logit(p: np.ndarray) -> np.ndarray:
    p = np.clip(p, EPS, 1 - EPS)
    return np.log(p / (1 - p))


def features(reading: theme_model.UnitReading, found: list[set[str]]) -> np.ndarray:
    """One row per (unit, theme), units first: the signals listed in the module docstring."""
    themes = list(reading.themes)
    n, k = reading.probability.shape
    p = reading.probability
    matched = np.array([[t in found[i] for t in themes] for i in range(n)], dtype=float)
    rank = np.argsort(np.argsort(-p, axis=1), axis=1)
    ordered = np.sort(p, axis=1)
    best_other = np.where(rank == 0, ordered[:, -2:-1], ordered[:, -1:])
    topical = np.repeat(reading.topical[:, None], k, axis=1)
    n_matched = np.repeat(matched.sum(axis=1, keepdims=True), k, axis=1)
    signals = np.stack([logit(p), logit(reading.sentence), logit(reading.words),
                        logit(topical), matched, matched * logit(p), rank == 0, rank == 1,
                        n_matched, logit(best_other)], axis=-1).reshape(n * k, -1)
    return np.hstack([signals, np.tile(np.eye(k), (n, 1))])


def choose(stacked: np.ndarray, topical: np.ndarray, themes: list[str], gate: float,
           first: float, second: float) -> list[set[str]]:
    """Per unit, its likeliest theme at ``first`` or more and the next at ``second``."""
    chosen = []
    for row, any_theme in zip(stacked, topical, strict=True):
        order = np.argsort(-row)
        picked: set[str] = set()
        if any_theme >= gate and row[order[0]] >= first:
            picked.add(themes[order[0]])
            if row[order[1]] >= second:
                picked.add(themes[order[1]])
        chosen.append(picked)
    return chosen


def score(units: pd.DataFrame, chosen: list[set[str]], themes: list[str]) -> str:
    return themes_model.score_line(units, dict(zip(units["unit_id"], chosen, strict=True)),
                                   themes)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", type=Path, help="embeddings cache (.npz)")
    parser.add_argument("--real-weight", type=float, default=4.0,
                        help="weight of a real caption window in the stacker's training")
    args = parser.parse_args(argv)
    everything = themes_model.released_units("cap")
    book = load_codebook("policy_agendas")
    themes = book.ids
    k = len(themes)
    vectors = themes_model.embeddings(list(everything["text"]), args.cache)
    reading = themes_model.leave_one_file_out(everything, vectors, themes, True,
                                              themes_model.COMPETING["cap"])
    units = everything[everything["scored"]].reset_index(drop=True)
    book_found = themes_cap.predict(units, book)
    found = [set(book_found[u]) for u in units["unit_id"]]
    x = features(reading, found)
    gold = np.array([[t in set(g) for t in themes] for g in units["gold"]],
                    dtype=float).reshape(-1)
    real = units["source"].to_numpy() != ""
    weight = np.repeat(np.where(real, args.real_weight, 1.0), k)

    # By file: eight folds of whole files.
    files = list(dict.fromkeys(units["file"]))
    fold_of = {name: i % FOLDS
               for i, name in enumerate(np.random.default_rng(0).permutation(files))}
    fold = np.repeat(units["file"].map(fold_of).to_numpy(), k)
    stacked = np.zeros(len(gold))
    for f in range(FOLDS):
        train, test = fold != f, fold == f
        stacker = LogisticRegression(max_iter=3000).fit(x[train], gold[train],
                                                        sample_weight=weight[train])
        stacked[test] = stacker.predict_proba(x[test])[:, 1]
    stacked = stacked.reshape(len(units), k)
    parts = {"all units": np.ones(len(units), bool), "written": ~real, "real, by file": real}
    print(f"by file, {len(units)} units in {len(files)} files")
    rows = [("shipped thresholds", themes_model.shipped_choice(reading, found))]
    rows += [(f"stacker gate {gate} first {first} second {second}",
              choose(stacked, reading.topical, themes, gate, first, second))
             for gate, first, second in SETTINGS]
    for label, chosen in rows:
        print(f"  {label:40s}", "  |  ".join(
            f"{name} " + score(units[mask], [c for c, keep in zip(chosen, mask, strict=True)
                                             if keep], themes)
            for name, mask in parts.items()))

    # One debate out: the model and the stacker both trained without the debate.
    debates = units["source"].where(real, "")
    ids: list[str] = []
    by_setting: dict[tuple[float, float, float], list[set[str]]] = {s: [] for s in SETTINGS}
    baseline: list[set[str]] = []
    for debate, held_ids, held_reading in themes_model.debate_readings(everything, vectors,
                                                                       themes):
        held_found = [set(book_found[u]) for u in held_ids]
        train = np.repeat((debates != debate).to_numpy(), k)
        stacker = LogisticRegression(max_iter=3000).fit(x[train], gold[train],
                                                        sample_weight=weight[train])
        held_stacked = stacker.predict_proba(features(held_reading, held_found))[:, 1]
        held_stacked = held_stacked.reshape(len(held_ids), k)
        for setting in SETTINGS:
            by_setting[setting] += choose(held_stacked, held_reading.topical, themes,
                                          *setting)
        baseline += themes_model.shipped_choice(held_reading, held_found)
        ids += held_ids
    held_units = units.set_index("unit_id").loc[ids].reset_index()
    print(f"real captions, one debate out ({len(ids)} windows)")
    print(f"  {'shipped thresholds':40s}", score(held_units, baseline, themes))
    for setting, chosen in by_setting.items():
        gate, first, second = setting
        print(f"  {f'stacker gate {gate} first {first} second {second}':40s}",
              score(held_units, chosen, themes))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
