"""Train the theme models shipped for the built-in codebooks (``tag_themes(method="hybrid")``).

Writes ``src/coopanalysis/data/models/policy_agendas.npz`` and
``territorial_cooperation.npz`` from the released hand-coded sets of
``tests/data/themes/`` and the units written only for training (the files of
``benchmarks/themes_model.RELEASED`` and ``TRAINING_ONLY``; never a blind set before its
single test run).

Provenance. The regressions learn from every coded unit. The units of the real debates
whose captions have no known licence are not stored in the repository: their text is
re-extracted from ``/work/shared/corpus`` for training (the script stops if it is
absent), and **no word of theirs enters the model's vocabulary**, which is taken only from
the texts the repository stores (synthetic units written for the project, and BDX I/O
captions under the Unlicense). The encoder's regression stores 384 weights per theme.

    .venv/bin/python scripts/train_theme_models.py [--cache /tmp/embeddings.npz]
        [--tuned-encoder /tmp/policy_agendas_encoder.npz]

``--tuned-encoder`` (session 16): the CAP model carries the encoder layers and heads that
``scripts/tune_encoder.py`` wrote. Its encoder reading (the competing topics and the gate's
encoder half) is then those heads over the tuned encoder's embedding; its words are
trained here as before.

Each model then gets its static encoder (``tag_themes(method="fast")``), distilled from
its own encoder, tuned or not, on the same units
(``theme_training.with_distilled_static``, session 19): its pieces come from the stored
texts and the codebook's lemmas and phrases. With a tuned encoder, the units are read
again by it (about ten minutes for the CAP units on two cores).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import themes_model

from coopanalysis.tag import theme_model, theme_training
from coopanalysis.tag.codebook import load_codebook

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "coopanalysis" / "data" / "models"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", type=Path, help="embeddings cache (.npz)")
    parser.add_argument("--tuned-encoder", type=Path,
                        help="the CAP model's tuned encoder (scripts/tune_encoder.py)")
    args = parser.parse_args(argv)
    OUT.mkdir(parents=True, exist_ok=True)
    for kind in themes_model.RELEASED:
        files = (*themes_model.RELEASED[kind], *themes_model.TRAINING_ONLY[kind])
        units = themes_model.released_units(kind)
        if units.attrs["skipped"]:
            raise SystemExit(f"{kind}: {units.attrs['skipped']} units could not be rebuilt "
                             "(is /work/shared/corpus here?)")
        name = themes_model.CODEBOOK[kind]
        book = load_codebook(name)
        vectors = themes_model.embeddings(list(units["text"]), args.cache)
        trained_on = (f"{len(units)} hand-coded units ({int(units['stored'].sum())} with "
                      f"stored text, the vocabulary's only source) of "
                      + ", ".join(f"tests/data/themes/{f}" for f in files))
        model = themes_model.train_on(units, vectors, book.ids,
                                      np.ones(len(units), dtype=bool), codebook=name,
                                      trained_on=trained_on,
                                      competing=themes_model.COMPETING[kind],
                                      **themes_model.THRESHOLDS[kind])
        tuned = kind == "cap" and args.tuned_encoder
        if tuned:
            model = theme_model.with_tuned_encoder(model, args.tuned_encoder)
        model = theme_training.with_distilled_static(
            model, list(units["text"]), [sorted(gold) for gold in units["gold"]],
            embeddings=None if tuned else vectors, vocabulary_from=list(units["stored"]),
            terms=book.terms)
        model.save(OUT / f"{name}.npz")
        print(f"{name}: {len(model.vocabulary)} terms, {len(model.themes)} themes, confirm "
              f"{model.confirm}, add {model.add}, gate {model.gate}, second {model.second}, "
              f"sure {model.sure}; static encoder: "
              f"{len(model.static_encoder.pieces) if model.static_encoder else 0} pieces; "
              f"{trained_on}; encoder: {model.encoder}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
