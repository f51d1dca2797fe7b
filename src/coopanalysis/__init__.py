"""coopanalysis: analyse recorded round tables as pandas DataFrames.

The pipeline, module by module::

    read      transcript.py (+ formats/), article.py      → cues, words, quotes
    align     align.py                                     → aligned quotes, fact-check
    tag       speakers.py, themes.py                       → speakers, turns, themes
    analyse   stats.py, plots.py                           → statistics, figures
    export    export.py, qdpx.py, report.py                → CSV/Parquet/Excel, REFI-QDA, HTML
    run       analysis.py, corpus.py, cli.py               → one call, many replays, the command

Public names are imported on first use (PEP 562) so that ``import coopanalysis``
stays fast and spaCy is only loaded when a function needs it.
"""

from __future__ import annotations

import importlib
from typing import Any

from coopanalysis.errors import (
    AlignmentError,
    ArticleError,
    CodebookError,
    CoopanalysisError,
    DiarizationError,
    TimecodeError,
    TranscriptError,
)
from coopanalysis.model import Article, Transcript
from coopanalysis.timecode import find_timestamps, format_hms, format_minsec, parse_time

__version__ = "0.1.0"

# Public name → module that defines it.
_LAZY: dict[str, str] = {
    "read_transcript": "coopanalysis.read.transcript",
    "write_vtt": "coopanalysis.read.transcript",
    "write_srt": "coopanalysis.read.transcript",
    "read_article": "coopanalysis.read.article.parse",
    "align_quotes": "coopanalysis.align.aligner",
    "estimate_offset": "coopanalysis.align.aligner",
    "tag_speakers": "coopanalysis.tag.speakers",
    "read_rttm": "coopanalysis.tag.speakers",
    "turns": "coopanalysis.tag.speakers",
    "sentences": "coopanalysis.tag.speakers",
    "load_codebook": "coopanalysis.tag.themes",
    "default_codebook": "coopanalysis.tag.themes",
    "tag_themes": "coopanalysis.tag.themes",
    "entities": "coopanalysis.tag.themes",
    "Codebook": "coopanalysis.tag.themes",
    "speaker_stats": "coopanalysis.analyse.stats",
    "theme_stats": "coopanalysis.analyse.stats",
    "theme_pivot": "coopanalysis.analyse.stats",
    "quote_report": "coopanalysis.analyse.stats",
    "write_tables": "coopanalysis.export.tables",
    "replay_links": "coopanalysis.export.tables",
    "write_qdpx": "coopanalysis.export.qdpx",
    "read_qdpx": "coopanalysis.export.qdpx",
    "write_report": "coopanalysis.export.report",
    "analyze": "coopanalysis.run.analysis",
    "Analysis": "coopanalysis.run.analysis",
    "analyze_corpus": "coopanalysis.run.corpus",
    "CorpusResult": "coopanalysis.run.corpus",
}

__all__ = [
    "AlignmentError",
    "Article",
    "ArticleError",
    "CodebookError",
    "CoopanalysisError",
    "DiarizationError",
    "TimecodeError",
    "Transcript",
    "TranscriptError",
    "find_timestamps",
    "format_hms",
    "format_minsec",
    "parse_time",
    *_LAZY,
]


def __getattr__(name: str) -> Any:
    module_name = _LAZY.get(name)
    if module_name is None:
        raise AttributeError(f"module 'coopanalysis' has no attribute {name!r}")
    value = getattr(importlib.import_module(module_name), name)
    globals()[name] = value  # later lookups skip this function
    return value


def __dir__() -> list[str]:
    return sorted(__all__)

