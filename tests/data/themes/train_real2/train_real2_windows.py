"""Training windows of real speech for the theme model (session 9): every stretch of the
corpus captions that no coded window of ``tests/data/themes/`` covers, cut into
consecutive windows of 20-36 words, each ending at the longest pause near its target
length. Windows stay clear of every other set's windows and at least 5 s away from the
windows of the never-read test set ``realtest3``. Standard library only; re-running it
gives the same windows.

    python3 train_real2_windows.py            # prints the number of windows per source
    python3 train_real2_windows.py --dump F   # also writes id, source, start, end, words
"""

import argparse
import collections
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "realtest3"))
import realtest3_windows as r3  # noqa: E402  (word loading shared with the test set)

SOURCES = (
    "JiL-IEDFd6Y.fr-orig.vtt",
    "q3KU2-L0cv4.fr-orig.vtt",
    "WyTQlf2rijs.fr-orig.vtt",
    "autogenere__De_pionnieres_a_oubliees_l_histoire_des_femmes_-_Charline_Laporte_Manon_Valdonio.fr-orig.srt",
    "autogenere__Pourquoi_vous_n_attirerez_et_ne_retiendrez_pas_les_femmes_dans_vos_equipes_tech.fr-orig.srt",
    "autogenere__Gestion_de_la_dette_d_architecture_-_Cyril_Beslay.fr-orig.srt",
    "autogenere__contributer-open-source.srt",
)
TEST_SET = "realtest3"
BUFFER = 5.0
SEED = 909


def excluded_spans():
    """(talk, start, end) spans no training word may fall in: every coded window, widened
    by ``BUFFER`` seconds for the test set's."""
    spans = collections.defaultdict(list)
    for name, source, start, end in r3.other_windows(exclude_dir="/nonexistent"):
        pad = BUFFER if name.startswith(TEST_SET) else 0.0
        spans[r3.talk_key(source)].append((start - pad, end + pad))
    return spans


def windows(corpus=r3.DEFAULT_CORPUS):
    """[(source, start, end, words)] in source and time order."""
    rng = random.Random(SEED)
    spans = excluded_spans()
    out = []
    for source in SOURCES:
        words = r3.load_words(source, corpus)
        banned = spans[r3.talk_key(source)]
        free = [not any(a <= t < b for a, b in banned) for t, _ in words]
        i = 0
        while i < len(words):
            if not free[i]:
                i += 1
                continue
            j = i
            while j < len(words) and free[j]:
                j += 1
            run = list(range(i, j))  # a stretch of free words
            k = 0
            while len(run) - k >= 15:
                target = rng.randint(20, 36)
                if len(run) - k <= target + 6:
                    end = len(run) - 1
                else:
                    candidates = range(k + target - 7, k + target + 6)
                    end = max(candidates, key=lambda e: (
                        words[run[e + 1]][0] - words[run[e]][0], -e))
                first, last = run[k], run[end]
                start = (words[first - 1][0] + words[first][0]) / 2 if first else 0.0
                stop = ((words[last][0] + words[last + 1][0]) / 2 if last + 1 < len(words)
                        else words[last][0] + 1.0)
                chosen = [w for t, w in words[first:last + 1]]
                if (words[first - 1][0] if first else -1) < words[first][0] and (
                        last + 1 >= len(words) or words[last][0] < words[last + 1][0]):
                    out.append((source, round(start, 3), round(stop, 3), chosen))
                k = end + 1
            i = j
    return out


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--dump")
    args = parser.parse_args()
    found = windows()
    print(collections.Counter(s for s, *_ in found))
    print(len(found), "windows")
    if args.dump:
        with open(args.dump, "w", encoding="utf-8") as handle:
            for n, (source, start, end, words) in enumerate(found, 1):
                handle.write(f"tr2{n:04d}\t{source}\t{start}\t{end}\t{' '.join(words)}\n")


if __name__ == "__main__":
    main()
