#!/usr/bin/env python3
"""Checks quotes.csv of factcheck4 (stdlib only; does not use the library).

Adapted from factcheck3/check_quotes.py.

* columns and ids, split=test, classes, counts per class / change kind / talk
* every non-absent row: each caption_text part occurs as an exact word sequence
  in the de-duplicated caption words (build_words.py); the first part starts
  within ±5 s of expected_start and ends within ±5 s of expected_end
* glued parts are more than 60 s apart
* passages (all parts) are at least 10 s apart (word-time gap), from each
  other and from every factcheck3 passage (glued parts included; factcheck3
  spans from its quotes.csv start/end columns and its make_quotes.py times)
* verbatim text equals source_text up to case/punctuation/hyphens/« »
* source_text has 10-40 words per row (parts summed for glued rows)
"""
import collections
import csv
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
# The caption words come from factcheck3's build_words.py (same talks, same method).
sys.path.insert(0, os.path.join(HERE, "..", "factcheck3"))
import build_words as bw  # noqa: E402
COLS = ["quote_id", "talk", "text", "expected_class", "expected_start", "expected_end",
        "change_kinds", "changes", "source_text", "split", "caption_text"]
CLASSES = {"verbatim", "edited", "altered", "absent"}


def loose(s):
    """lowercase, typographic apostrophes/quotes, punctuation, hyphens and the
    space before % removed: what a verbatim quote may differ in"""
    import re
    s = s.lower().replace("\u2019", "'").replace("\u00a0", " ").replace("\u202f", " ")
    s = re.sub(r"(\d) %", r"\1%", s)
    s = re.sub(r"[«»\"“”.,;:!?()…\[\]]", " ", s).replace("-", " ")
    return s.split()


def find_all(words, caption):
    toks = [w.lower() for w in caption.split()]
    hits = []
    for i in range(len(words) - len(toks) + 1):
        if all(words[i + k][1].lower() == toks[k] for k in range(len(toks))):
            hits.append((words[i][0], words[i + len(toks) - 1][0]))
    return hits


def main():
    errors = []
    with open(os.path.join(HERE, "quotes.csv"), encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        if reader.fieldnames != COLS:
            errors.append(f"columns {reader.fieldnames} != {COLS}")
        rows = list(reader)
    words = {t: bw.load_words(bw.talk_path(t)) for t in bw.TALKS}
    by_class = collections.Counter()
    by_kind = collections.Counter()
    by_talk = collections.Counter()
    spans = collections.defaultdict(list)
    for n, r in enumerate(rows, 1):
        qid, cls = r["quote_id"], r["expected_class"]
        if qid != f"fq{n:03d}":
            errors.append(f"{qid}: id out of order")
        if r["split"] != "test":
            errors.append(f"{qid}: split")
        if cls not in CLASSES:
            errors.append(f"{qid}: class {cls}")
        if r["talk"] not in words:
            errors.append(f"{qid}: talk {r['talk']}")
            continue
        by_class[cls] += 1
        by_talk[(r["talk"][:30], cls)] += 1
        for k in filter(None, r["change_kinds"].split(";")):
            by_kind[(cls, k)] += 1
        if cls == "altered" and not r["change_kinds"]:
            errors.append(f"{qid}: altered without change_kinds")
        if cls == "absent":
            if r["expected_start"] or r["expected_end"] or r["caption_text"]:
                errors.append(f"{qid}: absent row with times/caption")
            if "English" in r["changes"] and not r["source_text"]:
                errors.append(f"{qid}: translation without French source_text")
            continue
        if cls == "verbatim" and loose(r["text"]) != loose(r["source_text"]):
            errors.append(f"{qid}: verbatim text differs from source_text")
        nsrc = len(r["source_text"].replace("||", " ").split())
        if not 10 <= nsrc <= 40:
            errors.append(f"{qid}: source_text has {nsrc} words")
        start, end = float(r["expected_start"]), float(r["expected_end"])
        parts = r["caption_text"].split(" || ")
        sparts = r["source_text"].split(" || ")
        if len(parts) != len(sparts) or (len(parts) == 2) != (r["change_kinds"] == "glued"):
            errors.append(f"{qid}: parts mismatch")
        hits = find_all(words[r["talk"]], parts[0])
        near = [h for h in hits if abs(h[0] - start) <= 5 and abs(h[1] - end) <= 5]
        if not near:
            errors.append(f"{qid}: caption_text not found near {start}-{end} (hits {hits[:3]})")
            continue
        spans[r["talk"]].append((near[0][0], near[0][1], qid))
        for p in parts[1:]:
            h2 = find_all(words[r["talk"]], p)
            if not h2:
                errors.append(f"{qid}: second part not found")
                continue
            # choose the occurrence farthest from part 1 only if unique; normally unique
            if len(h2) > 1:
                errors.append(f"{qid}: second part occurs {len(h2)} times")
            s2, e2 = h2[0]
            if abs(s2 - start) <= 60:
                errors.append(f"{qid}: glued parts only {abs(s2 - start):.1f} s apart")
            spans[r["talk"]].append((s2, e2, qid + "b"))
    # factcheck3 passages: start/end columns of its quotes.csv (talk, expected_start,
    # expected_end only) plus glued second parts located from its make_quotes.py
    import importlib.util
    fc3 = os.path.join(HERE, "..", "factcheck3")
    with open(os.path.join(fc3, "quotes.csv"), encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            if r["expected_start"]:
                spans[r["talk"]].append((float(r["expected_start"]), float(r["expected_end"]), "fc3:" + r["quote_id"]))
    spec = importlib.util.spec_from_file_location("fc3mq", os.path.join(fc3, "make_quotes.py"))
    mq = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mq)
    for n, row in enumerate(mq.ROWS, 1):
        tk, cls, t, cap = row[:4]
        if cls == "absent" or " || " not in cap:
            continue
        for p, tt in list(zip(cap.split(" || "), str(t).split("|")))[1:]:
            s2, e2 = mq.locate(words[mq.TALK[tk]], p, float(tt))
            spans[mq.TALK[tk]].append((s2, e2, f"fc3:fk{n:03d}b"))
    close = []
    for talk, sp in spans.items():
        sp.sort()
        for (s1, e1, q1), (s2, e2, q2) in zip(sp, sp[1:]):
            if s2 <= e1:
                errors.append(f"overlap {q1} ({s1}-{e1}) / {q2} ({s2}-{e2})")
            elif s2 - e1 < 10:
                if q1.startswith("fc3:") and q2.startswith("fc3:"):
                    continue
                errors.append(f"gap {q1}->{q2}: {s2 - e1:.1f} s < 10 s")
            elif s2 - e1 < 15 and not (q1.startswith("fc3:") and q2.startswith("fc3:")):
                close.append(f"{q1}->{q2}: {s2 - e1:.1f} s")
    print("rows:", len(rows))
    print("per class:", dict(sorted(by_class.items())))
    print("per talk/class:")
    for k, v in sorted(by_talk.items()):
        print(f"  {k[0]}… {k[1]}: {v}")
    print("per change kind:")
    for k, v in sorted(by_kind.items()):
        print(f"  {k[0]:8s} {k[1]}: {v}")
    print("gaps 10-15 s (word-time gap, incl. factcheck3 passages):", close or "none")
    print("minimum gap required: 10 s")
    if errors:
        print("ERRORS:")
        for e in errors:
            print("  ", e)
        sys.exit(1)
    print("OK: all checks passed")


if __name__ == "__main__":
    main()
