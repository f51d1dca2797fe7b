"""The static encoder against the tuned one it is distilled from, on units held out of both.

Session 18 (``docs/themes.md``). The units of ``themes_tuned.py --quick`` are held out (the
first pair of real debates and the written sets cap46–cap51): a tuned encoder is trained
on the others (``--teacher``: written there if the file is missing, about 20 minutes),
then a static encoder is distilled from it on the same units
(``theme_training.with_distilled_static``: each piece's vector is solved by least squares
so that a unit's mean of its pieces comes close to the tuned encoder's embedding of it,
and the heads are fitted again on that reading; session 19). Both read the held units with the
same words' regressions and the shipped CAP thresholds.

Reports, for the held real windows, the held written units and both: the micro average
precision of the encoder's topic probabilities, and the hybrid's precision / recall /
share of the no-topic units tagged, read through each encoder.

    .venv/bin/python benchmarks/themes_distilled.py --teacher /tmp/quick_teacher.npz
        [--readings /tmp/quick_readings.npz] [--grid]

``--readings`` keeps the tuned encoder's embeddings of the units (the slow part) to try
other students. Needs PyTorch, the ``model`` extra and the
shared corpus.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np
import pandas as pd

from coopanalysis.tag import encoder, theme_model, theme_training
from coopanalysis.tag.codebook import load_codebook

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent / "scripts")]
import themes_cap  # noqa: E402
import themes_model  # noqa: E402
import themes_tuned  # noqa: E402
import tune_encoder  # noqa: E402


def teacher_file(units: pd.DataFrame, train: np.ndarray, themes: list[str], path: Path) -> None:
    """Tune the encoder on the units ``train`` into ``path`` (as ``themes_tuned --quick``)."""
    image, ids, states = tune_encoder.prepared(units, 8)
    target = tune_encoder.coded_targets(list(units["gold"]), themes)
    tuned = tune_encoder.tune(image, ids, states, target, np.flatnonzero(train), top=8)
    tune_encoder.save_tuned(tuned, path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--teacher", type=Path, required=True)
    parser.add_argument("--readings", type=Path)
    parser.add_argument("--grid", action="store_true")
    args = parser.parse_args(argv)
    units = themes_model.released_units("cap")
    book = load_codebook("policy_agendas")
    themes = list(book.ids)
    held = themes_tuned.held_groups(units, written=False, quick=True)[0]
    train = ~held
    if not args.teacher.exists():
        teacher_file(units, train, themes, args.teacher)
    with np.load(args.teacher) as data:
        meta = json.loads(str(data["meta"]))
    if meta["units"] != int(train.sum()):
        raise SystemExit(f"{args.teacher} was tuned on {meta['units']} units, not on the "
                         f"{int(train.sum())} outside the held ones")
    known: dict[str, np.ndarray] = {}
    if args.readings and args.readings.exists():
        with np.load(args.readings) as data:
            known = dict(zip(data["texts"], data["vectors"], strict=True))
    words = themes_model.train_on(units, np.zeros((len(units), 384)), themes, train,
                                  competing=themes_model.COMPETING["cap"],
                                  **themes_model.THRESHOLDS["cap"])
    tuned = theme_model.with_tuned_encoder(words, args.teacher)
    texts = list(units["text"])
    todo = [text for text in dict.fromkeys(texts) if text not in known]
    if todo:
        known |= dict(zip(todo, encoder.embed(todo, tuned.encoder, tuned.encoder_layers,
                                              tuned.encoder_base), strict=True))
    if args.readings:
        np.savez(args.readings, texts=np.array(list(known)),
                 vectors=np.vstack(list(known.values())))
    teacher = np.vstack([known[text] for text in texts])
    fast = theme_training.with_distilled_static(
        tuned, list(units["text"][train]), [sorted(g) for g in units["gold"][train]],
        embeddings=teacher[train], vocabulary_from=list(units["stored"][train]), terms=book.terms)
    scored = held & units["scored"].to_numpy()
    codebook_found = themes_cap.predict(units, book)
    real = (units["source"] != "").to_numpy()
    for name, mask in (("real", scored & real), ("written", scored & ~real), ("all", scored)):
        shown = units[mask].reset_index(drop=True)
        gold = list(shown["gold"])
        readings = {"tuned": theme_model.read_units(list(shown["text"]), tuned,
                                                    embeddings=teacher[mask]),
                    "static": theme_model.read_units(list(shown["text"]), fast, fast=True)}
        for kind, reading in readings.items():
            ap = themes_tuned.average_precision(reading.sentence, gold, tuple(themes))
            line = themes_tuned.hybrid_line([(shown, reading)], codebook_found, themes, {})
            print(f"{name:8s} {len(shown):5d} {kind:7s} AP encoder {ap:.3f}; hybrid {line}")
            for add in (0.4, 0.5, 0.7) if args.grid else ():
                grid = themes_tuned.hybrid_line([(shown, reading)], codebook_found, themes,
                                                {"add": add})
                print(f"{'':24s} add {add}: {grid}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
