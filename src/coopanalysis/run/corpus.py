"""Many replays at once: one call over a corpus, on one core, a process pool or a Dask cluster.

``analyze_corpus(items)`` runs the one-event pipeline :func:`coopanalysis.run.analysis.analyze`
on every item and returns a :class:`CorpusResult` holding the same tables as
``Analysis.tables()``, concatenated, with an ``event_id`` column first. Rows are in the
order of ``items`` (then in each event's own order), whatever the order in which the
workers finish, so a run on one process, on a pool and on a cluster give identical tables.

Items (a list, or any iterable; it is read once into a list of small task records):

- a path to a transcript (``str`` or ``Path``) — event id: the file stem;
- a :class:`~coopanalysis.model.Transcript` — event id: the stem of its ``source``;
- a pair ``(transcript, article)`` — each a path or an object (the article may be ``None``);
- a triple ``(event_id, transcript, article)``;
- a mapping with ``transcript`` and optionally ``event_id``, ``article``, ``diarization``
  (RTTM path or DataFrame) and ``replay_url``.

Event ids must be unique and made of letters, digits, ``.``, ``_`` and ``-`` (they name
folders of the Parquet dataset); ids taken from file stems have other characters replaced
by ``_``. Paths are read inside the workers, so on a cluster they must be visible to the
workers (a shared file system), or pass objects read beforehand.

A failing item (unreadable file, bad article, an error inside the pipeline) never stops the
run: it becomes one row of ``CorpusResult.errors`` and the other events go on. Errors in the
arguments themselves (unknown item type, duplicate event id, a bad codebook) are raised at
once, before any work starts.

Tables of a corpus result
-------------------------
- one per table of ``Analysis.tables()`` (``cues``, ``sentences``, ``themes``,
  ``aligned``…), each with ``event_id`` (``string``) first, then the columns documented
  in :mod:`coopanalysis.schema` or in :mod:`coopanalysis.run.analysis`;
- ``errors`` (:data:`ERRORS`): one row per failed item;
- ``manifest`` (:data:`MANIFEST`): one row per item, in item order, whether it failed or not,
  with ``rows_<table>`` columns counting the rows each table received.

Streaming to Parquet (``out=``)
-------------------------------
With ``out`` the tables are not kept in memory: each event's tables are written as soon as
the event completes, as a Hive-partitioned Parquet dataset::

    out/
      manifest.parquet               one row per item (MANIFEST)
      errors.parquet                 one row per failed item (ERRORS)
      cues/event_id=<id>/part-0.parquet
      themes/event_id=<id>/part-0.parquet
      ...

The ``event_id`` column lives in the folder name (Hive partitioning), not in the files.
The returned result keeps only the manifest and the errors; ``result.themes`` (or
``result.table("themes")``) reads that table back from disk on each access, in item order.
DuckDB and pandas read the folders directly (see ``docs/corpus.md``).

Parallelism
-----------
- ``n_process=1`` (default): every event in this process.
- ``n_process=N``: a ``ProcessPoolExecutor`` of N workers. Each worker warms up once in its
  initializer (one tiny ``analyze`` call, which loads the spaCy pipeline through
  ``coopanalysis.nlp.load_nlp`` with exactly the components the pipeline asks for), then
  keeps it for all its events. Where workers are forked (Linux), this process warms up
  first and the workers inherit the loaded pipelines, sharing their memory pages.
  ``n_process=-1`` uses every core.
- ``client=`` a ``dask.distributed.Client``: the same per-event function is submitted to the
  cluster (``client.submit`` per event, ``distributed.as_completed``); each worker process
  loads the model once, the codebook is scattered once to every worker.

A worker that dies (killed, out of memory) loses no other event: the pool reruns the
events that were in flight with it (Dask reschedules them itself), and the event that
kills its worker is reported in ``errors`` with stage ``worker``.

In every mode at most ``max_pending`` events are in flight (default: twice the number of
workers), so the memory held by inputs and results stays flat however long the corpus is.
Each event's tables travel back as pickled DataFrames, which are cheap to pickle.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
import time
import traceback
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from coopanalysis.errors import CoopanalysisError
from coopanalysis.model import Article, Transcript
from coopanalysis.schema import CUES, ERRORS, MANIFEST, conform, empty
from coopanalysis.text.words import count_words

if TYPE_CHECKING:
    from concurrent.futures import Executor

    import pyarrow as pa



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
_MANIFEST_FILE = "manifest.parquet"
_ERRORS_FILE = "errors.parquet"
_PART_FILE = "part-0.parquet"


# --------------------------------------------------------------------------- items


@dataclass(frozen=True)
class _Task:
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


def _task_from_item(item: object, position: int) -> _Task:
    if _is_path(item) or isinstance(item, Transcript):
        fields: dict[str, Any] = {"transcript": item}
    elif isinstance(item, Mapping):
        unknown = set(item) - _MAPPING_KEYS
        if unknown or "transcript" not in item:
            raise ValueError(
                f"item {position}: a mapping needs 'transcript' and may have "
                f"{sorted(_MAPPING_KEYS - {'transcript'})}; got keys {sorted(map(str, item))}")
        fields = dict(item)
    elif isinstance(item, tuple | list) and len(item) == 2:
        fields = {"transcript": item[0], "article": item[1]}
    elif isinstance(item, tuple | list) and len(item) == 3:
        fields = {"event_id": item[0], "transcript": item[1], "article": item[2]}
    else:
        raise TypeError(
            f"item {position}: expected a transcript path or Transcript, a (transcript, article) "
            f"pair, an (event_id, transcript, article) triple or a mapping; got "
            f"{type(item).__name__}")
    event_id = fields.pop("event_id", None)
    if event_id is None:
        event_id = _default_event_id(fields["transcript"], position)
    event_id = str(event_id)
    if not _EVENT_ID_RE.match(event_id):
        raise ValueError(
            f"item {position}: event_id {event_id!r} must be letters, digits, '.', '_' or '-' "
            "and start with a letter or digit (it names a folder of the Parquet dataset)")
    return _Task(position=position, event_id=event_id,
                 source=_source_of(fields["transcript"]), **fields)


def _tasks_from_items(items: Iterable[object]) -> list[_Task]:
    if _is_path(items) or isinstance(items, Transcript | bytes):
        # A str is an iterable of characters: one path given alone became 30 "items".
        raise CoopanalysisError(
            f"items must be a list of transcripts (or pairs, triples, mappings); got one "
            f"{type(items).__name__}: pass [{_source_of(items)!r}]", "items")
    tasks = [_task_from_item(item, position) for position, item in enumerate(items)]
    first_position: dict[str, int] = {}
    for task in tasks:
        earlier = first_position.setdefault(task.event_id, task.position)
        if earlier != task.position:
            raise ValueError(
                f"items {earlier} and {task.position} have the same event_id "
                f"{task.event_id!r}; pass mappings with distinct 'event_id' values")
    return tasks


# --------------------------------------------------------------------------- one event


@dataclass
class _EventOutput:
    """What a worker sends back for one event: the tables, or the error; and timings."""

    position: int
    event_id: str
    source: str
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    error: dict[str, Any] | None = None
    n_words: int | None = None
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


def _read_inputs(task: _Task) -> tuple[Transcript, Article | None, Any]:
    from coopanalysis.read.transcript import read_transcript

    transcript = task.transcript
    if not isinstance(transcript, Transcript):
        transcript = _stage("read_transcript", read_transcript, Path(transcript))
    article = task.article
    if article is not None and not isinstance(article, Article):
        from coopanalysis.read.article.parse import read_article

        article = _stage("read_article", read_article, Path(article))
    diarization = task.diarization
    if _is_path(diarization):
        from coopanalysis.tag.speakers import read_rttm

        diarization = _stage("read_rttm", read_rttm, Path(diarization))
    return transcript, article, diarization


def _count_words(transcript: Transcript) -> int:
    return int(transcript.cues["text"].map(count_words).sum())


def _with_event_id(frame: pd.DataFrame, event_id: str) -> pd.DataFrame:
    frame = frame.reset_index(drop=True)
    if "event_id" in frame.columns:  # the pipeline's own column would be ambiguous
        frame = frame.rename(columns={"event_id": "pipeline_event_id"})
    frame.insert(0, "event_id", pd.Series([event_id] * len(frame), dtype="string"))
    return frame


def _error_record(task: _Task, stage: str, exc: BaseException) -> dict[str, Any]:
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


def _run_event(task: _Task, codebook: Any = None) -> _EventOutput:
    """Analyse one event; never raises (the error is returned in ``error``)."""
    output = _EventOutput(position=task.position, event_id=task.event_id, source=task.source,
                          worker=_worker_name(), started=time.time())
    cpu_started = time.thread_time()
    try:
        from coopanalysis.run.analysis import analyze

        transcript, article, diarization = _read_inputs(task)
        output.n_words = _count_words(transcript)
        analysis = _stage("analyze", analyze, transcript, article=article, codebook=codebook,
                          diarization=diarization, replay_url=task.replay_url, progress=False,
                          **task.options)
        tables = _stage("analyze", analysis.tables)
        output.tables = {name: _with_event_id(frame, task.event_id)
                         for name, frame in tables.items() if frame is not None}
    except _StageError as exc:
        output.error = _error_record(task, exc.stage, exc.original)
    except Exception as exc:  # a bug of ours: still one error row, never a lost run
        output.error = _error_record(task, "analyze", exc)
    output.finished = time.time()
    output.cpu_seconds = time.thread_time() - cpu_started
    return output


# A one-line round table and an article quoting it: enough to run every step once.
_WARM_UP_SPEAKER = "Claire Durand"
_WARM_UP_TEXT = "La coopération territoriale se construit avec les habitants et les élus."
_WARM_UP_ARTICLE = (f"**{_WARM_UP_SPEAKER}**, maire de Plessé, explique : « {_WARM_UP_TEXT} » "
                    "([0min01](#)).\n")


def _warm_up(codebook: Any = None) -> str:
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


def _pool_initializer(codebook: Any) -> None:
    _warm_up(codebook)


# --------------------------------------------------------------------------- executors


def _run_serial(tasks: list[_Task], codebook: Any) -> Iterator[_EventOutput]:
    _warm_up(codebook)
    for task in tasks:
        yield _run_event(task, codebook)


def _run_bounded(submit: Callable[[_Task], Any], wait_any: Callable[[set[Any]], set[Any]],
                 result: Callable[[Any, _Task], _EventOutput], tasks: list[_Task],
                 max_pending: int) -> Iterator[_EventOutput]:
    """Keep at most ``max_pending`` tasks in flight; yield outputs as they complete."""
    queue = iter(tasks)
    pending: dict[Any, _Task] = {}

    def refill() -> None:
        while len(pending) < max_pending:
            task = next(queue, None)
            if task is None:
                return
            pending[submit(task)] = task

    refill()
    while pending:
        for future in wait_any(set(pending)):
            task = pending.pop(future)
            yield result(future, task)
        refill()


def _lost_event(task: _Task, exc: BaseException) -> _EventOutput:
    """An event whose worker died (killed, out of memory): reported, not raised."""
    output = _EventOutput(position=task.position, event_id=task.event_id, source=task.source)
    output.error = _error_record(task, "worker", exc)
    return output


def _process_pool(n_process: int, codebook: Any) -> Executor:
    from concurrent.futures import ProcessPoolExecutor

    return ProcessPoolExecutor(max_workers=n_process, initializer=_pool_initializer,
                               initargs=(codebook,))


def _run_pool(tasks: list[_Task], codebook: Any, n_process: int,
              max_pending: int) -> Iterator[_EventOutput]:
    """Events over a process pool, at most ``max_pending`` in flight.

    A worker that dies (killed, out of memory, a crash in a C extension) breaks the whole
    pool and fails every event in flight with it. The pool is then replaced for the events
    not yet started, and the events that were in flight are run again one at a time, each
    in a fresh one-worker pool: the innocent ones complete, and only an event that kills
    its worker again is reported (stage ``worker``).
    """
    import multiprocessing
    from concurrent.futures import FIRST_COMPLETED, wait
    from concurrent.futures.process import BrokenProcessPool

    if multiprocessing.get_start_method() == "fork":
        # Forked workers inherit what this process loaded: loading the pipeline here once
        # starts the pool faster than N loads at once, and the model's pages stay shared.
        _warm_up(codebook)
    queue = deque(tasks)
    while queue:
        casualties: list[_Task] = []
        with _process_pool(n_process, codebook) as executor:
            pending: dict[Any, _Task] = {}
            while queue or pending:
                while queue and len(pending) < max_pending:
                    try:
                        future = executor.submit(_run_event, queue[0], codebook)
                    except BrokenProcessPool:
                        break
                    pending[future] = queue.popleft()
                if not pending:
                    break  # the pool broke before anything more could start
                for future in wait(pending, return_when=FIRST_COMPLETED).done:
                    task = pending.pop(future)
                    try:
                        yield future.result()
                    except BrokenProcessPool:
                        casualties.append(task)
                    except Exception as exc:  # e.g. an output that failed to pickle
                        yield _lost_event(task, exc)
        for task in sorted(casualties, key=lambda t: t.position):
            yield _run_alone(task, codebook)


def _run_alone(task: _Task, codebook: Any) -> _EventOutput:
    """One event in a fresh one-worker pool, so that a crash can only be its own."""
    with _process_pool(1, codebook) as executor:
        try:
            output: _EventOutput = executor.submit(_run_event, task, codebook).result()
        except Exception as exc:  # BrokenProcessPool: this event kills its worker
            return _lost_event(task, exc)
    return output


def _run_dask(tasks: list[_Task], codebook: Any, client: Any,
              max_pending: int) -> Iterator[_EventOutput]:
    from distributed import as_completed  # only needed on this path

    client.run(_warm_up, codebook)  # every current worker loads the model once
    shared_codebook = client.scatter(codebook, broadcast=True) if codebook is not None else None
    completed = as_completed()

    def submit(task: _Task) -> Any:
        future = client.submit(_run_event, task, shared_codebook, pure=False,
                               key=f"coopanalysis-event-{task.position}-{os.urandom(4).hex()}")
        completed.add(future)
        return future

    def wait_any(futures: set[Any]) -> set[Any]:
        done = {next(completed)}
        while completed.has_ready():
            done.add(next(completed))
        return done

    def result(future: Any, task: _Task) -> _EventOutput:
        try:
            output: _EventOutput = future.result()
        except Exception as exc:  # KilledWorker, a worker lost with the event
            return _lost_event(task, exc)
        finally:
            future.release()
        return output

    yield from _run_bounded(submit, wait_any, result, tasks, max_pending)


# --------------------------------------------------------------------------- sinks


class _MemorySink:
    """Keeps each event's tables, to concatenate them in item order at the end."""

    def __init__(self) -> None:
        self.by_position: dict[int, dict[str, pd.DataFrame]] = {}

    def add(self, output: _EventOutput) -> None:
        self.by_position[output.position] = output.tables

    def tables(self, names: list[str]) -> dict[str, pd.DataFrame]:
        ordered = [self.by_position[p] for p in sorted(self.by_position)]
        return {name: _concat([t[name] for t in ordered if name in t]) for name in names}


