"""Benchmark of ``align_quotes`` against a plain ``rapidfuzz.fuzz.partial_ratio_alignment``.

Data (built in the run, seeded):

- Clean speech: the human-corrected captions of a BDX I/O 2022 talk (``final__Gestion…srt``,
  47 min, Unlicense, in ``../shared/corpus/french/bdxio``), word times interpolated inside cues.
- Captions: the clean speech through the noise model of ``tests/helpers/noise.py`` at several word
  error rates, shifted by a pre-roll of ``SHIFT`` seconds, written as a YouTube auto-caption
  VTT and read back with ``read_transcript``; aligned either with its word timings or with
  the de-duplicated cues only (times interpolated by character position).
- Quotes with known true times, edited as writers do: cuts marked with ``...``, unmarked
  cuts of one or two words, a word replaced by a bracketed insertion, numbers in digits;
  half of them carry a stated time (the true time minus the pre-roll, ± 15 s).
- Absent quotes: spans of another talk (``final__contributer-open-source.srt``) and of the
  reference article — French that shares common words with the transcript.
- Half-invented quotes: the first half spoken, the second half from the other talk.

The baseline searches each quote (normalised the same way) in the whole transcript with
``partial_ratio_alignment`` and counts a match when its score ≥ ``BASELINE_CUTOFF``.

``--scale`` times 1,000 edited quotes against a generated 100-hour transcript (order-1 Markov
chain over the French of the BDX captions, 2.6 words per second, word timings).

Timings are wall-clock on whatever machine runs this (shared and loaded when measured).
"""

from __future__ import annotations

import argparse
import itertools
import random
import re
import sys
import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import pandas as pd
from rapidfuzz import fuzz

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from coopanalysis import schema
from coopanalysis.align.aligner import align_quotes
from coopanalysis.model import Transcript
from coopanalysis.read.transcript import read_transcript
from coopanalysis.text.normalize import match_tokens
from helpers import noise

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "french" / "bdxio"
CLEAN_FILE = CORPUS / "final__Gestion_de_la_dette_d_architecture_-_Cyril_Beslay.fr.srt"
OTHER_FILE = CORPUS / "final__contributer-open-source.srt"
SHIFT = 42.0
BASELINE_CUTOFF = 75.0
NUMBER_WORDS = {"deux": "2", "trois": "3", "quatre": "4", "cinq": "5", "six": "6", "dix": "10",
                "vingt": "20", "cent": "100", "mille": "1000"}


@dataclass
class Case:
    """A quote of the benchmark and what is true about it."""

    text: str
    kind: str                 # present | absent | half
    true_start: float = float("nan")
    true_end: float = float("nan")
    stated_start: float = float("nan")


# --------------------------------------------------------------------------- data


def read_srt_cues(path: Path) -> pd.DataFrame:
    """Cues of an SRT file through webvtt-py (``coopanalysis.read_transcript`` is not needed)."""
    import webvtt

    rows = [{"cue_id": k, "start": c.start_in_seconds + c.start_time.milliseconds / 1000,
             "end": c.end_in_seconds + c.end_time.milliseconds / 1000, "speaker": None,
             "text": " ".join(c.text.split())}
            for k, c in enumerate(webvtt.from_srt(str(path)))]
    return schema.conform(pd.DataFrame(rows), schema.CUES)


def edit_quote(words: Sequence[str], rng: random.Random) -> str:
    """Edit a span as a writer does: marked cut, unmarked cut, insertion, digits."""
    words = list(words)
    if len(words) >= 14 and rng.random() < 0.35:
        k = rng.randrange(4, len(words) - 8)
        words[k: k + rng.randint(2, 5)] = ["..."]
    if len(words) >= 10 and rng.random() < 0.25:
        k = rng.randrange(2, len(words) - 3)
        if words[k] != "...":
            del words[k]
    if rng.random() < 0.1:
        k = rng.randrange(1, len(words) - 1)
        if words[k] != "...":
            words[k] = "[l'architecture]"
    words = [NUMBER_WORDS.get(w.lower(), w) if rng.random() < 0.8 else w for w in words]
    return " ".join(words)


