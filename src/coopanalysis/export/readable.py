"""Tables as a person reads them: times as ``mm:ss``, shares as %, rounded numbers.

The report shows these views; the table files keep the raw numbers (seconds, 0–1 shares).
"""

from __future__ import annotations

import math
from typing import Any

import pandas as pd

#: Below this share of speech time with a named speaker, the report warns first.
LOW_COVERAGE = 0.5


def mmss(seconds: Any) -> str:
    """``12:05`` for 725 s, ``1:02:05`` past an hour; ``""`` for NA."""
    if seconds is None or pd.isna(seconds) or not math.isfinite(float(seconds)):
        return ""
    total = round(float(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def percent(share: Any, digits: int = 0) -> str:
    """``42 %`` for 0.42; ``""`` for NA."""
    if share is None or pd.isna(share) or not math.isfinite(float(share)):
        return ""
    return f"{float(share) * 100:.{digits}f} %"


def rounded(value: Any, digits: int = 0) -> str:
    """A number rounded for reading, thousands separated; ``""`` for NA."""
    if value is None or pd.isna(value) or not math.isfinite(float(value)):
        return ""
    return f"{float(value):,.{digits}f}"


def speaker_view(speaker_stats: pd.DataFrame, *, no_speaker: str) -> pd.DataFrame:
    """The speakers table as read: ``mm:ss`` times, share of NAMED time in %, rounded rates.

    The row of cues nobody is known to have said (``no_speaker``) keeps its time but no share.
    """
    if not len(speaker_stats):
        return pd.DataFrame()
    named = speaker_stats["speaker"].notna()
    named_time = float(speaker_stats.loc[named, "speaking_time"].sum())
    share = speaker_stats["speaking_time"].where(named) / named_time if named_time > 0 else (
        pd.Series(math.nan, index=speaker_stats.index))
    view = pd.DataFrame({
        "speaker": speaker_stats["speaker"].astype("string").fillna(no_speaker),
        "speaking time": speaker_stats["speaking_time"].map(mmss),
        "share of named time": share.map(percent),
    })
    for column, heading, write in _SPEAKER_COLUMNS:
        if column in speaker_stats.columns:
            view[heading] = speaker_stats[column].map(write)
    return view


_SPEAKER_COLUMNS: tuple[tuple[str, str, Any], ...] = (
    ("n_words", "words", rounded), ("words_per_minute", "words/min", rounded),
    ("n_turns", "turns", rounded), ("mean_turn", "mean turn", mmss),
    ("longest_turn", "longest turn", mmss), ("interruptions", "interruptions", rounded),
)


def theme_view(theme_stats: pd.DataFrame) -> pd.DataFrame:
    """The themes table as read: id and label, counts, rate per 1,000 words, share in %.

    ``n_words`` (one number repeated on every row) is left out: the summary gives it.
    """
    if not len(theme_stats):
        return pd.DataFrame()
    label = (theme_stats["label"] if "label" in theme_stats.columns
             else pd.Series(pd.NA, index=theme_stats.index, dtype="string"))
    view = pd.DataFrame({"theme": theme_stats["theme"].astype("string"),
                         "label": label.astype("string").fillna("")})
    for column, heading, write in _THEME_COLUMNS:
        if column in theme_stats.columns:
            view[heading] = theme_stats[column].map(write)
    return view


_THEME_COLUMNS: tuple[tuple[str, str, Any], ...] = (
    ("n_tags", "tags", rounded), ("n_units", "sentences", rounded),
    ("rate_per_1000_words", "per 1,000 words", lambda v: rounded(v, 1)),
    ("share_of_talk", "share of talk", lambda v: percent(v, 1)),
)


def percent_table(wide: pd.DataFrame) -> pd.DataFrame:
    """Every numeric 0–1 column of a wide table written as % (one decimal)."""
    out = wide.copy()
    for column in out.columns:
        if pd.api.types.is_float_dtype(out[column]):
            out[column] = out[column].map(lambda v: percent(v, 1))
    return out
