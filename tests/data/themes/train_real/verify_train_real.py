#!/usr/bin/env python3
"""Check the real-caption TRAINING set train_real_units.csv (split = dev only).

Standard library only.  Checks columns (same as ../cap7/cap7_units.csv), ids
ra001..ra240, sources (80 units per Thinkerview debate), empty text, split,
notes, labels (0-2 valid CAP topics), re-extracts every unit with
../cap/extract_units.py (anchors must match, 15-45 words), checks that no unit
overlaps another unit of this set or any timed window of the other CSV files
under tests/data/themes/ (only their source/start/end columns are read), re-runs
the fixed pseudo-random window selection and checks that it yields exactly the
stored windows, then prints the counts per label and the share of no-topic units.

Usage: python3 verify_train_real.py [--corpus /work/shared/corpus]
Exit status 0 when all checks pass.
"""
import argparse, collections, csv, glob, importlib.util, os, random, sys

HERE = os.path.dirname(os.path.abspath(__file__))
THEMES_DIR = os.path.dirname(HERE)
CSV_PATH = os.path.join(HERE, "train_real_units.csv")

spec = importlib.util.spec_from_file_location(
    "extract_units", os.path.join(THEMES_DIR, "cap", "extract_units.py"))
ex = importlib.util.module_from_spec(spec)
spec.loader.exec_module(ex)

TOPICS = ["macroeconomics", "civil_rights", "health", "agriculture", "labor",
          "education", "environment", "energy", "immigration", "transportation",
          "law_crime", "social_welfare", "housing", "domestic_commerce", "defense",
          "technology", "foreign_trade", "international_affairs",
          "government_operations", "public_lands", "culture"]
COLS = ["unit_id", "source", "start", "end", "text", "anchor_first",
        "anchor_last", "topics", "note", "split"]
# debate -> seed of its random.Random (77, 78, 79)
SOURCES = ["JiL-IEDFd6Y.fr-orig.vtt", "q3KU2-L0cv4.fr-orig.vtt", "WyTQlf2rijs.fr-orig.vtt"]
PER_SOURCE = 80
BASE_SEED = 77

problems = []


def fail(msg):
    problems.append(msg)
    print("FAIL", msg)


def labels(field):
    return [x for x in field.split(";") if x] if field else []


def other_windows():
    """(file, source, start, end) of every timed unit of the other CSV files;
    only the source/start/end columns are read."""
    out = []
    for f in sorted(glob.glob(os.path.join(THEMES_DIR, "**", "*.csv"), recursive=True)):
        if os.path.abspath(os.path.dirname(f)) == HERE:
            continue
        with open(f, encoding="utf-8", newline="") as fh:
            rd = csv.DictReader(fh)
            if not {"source", "start", "end"} <= set(rd.fieldnames or []):
                continue
            for r in rd:
                if (r["start"] or "").strip() and (r["end"] or "").strip():
                    out.append((os.path.relpath(f, THEMES_DIR), r["source"],
                                float(r["start"]), float(r["end"])))
    return out


