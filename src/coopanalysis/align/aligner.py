"""The aligner's entry points: ``align_quotes`` runs the four stages, ``estimate_offset``.

Stages, one module each: :mod:`~coopanalysis.align.tokens` (token stream, quotes),
:mod:`~coopanalysis.align.candidates` (n-gram index, windows), :mod:`~coopanalysis.align.local`
(word-level Smith–Waterman), :mod:`~coopanalysis.align.decide` (place, status, row); rules in
:mod:`~coopanalysis.align.rules`, the diff in :mod:`~coopanalysis.align.diff`. The stated time
only chooses between places that match on their own: it never creates a match.
See ``docs/align.md``.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd

from coopanalysis import schema
from coopanalysis.align.candidates import NgramIndex, search, sort_unique
from coopanalysis.align.decide import consensus, decide, first_pass_offset, location_score
from coopanalysis.align.diff import Op
from coopanalysis.align.rules import STATUS_RULES, VERDICT_RULES
from coopanalysis.align.tokens import Stream, build_stream, prepare_quote
from coopanalysis.align.verdict import edge_runs, language_of
from coopanalysis.errors import AlignmentError
from coopanalysis.model import Transcript
from coopanalysis.timecode import format_hms

__all__ = ["align_quotes", "estimate_offset"]

#: Transcript tokens read to tell its language (the first ones: a few minutes of speech).
LANGUAGE_SAMPLE = 5000


# --------------------------------------------------------------------------- public API


def align_quotes(
    quotes: pd.DataFrame,
    transcript: Transcript,
    *,
    max_offset: float | None = None,
    min_score: float = 0.6,
) -> pd.DataFrame:
    """Locate each quote in the transcript and compare the printed words with the spoken ones.

    Args:
        quotes: ``Article.quotes`` or any DataFrame with a ``text`` column; optional
            ``quote_id`` (missing or empty: ``row1``, ``row2``… by position), ``speaker``,
            ``stated_start`` (float seconds), ``clean_text``.
        transcript: a :class:`~coopanalysis.model.Transcript` (words used when present).
        max_offset: when given, a quote with a ``stated_start`` is only searched within
            ``stated_start ± max_offset`` seconds.
        min_score: location score (0–1) from which a single place is ``matched``.

    Returns:
        One row per quote, columns of ``schema.ALIGNED`` (``quote_id``, ``speaker``,
        ``stated_start``, ``start``, ``end`` in seconds, ``cue_ids``, ``transcript_text``,
        ``score``, ``status``, ``offset`` = start − stated_start, ``diff``,
        ``transcript_speaker``, ``fidelity``, ``verdict``, ``warning``, ``diff_ops``: the
        ``(kind, printed, spoken)`` operations ``diff`` is written from, ``()`` when
        unmatched), ``text`` (the printed quote, pandas ``string``) and ``n_tokens``.

    Raises:
        AlignmentError: when ``quotes`` has no ``text`` column, ``transcript`` has no cues,
            ``max_offset`` is not seconds ≥ 0 or ``min_score`` is not a number from 0 to 1.
    """
    _check_inputs(quotes, transcript)
    _check_options(max_offset=max_offset, min_score=min_score)
    stream = build_stream(transcript)
    index = NgramIndex(stream.codes)
    records: list[dict[str, Any]] = [
        {str(k): v for k, v in row.items()} for row in quotes.to_dict("records")]
    prepared = [prepare_quote(row, position, stream.vocab)
                for position, row in enumerate(records)]
    searches = [search(q, stream, index, prior=q.stated_start, max_offset=max_offset)
                for q in prepared]
    offset = first_pass_offset(prepared, searches)
    if math.isfinite(offset) and abs(offset) > STATUS_RULES["prior_tolerance"] / 2:
        # The first pass tried each stated time as printed; with a pre-roll, try it shifted.
        for q, hits in zip(prepared, searches, strict=True):
            if math.isfinite(q.stated_start):
                hits.extend(search(q, stream, index, prior=q.stated_start + offset,
                                   max_offset=max_offset, ngrams=False))
                sort_unique(hits)
    language = language_of(stream.tokens(0, min(len(stream.codes), LANGUAGE_SAMPLE)))[0]
    rows = [decide(q, hits, stream, offset=offset, min_score=min_score, language=language,
                   max_offset=max_offset)
            for q, hits in zip(prepared, searches, strict=True)]
    for k, row in enumerate(rows):
        thin = row.pop("thin", None)
        _mark_glued(row, stream, index, min_score=min_score)
        if thin is not None and not str(row.get("changes") or "").startswith("glued"):
            rows[k] = thin  # too few of its content words heard: no location
    frame = pd.DataFrame(rows, columns=list(schema.ALIGNED))
    return schema.conform(frame, schema.ALIGNED)


def estimate_offset(aligned: pd.DataFrame) -> float:
    """The replay-versus-article clock offset (seconds), from the ``matched`` rows.

    The median of ``start − stated_start`` over matched rows with a stated time, after
    dropping rows more than ``OFFSET_AGREEMENT`` seconds from that median. NaN when fewer
    than two rows agree or when they are not a majority of the timed matched rows.
    """
    if aligned.empty or "offset" not in aligned:
        return float("nan")
    mask = aligned["status"].astype("string").eq("matched").fillna(False)
    values = pd.to_numeric(aligned.loc[mask, "offset"], errors="coerce").dropna()
    return consensus(values.to_numpy(dtype=float))


# --------------------------------------------------------------------------- glued passages


def _mark_glued(row: dict[str, Any], stream: Stream, index: NgramIndex, *,
                min_score: float) -> None:
    """Name the second passage of a quote printed as one from two distant places.

    A long run of printed words not heard at one end of the match is searched on its own;
    found (``min_score``) more than ``glued_seconds`` away, the quote joins two passages:
    ``glued: 01:52 + 20:50`` replaces the changes found at this place.
    """
    if row.get("status") == "unmatched" or row.get("verdict") != "altered":
        return
    ops = [Op(*op) for op in row["diff_ops"]]
    for side, words in zip(("start", "end"), edge_runs(ops), strict=True):
        if len(words) <= VERDICT_RULES["edge_words"]:
            continue
        part = prepare_quote({"text": " ".join(words)}, 0, stream.vocab)
        hits = search(part, stream, index, prior=float("nan"), max_offset=None)
        if not hits or location_score(part, hits[0]) < min_score:
            continue
        if abs(hits[0].start - row["start"]) <= VERDICT_RULES["glued_seconds"]:
            continue
        here, there = format_hms(max(row["start"], 0.0)), format_hms(max(hits[0].start, 0.0))
        glued = f"glued: {there} + {here}" if side == "start" else f"glued: {here} + {there}"
        # The other passage's words explain every other difference found at this place.
        row["changes"] = glued
        return


# --------------------------------------------------------------------------- input checks


def _check_inputs(quotes: pd.DataFrame, transcript: Transcript) -> None:
    if not isinstance(quotes, pd.DataFrame) or "text" not in quotes.columns:
        columns = list(quotes.columns) if isinstance(quotes, pd.DataFrame) else type(quotes)
        raise AlignmentError(f"quotes need a 'text' column; got {columns}", "<quotes>")
    cues = getattr(transcript, "cues", None)
    if not isinstance(cues, pd.DataFrame) or not {"start", "end", "text", "cue_id"} <= set(cues):
        raise AlignmentError("transcript has no cues table with cue_id/start/end/text",
                             getattr(transcript, "source", "<transcript>"))


def _check_options(*, max_offset: Any, min_score: Any) -> None:
    # A negative or NaN max_offset, or a min_score above 1, made every quote unmatched
    # without a word; a string (from a config file) failed deep in the search.
    if max_offset is not None and not (_is_number(max_offset) and max_offset >= 0):
        raise AlignmentError(f"max_offset must be None or seconds ≥ 0; got {max_offset!r}",
                             "<arguments>")
    if not (_is_number(min_score) and 0 <= min_score <= 1):
        raise AlignmentError(f"min_score must be a number from 0 to 1; got {min_score!r}",
                             "<arguments>")


def _is_number(value: Any) -> bool:
    return (isinstance(value, int | float | np.integer | np.floating)
            and not isinstance(value, bool) and not math.isnan(value))
