#!/usr/bin/env python3
"""Turn a YouTube "rolling" auto-caption SRT into a de-duplicated word list.

Standard library only.  Usage:

    python3 build_words.py            # writes <talk>.words.tsv for both talks
    python3 build_words.py FILE.srt   # prints "index<TAB>time<TAB>word" lines

Method (see README.md):
* The file is split into cues (an index line, a "-->" timing line, then text
  lines up to the next index+timing pair).  CR characters are dropped, text
  lines that are empty or only a space are ignored (the 10 ms cues carry the
  previous line plus a line holding one space; some cues have no text at all).
* In the rolling layout every caption line is shown twice: first as the new
  (last) line of a cue, then again as the first line of the following cues.
  A text line is therefore emitted only if it differs from the last emitted
  line; a repeated line adds nothing.
* Every word of an emitted line gets the start time of the cue where that line
  first appears (seconds, float).  Words are whitespace tokens, kept as
  written (case, apostrophes, "[Musique]" tags included).
"""
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = "/work/shared/corpus/french/bdxio"
TALKS = [
    "autogenere__Pourquoi_vous_n_attirerez_et_ne_retiendrez_pas_les_femmes_dans_vos_equipes_tech.fr-orig.srt",
    "autogenere__De_pionnieres_a_oubliees_l_histoire_des_femmes_-_Charline_Laporte_Manon_Valdonio.fr-orig.srt",
]
TIME_RE = re.compile(r"^(\d+):(\d+):(\d+)[,.](\d+)\s*-->\s*(\d+):(\d+):(\d+)[,.](\d+)")


def _secs(h, m, s, ms):
    return int(h) * 3600 + int(m) * 60 + int(s) + int(ms) / 1000.0


def parse_cues(path):
    """Return a list of (start_seconds, [text lines])."""
    with open(path, encoding="utf-8") as f:
        lines = [l.replace("\r", "") for l in f.read().split("\n")]
    cues = []
    i = 0
    n = len(lines)
    while i < n:
        if lines[i].strip().isdigit() and i + 1 < n and TIME_RE.match(lines[i + 1].strip()):
            m = TIME_RE.match(lines[i + 1].strip())
            start = _secs(*m.groups()[:4])
            j = i + 2
            text = []
            while j < n and not (lines[j].strip().isdigit() and j + 1 < n
                                 and TIME_RE.match(lines[j + 1].strip())):
                if lines[j].strip():
                    text.append(lines[j].strip())
                j += 1
            cues.append((start, text))
            i = j
        else:
            i += 1
    return cues


def load_words(path):
    """Return a list of (time_seconds, word) in spoken order, de-duplicated."""
    words = []
    last = None
    for start, text in parse_cues(path):
        for line in text:
            if line == last:
                continue
            last = line
            for w in line.split():
                words.append((start, w))
    return words


def talk_path(name):
    return os.path.join(CORPUS, os.path.basename(name))


def main(argv):
    if len(argv) > 1:
        for k, (t, w) in enumerate(load_words(argv[1])):
            print(f"{k}\t{t:.2f}\t{w}")
        return
    for name in TALKS:
        out = os.path.join(HERE, name[: -len(".srt")] + ".words.tsv")
        words = load_words(talk_path(name))
        with open(out, "w", encoding="utf-8") as f:
            f.write("index\ttime\tword\n")
            for k, (t, w) in enumerate(words):
                f.write(f"{k}\t{t:.2f}\t{w}\n")
        print(f"{name}: {len(words)} words, last at {words[-1][0]:.1f} s -> {os.path.basename(out)}")


if __name__ == "__main__":
    main(sys.argv)
