"""Benchmark: read_transcript against bare webvtt-py on the same files, in the same run.

1. A generated 100,000-cue WebVTT file (identifiers, voice spans, French text) and the
   same cues as SRT: ``read_transcript`` (DataFrames included) vs ``webvtt.read`` /
   ``webvtt.from_srt`` (objects only). Target ratio ≤ 1.5.
2. A 10-hour YouTube auto-caption file built in a temporary folder by repeating a real
   Thinkerview caption file of the shared corpus, shifted in time. Target < 2 s.

Times are the best of ``--repeat`` runs (the machine is shared). Files live in a
temporary folder and are deleted afterwards.

    .venv/bin/python benchmarks/read.py [--cues 100000] [--hours 10] [--repeat 3]
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import webvtt

from coopanalysis import read_transcript

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
YOUTUBE_SOURCE = CORPUS / "french" / "thinkerview" / "JiL-IEDFd6Y.fr-orig.vtt"
SENTENCES = [
    "L'avenir de nos territoires se bâtit collectivement, avec les habitants.",
    "On a une démultiplication de dispositifs pour redonner la parole aux citoyens.",
    "Je pars vraiment du principe de faire de la politique avec les gens.",
    "Les coopératives permettent de mutualiser des moyens & des savoir-faire.",
]
SPEAKERS = ["Aurélie Mézière", "Manon Loisel", "Philippe Dessertine", "François Rebsamen"]


def clock(seconds: float, separator: str) -> str:
    millis = round(seconds * 1000)
    hours, rest = divmod(millis, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    secs, ms = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}{separator}{ms:03d}"


def make_vtt(n_cues: int) -> str:
    parts = ["WEBVTT\nLanguage: fr\n"]
    for i in range(n_cues):
        start = i * 2.5
        text = SENTENCES[i % len(SENTENCES)].replace("&", "&amp;")
        parts.append(f"\n{i + 1}\n{clock(start, '.')} --> {clock(start + 2.3, '.')}\n"
                     f"<v {SPEAKERS[i % len(SPEAKERS)]}>{text}</v>\n")
    return "".join(parts)


def make_srt(n_cues: int) -> str:
    parts = []
    for i in range(n_cues):
        start = i * 2.5
        parts.append(f"{i + 1}\n{clock(start, ',')} --> {clock(start + 2.3, ',')}\n"
                     f"{SENTENCES[i % len(SENTENCES)]}\nsecond line {i}\n\n")
    return "".join(parts)


_TIME_RE = re.compile(r"(\d{2}):(\d{2}):(\d{2})\.(\d{3})")


def make_long_youtube(source: str, hours: float) -> str:
    """Repeat the cues of a YouTube caption file, shifted, until ``hours`` are covered."""
    header, _, body = source.partition("\n\n")
    blocks = [block for block in body.split("\n\n") if block.strip()]
    period = max(_seconds(m) for m in _TIME_RE.finditer(body)) + 1.0
    limit = hours * 3600
    chunks = [header]
    offset = 0.0
    while offset < limit:
        for block in blocks:
            first = _TIME_RE.search(block)
            if first is None or _seconds(first) + offset >= limit:
                continue
            shift = offset  # bound now: the lambda runs inside this iteration
            chunks.append(_TIME_RE.sub(lambda m, d=shift: clock(_seconds(m) + d, "."), block))
        offset += period
    return "\n\n".join(chunks) + "\n"


def _seconds(match: re.Match[str]) -> float:
    h, m, s, ms = match.groups()
    return int(h) * 3600 + int(m) * 60 + int(s) + int(ms) / 1000


def best_time(function: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = function()
        best = min(best, time.perf_counter() - start)
    return best, result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cues", type=int, default=100_000)
    parser.add_argument("--hours", type=float, default=10.0)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    ok = True
    with tempfile.TemporaryDirectory() as folder:
        vtt_path = Path(folder) / "bench.vtt"
        srt_path = Path(folder) / "bench.srt"
        vtt_path.write_text(make_vtt(args.cues), encoding="utf-8")
        srt_path.write_text(make_srt(args.cues), encoding="utf-8")
        print(f"{args.cues} cues, best of {args.repeat} (shared machine: expect noise)")
        for label, path, baseline_name, baseline in (
            ("WebVTT", vtt_path, "webvtt.read", webvtt.read),
            ("SRT", srt_path, "webvtt.from_srt", webvtt.from_srt),
        ):
            base_time, captions = best_time(lambda b=baseline, p=path: b(str(p)), args.repeat)
            ours_time, transcript = best_time(lambda p=path: read_transcript(p), args.repeat)
            ratio = ours_time / base_time
            assert len(transcript.cues) == len(captions) == args.cues
            ok &= ratio <= 1.5
            print(f"{label:7s} {baseline_name:16s} {base_time:6.2f} s   read_transcript "
                  f"{ours_time:6.2f} s   ratio {ratio:4.2f} (target ≤ 1.5)")
        if not YOUTUBE_SOURCE.is_file():
            print(f"skipped the YouTube benchmark: {YOUTUBE_SOURCE} not found")
            return 0 if ok else 1
        long_path = Path(folder) / "youtube_long.vtt"
        long_path.write_text(make_long_youtube(YOUTUBE_SOURCE.read_text(encoding="utf-8"),
                                               args.hours), encoding="utf-8")
        size_mb = long_path.stat().st_size / 1e6
        base_time, captions = best_time(lambda: webvtt.read(str(long_path)), args.repeat)
        ours_time, transcript = best_time(lambda: read_transcript(long_path), args.repeat)
        hours = transcript.duration / 3600
        ok &= ours_time < 2.0
        n_words = 0 if transcript.words is None else len(transcript.words)
        print(f"YouTube {hours:.1f} h, {size_mb:.1f} MB, {len(captions)} raw cues → "
              f"{len(transcript.cues)} lines, {n_words} timed words")
        print(f"        webvtt.read      {base_time:6.2f} s   read_transcript {ours_time:6.2f} s"
              f"   ratio {ours_time / base_time:4.2f} (target < 2 s)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
