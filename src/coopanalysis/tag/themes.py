"""Theme tagging: the codebook's patterns matched on spaCy lemmas.

``ThemeTagger`` is a spaCy component, registered as ``"coopanalysis_themes"``, that writes
``doc.spans["themes"]`` (span label = theme id) in any pipeline placed after the
lemmatizer::

    nlp.add_pipe("coopanalysis_themes", config={"codebook": "my_codebook.toml"})

``tag_themes`` runs it over a units DataFrame (``schema.THEMES`` out) with only the
components lemmas need. Pattern rules, the matcher's design and its measurements are in
``docs/themes.md``.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import pandas as pd
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from coopanalysis import schema
from coopanalysis.errors import CoopanalysisError
from coopanalysis.nlp import load_nlp
from coopanalysis.tag.codebook import (
    Codebook,
    CodebookArg,
    default_codebook,
    load_codebook,
    resolve_codebook,
)
from coopanalysis.tag.entities import ENTITY_EXCLUDE, ENTITY_LABELS, entities
from coopanalysis.tag.theme_model import ThemeModel, hybrid_rows, resolve_theme_model
from coopanalysis.tag.units import text_pieces, unit_rows, with_unit_id_dtype
from coopanalysis.text.normalize import fold

if TYPE_CHECKING:
    from spacy.tokens import Token

# Codebook, default_codebook, load_codebook (now in tag.codebook) and entities, ENTITY_*
# (tag.entities) lived here: re-exported for older imports.
__all__ = [
    "ENTITY_EXCLUDE",
    "ENTITY_LABELS",
    "FACTORY_NAME",
    "LEMMA_MODES",
    "PERIPHERAL",
    "SPANS_KEY",
    "THEME_CAP",
    "THEME_EXCLUDE",
    "THEME_METHODS",
    "Codebook",
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
#: ``tag_themes(lemmas=...)``: dictionary lemmas on the tokenizer alone, or the tagger's.
LEMMA_MODES: tuple[str, ...] = ("lookup", "rule")
#: ``tag_themes(method=…)``: the codebook alone, or the codebook read with a trained model
#: (through its sentence encoder, or through the static encoder distilled from it).
THEME_METHODS: tuple[str, ...] = ("codebook", "hybrid", "fast")
#: ``tag_themes(max_themes=...)``: a unit of at most ``words`` words keeps its ``themes``
#: best-supported themes (most distinct matched lemmas; a tie with the last kept one is
#: kept too). A third topic in a 15-45-word unit was wrong more often than right on the
#: dev sets (issue 14, round 4, docs/themes.md); a long turn can be about many things.
THEME_CAP: dict[str, int] = {"themes": 2, "words": 60}
#: Peripheral cues: a match after one of these words, with (min, max) words between and no
#: punctuation, counts as a weak cue; with ``detached`` the word must open a clause (unit
#: start or punctuation before it). A detached "comme" + one or two words adds a comparison
#: ("…, comme un vieil appareil", "…, comme chez le dentiste"): the word names a term of
#: comparison, not what is at issue. Not kept: "comme" after a noun ("des projets comme
#: un café associatif" gives the projects' content) or right before one ("on se voit comme
#: chef d'orchestre", a role). "ni" denies a list ("ni la mairie ni l'école"). Measured on
#: the pooled CAP dev sets (issue 14, session 6, docs/themes.md).
PERIPHERAL: dict[str, tuple[int, int, bool]] = {"comme": (1, 2, True), "ni": (0, 2, False)}


@dataclass(frozen=True)
class _Pattern:
    """A compiled pattern: per token, the folded forms a text token may have."""

    theme: str
    text: str                                 # as written in the codebook
    tokens: tuple[frozenset[str], ...]
    exclude: bool
    weak: bool = False                        # counts only beside another match


_fold = lru_cache(maxsize=200_000)(fold)
#: Parts of speech whose lemmatizer tables (exceptions, suffix rules) the screen of
#: ``ThemeTagger.may_match`` consults.
#: Plural endings of French nouns and adjectives and their singular (the lemmatizer's
#: noun/adjective rules "-s", "-x", "-aux"), for words the lookup table lacks.
_PLURALS = (("s", ""), ("x", ""), ("aux", "al"))
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
        self._untagged: dict[str, frozenset[str]] = {}

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

    def untagged(self, text: str) -> frozenset[str]:
        """The keys of a token that no tagger has seen (lookup mode): its form, its
        dictionary lemmas, its irregular lemmas under any part of speech and, when the
        dictionary lacks it, its singular by the plural rules of nouns and adjectives
        ("gouvernances" → "gouvernance", "locaux" → "local")."""
        keys = self._untagged.get(text)
        if keys is None:
            keys = self.of_form(text) | self.exceptions(text)
            lower = text.lower()
            if lower not in self._lookup:
                keys = keys | {_fold(lower[:len(lower) - len(old)] + new)
                               for old, new in _PLURALS
                               if lower.endswith(old) and len(lower) > len(old) + 2}
            self._untagged[text] = keys
        return keys

    def lemma(self, token: Token) -> str:
        """The token's lemma for output: the tagger's, else the dictionary's, else the form."""
        if token.lemma_:
            return token.lemma_
        found = self._lookup.get(token.text.lower())
        if isinstance(found, list):
            found = next((lemma for lemma in found if isinstance(lemma, str)), None)
        return found if isinstance(found, str) else token.text

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
        keys = [self._keys(token) if token.lemma_ else self._keys.untagged(token.text)
                for token in doc]
        found: dict[str, list[tuple[int, int]]] = {}
        cancelled: dict[str, list[tuple[int, int]]] = {}
        # Weak matches, by (theme, start, end), with the codebook entry that matched: two
        # forms of one entry ("économie", "économies") are one cue, not two.
        weak: dict[tuple[str, int, int], str] = {}
        strong: set[tuple[str, int, int]] = set()
        for start, token_keys in enumerate(keys):
            for pattern in _candidates(index, token_keys):
                end = start + len(pattern.tokens)
                if end <= len(keys) and all(keys[start + k] & forms
                                            for k, forms in enumerate(pattern.tokens)):
                    target = cancelled if pattern.exclude else found
                    target.setdefault(pattern.theme, []).append((start, end))
                    if pattern.exclude:
                        continue
                    if pattern.weak or _peripheral(doc, start):
                        weak.setdefault((pattern.theme, start, end), _fold(pattern.text))
                    else:
                        strong.add((pattern.theme, start, end))
        spans: list[Span] = []
        for theme_id in self.codebook.ids:
            if theme_id not in found:
                continue
            kept = filter_spans([Span(doc, start, end, label=theme_id)
                                 for start, end in found[theme_id]
                                 if not _overlaps(start, end, cancelled.get(theme_id, []))])
            if weak and not _enough_evidence(theme_id, kept, weak, strong):
                continue
            spans.extend(kept)
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
        jobs: list[tuple[str, str, bool]] = []  # (theme, phrase, weak) to lemmatise
        patterns: list[_Pattern] = []
        for theme in self.codebook.themes:
            # A lemma pattern is already a dictionary form, and an exclusion is a fixed
            # expression ("écoutez" the discourse marker, not every form of "écouter"):
            # both are compared as written.
            for lemma in theme.lemmas:
                patterns.append(_Pattern(theme.id, lemma, self._as_written(lemma), False))
            for phrase in theme.exclude:
                patterns.append(_Pattern(theme.id, phrase, self._as_written(phrase), True))
            # A one-word weak entry is a lemma, a longer one a phrase.
            for entry in theme.weak:
                if " " not in entry:
                    patterns.append(_Pattern(theme.id, entry, self._as_written(entry),
                                             False, weak=True))
            jobs += [(theme.id, phrase, False) for phrase in theme.phrases]
            jobs += [(theme.id, entry, True) for entry in theme.weak if " " in entry]
        for (theme_id, phrase, is_weak), doc in zip(
                jobs, self._lemmatise(j[1] for j in jobs), strict=True):
            forms = tuple(self._keys(token) for token in doc)
            patterns.append(_Pattern(theme_id, phrase, forms, exclude=False, weak=is_weak))
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