def build_cases(clean: list[noise.TimedWord], other: list[str], *, n_present: int,
                n_absent: int, n_half: int, rng: random.Random) -> list[Case]:
    cases: list[Case] = []
    for _ in range(n_present):
        length = rng.randint(8, 30)
        first = rng.randrange(0, len(clean) - length)
        span = clean[first: first + length]
        case = Case(edit_quote([w.text for w in span], rng), "present",
                    span[0].start + SHIFT, span[-1].end + SHIFT)
        if rng.random() < 0.5:
            case.stated_start = span[0].start + rng.uniform(-15, 15)
        cases.append(case)
    for _ in range(n_absent):
        length = rng.randint(6, 25)
        first = rng.randrange(0, len(other) - length)
        case = Case(" ".join(other[first: first + length]), "absent")
        if rng.random() < 0.5:
            case.stated_start = rng.uniform(0, clean[-1].end)
        cases.append(case)
    for _ in range(n_half):
        half = rng.randint(8, 14)
        first = rng.randrange(0, len(clean) - half)
        span = clean[first: first + half]
        o = rng.randrange(0, len(other) - half)
        text = " ".join([w.text for w in span] + other[o: o + half])
        cases.append(Case(text, "half", span[0].start + SHIFT, span[-1].end + SHIFT))
    # Present spans with one meaning alteration each (number, negation, hedge, word).
    kinds = itertools.cycle(noise.MEANING_KINDS)
    while sum(c.kind == "meaning" for c in cases) < n_present // 2:
        length = rng.randint(10, 30)
        first = rng.randrange(0, len(clean) - length)
        span = clean[first: first + length]
        altered = noise.alter_meaning([w.text for w in span], next(kinds), rng)
        if altered is not None:
            cases.append(Case(altered[0], "meaning", span[0].start + SHIFT, span[-1].end + SHIFT))
    return cases


def other_words() -> list[str]:
    words = " ".join(read_srt_cues(OTHER_FILE)["text"].astype(str)).split()
    article = (ROOT / "data" / "rnct2025_article.md").read_text(encoding="utf-8")
    article = re.sub(r"[*#\[\]()]", " ", article)
    return words + article.split()


# --------------------------------------------------------------------------- runs


def run_aligner(cases: Sequence[Case], transcript: Transcript) -> tuple[pd.DataFrame, float]:
    quotes = pd.DataFrame({"quote_id": [f"b{k:03d}" for k in range(len(cases))],
                           "text": [c.text for c in cases],
                           "stated_start": [c.stated_start for c in cases]})
    began, cpu = time.perf_counter(), time.process_time()
    aligned = align_quotes(quotes, transcript)
    # CPU seconds too: on a loaded machine wall-clock time measures the other jobs.
    aligned.attrs["cpu_seconds"] = time.process_time() - cpu
    return aligned, time.perf_counter() - began


def run_baseline(cases: Sequence[Case], transcript: Transcript
                 ) -> tuple[pd.DataFrame, float]:
    """``partial_ratio_alignment`` of each normalised quote over the whole normalised text."""
    tokens, starts, ends = _baseline_stream(transcript)
    text = " ".join(tokens)
    offsets = np.cumsum([0] + [len(t) + 1 for t in tokens[:-1]])
    rows = []
    began = time.perf_counter()
    for case in cases:
        query = " ".join(match_tokens(case.text.replace("...", " ")))
        found = fuzz.partial_ratio_alignment(query, text)
        if found is None:
            rows.append({"start": np.nan, "end": np.nan, "score": 0.0})
            continue
        first = int(np.searchsorted(offsets, found.dest_start, side="right") - 1)
        last = int(np.searchsorted(offsets, max(found.dest_end - 1, 0), side="right") - 1)
        rows.append({"start": starts[first], "end": ends[last], "score": found.score})
    elapsed = time.perf_counter() - began
    frame = pd.DataFrame(rows)
    frame["status"] = np.where(frame["score"] >= BASELINE_CUTOFF, "matched", "unmatched")
    return frame, elapsed


def _baseline_stream(transcript: Transcript) -> tuple[list[str], list[float], list[float]]:
    tokens: list[str] = []
    starts: list[float] = []
    ends: list[float] = []
    if transcript.words is not None:
        units = zip(transcript.words["word"], transcript.words["start"],
                    transcript.words["end"], strict=True)
    else:
        units = _cue_units(transcript.cues)
    for word, start, end in units:
        for token in match_tokens(str(word)):
            tokens.append(token)
            starts.append(float(start))
            ends.append(float(end))
    return tokens, starts, ends


