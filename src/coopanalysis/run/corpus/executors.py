"""Where the events of a corpus run are analysed: in this process, a process pool or Dask.

Each executor yields one ``EventOutput`` per task as events complete, with at most
``max_pending`` in flight; a worker that dies loses no other event (the pool reruns the
events in flight with it, Dask reschedules them). See ``docs/corpus.md`` ("Parallelism").
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from coopanalysis.errors import CorpusError
from coopanalysis.run.corpus.tasks import (
    EventOutput,
    Task,
    error_record,
    pool_initializer,
    run_event,
    warm_up,
)

if TYPE_CHECKING:
    from concurrent.futures import Executor


def n_workers(n_process: int) -> int:
    if n_process == -1:
        return os.cpu_count() or 1
    if n_process < 1:
        raise CorpusError(f"n_process must be >= 1 or -1 (every core), got {n_process}",
                          "n_process")
    return n_process



def run_serial(tasks: list[Task], codebook: Any) -> Iterator[EventOutput]:
    warm_up(codebook)
    for task in tasks:
        yield run_event(task, codebook)


def _run_bounded(submit: Callable[[Task], Any], wait_any: Callable[[set[Any]], set[Any]],
                 result: Callable[[Any, Task], EventOutput], tasks: list[Task],
                 max_pending: int) -> Iterator[EventOutput]:
    """Keep at most ``max_pending`` tasks in flight; yield outputs as they complete."""
    queue = iter(tasks)
    pending: dict[Any, Task] = {}

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


def lost_event(task: Task, exc: BaseException) -> EventOutput:
    """An event whose worker died (killed, out of memory): reported, not raised."""
    output = EventOutput(position=task.position, event_id=task.event_id, source=task.source)
    output.error = error_record(task, "worker", exc)
    return output


def _process_pool(n_process: int, codebook: Any) -> Executor:
    from concurrent.futures import ProcessPoolExecutor

    return ProcessPoolExecutor(max_workers=n_process, initializer=pool_initializer,
                               initargs=(codebook,))


def run_pool(tasks: list[Task], codebook: Any, n_process: int,
              max_pending: int) -> Iterator[EventOutput]:
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
        warm_up(codebook)
    queue = deque(tasks)
    while queue:
        casualties: list[Task] = []
        with _process_pool(n_process, codebook) as executor:
            pending: dict[Any, Task] = {}
            while queue or pending:
                while queue and len(pending) < max_pending:
                    try:
                        future = executor.submit(run_event, queue[0], codebook)
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
                        yield lost_event(task, exc)
        for task in sorted(casualties, key=lambda t: t.position):
            yield _run_alone(task, codebook)


def _run_alone(task: Task, codebook: Any) -> EventOutput:
    """One event in a fresh one-worker pool, so that a crash can only be its own."""
    with _process_pool(1, codebook) as executor:
        try:
            output: EventOutput = executor.submit(run_event, task, codebook).result()
        except Exception as exc:  # BrokenProcessPool: this event kills its worker
            return lost_event(task, exc)
    return output


def run_dask(tasks: list[Task], codebook: Any, client: Any,
              max_pending: int) -> Iterator[EventOutput]:
    from distributed import as_completed  # only needed on this path

    client.run(warm_up, codebook)  # every current worker loads the model once
    shared_codebook = client.scatter(codebook, broadcast=True) if codebook is not None else None
    completed = as_completed()

    def submit(task: Task) -> Any:
        future = client.submit(run_event, task, shared_codebook, pure=False,
                               key=f"coopanalysis-event-{task.position}-{os.urandom(4).hex()}")
        completed.add(future)
        return future

    def wait_any(futures: set[Any]) -> set[Any]:
        done = {next(completed)}
        while completed.has_ready():
            done.add(next(completed))
        return done

    def result(future: Any, task: Task) -> EventOutput:
        try:
            output: EventOutput = future.result()
        except Exception as exc:  # KilledWorker, a worker lost with the event
            return lost_event(task, exc)
        finally:
            future.release()
        return output

    yield from _run_bounded(submit, wait_any, result, tasks, max_pending)