def _peripheral(doc: Doc, start: int) -> bool:
    """Whether a ``PERIPHERAL`` marker precedes token ``start`` at an allowed distance, in
    the same stretch of words (punctuation breaks it)."""
    widest = max(rule[1] for rule in PERIPHERAL.values())
    for between in range(min(widest, start - 1) + 1):
        at = start - 1 - between
        if doc[at].is_punct:
            return False
        rule = PERIPHERAL.get(_fold(doc[at].lower_))
        if rule is not None and rule[0] <= between <= rule[1] and (
                not rule[2] or at == 0 or doc[at - 1].is_punct):
            return True
    return False


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


def _enough_evidence(theme_id: str, spans: list[Span],
                     weak: Mapping[tuple[str, int, int], str],
                     strong: set[tuple[str, int, int]]) -> bool:
    """A theme's matches stand when one is not weak (a span that a strong pattern also
    matches is strong), or when two weak ones are different codebook entries
    ("retraite" and "retraites" are one cue; "retraite" and "pension" are two)."""
    entries = set()
    for span in spans:
        key = (theme_id, span.start, span.end)
        if key in strong or key not in weak:
            return True
        entries.add(weak[key])
    return len(entries) >= 2


def _best_supported(spans: list[Span], lemma: Callable[[Token], str], max_themes: int, *,
                    max_words: int) -> list[Span]:
    """The spans of the ``max_themes`` themes with the most distinct matched lemmas
    (``lemma`` of a token), ties with the last kept theme included; all spans when the
    doc has more than ``max_words`` words (punctuation not counted)."""
    if len({span.label_ for span in spans}) <= max_themes or (
            sum(not token.is_punct for token in spans[0].doc) > max_words):
        return spans
    support = _support(spans, lemma)
    cut = sorted((len(found) for found in support.values()), reverse=True)[max_themes - 1]
    return [span for span in spans if len(support[span.label_]) >= cut]


