"""Who speaks: ``tag_speakers`` fills ``cues.speaker`` from the transcript's own labels, a
diarization (RTTM) and the matched quotes, in that order of trust.

A lower source never overwrites a higher one; every disagreement is kept in
``metadata["speaker_conflicts"]`` (``schema.CONFLICTS``) and in ``warnings``. Turns and
sentences are in :mod:`coopanalysis.tag.units`. See ``docs/speakers.md``.
"""

from __future__ import annotations

import math
import os
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from coopanalysis import schema
from coopanalysis.errors import AlignmentError, DiarizationError
from coopanalysis.model import Transcript
from coopanalysis.read.rttm import parse_rttm, read_rttm
from coopanalysis.schema import CONFLICTS, MAPPING, RTTM
from coopanalysis.tag.units import cues_frame, sentences, turns
from coopanalysis.text.normalize import fold
from coopanalysis.timecode import format_hms

# parse_rttm, read_rttm, sentences and turns lived here: re-exported for older imports.
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
# A cue lies "inside" a quote when at least this share of its duration is in the quote:
# the first and last cues of a match often hold words of the previous/next speaker.
_QUOTE_COVER = 0.5
# Zero-length cues (some readers emit them) are looked up over this window, in seconds.
_POINT_WINDOW = 0.001
# Overlaps closer than this (seconds) are ties: float noise must not pick a speaker.
_TIE_TOLERANCE = 1e-6

Diarization = str | os.PathLike[str] | pd.DataFrame


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
            absent); labels already in ``cues.speaker`` (voice tags, ``Name:`` prefixes)
            are trusted most. Anonymous ones (``SPEAKER_01``, ``Speaker 2``) are named
            like diarization labels, by ``names`` or by the vote.
        aligned: output of ``align_quotes`` (``schema.ALIGNED``); only rows whose
            ``status`` is ``"matched"`` are used. They name diarization labels by majority
            vote (each quote votes for the label with most speech inside it), and a cue at
            least half inside a quote (among its ``cue_ids`` when given) is given the
            quote's speaker when no other source names it.
        diarization: an RTTM path or a :func:`read_rttm` table (``speaker``, ``start``,
            ``end``; ``file_id`` when it holds several recordings). A cue gets the label with
            the largest overlap in seconds.
        names: ``{label: name}`` for anonymous labels (of the diarization or the transcript),
            overriding the vote. Labels neither named nor voted stay as they are.

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
