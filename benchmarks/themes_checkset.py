"""Precision and recall of ``tag_themes`` (default codebook) on the hand-coded check sets.

Not a speed benchmark: a scoring script, so that the figures of ``docs/themes.md`` can be
recomputed. Sets (in ``tests/data/themes/``):

- ``blind``: ``blind_checkset.csv``, 98 BDX I/O sentences coded by meaning by a coder who
  never saw the patterns (see ``BLIND.md``). Halves: ``dev`` = odd ids (b001, b003, …),
  the half whose errors may be read to improve the codebook; ``test`` = even ids, scored
  in aggregate only — this script refuses to list its individual errors.
- ``old``: ``checkset.csv``, 99 sentences; halves ``article`` (a01–a56, in-sample: the
  codebook was written from the article) and ``bdx`` (b01–b43).

Scores are micro-averaged over (sentence, theme) pairs, as
``tests/tag/test_themes.py`` computes them: precision = TP / tagged pairs, recall = TP /
coded pairs. Per-theme rows show coded sentences, tagged sentences, TP, FP, FN.

    .venv/bin/python benchmarks/themes_checkset.py [--set blind] [--half all|dev|test]
        [--errors]   # list false positives/negatives with the matched terms (not for test)
        [--matcher NAME]  # score another matcher of benchmarks/themes.py (same pipeline)

Runs in a few seconds (the spaCy model load dominates).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data" / "themes"
FILES = {"blind": "blind_checkset.csv", "old": "checkset.csv"}
HALVES = {
    "blind": {"all": None, "dev": "odd", "test": "even"},
    "old": {"all": None, "article": "a", "bdx": "b"},
}


def load(set_name: str, half: str) -> pd.DataFrame:
    """The rows of one half of a check set (columns ``sentence_id``, ``text``, ``themes``)."""
    frame = pd.read_csv(DATA / FILES[set_name], dtype=str, keep_default_na=False)
    rule = HALVES[set_name][half]
    if rule in ("odd", "even"):
        number = frame["sentence_id"].str[1:].astype(int)
        frame = frame[number % 2 == (1 if rule == "odd" else 0)]
    elif rule is not None:
        frame = frame[frame["sentence_id"].str.startswith(rule)]
    return frame.reset_index(drop=True)


def pairs(frame: pd.DataFrame) -> set[tuple[str, str]]:
    """Coded (sentence_id, theme) pairs."""
    return {(sid, theme) for sid, themes in zip(frame["sentence_id"], frame["themes"],
                                                strict=True)
            for theme in themes.split(";") if theme}


def tagged(frame: pd.DataFrame, matcher: str | None) -> pd.DataFrame:
    """``tag_themes`` rows (``unit_id``, ``theme``, ``term``), or those of another matcher."""
    from coopanalysis.tag.themes import tag_themes

    units = frame.rename(columns={"sentence_id": "unit_id"})
    if matcher is None:
        return tag_themes(units)
    from themes import matchers  # benchmarks/themes.py, beside this script

    from coopanalysis.nlp import load_nlp
    from coopanalysis.tag.codebook import default_codebook
    from coopanalysis.tag.themes import THEME_EXCLUDE

    nlp = load_nlp(exclude=THEME_EXCLUDE)
    match = matchers(nlp, default_codebook())[matcher]
    rows = [{"unit_id": unit_id, "theme": theme, "term": doc[start:end].text}
            for unit_id, doc in zip(units["unit_id"], nlp.pipe(units["text"]), strict=True)
            for theme, start, end in match(doc)]
    return pd.DataFrame(rows, columns=["unit_id", "theme", "term"])


def score(frame: pd.DataFrame, matcher: str | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Per-theme table (last row ``all (micro)``) and the tagger's rows."""
    from coopanalysis.tag.codebook import default_codebook

    found = tagged(frame, matcher)
    predicted = set(zip(found["unit_id"], found["theme"], strict=True))
    expected = pairs(frame)
    rows = []
    for theme in [*default_codebook().ids, None]:
        pred = {p for p in predicted if theme is None or p[1] == theme}
        true = {e for e in expected if theme is None or e[1] == theme}
        tp = len(pred & true)
        rows.append({"theme": theme or "all (micro)", "coded": len(true),
                     "tagged": len(pred), "TP": tp, "FP": len(pred) - tp,
                     "FN": len(true) - tp,
                     "precision": tp / len(pred) if pred else float("nan"),
                     "recall": tp / len(true) if true else float("nan")})
    return pd.DataFrame(rows), found


def errors(frame: pd.DataFrame, found: pd.DataFrame) -> list[str]:
    """One line per false positive (with the matched terms) and false negative."""
    expected = pairs(frame)
    texts = dict(zip(frame["sentence_id"], frame["text"], strict=True))
    terms = found.groupby(["unit_id", "theme"])["term"].agg(" | ".join).to_dict()
    lines = []
    for (sid, theme), term in sorted(terms.items()):
        if (sid, theme) not in expected:
            lines.append(f"FP {sid} {theme:<24} [{term}]  {texts[sid]}")
    for sid, theme in sorted(expected):
        if (sid, theme) not in terms:
            lines.append(f"FN {sid} {theme:<24} {texts[sid]}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--set", choices=sorted(FILES), default="blind")
    parser.add_argument("--half", default="all")
    parser.add_argument("--errors", action="store_true",
                        help="list the errors (refused on the blind test half)")
    parser.add_argument("--matcher", default=None,
                        help="a matcher of benchmarks/themes.py ('PhraseMatcher NORM'…) "
                             "instead of tag_themes")
    args = parser.parse_args(argv)
    if args.half not in HALVES[args.set]:
        parser.error(f"--half for {args.set}: one of {sorted(HALVES[args.set])}")
    if args.errors and args.set == "blind" and args.half != "dev":
        parser.error("the blind set's errors are listed for the dev half only")
    frame = load(args.set, args.half)
    table, found = score(frame, args.matcher)
    print(f"{FILES[args.set]} [{args.half}]: {len(frame)} sentences, "
          f"{(frame['themes'] == '').sum()} without theme")
    print(table.to_string(index=False, float_format=lambda x: f"{x:.2f}"))
    if args.errors:
        print("\n".join(["", *errors(frame, found)]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