def _with_evidence(spans: list[Span], lemma: Callable[[Token], str],
                   minimum: int) -> list[Span]:
    """The spans of the themes matched by at least ``minimum`` distinct lemmas, or by a
    phrase of several words (``tag_themes(min_evidence=…)``)."""
    support = _support(spans, lemma)
    phrase = {span.label_ for span in spans if len(span) > 1}
    return [span for span in spans
            if len(support[span.label_]) >= minimum or span.label_ in phrase]


def _support(spans: list[Span], lemma: Callable[[Token], str]) -> dict[str, set[str]]:
    """The distinct matched lemmas (``lemma`` of each token, joined) of each theme."""
    support: dict[str, set[str]] = {}
    for span in spans:
        support.setdefault(span.label_, set()).add(" ".join(lemma(t) for t in span))
    return support


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
    return ThemeTagger(nlp, resolve_codebook(codebook), name=name, spans_key=spans_key)


# --------------------------------------------------------------------------- DataFrames


# --------------------------------------------------------------------------- DataFrames


# Compiled taggers of each pipeline, by codebook: compiling lemmatises the phrases and
# builds the screen (a quarter of a second for the default codebook). Weak keys, and
# taggers that hold their pipeline by a weak proxy, so that a pipeline's entry goes with it.
_TAGGERS: weakref.WeakKeyDictionary[Language, dict[Codebook, ThemeTagger]] = (
    weakref.WeakKeyDictionary())


def _tagger(nlp: Language, codebook: Codebook) -> ThemeTagger:
    """The pipeline's own component when it has one, else a compiled tagger kept for it."""
    if FACTORY_NAME in nlp.pipe_names:
        own = nlp.get_pipe(FACTORY_NAME)
        if isinstance(own, ThemeTagger) and own.codebook == codebook:
            return own
    taggers = _TAGGERS.setdefault(nlp, {})
    if codebook not in taggers:
        taggers[codebook] = ThemeTagger(cast(Language, weakref.proxy(nlp)), codebook)
    return taggers[codebook]


