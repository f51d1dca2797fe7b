#!/usr/bin/env python3
"""Check cap_units.csv and territorial_units.csv and print their counts.

Standard library only.  Run from anywhere:
    python3 verify_sets.py [--corpus /work/shared/corpus] [--markdown]

Checks
* CAP set: ids u001.. in order, allowed topic ids, 0-2 topics, text stored
  only for redistributable sources (BDX I/O captions, the reference article),
  15-45 words per unit, anchors equal to the first/last 3 tokens of the stored
  text, every topic present in both dev and test, and -- through
  extract_units.py -- that every non-stored unit is recovered from the corpus
  with matching anchors and 15-45 words.
* Territorial set: ids t001.., allowed theme ids, 0-2 themes, 15-45 words,
  every theme present in both halves.
Exit status 0 when everything passes.
"""
import argparse
import collections
import csv
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import extract_units  # noqa: E402

CAP_TOPICS = ["macroeconomics", "civil_rights", "health", "agriculture", "labor",
              "education", "environment", "energy", "immigration",
              "transportation", "law_crime", "social_welfare", "housing",
              "domestic_commerce", "defense", "technology", "foreign_trade",
              "international_affairs", "government_operations", "public_lands",
              "culture"]
TERR_THEMES = ["cooperation", "trust_time", "listening_participation",
               "democratic_crisis", "state_role", "local_officials",
               "shared_governance", "ecological_transition", "social_ties",
               "circular_economy", "experimentation", "representativeness"]
ARTICLE = "000_c83599a1742dca36.txt"


def labels(cell):
    return [x for x in cell.split(";") if x]


def table(rows, key, ids, markdown):
    cnt = {s: collections.Counter() for s in ("dev", "test")}
    for r in rows:
        labs = labels(r[key]) or ["(none)"]
        for lab in labs:
            cnt[r["split"]][lab] += 1
    lines = []
    if markdown:
        lines.append("| %s | dev | test | total |" % key[:-1])
        lines.append("|---|---:|---:|---:|")
    for lab in ids + ["(none)"]:
        d, t = cnt["dev"][lab], cnt["test"][lab]
        if markdown:
            lines.append("| %s | %d | %d | %d |" % (lab, d, t, d + t))
        else:
            lines.append("  %-24s dev %3d  test %3d  total %3d" % (lab, d, t, d + t))
    return "\n".join(lines)


def check_common(rows, key, ids, prefix, errors):
    for n, r in enumerate(rows, 1):
        uid = r["unit_id"]
        if uid != "%s%03d" % (prefix, n):
            errors.append("%s: id out of sequence" % uid)
        labs = labels(r[key])
        if len(labs) > 2 or len(set(labs)) != len(labs):
            errors.append("%s: bad label list %r" % (uid, r[key]))
        for lab in labs:
            if lab not in ids:
                errors.append("%s: unknown label %r" % (uid, lab))
        if r["split"] not in ("dev", "test"):
            errors.append("%s: bad split %r" % (uid, r["split"]))
    for lab in ids:
        splits = {r["split"] for r in rows if lab in labels(r[key])}
        if splits and splits != {"dev", "test"}:
            errors.append("label %s only in %s" % (lab, splits))


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default=extract_units.DEFAULT_CORPUS)
    ap.add_argument("--markdown", action="store_true")
    args = ap.parse_args(argv)
    errors = []

    with open(os.path.join(HERE, "cap_units.csv"), encoding="utf-8", newline="") as fh:
        cap = list(csv.DictReader(fh))
    check_common(cap, "topics", CAP_TOPICS, "u", errors)
    for r in cap:
        uid = r["unit_id"]
        if extract_units.is_stored_elsewhere(r):
            continue  # checked below by extract_units
        toks = r["text"].split()
        if not toks:
            errors.append("%s: redistributable unit without text" % uid)
            continue
        n = extract_units.word_count(toks)
        if not 15 <= n <= 45:
            errors.append("%s: %d words" % (uid, n))
        if " ".join(toks[:3]) != r["anchor_first"] or " ".join(toks[-3:]) != r["anchor_last"]:
            errors.append("%s: anchors do not match text" % uid)
        if r["source"] == ARTICLE and (r["start"] or r["end"]):
            errors.append("%s: article unit with times" % uid)
    rc = extract_units.main([os.path.join(HERE, "cap_units.csv"), "--corpus", args.corpus])
    if rc:
        errors.append("extract_units.py failed to recover some units")

    with open(os.path.join(HERE, "territorial_units.csv"), encoding="utf-8", newline="") as fh:
        terr = list(csv.DictReader(fh))
    check_common(terr, "themes", TERR_THEMES, "t", errors)
    for r in terr:
        n = extract_units.word_count(r["text"].split())
        if not 15 <= n <= 45:
            errors.append("%s: %d words" % (r["unit_id"], n))

    # ---- report
    md = args.markdown
    stored = sum(1 for r in cap if not extract_units.is_stored_elsewhere(r))
    by_src = collections.Counter(r["source"] for r in cap)
    none_cap = sum(1 for r in cap if not labels(r["topics"]))
    two_cap = sum(1 for r in cap if len(labels(r["topics"])) == 2)
    print("\nCAP set: %d units (dev %d, test %d)" % (
        len(cap), sum(r["split"] == "dev" for r in cap), sum(r["split"] == "test" for r in cap)))
    print("  non-redistributable (times+anchors only): %d (%.1f%%); text stored: %d (%.1f%%)" % (
        len(cap) - stored, 100.0 * (len(cap) - stored) / len(cap), stored, 100.0 * stored / len(cap)))
    print("  no-topic units: %d (%.1f%%); two-topic units: %d" % (
        none_cap, 100.0 * none_cap / len(cap), two_cap))
    for s, c in sorted(by_src.items()):
        print("    %-100s %3d" % (s, c))
    print(table(cap, "topics", CAP_TOPICS, md))
    none_t = sum(1 for r in terr if not labels(r["themes"]))
    print("\nTerritorial set: %d units (dev %d, test %d); no-theme units: %d (%.1f%%)" % (
        len(terr), sum(r["split"] == "dev" for r in terr), sum(r["split"] == "test" for r in terr),
        none_t, 100.0 * none_t / len(terr)))
    print(table(terr, "themes", TERR_THEMES, md))
    if errors:
        print("\nERRORS:")
        for e in errors:
            print("  " + e)
        return 1
    print("\nall checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
