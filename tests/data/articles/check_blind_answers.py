#!/usr/bin/env python3
"""Consistency checker for the answer keys of a blind article set (standard library only).

Written by the blind4 writer; the writers of blind5 to blind9 ran it on their sets (it was
copied into each set until it became this one shared script). It never imports or runs the
library. It checks, for every *.expected.json of the set directory:
- the JSON loads and has the blind3 keys;
- every snippet has 6-10 words and occurs exactly once in the article text
  (for the .html article: the visible text, i.e. <head>, <script>, <style> and
  comments removed, tags stripped, entities unescaped);
- every notation occurs in the article text and agrees with stated_start;
- quote numbering, kinds, speaker names (each quote speaker is listed, each listed
  speaker has a quote), cited names and not_quotes occur in the text;
- reading order (warning only: nested quotes may list an outer snippet that
  appears after the inner one);
- quotation-mark spans not covered by a quote or not_quote (warning only);
- the people CSV matches the speakers of its article;
and prints the counts per article and in total.

Usage: python3 check_blind_answers.py SET_DIR   (e.g. tests/data/articles/blind4)
"""
import csv
import glob
import html
import json
import os
import re
import sys

KINDS = {"quote", "fragment", "paraphrase", "term"}
TOP_KEYS = {"article", "style", "metadata", "speakers", "cited", "quotes", "not_quotes"}
QUOTE_KEYS = {"n", "snippet", "speaker", "kind", "stated_start", "notation"}


def visible_text(raw):
    t = re.sub(r"(?is)<head\b.*?</head>", " ", raw)
    t = re.sub(r"(?is)<script\b.*?</script>", " ", t)
    t = re.sub(r"(?is)<style\b.*?</style>", " ", t)
    t = re.sub(r"(?s)<!--.*?-->", " ", t)
    t = re.sub(r"(?is)<br\s*/?>|</(p|div|li|h[1-6]|ul|nav|header|footer|aside|article|main)>", "\n", t)
    t = re.sub(r"(?s)<[^>]+>", "", t)
    t = html.unescape(t)
    t = re.sub(r"[ \t\r]+", " ", t)
    t = re.sub(r"\n\s*\n+", "\n\n", t)
    return t


def article_text(path):
    with open(path, encoding="utf-8") as f:
        raw = f.read()
    if path.endswith(".html"):
        return raw, visible_text(raw)
    return raw, raw


def parse_notation(s):
    s = s.strip()
    m = re.fullmatch(r"(\d+)e minute", s)
    if m:
        return int(m.group(1)) * 60
    if ":" in s:
        parts = [int(p) for p in s.split(":")]
        if len(parts) == 2:
            return parts[0] * 60 + parts[1]
        if len(parts) == 3:
            return parts[0] * 3600 + parts[1] * 60 + parts[2]
        return None
    m = re.fullmatch(r"(?:(\d+)\s*h\s*)?(\d+)\s*(?:min|')?\s*(\d+)?(?:\s*min)?", s)
    if m:
        h = int(m.group(1) or 0)
        mi = int(m.group(2))
        se = int(m.group(3) or 0)
        return h * 3600 + mi * 60 + se
    return None


def quote_spans(text):
    spans = []
    for op, cl in (("«", "»"), ("“", "”"), ("‘", "’")):
        for m in re.finditer(re.escape(op) + r"([^" + op + cl + r"]*)" + re.escape(cl), text):
            spans.append((m.start(), m.group(1)))
    return sorted(spans)