def _concat(frames: list[pd.DataFrame]) -> pd.DataFrame:
    """Concatenate keeping dtypes; empty frames only give their columns."""
    if not frames:
        return pd.DataFrame({"event_id": pd.Series(dtype="string")})
    non_empty = [f for f in frames if len(f)]
    if not non_empty:
        return frames[0].iloc[0:0].reset_index(drop=True)
    return pd.concat(non_empty, ignore_index=True)


# Arrow types of columns holding Python objects, which an empty table cannot reveal.
_KNOWN_ARROW_TYPES: dict[str, str] = {"cue_ids": "list<int64>"}


class _ParquetSink:
    """Writes each event's tables to ``out/<table>/event_id=<id>/part-0.parquet``.

    One schema per table across events, so that DuckDB and pyarrow read a table folder as
    one dataset: a column that is all null in an event (pandas gives no type to infer) is
    written with the type other events gave it; the parts written before that type was
    known are rewritten by :meth:`finish`.
    """

    def __init__(self, out: Path) -> None:
        self.out = out
        self.types: dict[str, dict[str, pa.DataType]] = {}  # table → column → type
        self.untyped: dict[tuple[str, str], set[str]] = {}  # (table, event) → columns

    def add(self, output: _EventOutput) -> None:
        import pyarrow as pa

        for name, frame in output.tables.items():
            table = pa.Table.from_pandas(frame.drop(columns="event_id"), preserve_index=False)
            self._write(name, output.event_id, self._typed(name, output.event_id, table))

    def finish(self) -> None:
        """Rewrite the parts whose untyped columns got a type from a later event."""
        import pyarrow.parquet as pq

        untyped, self.untyped = self.untyped, {}
        for (name, event_id), columns in untyped.items():
            if any(column in self.types.get(name, {}) for column in columns):
                table = pq.read_table(self._part(name, event_id))
                self._write(name, event_id, self._typed(name, event_id, table))

    def _typed(self, name: str, event_id: str, table: pa.Table) -> pa.Table:
        import pyarrow as pa

        known = self.types.setdefault(name, {})
        for index, column in enumerate(table.schema):
            if not _has_no_type(column.type):
                known.setdefault(column.name, column.type)
                continue
            wanted = known.get(column.name) or _arrow_type(column.name)
            if wanted is None:
                self.untyped.setdefault((name, event_id), set()).add(column.name)
            else:
                table = table.set_column(index, pa.field(column.name, wanted),
                                         table.column(index).cast(wanted))
        return table

    def _part(self, name: str, event_id: str) -> Path:
        return self.out / name / f"event_id={event_id}" / _PART_FILE

    def _write(self, name: str, event_id: str, table: pa.Table) -> None:
        import pyarrow.parquet as pq

        part = self._part(name, event_id)
        part.parent.mkdir(parents=True, exist_ok=True)
        partial = part.with_name(part.name + ".partial")
        pq.write_table(table, partial)
        partial.replace(part)  # a crash never leaves a half-written part


