"""Schema helpers: every table comes out with its documented columns and dtypes."""

from __future__ import annotations

import pandas as pd

from coopanalysis import schema


def test_empty_has_columns_and_dtypes() -> None:
    frame = schema.empty(schema.CUES)
    assert list(frame.columns) == list(schema.CUES)
    assert {name: str(dtype) for name, dtype in frame.dtypes.items()} == dict(schema.CUES)


def test_conform_orders_completes_casts_and_keeps_extras() -> None:
    raw = pd.DataFrame({"text": ["bonjour"], "end": [2], "start": [1], "cue_id": [0], "extra": [7]})
    frame = schema.conform(raw, schema.CUES)
    assert list(frame.columns) == [*schema.CUES, "extra"]
    assert frame.loc[0, "start"] == 1.0
    assert str(frame["start"].dtype) == "float64"
    assert pd.isna(frame.loc[0, "speaker"])
    assert str(frame["speaker"].dtype) == "string"


def test_conform_fills_a_missing_integer_column_with_nullable_na() -> None:
    frame = schema.conform(pd.DataFrame({"theme": ["cooperation"]}), schema.THEMES)
    assert str(frame["char_start"].dtype) == "Int64"
    assert pd.isna(frame.loc[0, "char_start"])
