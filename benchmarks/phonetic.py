"""Measure two ways of telling caption mishearings from real word substitutions.

Positives: substitutions between the human-corrected SRT (``final__*.srt``) and the YouTube
auto-captions (``autogenere__*.srt``) of the same BDX I/O talks, found by aligning the two
folded word sequences (``difflib``); "content" keeps pairs where a side holds a word of 4+
letters that is not a function word. Negatives: ``NEGATIVES``, hand-written French pairs of
a different meaning (antonyms, negating prefixes, unrelated words of a talk).

Approaches: (a) ``coopanalysis.text.phonetic`` keys + Indel similarity; (b) espeak-ng IPA
through ``phonemizer`` (optional: skipped when absent) + the same similarity. For each:
ROC AUC, best threshold and its accuracy, and speed (pairs per second).

``python benchmarks/phonetic.py``
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Sequence
from difflib import SequenceMatcher
from pathlib import Path

from rapidfuzz.distance import Indel

from coopanalysis.text.lexicon import FUNCTION_WORDS
from coopanalysis.text.normalize import match_tokens
from coopanalysis.text.phonetic import SOUNDS_ALIKE, phonetic_key, sounds_alike

DATA = Path(__file__).resolve().parents[1] / "tests" / "data" / "factcheck"
MAX_WORDS = 3

#: Different meaning, whatever the sound: what a careless quote could swap in.
NEGATIVES: tuple[tuple[str, str], ...] = (
    ("augmenter", "réduire"), ("augmenter", "baisser"), ("hausse", "baisse"),
    ("augmentation", "diminution"), ("développeurs", "managers"), ("possible", "impossible"),
    ("public", "privé"), ("plus", "moins"), ("toujours", "jamais"), ("souvent", "rarement"),
    ("tous", "aucun"), ("beaucoup", "peu"), ("majorité", "minorité"), ("facile", "difficile"),
    ("simple", "complexe"), ("rapide", "lent"), ("volontaire", "involontaire"),
    ("bénéfique", "néfaste"), ("interne", "externe"), ("internes", "externes"),
    ("européen", "mondial"), ("nouveau", "ancien"), ("nouvelles", "anciennes"),
    ("créer", "supprimer"), ("ajouter", "retirer"), ("accélérer", "ralentir"),
    ("commencer", "terminer"), ("ouvrir", "fermer"), ("accepter", "refuser"),
    ("gagner", "perdre"), ("acheter", "vendre"), ("monter", "descendre"),
    ("entrer", "sortir"), ("aimer", "détester"), ("réussir", "échouer"),
    ("succès", "échec"), ("avantage", "inconvénient"), ("bon", "mauvais"),
    ("meilleure", "pire"), ("grand", "petit"), ("grosse", "petite"), ("fort", "faible"),
    ("riche", "pauvre"), ("cher", "gratuit"), ("payant", "gratuit"), ("légal", "illégal"),
    ("stable", "instable"), ("responsable", "irresponsable"), ("utile", "inutile"),
    ("connu", "inconnu"), ("actif", "inactif"), ("visible", "invisible"),
    ("contrôlables", "incontrôlables"), ("maîtriser", "ignorer"), ("comprendre", "ignorer"),
    ("architecte", "comptable"), ("architecture", "comptabilité"), ("dette", "crédit"),
    ("dette", "épargne"), ("business", "technique"), ("équipe", "direction"),
    ("production", "test"), ("bugs", "fonctionnalités"), ("coûts", "revenus"),
    ("risques", "opportunités"), ("incidents", "succès"), ("serveur", "client"),
    ("bricolage", "cuisine"), ("jardinage", "sport"), ("marketplace", "boutique"),
    ("leader", "outsider"), ("décision", "hésitation"), ("standards", "exceptions"),
    ("contribuer", "critiquer"), ("open source", "propriétaire"), ("libre", "propriétaire"),
    ("communauté", "entreprise"), ("bénévole", "salarié"), ("gratuitement", "contre paiement"),
    ("timide", "bavard"), ("heureux", "malheureux"), ("content", "mécontent"),
    ("satisfait", "insatisfait"), ("d'accord", "en désaccord"), ("vrai", "faux"),
    ("certain", "incertain"), ("sûr", "douteux"), ("toujours", "parfois"),
    ("énormément", "légèrement"), ("nettement", "à peine"), ("élevé", "faible"),
    ("hier", "demain"), ("avant", "après"), ("début", "fin"), ("premier", "dernier"),
    ("homme", "femme"), ("Bordeaux", "Paris"), ("France", "Allemagne"),
    ("nucléaire", "éolien"), ("charbon", "solaire"), ("électricité", "pétrole"),
    ("consommation", "production"), ("importer", "exporter"), ("import", "export"),
    ("maintenir", "abandonner"), ("redémarrer", "arrêter"), ("migrer", "rester"),
    ("monolithe", "microservices"), ("synchrone", "asynchrone"), ("local", "distant"),
)


def srt_words(path: Path) -> list[str]:
    """Folded words of an SRT file (index and timing lines and [Musique] dropped)."""
    lines = [line for line in path.read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.strip().isdigit() and "-->" not in line]
    return match_tokens(re.sub(r"\[[^\]]*\]", " ", " ".join(lines)))


def is_content(words: Sequence[str]) -> bool:
    return any(len(w) >= 4 and w not in FUNCTION_WORDS for w in words)


def substitution_pairs() -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(all, content) substitution pairs corrected → auto of every talk."""
    pairs: list[tuple[str, str]] = []
    for final in sorted(DATA.glob("final__*.srt")):
        stem = final.name.removeprefix("final__").removesuffix(".srt")
        auto = next(DATA.glob(f"autogenere__{stem.removesuffix('.fr')}*.srt"))
        a, b = srt_words(final), srt_words(auto)
        for op, a0, a1, b0, b1 in SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
            if op == "replace" and a1 - a0 <= MAX_WORDS and b1 - b0 <= MAX_WORDS:
                left, right = " ".join(a[a0:a1]), " ".join(b[b0:b1])
                if left.replace(" ", "") != right.replace(" ", ""):
                    pairs.append((left, right))
    content = [p for p in pairs if is_content(p[0].split()) or is_content(p[1].split())]
    return pairs, content