def _has_no_type(arrow_type: pa.DataType) -> bool:
    """All-null columns and lists of only empty lists: pandas gave no value to infer from."""
    import pyarrow as pa

    if pa.types.is_list(arrow_type) or pa.types.is_large_list(arrow_type):
        return _has_no_type(arrow_type.value_type)
    return bool(pa.types.is_null(arrow_type))


def _arrow_type(column: str) -> pa.DataType | None:
    import pyarrow as pa

    spelled = _KNOWN_ARROW_TYPES.get(column)
    return pa.list_(pa.int64()) if spelled == "list<int64>" else None


def _prepare_out(out: Path, *, overwrite: bool) -> None:
    """Create ``out``; refuse to mix with an earlier run unless ``overwrite``."""
    if out.exists() and not out.is_dir():  # iterdir() raised NotADirectoryError
        raise FileExistsError(f"{out} is a file, not a folder: give a folder path for out")
    if out.exists() and any(out.iterdir()):
        if not overwrite:
            raise FileExistsError(
                f"{out} is not empty; pass overwrite=True to replace an earlier corpus run")
        if not (out / _MANIFEST_FILE).exists():
            raise FileExistsError(
                f"{out} is not empty and holds no {_MANIFEST_FILE}: not replacing a folder "
                "that coopanalysis did not write")
        for child in out.iterdir():
            if child.is_dir() and all(p.name.startswith("event_id=") for p in child.iterdir()):
                shutil.rmtree(child)
            elif child.name in (_MANIFEST_FILE, _ERRORS_FILE):
                child.unlink()
    out.mkdir(parents=True, exist_ok=True)


