#!/usr/bin/env python3
"""Check cap2_units.csv and territorial2_units.csv (standard library only).

Checks: columns identical to the first set, ids/labels valid, 15-45 words,
split == test, text stored only for BDX I/O, every non-stored unit
re-extracted by extract_units.py with matching anchors, no overlap between
units, every unit at least 30 s away from the units of ../cap/cap_units.csv
(both versions of a BDX talk count as the same talk), no 6-word sequence
shared with ../cap/territorial_units.csv.  Prints counts.
"""
import csv, os, re, sys
from collections import Counter
HERE = os.path.dirname(os.path.abspath(__file__))
# The extraction script of the first set serves both sets (give it the CSV to read).
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "cap"))
import extract_units as E  # noqa: E402

CAP = ("macroeconomics civil_rights health agriculture labor education environment energy "
       "immigration transportation law_crime social_welfare housing domestic_commerce defense "
       "technology foreign_trade international_affairs government_operations public_lands culture").split()
TER = ("cooperation trust_time listening_participation democratic_crisis state_role local_officials "
       "shared_governance ecological_transition social_ties circular_economy experimentation "
       "representativeness").split()

def load(p):
    with open(p, encoding="utf-8", newline="") as fh:
        r = csv.DictReader(fh); return r.fieldnames, list(r)

def talk(src):
    return re.sub(r"^(autogenere__|final__)|(\.fr-orig|\.fr)?\.srt$", "", src)

def main():
    errs = []
    f1, cap = load(os.path.join(HERE, "..", "cap", "cap_units.csv"))
    f2, rows = load(os.path.join(HERE, "cap2_units.csv"))
    if f1 != f2: errs.append("cap2 columns differ from cap_units.csv")
    old = [(talk(r["source"]), float(r["start"]), float(r["end"])) for r in cap if r["start"]]
    mine = []
    for r in rows:
        u = r["unit_id"]; s, e = float(r["start"]), float(r["end"])
        topics = [t for t in r["topics"].split(";") if t]
        if any(t not in CAP for t in topics) or len(topics) > 2 or len(set(topics)) != len(topics):
            errs.append("%s bad topics %r" % (u, r["topics"]))
        if r["split"] != "test": errs.append("%s split" % u)
        stored = E.is_stored_elsewhere(r)
        if not stored:
            toks = r["text"].split()
            if not r["text"]: errs.append("%s BDX text missing" % u)
            if " ".join(toks[:3]) != r["anchor_first"] or " ".join(toks[-3:]) != r["anchor_last"]:
                errs.append("%s anchors" % u)
            if not 15 <= E.word_count(toks) <= 45: errs.append("%s word count" % u)
        key = talk(r["source"])
        for k, a, b in old:
            if k == key and not (e <= a - 30 or s >= b + 30):
                errs.append("%s within 30 s of a first-set unit" % u)
        for k, a, b, v in mine:
            if k == key and not (e <= a or s >= b): errs.append("%s overlaps %s" % (u, v))
        mine.append((key, s, e, u))
    rc = E.main([os.path.join(HERE, "cap2_units.csv")])
    if rc: errs.append("extraction failed")
    f3, _ = load(os.path.join(HERE, "..", "cap", "territorial_units.csv"))
    f4, ter = load(os.path.join(HERE, "territorial2_units.csv"))
    if f3 != f4: errs.append("territorial2 columns differ")
    shingles = set()
    for r in _:
        w = re.findall(r"\w+", r["text"].lower())
        shingles.update(tuple(w[i:i + 6]) for i in range(len(w) - 5))
    for r in ter:
        th = [t for t in r["themes"].split(";") if t]
        if any(t not in TER for t in th) or len(th) > 2: errs.append("%s themes" % r["unit_id"])
        if r["split"] != "test": errs.append("%s split" % r["unit_id"])
        if not 15 <= E.word_count(r["text"].split()) <= 45: errs.append("%s words" % r["unit_id"])
        w = re.findall(r"\w+", r["text"].lower())
        if any(tuple(w[i:i + 6]) in shingles for i in range(len(w) - 5)):
            errs.append("%s shares a 6-word sequence with territorial_units.csv" % r["unit_id"])
    for name, data, col, labels in (("cap2", rows, "topics", CAP), ("territorial2", ter, "themes", TER)):
        c = Counter(); n0 = n1 = n2 = 0
        for r in data:
            t = [x for x in r[col].split(";") if x]; c.update(t)
            n0 += not t; n1 += len(t) == 1; n2 += len(t) == 2
        print("\n%s: %d units, none %d (%.1f %%), one %d, two %d" % (name, len(data), n0, 100.0 * n0 / len(data), n1, n2))
        for l in labels: print("  %-22s %3d" % (l, c[l]))
    src = Counter("thinkerview/radio" if E.is_stored_elsewhere(r) else "bdxio" for r in rows)
    print("\nsources:", dict(src))
    for e in errs: print("ERROR", e)
    print("all checks passed" if not errs else "%d errors" % len(errs))
    return 1 if errs else 0

if __name__ == "__main__":
    sys.exit(main())
