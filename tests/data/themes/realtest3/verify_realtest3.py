#!/usr/bin/env python3
"""Check the real-caption TEST set realtest3_units.csv (split = test only).

Standard library only.  Checks columns (same as ../realtest2/realtest2_units.csv),
ids rx001..rx200 and that no other CSV under tests/data/themes/ uses the prefix
'rx' (only their unit_id column is read; files without one are listed), sources and
allocation, text (empty for the Thinkerview VTT and whisper JSON files whose
licence is unknown; equal to the caption words for the Unlicense BDX I/O SRT files),
split, notes (start with 'real;', no run of 5 caption words copied), labels (0-2
valid CAP topics); re-extracts every unit (VTT/JSON with ../cap/extract_units.py,
SRT with ../realtest/realtest_windows.py): anchors must match, 15-45 words; checks
that no unit overlaps another unit of this set or lies within 5 s of a window of any
other CSV file under tests/data/themes/ (same talk; timed rows and 'cues A-B' rows;
only their source/start/end columns are read); re-runs the fixed pseudo-random window
selection and checks that it yields exactly the stored windows; checks the frozen
fingerprint of the codes (FROZEN.sha256); prints counts per topic and the no-topic
count.

Usage: python3 verify_realtest3.py [--corpus /work/shared/corpus]
Exit status 0 when all checks pass.
"""
import argparse, collections, csv, glob, hashlib, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import realtest3_windows as w  # noqa: E402

ex = w.ex
THEMES_DIR = w.THEMES_DIR
CSV_PATH = os.path.join(HERE, "realtest3_units.csv")
FROZEN = os.path.join(HERE, "FROZEN.sha256")
PREFIX = "rx"
TOPICS = ["macroeconomics", "civil_rights", "health", "agriculture", "labor",
          "education", "environment", "energy", "immigration", "transportation",
          "law_crime", "social_welfare", "housing", "domestic_commerce", "defense",
          "technology", "foreign_trade", "international_affairs",
          "government_operations", "public_lands", "culture"]
COLS = ["unit_id", "source", "start", "end", "text", "anchor_first",
        "anchor_last", "topics", "note", "split"]
GROUPS = [("energy", ["JiL-IEDFd6Y.fr-orig.vtt"]), ("econ", ["q3KU2-L0cv4.fr-orig.vtt"]),
          ("financ", ["WyTQlf2rijs.fr-orig.vtt"]), ("bdx", list(w.BDX)), ("radio", [w.RADIO])]

problems = []


def fail(msg):
    problems.append(msg)
    print("FAIL", msg)


def labels(field):
    return [x for x in field.split(";") if x] if field else []


def canon(rows):
    return "".join("%s\t%s\t%s\t%s\t%s\n" % (r["unit_id"], r["source"], r["start"],
                                           r["end"], r["topics"]) for r in rows)


def other_id_prefixes():
    """Two-letter prefixes of the unit_id column of the other CSV files; files
    without a unit_id column are returned separately (no other column is read)."""
    out, skipped = collections.Counter(), []
    for f in sorted(glob.glob(os.path.join(THEMES_DIR, "**", "*.csv"), recursive=True)):
        if os.path.abspath(os.path.dirname(f)) == HERE:
            continue
        with open(f, encoding="utf-8", newline="") as fh:
            rd = csv.DictReader(fh)
            if "unit_id" not in (rd.fieldnames or []):
                skipped.append(os.path.relpath(f, THEMES_DIR))
                continue
            for r in rd:
                out[(r["unit_id"] or "")[:2].lower()] += 1
    return out, skipped


def _alnum_words(s):
    return [t for t in re.findall(r"\w+", s.lower())]


