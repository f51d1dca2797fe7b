"""Replay times given in notes: a researcher's text puts the time of a quotation in a
footnote ("… à l'euro près. »[^1]" then "[^1]: Vidéo de l'assemblée, 0:02:48."). The
reference then stands where a bracketed time would, and is read as that time.

Notes are Markdown footnotes (``[^1]``, ``[^note]``), superscript numbers (``¹``, ``¹²``,
a saved page's ``<sup>2</sup>``) or an encyclopaedia's bracketed numbers (``[12]``) with
their text on a line of its own below ("[^1]: …", "¹ …", "12. ↑ …", "12. …", "[12] …"). A
numbered line is a note only for a reference that points to it. A note gives a time when its
text holds exactly one time notation and either names the recording ("vidéo",
"enregistrement", "replay"…: ``rules.NOTE_RECORDING_RE``) or is that time alone.
"""

from __future__ import annotations

import re

from coopanalysis.errors import TimecodeError
from coopanalysis.read.article import rules
from coopanalysis.read.article.layout import Stamp
from coopanalysis.timecode import find_timestamps, parse_time

_SUPERSCRIPT = "⁰¹²³⁴⁵⁶⁷⁸⁹"
#: A note's text, on a line of its own: "[^1]: Vidéo, 0:02:48.", "¹ Vidéo, 0:02:48.", or
#: an encyclopaedia's numbered reference: "12. ↑ Vidéo, t = 4 min 10.", "[12] Vidéo, …".
_NOTE_RE = re.compile(r"^[ \t]*(?:\[\^(?P<label>[^\]\s]{1,12})\]:|(?P<sup>[" + _SUPERSCRIPT
                      + r"]{1,3})[ \t]|(?P<num>\d{1,3})\.[ \t]*↑?|\[(?P<bracket>\d{1,3})\])"
                      r"[ \t]*(?P<body>\S.*)$", re.MULTILINE)
#: A reference in the text: "[^1]", "¹" or "[12]" right after a word, a quotation mark or
#: a stop ("[12](…)" is a link, not a reference).
_REFERENCE_RE = re.compile(r"\[\^(?P<label>[^\]\s]{1,12})\](?!:)|(?<=[\w»”.,;!?…)])(?P<sup>["
                           + _SUPERSCRIPT + r"]{1,3})"
                           r"|(?<=[\w»”.,;!?…)])\[(?P<bracket>\d{1,3})\](?![(:])"
                           # a saved page's "»<sup>2</sup>"
                           r"|(?<=[\w»”.,;!?…)])<sup>(?P<num>\d{1,3})</sup>")
#: A bare time in a note: "0:02:48", "1:02:03", "12:30", "20min24", "1 h 02 min 03".
_BARE_TIME_RE = re.compile(r"(?<![\d:])(?:\d{1,2}:)?\d{1,3}:\d{2}(?![\d:])"
                           r"|\b\d{1,2}\s?h\s?\d{1,2}\s?min(?:\s?\d{1,2}\s?s?)?\b"
                           r"|\b\d{1,3}\s?min\s?\d{1,2}\s?s?\b", re.IGNORECASE)


def footnote_times(text: str) -> dict[str, float]:
    """The time each note of ``text`` gives, by its label ("1", "note", or the superscript
    read as digits); notes that give none are left out."""
    times: dict[str, float] = {}
    for note in _NOTE_RE.finditer(text):
        seconds = _note_seconds(note.group("body"))
        if seconds is not None:
            times[_label(note)] = seconds
    return times


def footnote_stamps(raw: str, times: dict[str, float]) -> list[Stamp]:
    """The references in a paragraph ``raw`` whose notes give a time, as stamps (offsets in
    ``raw``). A paragraph that is itself a note's text has none."""
    if _NOTE_RE.match(raw):
        return []
    return [Stamp(ref.start(), ref.end(), ref.group(0), times[_label(ref)])
            for ref in _REFERENCE_RE.finditer(raw) if _label(ref) in times]


def _label(match: re.Match[str]) -> str:
    sup = match.group("sup")
    if sup:
        return sup.translate(str.maketrans(_SUPERSCRIPT, "0123456789"))
    groups = match.groupdict()
    return str(groups.get("num") or groups.get("bracket") or groups["label"])


def _note_seconds(body: str) -> float | None:
    try:
        bracketed = find_timestamps(body)
    except TimecodeError:
        return None
    bare = [m for m in _BARE_TIME_RE.finditer(body)
            if not any(b.start_char <= m.start() < b.end_char for b in bracketed)]
    if len(bare) == 2 and not bracketed and re.search(
            r"^\s*(?:à|-|–|→)\s*$", body[bare[0].end():bare[1].start()]):
        bare = bare[:1]  # "de 13:05 à 14:30": the passage starts at the first
    if len(bracketed) + len(bare) != 1 or rules.NOTE_LENGTH_RE.search(body):
        return None
    if bracketed:
        return bracketed[0].seconds
    alone = not body.replace(bare[0].group(0), "").strip(" .,;:-–—()[]")
    if not (alone or rules.NOTE_RECORDING_RE.search(body)):
        return None  # "Entretien du 3 mars, 14:30": a time of day, not of the recording
    try:
        return parse_time(bare[0].group(0).replace(" ", ""))
    except TimecodeError:
        return None
