#!/usr/bin/env python3
"""Check the fifth blind evaluation set (cap5_synthetic_units.csv, territorial5_units.csv).

Standard library only.  Both files are synthetic (written by the coder).  Checks:
columns (same layout as ../cap4/cap4_synthetic_units.csv and ../cap4/territorial4_units.csv),
unit ids (p001.. and q001.. in order; the prefixes must not occur in any earlier file's id
column), `synthetic` labelling, anchors, word counts (15-45, word rule of the first set),
label ids (0-2 per unit, no duplicates), at least 5 units per CAP topic, share of units
without label (15-25 %), split (exactly half `dev`, half `test`; every label present in both
halves; per label |dev - test| <= 1), no duplicate texts, and that no 6-word sequence is
shared with the stored texts of the earlier sets (all CSV files of ../ and ../cap*/ except
this folder; only a count is printed, the earlier texts are never shown).  Prints the counts
per label and split.

Usage: python3 verify_cap5.py
Exit status 0 when all checks pass.
"""
import collections, glob, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
THEMES_DIR = os.path.dirname(HERE)
CAP3 = os.path.join(THEMES_DIR, "cap3")
CAP4 = os.path.join(THEMES_DIR, "cap4")
# Constants and helpers of the third set's verifier (same conventions), as in verify_cap4.py.
sys.dont_write_bytecode = True  # do not leave __pycache__ in ../cap3 or ../cap
sys.path.insert(0, CAP3)
from verify_cap3 import (  # noqa: E402
    CAP_COLS, TERR_COLS, THEMES, TOPICS, ex, fail, labels, problems, read, split_table,
)

CAP_FILE = "cap5_synthetic_units.csv"
TERR_FILE = "territorial5_units.csv"
CAP_PREFIX, TERR_PREFIX = "p", "q"
MIN_PER_TOPIC = 5


def earlier_files():
    files = sorted(glob.glob(os.path.join(THEMES_DIR, "*.csv")) +
                   glob.glob(os.path.join(THEMES_DIR, "cap*", "*.csv")))
    return [f for f in files if os.path.dirname(os.path.abspath(f)) != HERE]


def check_units(rows, field, names, prefix, fname, synthetic_cols):
    if [r["unit_id"] for r in rows] != ["%s%03d" % (prefix, i + 1) for i in range(len(rows))]:
        fail("%s: ids are not %s001.. in order" % (fname, prefix))
    texts = collections.Counter(" ".join(r["text"].split()).lower() for r in rows)
    for t, n in texts.items():
        if n > 1:
            fail("%s: duplicate text (%d times)" % (fname, n))
    for r in rows:
        uid = r["unit_id"]
        labs = labels(r[field])
        if len(labs) > 2 or len(set(labs)) != len(labs) or any(l not in names for l in labs):
            fail("%s %s %r" % (uid, field, r[field]))
        if not r["note"].startswith("synthetic"):
            fail("%s note does not start with 'synthetic'" % uid)
        toks = r["text"].split()
        n = ex.word_count(toks)
        if not 15 <= n <= 45:
            fail("%s %d words" % (uid, n))
        if r["split"] not in ("dev", "test"):
            fail("%s split %r" % (uid, r["split"]))
        if synthetic_cols:
            if r["source"] != "synthetic" or r["start"] or r["end"]:
                fail("%s not labelled synthetic" % uid)
            if " ".join(toks[:3]) != r["anchor_first"] or " ".join(toks[-3:]) != r["anchor_last"]:
                fail("%s anchors do not match text" % uid)
    # split balance
    sp = collections.Counter(r["split"] for r in rows)
    if sp["dev"] != sp["test"]:
        fail("%s: dev %d != test %d" % (fname, sp["dev"], sp["test"]))
    cnt = {"dev": collections.Counter(), "test": collections.Counter()}
    for r in rows:
        cnt[r["split"]].update(labels(r[field]) or ["(none)"])
    for n in names + ["(none)"]:
        if abs(cnt["dev"][n] - cnt["test"][n]) > 1:
            fail("%s: %s unbalanced (dev %d, test %d)" % (fname, n, cnt["dev"][n], cnt["test"][n]))
    none = sum(1 for r in rows if not labels(r[field]))
    if not 0.15 <= none / len(rows) <= 0.25:
        fail("%s: no-label share %.1f %%" % (fname, 100.0 * none / len(rows)))


def main():
    earlier = earlier_files()
    # ---------------- id prefixes not used before ----------------
    used = collections.Counter()
    for f in earlier:
        cols, rows = read(f)
        idcol = [c for c in cols if c in ("unit_id", "sentence_id")]
        for r in rows:
            for c in idcol:
                used[re.sub(r"\d+$", "", r[c])] += 1
    print("earlier files: %d; id prefixes used there: %s" % (len(earlier), " ".join(sorted(used))))
    for p in (CAP_PREFIX, TERR_PREFIX):
        if p in used:
            fail("id prefix %r already used by an earlier set" % p)

    # ---------------- synthetic CAP set ----------------
    scols, srows = read(os.path.join(HERE, CAP_FILE))
    ref, _ = read(os.path.join(CAP4, "cap4_synthetic_units.csv"))
    if scols != CAP_COLS or scols != ref:
        fail("%s columns %r" % (CAP_FILE, scols))
    check_units(srows, "topics", TOPICS, CAP_PREFIX, CAP_FILE, True)
    tot = collections.Counter(l for r in srows for l in labels(r["topics"]))
    for t in TOPICS:
        if tot[t] < MIN_PER_TOPIC:
            fail("%s: %s has %d units (< %d)" % (CAP_FILE, t, tot[t], MIN_PER_TOPIC))
    split_table(srows, "topics", TOPICS, "CAP topic (synthetic)")

    # ---------------- territorial set ----------------
    tcols, trows = read(os.path.join(HERE, TERR_FILE))
    ref, _ = read(os.path.join(CAP4, "territorial4_units.csv"))
    if tcols != TERR_COLS or tcols != ref:
        fail("%s columns %r" % (TERR_FILE, tcols))
    check_units(trows, "themes", THEMES, TERR_PREFIX, TERR_FILE, False)
    split_table(trows, "themes", THEMES, "territorial theme")

    # ---------------- 6-word overlap with earlier sets ----------------
    def grams(text):
        w = re.findall(r"\w+", text.lower())
        return {tuple(w[i:i + 6]) for i in range(len(w) - 5)}
    mine = set()
    for r in srows + trows:
        mine |= grams(r["text"])
    other = set()
    for f in earlier:
        for r in read(f)[1]:
            other |= grams(r.get("text") or "")
    shared = len(mine & other)
    print("\n6-word sequences shared with the earlier sets' stored texts (%d files): %d"
          % (len(earlier), shared))
    if shared:
        fail("synthetic units share 6-word sequences with earlier sets")

    print("\n%s" % ("all checks passed" if not problems else "%d problem(s)" % len(problems)))
    return 0 if not problems else 1


if __name__ == "__main__":
    sys.exit(main())
