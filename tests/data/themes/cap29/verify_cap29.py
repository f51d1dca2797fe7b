#!/usr/bin/env python3
"""Check the twenty-ninth blind evaluation set (cap29_units.csv, territorial29_units.csv).

Standard library only.  Both files are synthetic (written by the coder) and are TEST ONLY:
every row has split `test` (there is no dev half).  Same checks as ../cap27/verify_cap27.py
(itself those of ../cap26/verify_cap26.py): columns (layout of ../cap9/cap9_synthetic_units.csv
and ../cap9/territorial9_units.csv), unit ids (oa001.. and ob001.. in order; the fixed
two-letter prefixes must not occur in any other file's id column, neither as a prefix nor as
the start of an id), `synthetic` labelling (source, empty start/end, note), anchors, word
counts 15-45 (rule of the first set), label ids (0-2 per unit, no duplicates), counts per
label, no-label share 15-25 %, every row `test`, expected numbers (170 / 40), no duplicate
texts, the ASR style of ../cap27 (lower case, no punctuation), a fingerprint of the frozen
labels and notes, and no 6-word sequence shared with the stored texts of every other CSV file
under ../ (all folders except this one; only a count is printed, the other texts are never
shown).

Changed for this set: the topic mix is weighted like long-form French YouTube interviews and
explainers about the economy and the world, so the per-topic range is 3-20 units for every
CAP topic (instead of 5-9), and the seven heavy topics (macroeconomics, domestic_commerce,
energy, international_affairs, defense, technology, foreign_trade) must each have 10-20 units.
Added checks: 10-15 two-topic CAP units; at least half of the topical CAP units noted
"no keyword"; every no-label unit of both files noted either as a keyword "trap" or as
procedure/small talk.  The filler list of the ASR-style check also counts "tu vois" and
"du coup".
Prints the counts per label.

Usage: python3 verify_cap29.py [--markdown]
Exit status 0 when all checks pass.
"""
import hashlib, os, sys

HERE = os.path.dirname(os.path.abspath(__file__))
THEMES_DIR = os.path.dirname(HERE)
CAP9 = os.path.join(THEMES_DIR, "cap9")
# Helpers of the ninth set's verifier (which takes its constants from ../cap3/verify_cap3.py),
# as in ../cap10/verify_cap10.py to ../cap27/verify_cap27.py.
sys.dont_write_bytecode = True  # do not leave __pycache__ in ../cap9, ../cap3 or ../cap
sys.path.insert(0, CAP9)
import verify_cap9 as v9  # noqa: E402
from verify_cap9 import (  # noqa: E402
    CAP_COLS, TERR_COLS, THEMES, TOPICS, collections, fail, grams, labels, problems, re, read,
)

CAP_FILE = "cap29_units.csv"
TERR_FILE = "territorial29_units.csv"
CAP_PREFIX, TERR_PREFIX = "oa", "ob"  # fixed: single free letters are exhausted
N_CAP, N_TERR = 170, 40
# check_units of verify_cap9 reads these module globals: set them for this set.
v9.MIN_PER_TOPIC, v9.MAX_PER_TOPIC, v9.MIN_PER_THEME = 3, 20, 3
HEAVY = ["macroeconomics", "domestic_commerce", "energy", "international_affairs", "defense",
         "technology", "foreign_trade"]
MIN_HEAVY, MAX_HEAVY = 10, 20
MIN_TWO, MAX_TWO = 10, 15
MIN_NO_KEYWORD_SHARE = 0.50
# SHA-256 of the sorted "labels<TAB>note" lines of the frozen drafts (taken before rewording).
FROZEN = {
    CAP_FILE: "6061da9c40594a0dbdb491de2594787c85595967d1af2e7acf6157a0db229353",
    TERR_FILE: "842d3d9ea9671465c647441800a45c1937c8523d66097e044a88013d7634bb6d",
}
# ASR style: letters/digits, apostrophe or hyphen only between two of them.
TOKEN_RE = re.compile(r"^[^\W_]+(?:['-][^\W_]+)*$")
FILLERS = re.compile(r"(?:^| )(?:euh|ben|bon|voilà|hein|en fait|tu vois|du coup)(?= |$)")
MIN_FILLER_SHARE = 0.20


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


