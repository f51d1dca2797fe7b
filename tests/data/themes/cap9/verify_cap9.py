#!/usr/bin/env python3
"""Check the ninth blind evaluation set (cap9_synthetic_units.csv, territorial9_units.csv).

Standard library only.  Both files are synthetic (written by the coder) and are TEST ONLY:
every row has split `test` (there is no dev half).  Same checks as ../cap8/verify_cap8.py:
columns (layout of ../cap8/cap8_synthetic_units.csv and ../cap8/territorial8_units.csv),
unit ids (i001.. and j001.. in order; the prefixes must not occur in any earlier file's id
column), `synthetic` labelling (source, empty start/end, note), anchors, word counts 15-45
(rule of the first set), label ids (0-2 per unit, no duplicates), 5-10 units per CAP topic
(a two-topic unit counts once per topic) and at least 3 per territorial theme, no-label
share 15-25 %, every row `test`, expected numbers (160 / 40), no duplicate texts, and no
6-word sequence shared with the stored texts of the earlier sets (all CSV files of ../ and
../cap*/ except this folder; only a count is printed, the earlier texts are never shown).
Prints the counts per label.

Usage: python3 verify_cap9.py [--markdown]
Exit status 0 when all checks pass.
"""
import collections, glob, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
THEMES_DIR = os.path.dirname(HERE)
CAP3 = os.path.join(THEMES_DIR, "cap3")
CAP8 = os.path.join(THEMES_DIR, "cap8")
# Constants and helpers of the third set's verifier (same conventions), as in verify_cap4-8.py.
sys.dont_write_bytecode = True  # do not leave __pycache__ in ../cap3 or ../cap
sys.path.insert(0, CAP3)
from verify_cap3 import (  # noqa: E402
    CAP_COLS, TERR_COLS, THEMES, TOPICS, ex, fail, labels, problems, read,
)

CAP_FILE = "cap9_synthetic_units.csv"
TERR_FILE = "territorial9_units.csv"
CAP_PREFIX, TERR_PREFIX = "i", "j"
N_CAP, N_TERR = 160, 40
MIN_PER_TOPIC, MAX_PER_TOPIC, MIN_PER_THEME = 5, 10, 3
MARKDOWN = "--markdown" in sys.argv[1:]


def earlier_files():
    files = sorted(glob.glob(os.path.join(THEMES_DIR, "*.csv")) +
                   glob.glob(os.path.join(THEMES_DIR, "cap*", "*.csv")))
    return [f for f in files if os.path.dirname(os.path.abspath(f)) != HERE]


def grams(text):
    w = re.findall(r"\w+", text.lower())
    return {tuple(w[i:i + 6]) for i in range(len(w) - 5)}


def check_units(rows, field, names, prefix, fname, cap_layout, n_expected):
    if len(rows) != n_expected:
        fail("%s: %d units, expected %d" % (fname, len(rows), n_expected))
    if [r["unit_id"] for r in rows] != ["%s%03d" % (prefix, i + 1) for i in range(len(rows))]:
        fail("%s: ids are not %s001.. in order" % (fname, prefix))
    texts = collections.Counter(" ".join(r["text"].split()).lower() for r in rows)
    for t, n in texts.items():
        if n > 1:
            fail("%s: duplicate text (%d times)" % (fname, n))
    wcs = []
    for r in rows:
        uid = r["unit_id"]
        labs = labels(r[field])
        if len(labs) > 2 or len(set(labs)) != len(labs) or any(l not in names for l in labs):
            fail("%s %s %r" % (uid, field, r[field]))
        if not r["note"].startswith("synthetic;"):
            fail("%s note does not start with 'synthetic;'" % uid)
        toks = r["text"].split()
        n = ex.word_count(toks)
        wcs.append(n)
        if not 15 <= n <= 45:
            fail("%s %d words" % (uid, n))
        if r["split"] != "test":
            fail("%s split %r (this set is test only)" % (uid, r["split"]))
        if cap_layout:
            if r["source"] != "synthetic" or r["start"] or r["end"]:
                fail("%s not labelled synthetic" % uid)
            if " ".join(toks[:3]) != r["anchor_first"] or " ".join(toks[-3:]) != r["anchor_last"]:
                fail("%s anchors do not match text" % uid)
    cnt = collections.Counter(l for r in rows for l in labels(r[field]))
    for n in names:
        if cap_layout and not MIN_PER_TOPIC <= cnt[n] <= MAX_PER_TOPIC:
            fail("%s: %s has %d units (expected %d-%d)"
                 % (fname, n, cnt[n], MIN_PER_TOPIC, MAX_PER_TOPIC))
        if not cap_layout and cnt[n] < MIN_PER_THEME:
            fail("%s: %s has %d units (< %d)" % (fname, n, cnt[n], MIN_PER_THEME))
    nlab = collections.Counter(len(labels(r[field])) for r in rows)
    share = nlab[0] / len(rows)
    if not 0.15 <= share <= 0.25:
        fail("%s: no-label share %.1f %%" % (fname, 100.0 * share))
    traps = sum(1 for r in rows if not labels(r[field]) and "trap" in r["note"])
    if MARKDOWN:
        print("\n| label | test |\n|---|---:|")
        for n in names:
            print("| %s | %d |" % (n, cnt[n]))
        print("| (none) | %d |" % nlab[0])
    else:
        print("\n%-24s %6s" % (fname, "test"))
        for n in names:
            print("%-24s %6d" % (n, cnt[n]))
        print("%-24s %6d" % ("(none)", nlab[0]))
    print("units: %d (all test, synthetic); labels per unit: 0=%d 1=%d 2=%d; no label: %.1f %% "
          "(keyword traps among them: %d); words per unit: %d-%d (mean %.1f)"
          % (len(rows), nlab[0], nlab[1], nlab[2], 100.0 * share, traps,
             min(wcs), max(wcs), sum(wcs) / len(wcs)))


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
    ref, _ = read(os.path.join(CAP8, "cap8_synthetic_units.csv"))  # header only
    if scols != CAP_COLS or scols != ref:
        fail("%s columns %r" % (CAP_FILE, scols))
    check_units(srows, "topics", TOPICS, CAP_PREFIX, CAP_FILE, True, N_CAP)

    # ---------------- territorial set ----------------
    tcols, trows = read(os.path.join(HERE, TERR_FILE))
    ref, _ = read(os.path.join(CAP8, "territorial8_units.csv"))  # header only
    if tcols != TERR_COLS or tcols != ref:
        fail("%s columns %r" % (TERR_FILE, tcols))
    check_units(trows, "themes", THEMES, TERR_PREFIX, TERR_FILE, False, N_TERR)

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
