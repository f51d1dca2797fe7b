"""Statistics as DataFrames: who spoke how much, about what, and the fact-check of an article.

``speaker_stats`` (``schema.SPEAKER_STATS``), ``theme_stats`` (``schema.THEME_STATS``) with its
wide view ``theme_pivot``, ``theme_cooccurrence`` (``schema.THEME_COOCCURRENCE``) and
``quote_report`` (``schema.QUOTE_REPORT``). Words are counted by ``text.words.count_words``
everywhere. See ``docs/analysis.md``.
"""

from __future__ import annotations

import math
import warnings
from collections import Counter
from collections.abc import Iterable, Mapping
from itertools import combinations
from typing import Any

import numpy as np
import pandas as pd

from coopanalysis import schema
from coopanalysis.errors import CoopanalysisError
from coopanalysis.model import Transcript
from coopanalysis.schema import conform
from coopanalysis.tag.units import cues_frame, unit_id_column
from coopanalysis.tag.units import turns as _turns
from coopanalysis.text.words import count_words
from coopanalysis.timecode import format_hms, format_minsec

#: The grouping keys ``theme_stats`` accepts.
THEME_KEYS: tuple[str, ...] = ("theme", "speaker", "time_bin")

SPEAKER_STATS_COLUMNS: tuple[str, ...] = tuple(schema.SPEAKER_STATS)


# --------------------------------------------------------------------------- speakers


def speaker_stats(transcript: Transcript | pd.DataFrame, *, min_overlap: float = 0.0,
                  turns: pd.DataFrame | None = None) -> pd.DataFrame:
    """Speaking time, words, turns and interruptions per speaker.

    Args:
        transcript: a :class:`~coopanalysis.model.Transcript` or its cues table
            (``schema.CUES``: ``start``, ``end``, ``speaker``, ``text``).
        min_overlap: seconds a turn must start before the previous one ends to count as an
            interruption; raise it (e.g. 0.2) for captions whose cues overlap by a few
            frames.
        turns: the transcript's :func:`~coopanalysis.tag.units.turns`, when already
            computed (``analyze`` computes them once); computed here otherwise.

    Returns:
        One row per speaker, columns of ``schema.SPEAKER_STATS``, sorted by speaking
        time, longest first. Cues without a time count for words, not
        for time.
    """
    cues = _cues_of(transcript)
    turn_table = _turns(cues) if turns is None else conform(turns, schema.TURNS)
    rows = []
    total_time = 0.0
    for speaker, speaker_cues in _group_by_speaker(cues):
        speaker_turns = turn_table[_same_speaker(turn_table["speaker"], speaker)]
        durations = (speaker_turns["end"] - speaker_turns["start"]).dropna()
        speaking_time = _union_length(speaker_cues["start"], speaker_cues["end"])
        total_time += speaking_time
        n_words = int(speaker_cues["text"].map(count_words).sum())
        rows.append({
            "speaker": speaker,
            "speaking_time": speaking_time,
            "n_words": n_words,
            # A rate over less than a millisecond of speech means nothing (and 1/5e-324 overflows).
            "words_per_minute": (n_words * 60 / speaking_time if speaking_time >= 1e-3
                                 else math.nan),
            "n_turns": len(speaker_turns),
            "mean_turn": float(durations.mean()) if len(durations) else math.nan,
            "longest_turn": float(durations.max()) if len(durations) else math.nan,
        })
    interruptions = _interruptions(turn_table, min_overlap=min_overlap)
    for row in rows:
        row["share"] = row["speaking_time"] / total_time if total_time else math.nan
        row["interruptions"] = interruptions.get(_speaker_key(row["speaker"]), 0)
    table = conform(pd.DataFrame(rows, columns=list(SPEAKER_STATS_COLUMNS)), schema.SPEAKER_STATS)
    return table.sort_values("speaking_time", ascending=False, kind="stable").reset_index(
        drop=True)


def _cues_of(transcript: Transcript | pd.DataFrame) -> pd.DataFrame:
    cues = transcript.cues if isinstance(transcript, Transcript) else transcript
    if not isinstance(cues, pd.DataFrame):
        raise CoopanalysisError(
            f"expected a Transcript or a cues DataFrame, got {type(transcript).__name__}")
    return cues_frame(cues)


def _group_by_speaker(cues: pd.DataFrame) -> Iterable[tuple[Any, pd.DataFrame]]:
    for speaker, group in cues.groupby("speaker", dropna=False, sort=True):
        yield (pd.NA if _is_na(speaker) else speaker), group