def check_asr_style(rows, fname):
    """Lower case, no punctuation, apostrophe/hyphen only inside a word.  Returns the number of
    units holding a spoken filler."""
    bad = 0
    for r in rows:
        text = r["text"]
        toks = text.split()
        wrong = [t for t in toks if not TOKEN_RE.match(t)]
        if text != text.lower() or wrong or text != " ".join(toks):
            bad += 1
            fail("%s %s: not in ASR style (upper case, punctuation or spacing)%s"
                 % (fname, r["unit_id"], (": %s" % " ".join(wrong)) if wrong else ""))
    fill = sum(1 for r in rows if FILLERS.search(r["text"]))
    share = fill / len(rows)
    print("%s: ASR style (lower case, no punctuation): %d/%d units; with a spoken filler: %d "
          "(%.1f %%)" % (fname, len(rows) - bad, len(rows), fill, 100.0 * share))
    return fill


def check_mix(srows, trows):
    """Added for this set: heavy topics, two-topic units, 'no keyword' share, no-label notes."""
    cnt = collections.Counter(l for r in srows for l in labels(r["topics"]))
    for t in HEAVY:
        if not MIN_HEAVY <= cnt[t] <= MAX_HEAVY:
            fail("%s: heavy topic %s has %d units (expected %d-%d)"
                 % (CAP_FILE, t, cnt[t], MIN_HEAVY, MAX_HEAVY))
    print("heavy topics (%d-%d units each): %s" % (MIN_HEAVY, MAX_HEAVY,
          " ".join("%s=%d" % (t, cnt[t]) for t in HEAVY)))
    two = sum(1 for r in srows if len(labels(r["topics"])) == 2)
    print("two-topic CAP units: %d (expected %d-%d)" % (two, MIN_TWO, MAX_TWO))
    if not MIN_TWO <= two <= MAX_TWO:
        fail("%s: %d two-topic units" % (CAP_FILE, two))
    top = [r for r in srows if labels(r["topics"])]
    nk = sum(1 for r in top if "no keyword" in r["note"])
    print("topical CAP units noted 'no keyword': %d of %d (%.1f %%, at least %d %% required)"
          % (nk, len(top), 100.0 * nk / len(top), round(100 * MIN_NO_KEYWORD_SHARE)))
    if nk < MIN_NO_KEYWORD_SHARE * len(top):
        fail("%s: too few 'no keyword' units" % CAP_FILE)
    for fname, rows, field in ((CAP_FILE, srows, "topics"), (TERR_FILE, trows, "themes")):
        none = [r for r in rows if not labels(r[field])]
        traps = [r for r in none if "trap" in r["note"]]
        proc = [r for r in none if "trap" not in r["note"]
                and re.search(r"no (topic|theme) \((procedure|small talk)\)", r["note"])]
        print("%s: no-label units %d = %d keyword traps + %d procedure/small talk"
              % (fname, len(none), len(traps), len(proc)))
        if len(traps) + len(proc) != len(none):
            fail("%s: a no-label unit is noted neither as trap nor as procedure" % fname)


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

    # ---------------- topic mix of this set (added) ----------------
    print()
    check_mix(srows, trows)

    # ---------------- ASR style ----------------
    print()
    fill = check_asr_style(srows, CAP_FILE) + check_asr_style(trows, TERR_FILE)
    share = fill / (len(srows) + len(trows))
    print("units with a spoken filler, both files: %d (%.1f %%, at least %d %% required)"
          % (fill, 100.0 * share, round(100 * MIN_FILLER_SHARE)))
    if share < MIN_FILLER_SHARE:
        fail("only %.1f %% of the units contain a filler" % (100.0 * share))

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