# --------------------------------------------------------------------------- result


class CorpusResult:
    """The tables of a corpus, each with ``event_id`` first; plus ``errors`` and ``manifest``.

    ``result.cues``, ``result.themes``… (or ``result.table(name)``, ``result.tables()``)
    give the concatenated tables in item order. After a run with ``out=`` they are read
    back from the Parquet dataset on every access (nothing is kept in memory but the
    manifest and the errors); :meth:`open` re-opens such a folder later.

    Attributes:
        errors: one row per failed item (:data:`ERRORS`).
        manifest: one row per item (:data:`MANIFEST` and ``rows_<table>`` counts).
        out: the dataset folder, or ``None`` when the tables are in memory.
        stats: ``events``, ``failed``, ``words``, ``wall_seconds`` (whole call),
            ``work_seconds`` (first event started → last finished, start-up excluded),
            ``words_per_second`` (words / work_seconds), ``cpu_seconds`` (CPU time of all
            events), ``busiest_worker_cpu_seconds`` (CPU time of the worker that worked
            most: the length of the run if every worker had a core to itself), ``workers``.
    """

    def __init__(self, *, manifest: pd.DataFrame, errors: pd.DataFrame,
                 tables: dict[str, pd.DataFrame] | None = None, out: Path | None = None,
                 stats: dict[str, Any] | None = None):
        self.manifest = manifest
        self.errors = errors
        self.out = out
        self.stats = dict(stats or {})
        self._tables = tables

    @classmethod
    def open(cls, out: str | os.PathLike[str]) -> CorpusResult:
        """Re-open the dataset folder of an earlier ``analyze_corpus(..., out=out)``."""
        folder = Path(out)
        manifest = pd.read_parquet(folder / _MANIFEST_FILE)
        errors = pd.read_parquet(folder / _ERRORS_FILE)
        return cls(manifest=conform(manifest, MANIFEST), errors=conform(errors, ERRORS),
                   out=folder)

    @property
    def table_names(self) -> list[str]:
        """Names of the tables, in the pipeline's order."""
        if self._tables is not None:
            return list(self._tables)
        return [c.removeprefix("rows_") for c in self.manifest.columns if c.startswith("rows_")]

    def table(self, name: str) -> pd.DataFrame:
        """One table, all events concatenated in item order, ``event_id`` first."""
        if name not in self.table_names:
            raise KeyError(f"no table {name!r}; tables: {self.table_names}")
        if self._tables is not None:
            return self._tables[name]
        assert self.out is not None
        return _read_table(self.out, name, self.manifest)

    def tables(self) -> dict[str, pd.DataFrame]:
        """Every table by name (read from disk when the result was streamed)."""
        return {name: self.table(name) for name in self.table_names}

    def __getattr__(self, name: str) -> pd.DataFrame:
        if name.startswith("_"):
            raise AttributeError(name)
        if name in self.table_names:
            return self.table(name)
        raise AttributeError(f"{type(self).__name__} has no attribute or table {name!r}")

    def __dir__(self) -> list[str]:
        return sorted(set(super().__dir__()) | set(self.table_names))

    def __repr__(self) -> str:
        where = f"out={os.fspath(self.out)!r}" if self.out is not None else "in memory"
        return (f"CorpusResult({len(self.manifest)} events, {len(self.errors)} failed, "
                f"tables={self.table_names}, {where})")


