#!/usr/bin/env python3
"""Check the fourth blind evaluation set (cap4_units.csv, cap4_synthetic_units.csv,
territorial4_units.csv).

Standard library only.  Checks columns, ids, labels, split balance, word counts,
distances to the units of the first three sets (>= 30 s, both versions of a BDX I/O
talk count as one talk), absence of overlaps, re-extracts the non-stored
Thinkerview units with ../cap/extract_units.py (anchors must match), re-reads the
stored BDX I/O text from the SRT files, checks that the synthetic units (CAP and
territorial) share no 6-word sequence with the earlier sets' stored texts
(territorial, territorial2, territorial3 and any stored text of the earlier CAP
files; only a count is printed, the earlier texts are never shown), and prints the
counts per label and split.

Usage: python3 verify_cap4.py [--corpus /work/shared/corpus]
Exit status 0 when all checks pass.
"""
import argparse, collections, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
CAP = os.path.join(HERE, "..", "cap")
CAP2 = os.path.join(HERE, "..", "cap2")
CAP3 = os.path.join(HERE, "..", "cap3")
# Constants, the extraction module and the helpers are those of the third set's verifier
# (same conventions, same checks); only main() differs.
sys.path.insert(0, CAP3)
from verify_cap3 import (  # noqa: E402
    CAP_COLS, MIN_GAP, TERR_COLS, THEMES, TOPICS, ex, fail, labels, problems, read,
    split_table, srt_cues, talk,
)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default=ex.DEFAULT_CORPUS)
    args = ap.parse_args()

    # ---------------- CAP set ----------------
    cols, rows = read(os.path.join(HERE, "cap4_units.csv"))
    cols2, _ = read(os.path.join(CAP2, "cap2_units.csv"))
    if cols != CAP_COLS or cols != cols2:
        fail("cap4_units.csv columns %r" % cols)
    ids = [r["unit_id"] for r in rows]
    if ids != ["r%03d" % (i + 1) for i in range(len(rows))]:
        fail("unit ids are not r001..r%03d in order" % len(rows))
    earlier = []
    for f in (os.path.join(CAP, "cap_units.csv"), os.path.join(CAP2, "cap2_units.csv"),
              os.path.join(CAP3, "cap3_units.csv")):
        for r in read(f)[1]:  # only source/start/end are used
            if r["start"]:
                earlier.append((talk(r["source"]), float(r["start"]), float(r["end"])))
    bdx_dir = os.path.join(args.corpus, "french", "bdxio")
    cue_cache = {}
    n_bdx = n_bdx_ok = 0
    for r in rows:
        uid = r["unit_id"]
        if r["split"] not in ("dev", "test"):
            fail("%s split %r" % (uid, r["split"]))
        labs = labels(r["topics"])
        if len(labs) > 2 or len(set(labs)) != len(labs) or any(l not in TOPICS for l in labs):
            fail("%s topics %r" % (uid, r["topics"]))
        if "whisper" in r["source"] or r["source"].endswith(".json"):
            fail("%s uses a whisper-timestamped file" % uid)
        s, e = float(r["start"]), float(r["end"])
        if not s < e:
            fail("%s start >= end" % uid)
        t = talk(r["source"])
        for tt, a, b in earlier:
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
    # overlaps among cap4 units
    by_talk = collections.defaultdict(list)
    for r in rows:
        by_talk[talk(r["source"])].append((float(r["start"]), float(r["end"]), r["unit_id"]))
    for t, lst in by_talk.items():
        lst.sort()
        for (a1, b1, u1), (a2, b2, u2) in zip(lst, lst[1:]):
            if a2 < b1:
                fail("%s overlaps %s" % (u1, u2))
    print("BDX I/O units with stored text: %d, identical to re-read SRT cues: %d" % (n_bdx, n_bdx_ok))
    print("source mix:")
    for src, n in collections.Counter(r["source"] for r in rows).most_common():
        print("  %4d  %s" % (n, src))
    # extraction of non-stored units (Thinkerview), anchors + word counts
    rc = ex.main([os.path.join(HERE, "cap4_units.csv"), "--corpus", args.corpus])
    if rc != 0:
        fail("extraction of non-stored units")
    split_table(rows, "topics", TOPICS, "CAP topic")

    # ---------------- synthetic CAP set ----------------
    scols, srows = read(os.path.join(HERE, "cap4_synthetic_units.csv"))
    if scols != CAP_COLS:
        fail("cap4_synthetic_units.csv columns %r" % scols)
    if [r["unit_id"] for r in srows] != ["y%03d" % (i + 1) for i in range(len(srows))]:
        fail("synthetic ids are not y001.. in order")
    for r in srows:
        uid = r["unit_id"]
        labs = labels(r["topics"])
        if len(labs) > 2 or len(set(labs)) != len(labs) or any(l not in TOPICS for l in labs):
            fail("%s topics %r" % (uid, r["topics"]))
        if r["source"] != "synthetic" or r["start"] or r["end"] or not r["note"].startswith("synthetic"):
            fail("%s not labelled synthetic" % uid)
        toks = r["text"].split()
        n = ex.word_count(toks)
        if not 15 <= n <= 45:
            fail("%s %d words" % (uid, n))
        if " ".join(toks[:3]) != r["anchor_first"] or " ".join(toks[-3:]) != r["anchor_last"]:
            fail("%s anchors do not match text" % uid)
        if r["split"] not in ("dev", "test"):
            fail("%s split" % uid)
    split_table(srows, "topics", TOPICS, "CAP topic (synthetic)")

    # ---------------- territorial set ----------------
    tcols, trows = read(os.path.join(HERE, "territorial4_units.csv"))
    tcols2, _ = read(os.path.join(CAP2, "territorial2_units.csv"))
    if tcols != TERR_COLS or tcols != tcols2:
        fail("territorial4_units.csv columns %r" % tcols)
    if [r["unit_id"] for r in trows] != ["z%03d" % (i + 1) for i in range(len(trows))]:
        fail("territorial ids are not z001.. in order")
    for r in trows:
        labs = labels(r["themes"])
        if len(labs) > 2 or len(set(labs)) != len(labs) or any(l not in THEMES for l in labs):
            fail("%s themes %r" % (r["unit_id"], r["themes"]))
        n = ex.word_count(r["text"].split())
        if not 15 <= n <= 45:
            fail("%s %d words" % (r["unit_id"], n))
        if r["split"] not in ("dev", "test"):
            fail("%s split" % r["unit_id"])

    def grams(text):
        w = re.findall(r"\w+", text.lower())
        return {tuple(w[i:i + 6]) for i in range(len(w) - 5)}
    mine = set()
    for r in trows + srows:
        mine |= grams(r["text"])
    other = set()
    for f in (os.path.join(CAP, "territorial_units.csv"), os.path.join(CAP2, "territorial2_units.csv"),
              os.path.join(CAP3, "territorial3_units.csv"), os.path.join(CAP, "cap_units.csv"),
              os.path.join(CAP2, "cap2_units.csv"), os.path.join(CAP3, "cap3_units.csv")):
        for r in read(f)[1]:
            other |= grams(r.get("text") or "")
    shared = len(mine & other)
    print("\n6-word sequences shared with the earlier synthetic sets (and stored texts): %d" % shared)
    if shared:
        fail("synthetic units share 6-word sequences with earlier sets")
    split_table(trows, "themes", THEMES, "territorial theme")

    print("\n%s" % ("all checks passed" if not problems else "%d problem(s)" % len(problems)))
    return 0 if not problems else 1


if __name__ == "__main__":
    sys.exit(main())