def tag_themes(units: pd.DataFrame,
               codebook: CodebookArg = None, *,
               nlp: Language | None = None, batch_size: int = 64,
               screen: bool = True, lemmas: str = "lookup",
               max_themes: int | None = THEME_CAP["themes"],
               min_evidence: int = 1, method: str = "codebook",
               model: ThemeModel | str | Path | None = None) -> pd.DataFrame:
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
            ``ThemeTagger.may_match``); ``False`` runs every unit. Only used with
            ``lemmas="rule"``.
        lemmas: ``"lookup"`` (default): the tokenizer only, each word matched by its
            form, its dictionary lemmas and irregular lemmas (the lemmatizer's tables,
            any part of speech) — no statistical component runs, about 15× less CPU
            than the full pipeline, and on the check sets the same matches but a
            handful (``docs/themes.md``).
            ``"rule"``: ``nlp.pipe`` with the POS tagger and the rule lemmatizer, the
            contextual lemma added to those keys.
        max_themes: in a unit of at most ``THEME_CAP["words"]`` words (60), keep the
            ``max_themes`` themes with the most distinct matched lemmas, and any theme
            tied with the last one kept; the others' rows are dropped. ``None`` keeps
            every theme.
        min_evidence: a theme is kept in a unit only with at least this many distinct
            matched lemmas, or with one matched phrase of several words. 1 (default):
            any cue. 2, the strict mode: a word said in passing ("une énergie folle")
            no longer tags a unit; on the CAP check sets, in sample, precision 0.70 → 0.81,
            recall 0.58 → 0.41, no-topic units tagged 22 % → 8 % (``docs/themes.md``).
        method: ``"codebook"`` (default): the codebook's matches only. ``"hybrid"``: a
            trained model also reads each whole unit (``tag.theme_model``: a sentence
            encoder and the unit's words); a codebook tag is kept only when the model's
            probability for its theme reaches the model's ``confirm``, and a theme
            with no match is added at ``add`` (shipped models: 0.2 and 0.5 for
            ``policy_agendas``, whose themes compete in one multinomial regression, so
            its probabilities are lower; 0.3 and 0.7 for ``territorial_cooperation``); a
            unit's second theme also needs the model's ``second`` (0.4 and 0.5); a unit
            under the model's ``gate`` for "any theme" (0.4 and 0.3) keeps none; under
            ``territorial_cooperation`` a unit left with none but read as surely about
            some theme (``sure``, 0.9) keeps its likeliest theme if that reaches
            ``confirm`` (the ``policy_agendas`` model has that rule off since session
            14: such units are listed by ``unsure_themes``). Needs the ``model``
            extra; about 1,000 words/s on two cores, against 135,000 for ``"codebook"``
            (units already read in this process are not read again). The units it
            reads as about some theme but leaves untagged: ``unsure_themes``.
            ``"fast"``: the same model and thresholds, the sentence encoder replaced by
            the static encoder distilled from it (``tag.encoder.StaticEncoder``: a
            weighted mean of word-piece vectors; sessions 18–20). About 48,000 words/s
            (7× the full ``nlp.pipe``); on the last written sets never read (cap64–67)
            CAP precision 0.86 against the hybrid's 0.89, recall 0.71 against 0.76;
            territorial 0.91 / 0.80 against 0.87 / 0.84 (``docs/themes.md``). Needs the
            ``model`` extra (the tokenizer).
        model: the ``ThemeModel`` (or its ``.npz`` path) for ``method="hybrid"`` or
            ``"fast"``; default the model shipped with a built-in codebook.

    Returns:
        One row per match, in unit order then text order: ``unit_id``, ``speaker``,
        ``start``, ``end`` (seconds), ``theme`` (theme id), ``term`` (the matched words
        as written), ``lemma`` (their lemmas, space-separated), ``char_start``,
        ``char_end`` (offsets of ``term`` in the unit's text), ``method`` ("codebook", or
        "model" for a theme the model added: ``term`` is then its strongest word),
        ``probability`` (the model's, 0–1; NaN with ``method="codebook"``) and
        ``evidence`` (the model's reading as text). Units without a match have no row;
        an empty or missing text is no match.
    """
    if lemmas not in LEMMA_MODES:
        raise CoopanalysisError(f"tag_themes: lemmas={lemmas!r}; expected one of "
                                 f"{', '.join(LEMMA_MODES)}")
    if min_evidence < 1:
        raise CoopanalysisError(f"tag_themes: min_evidence={min_evidence!r}; expected a "
                                 "positive number")
    if max_themes is not None and max_themes < 1:
        raise CoopanalysisError(f"tag_themes: max_themes={max_themes!r}; expected None "
                                 "or a positive number")
    if method not in THEME_METHODS:
        raise CoopanalysisError(f"tag_themes: method={method!r}; expected one of "
                                 f"{', '.join(THEME_METHODS)}")
    book = resolve_codebook(codebook)
    trained = resolve_theme_model(model, book) if method != "codebook" else None
    meta, texts = unit_rows(units)
    pipeline = nlp if nlp is not None else load_nlp(exclude=THEME_EXCLUDE)
    tagger = _tagger(pipeline, book)
    rule = lemmas == "rule"
    todo = [i for i, text in enumerate(texts)
            if text and (not (rule and screen) or tagger.may_match(text))]
    pieces = text_pieces(todo, texts, pipeline.max_length)
    piece_texts = (piece for _, _, piece in pieces)
    docs = (pipeline.pipe(piece_texts, batch_size=batch_size) if rule
            else map(pipeline.make_doc, piece_texts))
    keys = tagger._keys
    rows: list[dict[str, Any]] = []
    row_units: list[int] = []
    for (i, offset, _), doc in zip(pieces, docs, strict=True):
        info = meta[i]
        spans = list(tagger(doc).spans[tagger.spans_key])
        if max_themes is not None:
            spans = _best_supported(spans, keys.lemma, max_themes,
                                    max_words=THEME_CAP["words"])
        if min_evidence > 1:
            spans = _with_evidence(spans, keys.lemma, min_evidence)
        for span in spans:
            rows.append({**info, "theme": span.label_, "term": span.text,
                         "lemma": " ".join(keys.lemma(token) for token in span),
                         "char_start": offset + span.start_char,
                         "char_end": offset + span.end_char, "method": "codebook"})
            row_units.append(i)
    if trained is not None:
        rows = hybrid_rows(rows, row_units, meta, texts, trained, max_themes,
                           fast=method == "fast")
    if not rows:
        return with_unit_id_dtype(schema.empty(schema.THEMES), units)
    return with_unit_id_dtype(schema.conform(pd.DataFrame(rows), schema.THEMES), units)
