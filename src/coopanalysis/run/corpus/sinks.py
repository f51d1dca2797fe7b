"""Where the tables of a corpus run go: kept in memory, or streamed to a Parquet dataset.

``ParquetSink`` writes ``out/<table>/event_id=<id>/part-0.parquet`` as each event completes,
one Arrow schema per table across events; ``read_table`` reads a table back in item order.
See ``docs/corpus.md`` ("Streaming to Parquet").
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from coopanalysis.errors import OutputExistsError
from coopanalysis.run.corpus.tasks import EventOutput, with_event_id

if TYPE_CHECKING:
    import pyarrow as pa

MANIFEST_FILE = "manifest.parquet"
ERRORS_FILE = "errors.parquet"
PART_FILE = "part-0.parquet"


class MemorySink:
    """Keeps each event's tables, to concatenate them in item order at the end."""

    def __init__(self) -> None:
        self.by_position: dict[int, dict[str, pd.DataFrame]] = {}

    def add(self, output: EventOutput) -> None:
        self.by_position[output.position] = output.tables

    def tables(self, names: list[str]) -> dict[str, pd.DataFrame]:
        ordered = [self.by_position[p] for p in sorted(self.by_position)]
        return {name: concat([t[name] for t in ordered if name in t]) for name in names}


def concat(frames: list[pd.DataFrame]) -> pd.DataFrame:
    """Concatenate keeping dtypes; empty frames only give their columns."""
    if not frames:
        return pd.DataFrame({"event_id": pd.Series(dtype="string")})
    non_empty = [f for f in frames if len(f)]
    if not non_empty:
        return frames[0].iloc[0:0].reset_index(drop=True)
    return pd.concat(non_empty, ignore_index=True)


# Arrow types of columns holding Python objects, which an empty table cannot reveal.
_KNOWN_ARROW_TYPES: dict[str, str] = {"cue_ids": "list<int64>"}


class ParquetSink:
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

    def add(self, output: EventOutput) -> None:
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
        return self.out / name / f"event_id={event_id}" / PART_FILE

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


def prepare_out(out: Path, *, overwrite: bool) -> None:
    """Create ``out``; refuse to mix with an earlier run unless ``overwrite``.

    Raises:
        OutputExistsError: ``out`` is a file, holds an earlier run (without ``overwrite``)
            or holds files coopanalysis did not write.
    """
    if out.exists() and not out.is_dir():
        raise OutputExistsError("is a file, not a folder: give a folder path for out", str(out))
    if out.exists() and any(out.iterdir()):
        if not overwrite:
            raise OutputExistsError(
                "is not empty; pass overwrite=True to replace an earlier corpus run", str(out))
        if not (out / MANIFEST_FILE).exists():
            raise OutputExistsError(
                f"is not empty and holds no {MANIFEST_FILE}: not replacing a folder that "
                "coopanalysis did not write", str(out))
        for child in out.iterdir():
            if child.is_dir() and all(p.name.startswith("event_id=") for p in child.iterdir()):
                shutil.rmtree(child)
            elif child.name in (MANIFEST_FILE, ERRORS_FILE):
                child.unlink()
    out.mkdir(parents=True, exist_ok=True)


def read_table(out: Path, name: str, manifest: pd.DataFrame) -> pd.DataFrame:
    """Read one table back, event by event in manifest order (exact row order)."""
    frames = []
    for event_id in manifest.loc[manifest["status"] == "ok", "event_id"]:
        part = out / name / f"event_id={event_id}" / PART_FILE
        if part.exists():
            frames.append(with_event_id(_lists_back(pd.read_parquet(part)), str(event_id)))
    return concat(frames)


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


