"""The numeric values a French text commits to, so printed and spoken numbers compare.

``numbers_in`` finds digits (``45``, ``3 000`` with any no-break space, ``3.000``,
``1,5``), numbers in words (``quarante-cinq``, ``deux mille seize``, ``un virgule
cinq``), percentages (``20 %``, ``vingt pour cent``), years, ordinals (``3e``,
``troisième``, ``XXIe``), multipliers (``5 millions``) and adjacent units (``MWh``,
``euros``). ``compare_numbers`` lists the values a quote changed.

``un``/``une`` are articles far more often than numbers: they count as 1 only before a
multiplier, a unit, ``virgule``, ``pour cent``, or in ``un sur deux`` / ``un ou deux``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from coopanalysis.text.normalize import fold

CARDINALS: dict[str, int] = {
    "zero": 0, "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6,
    "sept": 7, "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13,
    "quatorze": 14, "quinze": 15, "seize": 16, "vingt": 20, "vingts": 20, "trente": 30,
    "quarante": 40, "cinquante": 50, "soixante": 60,
    # Belgian and Swiss speakers.
    "septante": 70, "huitante": 80, "octante": 80, "nonante": 90,
}
#: Approximate quantities ("une quarantaine de réacteurs", "des centaines d'emplois"): a
#: value a quote can change like any number ("une soixantaine" printed "une quarantaine").
APPROXIMATE: dict[str, int] = {
    "huitaine": 8, "dizaine": 10, "dizaines": 10, "douzaine": 12, "douzaines": 12,
    "quinzaine": 15, "vingtaine": 20, "trentaine": 30, "quarantaine": 40,
    "cinquantaine": 50, "soixantaine": 60, "centaine": 100, "centaines": 100,
    "millier": 1000, "milliers": 1000,
}
#: Fractions said as nouns ("la moitié du nickel mondial", "un tiers", "un quart").
FRACTIONS: dict[str, float] = {"moitie": 0.5, "tiers": 1 / 3, "quart": 0.25}
#: Words that scale what precedes them ("trois cents", "deux mille", "5 millions").
MULTIPLIERS: dict[str, int] = {
    "cent": 100, "cents": 100, "mille": 1000, "mil": 1000,
    "million": 10**6, "millions": 10**6, "milliard": 10**9, "milliards": 10**9,
}
#: Ordinal words that are not "<cardinal>ième". "second(e)" is left out: "une seconde"
#: is a unit of time far more often than an ordinal in speech.
ORDINAL_WORDS: dict[str, int] = {"premier": 1, "premiere": 1, "premiers": 1, "premieres": 1}
#: "-ième" stems whose cardinal is not the stem or the stem plus "e".
_ORDINAL_STEMS: dict[str, str] = {"cinqu": "cinq", "neuv": "neuf"}
#: Units written after a number, folded → canonical (spoken and printed forms).
UNITS: dict[str, str] = {
    "%": "%", "pourcent": "%", "pourcents": "%",
    "€": "EUR", "eur": "EUR", "euro": "EUR", "euros": "EUR", "$": "USD", "dollar": "USD",
    "dollars": "USD", "wh": "Wh", "kwh": "kWh", "mwh": "MWh", "gwh": "GWh", "twh": "TWh",
    "kilowattheure": "kWh", "kilowattheures": "kWh", "megawattheure": "MWh",
    "megawattheures": "MWh", "gigawattheure": "GWh", "gigawattheures": "GWh",
    "terawattheure": "TWh", "terawattheures": "TWh", "kw": "kW", "mw": "MW", "gw": "GW",
    "megawatt": "MW", "megawatts": "MW", "kilowatt": "kW", "kilowatts": "kW",
    "gigawatt": "GW", "gigawatts": "GW", "km": "km", "kilometres": "km", "kg": "kg",
    "kilos": "kg", "tonne": "t", "tonnes": "t",
}
#: Words after "un"/"une" that make it the number 1 (before them it is no article).
ONE_BEFORE: frozenset[str] = frozenset({"virgule", "million", "millions", "milliard", "milliards"})
#: "un sur deux", "un ou deux", "une à trois": "un" is 1 when a number follows these.
ONE_BETWEEN: frozenset[str] = frozenset({"sur", "ou", "a"})
#: A number word preceded by one of these is an adjective ("quoi de neuf", "tout neuf").
NOT_A_NUMBER_AFTER: dict[str, frozenset[str]] = {
    "neuf": frozenset({"de", "tout", "flambant", "a"}),
}
YEARS = range(1000, 2101)

_DIGITS = (
    # 3 000, 3 000,5; not "100 100", a number said twice (the same group repeated)
    r"(?!(?P<rep>\d{3})[ \u00a0\u202f](?P=rep)(?!\d))"
    r"\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:,\d+)?(?!\d)"
    r"|\d{1,3}(?:\.\d{3})+(?![\d,])"  # 3.000 (a dot before three digits groups thousands)
    r"|\d+(?:[.,]\d+)?"
)
_ORDINAL_SUFFIX = r"(?:er|re|ère|ere|e|ème|eme|è|nd|nde)s?"
_TOKEN_RE = re.compile(
    rf"(?P<ord>\d+{_ORDINAL_SUFFIX})(?![^\W\d_])"
    rf"|(?P<roman>\b[IVX]+{_ORDINAL_SUFFIX})(?![^\W\d_])"
    rf"|(?P<num>{_DIGITS})"
    r"|(?P<word>[^\W\d_]+)"
    r"|(?P<sym>[%€$])"
)
_ROMAN = {"I": 1, "V": 5, "X": 10}


@dataclass(frozen=True, slots=True)
class NumberMention:
    """A value stated in a text.

    Attributes:
        value: the number (``5 millions`` → ``5_000_000.0``; ``20 %`` → ``20.0``).
        kind: ``cardinal``, ``percent``, ``ordinal`` or ``year``.
        start, end: character offsets of ``text`` in the input.
        text: the mention as printed (``"3 000 MWh"``, ``"vingt pour cent"``).
        unit: canonical unit (``"MWh"``, ``"EUR"``, ``"%"``) or ``None``.
    """

    value: float
    kind: str
    start: int
    end: int
    text: str
    unit: str | None = None


@dataclass(frozen=True, slots=True)
class _Token:
    kind: str  # ord, roman, num, word, sym
    text: str
    folded: str
    start: int
    end: int


def _tokens(text: str) -> list[_Token]:
    return [_Token(m.lastgroup or "", m.group(0), fold(m.group(0)), m.start(), m.end())
            for m in _TOKEN_RE.finditer(text)]


def _joined(text: str, left: _Token, right: _Token) -> bool:
    """Two tokens belong to one expression when only spaces or hyphens separate them."""
    return not text[left.end:right.start].strip(" -\u00a0\u202f\t")


def _digits_value(raw: str) -> float:
    raw = re.sub(r"[ \u00a0\u202f]", "", raw)
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", raw):
        raw = raw.replace(".", "")
    return float(raw.replace(",", "."))


def _roman_value(raw: str) -> int | None:
    letters = re.match(r"[IVX]+", raw)
    if not letters:
        return None
    total, previous = 0, 0
    for char in reversed(letters.group(0)):
        value = _ROMAN[char]
        total += -value if value < previous else value
        previous = max(previous, value)
    return total or None


def _ordinal_cardinal(word: str) -> int | None:
    if word in ORDINAL_WORDS:
        return ORDINAL_WORDS[word]
    stem = word.removesuffix("s").removesuffix("ieme") if "ieme" in word else None
    if not stem:
        return None
    for candidate in (_ORDINAL_STEMS.get(stem, stem), stem + "e"):
        if candidate in CARDINALS:
            return CARDINALS[candidate]
        if candidate in MULTIPLIERS:
            return MULTIPLIERS[candidate]
    return None


def _can_add(small: int, value: int) -> bool:
    """French additive order: ``vingt-deux``, ``soixante-dix``, never ``deux trois``."""
    if small == 0:
        return True
    if value < 10:
        return small % 10 == 0
    if value < 20:
        return small % 100 in (0, 60, 80)
    return small % 100 == 0


def _word_run(tokens: list[_Token], i: int, text: str) -> tuple[int, int, bool] | None:
    """Parse number words from ``tokens[i]``: (value, index after the run, is ordinal)."""
    total = small = 0
    j, used, ordinal = i, False, False
    while j < len(tokens) and tokens[j].kind == "word" and (
            j == i or _joined(text, tokens[j - 1], tokens[j])):
        word = tokens[j].folded
        prev = tokens[j - 1].folded if j > i else ""
        if word == "et" and prev in CARDINALS and j + 1 < len(tokens) and \
                tokens[j + 1].folded in {"un", "une", "onze", "unieme"}:
            j += 1
            continue
        ordinal_value = _ordinal_cardinal(word)
        value = CARDINALS.get(word, ordinal_value)
        if word in ("vingt", "vingts") and prev == "quatre" and small % 100 == 4:
            small += 76  # quatre-vingt(s) = 80
        elif value is not None and value < 100 and _can_add(small, value):
            small += value
        elif word in MULTIPLIERS or (ordinal_value is not None and ordinal_value >= 100):
            scale = MULTIPLIERS.get(word, ordinal_value or 1)
            if scale == 100:
                if small >= 100:
                    break
                small = max(small, 1) * 100
            else:
                total += max(small, 1 if total == 0 else small) * scale
                small = 0
        else:
            break
        used, j = True, j + 1
        if ordinal_value is not None and word not in CARDINALS:
            ordinal = True
            break
    return (total + small, j, ordinal) if used else None


def _is_article(tokens: list[_Token], i: int, text: str) -> bool:
    """``un``/``une`` is an article unless a multiplier, unit or ``sur deux`` follows."""
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    if nxt is None or not _joined(text, tokens[i], nxt):
        return True
    if nxt.folded in ONE_BEFORE or nxt.folded in UNITS or _percent_words(tokens, i + 1):
        return False
    after = tokens[i + 2] if i + 2 < len(tokens) else None
    return not (nxt.folded in ONE_BETWEEN and after is not None
                and (after.kind == "num" or after.folded in CARDINALS))


def _percent_words(tokens: list[_Token], i: int) -> bool:
    return (i + 1 < len(tokens) and tokens[i].folded == "pour"
            and tokens[i + 1].folded in ("cent", "cents"))


def _suffix(tokens: list[_Token], j: int, text: str, value: float) -> tuple[float, str | None, int]:
    """Multiplier and unit right after a number: (value, unit, index after them)."""
    unit = None
    if j < len(tokens) and tokens[j].folded in MULTIPLIERS and tokens[j].kind == "word" \
            and _joined(text, tokens[j - 1], tokens[j]):
        value *= MULTIPLIERS[tokens[j].folded]
        j += 1
        if j < len(tokens) and tokens[j].folded in ("de", "d"):  # "5 millions d'euros"
            j += 1 if j + 1 < len(tokens) and tokens[j + 1].folded in UNITS else 0
    if j < len(tokens) and _percent_words(tokens, j):
        return value, "%", j + 2
    if j < len(tokens) and tokens[j].folded in UNITS:
        unit, j = UNITS[tokens[j].folded], j + 1
    return value, unit, j


def _kind(value: float, unit: str | None, ordinal: bool, yearlike: bool) -> str:
    if ordinal:
        return "ordinal"
    if unit == "%":
        return "percent"
    if yearlike and unit is None and value == int(value) and int(value) in YEARS:
        return "year"
    return "cardinal"


def _fraction(tokens: list[_Token], j: int, text: str) -> tuple[float, int]:
    """Digits spoken after ``virgule``: ``deux virgule zéro cinq`` → 0.05 and the next index."""
    zeros = 0
    while j < len(tokens) and tokens[j].folded == "zero":
        zeros, j = zeros + 1, j + 1
    run = _word_run(tokens, j, text) if j < len(tokens) else None
    if run is None:
        return 0.0, j
    digits = "0" * zeros + str(run[0])
    return float("0." + digits), run[1]


def _mention_at(tokens: list[_Token], i: int, text: str) -> tuple[NumberMention, int] | None:
    token = tokens[i]
    ordinal, yearlike = False, False
    if token.kind == "num":
        value, j = _digits_value(token.text), i + 1
        yearlike = token.text.isdigit() and len(token.text) == 4
    elif token.kind in ("ord", "roman"):
        number = (_roman_value(token.text) if token.kind == "roman"
                  else int(re.match(r"\d+", token.text).group(0)))  # type: ignore[union-attr]
        if number is None:
            return None
        value, j, ordinal = float(number), i + 1, True
    elif token.kind == "word" and token.folded in APPROXIMATE:
        value, j = float(APPROXIMATE[token.folded]), i + 1
    elif token.kind == "word" and token.folded in FRACTIONS:
        value, j = FRACTIONS[token.folded], i + 1
    elif token.kind == "word":
        word = token.folded
        if word in ("un", "une") and _is_article(tokens, i, text):
            return None
        if i > 0 and tokens[i - 1].folded in NOT_A_NUMBER_AFTER.get(word, frozenset()):
            return None
        run = _word_run(tokens, i, text)
        if run is None:
            return None
        whole, j, ordinal = run
        value, yearlike = float(whole), any(t.folded in ("mille", "mil") for t in tokens[i:j])
        if j + 1 < len(tokens) and tokens[j].folded == "virgule" and not ordinal:
            fraction, j = _fraction(tokens, j + 1, text)
            value += fraction
    else:
        return None
    base = value
    value, unit, j = _suffix(tokens, j, text, value) if not ordinal else (value, None, j)
    kind = _kind(value, unit, ordinal, yearlike and value == base)
    start, end = token.start, tokens[j - 1].end
    return NumberMention(value, kind, start, end, text[start:end], unit), j


def numbers_in(text: str) -> list[NumberMention]:
    """The numbers ``text`` states, in order.

    >>> [(m.value, m.kind) for m in numbers_in("Depuis 2016, vingt pour cent de 3 000 MWh")]
    [(2016.0, 'year'), (20.0, 'percent'), (3000.0, 'cardinal')]
    """
    tokens = _tokens(text)
    mentions: list[NumberMention] = []
    i = 0
    while i < len(tokens):
        found = _mention_at(tokens, i, text)
        if found is None:
            i += 1
            continue
        mention, i = found
        mentions.append(mention)
    return mentions


def _says_one(text: str) -> bool:
    """Whether ``text`` holds a word that may be an unmarked 1 ("un an" printed "1 an")."""
    return any(t.folded in ("un", "une") for t in _tokens(text))


def compare_numbers(printed: str, spoken: str) -> list[tuple[str, str]]:
    """Values that differ between the printed quote and the transcript, as (printed, spoken).

    Values are compared after normalising both sides (digits, words, separators,
    multipliers); a value missing on one side gives an empty string on that side.
    A lone 1 facing an "un"/"une" on the other side is not reported (article or number).

    >>> compare_numbers("45 MWh depuis 2016", "quarante-cinq mégawattheures depuis 2020")
    [('2016', '2020')]
    """
    left, right = numbers_in(printed), numbers_in(spoken)
    matcher = SequenceMatcher(a=[m.value for m in left], b=[m.value for m in right],
                              autojunk=False)
    changes: list[tuple[str, str]] = []
    for op, a0, a1, b0, b1 in matcher.get_opcodes():
        if op == "equal":
            continue
        olds, news = left[a0:a1], right[b0:b1]
        for k in range(max(len(olds), len(news))):
            old = olds[k].text if k < len(olds) else ""
            new = news[k].text if k < len(news) else ""
            lone = olds[k] if not new else (news[k] if not old else None)
            if lone is not None and lone.value == 1 and _says_one(spoken if not new else printed):
                continue
            changes.append((old, new))
    return changes
