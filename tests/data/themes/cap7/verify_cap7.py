#!/usr/bin/env python3
"""Check the seventh blind evaluation set (cap7_units.csv, territorial7_units.csv).

Standard library only.  TEST ONLY: every row has split `test`.  cap7_units.csv mixes REAL
units (Thinkerview captions: text not stored, rebuilt by ../cap/extract_units.py; BDX I/O
captions: text stored, re-read from the SRT files) and SYNTHETIC units (source `synthetic`).
Checks: columns (layout of ../cap6), ids (e001.. / f001.. in order; prefixes unused in every
earlier file's id column), anchors, word counts 15-45 (rule of the first set), label ids
(0-2 per unit), >= 5 units per CAP topic and >= 3 per territorial theme, no-label share
15-25 %, expected numbers (126 / 40), no duplicate texts; real units: no whisper files,
>= 30 s from every unit of the earlier sets that carries times (both versions of a BDX I/O
talk are one talk), no overlap between cap7 units; 6-word sequences shared between the
synthetic texts and the earlier sets' stored texts (count only, earlier texts never shown).

Usage: python3 verify_cap7.py [--corpus /work/shared/corpus]
Exit status 0 when all checks pass.
"""
import argparse, collections, glob, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
THEMES_DIR = os.path.dirname(HERE)
CAP3 = os.path.join(THEMES_DIR, "cap3")
CAP6 = os.path.join(THEMES_DIR, "cap6")
sys.dont_write_bytecode = True  # do not leave __pycache__ in ../cap3 or ../cap
sys.path.insert(0, CAP3)
from verify_cap3 import (  # noqa: E402
    CAP_COLS, MIN_GAP, TERR_COLS, THEMES, TOPICS, ex, fail, labels, problems, read,
    srt_cues, talk,
)

CAP_FILE = "cap7_units.csv"
TERR_FILE = "territorial7_units.csv"
CAP_PREFIX, TERR_PREFIX = "e", "f"
N_CAP, N_TERR = 126, 40
MIN_PER_TOPIC, MIN_PER_THEME = 5, 3


def earlier_files():
    files = sorted(glob.glob(os.path.join(THEMES_DIR, "*.csv")) +
                   glob.glob(os.path.join(THEMES_DIR, "cap*", "*.csv")))
    return [f for f in files if os.path.dirname(os.path.abspath(f)) != HERE]


def grams(text):
    w = re.findall(r"\w+", text.lower())
    return {tuple(w[i:i + 6]) for i in range(len(w) - 5)}


