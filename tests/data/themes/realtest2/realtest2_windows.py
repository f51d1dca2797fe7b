#!/usr/bin/env python3
"""Fixed pseudo-random window selection of the realtest2 set (standard library only).
Word loading is reused unchanged: VTT via ../cap/extract_units.py, SRT via
../realtest/realtest_windows.py.  Procedure: see PROCEDURE.md / README.md."""
import csv, glob, importlib.util, os, random

HERE = os.path.dirname(os.path.abspath(__file__))
THEMES_DIR = os.path.dirname(HERE)
_spec = importlib.util.spec_from_file_location(
    "realtest_windows", os.path.join(THEMES_DIR, "realtest", "realtest_windows.py"))
rw = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(rw)
ex = rw.ex
DEFAULT_CORPUS = rw.DEFAULT_CORPUS
load_words = rw.load_words
extract = rw.extract
talk_key = rw.talk_key

BDX = {
    "autogenere__De_pionnieres_a_oubliees_l_histoire_des_femmes_-_Charline_Laporte_Manon_Valdonio.fr-orig.srt": "De_pionnieres",
    "autogenere__Pourquoi_vous_n_attirerez_et_ne_retiendrez_pas_les_femmes_dans_vos_equipes_tech.fr-orig.srt": "Pourquoi_vous",
}
# (source, units, seed) in id order
PLAN = [
    ("JiL-IEDFd6Y.fr-orig.vtt", 50, 601),
    ("q3KU2-L0cv4.fr-orig.vtt", 45, 602),
    ("WyTQlf2rijs.fr-orig.vtt", 45, 603),
] + [(s, 20, seed) for s, seed in zip(BDX, (604, 605))]
# (Lmin, Lmax, +-d); per-source amendments (PROCEDURE.md step 6) go in LENGTHS
DEFAULT_LENGTH = (20, 36, 6)
LENGTHS = {}
BUFFER = 5.0
MAX_DRAWS = 2000


def other_windows(exclude_dir=HERE):
    """(file, source, start, end) of every timed unit of the other CSV files;
    only the source/start/end columns are read."""
    out = []
    for f in sorted(glob.glob(os.path.join(THEMES_DIR, "**", "*.csv"), recursive=True)):
        if os.path.abspath(os.path.dirname(f)) == os.path.abspath(exclude_dir):
            continue
        with open(f, encoding="utf-8", newline="") as fh:
            rd = csv.DictReader(fh)
            if not {"source", "start", "end"} <= set(rd.fieldnames or []):
                continue
            for r in rd:
                if (r["start"] or "").strip() and (r["end"] or "").strip():
                    out.append((os.path.relpath(f, THEMES_DIR), r["source"],
                                float(r["start"]), float(r["end"])))
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
    others = other_windows()
    out = []
    for source, n, seed in PLAN:
        wins, missing = select_windows(source, n, seed, others, corpus)
        out.append((source, seed, wins, missing))
    return out