def main(here):
    errors, warnings = [], []
    totals = {"articles": 0, "quotes": 0, "speakers": 0, "cited": 0, "not_quotes": 0,
              "null": 0, "timed": 0}
    kinds_total = {k: 0 for k in KINDS}
    rows = []
    for jpath in sorted(glob.glob(os.path.join(here, "*.expected.json"))):
        name = os.path.basename(jpath)
        try:
            with open(jpath, encoding="utf-8") as f:
                ans = json.load(f)
        except Exception as e:  # noqa: BLE001
            errors.append(f"{name}: JSON does not load: {e}")
            continue
        if set(ans) != TOP_KEYS:
            errors.append(f"{name}: keys {sorted(ans)} != {sorted(TOP_KEYS)}")
        apath = os.path.join(here, ans["article"])
        if not os.path.exists(apath):
            errors.append(f"{name}: article {ans['article']} missing")
            continue
        raw, text = article_text(apath)
        nwords = len(text.split())
        if not 400 <= nwords <= 1000:
            warnings.append(f"{name}: article has {nwords} words")
        md = ans["metadata"]
        if set(md) != {"title", "author", "date"}:
            errors.append(f"{name}: metadata keys {sorted(md)}")
        if md["title"] not in text and md["title"] not in raw:
            errors.append(f"{name}: title not in article")
        if md["author"] and md["author"] not in raw:
            errors.append(f"{name}: author not in article")
        if md["date"] and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", md["date"]):
            errors.append(f"{name}: bad date {md['date']}")
        speaker_names = [s["speaker"] for s in ans["speakers"]]
        for s in ans["speakers"] + ans["cited"]:
            if set(s) != {"speaker", "role", "organization"}:
                errors.append(f"{name}: person keys {sorted(s)}")
            if s["speaker"] not in text:
                errors.append(f"{name}: person name not in text: {s['speaker']}")
        cited_names = {s["speaker"] for s in ans["cited"]}
        if cited_names & set(speaker_names):
            errors.append(f"{name}: a person is both speaker and cited")
        used = set()
        positions = []
        ntimed = nnull = 0
        kinds = {k: 0 for k in KINDS}
        for i, q in enumerate(ans["quotes"], 1):
            tag = f"{name} n={q.get('n')}"
            if set(q) != QUOTE_KEYS:
                errors.append(f"{tag}: keys {sorted(q)}")
            if q["n"] != i:
                errors.append(f"{tag}: numbering (expected {i})")
            if q["kind"] not in KINDS:
                errors.append(f"{tag}: bad kind {q['kind']}")
            else:
                kinds[q["kind"]] += 1
            nw = len(q["snippet"].split())
            if not 6 <= nw <= 10:
                errors.append(f"{tag}: snippet has {nw} words")
            c = text.count(q["snippet"])
            if c != 1:
                errors.append(f"{tag}: snippet occurs {c} times: {q['snippet']!r}")
            positions.append(text.find(q["snippet"]))
            if q["speaker"] is None:
                nnull += 1
            else:
                used.add(q["speaker"])
                if q["speaker"] not in speaker_names:
                    errors.append(f"{tag}: speaker {q['speaker']} not in speakers")
            if (q["stated_start"] is None) != (q["notation"] is None):
                errors.append(f"{tag}: stated_start/notation mismatch")
            if q["notation"] is not None:
                ntimed += 1
                if q["notation"] not in text:
                    errors.append(f"{tag}: notation {q['notation']!r} not in text")
                secs = parse_notation(q["notation"])
                if secs != q["stated_start"]:
                    errors.append(f"{tag}: notation {q['notation']!r} parses to {secs}, "
                                  f"stated_start {q['stated_start']}")
            if q["kind"] == "paraphrase" and q["notation"] is None:
                errors.append(f"{tag}: paraphrase without a stated time")
        for s in speaker_names:
            if s not in used:
                errors.append(f"{name}: speaker {s} has no quote")
        for a, b, q in zip(positions, positions[1:], ans["quotes"][1:]):
            if b < a:
                warnings.append(f"{name} n={q['n']}: snippet appears before the previous one "
                                f"(expected only for nested quotes)")
        for nq in ans["not_quotes"]:
            if not any(o + nq + c in text for o, c in (("«", "»"), ("« ", " »"), ("«\xa0", "\xa0»"),
                                                       ("“", "”"), ("‘", "’"))):
                errors.append(f"{name}: not_quote not found in quotation marks: {nq!r}")
        for pos, inner in quote_spans(text):
            if any(sn["snippet"] in inner for sn in ans["quotes"]):
                continue
            if inner.strip(" \xa0") in ans["not_quotes"]:
                continue
            warnings.append(f"{name}: uncovered quoted span at {pos}: {inner[:60]!r}")
        rows.append((ans["article"], len(ans["quotes"]), kinds, nnull, len(speaker_names),
                     len(ans["cited"]), ntimed, len(ans["not_quotes"]), nwords))
        totals["articles"] += 1
        totals["quotes"] += len(ans["quotes"])
        totals["speakers"] += len(speaker_names)
        totals["cited"] += len(ans["cited"])
        totals["not_quotes"] += len(ans["not_quotes"])
        totals["null"] += nnull
        totals["timed"] += ntimed
        for k in KINDS:
            kinds_total[k] += kinds[k]
        # people CSV for this article, if any
        stem = ans["article"].rsplit(".", 1)[0]
        cpath = os.path.join(here, f"people_{stem}.csv")
        if os.path.exists(cpath):
            with open(cpath, encoding="utf-8", newline="") as f:
                reader = csv.DictReader(f)
                if reader.fieldnames != ["speaker", "role", "organization"]:
                    errors.append(f"{os.path.basename(cpath)}: header {reader.fieldnames}")
                names = [r["speaker"] for r in reader]
            if sorted(names) != sorted(speaker_names):
                errors.append(f"{os.path.basename(cpath)}: names differ from speakers")

    print(f"{'article':40} {'words':>5} {'quotes':>6} {'q/f/p/t':>9} {'null':>4} "
          f"{'spk':>3} {'cited':>5} {'timed':>5} {'notq':>4}")
    for art, nq, kinds, nnull, nsp, ncit, nt, nnq, nw in rows:
        kf = f"{kinds['quote']}/{kinds['fragment']}/{kinds['paraphrase']}/{kinds['term']}"
        print(f"{art:40} {nw:>5} {nq:>6} {kf:>9} {nnull:>4} {nsp:>3} {ncit:>5} {nt:>5} {nnq:>4}")
    kf = (f"{kinds_total['quote']}/{kinds_total['fragment']}/"
          f"{kinds_total['paraphrase']}/{kinds_total['term']}")
    print(f"{'TOTAL (' + str(totals['articles']) + ' articles)':40} {'':>5} {totals['quotes']:>6} "
          f"{kf:>9} {totals['null']:>4} {totals['speakers']:>3} {totals['cited']:>5} "
          f"{totals['timed']:>5} {totals['not_quotes']:>4}")
    for w in warnings:
        print("WARNING:", w)
    for e in errors:
        print("ERROR:", e)
    print("OK" if not errors else f"{len(errors)} error(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python3 check_blind_answers.py SET_DIR")
    sys.exit(main(sys.argv[1]))
