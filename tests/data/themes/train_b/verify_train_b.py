#!/usr/bin/env python3
"""Check the train_b TRAINING set (train_b_units.csv, train_b_territorial_units.csv).

Standard library only; self-contained (the constants below are copied from
../cap3/verify_cap3.py, the word-count rule is the one of ../cap/README.md).

Checks: columns (same header as ../cap9/cap9_synthetic_units.csv and
../cap9/territorial9_units.csv), unit ids (ya001..ya250, yb001..yb150, in order, not used as
ids in any other CSV file under tests/data/themes/), `synthetic` labelling (source, empty
start/end, note prefix), anchors = first/last three tokens, label ids (0-2 per unit, no
duplicate, all in the codebook), word counts 15-45, every row `dev`, 9-14 units per CAP
topic, 50 CAP units without topic (25 traps), territorial themes 10-16 units each and
20-40 units without theme, no duplicate text, and no 6-word sequence shared with the
`text` column of any other CSV file under tests/data/themes/ (any folder except this one,
including folders added later). For overlaps only this set's own matching words are printed;
the other files' texts are never shown.

Usage: python3 verify_train_b.py [--markdown]
Exit status 0 when all checks pass.
"""
import collections, csv, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
THEMES_DIR = os.path.dirname(HERE)
CAP9 = os.path.join(THEMES_DIR, "cap9")

TOPICS = ["macroeconomics", "civil_rights", "health", "agriculture", "labor",
          "education", "environment", "energy", "immigration", "transportation",
          "law_crime", "social_welfare", "housing", "domestic_commerce", "defense",
          "technology", "foreign_trade", "international_affairs",
          "government_operations", "public_lands", "culture"]
THEMES = ["cooperation", "trust_time", "listening_participation", "democratic_crisis",
          "state_role", "local_officials", "shared_governance", "ecological_transition",
          "social_ties", "circular_economy", "experimentation", "representativeness"]
CAP_COLS = ["unit_id", "source", "start", "end", "text", "anchor_first",
            "anchor_last", "topics", "note", "split"]
TERR_COLS = ["unit_id", "text", "themes", "note", "split"]

CAP_FILE, TERR_FILE = "train_b_units.csv", "train_b_territorial_units.csv"
CAP_PREFIX, TERR_PREFIX = "ya", "yb"
N_CAP, N_TERR = 250, 150
CAP_RANGE = (9, 14)          # units per CAP topic (a two-topic unit counts once per topic)
CAP_NONE, CAP_TRAPS = 50, 25
TERR_RANGE = (10, 16)        # units per territorial theme
TERR_NONE_RANGE = (20, 40)
MARKDOWN = "--markdown" in sys.argv[1:]

problems = []
csv.field_size_limit(10 ** 8)


def fail(msg):
    problems.append(msg)
    print("FAIL", msg)


def read(path):
    with open(path, encoding="utf-8", newline="") as fh:
        rd = csv.DictReader(fh)
        return rd.fieldnames, list(rd)


def header(path):
    with open(path, encoding="utf-8", newline="") as fh:
        return next(csv.reader(fh))


def labels(field):
    return [x for x in field.split(";") if x] if field else []


def word_count(tokens):
    """Rule of the first set: whitespace tokens holding at least one letter or digit."""
    return sum(1 for t in tokens if re.search(r"[^\W_]", t))


def grams(text):
    w = re.findall(r"\w+", text.lower())
    return [tuple(w[i:i + 6]) for i in range(len(w) - 5)]


def other_csv_files():
    out = []
    for root, dirs, files in os.walk(THEMES_DIR):
        dirs.sort()
        if os.path.abspath(root) == HERE:
            continue
        out += [os.path.join(root, f) for f in sorted(files) if f.endswith(".csv")]
    return out


