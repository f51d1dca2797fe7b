"""How alike two French words or phrases sound, to tell mishearings from substitutions.

``phonetic_key`` rewrites French spelling into a rough sound code (``REWRITES``, rules
as data, in the spirit of Phonex/French Soundex); ``sounds_alike`` compares the keys of
two phrases (spaces ignored, since captions cut words anywhere: "mergerequest" heard as
"marge de quest"). ``SOUNDS_ALIKE`` is the threshold chosen on the BDX I/O captions by
``benchmarks/phonetic.py`` (the measurement and the comparison with espeak-ng are there).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from rapidfuzz.distance import Indel

from coopanalysis.text.normalize import normalize_text

#: Accented letters whose sound folding would lose ("allé" is not "alle").
PRE_FOLD: dict[str, str] = {"é": "E", "è": "E", "ê": "E", "ë": "E", "ç": "s", "œ": "E", "æ": "E"}
#: Ordered spelling → sound rewrites on folded words (after ``PRE_FOLD``).
#: Capital letters are sound codes that later rules leave alone: A an/en, I in/ain/un,
#: O on, U ou, S ch, J g soft, N gn, E è/ai, W oi, Y eu.
REWRITES: tuple[tuple[str, str], ...] = (
    (r"[^a-zE]", ""),
    (r"ph", "f"), (r"th", "t"), (r"sch|sh|ch", "S"), (r"ck|qu?|k", "k"),
    (r"gu(?=[eiy])", "g"), (r"g(?=[eiy])|ge(?=[aou])|j", "J"), (r"gn", "N"),
    (r"c(?=[eiy])|sc(?=[eiy])", "s"), (r"c", "k"), (r"x", "ks"), (r"w", "v"),
    (r"(?<=[aeiouy])s(?=[aeiouy])", "z"), (r"ss", "s"),
    (r"h", ""),
    (r"eau|au|o(?=[^mn]|$)", "o"), (r"oi|oy", "W"), (r"ou", "U"),
    # "eu"/"œu" is one vowel ("creuser", "cœur"), not "e" + "u".
    (r"Eu|eu", "Y"),
    # Nasals: a vowel + n/m not followed by a vowel or another n/m.
    (r"(?:ai|ei|i|y|u)[nm](?![aeiouynm])", "I"), (r"[ae][nm](?![aeiouynm])", "A"),
    (r"o[nm](?![aeiouynm])", "O"),
    (r"ai|ei|ay|ey", "E"), (r"e(?=[^aeiouy]{2})", "E"),
    (r"y", "i"),
)
#: Letters not heard at the end of a French word ("dette"/"det", "gros"/"gro", "aller"/"allé").
#: Consonants go first: in "dette" the e muet makes the t heard, in "petit" it is silent.
SILENT_ENDINGS: tuple[tuple[str, str], ...] = (
    (r"(?:er|ez|et)$", "E"), (r"(?<=.)[stdxzp]+$", ""), (r"(?<=.)e$", ""),
)
_PRE_FOLD = PRE_FOLD
_COMPILED = tuple((re.compile(p), r) for p, r in REWRITES)
_ENDINGS = tuple((re.compile(p), r) for p, r in SILENT_ENDINGS)
_DOUBLE = re.compile(r"(.)\1+")

#: Keys at least this alike are taken as the same sounds (see ``sounds_alike``).
#: Measured by ``benchmarks/phonetic.py`` on the 2 BDX I/O talks (corrected vs YouTube
#: auto-captions): 105 content-word substitutions (mishearings) against 110 hand-written
#: antonym/unrelated pairs. Key: ROC AUC 0.81, best balanced accuracy 0.79 at 0.5;
#: espeak-ng IPA (phonemizer): AUC 0.81, best 0.76; 5-9k pairs/s (7-17k batched) against
#: 22-42k uncached for the key, and a system dependency, so the key won. 20 of the 27
#: negatives scored alike are negating prefixes ("possible"/"impossible"), which
#: ``text.meaning.negating_prefix`` catches.
SOUNDS_ALIKE = 0.5


@lru_cache(maxsize=65536)
def phonetic_key(word: str) -> str:
    """A rough French sound code (capitals are sounds, see ``REWRITES``).

    >>> phonetic_key("dette"), phonetic_key("Kubernetes"), phonetic_key("allé")
    ('dEt', 'kybErnet', 'alE')
    """
    # fold() would lower the sound codes of PRE_FOLD back: fold first, then mark them.
    key = "".join(_PRE_FOLD.get(c, c) for c in normalize_text(word).casefold())
    key = "".join(c for c in unicodedata.normalize("NFD", key) if not unicodedata.combining(c))
    for pattern, replacement in _COMPILED:
        key = pattern.sub(replacement, key)
    for pattern, replacement in _ENDINGS:
        key = pattern.sub(replacement, key)
    return _DOUBLE.sub(r"\1", key.replace("u", "y"))


def phrase_key(text: str) -> str:
    """The keys of the words of ``text``, joined without spaces."""
    return "".join(phonetic_key(word) for word in re.split(r"[\s'’-]+", text) if word)


def sounds_alike(a: str, b: str) -> float:
    """How alike ``a`` and ``b`` sound, from 0 (nothing shared) to 1 (same key).

    Compare the result with ``SOUNDS_ALIKE``.

    >>> sounds_alike("mergerequest", "marge de quest") >= SOUNDS_ALIKE
    True
    >>> sounds_alike("augmenter", "réduire") >= SOUNDS_ALIKE
    False
    """
    left, right = phrase_key(a), phrase_key(b)
    if not left or not right:
        return float(left == right)
    return float(Indel.normalized_similarity(left, right))
