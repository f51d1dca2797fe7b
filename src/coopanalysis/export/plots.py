"""Figures with matplotlib: who speaks when, share of voice, themes over time and by speaker.

Each function draws a table of the analysis (turns, ``speaker_stats``, ``theme_stats``) and
returns a ``matplotlib.figure.Figure`` (no pyplot, no global state; notebooks show it as a
PNG); it draws on ``ax`` when one is given. Empty inputs give a figure saying there is
nothing to draw. See ``docs/analysis.md``.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
from matplotlib.figure import Figure  # matplotlib's object API; pyplot is never imported

from coopanalysis.export.readable import mmss
from coopanalysis.model import Transcript

if TYPE_CHECKING:
    from matplotlib.axes import Axes

NO_SPEAKER = "(no speaker)"
# Quote markers by alignment status; unmatched quotes have no found time to mark.
_QUOTE_STYLES: dict[str, dict[str, Any]] = {
    "matched": {"color": "black", "linestyle": "-", "linewidth": 1.2},
    "uncertain": {"color": "tab:orange", "linestyle": "--", "linewidth": 1.2},
}


class NotebookFigure(Figure):
    """A matplotlib Figure that Jupyter displays as a PNG, with or without a pyplot backend."""

    def _repr_png_(self) -> bytes:
        buffer = io.BytesIO()
        self.savefig(buffer, format="png", dpi=100, bbox_inches="tight")
        return buffer.getvalue()


def _axes(ax: Axes | None, *, size: tuple[float, float]) -> tuple[Figure, Axes]:
    if ax is not None:
        figure = ax.get_figure()
        assert figure is not None  # an Axes always belongs to a figure
        return figure, ax  # type: ignore[return-value]
    figure = NotebookFigure(figsize=size, layout="constrained")
    return figure, figure.add_subplot()


def _empty(figure: Figure, ax: Axes, message: str) -> Figure:
    ax.text(0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes,
            color="dimgray")
    ax.set_xticks([])
    ax.set_yticks([])
    return figure


#: Tick spacings of time axes, in minutes: the first giving at most ``_MAX_TICKS`` ticks.
_TICK_MINUTES: tuple[int, ...] = (1, 2, 5, 10, 15, 20, 30, 60, 120)
_MAX_TICKS = 12


def minute_label(seconds: float) -> str:
    """``"15 min"``, ``"1 h 05"`` for a tick at a round minute."""
    if abs(seconds - 60 * round(seconds / 60)) > 0.5:  # not a round minute
        return mmss(max(seconds, 0.0))
    minutes = round(max(seconds, 0.0) / 60)
    hours, rest = divmod(minutes, 60)
    return f"{hours} h {rest:02d}" if hours else f"{minutes} min"


def _clock_axis(ax: Axes, *, axis: str = "x") -> None:
    """Ticks at round minutes (every 1, 2, 5, 10, 15… min), labelled ``15 min``."""
    from matplotlib.ticker import FuncFormatter, MultipleLocator

    low, high = ax.get_xlim() if axis == "x" else sorted(ax.get_ylim())
    span_minutes = max(high - low, 1.0) / 60
    step = next((m for m in _TICK_MINUTES if span_minutes / m <= _MAX_TICKS), _TICK_MINUTES[-1])
    target = ax.xaxis if axis == "x" else ax.yaxis
    target.set_major_locator(MultipleLocator(step * 60))
    target.set_major_formatter(FuncFormatter(lambda value, _pos: minute_label(value)))


def _speaker_names(values: pd.Series) -> pd.Series:
    return values.astype("string").fillna(NO_SPEAKER).astype(str)


# --------------------------------------------------------------------------- timeline


def plot_speaker_timeline(
    transcript: Transcript | pd.DataFrame,
    aligned: pd.DataFrame | None = None,
    *,
    ax: Axes | None = None,
) -> Figure:
    """Who speaks when: one lane per speaker, a bar per cue (or turn), quotes marked.

    Args:
        transcript: a Transcript, its cues, or a turns table (any DataFrame with
            ``start``, ``end``, ``speaker``).
        aligned: ``align_quotes`` output; each located quote is a vertical line at its
            found ``start`` (solid: matched, dashed orange: uncertain) labelled with its
            ``quote_id``; a small triangle on top marks the time the article states.
        ax: draw here instead of on a new figure.

    Lanes are ordered by first appearance, top to bottom; time ticks read ``H:MM:SS``.
    """
    figure, ax = _axes(ax, size=(11, 3.5))
    spans = transcript.cues if isinstance(transcript, Transcript) else transcript
    spans = spans.dropna(subset=["start", "end"]) if len(spans) else spans
    if not len(spans):
        return _empty(figure, ax, "No timed speech to draw")
    names = _speaker_names(spans["speaker"] if "speaker" in spans.columns
                           else pd.Series(pd.NA, index=spans.index))
    order = list(dict.fromkeys(names))  # first appearance
    colours = _colour_cycle(len(order))
    for lane, speaker in enumerate(order):
        mine = spans[(names == speaker).to_numpy()]
        bars = list(zip(mine["start"], (mine["end"] - mine["start"]).clip(lower=0), strict=True))
        ax.broken_barh(bars, (lane - 0.4, 0.8), facecolors=colours[lane], label=speaker)
    ax.set_yticks(range(len(order)), order)
    ax.set_xlim(0, float(spans["end"].max()) * 1.01)
    rows = _label_rows(aligned, span=float(spans["end"].max()))
    n_rows = max(rows.values(), default=-1) + 1
    ax.set_ylim(len(order) - 0.5, -0.5 - (0.6 + 0.35 * n_rows if aligned is not None else 0))
    if aligned is not None and len(aligned):
        _mark_quotes(ax, aligned, rows)
    _clock_axis(ax)
    ax.set_xlabel("time in the replay")
    ax.set_title("Who speaks when")
    ax.grid(axis="x", alpha=0.3)
    return figure


def _label_rows(aligned: pd.DataFrame | None, *, span: float) -> dict[int, int]:
    """A text row for each located quote's label (by row position), so that labels closer
    than 4 % of the time span go to different rows instead of overlapping."""
    if aligned is None or not len(aligned):
        return {}
    gap = 0.04 * max(span, 1.0)
    located = [(float(start), i) for i, (start, status) in enumerate(
        zip(aligned["start"], aligned["status"], strict=True))
        if str(status) in _QUOTE_STYLES and not pd.isna(start)]
    last_in_row: list[float] = []
    rows: dict[int, int] = {}
    for start, i in sorted(located):
        row = next((r for r, last in enumerate(last_in_row) if start - last >= gap), None)
        if row is None:
            last_in_row.append(start)
            row = len(last_in_row) - 1
        last_in_row[row] = start
        rows[i] = row
    return rows


def _mark_quotes(ax: Axes, aligned: pd.DataFrame, rows: dict[int, int]) -> None:
    from matplotlib.lines import Line2D

    top = ax.get_ylim()[1]  # y grows downwards: the top limit is the smaller value
    for i, quote in enumerate(aligned.to_dict("records")):
        start, status = quote.get("start"), quote.get("status")
        label = "" if pd.isna(quote.get("quote_id")) else str(quote.get("quote_id"))
        style = _QUOTE_STYLES.get(str(status))
        if style is not None and not pd.isna(start):
            ax.axvline(float(start), gid=f"quote:{label}", **style)
            ax.text(float(start), top + 0.4 + 0.35 * rows.get(i, 0), label, fontsize=7,
                    va="center", ha="center", gid=f"label:{label}",
                    bbox={"boxstyle": "round,pad=0.1", "facecolor": "white",
                          "edgecolor": "none", "alpha": 0.8})
        stated = quote.get("stated_start")
        if stated is not None and not pd.isna(stated):
            ax.plot([float(stated)], [top + 0.12], marker="v", color="tab:red",
                    markersize=5, linestyle="none", gid=f"stated:{label}")
    handles = [Line2D([], [], label=f"quote found ({status})", **style)
               for status, style in _QUOTE_STYLES.items()]
    handles.append(Line2D([], [], marker="v", color="tab:red", linestyle="none",
                          markersize=5, label="time stated in the article"))
    ax.legend(handles=handles, fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1),
              frameon=False)


def _colour_cycle(n: int) -> list[Any]:
    from matplotlib import colormaps

    palette = colormaps["tab10" if n <= 10 else "tab20"]
    return [palette(i % palette.N) for i in range(n)]


# --------------------------------------------------------------------------- share of voice


def plot_share_of_voice(stats_or_transcript: pd.DataFrame | Transcript, *,
                        ax: Axes | None = None) -> Figure:
    """Share of speaking time per speaker, as horizontal bars (largest on top).

    Args:
        stats_or_transcript: ``speaker_stats`` output (``speaker``, ``share``,
            ``speaking_time``), or a Transcript / cues table to compute it from.
        ax: draw here instead of on a new figure.

    Each bar is labelled with its percentage and speaking time (``H:MM:SS``).
    """
    from coopanalysis.analyse.stats import speaker_stats

    figure, ax = _axes(ax, size=(8, 3.5))
    if isinstance(stats_or_transcript, Transcript) or "share" not in stats_or_transcript:
        stats = speaker_stats(stats_or_transcript)
    else:
        stats = stats_or_transcript
    stats = stats.dropna(subset=["share"])
    if not len(stats):
        return _empty(figure, ax, "No speaking time to share")
    stats = stats.sort_values("share", ascending=True, kind="stable")
    names = _speaker_names(stats["speaker"]).tolist()
    shares = stats["share"].astype(float).to_numpy() * 100
    bars = ax.barh(names, shares, color="tab:blue")
    times = stats["speaking_time"] if "speaking_time" in stats else [np.nan] * len(stats)
    labels = [f"{share:.0f} %" + ("" if pd.isna(t) else f" · {mmss(float(t))}")
              for share, t in zip(shares, times, strict=True)]
    ax.bar_label(bars, labels, padding=3, fontsize=8)
    ax.set_xlim(0, 100)  # a share is read against the whole
    ax.set_xticks(range(0, 101, 20), [f"{v} %" for v in range(0, 101, 20)])
    ax.set_xlabel("share of speaking time")
    ax.set_title("Share of voice")
    return figure


# --------------------------------------------------------------------------- themes


def plot_theme_heatmap(stats_or_themes: pd.DataFrame, *, bin_size: float = 300,
                       ax: Axes | None = None) -> Figure:
    """Themes over time: tags per theme (rows) and time bin (columns), darker = more.

    Args:
        stats_or_themes: ``theme_stats(..., by="time_bin")`` output (then its ``bin_size``
            is used), or the tags (``schema.THEMES``) to count.
        bin_size: seconds per column (default 5 minutes) when given the tags.
        ax: draw here instead of on a new figure.

    Each cell holds its count; columns are labelled by the start of their bin.
    """
    from coopanalysis.analyse.stats import theme_pivot, theme_stats

    figure, ax = _axes(ax, size=(11, 4.5))
    if _is_stats(stats_or_themes, "time_bin"):
        stats = stats_or_themes.dropna(subset=["time_bin"])
        if len(stats):
            bin_size = float((stats["bin_end"] - stats["bin_start"]).iloc[0])
    else:
        themes = stats_or_themes
        timed = (themes.dropna(subset=["start"]) if "start" in themes and len(themes)
                 else themes[:0])
        stats = theme_stats(timed, by="time_bin", bin_size=bin_size) if len(timed) else timed
    if not len(stats) or not stats["n_tags"].sum():
        return _empty(figure, ax, "No timed theme tags to draw")
    counts = theme_pivot(stats, index="theme", columns="time_bin")
    image = ax.imshow(counts.to_numpy(dtype=float), aspect="auto", cmap="Blues",
                      interpolation="nearest")
    ax.set_yticks(range(len(counts.index)), [str(t) for t in counts.index])
    starts = [minute_label(float(b) * bin_size) for b in counts.columns]
    step = max(1, len(starts) // 12)
    ax.set_xticks(range(0, len(starts), step), starts[::step], rotation=45, ha="right")
    if counts.size <= 300:  # numbers stay readable
        peak = float(counts.to_numpy().max()) or 1.0
        for (row, col), value in np.ndenumerate(counts.to_numpy()):
            if value:
                ax.text(col, row, f"{value:.0f}", ha="center", va="center", fontsize=7,
                        color="white" if value > peak / 2 else "black")
    from matplotlib.ticker import MaxNLocator

    bar = figure.colorbar(image, ax=ax, label="tags")
    bar.locator = MaxNLocator(integer=True)  # counts: whole numbers only
    bar.update_ticks()
    ax.set_xlabel(f"time bin ({bin_size / 60:g} min), start")
    ax.set_title("Themes over time")
    return figure


def plot_themes_by_speaker(stats_or_themes: pd.DataFrame, *, ax: Axes | None = None
                           ) -> Figure:
    """Tags per theme, one stacked segment per speaker (horizontal bars, most tagged on top).

    Args:
        stats_or_themes: ``theme_stats(..., by="speaker")`` output
            (``Analysis.theme_stats_by_speaker``), or the tags (``schema.THEMES``) to count.
        ax: draw here instead of on a new figure.

    Speakers without any tag get no segment.
    """
    from coopanalysis.analyse.stats import theme_pivot, theme_stats

    figure, ax = _axes(ax, size=(10, 4.5))
    long: pd.DataFrame | None = stats_or_themes
    if not _is_stats(stats_or_themes, "speaker"):
        long = theme_stats(stats_or_themes, by="speaker") if len(stats_or_themes) else None
    if long is None or not len(long) or not long["n_tags"].sum():
        return _empty(figure, ax, "No theme tags to draw")
    counts = theme_pivot(long, index="theme", columns="speaker")
    counts = counts.loc[:, (counts.sum(axis=0) > 0).to_numpy()]  # speakers never tagged
    counts.columns = [NO_SPEAKER if pd.isna(c) else str(c) for c in counts.columns]
    counts = counts.loc[counts.sum(axis=1).sort_values(kind="stable").index]
    colours = _colour_cycle(len(counts.columns))
    left = np.zeros(len(counts))
    labels = [str(t) for t in counts.index]
    for i, speaker in enumerate(counts.columns):
        values = counts[speaker].to_numpy(dtype=float)
        ax.barh(labels, values, left=left, color=colours[i], label=speaker)
        left += values
    ax.set_xlabel("tags")
    ax.set_title("Themes by speaker")
    ax.legend(fontsize=7, loc="lower right", frameon=False)
    return figure


def _is_stats(frame: pd.DataFrame, key: str) -> bool:
    """A ``theme_stats`` table grouped by ``key`` (not the tags themselves)."""
    return {"theme", key, "n_tags"} <= set(frame.columns)