def roc_auc(positives: Sequence[float], negatives: Sequence[float]) -> float:
    wins = sum((p > n) + 0.5 * (p == n) for p in positives for n in negatives)
    return wins / (len(positives) * len(negatives))


def best_threshold(positives: Sequence[float], negatives: Sequence[float]) -> tuple[float, float]:
    """Threshold (score >= t means mishearing) with the best balanced accuracy."""
    best = (0.0, 0.0)
    for t in sorted(set(positives) | set(negatives)):
        tpr = sum(p >= t for p in positives) / len(positives)
        tnr = sum(n < t for n in negatives) / len(negatives)
        best = max(best, ((tpr + tnr) / 2, t))
    return best[1], best[0]


def balanced_accuracy(positives: Sequence[float], negatives: Sequence[float], t: float) -> float:
    tpr = sum(p >= t for p in positives) / len(positives)
    return (tpr + sum(n < t for n in negatives) / len(negatives)) / 2


def espeak_scorer() -> tuple[Callable[[str, str], float], Callable[[list[str]], list[str]]] | None:
    try:
        from phonemizer.backend import EspeakBackend
    except ImportError:
        return None
    backend = EspeakBackend("fr-fr", language_switch="remove-flags")

    def ipa(texts: list[str]) -> list[str]:
        return [s.replace(" ", "") for s in backend.phonemize(texts, strip=True)]

    def score(a: str, b: str) -> float:
        left, right = ipa([a, b])
        return float(Indel.normalized_similarity(left, right))

    return score, ipa


def report(name: str, score: Callable[[str, str], float], positives: list[tuple[str, str]],
           negatives: Sequence[tuple[str, str]], *, fixed: float | None = None) -> None:
    phonetic_key.cache_clear()  # speed without the cache's help
    start = time.perf_counter()
    pos = [score(a, b) for a, b in positives]
    neg = [score(a, b) for a, b in negatives]
    speed = (len(pos) + len(neg)) / (time.perf_counter() - start)
    threshold, accuracy = best_threshold(pos, neg)
    line = (f"{name:<32} AUC {roc_auc(pos, neg):.3f}  best t={threshold:.2f} "
            f"bal.acc {accuracy:.3f}  {speed:,.0f} pairs/s")
    if fixed is not None:
        line += f"  at t={fixed}: {balanced_accuracy(pos, neg, fixed):.3f}"
    print(line)


def main() -> None:
    every, content = substitution_pairs()
    negatives = list(NEGATIVES)
    print(f"positives: {len(every)} substitutions, {len(content)} with a content word; "
          f"negatives: {len(negatives)}")
    print("examples:", content[:12])
    espeak = espeak_scorer()
    for label, positives in (("all", every), ("content", content)):
        report(f"key ({label})", sounds_alike, positives, negatives, fixed=SOUNDS_ALIKE)
        missed = [p for p in positives if sounds_alike(*p) < SOUNDS_ALIKE]
        print(f"  key misses {len(missed)}/{len(positives)}, e.g. {missed[:6]}")
        if espeak is not None:
            report(f"espeak-ng per pair ({label})", espeak[0], positives, negatives)
    fooled = [n for n in negatives if sounds_alike(*n) >= SOUNDS_ALIKE]
    print(f"negatives the key calls alike ({len(fooled)}): {fooled}")
    if espeak is not None:
        texts = [t for pair in content + negatives for t in pair]
        start = time.perf_counter()
        ipas = espeak[1](texts)
        batch = len(texts) / 2 / (time.perf_counter() - start)
        pairs = zip(ipas[::2], ipas[1::2], strict=True)
        scores = [Indel.normalized_similarity(x, y) for x, y in pairs]
        print(f"espeak-ng batched: {batch:,.0f} pairs/s (same scores: "
              f"{len(scores)} pairs)")
    else:
        print("espeak-ng: phonemizer not installed, skipped")


if __name__ == "__main__":
    main()
