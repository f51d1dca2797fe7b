"""Stage 4, analyse: statistics from the tagged tables.

In: cues/turns, themes and aligned quotes. Out: ``speaker_stats``, ``theme_stats`` (and its
``theme_pivot``), ``quote_report``. See ``docs/analysis.md``.
"""

from coopanalysis.analyse.stats import quote_report, speaker_stats, theme_pivot, theme_stats

__all__ = ["quote_report", "speaker_stats", "theme_pivot", "theme_stats"]