def _cue_units(cues: pd.DataFrame) -> list[tuple[str, float, float]]:
    units = []
    for row in cues.itertuples(index=False):
        text = str(row.text)
        for m in re.finditer(r"\S+", text):
            span = float(row.end) - float(row.start)
            units.append((m.group(0), row.start + span * m.start() / len(text),
                          row.start + span * m.end() / len(text)))
    return units


def score(cases: Sequence[Case], result: pd.DataFrame, elapsed: float) -> dict[str, float]:
    kinds = np.array([c.kind for c in cases])
    true_start = np.array([c.true_start for c in cases])
    true_end = np.array([c.true_end for c in cases])
    located = result["status"].astype(object).isin(["matched", "uncertain"]).to_numpy(dtype=bool)
    start_err = np.abs(result["start"].to_numpy(dtype=float) - true_start)
    end_err = np.abs(result["end"].to_numpy(dtype=float) - true_end)
    present = kinds == "present"
    absent = kinds == "absent"
    half = kinds == "half"

    def status_is(value: str, column: str = "status") -> np.ndarray:
        return result[column].astype(object).eq(value).to_numpy(dtype=bool)

    def share(mask: np.ndarray, within: np.ndarray) -> float:
        return float((mask & within).sum() / max(mask.sum(), 1))

    out = {
        "start≤1s": share(present, located & (start_err <= 1.0)),
        "start≤3s": share(present, located & (start_err <= 3.0)),
        "end≤2.5s": share(present, located & (end_err <= 2.5)),
        "end≤3s": share(present, located & (end_err <= 3.0)),
        "matched": share(present, status_is("matched")),
        "false": float((absent & status_is("matched")).sum()),
        "absent_unc": float((absent & status_is("uncertain")).sum()),
        "half_loc": share(half, located & (start_err <= 3.0)),
        "ms/quote": 1000 * elapsed / len(cases),
    }
    if "verdict" in result:
        out["half_altered"] = share(half, status_is("altered", "verdict"))
        out["present_altered"] = share(present, status_is("altered", "verdict"))
        meaning = kinds == "meaning"
        out["meaning_altered"] = share(meaning, status_is("altered", "verdict"))
        out["meaning_passed"] = float((meaning & status_is("matched")
                                       & ~status_is("altered", "verdict")).sum())
    return out


def noise_levels(args: argparse.Namespace) -> None:
    rng = random.Random(args.seed)
    clean = noise.words_from_cues(read_srt_cues(CLEAN_FILE))
    cases = build_cases(clean, other_words(), n_present=args.present, n_absent=args.absent,
                        n_half=args.half, rng=rng)
    print(f"{args.present} present, {args.absent} absent, {args.half} half-invented quotes; "
          f"clean speech {len(clean)} words, {clean[-1].end / 60:.0f} min; pre-roll {SHIFT} s")
    rows = []
    for level in args.levels:
        settings = noise.NoiseSettings(word_error=level, shift=SHIFT, seed=args.seed)
        lines = noise.caption_lines(noise.simulate(clean, settings))
        # Through the real file format and reader: YouTube VTT text → read_transcript.
        captions = read_transcript(noise.youtube_vtt(lines, note="SIMULATED"))
        for word_timed in (True, False):
            transcript = captions if word_timed else replace(captions, words=None)
            mode = "words" if word_timed else "cues"
            aligned, elapsed = run_aligner(cases, transcript)
            rows.append({"wer": level, "timing": mode, "method": "align_quotes",
                         **score(cases, aligned, elapsed)})
            base, base_elapsed = run_baseline(cases, transcript)
            rows.append({"wer": level, "timing": mode, "method": "partial_ratio",
                         **score(cases, base, base_elapsed)})
    table = pd.DataFrame(rows)
    pd.set_option("display.width", 200)
    print(table.to_string(index=False, float_format=lambda v: f"{v:.3g}"))
    ours = table[table.method == "align_quotes"].reset_index(drop=True)
    base = table[table.method == "partial_ratio"].reset_index(drop=True)
    base_located = base["start≤1s"].replace(0, np.nan)
    ratio = pd.DataFrame({"wer": ours.wer, "timing": ours.timing,
                          "start≤1s ours/base": ours["start≤1s"] / base_located,
                          "speed base/ours": base["ms/quote"] / ours["ms/quote"]})
    print(ratio.to_string(index=False, float_format=lambda v: f"{v:.3g}"))


