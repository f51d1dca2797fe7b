"""Write a REFI-QDA project (``.qdpx``): the transcript, the codebook as codes, the tags.

The zip holds ``project.qde`` (QDA-XML 1.0) and the transcript as ``sources/<guid>.txt``;
each placed tag (:mod:`.place`) is a coded ``PlainTextSelection``. GUIDs are UUID 5 of the
project name and content, so the same analysis gives the same project. See
``docs/analysis.md`` ("REFI-QDA project").
"""

from __future__ import annotations

import uuid
import warnings
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import Any

import pandas as pd

from coopanalysis.errors import ExportError
from coopanalysis.export.qdpx.place import place_tags
from coopanalysis.export.qdpx.source import (
    NAMESPACE,
    PROJECT_FILE,
    SOURCES_DIR,
    THEME_ID_PREFIX,
    USER_NAME,
    SourceText,
    q,
    source_text,
)
from coopanalysis.export.tables import output_folder
from coopanalysis.model import Transcript

# Fixed namespace for the UUID-5 GUIDs: same project name and content → same GUIDs.
_GUID_NAMESPACE = uuid.UUID("6f1f4c36-9a52-5b1e-9f33-2a7c0e0d6a51")
# tab10, the matplotlib default cycle, so that codes match the figures' colours.
_COLOURS = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2",
            "#7f7f7f", "#bcbd22", "#17becf")

ET.register_namespace("", NAMESPACE)


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
        raise ExportError(f"codebook must have a .themes list (a coopanalysis Codebook), "
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
        element = ET.Element(q("Code"), guid=code.guid, name=code.name, isCodable="true",
                             color=colours[code.theme])
        description = "\n".join(p for p in (code.description, THEME_ID_PREFIX + code.theme) if p)
        ET.SubElement(element, q("Description")).text = description
        for child in children.get(code.theme, []):
            if child.theme not in seen:  # a parent cycle would recurse forever
                element.append(build(child, seen | {child.theme}))
        return element

    roots = [build(code, frozenset({code.theme})) for code in children.get(None, [])]
    # Codes in a parent cycle are reachable from no root: the first of each cycle becomes one.
    for code in codes:
        if code.guid not in {e.get("guid") for root in roots for e in root.iter(q("Code"))}:
            roots.append(build(code, frozenset({code.theme})))
    return roots


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
        units: the DataFrame that was tagged, when it is not the cues: sentences or turns,
            whose anchors in the cues place their tags (see :func:`place_tags`); without
            it, such tags are found by their term near their time.
        project_name: the project's name; default the transcript's file name.

    Returns:
        ``path``. Tags that could not be placed are left out with a ``UserWarning``
        giving the count (``place_tags`` tells which and why).

    Raises:
        ExportError: ``transcript`` is not a Transcript; ``path`` is a folder, its
            parent cannot be a folder, or the file cannot be written.
    """
    if not isinstance(transcript, Transcript):
        raise ExportError(f"transcript must be a Transcript, got {type(transcript).__name__}")
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
        raise ExportError("is a folder: give the path of the .qdpx file to write",
                          source=str(out))
    output_folder(out.parent)
    source_guid = _guid(name, "source", "transcript")
    try:
        with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.writestr(PROJECT_FILE, ET.tostring(project, encoding="utf-8",
                                                       xml_declaration=True))
            archive.writestr(f"{SOURCES_DIR}/{source_guid}.txt", source.text.encode("utf-8"))
    except OSError as error:
        raise ExportError(f"cannot write the project: {error.strerror or error}",
                          str(out)) from None
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
    project = ET.Element(q("Project"), name=name, origin=f"coopanalysis {__version__}",
                         creatingUserGUID=user, creationDateTime=now)
    users = ET.SubElement(project, q("Users"))
    ET.SubElement(users, q("User"), guid=user, name=USER_NAME)
    if codes:
        codebook = ET.SubElement(project, q("CodeBook"))
        ET.SubElement(codebook, q("Codes")).extend(_code_elements(codes))
    sources = ET.SubElement(project, q("Sources"))
    source_guid = _guid(name, "source", "transcript")
    text_source = ET.SubElement(
        sources, q("TextSource"), guid=source_guid, name=_default_name(transcript),
        plainTextPath=f"internal://{source_guid}.txt", creatingUser=user, creationDateTime=now)
    ET.SubElement(text_source, q("Description")).text = (
        f"Transcript {transcript.source} ({transcript.format}), one line per cue: "
        "[HH:MM:SS] Speaker: text. Written by coopanalysis.")
    code_guid = {c.theme: c.guid for c in codes}
    if placed is not None:
        for index, tag in placed.iterrows():
            if pd.isna(tag["source_start"]):
                continue
            start, end = int(tag["source_start"]), int(tag["source_end"])
            selection = ET.SubElement(
                text_source, q("PlainTextSelection"), guid=_guid(name, "selection", str(index)),
                name=source.text[start:end][:100], startPosition=str(start),
                endPosition=str(end), creatingUser=user, creationDateTime=now)
            ET.SubElement(selection, q("Description")).text = _selection_note(tag)
            coding = ET.SubElement(selection, q("Coding"), guid=_guid(name, "coding", str(index)),
                                   creatingUser=user, creationDateTime=now)
            ET.SubElement(coding, q("CodeRef"), targetGUID=code_guid[str(tag["theme"])])
    ET.SubElement(project, q("Description")).text = (
        "Exported by coopanalysis: the transcript as a text source, the thematic codebook as "
        "codes, the automatic theme tags as coded selections (to be checked by a coder).")
    return project


def _selection_note(tag: pd.Series) -> str:
    parts = [f"theme {tag['theme']}", f"unit {tag.get('unit_id')}"]
    if "lemma" in tag and not pd.isna(tag["lemma"]):
        parts.append(f"lemma {tag['lemma']}")
    parts.append(f"placed by {tag['placed_by']}")
    return "; ".join(parts)
