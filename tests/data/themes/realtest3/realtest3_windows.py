#!/usr/bin/env python3
"""Fixed pseudo-random window selection of the realtest3 set (standard library only).
Word loading is reused unchanged: VTT and whisper JSON via ../cap/extract_units.py,
SRT via ../realtest/realtest_windows.py.  Procedure: see PROCEDURE.md / README.md.

Run directly to print the selected windows (times and word counts only, no text):
    python3 realtest3_windows.py [--corpus /work/shared/corpus]
"""
import csv, glob, importlib.util, os, random, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
THEMES_DIR = os.path.dirname(HERE)
_spec = importlib.util.spec_from_file_location(
    "realtest_windows", os.path.join(THEMES_DIR, "realtest", "realtest_windows.py"))
rw = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(rw)
ex = rw.ex
DEFAULT_CORPUS = rw.DEFAULT_CORPUS
talk_key = rw.talk_key

BDX = {
    "autogenere__De_pionnieres_a_oubliees_l_histoire_des_femmes_-_Charline_Laporte_Manon_Valdonio.fr-orig.srt": "De_pionnieres",
    "autogenere__Pourquoi_vous_n_attirerez_et_ne_retiendrez_pas_les_femmes_dans_vos_equipes_tech.fr-orig.srt": "Pourquoi_vous",
    "autogenere__Gestion_de_la_dette_d_architecture_-_Cyril_Beslay.fr-orig.srt": "Gestion_dette",
    "autogenere__contributer-open-source.srt": "contributer_os",
}
RADIO = "medium_fr__radio_short.mp3.words.json"
# (source, units, seed) in id order; r_G9fOCBpes.fr-orig.vtt gets 0 (no free stretch)
PLAN = [
    ("JiL-IEDFd6Y.fr-orig.vtt", 80, 701),
    ("q3KU2-L0cv4.fr-orig.vtt", 45, 702),
    ("WyTQlf2rijs.fr-orig.vtt", 20, 703),
] + [(s, n, seed) for s, n, seed in zip(BDX, (20, 20, 10, 4), (704, 705, 706, 707))] + [
    (RADIO, 1, 708),
]
# (Lmin, Lmax, +-d); per-source amendments (PROCEDURE.md step 6) go in LENGTHS
DEFAULT_LENGTH = (20, 36, 6)
FALLBACKS = [(16, 24, 3), (16, 22, 2), (15, 19, 2)]
LENGTHS = {}
BUFFER = 5.0
MAX_DRAWS = 2000
CUES_RE = re.compile(r"^(\S+)\s+cues\s+(\d+)-(\d+)\s*$")


def load_words(source, corpus=DEFAULT_CORPUS):
    if source.endswith((".vtt", ".json")):
        return ex.load_words(source, corpus)
    return rw.load_words(source, corpus)


def extract(source, start, end, corpus=DEFAULT_CORPUS):
    return [w for t, w in load_words(source, corpus) if start <= t < end]


_CUE_CACHE = {}


def srt_cue_times(source, corpus=DEFAULT_CORPUS):
    """{cue number: (start, end)} from the number+timing lines of a BDX SRT file."""
    key = (source, corpus)
    if key not in _CUE_CACHE:
        path = os.path.join(corpus, "french", "bdxio", source)
        with open(path, encoding="utf-8-sig") as fh:
            lines = fh.read().replace("\r\n", "\n").replace("\r", "\n").split("\n")
        out = {}
        for k in range(len(lines) - 1):
            if lines[k].strip().isdigit():
                m = rw.TIMING_RE.match(lines[k + 1].strip())
                if m:
                    out[int(lines[k].strip())] = (
                        ex.parse_ts(m.group(1).replace(",", ".")),
                        ex.parse_ts(m.group(2).replace(",", ".")))
        _CUE_CACHE[key] = out
    return _CUE_CACHE[key]


def other_windows(exclude_dir=HERE, corpus=DEFAULT_CORPUS):
    """(file, source, start, end) of every locatable unit of the other CSV files.
    Only the source/start/end columns are read.  (a) rows with start/end;
    (b) rows whose source is '<srt file> cues A-B' (window = start of cue A to the
    latest end of cues A..B)."""
    out = []
    for f in sorted(glob.glob(os.path.join(THEMES_DIR, "**", "*.csv"), recursive=True)):
        if os.path.abspath(os.path.dirname(f)) == os.path.abspath(exclude_dir):
            continue
        rel = os.path.relpath(f, THEMES_DIR)
        with open(f, encoding="utf-8", newline="") as fh:
            rd = csv.DictReader(fh)
            names = set(rd.fieldnames or [])
            if "source" not in names:
                continue
            for r in rd:
                src = r["source"] or ""
                if {"start", "end"} <= names and (r["start"] or "").strip() \
                        and (r["end"] or "").strip():
                    out.append((rel, src, float(r["start"]), float(r["end"])))
                    continue
                m = CUES_RE.match(src)
                if m and m.group(1).endswith(".srt"):
                    ct = srt_cue_times(m.group(1), corpus)
                    cues = [ct[c] for c in range(int(m.group(2)), int(m.group(3)) + 1)
                            if c in ct]
                    if not cues:
                        raise ValueError("%s: cues not found: %s" % (rel, src))
                    out.append((rel, m.group(1), min(a for a, _ in cues),
                                max(b for _, b in cues)))
    return out


