#!/usr/bin/env python3
"""Check the twenty-third blind evaluation set (cap23_units.csv, territorial23_units.csv).

Standard library only.  Both files are synthetic (written by the coder, simulating automatic
YouTube captions of long web-channel interviews) and are TEST ONLY: every row has split `test`
(there is no dev half).  It is ../cap19/verify_cap19.py adapted to this set: columns (layout of
../cap9/cap9_synthetic_units.csv and ../cap9/territorial9_units.csv), unit ids (nc001.. and
nt001.. in order; the fixed two-letter prefixes must not occur in any other file's id column,
neither as a prefix nor as the start of an id), `synthetic` labelling (source, empty
start/end, note), anchors, word counts 15-45 (rule of the first set), label ids (0-2 per unit,
no duplicates), 4-16 units per CAP topic (a two-topic unit counts once per topic) and at
least 3 per territorial theme, no-label share 15-25 %, every row `test`, expected numbers
(170 / 40), no duplicate texts.  Checks added for this set: exactly 40 CAP units without topic,
at least 20 of them keyword traps (note `synthetic; trap: ...`); at least half of the topical
CAP units marked `no keyword` in their note (topic stated only through reasoning or an
example); exactly 8 territorial units without theme; caption form (lower case, no
punctuation: only letters, digits, spaces, and apostrophes or hyphens inside words); no 6-word
sequence shared between two units of this folder; and no 6-word sequence shared with the
stored texts of every other CSV file under ../ (all folders except this one; only a count is
printed, the other texts are never shown).  In addition, the multiset of (labels, note) pairs
of each file must match the SHA-256 fingerprint taken from the coder's frozen drafts right
after coding (texts were reworded afterwards for the overlap check; codes and notes were not
changed).  Prints the counts per label.

Usage: python3 verify_cap23.py [--markdown]
Exit status 0 when all checks pass.
"""
import hashlib, os, sys

HERE = os.path.dirname(os.path.abspath(__file__))
THEMES_DIR = os.path.dirname(HERE)
CAP9 = os.path.join(THEMES_DIR, "cap9")
# Helpers of the ninth set's verifier (which takes its constants from ../cap3/verify_cap3.py),
# as in ../cap10/verify_cap10.py to ../cap19/verify_cap19.py.
sys.dont_write_bytecode = True  # do not leave __pycache__ in ../cap9, ../cap3 or ../cap
sys.path.insert(0, CAP9)
import verify_cap9 as v9  # noqa: E402
from verify_cap9 import (  # noqa: E402
    CAP_COLS, TERR_COLS, THEMES, TOPICS, collections, fail, grams, labels, problems, re, read,
)

CAP_FILE = "cap23_units.csv"
TERR_FILE = "territorial23_units.csv"
CAP_PREFIX, TERR_PREFIX = "nc", "nt"  # fixed: single free letters are exhausted
N_CAP, N_TERR = 170, 40
N_CAP_NONE, MIN_CAP_TRAPS, N_TERR_NONE = 40, 20, 8
# check_units of verify_cap9 reads these module globals: set them for this set.
v9.MIN_PER_TOPIC, v9.MAX_PER_TOPIC, v9.MIN_PER_THEME = 4, 16, 3
# SHA-256 of the sorted "labels<TAB>note" lines of the frozen drafts (taken before rewording).
FROZEN = {
    CAP_FILE: "7a5b7d44cb10489aed2ff9a14eef43468d6e5d10f4a7a292f21725c2fc0caa91",
    TERR_FILE: "93c0535e294e7c165f32a779b4d3bed17c5ef08c49e752d69c9d5a11567a4b3c",
}
# Caption form: lower case, no punctuation; apostrophes and hyphens only inside words.
TOKEN_RE = re.compile(r"^[^\W_]+(?:['-][^\W_]+)*$")


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


def check_caption_form(rows, fname):
    bad = 0
    for r in rows:
        t = r["text"]
        if t != t.lower() or t != " ".join(t.split()) or not all(TOKEN_RE.match(w) for w in t.split()):
            bad += 1
            fail("%s %s: not lower-case unpunctuated caption text" % (fname, r["unit_id"]))
    print("%s: caption form (lower case, no punctuation): %d/%d units ok"
          % (fname, len(rows) - bad, len(rows)))


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
    none = [r for r in srows if not labels(r["topics"])]
    traps = [r for r in none if r["note"].startswith("synthetic; trap:")]
    topical = [r for r in srows if labels(r["topics"])]
    implicit = [r for r in topical if "no keyword" in r["note"]]
    print("no topic: %d (keyword traps %d, other %d); topical units stated without the obvious "
          "keyword: %d of %d" % (len(none), len(traps), len(none) - len(traps), len(implicit),
                                 len(topical)))
    if len(none) != N_CAP_NONE:
        fail("%s: %d units without topic, expected %d" % (CAP_FILE, len(none), N_CAP_NONE))
    if len(traps) < MIN_CAP_TRAPS:
        fail("%s: %d keyword traps, expected at least %d" % (CAP_FILE, len(traps), MIN_CAP_TRAPS))
    if 2 * len(implicit) < len(topical):
        fail("%s: fewer than half of the topical units are marked 'no keyword'" % CAP_FILE)

    # ---------------- territorial set ----------------
    tcols, trows = read(os.path.join(HERE, TERR_FILE))
    ref, _ = read(os.path.join(CAP9, "territorial9_units.csv"))  # header only
    if tcols != TERR_COLS or tcols != ref:
        fail("%s columns %r" % (TERR_FILE, tcols))
    v9.check_units(trows, "themes", THEMES, TERR_PREFIX, TERR_FILE, False, N_TERR)
    tnone = sum(1 for r in trows if not labels(r["themes"]))
    if tnone != N_TERR_NONE:
        fail("%s: %d units without theme, expected %d" % (TERR_FILE, tnone, N_TERR_NONE))
    for r in trows:
        if not r["note"].startswith("synthetic;"):
            fail("%s note does not start with 'synthetic;'" % r["unit_id"])

    # ---------------- caption form ----------------
    print()
    check_caption_form(srows, CAP_FILE)
    check_caption_form(trows, TERR_FILE)

    # ---------------- codes identical to the frozen drafts ----------------
    print()
    for fname, rows, field in ((CAP_FILE, srows, "topics"), (TERR_FILE, trows, "themes")):
        ok = fingerprint(rows, field) == FROZEN[fname]
        print("%s: labels and notes %s the frozen drafts" % (fname, "match" if ok else "DIFFER FROM"))
        if not ok:
            fail("%s: labels/notes changed since coding" % fname)

    # ---------------- 6-word overlap: within this folder, then with every other CSV ----------------
    seen = collections.Counter()
    for r in srows + trows:
        seen.update(grams(r["text"]))
    inner = sum(1 for n in seen.values() if n > 1)
    print("\n6-word sequences shared between two units of this folder: %d" % inner)
    if inner:
        fail("units of this folder share 6-word sequences")
    mine = set(seen)
    other = set()
    for f in others:
        for r in read(f)[1]:
            other |= grams(r.get("text") or "")
    shared = len(mine & other)
    print("6-word sequences shared by the synthetic units with the other sets' stored texts "
          "(%d files): %d" % (len(others), shared))
    if shared:
        fail("synthetic units share 6-word sequences with other sets")

    print("\n%s" % ("all checks passed" if not problems else "%d problem(s)" % len(problems)))
    return 0 if not problems else 1


if __name__ == "__main__":
    sys.exit(main())
