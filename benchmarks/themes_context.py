"""Does reading a unit with its neighbours help the hybrid theme method? (issue 14, session 9;
measured, not kept in ``tag_themes``).

The real caption units of the released CAP sets are scored one debate out, as in
``themes_model.py --by-debate``: each debate's units read by a model trained on every unit
of the other debates and all synthetic units. Each unit is read alone, and with the
caption's words said within ``--seconds`` of it: their words joined with the unit's (the
words regression) and the mean of the sentence embeddings of the unit and of those words cut
into pieces of 25 words (the encoder), as the units of a transcript would be read with their
neighbours. The two readings are averaged with weight ``lam`` and the hybrid rule applied
over a grid of ``confirm`` and ``add``; the gate reads the averaged "any theme" probability.

    .venv/bin/python benchmarks/themes_context.py [--seconds 20] [--cache /tmp/e.npz]

Needs the ``model`` extra and the shared corpus. The figures are in ``docs/themes.md``.
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import themes_cap
import themes_model

from coopanalysis.tag import theme_model
from coopanalysis.tag.codebook import load_codebook

PIECE_WORDS = 25


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--cache", type=Path, help="embeddings cache (.npz)")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(themes_cap.THEMES / "realtest3"))
    import realtest3_windows  # word loading of the caption files (test-data tooling)

    units = themes_model.released_units("cap")
    book = load_codebook("policy_agendas")
    themes = book.ids
    vectors = themes_model.embeddings(list(units["text"]), args.cache)
    where = {}
    for name in set(units["file"]):
        with open(themes_cap.THEMES / name, encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                if row.get("source") and row.get("start"):
                    where[f"{name}:{row['unit_id']}"] = (row["source"], float(row["start"]),
                                                         float(row["end"]))
    real = (units["source"] != "").to_numpy()
    rows = np.flatnonzero(real & units["scored"].to_numpy())
    wide_texts, pieces, owner = [], [], []
    for k, i in enumerate(rows):
        source, start, end = where[units["unit_id"][i]]
        words = realtest3_windows.load_words(source)
        wide_texts.append(" ".join(w for t, w in words
                                   if start - args.seconds <= t < end + args.seconds))
        for side in ([w for t, w in words if start - args.seconds <= t < start],
                     [w for t, w in words if end <= t < end + args.seconds]):
            for c in range(0, len(side), PIECE_WORDS):
                if len(side[c:c + PIECE_WORDS]) >= 5:
                    pieces.append(" ".join(side[c:c + PIECE_WORDS]))
                    owner.append(k)
    piece_vectors = themes_model.embeddings(pieces, args.cache)
    owners = np.array(owner)
    wide_vectors = np.vstack([np.vstack([vectors[i], piece_vectors[owners == k]]).mean(axis=0)
                              for k, i in enumerate(rows)])
    scored = units.iloc[rows].reset_index(drop=True)
    found = themes_cap.predict(scored, book)
    n = len(scored)
    alone_p, wide_p = np.zeros((n, len(themes))), np.zeros((n, len(themes)))
    alone_t, wide_t = np.zeros(n), np.zeros(n)
    for debate in sorted(set(units["source"][real])):
        model = themes_model.train_on(units, vectors, themes,
                                      (units["source"] != debate).to_numpy())
        held = (scored["source"] == debate).to_numpy()
        alone = theme_model.read_units(list(scored["text"][held]), model,
                                       embeddings=vectors[rows[held]])
        wide = theme_model.read_units([wide_texts[k] for k in np.flatnonzero(held)], model,
                                      embeddings=wide_vectors[held])
        alone_p[held], wide_p[held] = alone.probability, wide.probability
        alone_t[held], wide_t[held] = alone.topical, wide.topical
    print(f"{n} real caption units, one debate out, neighbours within {args.seconds:g} s")
    for lam in (0.0, 0.3, 0.5, 0.7):
        p = (1 - lam) * alone_p + lam * wide_p
        t = (1 - lam) * alone_t + lam * wide_t
        reading = theme_model.UnitReading(tuple(themes), p, p, p, [{}] * n, t)
        for confirm, add in ((0.3, 0.7), (0.3, 0.6), (0.2, 0.6)):
            picks = theme_model.hybrid_choice([found[u] for u in scored["unit_id"]], reading,
                                              confirm=confirm, add=add, max_themes=2,
                                              gate=theme_model.GATE)
            chosen = {u: {th for th, _ in c}
                      for u, c in zip(scored["unit_id"], picks, strict=True)}
            s = themes_cap.score(scored, chosen, themes)[1]
            print(f"lam {lam} confirm {confirm} add {add}: P {s['precision']:.3f} "
                  f"R {s['recall']:.3f} no-topic {s['no_topic_tagged']:.1%}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
