#!/usr/bin/env python3
"""Check a blind evaluation set written from ``cap/README.md``: ``python3 blind_check.py capNN``.

Standard library only.  The set's folder holds ``check.json``::

    {"cap_file": "capNN_units.csv", "terr_file": "territorialNN_units.csv",
     "cap_prefix": "xx", "terr_prefix": "yy", "n_cap": 170, "n_terr": 40,
     "frozen": {"capNN_units.csv": "<sha256>", "territorialNN_units.csv": "<sha256>"}}

(optionally ``"per_topic": [min, max]``, units per CAP topic, 5-9 unless given).

``frozen`` holds the SHA-256 of the sorted "labels<TAB>note" lines of each file, taken from
the coder's drafts right after coding (``python3 blind_check.py capNN --fingerprint`` prints
them).  The checks are those of ``cap30/verify_cap30.py`` (the last set whose writer copied
its verifier; this script replaces those copies from cap31 on): id prefixes unused by any
other CSV file under this folder, the layout of ``cap9``'s files, ``synthetic`` labelling,
anchors, word counts 15-45, label ids (0-2 per unit), 5-9 units per CAP topic (or
``per_topic``) and at least 3
per territorial theme, a no-label share of 15-25 %, every row ``test``, the expected numbers,
no duplicate texts, the frozen fingerprints, and no 6-word sequence shared with any other
CSV file's stored texts (only a count is printed).  Exit status 0 when all checks pass.
"""
import hashlib
import json
import os
import re
import sys

THEMES_DIR = os.path.dirname(os.path.abspath(__file__))
CAP9 = os.path.join(THEMES_DIR, "cap9")
sys.dont_write_bytecode = True  # do not leave __pycache__ in cap9, cap3 or cap
sys.path.insert(0, CAP9)
import verify_cap9 as v9  # noqa: E402


def other_files(here):
    """Every CSV file under this folder (any depth) outside the set's folder ``here``."""
    out = []
    for root, dirs, files in os.walk(THEMES_DIR):
        dirs[:] = sorted(d for d in dirs if not d.startswith((".", "__")))
        if os.path.abspath(root) != here:
            out += [os.path.join(root, f) for f in sorted(files) if f.endswith(".csv")]
    return sorted(out)


def fingerprint(rows, field):
    """SHA-256 of the sorted "labels<TAB>note" lines of ``rows``."""
    lines = sorted(f"{r[field]}\t{r['note']}" for r in rows)
    return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()


def check_prefixes(others, prefixes):
    """Fail when an id of another file starts with one of this set's prefixes."""
    used, clash = set(), 0
    for path in others:
        cols, rows = v9.read(path)
        for r in rows:
            for c in (c for c in cols if c in ("unit_id", "sentence_id")):
                used.add(re.sub(r"\d+$", "", r[c]))
                clash += r[c].lower().startswith(prefixes)
    print(f"other files: {len(others)}; id prefixes used there: {' '.join(sorted(used))}")
    if clash or used & set(prefixes):
        v9.fail(f"{clash} id(s) of other files start with one of {prefixes}")


def check_overlap(rows, others):
    """Fail when a 6-word sequence of ``rows`` occurs in another file's stored texts."""
    mine = set()
    for r in rows:
        mine |= v9.grams(r["text"])
    other = set()
    for path in others:
        for r in v9.read(path)[1]:
            other |= v9.grams(r.get("text") or "")
    shared = len(mine & other)
    print(f"\n6-word sequences shared with the other sets' stored texts "
          f"({len(others)} files): {shared}")
    if shared:
        v9.fail("the units share 6-word sequences with other sets")


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    if len(args) != 1:
        print(__doc__)
        return 2
    here = os.path.abspath(os.path.join(THEMES_DIR, args[0]))
    with open(os.path.join(here, "check.json"), encoding="utf-8") as f:
        conf = json.load(f)
    # check_units of verify_cap9 reads these module globals; a set may widen the per-topic
    # range in check.json (cap29 weighted its topics like the real debates: 3-20).
    v9.MIN_PER_TOPIC, v9.MAX_PER_TOPIC = conf.get("per_topic", (5, 9))
    v9.MIN_PER_THEME = 3
    files = ((conf["cap_file"], "topics", v9.TOPICS, conf["cap_prefix"], True, conf["n_cap"],
              "cap9_synthetic_units.csv", v9.CAP_COLS),
             (conf["terr_file"], "themes", v9.THEMES, conf["terr_prefix"], False,
              conf["n_terr"], "territorial9_units.csv", v9.TERR_COLS))
    if "--fingerprint" in sys.argv:
        for fname, field, *_ in files:
            print(fname, fingerprint(v9.read(os.path.join(here, fname))[1], field))
        return 0

    others = other_files(here)
    check_prefixes(others, (conf["cap_prefix"], conf["terr_prefix"]))
    all_rows = []
    for fname, field, names, prefix, cap_layout, n_expected, reference, columns in files:
        cols, rows = v9.read(os.path.join(here, fname))
        if cols != columns or cols != v9.read(os.path.join(CAP9, reference))[0]:
            v9.fail(f"{fname} columns {cols!r}")
        v9.check_units(rows, field, names, prefix, fname, cap_layout, n_expected)
        ok = fingerprint(rows, field) == conf.get("frozen", {}).get(fname)
        print(f"{fname}: labels and notes {'match' if ok else 'DIFFER FROM'} the frozen drafts")
        if not ok:
            v9.fail(f"{fname}: labels/notes changed since coding")
        all_rows += rows
    check_overlap(all_rows, others)

    print("\n" + ("all checks passed" if not v9.problems else f"{len(v9.problems)} problem(s)"))
    return 0 if not v9.problems else 1


if __name__ == "__main__":
    sys.exit(main())
