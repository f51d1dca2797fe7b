"""The tasks of a corpus run: items turned into events, and one event's work.

``tasks_from_items`` reads the items into small picklable ``Task`` records (event ids from
file stems, checked unique and safe as folder names); ``run_event`` analyses one event in a
worker and never raises: a failure is returned as an ``ERRORS`` row. See ``docs/corpus.md``.
"""

from __future__ import annotations

import os
import re
import sys
import time
import traceback
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from coopanalysis.errors import (
    CoopanalysisError,
    CorpusArgumentError,
    CorpusError,
    TranscriptError,
)
from coopanalysis.model import Article, Transcript
from coopanalysis.schema import CUES, conform
from coopanalysis.text.words import count_words

# Event ids name folders of the dataset: no separators, no "=", no leading "." or "_"
# (Parquet readers skip such files as hidden).
_EVENT_ID_RE = re.compile(r"^[^\W_][\w.-]*$")
_UNSAFE_ID_CHARS = re.compile(r"[^\w.-]+")
# yt-dlp names captions ``<video id>.<language>.vtt`` (``WyTQlf2rijs.fr-orig.vtt``): the
# language tag is not part of the event's name.
_LANGUAGE_SUFFIX_RE = re.compile(r"\.[a-z]{2}(?:-[A-Za-z]+)?$")
_MAPPING_KEYS = frozenset({"event_id", "transcript", "article", "diarization", "replay_url"})
# Errors that are about the input, not bugs of ours: no traceback in the errors table.
_INPUT_ERRORS = (CoopanalysisError, OSError, UnicodeError)


# --------------------------------------------------------------------------- items


@dataclass(frozen=True)
class Task:
    """One event to analyse: small and picklable (paths or already-read objects)."""

    position: int
    event_id: str
    source: str
    transcript: Any
    article: Any = None
    diarization: Any = None
    replay_url: str | None = None
    options: Mapping[str, Any] = field(default_factory=dict)  # more keywords for analyze()


def _is_path(value: object) -> bool:
    return isinstance(value, str | os.PathLike)


def _source_of(transcript: object) -> str:
    if isinstance(transcript, str | os.PathLike):
        return os.fspath(transcript)
    if isinstance(transcript, Transcript):
        return transcript.source
    return f"<{type(transcript).__name__}>"


def _default_event_id(transcript: object, position: int) -> str:
    """The file stem of the transcript's source, made safe for a folder name."""
    source = _source_of(transcript)
    if source.startswith("<"):
        return f"event-{position:04d}"
    stem = _LANGUAGE_SUFFIX_RE.sub("", Path(source).stem)
    safe = _UNSAFE_ID_CHARS.sub("_", stem).lstrip("._-")
    return safe or f"event-{position:04d}"


def task_from_item(item: object, position: int) -> Task:
    if _is_path(item) or isinstance(item, Transcript):
        fields: dict[str, Any] = {"transcript": item}
    elif isinstance(item, Mapping):
        unknown = set(item) - _MAPPING_KEYS
        if unknown or "transcript" not in item:
            raise CorpusError(
                f"item {position}: a mapping needs 'transcript' and may have "
                f"{sorted(_MAPPING_KEYS - {'transcript'})}; got keys {sorted(map(str, item))}",
                "items")
        fields = dict(item)
    elif isinstance(item, tuple | list) and len(item) == 2:
        fields = {"transcript": item[0], "article": item[1]}
    elif isinstance(item, tuple | list) and len(item) == 3:
        fields = {"event_id": item[0], "transcript": item[1], "article": item[2]}
    else:
        raise CorpusArgumentError(
            f"item {position}: expected a transcript path or Transcript, a (transcript, article) "
            f"pair, an (event_id, transcript, article) triple or a mapping; got "
            f"{type(item).__name__}", "items")
    event_id = fields.pop("event_id", None)
    if event_id is None:
        event_id = _default_event_id(fields["transcript"], position)
    event_id = str(event_id)
    if not _EVENT_ID_RE.match(event_id):
        raise CorpusError(
            f"item {position}: event_id {event_id!r} must be letters, digits, '.', '_' or '-' "
            "and start with a letter or digit (it names a folder of the Parquet dataset)",
            "items")
    return Task(position=position, event_id=event_id,
                source=_source_of(fields["transcript"]), **fields)


def tasks_from_items(items: Iterable[object]) -> list[Task]:
    if _is_path(items) or isinstance(items, Transcript | bytes):
        # A str is an iterable of characters: one path given alone became 30 "items".
        raise CorpusError(
            f"items must be a list of transcripts (or pairs, triples, mappings); got one "
            f"{type(items).__name__}: pass [{_source_of(items)!r}]", "items")
    tasks = [task_from_item(item, position) for position, item in enumerate(items)]
    first_position: dict[str, int] = {}
    for task in tasks:
        earlier = first_position.setdefault(task.event_id, task.position)
        if earlier != task.position:
            raise CorpusError(
                f"items {earlier} and {task.position} have the same event_id "
                f"{task.event_id!r}; pass mappings with distinct 'event_id' values", "items")
    return tasks


# --------------------------------------------------------------------------- one event


@dataclass
class EventOutput:
    """What a worker sends back for one event: the tables, or the error; and timings."""

    position: int
    event_id: str
    source: str
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    error: dict[str, Any] | None = None
    n_words: int | None = None
    n_warnings: int | None = None
    started: float = float("nan")
    finished: float = float("nan")
    cpu_seconds: float = float("nan")
    worker: str = ""


class _StageError(Exception):
    """Carries the stage in which the original exception happened."""

    def __init__(self, stage: str, original: BaseException):
        super().__init__(stage, original)
        self.stage = stage
        self.original = original