def unlocatable_rows(exclude_dir=HERE):
    """Counts of rows of other CSVs that name a real caption source but carry neither
    times nor cue numbers (they cannot be excluded); only the source column is read."""
    out = {}
    for f in sorted(glob.glob(os.path.join(THEMES_DIR, "**", "*.csv"), recursive=True)):
        if os.path.abspath(os.path.dirname(f)) == os.path.abspath(exclude_dir):
            continue
        with open(f, encoding="utf-8", newline="") as fh:
            rd = csv.DictReader(fh)
            names = set(rd.fieldnames or [])
            if "source" not in names:
                continue
            for r in rd:
                src = r["source"] or ""
                timed = {"start", "end"} <= names and (r["start"] or "").strip() \
                    and (r["end"] or "").strip()
                if timed or CUES_RE.match(src):
                    continue
                if src.endswith((".srt", ".vtt", ".json")):
                    k = (os.path.relpath(f, THEMES_DIR), os.path.basename(src))
                    out[k] = out.get(k, 0) + 1
    return out


def _try(rng, words, times, idxs, excluded, chosen, source, corpus, length):
    lmin, lmax, d = length
    i = rng.choice(idxs)
    L = rng.randint(lmin, lmax)
    if i == 0:
        return None
    cands = []
    for j in range(i + L - 1 - d, i + L - 1 + d + 1):
        if j + 1 >= len(words):
            break
        if 15 <= ex.word_count([w for _, w in words[i:j + 1]]) <= 45:
            cands.append(j)
    if not cands:
        return None
    j = max(cands, key=lambda j: (times[j + 1] - times[j], -j))
    if times[i - 1] == times[i] or times[j] == times[j + 1]:
        return None
    s = round((times[i - 1] + times[i]) / 2, 3)
    e = round((times[j] + times[j + 1]) / 2, 3)
    if not (times[i - 1] < s <= times[i] and times[j] < e <= times[j + 1]):
        return None
    toks = extract(source, s, e, corpus)
    if toks != [w for _, w in words[i:j + 1]]:
        return None
    if not 15 <= ex.word_count(toks) <= 45:
        return None
    if any(max(a - BUFFER, s) < min(b + BUFFER, e) for a, b in excluded):
        return None
    if any(max(a, s) < min(b, e) for a, b in chosen):
        return None
    return (s, e)


def select_windows(source, n, seed, others, corpus=DEFAULT_CORPUS, length=None):
    length = length or LENGTHS.get(source, DEFAULT_LENGTH)
    rng = random.Random(seed)
    words = load_words(source, corpus)
    times = [t for t, _ in words]
    key = talk_key(source)
    excluded = [(a, b) for _, src, a, b in others if talk_key(src) == key]
    t0, t1 = times[0], times[-1]
    step = (t1 - t0) / n
    chosen, missing = [], 0
    for k in range(n):
        lo, hi = t0 + k * step, t0 + (k + 1) * step
        idxs = [i for i, t in enumerate(times) if lo <= t < hi]
        got = None
        for _ in range(MAX_DRAWS if idxs else 0):
            got = _try(rng, words, times, idxs, excluded, chosen, source, corpus, length)
            if got:
                break
        if got:
            chosen.append(got)
        else:
            missing += 1
    allidx = list(range(len(words)))
    for _ in range(missing):
        for _ in range(MAX_DRAWS):
            got = _try(rng, words, times, allidx, excluded, chosen, source, corpus, length)
            if got:
                chosen.append(got)
                break
    return sorted(chosen), missing


def select_all(corpus=DEFAULT_CORPUS):
    others = other_windows(corpus=corpus)
    out = []
    for source, n, seed in PLAN:
        wins, missing = select_windows(source, n, seed, others, corpus)
        out.append((source, seed, wins, missing))
    return out


def main():
    corpus = DEFAULT_CORPUS
    if len(sys.argv) > 2 and sys.argv[1] == "--corpus":
        corpus = sys.argv[2]
    others = other_windows(corpus=corpus)
    print("excluded windows of other CSV files: %d" % len(others))
    for source, n, seed in PLAN:
        wins, missing = select_windows(source, n, seed, others, corpus)
        print("%-45.45s seed %d: %d/%d windows (strata refilled: %d) length %r"
              % (source, seed, len(wins), n, missing, LENGTHS.get(source, DEFAULT_LENGTH)))
        if len(wins) < n and source not in LENGTHS:
            for fb in FALLBACKS:
                w2, m2 = select_windows(source, n, seed, others, corpus, length=fb)
                print("    fallback %r: %d/%d windows (refilled %d)" % (fb, len(w2), n, m2))


if __name__ == "__main__":
    main()
