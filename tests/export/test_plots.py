"""Figures render to PNG and hold the expected artists (no screenshot comparison)."""

from __future__ import annotations

import io
import math

import pandas as pd
import pytest
from matplotlib.collections import PolyCollection
from matplotlib.figure import Figure
from matplotlib.image import AxesImage

from coopanalysis.analyse.stats import speaker_stats
from coopanalysis.export.plots import (
    NO_SPEAKER,
    plot_share_of_voice,
    plot_speaker_timeline,
    plot_theme_heatmap,
    plot_themes_by_speaker,
)
from coopanalysis.model import Transcript
from coopanalysis.schema import ALIGNED, CUES, THEMES, conform

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

CUES_TABLE = conform(pd.DataFrame({
    "cue_id": [0, 1, 2, 3, 4],
    "start": [0.0, 4.0, 9.0, 15.0, 20.0],
    "end": [4.0, 10.0, 15.0, 18.0, 22.0],
    "speaker": ["Alice", "Alice", "Bob", "Alice", pd.NA],
    "text": ["un deux", "trois", "quatre cinq", "six", "sept"],
}), CUES)
TRANSCRIPT = Transcript(cues=CUES_TABLE)
ALIGNED_TABLE = conform(pd.DataFrame({
    "quote_id": ["q01", "q02", "q03"],
    "stated_start": [5.0, 12.0, 30.0],
    "start": [4.5, 10.0, math.nan],
    "status": ["matched", "uncertain", "unmatched"],
}), ALIGNED)
TAGS = conform(pd.DataFrame({
    "unit_id": ["0", "0", "2", "3", "4"],
    "speaker": ["Alice", "Alice", "Bob", "Alice", pd.NA],
    "start": [0.0, 0.0, 9.0, 400.0, 700.0],
    "end": [4.0, 4.0, 15.0, 410.0, 710.0],
    "theme": ["cooperation", "trust_time", "cooperation", "cooperation", "trust_time"],
    "char_start": [0, 3, 0, 0, 0],
    "char_end": [2, 5, 6, 3, 4],
}), THEMES)


def png_bytes(figure: Figure) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=60)
    data = buffer.getvalue()
    assert data.startswith(PNG_SIGNATURE) and len(data) > 1000
    return data


def test_figures_leave_no_pyplot_state_behind() -> None:
    import matplotlib.pyplot as plt

    before = plt.get_fignums()
    for _ in range(3):
        png_bytes(plot_share_of_voice(TRANSCRIPT))
    assert plt.get_fignums() == before  # nothing to close in loops and servers


def test_speaker_timeline_draws_a_lane_per_speaker_and_marks_quotes() -> None:
    figure = plot_speaker_timeline(TRANSCRIPT, ALIGNED_TABLE)
    png_bytes(figure)
    ax = figure.axes[0]
    lanes = [c for c in ax.collections if isinstance(c, PolyCollection)]
    assert len(lanes) == 3  # Alice, Bob, no speaker
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Alice", "Bob", NO_SPEAKER]
    assert len(lanes[0].get_paths()) == 3  # Alice's three cues
    quote_lines = {line.get_gid(): line for line in ax.get_lines()
                   if str(line.get_gid()).startswith("quote:")}
    assert set(quote_lines) == {"quote:q01", "quote:q02"}  # unmatched q03 has no found time
    assert quote_lines["quote:q01"].get_xdata()[0] == pytest.approx(4.5)
    assert quote_lines["quote:q02"].get_linestyle() == "--"
    stated = [line for line in ax.get_lines() if str(line.get_gid()).startswith("stated:")]
    assert len(stated) == 3
    assert ax.xaxis.get_major_formatter()(75.0, 0) == "1:15"
    assert ax.xaxis.get_major_formatter()(300.0, 0) == "5 min"
    ticks = [t for t in ax.get_xticks() if 0 <= t <= ax.get_xlim()[1]]
    assert ticks and all(t % 60 == 0 for t in ticks)  # round minutes