def select_windows(source, seed, excluded, corpus):
    """The fixed procedure that chose the windows of one debate.

    The span between the first and last caption word is cut into 80 equal
    strata; in each stratum a random.Random(seed) draws a start word (among the
    words timed in the stratum) and a length of 18-40 caption tokens, and the
    first draw that passes the rules is kept: boundaries half-way between two
    different word times, re-extraction gives exactly those tokens, 15-45
    words, no overlap with an excluded window or an already chosen one."""
    rng = random.Random(seed)
    words = ex.load_words(source, corpus)
    times = [t for t, _ in words]
    t0, t1 = times[0], times[-1]
    step = (t1 - t0) / PER_SOURCE
    chosen = []
    for k in range(PER_SOURCE):
        lo, hi = t0 + k * step, t0 + (k + 1) * step
        idxs = [i for i, t in enumerate(times) if lo <= t < hi]
        for _ in range(1000):
            i = rng.choice(idxs)
            j = i + rng.randint(18, 40) - 1
            if i == 0 or j + 1 >= len(words):
                continue
            if times[i - 1] == times[i] or times[j] == times[j + 1]:
                continue
            s = round((times[i - 1] + times[i]) / 2, 3)
            e = round((times[j] + times[j + 1]) / 2, 3)
            if not (times[i - 1] < s <= times[i] and times[j] < e <= times[j + 1]):
                continue
            toks = ex.extract(source, s, e, corpus)
            if toks != [w for _, w in words[i:j + 1]]:
                continue
            if not 15 <= ex.word_count(toks) <= 45:
                continue
            if any(max(a, s) < min(b, e) for a, b in excluded + chosen):
                continue
            chosen.append((s, e))
            break
    return chosen


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default=ex.DEFAULT_CORPUS)
    args = ap.parse_args()

    with open(CSV_PATH, encoding="utf-8", newline="") as fh:
        rd = csv.DictReader(fh)
        cols, rows = rd.fieldnames, list(rd)
    with open(os.path.join(THEMES_DIR, "cap7", "cap7_units.csv"), encoding="utf-8", newline="") as fh:
        ref_cols = csv.DictReader(fh).fieldnames
    if cols != COLS or cols != ref_cols:
        fail("columns %r" % cols)
    if [r["unit_id"] for r in rows] != ["ra%03d" % (i + 1) for i in range(len(rows))]:
        fail("unit ids are not ra001..ra%03d in order" % len(rows))
    if len(rows) != PER_SOURCE * len(SOURCES):
        fail("%d units (expected %d)" % (len(rows), PER_SOURCE * len(SOURCES)))
    per_src = collections.Counter(r["source"] for r in rows)
    for s in SOURCES:
        if per_src[s] != PER_SOURCE:
            fail("%s: %d units (expected %d)" % (s, per_src[s], PER_SOURCE))
    for s in per_src:
        if s not in SOURCES:
            fail("unexpected source %s" % s)

    # per-unit checks + re-extraction
    n_ok = 0
    nwords = []
    for r in rows:
        uid = r["unit_id"]
        bad = []
        if r["text"] != "":
            bad.append("text must be empty (licence unknown)")
        if r["split"] != "dev":
            bad.append("split %r (expected dev)" % r["split"])
        if not r["note"].startswith("real;"):
            bad.append("note does not start with 'real;'")
        labs = labels(r["topics"])
        if len(labs) > 2 or len(set(labs)) != len(labs) or any(l not in TOPICS for l in labs):
            bad.append("topics %r" % r["topics"])
        s, e = float(r["start"]), float(r["end"])
        if not s < e:
            bad.append("start >= end")
        toks = ex.extract(r["source"], s, e, args.corpus)
        n = ex.word_count(toks)
        nwords.append(n)
        if not 15 <= n <= 45:
            bad.append("%d words (expected 15-45)" % n)
        if ex.norm(" ".join(toks[:3])) != ex.norm(r["anchor_first"]):
            bad.append("anchor_first %r != %r" % (r["anchor_first"], " ".join(toks[:3])))
        if ex.norm(" ".join(toks[-3:])) != ex.norm(r["anchor_last"]):
            bad.append("anchor_last %r != %r" % (r["anchor_last"], " ".join(toks[-3:])))
        if bad:
            fail("%s: %s" % (uid, "; ".join(bad)))
        else:
            n_ok += 1
    print("units: %d, re-extracted with matching anchors and 15-45 words: %d" % (len(rows), n_ok))
    print("words per unit: min %d, max %d, mean %.1f" % (min(nwords), max(nwords),
                                                        sum(nwords) / len(nwords)))

    # overlaps: within the set and with every other CSV file
    others = other_windows()
    files = sorted({f for f, _, _, _ in others})
    n_ov = 0
    for r in rows:
        s, e = float(r["start"]), float(r["end"])
        for f, src, a, b in others:
            if src == r["source"] and max(a, s) < min(b, e):
                fail("%s overlaps a window of %s [%s, %s)" % (r["unit_id"], f, a, b))
                n_ov += 1
    by_src = collections.defaultdict(list)
    for r in rows:
        by_src[r["source"]].append((float(r["start"]), float(r["end"]), r["unit_id"]))
    for lst in by_src.values():
        lst.sort()
        for (a1, b1, u1), (a2, b2, u2) in zip(lst, lst[1:]):
            if a2 < b1:
                fail("%s overlaps %s" % (u1, u2))
                n_ov += 1
    print("other CSV files with timed windows: %d (%d windows); overlaps: %d"
          % (len(files), len(others), n_ov))

    # the fixed selection procedure reproduces the stored windows
    n_rep = 0
    for k, src in enumerate(SOURCES):
        excluded = [(a, b) for _, s2, a, b in others if s2 == src]
        sel = select_windows(src, BASE_SEED + k, excluded, args.corpus)
        stored = [(float(r["start"]), float(r["end"])) for r in rows if r["source"] == src]
        same = sum(1 for x, y in zip(sel, stored) if abs(x[0] - y[0]) < 1e-6 and abs(x[1] - y[1]) < 1e-6)
        n_rep += same
        if len(sel) != len(stored) or same != len(stored):
            fail("%s: selection procedure (random.Random(%d)) reproduces %d of %d windows"
                 % (src, BASE_SEED + k, same, len(stored)))
        words = ex.load_words(src, args.corpus)
        print("  %-26s seed %d  span %7.1f-%7.1f s  units %d" % (
            src, BASE_SEED + k, words[0][0], words[-1][0], len(stored)))
    print("windows reproduced by the selection procedure: %d/%d" % (n_rep, len(rows)))

    # counts per label
    cnt = collections.Counter()
    cnt_src = collections.defaultdict(collections.Counter)
    for r in rows:
        labs = labels(r["topics"]) or ["(none)"]
        cnt.update(labs)
        cnt_src[r["source"]].update(labs)
    print("\n%-24s %6s %6s %6s %6s" % ("CAP topic", "energy", "econ", "financ", "total"))
    for n in TOPICS + ["(none)"]:
        print("%-24s %6d %6d %6d %6d" % (n, cnt_src[SOURCES[0]][n], cnt_src[SOURCES[1]][n],
                                         cnt_src[SOURCES[2]][n], cnt[n]))
    nlab = collections.Counter(len(labels(r["topics"])) for r in rows)
    print("units: %d (all dev); labels per unit: 0=%d 1=%d 2=%d; no-topic share: %.1f %%"
          % (len(rows), nlab[0], nlab[1], nlab[2], 100.0 * nlab[0] / len(rows)))
    present = [n for n in TOPICS if cnt[n]]
    print("topics present: %d of %d; absent: %s" % (len(present), len(TOPICS),
          ", ".join(n for n in TOPICS if not cnt[n]) or "none"))

    print("\n%s" % ("all checks passed" if not problems else "%d problem(s)" % len(problems)))
    return 0 if not problems else 1


if __name__ == "__main__":
    sys.exit(main())
