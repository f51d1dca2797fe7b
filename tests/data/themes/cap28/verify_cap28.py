#!/usr/bin/env python3
"""Check the twenty-eighth blind evaluation set (cap28_units.csv, territorial28_units.csv).

The checks this file held when the set was written (its coder's copy of
../cap26/verify_cap26.py: layout, ids, labelling, anchors, word counts, counts per label,
no-label share, test split, expected numbers, duplicates, frozen fingerprints and the 6-word
overlap check) are those of the shared ../blind_check.py, which runs them with this set's
file names, id prefixes and fingerprints from check.json.

Usage: python3 verify_cap28.py [--markdown]
Exit status 0 when all checks pass.
"""
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
CHECKER = os.path.join(os.path.dirname(HERE), "blind_check.py")

if __name__ == "__main__":
    sys.exit(subprocess.call([sys.executable, CHECKER, os.path.basename(HERE), *sys.argv[1:]]))
