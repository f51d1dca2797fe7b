"""coopanalysis: analyse recorded round tables as pandas DataFrames.

The pipeline, one package per stage (each imports only earlier stages and the core:
``errors``, ``schema``, ``model``, ``timecode``, ``nlp``, ``progress``, ``text``)::

    read      transcripts, captions, RTTM, articles    → cues, words, quotes, people
    align     quotes located in the transcript          → aligned quotes, verdicts, diff
    tag       speakers, turns/sentences, themes         → speakers, units, themes, entities
    analyse   statistics                                → speaker, theme and quote tables
    export    tables, figures, HTML, REFI-QDA           → files for people and other tools
    run       analyze, analyze_corpus, the CLI          → one call, many replays, the command

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
    "read_transcript": "coopanalysis.read",
    "write_vtt": "coopanalysis.read",
    "write_srt": "coopanalysis.read",
    "read_article": "coopanalysis.read",
    "align_quotes": "coopanalysis.align",
    "estimate_offset": "coopanalysis.align",
    "diff_table": "coopanalysis.align",
    "tag_speakers": "coopanalysis.tag",
    "read_rttm": "coopanalysis.read",
    "write_rttm": "coopanalysis.read.rttm",
    "diarize": "coopanalysis.tag.diarize",
    "turns": "coopanalysis.tag",
    "sentences": "coopanalysis.tag",
    "load_codebook": "coopanalysis.tag",
    "default_codebook": "coopanalysis.tag",
    "tag_themes": "coopanalysis.tag",
    "suggest_terms": "coopanalysis.tag",
    "ThemeModel": "coopanalysis.tag",
    "load_theme_model": "coopanalysis.tag",
    "train_theme_model": "coopanalysis.tag",
    "unsure_themes": "coopanalysis.tag",
    "codebook_fit": "coopanalysis.tag",
    "accuracy_note": "coopanalysis.tag",
    "entities": "coopanalysis.tag",
    "Codebook": "coopanalysis.tag",
    "speaker_stats": "coopanalysis.analyse",
    "theme_stats": "coopanalysis.analyse",
    "theme_pivot": "coopanalysis.analyse",
    "quote_report": "coopanalysis.analyse",
    "write_tables": "coopanalysis.export",
    "replay_links": "coopanalysis.export",
    "write_qdpx": "coopanalysis.export",
    "read_qdpx": "coopanalysis.export",
    "write_report": "coopanalysis.export",
    "analyze": "coopanalysis.run",
    "Analysis": "coopanalysis.run",
    "analyze_corpus": "coopanalysis.run",
    "CorpusResult": "coopanalysis.run",
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

