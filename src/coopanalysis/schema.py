"""Column names and dtypes of every table coopanalysis returns, in one place.

Each stage takes the previous stage's DataFrame, so these names are the
library's contract: change them only with a deprecation. Times are float
seconds named ``start``/``end``; text columns use pandas' ``string`` dtype,
counts and ids that may be missing use ``Int64``.

``conform(df, TABLE)`` orders the columns of a table, adds the missing ones
(filled with NA) and casts dtypes; extra columns are kept after the documented
ones.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

Schema = Mapping[str, str]

#: One row per caption cue (``Transcript.cues``). Optional extra columns, after these:
#: ``speaker_change`` (bool, a ``>>`` marker opened the cue), and once ``tag_speakers`` ran,
#: ``speaker_source`` (transcript | diarization | quote), ``transcript_label``,
#: ``diarization_label``.
CUES: Schema = {
    "cue_id": "int64",        # 0-based position in the transcript
    "start": "float64",       # seconds
    "end": "float64",         # seconds
    "speaker": "string",      # NA when the transcript does not say
    "text": "string",         # plain text: markup stripped, entities decoded
    "identifier": "string",   # the cue identifier line of WebVTT/SRT, NA when absent
    "settings": "string",     # WebVTT cue settings ("align:start position:0%"), NA when absent
    "line": "Int64",          # 1-based line of the cue's timing line in the source file
}

#: One row per timed word (``Transcript.words``), when the source has word timings.
#: Optional extra column: ``interpolated`` (bool, the time was spread over several words
#: by the reader rather than given by the file; YouTube captions).
WORDS: Schema = {
    "word_id": "int64",
    "cue_id": "int64",
    "start": "float64",
    "end": "float64",
    "word": "string",
    "speaker": "string",
}

#: ``Article.speakers``: the people the article presents.
ARTICLE_SPEAKERS: Schema = {
    "speaker": "string",        # full name as printed ("Aurélie Mézière")
    "role": "string",           # "maire", "président", NA when unknown
    "organization": "string",   # "Plessé", "réseau des Petites Cantines", NA when unknown
    "first_mention": "int64",   # character offset of the first mention in the article text
}

#: ``Article.quotes``: one row per quotation, fragment, paraphrase or quoted term.
QUOTES: Schema = {
    "quote_id": "string",       # "q01", "q02"… in reading order
    "speaker": "string",        # NA when unattributable
    "text": "string",           # as printed, with ellipses and brackets
    "clean_text": "string",     # emphasis, editorial brackets and ellipses removed, normalised
    "stated_start": "float64",  # seconds, NaN when the article gives no time
    "kind": "string",           # quote | fragment | paraphrase | term
    "cites": "string",          # a third person quoted by the speaker, NA otherwise
    "duplicate_of": "string",   # quote_id of an earlier quote this one repeats, NA otherwise
    "section": "string",        # heading under which the quote stands
    "char_start": "int64",      # offsets in Article.text
    "char_end": "int64",
    "line": "int64",            # 1-based line in the source file
    "warning": "string",        # why this row is doubtful, NA when it is not
}

#: ``align_quotes``: one row per quote.
ALIGNED: Schema = {
    "quote_id": "string",
    "speaker": "string",
    "stated_start": "float64",
    "start": "float64",             # seconds in the transcript, NaN when unmatched
    "end": "float64",
    "cue_ids": "object",            # list[int] of the cues the match spans
    "transcript_text": "string",    # the spoken words matched
    "score": "float64",             # 0–1 confidence of the location
    "status": "string",             # matched | uncertain | unmatched
    "offset": "float64",            # start − stated_start, seconds
    "diff": "string",               # word-level edit: "= kept", "- cut", "+ added", "~ changed"
    "transcript_speaker": "string", # the transcript's speaker label at the match, NA if unknown
    "fidelity": "float64",          # share of printed words spoken, in order (0–1)
    "verdict": "string",            # verbatim | edited | altered, NA when unmatched
    "warning": "string",
}

#: ``turns``: consecutive cues of one speaker merged.
TURNS: Schema = {
    "turn_id": "int64",
    "speaker": "string",
    "start": "float64",
    "end": "float64",
    "text": "string",
    "n_words": "int64",
    "first_cue_id": "int64",
    "last_cue_id": "int64",
}

#: ``sentences``: spaCy sentences of each turn, times interpolated.
SENTENCES: Schema = {
    "sentence_id": "int64",
    "turn_id": "int64",
    "speaker": "string",
    "start": "float64",
    "end": "float64",
    "text": "string",
    "n_words": "int64",
}

#: ``tag_themes``: long format, one row per theme match.
THEMES: Schema = {
    "unit_id": "string",
    "speaker": "string",
    "start": "float64",
    "end": "float64",
    "theme": "string",
    "term": "string",        # matched words as written/spoken
    "lemma": "string",       # their lemmas
    "char_start": "int64",   # offsets in the unit's text
    "char_end": "int64",
}

#: ``entities``: person, organisation and place mentions.
ENTITIES: Schema = {
    "unit_id": "string",
    "speaker": "string",
    "start": "float64",
    "end": "float64",
    "label": "string",       # PER | ORG | LOC (spaCy French labels; MISC dropped)
    "entity": "string",
    "char_start": "int64",
    "char_end": "int64",
}


def empty(schema: Schema) -> pd.DataFrame:
    """An empty DataFrame with the schema's columns and dtypes."""
    return pd.DataFrame({name: pd.Series(dtype=dtype) for name, dtype in schema.items()})


def conform(frame: pd.DataFrame, schema: Schema) -> pd.DataFrame:
    """Order, complete and cast ``frame`` to ``schema``; extra columns are kept at the end.

    Missing columns are added filled with NA (NaN for floats; a missing ``int64``
    column becomes nullable ``Int64``).
    """
    frame = frame.copy()
    for name, dtype in schema.items():
        if name not in frame.columns:
            # A missing integer column can only hold NA: it becomes nullable Int64.
            fill_dtype = "Int64" if dtype == "int64" else dtype
            frame[name] = pd.Series(pd.NA if dtype != "float64" else float("nan"),
                                    index=frame.index, dtype=fill_dtype)
        elif dtype != "object" and str(frame[name].dtype) != dtype:
            target: Any = dtype  # pandas-stubs type astype() by literal dtype names
            frame[name] = frame[name].astype(target)
    extra = [c for c in frame.columns if c not in schema]
    return frame[list(schema) + extra].reset_index(drop=True)
