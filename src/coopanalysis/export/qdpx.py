"""REFI-QDA project export (``.qdpx``): carry on coding in QualCoder, NVivo, ATLAS.ti, MAXQDA.

A ``.qdpx`` file is a zip holding ``project.qde`` (XML in the namespace
``urn:QDA-XML:project:1.0``, schema ``data/refi-qda/Project.xsd``) and the source texts in
``sources/``. ``write_qdpx`` puts in it:

- **the transcript** as one ``TextSource`` (``sources/<guid>.txt``, UTF-8), one line per cue::

      [00:20:24] Manon Loisel: On a une démultiplication de dispositifs
      [00:20:27] la parole aux citoyens.            (a cue without speaker)

- **the codebook** as ``Codes``: one per theme, named by its label, nested under its
  parent, with its description (ending with the line ``Theme id: <id>``, so that the id
  survives a round trip through another tool);
- **the theme tags** as ``PlainTextSelection`` elements of the source, each with a
  ``Coding`` that points (``CodeRef``) to its code. Positions are 0-based character
  offsets in the source text, end exclusive (Python slicing).
- one ``User`` (``coopanalysis``) that created everything.

Where a tag goes (``place_tags``): the tags of ``tag_themes`` give offsets in their unit's
text. A tag is placed

1. on a **cue** when its ``unit_id`` is a ``cue_id``, its ``start`` is the cue's start and
   the cue text at its offsets reads its ``term``;
2. in a **turn or sentence** (any unit made of consecutive cues, their stripped texts
   joined by one space, as ``speakers.turns`` does) when ``units`` is given: the unit's
   text is found among the cues it covers (``first_cue_id``..``last_cue_id`` when present,
   else the cues overlapping its ``start``–``end``), and the offsets are carried through;
3. otherwise by **searching** its ``term`` among the cues overlapping its time (same
   speaker first), the occurrence nearest its offset.

A tag that none of these places is not written; ``write_qdpx`` warns with the count and
``place_tags`` says why in its ``warning`` column. GUIDs are derived from the project
name and content (UUID 5), so writing the same analysis twice gives the same project.
"""

from __future__ import annotations

import math
import uuid
import warnings
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path, PurePosixPath
from typing import Any

import numpy as np
import pandas as pd

from coopanalysis.errors import CoopanalysisError
from coopanalysis.export.tables import output_folder
from coopanalysis.model import Transcript
from coopanalysis.schema import CUES, conform
from coopanalysis.text.normalize import fold
from coopanalysis.timecode import format_hms

NAMESPACE = "urn:QDA-XML:project:1.0"
PROJECT_FILE = "project.qde"
SOURCES_DIR = "sources"
USER_NAME = "coopanalysis"
# Fixed namespace for the UUID-5 GUIDs: same project name and content → same GUIDs.
_GUID_NAMESPACE = uuid.UUID("6f1f4c36-9a52-5b1e-9f33-2a7c0e0d6a51")
_THEME_ID_PREFIX = "Theme id: "
# tab10, the matplotlib default cycle, so that codes match the figures' colours.
_COLOURS = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2",
            "#7f7f7f", "#bcbd22", "#17becf")
_TIME_TOLERANCE = 0.001  # seconds: a unit "starts at" a cue when within a millisecond

ET.register_namespace("", NAMESPACE)


def _q(tag: str) -> str:
    return f"{{{NAMESPACE}}}{tag}"


# --------------------------------------------------------------------------- source text


@dataclass(frozen=True)
class CueLine:
    """One cue in the source text: ``text`` as written there, from offset ``text_start``."""

    cue_id: int
    start: float
    end: float
    speaker: str | None
    text: str
    text_start: int


@dataclass(frozen=True)
class SourceText:
    """The transcript as the project's plain text, and where each cue's text lies in it."""

    text: str
    lines: list[CueLine]

    @property
    def cues(self) -> pd.DataFrame:
        """``cue_id``, ``start``, ``end``, ``speaker``, ``text`` (line breaks turned into
        spaces), ``text_start``, ``text_end`` (offsets of the cue text in ``text``)."""
        frame = pd.DataFrame([vars(line) for line in self.lines],
                             columns=["cue_id", "start", "end", "speaker", "text", "text_start"])
        frame["text_end"] = frame["text_start"] + frame["text"].map(len).astype("int64")
        return frame


