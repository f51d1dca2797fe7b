#!/usr/bin/env python3
"""Re-extract the text of the non-redistributable units of cap2_units.csv
(copy of ../cap/extract_units.py; only the default CSV differs).

Some units of the CAP set come from sources whose licence does not allow us to
copy their text into the repository (Thinkerview YouTube auto-captions, licence
unknown; whisper-timestamped expected outputs, AGPL-3.0 with third-party audio).
For those units the CSV stores only the source file name, a time window
[start, end) in seconds and the first/last three words (anchors).  This script
rebuilds the word list of each source from the local corpus copy, takes the
words whose time falls in [start, end), and checks the anchors.

Standard library only.

Usage:
    python3 extract_units.py [cap_units.csv] [--corpus /work/shared/corpus]
                             [--show] [--out units_with_text.csv]

Exit status 0 when every non-stored unit is recovered and its anchors match.

Word timing rules
-----------------
* YouTube rolling-caption WebVTT (Thinkerview ``*.fr-orig.vtt``): every
  utterance line is shown twice (once as the "new" line carrying inline word
  timings ``word<00:00:17.560><c> bonsoir</c>``, then repeated as the "old"
  first line of the next cue, plus ~10 ms "flicker" cues).  We keep, for each
  cue longer than 20 ms, only its LAST non-blank line (the new line).  When it
  carries ``<c>`` tags, the first word gets the cue start time and each
  following word the time of the tag in front of it; a new line without tags
  (a single word) gets the cue start time.  Bracketed sound tags such as
  ``[Musique]`` are dropped.
* whisper-timestamped JSON: ``segments[].words[]``, word time = ``start``.
"""
import argparse
import csv
import json
import os
import re
import sys

DEFAULT_CORPUS = "/work/shared/corpus"

# where each non-redistributable source lives, relative to the corpus root
SOURCE_DIRS = {
    ".vtt": "french/thinkerview",
    ".json": "french/whisper-timestamped",
}

TIMING_RE = re.compile(r"^(\S+)\s+-->\s+(\S+)")
TAG_RE = re.compile(r"<(\d{2}:\d{2}:\d{2}\.\d{3})><c>(.*?)</c>")
BRACKET_RE = re.compile(r"\[[^\]]*\]")


def parse_ts(s):
    parts = s.split(":")
    secs = 0.0
    for p in parts:
        secs = secs * 60 + float(p)
    return round(secs, 3)


def _words_of_line(line, cue_start):
    """Return [(time, word)] for one 'new' caption line."""
    out = []
    first_tag = line.find("<")
    if first_tag == -1:
        head, rest = line, ""
    else:
        head, rest = line[:first_tag], line[first_tag:]
    for w in BRACKET_RE.sub(" ", head).split():
        out.append((cue_start, w))
    for m in TAG_RE.finditer(rest):
        t = parse_ts(m.group(1))
        for w in BRACKET_RE.sub(" ", m.group(2)).split():
            out.append((t, w))
    return out


def load_vtt_words(path):
    with open(path, encoding="utf-8-sig") as fh:
        text = fh.read().replace("\r\n", "\n").replace("\r", "\n")
    words = []
    # cues are separated by truly empty lines; YouTube puts lines holding a
    # single space inside cues, which must NOT be taken as separators
    for block in re.split(r"\n\n+", text):
        lines = block.split("\n")
        for i, line in enumerate(lines):
            m = TIMING_RE.match(line.strip())
            if m:
                break
        else:
            continue
        start, end = parse_ts(m.group(1)), parse_ts(m.group(2))
        if end - start <= 0.020:  # flicker cue: repeats already-seen text
            continue
        body = [l for l in lines[i + 1:] if l.strip()]
        if not body:
            continue
        words.extend(_words_of_line(body[-1].strip(), start))
    return words


def load_whisper_words(path):
    with open(path, encoding="utf-8") as fh:
        data = json.load(fh)
    words = []
    for seg in data["segments"]:
        for w in seg.get("words") or []:
            token = w["text"].strip()
            if token:
                words.append((round(float(w["start"]), 3), token))
    return words


_CACHE = {}


def source_path(source, corpus):
    ext = os.path.splitext(source)[1]
    return os.path.join(corpus, SOURCE_DIRS[ext], source)


def load_words(source, corpus=DEFAULT_CORPUS):
    key = (source, corpus)
    if key not in _CACHE:
        path = source_path(source, corpus)
        if source.endswith(".vtt"):
            _CACHE[key] = load_vtt_words(path)
        elif source.endswith(".json"):
            _CACHE[key] = load_whisper_words(path)
        else:
            raise ValueError("unknown source type: %s" % source)
    return _CACHE[key]


def extract(source, start, end, corpus=DEFAULT_CORPUS):
    """Words of `source` whose time t satisfies start <= t < end."""
    return [w for t, w in load_words(source, corpus) if start <= t < end]


def norm(s):
    return " ".join(s.split()).lower()


def word_count(tokens):
    """Spoken words = tokens holding at least one letter or digit
    (a lone '%' or '?' produced by the captioner is not a word)."""
    return sum(1 for t in tokens if any(c.isalnum() for c in t))


def is_stored_elsewhere(row):
    """True for units whose text is deliberately NOT stored in the CSV."""
    return row["source"].endswith((".vtt", ".json"))


def main(argv=None):
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("csv", nargs="?", default=os.path.join(here, "cap2_units.csv"))
    ap.add_argument("--corpus", default=DEFAULT_CORPUS)
    ap.add_argument("--show", action="store_true", help="print recovered text")
    ap.add_argument("--out", help="write a copy of the CSV with text filled in "
                    "(local use only: do not commit it)")
    args = ap.parse_args(argv)

    with open(args.csv, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))

    n_checked = n_ok = 0
    for row in rows:
        if not is_stored_elsewhere(row):
            continue
        n_checked += 1
        uid = row["unit_id"]
        problems = []
        if row["text"].strip():
            problems.append("text column should be empty for this source")
        words = extract(row["source"], float(row["start"]), float(row["end"]),
                        args.corpus)
        first = " ".join(words[:3])
        last = " ".join(words[-3:])
        if norm(first) != norm(row["anchor_first"]):
            problems.append("anchor_first %r != %r" % (row["anchor_first"], first))
        if norm(last) != norm(row["anchor_last"]):
            problems.append("anchor_last %r != %r" % (row["anchor_last"], last))
        n_words = word_count(words)
        if not 15 <= n_words <= 45:
            problems.append("%d words (expected 15-45)" % n_words)
        if problems:
            print("FAIL %s %s [%s, %s): %s" % (uid, row["source"], row["start"],
                                               row["end"], "; ".join(problems)))
        else:
            n_ok += 1
        if args.show:
            print("%s (%d words): %s" % (uid, word_count(words), " ".join(words)))
        row["_recovered"] = " ".join(words)

    if args.out:
        fields = list(rows[0].keys())
        fields = [f for f in fields if f != "_recovered"]
        with open(args.out, "w", encoding="utf-8", newline="") as fh:
            wr = csv.DictWriter(fh, fieldnames=fields, quoting=csv.QUOTE_ALL)
            wr.writeheader()
            for row in rows:
                out = {f: row[f] for f in fields}
                if row.get("_recovered"):
                    out["text"] = row["_recovered"]
                wr.writerow(out)

    print("non-stored units: %d, recovered with matching anchors: %d"
          % (n_checked, n_ok))
    return 0 if n_checked == n_ok else 1


if __name__ == "__main__":
    sys.exit(main())