def _stage(stage: str, function: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    try:
        return function(*args, **kwargs)
    except Exception as exc:
        raise _StageError(stage, exc) from exc


def read_inputs(task: Task) -> tuple[Transcript, Article | None, Any]:
    """The event's inputs, read in the worker; a failure names its stage.

    Strings are paths here (an item is a file, not a text): they are read as ``Path``.
    The RTTM is read here, not by ``tag_speakers``, so that its failure is stage ``read_rttm``.
    """
    from coopanalysis.read import read_rttm
    from coopanalysis.run.inputs import read_article_input, read_transcript_input

    transcript = _stage("read_transcript", read_transcript_input, _as_path(task.transcript))
    article = _stage("read_article", read_article_input, _as_path(task.article))
    diarization = task.diarization
    if _is_path(diarization):
        diarization = _stage("read_rttm", read_rttm, Path(diarization))
    return transcript, article, diarization


def _as_path(value: Any) -> Any:
    return Path(value) if isinstance(value, str) else value


def _count_words(transcript: Transcript) -> int:
    return int(transcript.cues["text"].map(count_words).sum())


def no_cue_error(transcript: Transcript, source: str) -> TranscriptError:
    """The error of a transcript that yields no cue, with the reader's reasons."""
    reasons = [w for w in transcript.warnings if w != "no cues in the transcript"]
    shown = "; ".join(reasons[:3]) + ("; …" if len(reasons) > 3 else "")
    return TranscriptError("no cue in the transcript" + (f" ({shown})" if shown else ""),
                           source)


def with_event_id(frame: pd.DataFrame, event_id: str) -> pd.DataFrame:
    frame = frame.reset_index(drop=True)
    if "event_id" in frame.columns:  # the pipeline's own column would be ambiguous
        frame = frame.rename(columns={"event_id": "pipeline_event_id"})
    frame.insert(0, "event_id", pd.Series([event_id] * len(frame), dtype="string"))
    return frame


def error_record(task: Task, stage: str, exc: BaseException) -> dict[str, Any]:
    is_input_error = isinstance(exc, _INPUT_ERRORS)
    return {
        "event_id": task.event_id,
        "position": task.position,
        "source": task.source,
        "stage": stage,
        "error": type(exc).__name__,
        "message": str(exc),
        "line": getattr(exc, "line", None) if isinstance(exc, CoopanalysisError) else None,
        "traceback": None if is_input_error else "".join(
            traceback.format_exception(type(exc), exc, exc.__traceback__)),
    }


def _worker_name() -> str:
    """``host:pid``, or the Dask worker's address when running on a Dask worker."""
    if "distributed" in sys.modules:  # never import Dask just to ask
        try:
            return str(sys.modules["distributed"].get_worker().address)
        except ValueError:  # not inside a Dask worker
            pass
    return f"{os.uname().nodename}:{os.getpid()}"


def run_event(task: Task, codebook: Any = None) -> EventOutput:
    """Analyse one event; never raises (the error is returned in ``error``)."""
    output = EventOutput(position=task.position, event_id=task.event_id, source=task.source,
                          worker=_worker_name(), started=time.time())
    cpu_started = time.thread_time()
    try:
        from coopanalysis.run.analysis import analyze

        transcript, article, diarization = read_inputs(task)
        if not len(transcript.cues):  # nothing to analyse: an error row, not an empty "ok"
            raise _StageError("read_transcript", no_cue_error(transcript, task.source))
        output.n_words = _count_words(transcript)
        analysis = _stage("analyze", analyze, transcript, article=article, codebook=codebook,
                          diarization=diarization, replay_url=task.replay_url, progress=False,
                          **task.options)
        output.n_warnings = len(analysis.warnings)
        tables = _stage("analyze", analysis.tables)
        output.tables = {name: with_event_id(frame, task.event_id)
                         for name, frame in tables.items() if frame is not None}
    except _StageError as exc:
        output.error = error_record(task, exc.stage, exc.original)
    except Exception as exc:  # a bug of ours: still one error row, never a lost run
        output.error = error_record(task, "analyze", exc)
    output.finished = time.time()
    output.cpu_seconds = time.thread_time() - cpu_started
    return output


# A one-line round table and an article quoting it: enough to run every step once.
_WARM_UP_SPEAKER = "Claire Durand"
_WARM_UP_TEXT = "La coopération territoriale se construit avec les habitants et les élus."
_WARM_UP_ARTICLE = (f"**{_WARM_UP_SPEAKER}**, maire de Plessé, explique : « {_WARM_UP_TEXT} » "
                    "([0min01](#)).\n")


def warm_up(codebook: Any = None) -> str:
    """Load what the pipeline needs (modules, spaCy pipelines, codebook) once in this process.

    One tiny ``analyze`` call with an article runs every step once, so the spaCy pipelines
    are loaded through ``load_nlp`` with exactly the components each step asks for, and the
    first real event does not pay for start-up (which the timings then exclude). A failure
    is left for the real events to report.
    """
    try:
        from coopanalysis.read.article.parse import read_article
        from coopanalysis.run.analysis import analyze

        cues = conform(pd.DataFrame({"cue_id": [0], "start": [1.0], "end": [6.0],
                                     "speaker": [_WARM_UP_SPEAKER], "text": [_WARM_UP_TEXT]}),
                       CUES)
        analyze(Transcript(cues=cues), read_article(_WARM_UP_ARTICLE), codebook=codebook,
                progress=False).tables()
    except Exception:  # the events themselves will report any problem
        return "failed"
    return "ok"


def pool_initializer(codebook: Any) -> None:
    warm_up(codebook)


