"""Precision and recall of quote attribution against hand-written expected answers.

For every article in ``tests/data/articles/*.expected.json`` (the reference article and the
project's own test articles), each expected quote is matched to the parser's row whose
``clean_text`` contains the expected snippet (folded), searching forward in reading order.

- attribution precision: among matched rows where the parser names a speaker, the share
  naming the expected one (a speaker given to an expected-NA quote counts as wrong);
- attribution recall: among expected quotes that have a speaker, the share the parser
  matched and attributed to that speaker;
- also: quotes found, kinds right, stated times right (±0.5 s), duplicates right.

Articles are reported in groups: ``own`` (the reference and the project's own test
articles, written by the parser's author); ``blind-dev`` and ``blind-test`` (six articles
written by another engineer without looking at the parser, see ``BLIND.md``);
``blind2-dev`` and ``blind2-test`` (``blind2/SPLIT.csv``); ``blind3`` (eight articles, test
until issue #13, then released as dev when ``blind4`` replaced them); ``blind4``,
``blind5``, ``blind6``, ``blind7``, ``blind8``, ``blind9``, ``blind11``, ``blind12`` and
``blind14`` to ``blind67`` (each measured once as a
never-read test set, released as dev when the next set replaced them);
``blind10`` and ``blind13`` (written as dev data from the start). The names keep each set's
original split so that figures stay comparable with earlier runs, but all of these are now
dev data: ``--details`` prints their rows. ``blind68-test`` and ``blind69-test``
(``tests/data/articles/blind68/`` and ``blind69/``, not written yet), never read (same
answer format as ``blind3``, articles ``.md``/``.txt``/``.html``, optional
``people_NAME.csv`` guest lists), runs only when named — never under ``all`` — and prints
**only aggregate figures**, never a row, a name or a snippet, and never a per-article line.

A guest list ``people_NAME.csv`` beside an article is passed as ``read_article(people=…)``
(``--people auto``, the default); ``--people never`` ignores the lists.

Scoring conventions of the blind answers (``BLIND.md``) that differ from the project's own,
as a matter of taste, and how they are scored:

- they carry no ``duplicate_of`` (repeats in a closing summary are listed, but not linked
  to their original): the duplicate column is not scored for them (``n/a``);
- they carry no ``cites``: not scored (this benchmark never scored it);
- a quotation running over several paragraphs is one entry (the parser gives one row per
  paragraph, linked by ``attribution`` = ``continued``): the parser's rows are merged
  (``merge_continued``) before scoring — first row's speaker and kind, first stated time.

Also scored (from ``Article.speakers``): speaker names found, precision and recall of the
set of names against the answer's ``speakers`` (role and organisation not scored: the
answers call them their softest part).

Baseline, computed in the same run on the same rows: "nearest name before the quote in
the paragraph" (what a naive reader does with spaCy PER entities alone), to show what the
rules add.

Timing (same run, same input): ``read_article`` on the reference article against the raw
spaCy French pipeline run over the same paragraphs, full and with only the components the
parser loads; best of ``--timing-repeat`` runs, printed with ratios.

Usage: ``python benchmarks/article_attribution.py [--repeat N] [--details] [--timing-repeat N]
[--group own|blind-dev|blind-test|blind2-dev|blind2-test|blind3|blind4|…|blind10|
blind68-test|blind69-test|all] [--people auto|never]``
"""

from __future__ import annotations

import argparse
import json
import math
import time
from pathlib import Path
from typing import Any

from coopanalysis.errors import CoopanalysisError
from coopanalysis.read.article import read_article
from coopanalysis.read.article.inventory import read_people_file
from coopanalysis.text.normalize import fold

