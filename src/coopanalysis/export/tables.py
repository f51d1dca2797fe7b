"""Files for other tools: every table as CSV, Parquet and Excel; replay deep links.

``write_tables({"cues": cues, ...}, "out/tables")`` writes ``cues.csv``, ``cues.parquet``
and one workbook ``tables.xlsx``; list columns are lists in Parquet and JSON text in CSV and
Excel. ``replay_links(df, url)`` adds ``replay_link`` (``…?t=1224``) from each row's
``start``. See ``docs/analysis.md``.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import numpy as np
import pandas as pd

from coopanalysis.errors import ExportError

FORMATS: tuple[str, ...] = ("csv", "parquet", "xlsx")
#: Name of the Excel workbook holding one sheet per table.
WORKBOOK_NAME = "tables.xlsx"
# Excel limits: sheet names ≤ 31 characters without []:*?/\ ; cells ≤ 32,767 characters.
_SHEET_NAME_MAX = 31
_SHEET_FORBIDDEN_RE = re.compile(r"[\[\]:*?/\\]")
_CELL_MAX = 32_767
_FILE_NAME_RE = re.compile(r"[^\w.-]+")


def write_tables(
    tables: Mapping[str, pd.DataFrame],
    out_dir: str | Path,
    *,
    formats: Iterable[str] = FORMATS,
) -> dict[str, list[Path]]:
    """Write each table in each format.

    Args:
        tables: ``{name: DataFrame}``; ``None`` values are skipped (a table an analysis
            could not make). Names become file names (characters other than letters,
            digits, ``-``, ``_`` and ``.`` replaced by ``_``).
        out_dir: folder, created when missing; existing files of the same name are replaced.
        formats: some of ``"csv"`` (UTF-8, comma, header, no index), ``"parquet"`` (pyarrow),
            ``"xlsx"`` (one workbook ``tables.xlsx``, one sheet per table).

    Returns:
        ``{format: [paths written]}``, in the order of ``tables``.

    Raises:
        ExportError: unknown format, a table that is not a DataFrame, or an
            ``out_dir`` that cannot be a folder (see :func:`output_folder`), a file that
            cannot be written.
    """
    chosen = list(formats)
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown:
        raise ExportError(f"unknown table format(s) {unknown}: expected some of "
                                f"{list(FORMATS)}")
    present = {name: df for name, df in tables.items() if df is not None}
    for name, df in present.items():
        if not isinstance(df, pd.DataFrame):
            raise ExportError(f"table {name!r} is a {type(df).__name__}, not a DataFrame")
    folder = output_folder(out_dir)
    names = _unique([_file_stem(name) for name in present])
    written: dict[str, list[Path]] = {}
    try:
        if "csv" in chosen:
            written["csv"] = [_write_csv(df, folder / f"{stem}.csv")
                              for stem, df in zip(names, present.values(), strict=True)]
        if "parquet" in chosen:
            written["parquet"] = [_write_parquet(df, folder / f"{stem}.parquet")
                                  for stem, df in zip(names, present.values(), strict=True)]
        if "xlsx" in chosen:
            written["xlsx"] = [_write_workbook(present, folder / WORKBOOK_NAME)]
    except OSError as error:  # disk full, no permission, a folder named like the file
        raise ExportError(f"cannot write a table file: {error.strerror or error}",
                          str(error.filename or folder)) from None
    return written


def _file_stem(name: str) -> str:
    stem = _FILE_NAME_RE.sub("_", str(name)).strip("._")
    return stem or "table"


def _unique(names: list[str], *, max_length: int | None = None) -> list[str]:
    """Names made unique by a ``_2``, ``_3``… suffix, within ``max_length`` characters."""
    seen: set[str] = set()
    result = []
    for name in names:
        base = name[:max_length] if max_length else name
        candidate, n = base, 1
        while candidate.lower() in seen:
            n += 1
            suffix = f"_{n}"
            candidate = (base[: max_length - len(suffix)] if max_length else base) + suffix
        seen.add(candidate.lower())
        result.append(candidate)
    return result


def _write_csv(df: pd.DataFrame, path: Path) -> Path:
    _with_text_lists(df).to_csv(path, index=False, encoding="utf-8")
    return path


def _write_parquet(df: pd.DataFrame, path: Path) -> Path:
    import pyarrow as pa

    try:
        df.to_parquet(path, index=False)
    except (pa.ArrowException, TypeError, ValueError):
        # Mixed Python objects in a column (a list here, a dict there) have no Arrow type:
        # store those columns as JSON text rather than lose the table.
        df.pipe(_with_text_lists, all_objects=True).to_parquet(path, index=False)
    return path


def _write_workbook(tables: Mapping[str, pd.DataFrame], path: Path) -> Path:
    sheet_names = _unique([_sheet_name(name) for name in tables], max_length=_SHEET_NAME_MAX)
    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        if not tables:  # a workbook needs one sheet
            pd.DataFrame().to_excel(writer, sheet_name="empty", index=False)
        for sheet, df in zip(sheet_names, tables.values(), strict=True):
            _excel_ready(df).to_excel(writer, sheet_name=sheet, index=False)
    return path


def _sheet_name(name: str) -> str:
    cleaned = _SHEET_FORBIDDEN_RE.sub("_", str(name)).strip("'") or "table"
    return cleaned[:_SHEET_NAME_MAX]


def _with_text_lists(df: pd.DataFrame, *, all_objects: bool = False) -> pd.DataFrame:
    """Object columns holding lists, tuples, sets or dicts as JSON text (``[4, 5]``)."""
    out = df.copy()
    for name in out.columns:
        column = out[name]
        if column.dtype != object:
            continue
        if all_objects or column.map(_is_container).any():
            out[name] = pd.Series([_json_text(v) for v in column], index=out.index,
                                  dtype="string")
    return out


def _is_container(value: Any) -> bool:
    return isinstance(value, list | tuple | set | dict | np.ndarray)


def _json_text(value: Any) -> Any:
    if _is_container(value):
        items = sorted(value) if isinstance(value, set) else value
        if isinstance(items, np.ndarray):
            items = items.tolist()
        return json.dumps(items, ensure_ascii=False, default=str)
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return pd.NA
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)


def _excel_ready(df: pd.DataFrame) -> pd.DataFrame:
    # The writer's own rule (C0 controls but tab, newline, carriage return): openpyxl raises
    # IllegalCharacterError on exactly what this pattern matches.
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    def cell(value: Any) -> Any:
        if not isinstance(value, str):
            return value
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
        if len(value) > _CELL_MAX:  # Excel would refuse the file; the CSV keeps the full text
            value = value[: _CELL_MAX - 1] + "…"
        return value

    out = _with_text_lists(df)
    for name in out.columns:
        if out[name].dtype == object or isinstance(out[name].dtype, pd.StringDtype):
            out[name] = out[name].map(cell, na_action="ignore")
    return out


# --------------------------------------------------------------------------- replay links


def output_folder(out_dir: str | Path) -> Path:
    """``out_dir`` as a folder, created with its parents when missing.

    Raises:
        ExportError: naming the path, when it is an existing file (``--out
            report.html``) or cannot be created (no permission, a parent is a file).
    """
    folder = Path(out_dir)
    if folder.exists() and not folder.is_dir():
        raise ExportError("not a folder: an existing file has this name; give a folder "
                                "path for the output", str(folder))
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ExportError(f"cannot create the output folder: {error.strerror or error}",
                                str(folder)) from None
    return folder


def replay_links(df: pd.DataFrame, replay_url: str, *, column: str = "start") -> pd.DataFrame:
    """A copy of ``df`` with a ``replay_link`` column: the replay opened at each row's time.

    The time is the whole second of ``column`` (default ``start``), added as ``t=1224`` —
    ``?t=`` when the URL has no query, ``&t=`` when it has one (``watch?v=ID``), replacing a
    ``t`` already there; the ``#fragment`` stays last, without a time of its own (``#t=5``).
    Works for YouTube (``youtube.com/watch``, ``youtu.be``), PeerTube and Dailymotion,
    which read ``t`` in seconds. Rows without a time
    (NaN: an unmatched quote) get NA, never a link to the start of the video.

    Raises:
        ExportError: the URL is not ``http(s)://host/...``, or ``df`` has no ``column``.
    """
    parts = urlsplit(str(replay_url).strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ExportError(f"replay URL {replay_url!r} is not an http(s) address",
                                source="replay_url")
    if column not in df.columns:
        raise ExportError(f"cannot make replay links: no {column!r} column "
                                f"(columns: {list(df.columns)})")
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != "t"]
    # A time in the fragment ("#t=5", as Vimeo's "share at current time" and media
    # fragments write it) would win over ours: every link opened at that same time.
    fragment = "&".join(p for p in parts.fragment.split("&") if p and not p.startswith("t="))

    def link(seconds: Any) -> Any:
        if pd.isna(seconds) or float(seconds) < 0:
            return pd.NA
        new_query = urlencode([*query, ("t", str(int(float(seconds))))])
        return urlunsplit((parts.scheme, parts.netloc, parts.path, new_query, fragment))

    out = df.copy()
    out["replay_link"] = pd.Series([link(s) for s in df[column]], index=df.index,
                                   dtype="string")
    return out
