"""The one word counter: every ``n_words`` column of coopanalysis comes from here.

A word is a run of letters or digits, joined by internal apostrophes or hyphens
("l'avenir", "c'est", "vice-présidente", "3,5" is two), so that counts agree
between turns, speaker statistics and the corpus manifest. Bracketed sound tags
of captions ("[Musique]", "[Applaudissements]") are not speech and are not
counted. See ``docs/transcripts.md``.
"""

from __future__ import annotations

import re

_WORD_RE = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")
_SOUND_TAG_RE = re.compile(r"\[[^\]]*\]")


def words(text: object) -> list[str]:
    """The words of ``text`` in order ([] for NA or a non-string)."""
    if not isinstance(text, str):
        return []
    return _WORD_RE.findall(_SOUND_TAG_RE.sub(" ", text))


def count_words(text: object) -> int:
    """Number of words in ``text`` (0 for NA): ``"L'avenir, c'est demain ! [Rires]"`` → 3."""
    return len(words(text))