ROOT = Path(__file__).resolve().parents[1]
EXPECTED_DIR = ROOT / "tests" / "data" / "articles"
# The blind articles' split (tests/data/articles/blind_results.md): the parser may be
# improved on what the dev articles show; the test articles are only ever scored.
BLIND_DEV = ("blind_regional_daily", "blind_thinktank_blog", "blind_association_report")
BLIND_TEST = ("blind_municipal_newsletter", "blind_student_note", "blind_conference_english")
#: The second blind set (tests/data/articles/blind2/README.md, SPLIT.csv): ten newsroom styles.
BLIND2_DIR = EXPECTED_DIR / "blind2"
#: Released blind sets scored as whole folders, one group each: blind3 (eight styles,
#: test until issue #13), blind10 and blind13 (written as dev data), and every other set
#: from blind4 to the last released one (each measured once as a never-read test set, then
#: released as dev when the next set replaced it; README.md in each folder).
LAST_RELEASED_BLIND = 67
DEV_BLIND_DIRS = {f"blind{n}": EXPECTED_DIR / f"blind{n}"
                  for n in range(3, LAST_RELEASED_BLIND + 1)}
#: Groups whose rows and per-article lines are never printed, with their folders: each is
#: read only when asked for by name, never by "all". The next two blind sets: only their
#: aggregate lines are printed.
HIDDEN_DIRS = {f"blind{n}-test": EXPECTED_DIR / f"blind{n}"
               for n in (LAST_RELEASED_BLIND + 1, LAST_RELEASED_BLIND + 2)}
HIDDEN_GROUPS = tuple(HIDDEN_DIRS)
DEV_DIRS = (EXPECTED_DIR, BLIND2_DIR, *DEV_BLIND_DIRS.values())
BLIND_DIRS = (BLIND2_DIR, *DEV_BLIND_DIRS.values(), *HIDDEN_DIRS.values())
GROUPS = ("own", "blind-dev", "blind-test", "blind2-dev", "blind2-test", *DEV_BLIND_DIRS,
          *HIDDEN_GROUPS)


def _blind2_split() -> dict[str, str]:
    split = BLIND2_DIR / "SPLIT.csv"
    if not split.is_file():
        return {}
    rows = [line.split(",") for line in split.read_text(encoding="utf-8").splitlines()[1:]]
    return {Path(r[0]).stem: f"blind2-{r[1].strip()}" for r in rows if len(r) == 2}


def group_of(name: str, folder: Path | None = None) -> str:
    """The group (one of ``GROUPS``) of an article name (file stem).

    ``folder``: the answer file's folder when known. A hidden set's folder is then never
    looked into unless the file comes from it (runs over dev data do not touch it).
    """
    if folder is not None:
        for group, where in (*HIDDEN_DIRS.items(), *DEV_BLIND_DIRS.items()):
            if folder == where:
                return group
    else:
        for group, where in (*DEV_BLIND_DIRS.items(), *HIDDEN_DIRS.items()):
            if (where / f"{name}.expected.json").is_file():
                return group
    blind2 = _blind2_split()
    if name in blind2:
        return blind2[name]
    if name in BLIND_DEV:
        return "blind-dev"
    if name in BLIND_TEST:
        return "blind-test"
    return "own"


def _norm(text: str) -> str:
    return " ".join(fold(text).replace("*", " ").split())


def match_rows(expected: list[dict], quotes) -> list[int | None]:  # type: ignore[no-untyped-def]
    """Index of the parser row for each expected quote (forward search), None if missing."""
    texts = [_norm(str(t)) for t in quotes["clean_text"]]
    found: list[int | None] = []
    cursor = 0
    for item in expected:
        snippet = _norm(item["snippet"])
        hit = next((i for i in range(cursor, len(texts)) if snippet in texts[i]), None)
        found.append(hit)
        if hit is not None:
            cursor = hit + 1
    return found


def merge_continued(quotes, text: str):  # type: ignore[no-untyped-def]
    """One row per quotation that runs over several paragraphs (blind answers' convention).

    The parser gives each paragraph of such a quotation its own row (the first one has no
    closing mark; the next paragraph opens with the mark again). Merged: the first row's
    speaker and kind, the parts' texts joined, the first stated time among the parts.
    """
    quotes = quotes.reset_index(drop=True).copy()
    keep: list[int] = []
    outer: list[int] = []  # kept rows that are not words quoted inside another row
    for i in range(len(quotes)):
        if outer and _inside(quotes.iloc[outer[-1]], quotes.iloc[i]):
            keep.append(i)  # a nested quotation: its own entry, not a continuation
            continue
        if outer and _continues(text, quotes.iloc[outer[-1]], quotes.iloc[i]):
            first = outer[-1]
            quotes.at[first, "clean_text"] = (f"{quotes.at[first, 'clean_text']} "
                                              f"{quotes.at[i, 'clean_text']}")
            if math.isnan(quotes.at[first, "stated_start"]):
                quotes.at[first, "stated_start"] = quotes.at[i, "stated_start"]
            quotes.at[first, "char_end"] = quotes.at[i, "char_end"]
            continue
        keep.append(i)
        outer.append(i)
    return quotes.iloc[keep].reset_index(drop=True)