def _same_speaker(column: pd.Series, speaker: Any) -> pd.Series:
    if _is_na(speaker):
        return column.isna()
    return (column == speaker).fillna(False).astype(bool)


def _speaker_key(speaker: Any) -> Any:
    return None if _is_na(speaker) else speaker


def _is_na(value: Any) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def _union_length(starts: pd.Series, ends: pd.Series) -> float:
    """Seconds covered by the intervals: overlapping (rolling) captions count once."""
    intervals = sorted((float(s), float(e)) for s, e in zip(starts, ends, strict=True)
                       if not (math.isnan(s) or math.isnan(e)) and e > s)
    total, current_start, current_end = 0.0, None, None
    for start, end in intervals:
        if current_end is None or start > current_end:
            if current_end is not None and current_start is not None:
                total += current_end - current_start
            current_start, current_end = start, end
        else:
            current_end = max(current_end, end)
    if current_end is not None and current_start is not None:
        total += current_end - current_start
    return total


def _interruptions(turns: pd.DataFrame, *, min_overlap: float) -> Counter[Any]:
    """Per speaker, turns that start more than ``min_overlap`` s before the previous ended."""
    timed = turns.dropna(subset=["start", "end"]).sort_values("start", kind="stable")
    counts: Counter[Any] = Counter()
    previous_end = None
    for speaker, start, end in zip(timed["speaker"], timed["start"], timed["end"], strict=True):
        if previous_end is not None and previous_end - start > min_overlap:
            counts[_speaker_key(speaker)] += 1
        previous_end = end
    return counts


# --------------------------------------------------------------------------- themes


