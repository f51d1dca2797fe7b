#!/usr/bin/env python3
"""Word loading (VTT via ../cap/extract_units.py, SRT here) and the fixed
pseudo-random window selection of the realtest set.  Standard library only.
Procedure: see PROCEDURE.md / README.md."""
import csv, glob, importlib.util, os, random, re

HERE = os.path.dirname(os.path.abspath(__file__))
THEMES_DIR = os.path.dirname(HERE)
spec = importlib.util.spec_from_file_location(
    "extract_units", os.path.join(THEMES_DIR, "cap", "extract_units.py"))
ex = importlib.util.module_from_spec(spec)
spec.loader.exec_module(ex)
DEFAULT_CORPUS = ex.DEFAULT_CORPUS

BDX = {
    "autogenere__De_pionnieres_a_oubliees_l_histoire_des_femmes_-_Charline_Laporte_Manon_Valdonio.fr-orig.srt": "De_pionnieres_a_oubliees_l_histoire_des_femmes_-_Charline_Laporte_Manon_Valdonio",
    "autogenere__Gestion_de_la_dette_d_architecture_-_Cyril_Beslay.fr-orig.srt": "Gestion_de_la_dette_d_architecture_-_Cyril_Beslay",
    "autogenere__Pourquoi_vous_n_attirerez_et_ne_retiendrez_pas_les_femmes_dans_vos_equipes_tech.fr-orig.srt": "Pourquoi_vous_n_attirerez_et_ne_retiendrez_pas_les_femmes_dans_vos_equipes_tech",
    "autogenere__contributer-open-source.srt": "contributer-open-source",
}
# (source, units, seed) in id order
PLAN = [
    ("r_G9fOCBpes.fr-orig.vtt", 60, 501),  # short source: LENGTHS below
    ("JiL-IEDFd6Y.fr-orig.vtt", 35, 502),
    ("q3KU2-L0cv4.fr-orig.vtt", 35, 503),
    ("WyTQlf2rijs.fr-orig.vtt", 35, 504),
] + [(s, n, seed) for (s, n, seed) in zip(BDX, (9, 9, 9, 8), (505, 506, 507, 508))]
# (min, max) of the target length L in tokens and the +- range of end candidates;
# amended for the short r_G9fOCBpes talk (16 min, ~40 % covered by earlier windows
# and their 5 s buffers) before any window text was read: the default gave 49/60,
# (16, 24, 3) gave 58/60, (16, 22, 2) gave 60/60 and was kept
LENGTHS = {"r_G9fOCBpes.fr-orig.vtt": (16, 22, 2)}
DEFAULT_LENGTH = (20, 36, 6)
BUFFER = 5.0
MAX_DRAWS = 2000

TIMING_RE = re.compile(r"^(\S+)\s+-->\s+(\S+)")
BRACKET_RE = re.compile(r"\[[^\]]*\]")


def talk_key(source):
    """Same talk -> same key (final__X.fr.srt and autogenere__X...srt)."""
    for prefix in ("autogenere__", "final__"):
        if source.startswith(prefix):
            base = source[len(prefix):]
            for suf in (".fr-orig.srt", ".fr.srt", ".srt"):
                if base.endswith(suf):
                    return "bdx:" + base[: -len(suf)]
    return source


def load_srt_words(path):
    with open(path, encoding="utf-8-sig") as fh:
        text = fh.read().replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    # a cue = number line + timing line + body up to the next number+timing pair
    # (these SRT files put empty lines INSIDE cues, so blank-line splitting fails)
    heads = [k for k in range(len(lines) - 1)
             if lines[k].strip().isdigit() and TIMING_RE.match(lines[k + 1].strip())]
    words = []
    for n_h, k in enumerate(heads):
        stop = heads[n_h + 1] if n_h + 1 < len(heads) else len(lines)
        m = TIMING_RE.match(lines[k + 1].strip())
        start = ex.parse_ts(m.group(1).replace(",", "."))
        end = ex.parse_ts(m.group(2).replace(",", "."))
        if end - start <= 0.020:
            continue
        body = [l for l in lines[k + 2:stop] if l.strip()]
        if not body:
            continue
        toks = BRACKET_RE.sub(" ", body[-1]).split()
        n = len(toks)
        for k, w in enumerate(toks):
            words.append((round(start + k * (end - start) / n, 3), w))
    return words


_CACHE = {}


def load_words(source, corpus=DEFAULT_CORPUS):
    if source.endswith(".vtt"):
        return ex.load_words(source, corpus)
    key = (source, corpus)
    if key not in _CACHE:
        _CACHE[key] = load_srt_words(os.path.join(corpus, "french", "bdxio", source))
    return _CACHE[key]


def extract(source, start, end, corpus=DEFAULT_CORPUS):
    return [w for t, w in load_words(source, corpus) if start <= t < end]


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


def _try(rng, words, times, idxs, excluded, chosen, source, corpus):
    lmin, lmax, d = LENGTHS.get(source, DEFAULT_LENGTH)
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


def select_windows(source, n, seed, others, corpus=DEFAULT_CORPUS):
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
            got = _try(rng, words, times, idxs, excluded, chosen, source, corpus)
            if got:
                break
        if got:
            chosen.append(got)
        else:
            missing += 1
    allidx = list(range(len(words)))
    for _ in range(missing):
        for _ in range(MAX_DRAWS):
            got = _try(rng, words, times, allidx, excluded, chosen, source, corpus)
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
