"""Read back and validate a REFI-QDA project (``.qdpx``), ours or another tool's.

``read_qdpx`` gives the sources, codes and codings as tables; ``validate_qdpx`` checks the
archive and, with ``lxml``, the bundled QDA-XML schema. See ``docs/analysis.md``.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from typing import Any

import pandas as pd

from coopanalysis.errors import ExportError
from coopanalysis.export.qdpx.source import PROJECT_FILE, SOURCES_DIR, THEME_ID_PREFIX, q


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
        ExportError: a file that cannot be read, not a zip, no ``project.qde``, XML
            that does not parse.
    """
    where = str(path)
    try:
        with zipfile.ZipFile(path) as archive:
            members = {name.lower(): name for name in archive.namelist()}
            if PROJECT_FILE not in members:
                raise ExportError(f"no {PROJECT_FILE} in the archive", source=where)
            root = ET.fromstring(archive.read(members[PROJECT_FILE]))
            texts = _source_texts(root, archive, members, where)
    except zipfile.BadZipFile as error:
        raise ExportError(f"not a .qdpx (zip) file: {error}", source=where) from None
    except OSError as error:  # missing file, a folder, no permission
        raise ExportError(f"cannot read the file: {error.strerror or error}",
                                source=where) from None
    except ET.ParseError as error:
        raise ExportError(f"{PROJECT_FILE} is not well-formed XML: {error}",
                                source=where) from None
    codes = _read_codes(root)
    code_by_guid = {row["guid"]: row for row in codes.to_dict("records")}
    rows = []
    for source in root.iter(q("TextSource")):
        text = texts.get(source.get("guid", ""), "")
        for selection in source.iter(q("PlainTextSelection")):
            start = int(selection.get("startPosition", "0"))
            end = int(selection.get("endPosition", "0"))
            for ref in selection.iter(q("CodeRef")):
                code = code_by_guid.get(ref.get("targetGUID", ""), {})
                rows.append({"code": code.get("name", pd.NA), "theme": code.get("theme", pd.NA),
                             "source": source.get("name", pd.NA), "char_start": start,
                             "char_end": end, "text": text[start:end]})
    codings = pd.DataFrame(rows, columns=["code", "theme", "source", "char_start", "char_end",
                                          "text"])
    codings = codings.astype({"code": "string", "theme": "string", "source": "string",
                              "char_start": "int64", "char_end": "int64", "text": "string"})
    users = pd.DataFrame([{"guid": u.get("guid"), "name": u.get("name")}
                          for u in root.iter(q("User"))], columns=["guid", "name"])
    names = {s.get("guid", ""): s.get("name") or s.get("guid") or ""
             for s in root.iter(q("TextSource"))}
    return {"name": root.get("name"), "sources": {names[g]: t for g, t in texts.items()},
            "codes": codes, "codings": codings, "users": users.astype("string")}


def _source_texts(root: ET.Element, archive: zipfile.ZipFile, members: Mapping[str, str],
                  where: str) -> dict[str, str]:
    texts = {}
    for source in root.iter(q("TextSource")):
        guid = source.get("guid", "")
        content = source.find(q("PlainTextContent"))
        path = source.get("plainTextPath", "")
        if content is not None:
            texts[guid] = content.text or ""
        elif path.startswith("internal://"):
            member = members.get(f"{SOURCES_DIR}/{path[len('internal://'):]}".lower())
            if member is None:
                raise ExportError(f"source {path!r} is not in the archive", source=where)
            texts[guid] = archive.read(member).decode("utf-8-sig")
    return texts


def _read_codes(root: ET.Element) -> pd.DataFrame:
    rows: list[dict[str, Any]] = []

    def walk(element: ET.Element, parent: str | None) -> None:
        for code in element.findall(q("Code")):
            description = code.findtext(q("Description")) or ""
            theme = next((line[len(THEME_ID_PREFIX):] for line in description.splitlines()
                          if line.startswith(THEME_ID_PREFIX)), None)
            rows.append({"guid": code.get("guid"), "name": code.get("name"),
                         "description": description, "parent": parent, "theme": theme,
                         "color": code.get("color")})
            walk(code, code.get("name"))

    codes_element = root.find(f"{q('CodeBook')}/{q('Codes')}")
    if codes_element is not None:
        walk(codes_element, None)
    return pd.DataFrame(rows, columns=["guid", "name", "description", "parent", "theme",
                                       "color"]).astype("string")


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
    except ExportError as error:
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
