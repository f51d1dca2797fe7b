"""One quote aligned on its own, for the verdict tests."""

from __future__ import annotations

import pandas as pd

from coopanalysis.align.aligner import align_quotes
from coopanalysis.model import Transcript


def align_one(transcript: Transcript, text: str, **columns: object) -> pd.Series:
    """The ``align_quotes`` row of the quote ``text`` (other quote columns as keywords)."""
    quotes = pd.DataFrame({"text": [text], **{k: [v] for k, v in columns.items()}})
    return align_quotes(quotes, transcript).iloc[0]
