"""The result of a corpus run: every table with ``event_id`` first, the manifest, the errors.

``CorpusResult`` gives the tables in item order, from memory or read back from the Parquet
dataset; the manifest has one row per item (``schema.MANIFEST`` and ``rows_<table>``
counts). See ``docs/corpus.md`` ("What comes back").
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pandas as pd

from coopanalysis.errors import CorpusError
from coopanalysis.run.corpus.sinks import ERRORS_FILE, MANIFEST_FILE, read_table
from coopanalysis.run.corpus.tasks import EventOutput
from coopanalysis.schema import ERRORS, MANIFEST, conform


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
        manifest = pd.read_parquet(folder / MANIFEST_FILE)
        errors = pd.read_parquet(folder / ERRORS_FILE)
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
            raise CorpusError(f"no table {name!r}; tables: {self.table_names}", "CorpusResult")
        if self._tables is not None:
            return self._tables[name]
        assert self.out is not None
        return read_table(self.out, name, self.manifest)

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


def manifest_row(output: EventOutput) -> dict[str, Any]:
    return {
        "event_id": output.event_id, "position": output.position, "source": output.source,
        "status": "error" if output.error else "ok", "n_words": output.n_words,
        "n_warnings": output.n_warnings,
        "seconds": output.finished - output.started, "cpu_seconds": output.cpu_seconds,
        "started": output.started,
        "finished": output.finished, "worker": output.worker or None,
        **{f"rows_{name}": len(frame) for name, frame in output.tables.items()},
    }


def pipeline_order(names: list[str]) -> list[str]:
    """Table names in ``Analysis.tables()`` order, whichever event brought them first."""
    from coopanalysis.run.analysis import TABLE_NAMES

    rank = {name: index for index, name in enumerate(TABLE_NAMES)}
    return sorted(names, key=lambda name: rank.get(name, len(rank)))  # stable for others


def build_manifest(rows: list[dict[str, Any]], table_names: list[str]) -> pd.DataFrame:
    rows = sorted(rows, key=lambda row: row["position"])
    manifest = conform(pd.DataFrame(rows, columns=[*MANIFEST,
                                                   *(f"rows_{n}" for n in table_names)]),
                       MANIFEST)
    for name in table_names:
        manifest[f"rows_{name}"] = manifest[f"rows_{name}"].astype("Int64")
    return manifest


def run_stats(manifest: pd.DataFrame, wall: float, workers: int) -> dict[str, Any]:
    done = manifest[manifest["status"] == "ok"]
    words = int(done["n_words"].sum()) if len(done) else 0
    work = float(done["finished"].max() - done["started"].min()) if len(done) else 0.0
    busiest = float(done.groupby("worker")["cpu_seconds"].sum().max()) if len(done) else 0.0
    return {"events": len(manifest), "failed": int((manifest["status"] == "error").sum()),
            "words": words, "wall_seconds": wall, "work_seconds": work,
            "words_per_second": words / work if work > 0 else float("nan"),
            "cpu_seconds": float(done["cpu_seconds"].sum()),
            "busiest_worker_cpu_seconds": busiest, "workers": workers}