def _inside(row, other) -> bool:  # type: ignore[no-untyped-def]
    """``other`` lies within ``row``'s characters (words quoted inside a quotation)."""
    return (int(row["char_start"]) < int(other["char_start"])
            and int(other["char_end"]) <= int(row["char_end"]))


def _continues(text: str, row, following) -> bool:  # type: ignore[no-untyped-def]
    """``following`` opens the paragraph after ``row``, which ran to its end unclosed."""
    end, start = int(row["char_end"]), int(following["char_start"])
    between = text[end:start]
    return (row["kind"] != "paraphrase" and text[end - 1] not in "»”\""
            and "\n" in between and not between.strip(" \n*_>")
            and text[start] in "«“\"")


def nearest_name_baseline(article, row, names=None) -> str | None:  # type: ignore[no-untyped-def]
    """The last speaker full name printed before the quote in the same paragraph.

    ``names``: the list of people to look for (the answer's speakers: the baseline "given the
    right list of people"); by default the parser's own speakers.
    """
    text = article.text
    para_start = text.rfind("\n\n", 0, int(row.char_start)) + 2
    before = text[para_start:int(row.char_start)]
    best, best_pos = None, -1
    for name in (article.speakers["speaker"] if names is None else names):
        pos = before.rfind(str(name))
        if pos > best_pos:
            best, best_pos = str(name), pos
    return best


def people_list(path: Path) -> list[dict[str, str | None]] | None:
    """The guest list ``people_NAME.csv`` beside an answer file, None when there is none."""
    people = path.parent / f"people_{_stem(path)}.csv"
    return read_people_file(people) if people.is_file() else None


#: What ``evaluate`` counts per article.
COUNT_KEYS = ("expected", "expected_with_speaker", "found", "extra", "predicted", "correct",
              "kind_ok", "time_ok", "dup_scored", "dup_ok", "base_predicted", "base_correct",
              "names_expected", "names_found", "names_correct", "stated", "stated_read",
              "cited", "cited_speakers")


