"""``analyze_corpus``: the one-event pipeline over many replays (see ``docs/corpus.md``).

Arguments are checked before any work; then the tasks go to an executor, each completed
event to a sink and a manifest row, and the result keeps the tables (or the dataset folder).
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable, Mapping
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from coopanalysis.errors import CorpusArgumentError
from coopanalysis.run.corpus.executors import n_workers, run_dask, run_pool, run_serial
from coopanalysis.run.corpus.result import (
    CorpusResult,
    build_manifest,
    manifest_row,
    pipeline_order,
    run_stats,
)
from coopanalysis.run.corpus.sinks import (
    ERRORS_FILE,
    MANIFEST_FILE,
    MemorySink,
    ParquetSink,
    prepare_out,
)
from coopanalysis.run.corpus.tasks import tasks_from_items
from coopanalysis.schema import ERRORS, conform, empty

if TYPE_CHECKING:
    from coopanalysis.tag.codebook import CodebookArg


# Set per item or by their own argument of analyze_corpus, not through analyze_options.
_OWN_OPTIONS = frozenset({"transcript", "article", "codebook", "diarization", "replay_url",
                          "progress"})


def check_options(options: Mapping[str, Any]) -> dict[str, Any]:
    """``analyze_options`` checked against the signature of ``analyze``."""
    import inspect

    from coopanalysis.run.analysis import analyze

    accepted = set(inspect.signature(analyze).parameters) - _OWN_OPTIONS
    unknown = sorted(set(options) - accepted)
    if unknown:
        raise CorpusArgumentError(
            f"analyze_options {unknown} are not options of analyze(); accepted: "
            f"{sorted(accepted)} (transcript, article, diarization and replay_url are given "
            "per item, codebook by its own argument)", "analyze_options")
    return dict(options)


def analyze_corpus(
    items: Iterable[object],
    *,
    out: str | os.PathLike[str] | None = None,
    n_process: int = 1,
    client: Any = None,
    codebook: CodebookArg = None,
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
            (``docs/corpus.md``); ``None`` keeps every table in memory.
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
        CorpusArgumentError: an item of an unknown kind, an option ``analyze`` does not take
            (also a ``TypeError``).
        CorpusError: an unsafe or duplicate event id, a mapping with unknown keys, ``items``
            that is one path and not a list, a bad ``n_process`` (a ``ValueError``).
        CodebookError: the codebook file is missing or invalid.
        OutputExistsError: ``out`` is a file, holds something else, or an earlier run
            without ``overwrite`` (also a ``FileExistsError``).
    """
    started = time.perf_counter()
    options = check_options(analyze_options or {})
    tasks = [replace(task, options=options) for task in tasks_from_items(items)]
    from coopanalysis.tag.codebook import resolve_codebook

    codebook = resolve_codebook(codebook)  # loaded once: a bad codebook fails before the run
    workers = n_workers(n_process) if client is None else len(client.scheduler_info()["workers"])
    window = max_pending or 2 * max(workers, 1)
    sink: MemorySink | ParquetSink
    if out is None:
        sink = MemorySink()
    else:
        prepare_out(Path(out), overwrite=overwrite)
        sink = ParquetSink(Path(out))

    if client is not None:
        outputs = run_dask(tasks, codebook, client, window)
    elif workers > 1:
        outputs = run_pool(tasks, codebook, workers, window)
    else:
        outputs = run_serial(tasks, codebook)

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
            rows.append(manifest_row(output))
            output.tables = {}  # the sink has them; keep only counts
            bar.update(1)

    table_names = pipeline_order(table_names)
    manifest = build_manifest(rows, table_names)
    errors.sort(key=lambda error: int(error["position"]))
    error_table = (conform(pd.DataFrame(errors, columns=list(ERRORS)), ERRORS) if errors
                   else empty(ERRORS))
    stats = run_stats(manifest, time.perf_counter() - started, workers)
    if isinstance(sink, ParquetSink):
        sink.finish()
        manifest.to_parquet(sink.out / MANIFEST_FILE, index=False)
        error_table.to_parquet(sink.out / ERRORS_FILE, index=False)
        return CorpusResult(manifest=manifest, errors=error_table, out=sink.out, stats=stats)
    return CorpusResult(manifest=manifest, errors=error_table,
                        tables=sink.tables(table_names), stats=stats)