def test_speaker_timeline_accepts_turns_and_an_axes() -> None:
    from coopanalysis.tag.speakers import turns as speaker_turns

    figure = Figure()
    ax = figure.add_subplot()
    returned = plot_speaker_timeline(speaker_turns(CUES_TABLE), ax=ax)
    assert returned is figure
    lanes = [c for c in ax.collections if isinstance(c, PolyCollection)]
    assert len(lanes[0].get_paths()) == 2  # Alice's two turns
    png_bytes(figure)


def test_share_of_voice_bars_equal_shares() -> None:
    stats = speaker_stats(TRANSCRIPT)
    figure = plot_share_of_voice(stats)
    png_bytes(figure)
    ax = figure.axes[0]
    widths = {label.get_text(): patch.get_width()
              for label, patch in zip(ax.get_yticklabels(), ax.patches, strict=True)}
    # Alice 13 s, Bob 6 s, nobody 2 s of 21 s.
    assert widths["Alice"] == pytest.approx(100 * 13 / 21)
    assert widths["Bob"] == pytest.approx(100 * 6 / 21)
    assert widths[NO_SPEAKER] == pytest.approx(100 * 2 / 21)
    texts = [t.get_text() for t in ax.texts]
    assert "62 % · 0:13" in texts
    assert ax.get_xlim() == (0, 100)  # shares read against the whole


def test_theme_heatmap_cells_hold_counts_per_bin() -> None:
    figure = plot_theme_heatmap(TAGS, bin_size=300)
    png_bytes(figure)
    ax = figure.axes[0]
    images = [a for a in ax.get_children() if isinstance(a, AxesImage)]
    assert len(images) == 1
    cells = images[0].get_array()
    # Rows cooperation, trust_time; bins 0 (0–300 s), 1 (300–600), 2 (600–900).
    assert cells.tolist() == [[2, 1, 0], [1, 0, 1]]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["cooperation", "trust_time"]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["0 min", "5 min", "10 min"]
    assert len(figure.axes) == 2  # the colour bar
    colour_bar = figure.axes[1]
    ticks = [t for t in colour_bar.get_yticks() if 0 <= t <= 2]
    assert ticks and all(float(t).is_integer() for t in ticks)  # whole counts


def test_themes_by_speaker_stacks_speakers() -> None:
    figure = plot_themes_by_speaker(TAGS)
    png_bytes(figure)
    ax = figure.axes[0]
    assert len(ax.patches) == 2 * 3  # 2 themes × (Alice, Bob, no speaker)
    totals: dict[float, float] = {}
    for patch in ax.patches:
        totals[patch.get_y()] = totals.get(patch.get_y(), 0) + patch.get_width()
    assert sorted(totals.values()) == [2, 3]  # trust_time 2 tags, cooperation 3
    legend = ax.get_legend()
    assert legend is not None
    assert [t.get_text() for t in legend.get_texts()] == ["Alice", "Bob", NO_SPEAKER]


@pytest.mark.parametrize("draw", [
    lambda: plot_speaker_timeline(Transcript(cues=CUES_TABLE.iloc[:0])),
    lambda: plot_share_of_voice(Transcript(cues=CUES_TABLE.iloc[:0])),
    lambda: plot_theme_heatmap(TAGS.iloc[:0]),
    lambda: plot_themes_by_speaker(TAGS.iloc[:0]),
])
def test_empty_inputs_give_a_readable_empty_figure(draw) -> None:  # type: ignore[no-untyped-def]
    figure = draw()
    png_bytes(figure)
    assert any("No " in t.get_text() for t in figure.axes[0].texts)


def test_figures_show_themselves_in_notebooks() -> None:
    # Jupyter calls _repr_png_ when no pyplot backend registered a formatter.
    data = plot_share_of_voice(TRANSCRIPT)._repr_png_()  # type: ignore[attr-defined]
    assert data.startswith(PNG_SIGNATURE) and len(data) > 1000
