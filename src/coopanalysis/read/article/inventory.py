"""The user's list of people (a programme's guest list) as the article's speakers."""

from __future__ import annotations

import csv
import math
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from coopanalysis.errors import ArticleError
from coopanalysis.read.article import rules
from coopanalysis.read.article.layout import Speaker

#: What ``read_article(people=…)`` accepts: names, rows with ``speaker`` (and optionally
#: ``role`` and ``organization``), a DataFrame with those columns, or the path of a people
#: file (``read_people_file``).
People = Iterable[str] | Iterable[Mapping[str, Any]] | pd.DataFrame | str | Path


def read_people_file(path: str | Path) -> list[dict[str, str | None]]:
    """A people file: CSV with a ``speaker`` column (``role``, ``organization`` optional),
    or one name a line.

    Raises:
        ArticleError: the file is missing, empty or has no ``speaker`` column while looking
            like a table (naming the file and line).
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise ArticleError(f"cannot read the list of people: {error}", str(path)) from error
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        raise ArticleError("the list of people is empty", str(path))
    header = [h.strip().lower() for h in next(csv.reader([lines[0]]))]
    if "speaker" not in header:
        if len(header) > 1:
            raise ArticleError("a table of people needs a 'speaker' column (with 'role' and "
                               f"'organization' optional); found {header}", str(path), 1)
        return [{"speaker": line.strip(), "role": None, "organization": None} for line in lines]
    rows = []
    for number, row in enumerate(csv.DictReader(lines), start=2):
        cells = {(k or "").strip().lower(): (v or "").strip() or None for k, v in row.items()}
        if not cells.get("speaker"):
            raise ArticleError("row without a speaker name", str(path), number)
        rows.append({"speaker": cells["speaker"], "role": cells.get("role"),
                     "organization": cells.get("organization")})
    return rows


def speakers_from_people(people: People, text: str, *, source: str) -> list[Speaker]:
    """Speakers from the user's list, in order of first mention in ``text``."""
    if isinstance(people, pd.DataFrame):
        if "speaker" not in people.columns:
            raise ArticleError("people table needs a 'speaker' column", source)
        records: list[Any] = people.to_dict("records")
    elif isinstance(people, Path) or (isinstance(people, str) and Path(people).is_file()):
        records = read_people_file(people)  # the guest list's file, as ``--people FILE``
    elif isinstance(people, str | bytes):
        raise ArticleError("people must be a list of names or rows, or the path of a people "
                           f"file; {people!r} is neither", source)
    else:
        records = list(people)
    speakers: list[Speaker] = []
    for record in records:
        if isinstance(record, str):
            name, role, organization = record, None, None
        elif isinstance(record, Mapping) and record.get("speaker"):
            name = record["speaker"]
            role, organization = _cell(record.get("role")), _cell(record.get("organization"))
        else:
            raise ArticleError(f"unreadable person {record!r}: expected a name or a row with "
                               "'speaker'", source)
        name = " ".join(str(name).split())
        found = text.find(name)
        speaker = Speaker(name, role=role, organization=organization,
                          first_mention=found if found >= 0 else len(text))
        if role:
            head = re.split(r"\s+(?:de|du|des|d['’]|chargée?s?|en charge)\s|,", role)[0].strip()
            if head and head != role:  # "le maire" for "maire de Saint-Aubin"
                speaker.aliases.append(head)
            word = _role_word(role)  # "la vice-présidente" for "vice-présidente environnement"
            if word and word != role and word not in speaker.aliases:
                speaker.aliases.append(word)
            speaker.gender = ("f" if role in rules.FEMININE_ROLES
                              else "m" if role in rules.MASCULINE_ROLES else None)
        speakers.append(speaker)
    return sorted(speakers, key=lambda s: s.first_mention)


def _role_word(role: str) -> str | None:
    """The longest role word (``rules.ROLE_WORDS``) the role starts with."""
    lowered = role.lower()
    return next((word for word in rules.ROLE_WORDS  # longest first
                 if lowered == word or lowered.startswith(word + " ")), None)


def _cell(value: Any) -> str | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    text = " ".join(str(value).split())
    return text or None