def check_units(rows, field, names, prefix, fname, cap_layout, n_expected):
    if len(rows) != n_expected:
        fail("%s: %d units, expected %d" % (fname, len(rows), n_expected))
    if [r["unit_id"] for r in rows] != ["%s%03d" % (prefix, i + 1) for i in range(len(rows))]:
        fail("%s: ids are not %s001.. in order" % (fname, prefix))
    texts = collections.Counter(" ".join(r["text"].split()).lower() for r in rows)
    for t, n in texts.items():
        if n > 1:
            fail("%s: duplicate text (%d times): %s" % (fname, n, t[:60]))
    wcs = []
    for r in rows:
        uid = r["unit_id"]
        labs = labels(r[field])
        if len(labs) > 2 or len(set(labs)) != len(labs) or any(l not in names for l in labs):
            fail("%s %s %r" % (uid, field, r[field]))
        if not r["note"].startswith("synthetic;"):
            fail("%s note does not start with 'synthetic;'" % uid)
        if not labs and not re.match(r"synthetic; (trap|no (topic|theme)):", r["note"]):
            fail("%s: unlabelled unit without 'trap:'/'no topic:' note" % uid)
        toks = r["text"].split()
        n = word_count(toks)
        wcs.append(n)
        if not 15 <= n <= 45:
            fail("%s %d words" % (uid, n))
        if r["split"] != "dev":
            fail("%s split %r (training set: dev only)" % (uid, r["split"]))
        if cap_layout:
            if r["source"] != "synthetic" or r["start"] or r["end"]:
                fail("%s not labelled synthetic" % uid)
            if " ".join(toks[:3]) != r["anchor_first"] or " ".join(toks[-3:]) != r["anchor_last"]:
                fail("%s anchors do not match text" % uid)
    cnt = collections.Counter(l for r in rows for l in labels(r[field]))
    lo, hi = CAP_RANGE if cap_layout else TERR_RANGE
    for n in names:
        if not lo <= cnt[n] <= hi:
            fail("%s: %s has %d units (expected %d-%d)" % (fname, n, cnt[n], lo, hi))
    nlab = collections.Counter(len(labels(r[field])) for r in rows)
    traps = sum(1 for r in rows if not labels(r[field]) and r["note"].startswith("synthetic; trap:"))
    if cap_layout:
        if nlab[0] != CAP_NONE or traps != CAP_TRAPS:
            fail("%s: %d units without topic (%d traps), expected %d (%d)"
                 % (fname, nlab[0], traps, CAP_NONE, CAP_TRAPS))
    elif not TERR_NONE_RANGE[0] <= nlab[0] <= TERR_NONE_RANGE[1]:
        fail("%s: %d units without theme" % (fname, nlab[0]))
    if MARKDOWN:
        print("\n| label | dev |\n|---|---:|")
        for n in names:
            print("| %s | %d |" % (n, cnt[n]))
        print("| (none) | %d |" % nlab[0])
    else:
        print("\n%-24s %6s" % (fname, "dev"))
        for n in names:
            print("%-24s %6d" % (n, cnt[n]))
        print("%-24s %6d" % ("(none)", nlab[0]))
    print("units: %d (all dev, synthetic); labels per unit: 0=%d 1=%d 2=%d; no label: %.1f %% "
          "(keyword traps among them: %d); words per unit: %d-%d (mean %.1f)"
          % (len(rows), nlab[0], nlab[1], nlab[2], 100.0 * nlab[0] / max(1, len(rows)), traps,
             min(wcs), max(wcs), sum(wcs) / max(1, len(wcs))))


def main():
    # ---------------- CAP set ----------------
    scols, srows = read(os.path.join(HERE, CAP_FILE))
    if scols != CAP_COLS or scols != header(os.path.join(CAP9, "cap9_synthetic_units.csv")):
        fail("%s columns %r" % (CAP_FILE, scols))
    check_units(srows, "topics", TOPICS, CAP_PREFIX, CAP_FILE, True, N_CAP)

    # ---------------- territorial set ----------------
    tcols, trows = read(os.path.join(HERE, TERR_FILE))
    if tcols != TERR_COLS or tcols != header(os.path.join(CAP9, "territorial9_units.csv")):
        fail("%s columns %r" % (TERR_FILE, tcols))
    check_units(trows, "themes", THEMES, TERR_PREFIX, TERR_FILE, False, N_TERR)

    # ---------------- other files: ids and 6-word overlap ----------------
    files = other_csv_files()
    mine_ids = {r["unit_id"] for r in srows + trows}
    other = set()
    clash = set()
    for f in files:
        _, rows = read(f)
        for r in rows:
            for c in ("unit_id", "sentence_id"):
                if r.get(c) in mine_ids:
                    clash.add(r[c])
            other.update(grams(r.get("text") or ""))
    if clash:
        fail("ids also used in other files: %s" % " ".join(sorted(clash)))
    n_shared = 0
    for r in srows + trows:
        m = [" ".join(g) for g in grams(r["text"]) if g in other]
        if m:
            n_shared += len(m)
            print("OVERLAP %s: %s" % (r["unit_id"], " | ".join(m)))
    print("\nother CSV files under tests/data/themes/: %d; 6-word sequences shared with their "
          "texts: %d" % (len(files), n_shared))
    if n_shared:
        fail("units share 6-word sequences with other files")

    print("\n%s" % ("all checks passed" if not problems else "%d problem(s)" % len(problems)))
    return 0 if not problems else 1


if __name__ == "__main__":
    sys.exit(main())