def _read_table(out: Path, name: str, manifest: pd.DataFrame) -> pd.DataFrame:
    """Read one table back, event by event in manifest order (exact row order)."""
    frames = []
    for event_id in manifest.loc[manifest["status"] == "ok", "event_id"]:
        part = out / name / f"event_id={event_id}" / _PART_FILE
        if part.exists():
            frames.append(_with_event_id(_lists_back(pd.read_parquet(part)), str(event_id)))
    return _concat(frames)


def _lists_back(frame: pd.DataFrame) -> pd.DataFrame:
    """Parquet gives list columns back as NumPy arrays; give them back as lists."""
    import numpy as np

    for column in frame.columns:
        if frame[column].dtype == object:
            values = frame[column]
            if any(isinstance(v, np.ndarray) for v in values):
                frame[column] = [v.tolist() if isinstance(v, np.ndarray) else v
                                 for v in values]
    return frame


# --------------------------------------------------------------------------- entry point


def _n_workers(n_process: int) -> int:
    if n_process == -1:
        return os.cpu_count() or 1
    if n_process < 1:
        raise ValueError(f"n_process must be >= 1 or -1 (every core), got {n_process}")
    return n_process


# Set per item or by their own argument of analyze_corpus, not through analyze_options.
_OWN_OPTIONS = frozenset({"transcript", "article", "codebook", "diarization", "replay_url",
                          "progress"})