def evaluate(path: Path, *, details: bool, use_people: bool = True) -> dict[str, float]:
    """Counts for one answer file (ratios are taken by ``_line``)."""
    spec = json.loads(path.read_text(encoding="utf-8"))
    people = people_list(path) if use_people else None
    try:
        article = read_article((path.parent / spec["article"]).resolve(), people=people)
    except CoopanalysisError as error:  # an article not read: nothing found, all counted
        print(f"  READ ERROR {spec['article']}: {type(error).__name__}")
        return _unread_counts(spec)
    quotes = article.quotes
    blind = path.name.startswith("blind_") or path.parent in BLIND_DIRS
    if blind:  # BLIND.md: a quotation over several paragraphs is one entry
        quotes = merge_continued(quotes, article.text)
    hits = match_rows(spec["quotes"], quotes)
    counts: dict[str, float] = dict.fromkeys(COUNT_KEYS, 0)
    # Blind answers do not link repeats (BLIND.md): duplicates are not scored for them.
    score_duplicates = not blind
    names_expected = {s["speaker"] for s in spec["speakers"]}
    names_found = {str(n) for n in article.speakers["speaker"]}
    counts["names_expected"] = len(names_expected)
    counts["names_found"] = len(names_found)
    counts["names_correct"] = len(names_expected & names_found)
    # Cited entries are names or {speaker, role, organization} tables: compare the names only
    # (a cited father's role "père de Christian Maury" does not make Christian Maury cited).
    cited = {_norm(str(entry["speaker"] if isinstance(entry, dict) else entry))
             for entry in spec.get("cited", [])}
    counts["cited"] = len(cited)
    counts["cited_speakers"] = sum(
        any(c in _norm(n) or _norm(n) in c for c in cited) for n in names_found)
    right_names = sorted(names_expected) if path.parent in BLIND_DIRS else None
    if details:
        for name in sorted(names_expected - names_found):
            print(f"  SPEAKER MISSING  {name!r}")
        for name in sorted(names_found - names_expected):
            print(f"  SPEAKER EXTRA    {name!r}")
    for item, hit in zip(spec["quotes"], hits, strict=True):
        counts["expected"] += 1
        truth = item.get("speaker")
        counts["expected_with_speaker"] += truth is not None
        if hit is None:
            if details:
                print(f"  MISSING  {item['snippet']!r}")
            continue
        row = quotes.iloc[hit]
        counts["found"] += 1
        speaker = row["speaker"] if isinstance(row["speaker"], str) else None
        counts["predicted"] += speaker is not None
        counts["correct"] += speaker is not None and speaker == truth
        counts["kind_ok"] += row["kind"] == item["kind"]
        stated = item.get("stated_start")
        got = row["stated_start"]
        counts["stated"] += stated is not None
        counts["stated_read"] += stated is not None and abs(got - stated) < 0.5
        counts["time_ok"] += (math.isnan(got) if stated is None else abs(got - stated) < 0.5)
        if score_duplicates:
            dup = item.get("duplicate_of")
            want_dup = None if dup is None else hits[dup - 1]
            got_dup = None if str(row["duplicate_of"]) == "<NA>" else str(row["duplicate_of"])
            counts["dup_scored"] += 1
            counts["dup_ok"] += (got_dup is None) if want_dup is None else (
                got_dup == quotes.iloc[want_dup]["quote_id"])
        base = (nearest_name_baseline(article, row, right_names) if item["kind"] != "term"
                else None)
        counts["base_predicted"] += base is not None
        counts["base_correct"] += base is not None and base == truth
        time_right = (math.isnan(got) if stated is None else abs(got - stated) < 0.5)
        if details and (speaker != truth or row["kind"] != item["kind"] or not time_right):
            print(f"  {row['quote_id']}: speaker {speaker!r} (want {truth!r}), kind "
                  f"{row['kind']} (want {item['kind']}), time {got} (want {stated}) "
                  f"[{row['attribution']}]  {item['snippet'][:50]!r}")
    # Rows that answer no expected quote are spurious: with a speaker they count against
    # precision.
    extra = [i for i in range(len(quotes)) if i not in set(hits)]
    counts["extra"] = len(extra)
    counts["predicted"] += sum(isinstance(quotes.iloc[i]["speaker"], str) for i in extra)
    if details:
        for i in extra:
            print(f"  EXTRA    {quotes.iloc[i]['quote_id']}: {quotes.iloc[i]['text'][:60]!r}")
    return counts


