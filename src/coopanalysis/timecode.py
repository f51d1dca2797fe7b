"""Every time notation of the project, parsed to and formatted from float seconds.

Notations met in articles and transcripts::

    20min24   3min07   [3min07](#)   1h02min03   1h02   45s   45 s   1 h 25 min
    12'30   1h12'40   33 min 10   45 minutes
    01:02:03.500   1:02:03,5   02:03   00:20:24   [00:20:24]   0:0:1.130

In running text they stand in brackets, possibly with the words a writer puts around a replay
time: "(à 33 min 10)", "(replay : 14min20)", "(à 1 h 05 min de la vidéo)"; or unbracketed
with those words on both sides: "à 45 minutes de l'enregistrement"; or after a stopwatch
sign: "⏱ 4:35"; or as the minute of a
recording counted like a match's, "à la 47e minute" (read as 47 min 00: the writer reads the
minute off the player, as sports reports do).

``parse_time`` turns any of them into float seconds; ``format_hms`` and
``format_minsec`` write seconds back as ``01:02:03`` and ``62min03``.
``find_timestamps`` locates the article notations inside running text.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from coopanalysis.errors import TimecodeError

# "1h02min03", "1h02", "20min24", "3 min 07", "45s", "1 h 02 min 03 s".
# The minute mark of the press (an apostrophe, a prime, "mn") stands for "min":
# "12'30", "1h12'40", "6mn20".
_MIN = r"(?:min(?:utes?)?|mn|['’′])"
_UNIT_PATTERN = (
    r"(?:(?P<h>\d{1,2})\s?h\s?(?:(?P<hm>\d{1,2})(?:\s?" + _MIN + r")?"
    r"(?:\s?(?P<hs>\d{1,2})\s?(?:s|[\"″])?)?)?"
    r"|(?P<m>\d{1,3})\s?" + _MIN + r"\s?(?:(?P<ms>\d{1,2})(?:\s?(?:s|[\"″]))?)?"
    r"|(?P<s>\d{1,5})\s?s(?:ec)?)"
)
# "01:02:03.500", "1:02:03,5", "02:03", "0:0:1.130", "00:20:24".
_CLOCK_PATTERN = r"(?:(?P<ch>\d{1,4}):)?(?P<cm>\d{1,2}):(?P<cs>\d{1,2})(?:[.,](?P<cf>\d{1,6}))?"

_UNIT_RE = re.compile(rf"^{_UNIT_PATTERN}$", re.IGNORECASE)
_CLOCK_RE = re.compile(rf"^{_CLOCK_PATTERN}$")

# In running text a timestamp stands in brackets: "(28min42)", "([7min23](#))",
# "(1h02min03)", "[00:20:24]", "([56min28](https://...))".
# Words around a replay time: "à", "replay :", "vidéo, à"... before; "de la vidéo",
# "de l'émission", "de l'enregistrement", "du replay" after.
# Also a reference label ("réf. vidéo 18'20", "minutage 35:12", "timecode 12:30",
# "séquence 0h23'15", "min. 2'15", a sign ("⏱ 06:45", "🎥 14:30": arrows, technical and
# pictorial symbols), in round, square or curly brackets ("{3:15}"),
# a time set as code in Markdown ("`00:41:10`"),
# a start ("à partir de 17:50", "dès 12:30") and an approximate time ("vers 58 min").
# Any short label of one to three words before the time inside the brackets ("(audition,
# 00:03:40)", "(enr. 2h30'50)", "(vidéo du conseil, 12:30)"): the bracket must close right
# after the time, so a label adds no false time.
# Signs that mark a time even out of brackets: technical symbols ("⏱", "⏩", "⏯") and
# pictographs ("🎥", "📍"). In brackets, arrows and geometric and other symbols too ("➜",
# "▶", "🔁"): a chapter list uses "▶ 04:20" bare.
_SIGNS_ANYWHERE = r"\u2300-\u23ff\U0001f300-\U0001faff"
_SIGNS = r"\u2190-\u21ff\u25a0-\u25ff\u2600-\u27bf" + _SIGNS_ANYWHERE
_BEFORE = (r"(?:(?:réf(?:érence)?\.?\s*)?(?:replay|vidéo|video|écouter|voir|enregistrement"
           r"|captation|minutage|timecode|time\s*code|horodatage|TC|T\s*\+|min\.|séquence|extrait"
           r"|passage|chapitre|[" + _SIGNS + r"]\uFE0F?)\s*[:,]?\s*"
           r"|(?:[^\W\d_]{2,20}\.?\s+){0,2}[^\W\d_]{2,20}\.?\s*[:,]\s*"
           r"|(?:enr|réf|cf|env)\.\s*|t\s*=\s*)?"
           r"(?:(?:à\s+partir\s+de|dès|à|a|at|from|vers|environ|~|≈)\s*:?\s*)?")
_MEDIUM = (r"(?:de\s+la\s+(?:vidéo|video|captation|séance|table\s+ronde|rediffusion)"
           r"|de\s+l['’](?:émission|emission|enregistrement|audio)|du\s+(?:replay|podcast|direct|débat)"
           r"|into\s+the\s+(?:video|recording))")
_STAMP = ("(?P<stamp>" + _UNIT_PATTERN.replace("?P<", "?P<t_") + "|"
          + _CLOCK_PATTERN.replace("?P<", "?P<t_") + ")")
# "à la 47e minute", "(47e minute)": the minute of a recording counted as a match's.
_ORDINAL_MINUTE = r"à\s+la\s+(?P<ordinal>\d{1,3})(?:e|è|ème|eme)\s+minute\b"
# A sign of ``_SIGNS_ANYWHERE`` or an at sign marks a replay time even out of brackets:
# "… la reconstruire. » ⏱ 4:35", "» ⏩ 2:45", "… des mineurs. » @9:15".
# "À 41 min 30, elle lance : « … »", "Vers 1 h 10, le maire rétorque": a time opening a
# sentence, before a comma. A clock time of day ("À 18 h 30, la séance reprend", "À 18:30,")
# is not a replay time: the hours are at most ``LEADING_MAX_HOURS`` and "mm:ss" is refused.
_LEADING = (r"(?:^|(?<=[.!?…]\s)|(?<=[.!?…]\u00a0)|(?<=[)\]]\s)|(?<=[.!?…]\*\*\s)"
            r"|(?<=[.!?…][*_]\s))(?:à|a|vers|at|around)\s+"
            + _STAMP.replace("?P<", "?P<l_") + r"(?=\s*,)")
#: The largest hour a time opening a sentence may have and still be a replay time.
LEADING_MAX_HOURS = 3
# A replay-shaped time (minutes and seconds) in brackets among a few words of the writer's
# own: "(6:40 sur la vidéo)", "[rep. 3:15]", "(pièce n° 1, 4 min 10)", "[A 4:20]",
# "[REC_0415 – 02:30]". Words that make it a length or a time of day ("la vidéo dure
# 3:05:12", "levée à 18:30") refuse it (``_NOT_REPLAY_RE``), but hours, minutes and
# seconds are no time of day ("[matin 0:04:15]": the morning session's recording).
_LABEL_WORDS = (r"(?:(?:(?:[^\W\d_]{1,2}['’])?[^\W\d_][\w-]{0,19}\.?|n°\s*\d{1,3}|[,:+·–—~≈-])"
                r"\s*){1,4}")
_REPLAY_SHAPED = (r"(?P<g_stamp>(?:\d{1,2}:)?\d{1,3}:\d{2}|\d{1,2}\s?h\s?\d{1,2}\s?(?:min|['’′])"
                  r"\s?\d{2}(?:\s?s)?|\d{1,3}\s?(?:min|['’′])\s?\d{2}(?:\s?s)?)")
# (A time with no label at all is the first alternative's, which comes first.)
_LABELLED = (r"[\(\[]\s*(?:" + _LABEL_WORDS + r")?" + _REPLAY_SHAPED + r"\s*(?:" + _LABEL_WORDS
             + r")?\s*[\)\]]")
_LENGTH_WORDS = r"dure|durée|duration|total|length|runs|long"
_LENGTH_RE = re.compile(rf"\b(?:{_LENGTH_WORDS})\b", re.IGNORECASE)
_NOT_REPLAY_RE = re.compile(
    rf"\b(?:{_LENGTH_WORDS}|heures?|ouverte?s?|levée|reprise"
    r"|début|fin|publiée?|mise?\s+à\s+jour|updated|posted|matin|soir|pm|am)\b", re.IGNORECASE)
_IN_TEXT_RE = re.compile(
    r"[\(\[{]\s*" + _BEFORE + r"(?:\[\s*)?" + _STAMP
    + r"\s*(?:\]\s*\([^)\s]*\)\s*)?(?:\s*" + _MEDIUM + r")?\s*[\)\]}]"
    # A time set as code in Markdown: "`00:41:10` **Mme X.** — …", "à `00:18:30`,".
    r"|`\s*" + _CLOCK_PATTERN.replace("?P<", "?P<k_") + r"\s*`"
    r"|(?<![\w'’])(?:à|at)\s+" + _STAMP.replace("?P<", "?P<u_") + r"\s+" + _MEDIUM + r"\b"
    r"|[\(\[]\s*(?:[^\W\d_]{2,20}\s*[,:]\s*)?"
    + _ORDINAL_MINUTE.replace("?P<", "?P<b_").replace(r"à\s+la\s+", r"(?:à\s+la\s+)?")
    + r"\s*[\)\]]"
    r"|(?<![\w'’])" + _ORDINAL_MINUTE
    + r"|(?:[" + _SIGNS_ANYWHERE + r"]\uFE0F?|(?<![\w.])@)\s*"
    + _STAMP.replace("?P<", "?P<w_")
    + r"|" + _LABELLED
    + r"|" + _LEADING,
    re.IGNORECASE | re.MULTILINE,
)


# The time parameter of a media link (YouTube, Vimeo, HTML media fragments).
_MEDIA_TIME_RE = re.compile(
    r"[?&#]t=(?:(?P<h>\d{1,2})h)?(?:(?P<m>\d{1,3})m)?(?:(?P<s>\d{1,6})s?)?(?=$|[&#])",
    re.IGNORECASE)


@dataclass(frozen=True)
class TimestampMatch:
    """A timestamp found in text: character span (``start_char``, ``end_char``) and ``seconds``."""

    start_char: int
    end_char: int
    seconds: float
    raw: str


def parse_time(text: str, *, source: str | None = None, line: int | None = None) -> float:
    """Parse one time expression into float seconds.

    Accepts the unit notations (``20min24``, ``1h02``, ``45s``), clock notations
    (``01:02:03.500``, ``1:02:03,5``, ``02:03``) and either wrapped in a Markdown
    link or brackets (``[3min07](#)``, ``[00:20:24]``).

    Raises:
        TimecodeError: when the text is not a time, or minutes/seconds exceed 59; when it
            is not a string (a spreadsheet's number or empty cell: NaN).
    """
    if not isinstance(text, str):
        raise TimecodeError(f"cannot parse {text!r} ({type(text).__name__}): expected a time "
                            "written as text, e.g. '20min24' or '00:20:24'", source, line)
    raw = text
    stripped = _strip_wrappers(text)
    unit = _UNIT_RE.match(stripped)
    if unit:
        return _unit_seconds(unit.groupdict(), raw, source=source, line=line)
    clock = _CLOCK_RE.match(stripped)
    if clock:
        return _clock_seconds(clock.groupdict(), raw, source=source, line=line)
    raise TimecodeError(
        f"unreadable time {raw!r}: expected e.g. '20min24', '1h02min03', '45s' or '01:02:03.500'",
        source,
        line,
    )


def find_timestamps(text: str) -> list[TimestampMatch]:
    """Find bracketed timestamps in running text, in order of appearance.

    Raises:
        TimecodeError: when ``text`` is not a string.
    """
    if not isinstance(text, str):
        raise TimecodeError(f"cannot search {type(text).__name__} for timestamps: expected text")
    found = []
    for match in _IN_TEXT_RE.finditer(text):
        if match.group("l_stamp") and _is_clock_of_day(match):
            continue
        labelled = match.group("g_stamp")
        if labelled and _NOT_REPLAY_RE.search(match.group(0)) and not (
                labelled.count(":") == 2 and not _LENGTH_RE.search(match.group(0))):
            continue  # hours, minutes and seconds are no time of day ("[matin 0:04:15]")
        ordinal = match.group("ordinal") or match.group("b_ordinal")
        stamp = (match.group("stamp") or match.group("u_stamp") or match.group("l_stamp")
                 or match.group("w_stamp") or labelled)
        if match.group("k_cm") is not None:
            stamp = match.group(0).strip("` ")
        seconds = float(int(ordinal) * 60) if ordinal else parse_time(stamp)
        found.append(TimestampMatch(match.start(), match.end(), seconds, match.group(0)))
    return found


def _is_clock_of_day(match: re.Match[str]) -> bool:
    """A time opening a sentence read as a time of day: "18 h 30", "18:30"."""
    hours = match.group("l_t_h")
    two_part_clock = match.group("l_t_cm") is not None and match.group("l_t_ch") is None
    return two_part_clock or (hours is not None and int(hours) > LEADING_MAX_HOURS)


def media_time_seconds(url: str) -> float | None:
    """The start time a media link carries: ``?t=754``, ``&t=754s``, ``#t=12m34s``,
    ``&t=1h02m03s``; ``None`` when the link carries none."""
    match = _MEDIA_TIME_RE.search(url)
    if not match or not any(match.group(g) for g in ("h", "m", "s")):
        return None
    hours, minutes, secs = (int(match.group(g) or 0) for g in ("h", "m", "s"))
    return float(hours * 3600 + minutes * 60 + secs)


def format_hms(seconds: float, *, millis: bool = False) -> str:
    """Format seconds as ``HH:MM:SS`` (``HH:MM:SS.mmm`` with ``millis=True``)."""
    _check_seconds(seconds)
    if millis:
        total_ms = round(seconds * 1000)
        hours, rest = divmod(total_ms, 3_600_000)
        minutes, rest = divmod(rest, 60_000)
        secs, ms = divmod(rest, 1000)
        return f"{hours:02d}:{minutes:02d}:{secs:02d}.{ms:03d}"
    total = int(seconds)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}"


def format_minsec(seconds: float) -> str:
    """Format seconds the way French articles do: ``20min24``, ``1h02min03`` past an hour."""
    _check_seconds(seconds)
    total = int(seconds)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}h{minutes:02d}min{secs:02d}"
    return f"{minutes}min{secs:02d}"


def _check_seconds(seconds: float) -> None:
    if not isinstance(seconds, int | float) or math.isnan(seconds) or seconds < 0:
        raise TimecodeError(f"cannot format {seconds!r}: expected a non-negative number of seconds")


def _strip_wrappers(text: str) -> str:
    stripped = text.strip()
    link = re.match(r"^\[(.*)\]\([^)]*\)$", stripped)
    if link:
        stripped = link.group(1).strip()
    while len(stripped) >= 2 and stripped[0] + stripped[-1] in ("()", "[]"):
        stripped = stripped[1:-1].strip()
    return stripped


def _unit_seconds(
    groups: dict[str, str | None], raw: str, *, source: str | None, line: int | None
) -> float:
    def value(name: str) -> int:
        text = groups.get(name)
        return int(text) if text else 0

    if groups.get("h") is not None:
        hours, minutes, secs = value("h"), value("hm"), value("hs")
    elif groups.get("m") is not None:
        hours, minutes, secs = 0, value("m"), value("ms")
    else:
        hours, minutes, secs = 0, 0, value("s")
        return float(secs)
    if secs > 59 or (hours and minutes > 59):
        raise TimecodeError(f"unreadable time {raw!r}: minutes and seconds go up to 59",
                            source, line)
    return float(hours * 3600 + minutes * 60 + secs)


def _clock_seconds(
    groups: dict[str, str | None], raw: str, *, source: str | None, line: int | None
) -> float:
    hours = int(groups["ch"] or 0)
    minutes = int(groups["cm"] or 0)
    secs = int(groups["cs"] or 0)
    fraction = groups.get("cf")
    # Without an hour field, "62:15" counts minutes past the hour, as players and podcast
    # pages write them; with one ("1:62:15"), minutes go up to 59.
    if secs > 59 or (groups["ch"] is not None and minutes > 59):
        raise TimecodeError(f"unreadable time {raw!r}: seconds (and minutes after an hour) "
                            "go up to 59", source, line)
    seconds = hours * 3600 + minutes * 60 + secs
    if fraction:
        seconds += int(fraction) / 10 ** len(fraction)
    return float(seconds)