def theme_stats(
    themes: pd.DataFrame,
    *,
    units: pd.DataFrame | None = None,
    by: str | Iterable[str] = ("theme",),
    bin_size: float = 300.0,
    labels: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """Theme counts and rates, tidy long format: one row per theme × group.

    Args:
        themes: the tags, ``schema.THEMES`` (``unit_id``, ``speaker``, ``start``, ``theme``…).
        units: the DataFrame that was tagged (turns, sentences, cues…) with ``text``,
            ``speaker``, ``start`` and an id column (``unit_id``, else ``sentence_id``,
            ``turn_id``, ``cue_id``, ``quote_id``, else the index) matching
            ``themes.unit_id``. It gives the word totals; without it rates and shares are NA.
            Word counts come from its ``n_words`` column when present, else ``count_words``.
        by: grouping keys among ``"theme"``, ``"speaker"``, ``"time_bin"``; ``"theme"`` is
            always included. ``by="speaker"`` gives theme × speaker.
        bin_size: width of a time bin in seconds (default 5 minutes); a unit falls in the
            bin of its ``start``.
        labels: ``{theme id: label}`` (from the codebook), written in the ``label``
            column beside each theme id; NA for ids it does not name.

    Returns:
        Columns: the keys (``theme``, then ``speaker`` and/or ``time_bin``, ``bin_start``,
        ``bin_end`` in seconds), then

        - ``n_tags`` (int64): tag rows (one per match; a unit mentioning a theme twice counts 2),
        - ``n_units`` (int64): distinct units tagged with the theme,
        - ``n_words`` (Int64): words spoken in the group (all units of that speaker/bin, or of
          the whole transcript), NA without ``units``,
        - ``rate_per_1000_words`` (float64): ``n_tags / n_words * 1000``,
        - ``share_of_talk`` (float64): words of the group's units tagged with the theme /
          ``n_words`` — with ``by="speaker"``, the share of each speaker's talk spent on the
          theme.

        Every theme × group combination is present (zeros included), so the table feeds
        heatmaps and pivots directly (see ``theme_pivot``).
    """
    keys = _theme_keys(by)
    if bin_size <= 0:
        raise CoopanalysisError(f"bin_size must be a positive number of seconds, got {bin_size!r}")
    group_keys = [k for k in keys if k != "theme"]
    tags = _prepare_tags(themes, bin_size=bin_size)
    prepared_units = None if units is None else _prepare_units(units, bin_size=bin_size)

    counts = _count_tags(tags, keys)
    grid = _theme_grid(tags, prepared_units, group_keys)
    table = grid.merge(counts, on=keys, how="left")
    table[["n_tags", "n_units"]] = table[["n_tags", "n_units"]].fillna(0)

    if prepared_units is None:
        table["n_words"] = pd.NA
        table["rate_per_1000_words"] = math.nan
        table["share_of_talk"] = math.nan
    else:
        table = _add_word_rates(table, tags, prepared_units, keys, group_keys)
    if "time_bin" in keys:
        table["bin_start"] = table["time_bin"].astype(float) * bin_size
        table["bin_end"] = table["bin_start"] + bin_size
    table["label"] = table["theme"].map(dict(labels or {})).astype("string")
    front = ["theme", "label", *keys[1:]] + (["bin_start", "bin_end"] if "time_bin" in keys
                                              else [])
    columns = [*front, "n_tags", "n_units", "n_words", "rate_per_1000_words", "share_of_talk"]
    table = table[columns].sort_values(keys, kind="stable", na_position="last")
    return conform(table, {name: schema.THEME_STATS[name] for name in columns})


def _theme_keys(by: str | Iterable[str]) -> list[str]:
    requested = [by] if isinstance(by, str) else list(by)
    unknown = [k for k in requested if k not in THEME_KEYS]
    if unknown:
        raise CoopanalysisError(
            f"unknown theme_stats key(s) {unknown}: expected some of {list(THEME_KEYS)}")
    return [k for k in THEME_KEYS if k == "theme" or k in requested]


def _time_bins(starts: pd.Series, bin_size: float) -> pd.Series:
    bins = np.floor(starts.astype("float64") / bin_size)
    return pd.Series(bins, index=starts.index).astype("Int64")


def _prepare_tags(themes: pd.DataFrame, *, bin_size: float) -> pd.DataFrame:
    if not isinstance(themes, pd.DataFrame) or "theme" not in themes.columns:
        raise CoopanalysisError("themes must be a DataFrame with a 'theme' column "
                                "(schema.THEMES, as returned by tag_themes)")
    tags = pd.DataFrame({
        "unit_id": _column(themes, "unit_id", "string"),
        "speaker": _column(themes, "speaker", "string"),
        "start": _column(themes, "start", "float64"),
        "theme": themes["theme"].astype("string"),
    }).reset_index(drop=True)
    tags = tags[tags["theme"].notna()].reset_index(drop=True)
    tags["time_bin"] = _time_bins(tags["start"], bin_size)
    return tags


def _prepare_units(units: pd.DataFrame, *, bin_size: float) -> pd.DataFrame:
    if not isinstance(units, pd.DataFrame) or "text" not in units.columns:
        raise CoopanalysisError("units must be the DataFrame that was tagged, with a 'text' "
                                "column (turns, sentences, cues...)")
    if "n_words" in units.columns:
        n_words = units["n_words"].fillna(0).astype("int64")
    else:
        n_words = units["text"].map(count_words).astype("int64")
    prepared = pd.DataFrame({
        "unit_id": unit_ids(units),
        "speaker": _column(units, "speaker", "string"),
        "start": _column(units, "start", "float64"),
        "n_words": n_words,
    }).reset_index(drop=True)
    prepared["time_bin"] = _time_bins(prepared["start"], bin_size)
    return prepared


def unit_ids(units: pd.DataFrame) -> pd.Series:
    """The id of each unit as a string: the id ``tag_themes`` gives it
    (``tag.units.unit_id_column``), written as text so that tags of any id dtype join."""
    return unit_id_column(units).astype("string")


def _column(frame: pd.DataFrame, name: str, dtype: str) -> pd.Series:
    if name in frame.columns:
        return frame[name].astype(pd.api.types.pandas_dtype(dtype)).reset_index(drop=True)
    fill = math.nan if dtype == "float64" else pd.NA
    return pd.Series([fill] * len(frame), dtype=dtype)


def _count_tags(tags: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    grouped = tags.groupby(keys, dropna=False, sort=False)
    return grouped.agg(n_tags=("theme", "size"), n_units=("unit_id", "nunique")).reset_index()


def _theme_grid(tags: pd.DataFrame, units: pd.DataFrame | None,
                group_keys: list[str]) -> pd.DataFrame:
    """Every theme × every group seen in the units (or, without units, in the tags)."""
    theme_frame = pd.DataFrame({"theme": pd.Series(sorted(tags["theme"].unique()),
                                                   dtype="string")})
    if not group_keys:
        return theme_frame
    seen = units if units is not None else tags
    groups = seen[group_keys].drop_duplicates()
    if units is not None:  # tags may name groups the units lack (another speaker label)
        groups = pd.concat([groups, tags[group_keys]]).drop_duplicates()
    if "time_bin" in group_keys:
        groups = _fill_bins(groups, group_keys)
    return theme_frame.merge(groups, how="cross")


def _fill_bins(groups: pd.DataFrame, group_keys: list[str]) -> pd.DataFrame:
    """Add the empty bins between the first and the last, so that time has no holes."""
    bins = groups["time_bin"].dropna()
    if bins.empty:
        return groups
    all_bins = pd.Series(range(int(bins.min()), int(bins.max()) + 1), dtype="Int64",
                         name="time_bin")
    if group_keys == ["time_bin"]:
        return pd.concat([all_bins.to_frame(), groups[groups["time_bin"].isna()]])
    others = groups[[k for k in group_keys if k != "time_bin"]].drop_duplicates()
    full = others.merge(all_bins.to_frame(), how="cross")
    return pd.concat([full, groups]).drop_duplicates()[group_keys]


#: Seconds by which a tag's start may differ from its unit's before the two tables are
#: taken for different tables.
_UNIT_START_TOLERANCE = 0.5


def _check_same_units(tags: pd.DataFrame, units: pd.DataFrame) -> None:
    """Warn when the tags were made on another table than ``units``.

    Sentence ids and turn ids are both 0, 1, 2…: themes of sentences with ``units=turns``
    found every id and gave wrong shares of talk without a word. A tag keeps its unit's
    start, so starts that differ for the same id betray the mix-up.
    """
    starts = tags[["unit_id", "start"]].merge(
        units[["unit_id", "start"]].drop_duplicates("unit_id"), on="unit_id",
        suffixes=("", "_unit"))
    both = starts["start"].notna() & starts["start_unit"].notna()
    differ = both & ((starts["start"] - starts["start_unit"]).abs() > _UNIT_START_TOLERANCE)
    if differ.any():
        warnings.warn(
            f"{int(differ.sum())} of {int(both.sum())} tags start at another time than the "
            "unit of the same id in `units`: were the themes tagged on another table "
            "(sentences vs turns)? Rates and shares of talk are then wrong",
            UserWarning, stacklevel=4)


def _add_word_rates(table: pd.DataFrame, tags: pd.DataFrame, units: pd.DataFrame,
                    keys: list[str], group_keys: list[str]) -> pd.DataFrame:
    missing = set(tags["unit_id"].dropna()) - set(units["unit_id"].dropna())
    if missing:
        warnings.warn(
            f"{len(missing)} tagged unit id(s) are not in `units` (e.g. {sorted(missing)[:3]}); "
            "their words are missing from share_of_talk", UserWarning, stacklevel=3)
    _check_same_units(tags, units)
    if group_keys:
        totals = (units.groupby(group_keys, dropna=False)["n_words"].sum()
                  .rename("n_words").reset_index())
        table = table.merge(totals, on=group_keys, how="left")
    else:
        table["n_words"] = int(units["n_words"].sum())
    # Words of the units carrying each theme, grouped by the unit's own speaker/bin.
    tagged = tags[["unit_id", "theme"]].drop_duplicates().merge(units, on="unit_id")
    theme_words = (tagged.groupby(keys, dropna=False)["n_words"].sum()
                   .rename("theme_words").reset_index())
    table = table.merge(theme_words, on=keys, how="left")
    table["n_words"] = table["n_words"].fillna(0)
    words = table["n_words"].astype("float64").replace(0.0, math.nan)
    table["rate_per_1000_words"] = table["n_tags"] / words * 1000
    table["share_of_talk"] = table["theme_words"].fillna(0).astype("float64") / words
    return table


def theme_cooccurrence(themes: pd.DataFrame) -> pd.DataFrame:
    """Pairs of themes tagged in the same unit.

    Returns:
        One row per pair found at least once: ``theme_a`` < ``theme_b`` (alphabetical),
        ``n_units`` (units holding both), ``n_units_a``, ``n_units_b`` (units holding each),
        ``jaccard`` (``n_units`` / units holding either, 0–1); sorted by ``n_units``, most
        frequent first.
    """
    if not isinstance(themes, pd.DataFrame) or not {"unit_id", "theme"} <= set(themes.columns):
        raise CoopanalysisError("themes must be a DataFrame with 'unit_id' and 'theme' columns")
    pairs_of_unit = (themes[["unit_id", "theme"]].dropna().astype("string").drop_duplicates()
                     .groupby("unit_id")["theme"].agg(lambda s: sorted(set(s))))
    units_per_theme: Counter[str] = Counter()
    pair_counts: Counter[tuple[str, str]] = Counter()
    for unit_themes in pairs_of_unit:
        units_per_theme.update(unit_themes)
        pair_counts.update(combinations(unit_themes, 2))
    rows = [{"theme_a": a, "theme_b": b, "n_units": n,
             "n_units_a": units_per_theme[a], "n_units_b": units_per_theme[b],
             "jaccard": n / (units_per_theme[a] + units_per_theme[b] - n)}
            for (a, b), n in pair_counts.items()]
    table = conform(pd.DataFrame(rows, columns=list(schema.THEME_COOCCURRENCE)),
                    schema.THEME_COOCCURRENCE)
    return table.sort_values(["n_units", "theme_a", "theme_b"], ascending=[False, True, True],
                             kind="stable").reset_index(drop=True)


def theme_pivot(
    long_df: pd.DataFrame,
    *,
    index: str | None = None,
    columns: str = "theme",
    values: str = "n_tags",
    fill_value: float | None = 0,
) -> pd.DataFrame:
    """Wide view of a ``theme_stats`` table: one row per ``index``, one column per theme.

    Args:
        long_df: a ``theme_stats`` result (or any tidy table).
        index: the row key; default ``"speaker"`` when present, else ``"time_bin"``, else
            ``"theme"`` (then ``columns`` must be another column).
        columns: the column key (default ``"theme"``).
        values: the measure (``n_tags``, ``rate_per_1000_words``, ``share_of_talk``…).
        fill_value: value of empty cells (0 for counts; pass ``None`` to keep NaN).

    Example:
        ``theme_pivot(theme_stats(tags, units=turns, by="speaker"), values="share_of_talk")``
        gives speakers × themes. NA speakers stay a row of their own.
    """
    if index is None:
        index = next((k for k in ("speaker", "time_bin") if k in long_df.columns), "theme")
    missing = [c for c in (index, columns, values) if c not in long_df.columns]
    if missing:
        raise CoopanalysisError(f"theme_pivot: no column(s) {missing} in the table "
                                f"(columns: {list(long_df.columns)})")
    if index == columns:
        raise CoopanalysisError(f"theme_pivot: index and columns are both {index!r}")
    grouped = long_df.groupby([index, columns], dropna=False, sort=True)[values].sum(min_count=1)
    wide = grouped.unstack(columns)
    if fill_value is not None:
        wide = wide.fillna(fill_value)
    wide.columns.name = columns
    return wide


# --------------------------------------------------------------------------- quotes

QUOTE_REPORT_COLUMNS: tuple[str, ...] = tuple(schema.QUOTE_REPORT)


def quote_report(aligned: pd.DataFrame, *, quotes: pd.DataFrame | None = None) -> pd.DataFrame:
    """The fact-check table of an article: per quote, where it was said and how faithfully.

    Args:
        aligned: ``align_quotes`` output (``schema.ALIGNED``).
        quotes: the article's quotes (``schema.QUOTES``), to bring the printed ``text``
            when ``aligned`` does not carry it.

    Returns:
        One row per quote: ``quote_id``, ``speaker``, ``stated_start`` (s, NaN when the
        article gives no time), ``stated_hms`` / ``stated_minsec`` (``00:20:24`` /
        ``20min24``), ``start`` (found time, s, NaN when unmatched), ``start_hms`` /
        ``start_minsec``, ``offset`` (start − stated_start, s), ``status``
        (matched | uncertain | unmatched), ``score``, ``fidelity`` (0–1), ``verdict``
        (verbatim | edited | altered), ``diff``, ``text`` (as printed), ``transcript_text``
        (as spoken), ``transcript_speaker``, ``warning``; then any other columns of
        ``aligned`` (``replay_link``…). Times that are missing are NA strings.
    """
    if not isinstance(aligned, pd.DataFrame):
        raise CoopanalysisError(f"expected the aligned quotes DataFrame, got "
                                f"{type(aligned).__name__}")
    report = aligned.copy().reset_index(drop=True)
    if quotes is not None and "text" in quotes.columns:
        # The printed text fills the rows whose aligned table lacks it (a table built by hand).
        printed = dict(zip(quotes["quote_id"].astype(str), quotes["text"], strict=True))
        from_quotes = report["quote_id"].astype(str).map(printed).astype("string")
        report["text"] = (report["text"].astype("string").fillna(from_quotes)
                          if "text" in report.columns else from_quotes)
    for name in ("stated_start", "start"):  # the times must be numbers to be formatted
        if name in report.columns:
            report[name] = report[name].astype(float)
    for prefix, name in (("stated", "stated_start"), ("start", "start")):
        seconds = report[name] if name in report.columns else pd.Series(
            math.nan, index=report.index)
        report[f"{prefix}_hms"] = _formatted(seconds, format_hms)
        report[f"{prefix}_minsec"] = _formatted(seconds, format_minsec)
    return conform(report, schema.QUOTE_REPORT)


def _formatted(seconds: pd.Series, formatter: Any) -> pd.Series:
    values = [formatter(float(s)) if not pd.isna(s) and s >= 0 else pd.NA for s in seconds]
    return pd.Series(values, index=seconds.index, dtype="string")