def check_common(rows, field, names, prefix, fname, n_expected, min_per):
    if len(rows) != n_expected:
        fail("%s: %d units, expected %d" % (fname, len(rows), n_expected))
    if [r["unit_id"] for r in rows] != ["%s%03d" % (prefix, i + 1) for i in range(len(rows))]:
        fail("%s: ids are not %s001.. in order" % (fname, prefix))
    for r in rows:
        labs = labels(r[field])
        if len(labs) > 2 or len(set(labs)) != len(labs) or any(l not in names for l in labs):
            fail("%s %s %r" % (r["unit_id"], field, r[field]))
        if r["split"] != "test":
            fail("%s split %r (this set is test only)" % (r["unit_id"], r["split"]))
    cnt = collections.Counter(l for r in rows for l in labels(r[field]))
    for n in names:
        if cnt[n] < min_per:
            fail("%s: %s has %d units (< %d)" % (fname, n, cnt[n], min_per))
    nlab = collections.Counter(len(labels(r[field])) for r in rows)
    share = nlab[0] / len(rows)
    if not 0.15 <= share <= 0.25:
        fail("%s: no-label share %.1f %%" % (fname, 100.0 * share))
    return cnt, nlab, share


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default=ex.DEFAULT_CORPUS)
    args = ap.parse_args()
    earlier = earlier_files()

    # ---------------- id prefixes not used before ----------------
    used = collections.Counter()
    for f in earlier:
        cols, rows = read(f)
        for r in rows:
            for c in ("unit_id", "sentence_id"):
                if c in r:
                    used[re.sub(r"\d+$", "", r[c])] += 1
    print("earlier files: %d; id prefixes used there: %s" % (len(earlier), " ".join(sorted(used))))
    for p in (CAP_PREFIX, TERR_PREFIX):
        if p in used:
            fail("id prefix %r already used by an earlier set" % p)

    # ---------------- CAP set ----------------
    cols, rows = read(os.path.join(HERE, CAP_FILE))
    ref, _ = read(os.path.join(CAP6, "cap6_synthetic_units.csv"))
    if cols != CAP_COLS or cols != ref:
        fail("%s columns %r" % (CAP_FILE, cols))
    cnt, nlab, share = check_common(rows, "topics", TOPICS, CAP_PREFIX, CAP_FILE, N_CAP, MIN_PER_TOPIC)
    syn = [r for r in rows if r["source"] == "synthetic"]
    real = [r for r in rows if r["source"] != "synthetic"]
    texts = collections.Counter(" ".join(r["text"].split()).lower() for r in rows if r["text"])
    for t, n in texts.items():
        if n > 1:
            fail("%s: duplicate text (%d times)" % (CAP_FILE, n))
    wcs = []
    for r in syn:
        uid, toks = r["unit_id"], r["text"].split()
        if r["start"] or r["end"] or not r["note"].startswith("synthetic"):
            fail("%s not labelled synthetic" % uid)
        n = ex.word_count(toks)
        wcs.append(n)
        if not 15 <= n <= 45:
            fail("%s %d words" % (uid, n))
        if " ".join(toks[:3]) != r["anchor_first"] or " ".join(toks[-3:]) != r["anchor_last"]:
            fail("%s anchors do not match text" % uid)

    # real units: distances, overlaps, stored BDX text, extraction of the others
    prev = []
    for f in earlier:
        for r in read(f)[1]:  # only source/start/end are used
            if r.get("start"):
                prev.append((talk(r["source"]), float(r["start"]), float(r["end"])))
    bdx_dir = os.path.join(args.corpus, "french", "bdxio")
    cue_cache = {}
    n_bdx = n_bdx_ok = 0
    for r in real:
        uid = r["unit_id"]
        if not r["note"].startswith("real"):
            fail("%s note does not start with 'real'" % uid)
        if "whisper" in r["source"] or r["source"].endswith(".json"):
            fail("%s uses a whisper-timestamped file" % uid)
        s, e = float(r["start"]), float(r["end"])
        if not s < e:
            fail("%s start >= end" % uid)
        t = talk(r["source"])
        for tt, a, b in prev:
            if tt == t and max(a - e, s - b) < MIN_GAP:
                fail("%s closer than %g s to an earlier unit [%s, %s)" % (uid, MIN_GAP, a, b))
                break
        if r["source"].endswith(".srt"):
            n_bdx += 1
            toks = r["text"].split()
            n = ex.word_count(toks)
            if not 15 <= n <= 45:
                fail("%s %d words" % (uid, n))
            if " ".join(toks[:3]) != r["anchor_first"] or " ".join(toks[-3:]) != r["anchor_last"]:
                fail("%s anchors do not match stored text" % uid)
            if r["source"] not in cue_cache:
                cue_cache[r["source"]] = srt_cues(os.path.join(bdx_dir, r["source"]),
                                                  r["source"].startswith("autogenere__"))
            sel = [c[2] for c in cue_cache[r["source"]] if c[0] >= s and c[1] <= e]
            if " ".join(" ".join(sel).split()) == " ".join(toks):
                n_bdx_ok += 1
            else:
                fail("%s stored text differs from the SRT cues in [%s, %s]" % (uid, s, e))
        elif r["text"].strip():
            fail("%s: text must not be stored for %s" % (uid, r["source"]))
    by_talk = collections.defaultdict(list)
    for r in real:
        by_talk[talk(r["source"])].append((float(r["start"]), float(r["end"]), r["unit_id"]))
    for t, lst in by_talk.items():
        lst.sort()
        for (a1, b1, u1), (a2, b2, u2) in zip(lst, lst[1:]):
            if a2 < b1:
                fail("%s overlaps %s" % (u1, u2))
    print("real units: %d, synthetic units: %d" % (len(real), len(syn)))
    print("BDX I/O units with stored text: %d, identical to re-read SRT cues: %d" % (n_bdx, n_bdx_ok))
    print("source mix:")
    for src, n in collections.Counter(r["source"] for r in rows).most_common():
        print("  %4d  %s" % (n, src))
    rc = ex.main([os.path.join(HERE, CAP_FILE), "--corpus", args.corpus])
    if rc != 0:
        fail("extraction of non-stored units")

    rcnt = collections.Counter(l for r in real for l in labels(r["topics"]))
    scnt = collections.Counter(l for r in syn for l in labels(r["topics"]))
    print("\n%-24s %5s %5s %6s" % (CAP_FILE, "real", "synth", "test"))
    for n in TOPICS:
        print("%-24s %5d %5d %6d" % (n, rcnt[n], scnt[n], cnt[n]))
    r0 = sum(1 for r in real if not labels(r["topics"]))
    s0 = sum(1 for r in syn if not labels(r["topics"]))
    print("%-24s %5d %5d %6d" % ("(none)", r0, s0, nlab[0]))
    print("units: %d (all test; real %d, synthetic %d); labels per unit: 0=%d 1=%d 2=%d; "
          "no label: %.1f %%; synthetic words per unit: %d-%d (mean %.1f)"
          % (len(rows), len(real), len(syn), nlab[0], nlab[1], nlab[2], 100.0 * share,
             min(wcs), max(wcs), sum(wcs) / len(wcs)))

    # ---------------- territorial set ----------------
    tcols, trows = read(os.path.join(HERE, TERR_FILE))
    ref, _ = read(os.path.join(CAP6, "territorial6_units.csv"))
    if tcols != TERR_COLS or tcols != ref:
        fail("%s columns %r" % (TERR_FILE, tcols))
    tcnt, tnlab, tshare = check_common(trows, "themes", THEMES, TERR_PREFIX, TERR_FILE, N_TERR, MIN_PER_THEME)
    twc = []
    for r in trows:
        if not r["note"].startswith("synthetic"):
            fail("%s note does not start with 'synthetic'" % r["unit_id"])
        n = ex.word_count(r["text"].split())
        twc.append(n)
        if not 15 <= n <= 45:
            fail("%s %d words" % (r["unit_id"], n))
    if len({" ".join(r["text"].split()).lower() for r in trows}) != len(trows):
        fail("%s: duplicate text" % TERR_FILE)
    print("\n%-24s %6s" % (TERR_FILE, "test"))
    for n in THEMES:
        print("%-24s %6d" % (n, tcnt[n]))
    print("%-24s %6d" % ("(none)", tnlab[0]))
    print("units: %d (all test, synthetic); labels per unit: 0=%d 1=%d 2=%d; no label: %.1f %%; "
          "words per unit: %d-%d (mean %.1f)"
          % (len(trows), tnlab[0], tnlab[1], tnlab[2], 100.0 * tshare, min(twc), max(twc),
             sum(twc) / len(twc)))

    # ---------------- 6-word overlap with earlier sets ----------------
    mine = set()
    for r in syn + trows:
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