def _check_options(options: Mapping[str, Any]) -> dict[str, Any]:
    import inspect

    from coopanalysis.run.analysis import analyze

    accepted = set(inspect.signature(analyze).parameters) - _OWN_OPTIONS
    unknown = sorted(set(options) - accepted)
    if unknown:
        raise TypeError(f"analyze_options {unknown} are not options of analyze(); "
                        f"accepted: {sorted(accepted)} (transcript, article, diarization and "
                        "replay_url are given per item, codebook by its own argument)")
    return dict(options)


def _resolve_codebook(codebook: Any) -> Any:
    """A codebook path is loaded once here, so that a bad codebook fails before the run."""
    if _is_path(codebook):
        from coopanalysis.tag.themes import load_codebook

        return load_codebook(codebook)
    return codebook


def _manifest_row(output: _EventOutput) -> dict[str, Any]:
    return {
        "event_id": output.event_id, "position": output.position, "source": output.source,
        "status": "error" if output.error else "ok", "n_words": output.n_words,
        "seconds": output.finished - output.started, "cpu_seconds": output.cpu_seconds,
        "started": output.started,
        "finished": output.finished, "worker": output.worker or None,
        **{f"rows_{name}": len(frame) for name, frame in output.tables.items()},
    }


def _pipeline_order(names: list[str]) -> list[str]:
    """Table names in ``Analysis.tables()`` order, whichever event brought them first."""
    from coopanalysis.run.analysis import TABLE_NAMES

    rank = {name: index for index, name in enumerate(TABLE_NAMES)}
    return sorted(names, key=lambda name: rank.get(name, len(rank)))  # stable for others