def source_text(transcript: Transcript | pd.DataFrame) -> SourceText:
    """Lay out the transcript as ``[HH:MM:SS] Speaker: text`` lines (``[--:--:--]`` untimed)."""
    cues = conform(transcript.cues if isinstance(transcript, Transcript) else transcript, CUES)
    lines: list[str] = []
    cue_lines: list[CueLine] = []
    position = 0
    for cue in cues.to_dict("records"):
        start, speaker, text = cue["start"], cue["speaker"], cue["text"]
        stamp = "--:--:--" if pd.isna(start) or start < 0 else format_hms(float(start))
        label = None if pd.isna(speaker) else str(speaker)
        prefix = f"[{stamp}] " + ("" if label is None else f"{label}: ")
        body = "" if pd.isna(text) else _one_line(str(text))
        lines.append(prefix + body)
        cue_lines.append(CueLine(int(cue["cue_id"]), float(start), float(cue["end"]), label,
                                 body, position + len(prefix)))
        position += len(prefix) + len(body) + 1  # the newline
    return SourceText("\n".join(lines) + ("\n" if lines else ""), cue_lines)


def _one_line(text: str) -> str:
    """Line breaks as spaces, one for one, so that offsets in ``text`` stay valid."""
    return text.replace("\r", " ").replace("\n", " ")


# --------------------------------------------------------------------------- placement


@dataclass(frozen=True)
class _Window:
    """Stripped cue texts joined by one space, with each piece's offset in the source."""

    text: str
    pieces: list[tuple[int, int, int]]  # (window_start, window_end, source_start)

    def to_source(self, start: int, end: int) -> tuple[int, int] | None:
        first = next((p for p in self.pieces if p[0] <= start < p[1]), None)
        last = next((p for p in self.pieces if p[0] < end <= p[1]), None)
        if first is None or last is None:
            return None
        return first[2] + start - first[0], last[2] + end - last[0]


class _Layout:
    """The cue lines with their times as arrays, for fast lookups by time and by cue id."""

    def __init__(self, lines: list[CueLine]):
        self.lines = lines
        self.starts = np.array([line.start for line in lines], dtype=float)
        self.ends = np.array([line.end for line in lines], dtype=float)
        self.row_of_cue = {line.cue_id: i for i, line in enumerate(lines)}

    def __getitem__(self, row: int) -> CueLine:
        return self.lines[row]


def _window(layout: _Layout, rows: Iterable[int]) -> _Window:
    parts: list[str] = []
    pieces: list[tuple[int, int, int]] = []
    offset = 0
    for row in rows:
        raw = layout[row].text
        stripped = raw.strip()
        if not stripped:
            continue
        if parts:
            offset += 1  # the joining space
        lead = len(raw) - len(raw.lstrip())
        pieces.append((offset, offset + len(stripped), layout[row].text_start + lead))
        parts.append(stripped)
        offset += len(stripped)
    return _Window(" ".join(parts), pieces)


