#!/usr/bin/env python3
"""Check the eleventh blind evaluation set (cap11_units.csv, territorial11_units.csv).

Standard library only.  Both files are synthetic (written by the coder) and are TEST ONLY:
every row has split `test` (there is no dev half).  Same checks as ../cap10/verify_cap10.py:
columns (layout of ../cap10/cap10_units.csv and ../cap10/territorial10_units.csv), unit ids
(m001.. and n001.. in order; the prefixes must not occur in any earlier file's id column),
`synthetic` labelling (source, empty start/end, note), anchors, word counts 15-45 (rule of
the first set), label ids (0-2 per unit, no duplicates), 6-9 units per CAP topic (a two-topic
unit counts once per topic) and at least 3 per territorial theme, no-label share 15-25 %,
every row `test`, expected numbers (170 / 40), no duplicate texts, no 6-word sequence shared
with the stored texts of the earlier sets (all CSV files of ../ and ../cap*/ except this
folder; only a count is printed, the earlier texts are never shown), and the multiset of
(labels, note) pairs of each file must match the SHA-256 fingerprint taken from the coder's
frozen drafts right after coding (texts were reworded afterwards for the overlap check and
the word-count target; codes and notes were not changed).  Prints the counts per label.

Usage: python3 verify_cap11.py [--markdown]
Exit status 0 when all checks pass.
"""
import glob, hashlib, os, sys

HERE = os.path.dirname(os.path.abspath(__file__))
THEMES_DIR = os.path.dirname(HERE)
CAP9 = os.path.join(THEMES_DIR, "cap9")
CAP10 = os.path.join(THEMES_DIR, "cap10")
# Helpers of the ninth set's verifier (which takes its constants from ../cap3/verify_cap3.py),
# as ../cap10/verify_cap10.py does.
sys.dont_write_bytecode = True  # do not leave __pycache__ in ../cap9, ../cap3 or ../cap
sys.path.insert(0, CAP9)
import verify_cap9 as v9  # noqa: E402
from verify_cap9 import (  # noqa: E402
    CAP_COLS, TERR_COLS, THEMES, TOPICS, collections, fail, grams, problems, re, read,
)

CAP_FILE = "cap11_units.csv"
TERR_FILE = "territorial11_units.csv"
CAP_PREFIX, TERR_PREFIX = "m", "n"
N_CAP, N_TERR = 170, 40
# check_units of verify_cap9 reads these module globals: set them for this set.
v9.MIN_PER_TOPIC, v9.MAX_PER_TOPIC, v9.MIN_PER_THEME = 6, 9, 3
# SHA-256 of the sorted "labels<TAB>note" lines of the frozen drafts (taken before rewording).
FROZEN = {
    CAP_FILE: "b01a110bc8080ad97a4021ec219b078169767b55bbf545ac62bc4e50303c75ba",
    TERR_FILE: "99f0c9a44630f4f10fc2f53f10d3040b0afe59cdf22d79deadf6ef4002bc33c5",
}


def earlier_files():
    """Every CSV file of ../ and ../cap*/ outside this folder."""
    files = sorted(glob.glob(os.path.join(THEMES_DIR, "*.csv")) +
                   glob.glob(os.path.join(THEMES_DIR, "cap*", "*.csv")))
    return [f for f in files if os.path.dirname(os.path.abspath(f)) != HERE]


def fingerprint(rows, field):
    s = "\n".join(sorted("%s\t%s" % (r[field], r["note"]) for r in rows))
    return hashlib.sha256(s.encode("utf-8")).hexdigest()


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
    ref, _ = read(os.path.join(CAP10, "cap10_units.csv"))  # header only
    if scols != CAP_COLS or scols != ref:
        fail("%s columns %r" % (CAP_FILE, scols))
    v9.check_units(srows, "topics", TOPICS, CAP_PREFIX, CAP_FILE, True, N_CAP)

    # ---------------- territorial set ----------------
    tcols, trows = read(os.path.join(HERE, TERR_FILE))
    ref, _ = read(os.path.join(CAP10, "territorial10_units.csv"))  # header only
    if tcols != TERR_COLS or tcols != ref:
        fail("%s columns %r" % (TERR_FILE, tcols))
    v9.check_units(trows, "themes", THEMES, TERR_PREFIX, TERR_FILE, False, N_TERR)

    # ---------------- codes identical to the frozen drafts ----------------
    for fname, rows, field in ((CAP_FILE, srows, "topics"), (TERR_FILE, trows, "themes")):
        ok = fingerprint(rows, field) == FROZEN[fname]
        print("%s: labels and notes %s the frozen drafts" % (fname, "match" if ok else "DIFFER FROM"))
        if not ok:
            fail("%s: labels/notes changed since coding" % fname)

    # ---------------- 6-word overlap with earlier sets ----------------
    mine = set()
    for r in srows + trows:
        mine |= grams(r["text"])
    other = set()
    for f in earlier:
        for r in read(f)[1]:
            other |= grams(r.get("text") or "")
    shared = len(mine & other)
    print("\n6-word sequences shared by the synthetic units with the earlier sets' stored texts "
          "(%d files): %d" % (len(earlier), shared))
    if shared:
        fail("synthetic units share 6-word sequences with earlier sets")

    print("\n%s" % ("all checks passed" if not problems else "%d problem(s)" % len(problems)))
    return 0 if not problems else 1


if __name__ == "__main__":
    sys.exit(main())
