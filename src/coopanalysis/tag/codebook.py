"""Codebooks: the themes to tag and their patterns, read from TOML or YAML and validated.

A theme has an ``id``, a ``label``, an optional ``description`` and ``parent``, and patterns:
``lemmas`` (one word, matched in all its inflections), ``phrases`` (several words, each
lemmatised) and ``exclude`` (fixed expressions cancelling an overlapping match of the same
theme). ``resolve_codebook`` turns any codebook argument into a :class:`Codebook`. The file
format and the pattern rules are in ``docs/themes.md``.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from os import PathLike
from pathlib import Path
from typing import Any

import pandas as pd

from coopanalysis.errors import CodebookError, UnknownThemeError
from coopanalysis.text.normalize import fold

__all__ = ["BUILTIN_CODEBOOKS", "Codebook", "CodebookArg", "Theme", "builtin_codebook",
           "builtin_name", "default_codebook", "load_codebook", "resolve_codebook"]

#: Codebooks shipped in ``coopanalysis/data/codebooks/``, loadable by name.
BUILTIN_CODEBOOKS: tuple[str, ...] = ("territorial_cooperation", "policy_agendas")
#: The default codebook (the reference case: a round table on territorial cooperation).
DEFAULT_CODEBOOK = "territorial_cooperation"
_THEME_KEYS = frozenset({"id", "label", "description", "parent", "lemmas", "phrases", "exclude",
                         "weak"})
_META_KEYS = frozenset({"name", "language", "version", "description"})
_TOP_KEYS = frozenset({"meta", "themes"})
_PATTERN_KINDS = ("lemmas", "phrases", "exclude", "weak")
# Theme ids become column values and file names in exports: keep them plain.
_ID_RE = re.compile(r"^[A-Za-z0-9_\-]+$")


@dataclass(frozen=True)
class Theme:
    """One theme of a codebook (the pattern rules are in ``docs/themes.md``)."""

    id: str
    label: str
    description: str = ""
    parent: str | None = None
    lemmas: tuple[str, ...] = ()
    phrases: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    #: Words or phrases that are topical only in context ("retraite", "banque"): a match
    #: of one counts only when the unit holds another match of the same theme.
    weak: tuple[str, ...] = ()


@dataclass(frozen=True)
class Codebook:
    """A validated set of themes, in file order. Build it with ``load_codebook``,
    ``default_codebook`` or ``Codebook.from_dict``; it pickles and hashes."""

    themes: tuple[Theme, ...]
    name: str = ""
    language: str = "fr"
    version: str = ""
    source: str = field(default="<dict>", compare=False)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], *, source: str = "<dict>",
                  text: str | None = None) -> Codebook:
        """Validate a parsed codebook (``{"meta": {...}, "themes": [{...}, ...]}``).

        ``text`` (the file's content) only serves to give error messages a line number.
        Raises ``CodebookError`` naming the file, the theme and the pattern.
        """
        return _parse_codebook(data, source=source, text=text)

    @property
    def ids(self) -> list[str]:
        """Theme ids in file order."""
        return [theme.id for theme in self.themes]

    @property
    def terms(self) -> list[str]:
        """Every theme's lemmas and phrases, in file order (as written, not folded)."""
        return [term for theme in self.themes for term in (*theme.lemmas, *theme.phrases)]

    def get(self, theme_id: str) -> Theme:
        """The theme with this id; ``UnknownThemeError`` (a ``KeyError``) if absent."""
        for theme in self.themes:
            if theme.id == theme_id:
                return theme
        raise UnknownThemeError(f"no theme {theme_id!r} (themes: {', '.join(self.ids)})",
                                self.source)

    def ancestors(self, theme_id: str) -> list[str]:
        """Parent, grand-parent… ids of a theme, nearest first."""
        chain: list[str] = []
        parent = self.get(theme_id).parent
        while parent is not None:
            chain.append(parent)
            parent = self.get(parent).parent
        return chain

    def to_frame(self) -> pd.DataFrame:
        """One row per theme: ``theme``, ``label``, ``description``, ``parent``,
        ``n_lemmas``, ``n_phrases``, ``n_exclude``, ``n_weak`` (for reports and docs)."""
        rows = [{"theme": t.id, "label": t.label, "description": t.description,
                 "parent": t.parent, "n_lemmas": len(t.lemmas),
                 "n_phrases": len(t.phrases), "n_exclude": len(t.exclude),
                 "n_weak": len(t.weak)}
                for t in self.themes]
        return pd.DataFrame(rows).astype({"theme": "string", "label": "string",
                                          "description": "string", "parent": "string"})


def load_codebook(path: str | PathLike[str]) -> Codebook:
    """A built-in codebook by name (``"policy_agendas"``, ``"territorial_cooperation"``,
    see ``BUILTIN_CODEBOOKS``), or a codebook file: ``.toml`` (tomllib) or
    ``.yaml``/``.yml`` (PyYAML). A name that is also an existing file is read as a file.

    Raises ``CodebookError`` (with ``source`` = the path and, when known, ``line``) for
    syntax errors, unknown keys, missing ids or labels, duplicate ids, unknown parents,
    themes without patterns and malformed patterns, and for a file that is missing,
    unreadable or not UTF-8.
    """
    if str(path) in BUILTIN_CODEBOOKS and not Path(path).exists():
        return builtin_codebook(str(path))
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise CodebookError("no such codebook file (built-in codebooks: "
                            f"{', '.join(BUILTIN_CODEBOOKS)})", str(path)) from None
    except UnicodeDecodeError as error:
        line = path.read_bytes()[: error.start].count(b"\n") + 1
        raise CodebookError("not a UTF-8 text file (codebooks are UTF-8 TOML or YAML)",
                            str(path), line) from None
    except OSError as error:  # a directory, no permission...
        raise CodebookError(f"cannot read the codebook: {error.strerror}", str(path)) from None
    suffix = path.suffix.lower()
    if suffix == ".toml":
        data = _parse_toml(text, str(path))
    elif suffix in (".yaml", ".yml"):
        data = _parse_yaml(text, str(path))
    else:
        raise CodebookError(f"unknown codebook format {path.suffix!r}: expected .toml, "
                            ".yaml or .yml", str(path))
    return _parse_codebook(data, source=str(path), text=text)


@lru_cache(maxsize=len(BUILTIN_CODEBOOKS))
def builtin_codebook(name: str) -> Codebook:
    """A codebook shipped with the library (``data/codebooks/<name>.toml``), cached."""
    if name not in BUILTIN_CODEBOOKS:
        raise CodebookError(f"no built-in codebook {name!r} (built-in: "
                            f"{', '.join(BUILTIN_CODEBOOKS)})", "<codebook>")
    resource = resources.files("coopanalysis") / "data" / "codebooks" / f"{name}.toml"
    text = resource.read_text(encoding="utf-8")
    source = f"coopanalysis/data/codebooks/{name}.toml"
    return _parse_codebook(_parse_toml(text, source), source=source, text=text)


def builtin_name(codebook: Codebook) -> str:
    """The name of the built-in codebook equal to ``codebook``, or "" for a user's own."""
    return next((name for name in BUILTIN_CODEBOOKS if builtin_codebook(name) == codebook), "")


def default_codebook() -> Codebook:
    """The default codebook, territorial cooperation
    (``data/codebooks/territorial_cooperation.toml``)."""
    return builtin_codebook(DEFAULT_CODEBOOK)


def _parse_toml(text: str, source: str) -> Mapping[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        # tomllib puts the position in the message only: "... (at line 3, column 7)".
        found = re.search(r"line (\d+)", str(exc))
        raise CodebookError(f"invalid TOML: {exc}", source,
                            int(found.group(1)) if found else None) from None


def _parse_yaml(text: str, source: str) -> Mapping[str, Any]:
    import yaml  # only needed for YAML codebooks

    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        raise CodebookError(f"invalid YAML: {exc}", source, line) from None
    if not isinstance(data, Mapping):
        raise CodebookError("a codebook is a mapping with 'meta' and 'themes'", source, 1)
    return data


def _parse_codebook(data: Mapping[str, Any], *, source: str, text: str | None) -> Codebook:
    def fail(reason: str, *needles: str) -> CodebookError:
        return CodebookError(reason, source, _line_of(text, needles))

    unknown = sorted(set(data) - _TOP_KEYS)
    if unknown:
        raise fail(f"unknown top-level key {unknown[0]!r} (expected 'meta' and 'themes')",
                   unknown[0])
    meta = data.get("meta", {})
    if not isinstance(meta, Mapping):
        raise fail("'meta' must be a table", "meta")
    unknown = sorted(set(meta) - _META_KEYS)
    if unknown:
        raise fail(f"unknown key {unknown[0]!r} in 'meta' (expected one of "
                   f"{sorted(_META_KEYS)})", unknown[0])
    raw_themes = data.get("themes")
    if not isinstance(raw_themes, list) or not raw_themes:
        raise fail("a codebook needs a non-empty list of themes ([[themes]] in TOML)")

    themes: list[Theme] = []
    for index, raw in enumerate(raw_themes, start=1):
        themes.append(_parse_theme(raw, index, fail))
    _check_ids_and_parents(themes, fail)
    return Codebook(themes=tuple(themes), name=str(meta.get("name", "")),
                    language=str(meta.get("language", "fr")),
                    version=str(meta.get("version", "")), source=source)


def _parse_theme(raw: Any, index: int, fail: Any) -> Theme:
    if not isinstance(raw, Mapping):
        raise fail(f"theme #{index} must be a table of keys")
    theme_id = raw.get("id")
    name = f"theme {theme_id!r}" if theme_id else f"theme #{index}"
    unknown = sorted(set(raw) - _THEME_KEYS)
    if unknown:
        raise fail(f"{name}: unknown key {unknown[0]!r} (expected one of "
                   f"{sorted(_THEME_KEYS)})", str(theme_id or ""), unknown[0])
    if not isinstance(theme_id, str) or not theme_id.strip():
        raise fail(f"{name}: missing 'id'", "[[themes]]")
    if not _ID_RE.match(theme_id):
        raise fail(f"{name}: an id is letters, digits, '_' or '-' only", theme_id)
    label = raw.get("label")
    if not isinstance(label, str) or not label.strip():
        raise fail(f"{name}: missing 'label'", theme_id)
    description = raw.get("description", "")
    parent = raw.get("parent") or None
    if not isinstance(description, str) or (parent is not None and not isinstance(parent, str)):
        raise fail(f"{name}: 'description' and 'parent' must be strings", theme_id)
    patterns = {kind: _parse_patterns(raw.get(kind, []), name, kind, theme_id, fail)
                for kind in _PATTERN_KINDS}
    if not patterns["lemmas"] and not patterns["phrases"]:
        raise fail(f"{name}: no patterns (give at least one entry in 'lemmas' or "
                   "'phrases')", theme_id)
    return Theme(id=theme_id, label=label.strip(), description=description.strip(),
                 parent=parent, **patterns)


def _parse_patterns(values: Any, name: str, kind: str, theme_id: str,
                    fail: Any) -> tuple[str, ...]:
    if not isinstance(values, list):
        raise fail(f"{name}: {kind!r} must be a list of strings", theme_id, kind)
    patterns: list[str] = []
    for value in values:
        if not isinstance(value, str):
            raise fail(f"{name}, pattern {value!r} in {kind!r}: not a string", theme_id, kind)
        pattern = " ".join(value.split())
        if not fold(pattern).strip(" '-"):
            raise fail(f"{name}, pattern {value!r} in {kind!r}: empty pattern", theme_id, kind)
        if kind == "lemmas" and " " in pattern:
            raise fail(f"{name}, pattern {value!r} in 'lemmas': a lemma is one word; "
                       "put multi-word expressions in 'phrases'", theme_id, value)
        if pattern not in patterns:
            patterns.append(pattern)
    return tuple(patterns)


def _check_ids_and_parents(themes: Sequence[Theme], fail: Any) -> None:
    seen: set[str] = set()
    for theme in themes:
        if theme.id in seen:
            raise fail(f"theme {theme.id!r}: duplicate id", theme.id)
        seen.add(theme.id)
    parents = {theme.id: theme.parent for theme in themes}
    for theme in themes:
        if theme.parent is not None and theme.parent not in parents:
            raise fail(f"theme {theme.id!r}: unknown parent {theme.parent!r}", theme.id)
        chain, parent = [theme.id], theme.parent
        while parent is not None:
            if parent in chain:
                raise fail(f"theme {theme.id!r}: parent cycle {' → '.join([*chain, parent])}",
                           theme.id)
            chain.append(parent)
            parent = parents[parent]


def _line_of(text: str | None, needles: Iterable[str]) -> int | None:
    """1-based line where the needles appear in order (each after the previous), or None."""
    if text is None:
        return None
    lines = text.splitlines()
    line_no, found = 0, None
    for needle in needles:
        if not needle:
            continue
        for number in range(line_no, len(lines)):
            if needle in lines[number]:
                line_no, found = number, number + 1
                break
    return found


#: What a codebook argument may be: a Codebook, a built-in name, a TOML/YAML path, or None
#: for the default.
CodebookArg = Codebook | str | PathLike[str] | None


def resolve_codebook(codebook: CodebookArg) -> Codebook:
    """The :class:`Codebook` a codebook argument stands for.

    ``None`` (and ``""``, the spaCy factory's default) gives :func:`default_codebook`, a
    ``Codebook`` is returned as is, a built-in name (``"policy_agendas"``…) or a path is
    read by :func:`load_codebook`.

    Raises:
        CodebookError: the path cannot be read or is not a valid codebook, or the argument
            is none of these.
    """
    if codebook is None or (isinstance(codebook, str) and not codebook):
        return default_codebook()
    if isinstance(codebook, Codebook):
        return codebook
    if not isinstance(codebook, str | PathLike):
        raise CodebookError(f"expected a Codebook, a path to a TOML/YAML codebook or None, "
                            f"got {type(codebook).__name__}", "<codebook>")
    return load_codebook(codebook)