def place_tags(
    transcript: Transcript | pd.DataFrame,
    themes: pd.DataFrame,
    *,
    units: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Where each theme tag falls in the source text of :func:`source_text`.

    Returns:
        ``themes`` with ``source_start``, ``source_end`` (Int64 offsets in the source text,
        NA when not placed), ``placed_by`` (``cue`` | ``unit`` | ``search``, NA when not
        placed) and ``placement_warning`` (why a tag could not be placed, NA otherwise).
        The rules are in the module docstring.
    """
    layout = _Layout(source_text(transcript).lines)
    unit_rows = _unit_lookup(units)
    placed: list[tuple[Any, Any, Any, Any]] = []
    for tag in themes.reset_index(drop=True).to_dict("records"):
        placed.append(_place_one({str(k): v for k, v in tag.items()}, layout, unit_rows))
    out = themes.reset_index(drop=True).copy()
    out["source_start"] = pd.array([p[0] for p in placed], dtype="Int64")
    out["source_end"] = pd.array([p[1] for p in placed], dtype="Int64")
    out["placed_by"] = pd.array([p[2] for p in placed], dtype="string")
    out["placement_warning"] = pd.array([p[3] for p in placed], dtype="string")
    return out


def _unit_lookup(units: pd.DataFrame | None) -> dict[str, dict[str, Any]]:
    if units is None:
        return {}
    from coopanalysis.analyse.stats import unit_ids

    ids = unit_ids(units)
    return {str(i): {str(k): v for k, v in row.items()}
            for i, row in zip(ids, units.to_dict("records"), strict=True) if not pd.isna(i)}


def _place_one(tag: Mapping[str, Any], layout: _Layout,
               unit_rows: Mapping[str, Mapping[str, Any]]) -> tuple[Any, Any, Any, Any]:
    char_start, char_end = _int_or_none(tag.get("char_start")), _int_or_none(tag.get("char_end"))
    term = tag.get("term")
    term = None if term is None or pd.isna(term) else str(term)
    if char_start is None or char_end is None or char_end <= char_start:
        if term is None:
            return pd.NA, pd.NA, pd.NA, "no character offsets and no term"
        char_start, char_end = 0, len(term)
    on_cue = _on_cue(tag, char_start, char_end, term, layout)
    if on_cue is not None:
        return (*on_cue, "cue", pd.NA)
    unit = unit_rows.get(str(tag.get("unit_id")))
    if unit is not None:
        in_unit = _in_unit(unit, char_start, char_end, term, layout)
        if in_unit is not None:
            return (*in_unit, "unit", pd.NA)
    if term is None:
        return pd.NA, pd.NA, pd.NA, "unit not found and no term to search for"
    found = _search(tag, char_start, term, layout)
    if found is not None:
        return (*found, "search", pd.NA)
    return pd.NA, pd.NA, pd.NA, f"term {term!r} not found in the cues at the tag's time"


def _on_cue(tag: Mapping[str, Any], char_start: int, char_end: int, term: str | None,
            layout: _Layout) -> tuple[int, int] | None:
    cue_id = _int_or_none(tag.get("unit_id"))
    row = None if cue_id is None else layout.row_of_cue.get(cue_id)
    if row is None:
        return None
    start, line = tag.get("start"), layout[row]
    if (isinstance(start, int | float) and _is_number(start) and _is_number(line.start)
            and abs(start - line.start) > _TIME_TOLERANCE):
        return None  # a turn or sentence that happens to share the number of a cue
    if char_end > len(line.text) or not _reads(line.text[char_start:char_end], term):
        return None
    return line.text_start + char_start, line.text_start + char_end


def _in_unit(unit: Mapping[str, Any], char_start: int, char_end: int, term: str | None,
             layout: _Layout) -> tuple[int, int] | None:
    text = unit.get("text")
    if not isinstance(text, str) or char_end > len(text) or not _reads(
            text[char_start:char_end], term):
        return None
    text = _one_line(text)  # as the cue texts are written in the source
    for rows in _candidate_rows(unit, layout):
        window = _window(layout, rows)
        at = window.text.find(text.strip())
        if at < 0:
            continue
        lead = len(text) - len(text.lstrip())
        mapped = window.to_source(at + char_start - lead, at + char_end - lead)
        if mapped is not None:
            return mapped
    return None


def _candidate_rows(unit: Mapping[str, Any], layout: _Layout) -> Iterator[list[int]]:
    """Cue rows a unit may span: by cue ids, then by time (same speaker first)."""
    rows = layout.row_of_cue
    first = _int_or_none(unit.get("first_cue_id"))
    last = _int_or_none(unit.get("last_cue_id"))
    if first is not None and last is not None and first in rows and last in rows:
        yield list(range(rows[first], rows[last] + 1))
    yield from _rows_in_time(unit, layout)


def _rows_in_time(item: Mapping[str, Any], layout: _Layout) -> list[list[int]]:
    start, end = item.get("start"), item.get("end")
    if not (isinstance(start, int | float) and _is_number(start)):
        return []
    if not (isinstance(end, int | float) and _is_number(end) and end >= start):
        end = start
    overlap = (layout.starts <= end + _TIME_TOLERANCE) & (layout.ends >= start - _TIME_TOLERANCE)
    rows = [int(i) for i in np.flatnonzero(overlap)]
    speaker = item.get("speaker")
    if speaker is None or pd.isna(speaker):
        return [rows] if rows else []
    same = [r for r in rows if layout[r].speaker == speaker]
    return [r for r in (same, rows) if r]


def _search(tag: Mapping[str, Any], char_start: int, term: str,
            layout: _Layout) -> tuple[int, int] | None:
    for rows in _rows_in_time(tag, layout):
        window = _window(layout, rows)
        hits = _occurrences(window.text, term)
        if hits:
            best = min(hits, key=lambda at: abs(at - char_start))
            mapped = window.to_source(best, best + len(term))
            if mapped is not None:
                return mapped
    return None


def _occurrences(text: str, term: str) -> list[int]:
    hits = []
    for haystack, needle in ((text, term), (text.casefold(), term.casefold())):
        at = haystack.find(needle)
        while at >= 0:
            hits.append(at)
            at = haystack.find(needle, at + 1)
        if hits or len(haystack) != len(text):  # casefold changed lengths: offsets unsafe
            break
    return hits


def _reads(text: str, term: str | None) -> bool:
    return bool(text.strip()) and (term is None or fold(text) == fold(term))


def _int_or_none(value: Any) -> int | None:
    if value is None or value is pd.NA:
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return int(number) if not math.isnan(number) and number == int(number) else None


def _is_number(value: Any) -> bool:
    """A real number, not NaN (NaN compares False with everything)."""
    return isinstance(value, int | float) and not math.isnan(value)


# --------------------------------------------------------------------------- codes


@dataclass(frozen=True)
class _Code:
    theme: str
    name: str
    description: str
    parent: str | None
    guid: str


def _codes(codebook: Any, themes: pd.DataFrame | None, project: str) -> list[_Code]:
    """Codes of the codebook (duck typed: ``.themes`` of objects with ``id``, ``label``,
    ``description``, ``parent``), then themes found only in the tags."""
    codes: dict[str, _Code] = {}
    for theme in getattr(codebook, "themes", None) or []:
        theme_id = str(theme.id)
        label = getattr(theme, "label", None) or theme_id
        parent = getattr(theme, "parent", None) or None
        codes[theme_id] = _Code(theme_id, str(label), str(getattr(theme, "description", "") or ""),
                                None if parent is None else str(parent),
                                _guid(project, "code", theme_id))
    if codebook is not None and not hasattr(codebook, "themes"):
        raise CoopanalysisError(f"codebook must have a .themes list (a coopanalysis Codebook), "
                                f"got {type(codebook).__name__}")
    if themes is not None and "theme" in themes.columns:
        for theme_id in sorted(themes["theme"].dropna().astype(str).unique()):
            if theme_id not in codes:
                codes[theme_id] = _Code(theme_id, theme_id,
                                        "Found in the tags, not in the codebook.", None,
                                        _guid(project, "code", theme_id))
    return list(codes.values())


def _code_elements(codes: list[_Code]) -> list[ET.Element]:
    by_theme = {c.theme: c for c in codes}
    children: dict[str | None, list[_Code]] = {}
    for code in codes:
        parent = code.parent if code.parent in by_theme and code.parent != code.theme else None
        if code.parent and parent is None:
            warnings.warn(f"theme {code.theme!r}: parent {code.parent!r} is not in the codebook; "
                          "written at the top level", UserWarning, stacklevel=4)
        children.setdefault(parent, []).append(code)
    colours = {c.theme: _COLOURS[i % len(_COLOURS)] for i, c in enumerate(codes)}

    def build(code: _Code, seen: frozenset[str]) -> ET.Element:
        element = ET.Element(_q("Code"), guid=code.guid, name=code.name, isCodable="true",
                             color=colours[code.theme])
        description = "\n".join(p for p in (code.description, _THEME_ID_PREFIX + code.theme) if p)
        ET.SubElement(element, _q("Description")).text = description
        for child in children.get(code.theme, []):
            if child.theme not in seen:  # a parent cycle would recurse forever
                element.append(build(child, seen | {child.theme}))
        return element

    roots = [build(code, frozenset({code.theme})) for code in children.get(None, [])]
    # Codes in a parent cycle are reachable from no root: the first of each cycle becomes one.
    for code in codes:
        if code.guid not in {e.get("guid") for root in roots for e in root.iter(_q("Code"))}:
            roots.append(build(code, frozenset({code.theme})))
    return roots


# --------------------------------------------------------------------------- writing


def write_qdpx(
    path: str | Path,
    *,
    transcript: Transcript,
    codebook: Any = None,
    themes: pd.DataFrame | None = None,
    units: pd.DataFrame | None = None,
    project_name: str | None = None,
) -> Path:
    """Write a REFI-QDA project (``.qdpx``) holding the transcript, codebook and theme tags.

    Args:
        path: the ``.qdpx`` file to write (parent folders created).
        transcript: the transcript, laid out as ``[HH:MM:SS] Speaker: text`` lines.
        codebook: a ``coopanalysis.tag.themes.Codebook`` or any object with ``.themes``, an
            iterable of objects with ``id``, ``label``, ``description``, ``parent``.
            ``None``: one code per theme found in ``themes``.
        themes: the tags (``schema.THEMES``), coded as text selections.
        units: the DataFrame that was tagged, when it is not the cues (turns, sentences):
            lets tags in turns and sentences be placed exactly (see the module docstring).
        project_name: the project's name; default the transcript's file name.

    Returns:
        ``path``. Tags that could not be placed are left out with a ``UserWarning``
        giving the count (``place_tags`` tells which and why).

    Raises:
        CoopanalysisError: ``transcript`` is not a Transcript; ``path`` is a folder, or
            its parent cannot be a folder.
    """
    if not isinstance(transcript, Transcript):
        raise CoopanalysisError(f"transcript must be a Transcript, got {type(transcript).__name__}")
    name = project_name or _default_name(transcript)
    source = source_text(transcript)
    codes = _codes(codebook, themes, name)
    placed = None
    if themes is not None and "theme" in themes.columns and themes["theme"].isna().any():
        warnings.warn(f"{int(themes['theme'].isna().sum())} tag(s) without a theme are not in "
                      "the .qdpx", UserWarning, stacklevel=2)
        themes = themes[themes["theme"].notna()]
    if themes is not None and len(themes):
        placed = place_tags(transcript, themes, units=units)
        missing = int(placed["source_start"].isna().sum())
        if missing:
            warnings.warn(f"{missing} of {len(placed)} theme tag(s) could not be placed in the "
                          "transcript text and are not in the .qdpx (see qdpx.place_tags)",
                          UserWarning, stacklevel=2)
    project = _project_xml(name, transcript, source, codes, placed)
    out = Path(path)
    if out.is_dir():
        raise CoopanalysisError("is a folder: give the path of the .qdpx file to write",
                                source=str(out))
    output_folder(out.parent)
    source_guid = _guid(name, "source", "transcript")
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(PROJECT_FILE, ET.tostring(project, encoding="utf-8",
                                                   xml_declaration=True))
        archive.writestr(f"{SOURCES_DIR}/{source_guid}.txt", source.text.encode("utf-8"))
    return out


def _default_name(transcript: Transcript) -> str:
    if transcript.source and transcript.source != "<string>":
        return PurePosixPath(str(transcript.source).replace("\\", "/")).name
    return "coopanalysis transcript"


def _guid(project: str, kind: str, key: str) -> str:
    return str(uuid.uuid5(_GUID_NAMESPACE, f"{project}\x1f{kind}\x1f{key}"))


def _project_xml(name: str, transcript: Transcript, source: SourceText, codes: list[_Code],
                 placed: pd.DataFrame | None) -> ET.Element:
    from coopanalysis import __version__

    now = datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    user = _guid(name, "user", USER_NAME)
    project = ET.Element(_q("Project"), name=name, origin=f"coopanalysis {__version__}",
                         creatingUserGUID=user, creationDateTime=now)
    users = ET.SubElement(project, _q("Users"))
    ET.SubElement(users, _q("User"), guid=user, name=USER_NAME)
    if codes:
        codebook = ET.SubElement(project, _q("CodeBook"))
        ET.SubElement(codebook, _q("Codes")).extend(_code_elements(codes))
    sources = ET.SubElement(project, _q("Sources"))
    source_guid = _guid(name, "source", "transcript")
    text_source = ET.SubElement(
        sources, _q("TextSource"), guid=source_guid, name=_default_name(transcript),
        plainTextPath=f"internal://{source_guid}.txt", creatingUser=user, creationDateTime=now)
    ET.SubElement(text_source, _q("Description")).text = (
        f"Transcript {transcript.source} ({transcript.format}), one line per cue: "
        "[HH:MM:SS] Speaker: text. Written by coopanalysis.")
    code_guid = {c.theme: c.guid for c in codes}
    if placed is not None:
        for index, tag in placed.iterrows():
            if pd.isna(tag["source_start"]):
                continue
            start, end = int(tag["source_start"]), int(tag["source_end"])
            selection = ET.SubElement(
                text_source, _q("PlainTextSelection"), guid=_guid(name, "selection", str(index)),
                name=source.text[start:end][:100], startPosition=str(start),
                endPosition=str(end), creatingUser=user, creationDateTime=now)
            ET.SubElement(selection, _q("Description")).text = _selection_note(tag)
            coding = ET.SubElement(selection, _q("Coding"), guid=_guid(name, "coding", str(index)),
                                   creatingUser=user, creationDateTime=now)
            ET.SubElement(coding, _q("CodeRef"), targetGUID=code_guid[str(tag["theme"])])
    ET.SubElement(project, _q("Description")).text = (
        "Exported by coopanalysis: the transcript as a text source, the thematic codebook as "
        "codes, the automatic theme tags as coded selections (to be checked by a coder).")
    return project


def _selection_note(tag: pd.Series) -> str:
    parts = [f"theme {tag['theme']}", f"unit {tag.get('unit_id')}"]
    if "lemma" in tag and not pd.isna(tag["lemma"]):
        parts.append(f"lemma {tag['lemma']}")
    parts.append(f"placed by {tag['placed_by']}")
    return "; ".join(parts)


# --------------------------------------------------------------------------- reading


def read_qdpx(path: str | Path) -> dict[str, Any]:
    """Read back a ``.qdpx`` project (ours or another tool's text sources and codes).

    Returns:
        ``{"name": project name, "sources": {source name: plain text},
        "codes": DataFrame, "codings": DataFrame, "users": DataFrame}``:

        - ``codes``: ``guid``, ``name``, ``description``, ``parent`` (name of the parent
          code, NA at the top), ``theme`` (the ``Theme id:`` line of the description, NA
          for codes another tool added), ``color``;
        - ``codings``: one row per coded text selection: ``code`` (name), ``theme``,
          ``source`` (name), ``char_start``, ``char_end`` (offsets in the source text),
          ``text`` (the selected characters);
        - ``users``: ``guid``, ``name``.

    Raises:
        CoopanalysisError: a file that cannot be read, not a zip, no ``project.qde``, XML
            that does not parse.
    """
    where = str(path)
    try:
        with zipfile.ZipFile(path) as archive:
            members = {name.lower(): name for name in archive.namelist()}
            if PROJECT_FILE not in members:
                raise CoopanalysisError(f"no {PROJECT_FILE} in the archive", source=where)
            root = ET.fromstring(archive.read(members[PROJECT_FILE]))
            texts = _source_texts(root, archive, members, where)
    except zipfile.BadZipFile as error:
        raise CoopanalysisError(f"not a .qdpx (zip) file: {error}", source=where) from None
    except OSError as error:  # missing file, a folder, no permission
        raise CoopanalysisError(f"cannot read the file: {error.strerror or error}",
                                source=where) from None
    except ET.ParseError as error:
        raise CoopanalysisError(f"{PROJECT_FILE} is not well-formed XML: {error}",
                                source=where) from None
    codes = _read_codes(root)
    code_by_guid = {row["guid"]: row for row in codes.to_dict("records")}
    rows = []
    for source in root.iter(_q("TextSource")):
        text = texts.get(source.get("guid", ""), "")
        for selection in source.iter(_q("PlainTextSelection")):
            start = int(selection.get("startPosition", "0"))
            end = int(selection.get("endPosition", "0"))
            for ref in selection.iter(_q("CodeRef")):
                code = code_by_guid.get(ref.get("targetGUID", ""), {})
                rows.append({"code": code.get("name", pd.NA), "theme": code.get("theme", pd.NA),
                             "source": source.get("name", pd.NA), "char_start": start,
                             "char_end": end, "text": text[start:end]})
    codings = pd.DataFrame(rows, columns=["code", "theme", "source", "char_start", "char_end",
                                          "text"])
    codings = codings.astype({"code": "string", "theme": "string", "source": "string",
                              "char_start": "int64", "char_end": "int64", "text": "string"})
    users = pd.DataFrame([{"guid": u.get("guid"), "name": u.get("name")}
                          for u in root.iter(_q("User"))], columns=["guid", "name"])
    names = {s.get("guid", ""): s.get("name") or s.get("guid") or ""
             for s in root.iter(_q("TextSource"))}
    return {"name": root.get("name"), "sources": {names[g]: t for g, t in texts.items()},
            "codes": codes, "codings": codings, "users": users.astype("string")}


def _source_texts(root: ET.Element, archive: zipfile.ZipFile, members: Mapping[str, str],
                  where: str) -> dict[str, str]:
    texts = {}
    for source in root.iter(_q("TextSource")):
        guid = source.get("guid", "")
        content = source.find(_q("PlainTextContent"))
        path = source.get("plainTextPath", "")
        if content is not None:
            texts[guid] = content.text or ""
        elif path.startswith("internal://"):
            member = members.get(f"{SOURCES_DIR}/{path[len('internal://'):]}".lower())
            if member is None:
                raise CoopanalysisError(f"source {path!r} is not in the archive", source=where)
            texts[guid] = archive.read(member).decode("utf-8-sig")
    return texts


def _read_codes(root: ET.Element) -> pd.DataFrame:
    rows: list[dict[str, Any]] = []

    def walk(element: ET.Element, parent: str | None) -> None:
        for code in element.findall(_q("Code")):
            description = code.findtext(_q("Description")) or ""
            theme = next((line[len(_THEME_ID_PREFIX):] for line in description.splitlines()
                          if line.startswith(_THEME_ID_PREFIX)), None)
            rows.append({"guid": code.get("guid"), "name": code.get("name"),
                         "description": description, "parent": parent, "theme": theme,
                         "color": code.get("color")})
            walk(code, code.get("name"))

    codes_element = root.find(f"{_q('CodeBook')}/{_q('Codes')}")
    if codes_element is not None:
        walk(codes_element, None)
    return pd.DataFrame(rows, columns=["guid", "name", "description", "parent", "theme",
                                       "color"]).astype("string")


# --------------------------------------------------------------------------- validation


def schema_path() -> Path:
    """The bundled REFI-QDA ``Project.xsd`` (QDA-XML 1.0, MIT licence; see its README)."""
    return Path(str(resources.files("coopanalysis") / "data" / "refi-qda" / "Project.xsd"))


def validate_qdpx(path: str | Path) -> list[str]:
    """Problems found in a ``.qdpx``; an empty list means it is valid.

    Always checks the archive (``project.qde`` at the root, every ``internal://`` source
    present, selections inside their text); validates ``project.qde`` against the
    REFI-QDA XML schema when ``lxml`` is installed (a dev dependency), and says so
    otherwise.
    """
    problems: list[str] = []
    try:
        project = read_qdpx(path)
    except CoopanalysisError as error:
        return [str(error)]
    lengths = {name: len(text) for name, text in project["sources"].items()}
    for coding in project["codings"].itertuples():
        length = lengths.get(str(coding.source))
        if length is None or not 0 <= coding.char_start < coding.char_end <= length:
            problems.append(f"selection {coding.char_start}–{coding.char_end} of code "
                            f"{coding.code!r} lies outside source {coding.source!r}")
    try:
        from lxml import etree
    except ImportError:
        return [*problems, "lxml is not installed: the XML schema was not checked"]
    schema = etree.XMLSchema(etree.parse(str(schema_path())))
    with zipfile.ZipFile(path) as archive:
        member = next(n for n in archive.namelist() if n.lower() == PROJECT_FILE)
        document = etree.fromstring(archive.read(member))
    if not schema.validate(document):
        problems += [f"{PROJECT_FILE}, line {e.line}: {e.message}" for e in schema.error_log]
    return problems