def copies_caption(note, toks, n=5):
    """True if the note contains n consecutive caption words of its window."""
    cap = _alnum_words(" ".join(toks))
    grams = {tuple(cap[k:k + n]) for k in range(len(cap) - n + 1)}
    nw = _alnum_words(note)
    return any(tuple(nw[k:k + n]) in grams for k in range(len(nw) - n + 1))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default=w.DEFAULT_CORPUS)
    args = ap.parse_args()

    with open(CSV_PATH, encoding="utf-8", newline="") as fh:
        rd = csv.DictReader(fh)
        cols, rows = rd.fieldnames, list(rd)
    with open(os.path.join(THEMES_DIR, "realtest2", "realtest2_units.csv"),
              encoding="utf-8", newline="") as fh:
        ref_cols = next(csv.reader(fh))  # header only
    if cols != COLS or cols != ref_cols:
        fail("columns %r" % cols)
    n_total = sum(n for _, n, _ in w.PLAN)
    if [r["unit_id"] for r in rows] != ["%s%03d" % (PREFIX, i + 1) for i in range(len(rows))]:
        fail("unit ids are not %s001..%s%03d in order" % (PREFIX, PREFIX, len(rows)))
    if len(rows) != n_total:
        fail("%d units (expected %d)" % (len(rows), n_total))
    pref, skipped = other_id_prefixes()
    if pref[PREFIX]:
        fail("prefix %r also used by %d ids of other CSV files" % (PREFIX, pref[PREFIX]))
    n_read = len([f for f in glob.glob(os.path.join(THEMES_DIR, "**", "*.csv"), recursive=True)
                  if os.path.abspath(os.path.dirname(f)) != HERE]) - len(skipped)
    print("id prefix %r: used by %d ids of other CSV files (unit_id column of %d files read; "
          "files without a unit_id column, not read: %s)"
          % (PREFIX, pref[PREFIX], n_read, ", ".join(skipped) or "none"))
    per_src = collections.Counter(r["source"] for r in rows)
    plan_src = [p[0] for p in w.PLAN]
    for s, n, _ in w.PLAN:
        if per_src[s] != n:
            fail("%s: %d units (expected %d)" % (s, per_src[s], n))
    for s in per_src:
        if s not in plan_src:
            fail("unexpected source %s" % s)
    order = [(plan_src.index(r["source"]), float(r["start"])) for r in rows]
    if order != sorted(order):
        fail("rows are not in plan order / time order within a source")

    n_ok, nwords = 0, []
    for r in rows:
        bad = []
        s, e = float(r["start"]), float(r["end"])
        toks = w.extract(r["source"], s, e, args.corpus)
        if r["source"].endswith((".vtt", ".json")):
            if r["text"] != "":
                bad.append("text must be empty (licence unknown)")
        elif r["text"] != " ".join(toks):
            bad.append("stored text differs from the caption words")
        if r["split"] != "test":
            bad.append("split %r (expected test)" % r["split"])
        if not r["note"].startswith("real;"):
            bad.append("note does not start with 'real;'")
        if copies_caption(r["note"], toks):
            bad.append("note copies 5 consecutive caption words")
        labs = labels(r["topics"])
        if len(labs) > 2 or len(set(labs)) != len(labs) or any(l not in TOPICS for l in labs):
            bad.append("topics %r" % r["topics"])
        if not s < e:
            bad.append("start >= end")
        n = ex.word_count(toks)
        nwords.append(n)
        if not 15 <= n <= 45:
            bad.append("%d words (expected 15-45)" % n)
        if ex.norm(" ".join(toks[:3])) != ex.norm(r["anchor_first"]):
            bad.append("anchor_first mismatch")
        if ex.norm(" ".join(toks[-3:])) != ex.norm(r["anchor_last"]):
            bad.append("anchor_last mismatch")
        if bad:
            fail("%s: %s" % (r["unit_id"], "; ".join(bad)))
        else:
            n_ok += 1
    print("units: %d, re-extracted with matching anchors/text and 15-45 words: %d" % (len(rows), n_ok))
    print("words per unit: min %d, max %d, mean %.1f" % (min(nwords), max(nwords),
                                                        sum(nwords) / len(nwords)))

    others = w.other_windows(corpus=args.corpus)
    files = collections.Counter(f for f, _, _, _ in others)
    n_ov, n_near = 0, 0
    min_gap = float("inf")
    for r in rows:
        s, e = float(r["start"]), float(r["end"])
        key = w.talk_key(r["source"])
        for f, src, a, b in others:
            if w.talk_key(src) != key:
                continue
            gap = max(a - e, s - b)  # < 0 means overlap
            min_gap = min(min_gap, gap)
            if gap < 0:
                fail("%s overlaps a window of %s [%s, %s)" % (r["unit_id"], f, a, b))
                n_ov += 1
            elif gap < w.BUFFER:
                fail("%s lies %.2f s from a window of %s" % (r["unit_id"], gap, f))
                n_near += 1
    by_src = collections.defaultdict(list)
    for r in rows:
        by_src[r["source"]].append((float(r["start"]), float(r["end"]), r["unit_id"]))
    for lst in by_src.values():
        lst.sort()
        for (a1, b1, u1), (a2, b2, u2) in zip(lst, lst[1:]):
            if a2 < b1:
                fail("%s overlaps %s" % (u1, u2))
                n_ov += 1
    print("other CSV files with locatable windows: %d (%d windows): %s"
          % (len(files), len(others), ", ".join("%s %d" % kv for kv in sorted(files.items()))))
    unloc = w.unlocatable_rows()
    print("rows of other CSVs naming a caption file without time or cue numbers "
          "(cannot be excluded): %d (%s)" % (sum(unloc.values()), ", ".join(
              "%s:%s %d" % (f, s[:30], n) for (f, s), n in sorted(unloc.items())) or "none"))
    print("overlaps: %d; within %.0f s: %d; smallest gap to another set: %.2f s"
          % (n_ov, w.BUFFER, n_near, min_gap))

    n_rep = 0
    for src, seed, wins, missing in w.select_all(args.corpus):
        stored = sorted((float(r["start"]), float(r["end"])) for r in rows if r["source"] == src)
        same = sum(1 for x, y in zip(wins, stored)
                   if abs(x[0] - y[0]) < 1e-6 and abs(x[1] - y[1]) < 1e-6)
        n_rep += same
        if len(wins) != len(stored) or same != len(stored):
            fail("%s: selection (random.Random(%d)) reproduces %d of %d windows"
                 % (src, seed, same, len(stored)))
        words = w.load_words(src, args.corpus)
        print("  %-40.40s seed %d  span %7.1f-%7.1f s  units %2d  (strata refilled: %d)"
              % (src, seed, words[0][0], words[-1][0], len(stored), missing))
    print("windows reproduced by the selection procedure: %d/%d" % (n_rep, len(rows)))

    with open(FROZEN, encoding="utf-8") as fh:
        frozen = fh.read().split()[0]
    digest = hashlib.sha256(canon(rows).encode("utf-8")).hexdigest()
    if digest != frozen:
        fail("codes changed since freezing: %s != %s" % (digest, frozen))
    print("frozen fingerprint: %s (%s)" % (digest, "matches" if digest == frozen else "MISMATCH"))

    cnt = collections.Counter()
    cnt_g = collections.defaultdict(collections.Counter)
    n_g = collections.Counter()
    for r in rows:
        labs = labels(r["topics"]) or ["(none)"]
        cnt.update(labs)
        g = [n for n, srcs in GROUPS if r["source"] in srcs][0]
        cnt_g[g].update(labs)
        n_g[g] += 1
    print("\n%-24s %s %6s" % ("CAP topic", " ".join("%6s" % n for n, _ in GROUPS), "total"))
    for n in TOPICS + ["(none)"]:
        print("%-24s %s %6d" % (n, " ".join("%6d" % cnt_g[g][n] for g, _ in GROUPS), cnt[n]))
    print("%-24s %s %6d" % ("units", " ".join("%6d" % n_g[g] for g, _ in GROUPS), len(rows)))
    nlab = collections.Counter(len(labels(r["topics"])) for r in rows)
    print("units: %d (all test); labels per unit: 0=%d 1=%d 2=%d; no-topic: %d (%.1f %%)"
          % (len(rows), nlab[0], nlab[1], nlab[2], nlab[0], 100.0 * nlab[0] / len(rows)))
    print("no-topic per source group: %s" % ", ".join(
        "%s %d/%d" % (g, cnt_g[g]["(none)"], n_g[g]) for g, _ in GROUPS))
    print("topics present: %d of %d; absent: %s" % (
        sum(1 for n in TOPICS if cnt[n]), len(TOPICS),
        ", ".join(n for n in TOPICS if not cnt[n]) or "none"))

    print("\n%s" % ("all checks passed" if not problems else "%d problem(s)" % len(problems)))
    return 0 if not problems else 1


if __name__ == "__main__":
    sys.exit(main())