def _build_manifest(rows: list[dict[str, Any]], table_names: list[str]) -> pd.DataFrame:
    rows = sorted(rows, key=lambda row: row["position"])
    manifest = conform(pd.DataFrame(rows, columns=[*MANIFEST,
                                                   *(f"rows_{n}" for n in table_names)]),
                       MANIFEST)
    for name in table_names:
        manifest[f"rows_{name}"] = manifest[f"rows_{name}"].astype("Int64")
    return manifest


def _stats(manifest: pd.DataFrame, wall: float, workers: int) -> dict[str, Any]:
    done = manifest[manifest["status"] == "ok"]
    words = int(done["n_words"].sum()) if len(done) else 0
    work = float(done["finished"].max() - done["started"].min()) if len(done) else 0.0
    busiest = float(done.groupby("worker")["cpu_seconds"].sum().max()) if len(done) else 0.0
    return {"events": len(manifest), "failed": int((manifest["status"] == "error").sum()),
            "words": words, "wall_seconds": wall, "work_seconds": work,
            "words_per_second": words / work if work > 0 else float("nan"),
            "cpu_seconds": float(done["cpu_seconds"].sum()),
            "busiest_worker_cpu_seconds": busiest, "workers": workers}


def analyze_corpus(
    items: Iterable[object],
    *,
    out: str | os.PathLike[str] | None = None,
    n_process: int = 1,
    client: Any = None,
    codebook: Any = None,
    analyze_options: Mapping[str, Any] | None = None,
    progress: bool = True,
    overwrite: bool = False,
    max_pending: int | None = None,
) -> CorpusResult:
    """Run :func:`coopanalysis.run.analysis.analyze` over many events.

    Args:
        items: transcripts (paths or ``Transcript``), ``(transcript, article)`` pairs,
            ``(event_id, transcript, article)`` triples, or mappings with ``transcript`` and
            optional ``event_id``, ``article``, ``diarization``, ``replay_url``.
        out: a folder to stream the tables to as a Parquet dataset partitioned by event
            (see the module docstring); ``None`` keeps every table in memory.
        n_process: worker processes on this machine (``-1``: one per core); ignored with
            ``client``.
        client: a ``dask.distributed.Client``; the events are mapped over its workers.
        codebook: a ``Codebook`` or a codebook file path (loaded once, before the run);
            ``None`` uses the pipeline's default.
        analyze_options: other keyword arguments of ``analyze`` for every event
            (``{"max_offset": 30.0}``); checked against its signature before the run.
        progress: show a tqdm progress bar (events done, failures).
        overwrite: with ``out``, replace the dataset of an earlier run in that folder.
        max_pending: events in flight at once (default: twice the number of workers).

    Returns:
        A :class:`CorpusResult`. Failed items are rows of ``result.errors``, never exceptions.

    Raises:
        TypeError, ValueError: an item of an unknown kind, an unsafe or duplicate event id,
            an option ``analyze`` does not take; ``items`` that is one path, not a list
            (a ``CoopanalysisError``).
        CodebookError: the codebook file is invalid.
        FileExistsError: ``out`` holds something else, or an earlier run without ``overwrite``.
    """
    started = time.perf_counter()
    options = _check_options(analyze_options or {})
    tasks = [replace(task, options=options) for task in _tasks_from_items(items)]
    codebook = _resolve_codebook(codebook)
    workers = _n_workers(n_process) if client is None else len(client.scheduler_info()["workers"])
    window = max_pending or 2 * max(workers, 1)
    sink: _MemorySink | _ParquetSink
    if out is None:
        sink = _MemorySink()
    else:
        _prepare_out(Path(out), overwrite=overwrite)
        sink = _ParquetSink(Path(out))

    if client is not None:
        outputs = _run_dask(tasks, codebook, client, window)
    elif workers > 1:
        outputs = _run_pool(tasks, codebook, workers, window)
    else:
        outputs = _run_serial(tasks, codebook)

    from tqdm.auto import tqdm

    rows: list[dict[str, Any]] = []
    errors: list[dict[str, Any]] = []
    table_names: list[str] = []
    with tqdm(total=len(tasks), desc="events", unit="event", disable=not progress) as bar:
        for output in outputs:
            if output.error is not None:
                errors.append(output.error)
                bar.set_postfix(failed=len(errors))
            else:
                table_names.extend(n for n in output.tables if n not in table_names)
                sink.add(output)
            rows.append(_manifest_row(output))
            output.tables = {}  # the sink has them; keep only counts
            bar.update(1)

    table_names = _pipeline_order(table_names)
    manifest = _build_manifest(rows, table_names)
    errors.sort(key=lambda error: int(error["position"]))
    error_table = (conform(pd.DataFrame(errors, columns=list(ERRORS)), ERRORS) if errors
                   else empty(ERRORS))
    stats = _stats(manifest, time.perf_counter() - started, workers)
    if isinstance(sink, _ParquetSink):
        sink.finish()
        manifest.to_parquet(sink.out / _MANIFEST_FILE, index=False)
        error_table.to_parquet(sink.out / _ERRORS_FILE, index=False)
        return CorpusResult(manifest=manifest, errors=error_table, out=sink.out, stats=stats)
    return CorpusResult(manifest=manifest, errors=error_table,
                        tables=sink.tables(table_names), stats=stats)