def _unread_counts(spec: dict[str, Any]) -> dict[str, float]:
    """The counts of an article ``read_article`` could not read: every expected quote and
    speaker counted, none found (stated times count among found quotes only, as in
    ``evaluate``)."""
    quotes = spec["quotes"]
    counts: dict[str, float] = dict.fromkeys(COUNT_KEYS, 0)
    counts.update(expected=len(quotes),
                  expected_with_speaker=sum(q.get("speaker") is not None for q in quotes),
                  names_expected=len({s["speaker"] for s in spec["speakers"]}),
                  cited=len(spec.get("cited", [])))
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=1, help="parse each article N times")
    parser.add_argument("--details", action="store_true", help="print every mismatch")
    parser.add_argument("--timing-repeat", type=int, default=5,
                        help="runs of the timing comparison (0 to skip)")
    parser.add_argument("--group", choices=(*GROUPS, "all"), default="all",
                        help="score only one group of articles; 'all' is every dev group "
                             "(the next two blind sets only run when named)")
    parser.add_argument("--people", choices=("auto", "never"), default="auto",
                        help="pass the people_NAME.csv guest lists beside the articles")
    args = parser.parse_args()
    totals: dict[str, dict[str, float]] = {}
    print(f"{'article':<28} {'quotes':>6} {'found':>6} {'extra':>5} {'P':>6} {'R':>6} {'kind':>6} "
          f"{'time':>6} {'dup':>6} {'P base':>7} {'R base':>7} {'names':>7} {'P nm':>6} "
          f"{'R nm':>6} {'stated':>7} {'cited':>6}")
    # A hidden test set is read only when asked for by name: "all" means every dev article,
    # so that tuning runs never touch it.
    dirs = (HIDDEN_DIRS[args.group],) if args.group in HIDDEN_GROUPS else DEV_DIRS
    paths = sorted((p for d in dirs for p in d.glob("*.expected.json")),
                   key=lambda p: (GROUPS.index(group_of(_stem(p), p.parent)), p.name))
    for path in paths:
        group = group_of(_stem(path), path.parent)
        if args.group not in ("all", group) or (args.group == "all" and group in HIDDEN_GROUPS):
            continue
        # A never-read test set is scored, never inspected: aggregates only.
        hidden = group in HIDDEN_GROUPS
        details = args.details and not hidden
        if details:
            print(path.name)
        started = time.perf_counter()
        for _ in range(args.repeat):
            counts = evaluate(path, details=details and _ == 0,
                              use_people=args.people == "auto")
        elapsed = (time.perf_counter() - started) / args.repeat
        # "ALL" is every dev article: a hidden test set only has its own line.
        for name in (group, "blind" if group.startswith("blind-") else None,
                     None if hidden else "ALL"):
            if name is not None:
                total = totals.setdefault(name, {})
                for key, value in counts.items():
                    total[key] = total.get(key, 0) + value
        if not hidden:
            print(_line(_stem(path), counts) + f"   {elapsed:.2f} s")
    for name in (*GROUPS, "blind", "ALL"):
        if name in totals:
            print(_line(f"= {name}", totals[name]))
    if args.timing_repeat:
        timing(args.timing_repeat)


def _best(repeat: int, work) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return min(times)


def timing(repeat: int) -> None:
    """read_article against raw spaCy on the same paragraphs (models loaded beforehand)."""
    from coopanalysis.nlp import load_nlp
    from coopanalysis.read.article.people import NLP_EXCLUDE

    text = (ROOT / "data" / "rnct2025_article.md").read_text(encoding="utf-8")
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    full, light = load_nlp(), load_nlp(exclude=NLP_EXCLUDE)
    read_article(text)
    parse = _best(repeat, lambda: read_article(text))
    raw_full = _best(repeat, lambda: list(full.pipe(paragraphs)))
    raw_light = _best(repeat, lambda: list(light.pipe(paragraphs)))
    print(f"\ntiming, reference article ({len(text)} chars, {len(paragraphs)} paragraphs), "
          f"best of {repeat}:")
    print(f"  read_article                          {parse * 1000:8.1f} ms")
    print(f"  raw spaCy nlp.pipe, full pipeline     {raw_full * 1000:8.1f} ms   "
          f"read_article / raw = {parse / raw_full:.2f}")
    print(f"  raw spaCy nlp.pipe, components used   {raw_light * 1000:8.1f} ms   "
          f"read_article / raw = {parse / raw_light:.2f}")


def _stem(path: Path) -> str:
    return path.name.replace(".expected.json", "")


def _line(name: str, c: dict[str, float]) -> str:
    def ratio(a: float, b: float) -> str:
        return f"{a / b:.3f}" if b else "  n/a"

    return (f"{name:<28} {int(c['expected']):>6} {int(c['found']):>6} {int(c['extra']):>5} "
            f"{ratio(c['correct'], c['predicted']):>6} "
            f"{ratio(c['correct'], c['expected_with_speaker']):>6} "
            f"{ratio(c['kind_ok'], c['found']):>6} {ratio(c['time_ok'], c['found']):>6} "
            f"{ratio(c['dup_ok'], c['dup_scored']):>6} "
            f"{ratio(c['base_correct'], c['base_predicted']):>7} "
            f"{ratio(c['base_correct'], c['expected_with_speaker']):>7} "
            f"{int(c['names_correct']):>3}/{int(c['names_expected']):<3} "
            f"{ratio(c['names_correct'], c['names_found']):>6} "
            f"{ratio(c['names_correct'], c['names_expected']):>6} "
            f"{int(c['stated_read']):>3}/{int(c['stated']):<3} "
            f"{int(c['cited_speakers']):>2}/{int(c['cited']):<3}")


if __name__ == "__main__":
    main()
