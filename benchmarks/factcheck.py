"""Fact-check benchmark: ``align_quotes`` verdicts on the blind set ``tests/data/factcheck``.

120 quotes written blind from the human-corrected BDX I/O captions, looked up in the YouTube
auto-captions named in their ``talk`` column (see the set's README). Per split, reports:

- altered quotes passed as faithful: ``verbatim``/``edited`` with status ``matched`` (target 0);
- verdict accuracy: a row is right when its class is found (``matched`` or ``uncertain``) with
  the expected verdict, and an ``absent`` row when it is ``unmatched`` (target ≥ 90 %);
- faithful (verbatim/edited) quotes called ``altered`` (target ≤ 5 %);
- location: start within 5 s of ``expected_start`` (times come from the corrected file);
- altered rows caught, per alteration kind.

Usage: ``python benchmarks/factcheck.py [--set DIR] [--split dev|test|all] [--rows]``. Tune on
dev only. ``--set DIR``: another set laid out the same way (``DIR/quotes.csv`` naming
transcripts in ``DIR``); all its rows are run unless ``--split`` is given, and a set without a
``split`` column is run whole. ``--transcripts DIR``: where the talks named in ``talk`` are looked
up when the set directory does not hold them (default ``/work/shared/corpus/french/bdxio``;
then ``tests/data/factcheck``). Extra columns of a set (``caption_text``) are carried through.
"""

from __future__ import annotations

import argparse
import time
from collections import Counter, defaultdict
from pathlib import Path

import pandas as pd

from coopanalysis.align.aligner import align_quotes
from coopanalysis.read.transcript import read_transcript

DATA = Path(__file__).resolve().parents[1] / "tests" / "data" / "factcheck"
TRANSCRIPTS = Path("/work/shared/corpus/french/bdxio")
LOCATION_TOLERANCE = 5.0


def talk_path(talk: str, data: Path, transcripts: Path = TRANSCRIPTS) -> Path:
    """The caption file of ``talk``: in the set directory, else ``transcripts``, else the
    first set's folder (factcheck2 keeps its captions there)."""
    for folder in (data, transcripts, DATA):
        if (folder / talk).exists():
            return folder / talk
    raise FileNotFoundError(f"talk {talk!r} is in none of {data}, {transcripts}, {DATA}")


def run(split: str, data: Path = DATA, transcripts: Path = TRANSCRIPTS) -> pd.DataFrame:
    """Align every quote of ``split`` (``all`` for both) in its talk; one row per quote."""
    quotes = pd.read_csv(data / "quotes.csv", dtype=str, keep_default_na=False)
    for column in ("change_kinds", "changes", "expected_start"):
        if column not in quotes:
            quotes[column] = ""
    if split != "all" and "split" in quotes:
        quotes = quotes[quotes["split"] == split]
    parts = []
    cpu = 0.0
    for talk, group in quotes.groupby("talk", sort=False):
        transcript = read_transcript(talk_path(str(talk), data, transcripts))
        started = time.process_time()
        aligned = align_quotes(group[["quote_id", "text"]], transcript)
        cpu += time.process_time() - started
        merged = group.rename(columns={"changes": "expected_changes"}).merge(
            aligned.drop(columns=["text"]), on="quote_id")
        parts.append(merged)
    frame = pd.concat(parts, ignore_index=True)
    frame.attrs["cpu"] = cpu
    return frame


def _right(row: pd.Series) -> bool:
    if row["expected_class"] == "absent":
        return bool(row["status"] == "unmatched")
    return bool(row["status"] != "unmatched" and row["verdict"] == row["expected_class"])


def report(frame: pd.DataFrame, name: str) -> str:
    """A Markdown summary of one split."""
    expected = frame["expected_class"]
    altered = frame[expected == "altered"]
    faithful = frame[expected.isin(["verbatim", "edited"])]
    passed = altered[(altered["status"] == "matched")
                     & altered["verdict"].isin(["verbatim", "edited"])]
    right = frame.apply(_right, axis=1)
    present = frame[expected != "absent"]
    start = pd.to_numeric(present["expected_start"], errors="coerce")
    located = ((present["start"] - start).abs() <= LOCATION_TOLERANCE) & (
        present["status"] != "unmatched")
    lines = [f"### {name} ({len(frame)} quotes)", "",
             f"- altered passed as verbatim/edited with status matched: **{len(passed)}** / "
             f"{len(altered)}" + (f" ({', '.join(passed['quote_id'])})" if len(passed) else ""),
             f"- verdict accuracy: **{right.mean():.1%}** ({int(right.sum())}/{len(frame)})",
             f"- faithful called altered: **{(faithful['verdict'] == 'altered').mean():.1%}** "
             f"({int((faithful['verdict'] == 'altered').sum())}/{len(faithful)})",
             f"- location (start within {LOCATION_TOLERANCE:.0f} s): {located.mean():.1%} "
             f"({int(located.sum())}/{len(present)})",
             f"- CPU time of align_quotes: {frame.attrs.get('cpu', float('nan')):.2f} s", "",
             "| class | n | right | verdicts (status/verdict) |", "|---|---|---|---|"]
    for cls in ("verbatim", "edited", "altered", "absent"):
        rows = frame[expected == cls]
        seen = Counter(f"{s}/{v}" if s != "unmatched" else "unmatched"
                       for s, v in zip(rows["status"], rows["verdict"], strict=True))
        lines.append(f"| {cls} | {len(rows)} | {int(right[rows.index].sum())} | "
                     + ", ".join(f"{k} {n}" for k, n in seen.most_common()) + " |")
    lines += ["", "| alteration kind | n | caught (altered or unmatched) |", "|---|---|---|"]
    kinds: dict[str, list[bool]] = defaultdict(list)
    for _, row in altered.iterrows():
        kinds[row["change_kinds"]].append(row["verdict"] == "altered"
                                          or row["status"] == "unmatched")
    for kind, hits in sorted(kinds.items()):
        lines.append(f"| {kind} | {len(hits)} | {sum(hits)} |")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", type=Path, default=None, dest="set_dir",
                        help="a fact-check set directory (default tests/data/factcheck)")
    parser.add_argument("--split", default=None, choices=["dev", "test", "all"],
                        help="default: dev for the default set, all for --set")
    parser.add_argument("--transcripts", type=Path, default=TRANSCRIPTS,
                        help="folder of the talks when the set does not hold them "
                             f"(default {TRANSCRIPTS})")
    parser.add_argument("--rows", action="store_true", help="print every wrong row")
    args = parser.parse_args()
    data = args.set_dir or DATA
    split = args.split or ("dev" if args.set_dir is None else "all")
    frame = run(split, data, args.transcripts)
    print(report(frame, f"{data.name} {split}"))
    if args.rows:
        wrong = frame[~frame.apply(_right, axis=1)]
        for _, row in wrong.iterrows():
            print(f"{row['quote_id']} {row['expected_class']}/{row['change_kinds']} → "
                  f"{row['status']}/{row['verdict']} expected={row['expected_changes']!r} "
                  f"got={row['changes']!r}\n"
                  f"  text: {row['text']}\n  diff: {row['diff']}\n  warn: {row['warning']}")


if __name__ == "__main__":
    main()
