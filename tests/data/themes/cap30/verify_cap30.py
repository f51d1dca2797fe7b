#!/usr/bin/env python3
"""Check the thirtieth blind evaluation set (cap30_units.csv, territorial30_units.csv).

Standard library only.  Both files are synthetic (written by the coder) and are TEST ONLY:
every row has split `test` (there is no dev half).  Same checks as ../cap28/verify_cap28.py
(itself those of ../cap26/verify_cap26.py): columns (layout of ../cap9/cap9_synthetic_units.csv
and ../cap9/territorial9_units.csv), unit ids (ia001.. and ib001.. in order; the fixed
two-letter prefixes must not occur in any other file's id column, neither as a prefix nor as
the start of an id), `synthetic` labelling (source, empty start/end, note), anchors, word
counts 15-45 (rule of the first set), label ids (0-2 per unit, no duplicates), 5-9 units per
CAP topic (a two-topic unit counts once per topic) and at least 3 per territorial theme,
no-label share 15-25 %, every row `test`, expected numbers (170 / 40), no duplicate texts, and
no 6-word sequence shared with the stored texts of every other CSV file under ../ (all folders
except this one; only a count is printed, the other texts are never shown).  In addition, the
multiset of (labels, note) pairs of each file must match the SHA-256 fingerprint taken from the
coder's frozen drafts right after coding (texts were reworded afterwards, only for the overlap
check; codes and notes were not changed).  Prints the counts per label.

Usage: python3 verify_cap30.py [--markdown]
Exit status 0 when all checks pass.
"""
import hashlib, os, sys

HERE = os.path.dirname(os.path.abspath(__file__))
THEMES_DIR = os.path.dirname(HERE)
CAP9 = os.path.join(THEMES_DIR, "cap9")
# Helpers of the ninth set's verifier (which takes its constants from ../cap3/verify_cap3.py),
# as in ../cap10/verify_cap10.py to ../cap28/verify_cap28.py.
sys.dont_write_bytecode = True  # do not leave __pycache__ in ../cap9, ../cap3 or ../cap
sys.path.insert(0, CAP9)
import verify_cap9 as v9  # noqa: E402
from verify_cap9 import (  # noqa: E402
    CAP_COLS, TERR_COLS, THEMES, TOPICS, collections, fail, grams, problems, re, read,
)

CAP_FILE = "cap30_units.csv"
TERR_FILE = "territorial30_units.csv"
CAP_PREFIX, TERR_PREFIX = "ia", "ib"  # fixed: single free letters are exhausted
N_CAP, N_TERR = 170, 40
# check_units of verify_cap9 reads these module globals: set them for this set.
v9.MIN_PER_TOPIC, v9.MAX_PER_TOPIC, v9.MIN_PER_THEME = 5, 9, 3
# SHA-256 of the sorted "labels<TAB>note" lines of the frozen drafts (taken before rewording).
FROZEN = {
    CAP_FILE: "726d30de119ef1196d88adcd58de99a5236a3f66c4a968cc4a7e2460a7576baa",
    TERR_FILE: "d04dcda9662d9cc3c35e81aa70b89552eabdf83fd7e074a4522c2a8ed6d4d1f9",
}


def other_files():
    """Every CSV file under ../ (any depth) outside this folder."""
    out = []
    for root, dirs, files in os.walk(THEMES_DIR):
        dirs[:] = sorted(d for d in dirs if not d.startswith((".", "__")))
        if os.path.abspath(root) == HERE:
            continue
        out += [os.path.join(root, f) for f in sorted(files) if f.endswith(".csv")]
    return sorted(out)


def fingerprint(rows, field):
    s = "\n".join(sorted("%s\t%s" % (r[field], r["note"]) for r in rows))
    return hashlib.sha256(s.encode("utf-8")).hexdigest()


def main():
    others = other_files()
    # ---------------- id prefixes not used elsewhere ----------------
    used = collections.Counter()
    clash = 0
    for f in others:
        cols, rows = read(f)
        idcol = [c for c in cols if c in ("unit_id", "sentence_id")]
        for r in rows:
            for c in idcol:
                used[re.sub(r"\d+$", "", r[c])] += 1
                if r[c].lower().startswith((CAP_PREFIX, TERR_PREFIX)):
                    clash += 1
    print("other files: %d; id prefixes used there: %s" % (len(others), " ".join(sorted(used))))
    for p in (CAP_PREFIX, TERR_PREFIX):
        if p in used:
            fail("id prefix %r already used by another set" % p)
    if clash:
        fail("%d id(s) of other files start with %r or %r" % (clash, CAP_PREFIX, TERR_PREFIX))

    # ---------------- synthetic CAP set ----------------
    scols, srows = read(os.path.join(HERE, CAP_FILE))
    ref, _ = read(os.path.join(CAP9, "cap9_synthetic_units.csv"))  # header only
    if scols != CAP_COLS or scols != ref:
        fail("%s columns %r" % (CAP_FILE, scols))
    v9.check_units(srows, "topics", TOPICS, CAP_PREFIX, CAP_FILE, True, N_CAP)

    # ---------------- territorial set ----------------
    tcols, trows = read(os.path.join(HERE, TERR_FILE))
    ref, _ = read(os.path.join(CAP9, "territorial9_units.csv"))  # header only
    if tcols != TERR_COLS or tcols != ref:
        fail("%s columns %r" % (TERR_FILE, tcols))
    v9.check_units(trows, "themes", THEMES, TERR_PREFIX, TERR_FILE, False, N_TERR)

    # ---------------- codes identical to the frozen drafts ----------------
    print()
    for fname, rows, field in ((CAP_FILE, srows, "topics"), (TERR_FILE, trows, "themes")):
        ok = fingerprint(rows, field) == FROZEN[fname]
        print("%s: labels and notes %s the frozen drafts" % (fname, "match" if ok else "DIFFER FROM"))
        if not ok:
            fail("%s: labels/notes changed since coding" % fname)

    # ---------------- 6-word overlap with every other CSV file ----------------
    mine = set()
    for r in srows + trows:
        mine |= grams(r["text"])
    other = set()
    for f in others:
        for r in read(f)[1]:
            other |= grams(r.get("text") or "")
    shared = len(mine & other)
    print("\n6-word sequences shared by the synthetic units with the other sets' stored texts "
          "(%d files): %d" % (len(others), shared))
    if shared:
        fail("synthetic units share 6-word sequences with other sets")

    print("\n%s" % ("all checks passed" if not problems else "%d problem(s)" % len(problems)))
    return 0 if not problems else 1


if __name__ == "__main__":
    sys.exit(main())
