"""French text normalisation, in one place.

Three levels, each built on the previous one:

- ``normalize_text``: what a reader stores — Unicode NFC, typographic apostrophes
  and spaces unified, control characters removed, whitespace collapsed. Nothing
  of meaning is lost; accents and case are kept.
- ``fold``: what comparisons use — ``normalize_text``, then lower case and
  accents removed (ASR and article writers disagree on both).
- ``match_tokens``: the words the aligner compares — folded, punctuation dropped,
  elisions split (``l'avenir`` → ``l``, ``avenir``), digits spelled out in French
  (``10`` → ``dix``) since captions write numbers in words.

``FILLERS`` lists the hesitation words that captions keep and articles drop.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from coopanalysis.text.lexicon import FILLERS

# Characters that mean an apostrophe in real French text (typographic, prime, backtick…).
_APOSTROPHES = "\u2019\u2018\u02bc\u2032\u00b4`\u02b9"
# Spaces that word processors and subtitle tools insert (no-break, thin, narrow no-break…).
_SPACES = "\u00a0\u2007\u202f\u2009\u200a\u2002\u2003\u2004\u2005\u2006\u2008\u205f\u3000"
# Zero-width and direction marks carry no text (WebVTT &lrm; / &rlm; decode to them);
# nor does the soft hyphen, a hyphenation hint web pages put inside words ("con\u00adfiance").
_INVISIBLE = "\u200b\u200c\u200d\u200e\u200f\u2060\ufeff\u00ad"
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2212"

_REPLACEMENTS: dict[str, str] = {
    **{c: "'" for c in _APOSTROPHES}, **{c: " " for c in _SPACES},
    **{c: "" for c in _INVISIBLE}, **{c: "-" for c in _DASHES}, "\u2026": "...",
}
# A regex substitution is several times faster than str.translate with a dict
# on long texts where these characters are rare (readers call this on megabytes).
_SPECIAL_RE = re.compile("[" + re.escape("".join(_REPLACEMENTS)) + "]")
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_WHITESPACE_RE = re.compile(r"\s+")

_TOKEN_RE = re.compile(r"[^\W_]+(?:-[^\W_]+)*", re.UNICODE)
#: A number in digits; groups of three after a space are thousands ("3 000", "1 600" with a
#: no-break or narrow no-break space, which ``fold`` makes a space): one number.
_NUMBER_RE = re.compile(r"(?<![\d,.])\d{1,3}(?: \d{3})+(?![\d])(?:[.,]\d+)?|\d+(?:[.,]\d+)?")


def normalize_text(text: str) -> str:
    """Unicode NFC, unified apostrophes/spaces/dashes, controls removed, whitespace collapsed."""
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
        text = _SPECIAL_RE.sub(lambda match: _REPLACEMENTS[match.group(0)], text)
    text = _CONTROL_RE.sub("", text)
    return _WHITESPACE_RE.sub(" ", text).strip()


def fold(text: str) -> str:
    """Lower case without accents, for comparisons: ``"Écouter, ça"`` → ``"ecouter, ca"``."""
    decomposed = unicodedata.normalize("NFD", normalize_text(text).casefold())
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    # Ligatures are not decomposed by NFD.
    return stripped.replace("œ", "oe").replace("æ", "ae")


def match_tokens(text: str, *, drop_fillers: bool = True) -> list[str]:
    """The words of ``text`` as the aligner compares them.

    Folded, punctuation removed, elisions split on the apostrophe, hyphenated
    words split, numbers spelled out in French words, fillers dropped.

    >>> match_tokens("En un an, nous avons collecté plus de 10 tonnes… euh")
    ['en', 'un', 'an', 'nous', 'avons', 'collecte', 'plus', 'de', 'dix', 'tonnes']
    """
    folded = fold(text)
    # Spelled numbers carry accents ("zéro", "deux cent trente-et-un"): fold them too.
    folded = _NUMBER_RE.sub(lambda m: " " + fold(number_to_words(m.group(0))) + " ", folded)
    tokens: list[str] = []
    for match in _TOKEN_RE.finditer(folded.replace("'", " ")):
        for part in match.group(0).split("-"):
            if part and not (drop_fillers and part in FILLERS):
                tokens.append(part)
    return tokens


def token_spans(text: str) -> list[tuple[str, int, int]]:
    """Words of ``text`` with their character spans in ``text`` (no folding of the spans).

    Returns ``(token, char_start, char_end)`` where ``token`` is folded like
    ``match_tokens`` does (numbers are kept as digits here, fillers kept), so
    that a match on tokens can be mapped back to the original characters.
    """
    return [(_fold_word(match.group(0)), match.start(), match.end())
            for match in _TOKEN_RE.finditer(text.replace("'", " ").replace("\u2019", " "))]


@lru_cache(maxsize=65536)
def _fold_word(word: str) -> str:
    """``fold`` of one word, remembered: a transcript says the same words again and again."""
    return fold(word)


@lru_cache(maxsize=4096)
def number_to_words(number: str, lang: str = "fr") -> str:
    """Spell a number written in digits: ``"10"`` → ``"dix"``, ``"2,5"`` → ``"deux virgule cinq"``.

    Years and large numbers are spelled too (``"2019"`` → ``"deux mille dix-neuf"``),
    since ASR captions spell what is said.
    """
    from num2words import num2words  # small, pure Python; imported on first number

    number = number.replace(" ", "").replace(",", ".")
    try:
        if "." in number:
            whole, frac = number.split(".", 1)
            return f"{num2words(int(whole), lang=lang)} virgule {num2words(int(frac), lang=lang)}"
        return str(num2words(int(number), lang=lang))
    except (ValueError, OverflowError, NotImplementedError):
        return number