# --------------------------------------------------------------------------- scale


def markov_words(n_words: int, rng: random.Random) -> list[str]:
    """Order-1 Markov chain over the French words of the BDX captions (real-looking text)."""
    source: list[str] = []
    for path in sorted(CORPUS.glob("*.srt")):
        source += " ".join(read_srt_cues(path)["text"].astype(str)).split()
    following: dict[str, list[str]] = defaultdict(list)
    for a, b in itertools.pairwise(source):
        following[a].append(b)
    word = rng.choice(source)
    out = []
    for _ in range(n_words):
        out.append(word)
        nexts = following.get(word)
        word = rng.choice(nexts) if nexts else rng.choice(source)
    return out


def scale(args: argparse.Namespace) -> None:
    rng = random.Random(args.seed)
    n_words = int(args.hours * 3600 * 2.6)
    began = time.perf_counter()
    words = markov_words(n_words, rng)
    step = 1 / 2.6
    timed = [noise.TimedWord(w, k * step, k * step + step * 0.9, k) for k, w in enumerate(words)]
    lines = noise.caption_lines(noise.spoken_form(timed))
    transcript = noise.transcript_from_lines(lines, word_timed=not args.cues_only)
    print(f"generated {args.hours:g} h, {n_words} words, {len(lines)} cues "
          f"in {time.perf_counter() - began:.1f} s")
    cases = []
    for _ in range(args.quotes):
        length = rng.randint(12, 30)
        first = rng.randrange(0, len(timed) - length)
        span = timed[first: first + length]
        case = Case(edit_quote([w.text for w in span], rng), "present",
                    span[0].start, span[-1].end)
        if rng.random() < 0.5:
            case.stated_start = span[0].start + rng.uniform(-15, 15)
        cases.append(case)
    aligned, elapsed = run_aligner(cases, transcript)
    result = score(cases, aligned, elapsed)
    print(f"{args.quotes} quotes against {args.hours:g} h "
          f"({'cues only' if args.cues_only else 'word timings'}): {elapsed:.1f} s total "
          f"({result['ms/quote']:.1f} ms/quote), start within 1 s: {result['start≤1s']:.1%}, "
          f"matched: {result['matched']:.1%}; CPU {aligned.attrs['cpu_seconds']:.1f} s "
          f"({1000 * aligned.attrs['cpu_seconds'] / len(cases):.2f} ms/quote)")
    # The baseline scans the whole text for every quote: time a few and extrapolate.
    text = " ".join(transcript.cues["text"].astype(str))
    sample = cases[: args.baseline_quotes]
    began = time.perf_counter()
    for case in sample:
        fuzz.partial_ratio_alignment(" ".join(match_tokens(case.text)), text)
    per_quote = (time.perf_counter() - began) / max(len(sample), 1)
    print(f"baseline partial_ratio_alignment: {1000 * per_quote:.0f} ms/quote "
          f"(on {len(sample)} quotes), {args.quotes} quotes ≈ {per_quote * args.quotes:.0f} s; "
          f"ratio baseline/align_quotes ≈ {per_quote * args.quotes / elapsed:.0f}×")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--levels", type=float, nargs="+", default=[0.0, 0.05, 0.15, 0.25])
    parser.add_argument("--present", type=int, default=80)
    parser.add_argument("--absent", type=int, default=60)
    parser.add_argument("--half", type=int, default=30)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--scale", action="store_true", help="run the 100-hour scale test")
    parser.add_argument("--hours", type=float, default=100.0)
    parser.add_argument("--quotes", type=int, default=1000)
    parser.add_argument("--cues-only", action="store_true")
    parser.add_argument("--baseline-quotes", type=int, default=5)
    args = parser.parse_args(argv)
    if args.scale:
        scale(args)
    else:
        noise_levels(args)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

