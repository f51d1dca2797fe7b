"""Write ``data/rnct2025_simulated_captions.vtt``: ``python benchmarks/noise.py [--help]``.

The noise model itself lives in ``tests/helpers/noise.py`` (shared by tests and benchmarks);
this script is its command line. See ``docs/align.md`` ("The noise model").
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from helpers.noise import main

if __name__ == "__main__":
    raise SystemExit(main())
