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

#: ``Article.speakers``: the people the article quotes or reports (at least one row of
#: ``Article.quotes`` is theirs), or every person of the user's list (``people=``).
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
    "diff_ops": "object",           # tuple of (op, printed, spoken), "" for a missing side,
                                    # () when unmatched: the data ``diff`` is written from
    "changes": "string",            # meaning-bearing differences, "; "-joined ("number: 350→150",
                                    # "negation added: pas"), NA when none or unmatched
    "text": "string",               # the quote as printed
    "n_tokens": "int64",            # its comparison words
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

#: ``sentences``: spaCy sentences of each turn, times interpolated. The anchors place a
#: sentence in the cues it came from without searching the text again (REFI-QDA export).
SENTENCES: Schema = {
    "sentence_id": "int64",
    "turn_id": "int64",
    "speaker": "string",
    "start": "float64",
    "end": "float64",
    "text": "string",
    "n_words": "int64",
    "first_cue_id": "int64",   # cue holding the sentence's first character
    "first_char": "int64",     # offset of that character in the first cue's text
    "last_cue_id": "int64",    # cue holding the sentence's last character
    "last_char": "int64",      # offset just past the last character in the last cue's text
}

#: ``tag_themes``: long format, one row per theme match.
THEMES: Schema = {
    "unit_id": "object",     # the units' id, in their dtype: int64 for sentences/turns/cues,
                             # string for quotes (joins sentence_id without casting)
    "speaker": "string",
    "start": "float64",
    "end": "float64",
    "theme": "string",
    "term": "string",        # matched words as written/spoken
    "lemma": "string",       # their lemmas
    "char_start": "int64",   # offsets in the unit's text
    "char_end": "int64",
    "method": "string",      # "codebook" (a match), "model" (added by method="hybrid");
                             # "unsure" in unsure_themes' rows (not tags)
    "probability": "float64",  # the model's probability (method="hybrid"), else NaN
    "evidence": "string",    # the model's reading: "model 0.84 (sentence 0.90, words …)"
}

#: ``entities``: person, organisation and place mentions.
ENTITIES: Schema = {
    "unit_id": "object",     # the units' id, in their dtype: int64 for sentences/turns/cues,
                             # string for quotes (joins sentence_id without casting)
    "speaker": "string",
    "start": "float64",
    "end": "float64",
    "label": "string",       # PER | ORG | LOC (spaCy French labels; MISC dropped)
    "entity": "string",
    "char_start": "int64",
    "char_end": "int64",
}


#: ``speaker_stats``: one row per speaker, most speaking time first.
SPEAKER_STATS: Schema = {
    "speaker": "string",
    "speaking_time": "float64",     # seconds
    "share": "float64",             # speaking_time / total speaking time (0–1)
    "n_words": "int64",             # ``text.count_words`` over the speaker's cues
    "words_per_minute": "float64",  # n_words / (speaking_time / 60), NaN when no time
    "n_turns": "int64",
    "mean_turn": "float64",         # seconds
    "longest_turn": "float64",      # seconds
    "interruptions": "int64",       # turns started while another speaker's turn was running
}

#: ``theme_stats``: one row per theme × group. The keys after ``theme`` are there only when
#: grouped by them (``by="speaker"``, ``by="time_bin"``, which adds ``bin_start``/``bin_end``).
THEME_STATS: Schema = {
    "theme": "string",
    "label": "string",                  # the codebook's label of the theme, NA if unknown
    "speaker": "string",
    "time_bin": "Int64",                # start // bin_size
    "bin_start": "float64",             # seconds
    "bin_end": "float64",
    "n_tags": "int64",                  # tag rows (a unit naming a theme twice counts 2)
    "n_units": "int64",                 # distinct units tagged with the theme
    "n_words": "Int64",                 # words of the group's units, NA without ``units``
    "rate_per_1000_words": "float64",   # n_tags / n_words × 1000
    "share_of_talk": "float64",         # words of the theme's units / n_words (0–1)
}

#: ``theme_cooccurrence``: one row per pair of themes tagged in the same unit.
THEME_COOCCURRENCE: Schema = {
    "theme_a": "string",       # theme_a < theme_b, alphabetically
    "theme_b": "string",
    "n_units": "int64",        # units holding both
    "n_units_a": "int64",      # units holding each
    "n_units_b": "int64",
    "jaccard": "float64",      # n_units / units holding either (0–1)
}

#: ``quote_report``: the fact-check table of an article, one row per quote.
QUOTE_REPORT: Schema = {
    "quote_id": "string",
    "speaker": "string",
    "stated_start": "float64",      # seconds, as the article states
    "stated_hms": "string",
    "stated_minsec": "string",
    "start": "float64",             # seconds in the transcript, NaN when unmatched
    "start_hms": "string",
    "start_minsec": "string",
    "offset": "float64",            # start − stated_start, seconds
    "status": "string",
    "score": "float64",
    "fidelity": "float64",
    "verdict": "string",
    "diff": "string",
    "text": "string",               # as printed
    "transcript_text": "string",    # as spoken
    "transcript_speaker": "string",
    "warning": "string",
}

#: ``align.diff_table``: the word-level edit of each located quote, one row per operation,
#: in reading order. The ``diff`` string of ``ALIGNED`` is derived from these rows.
DIFF_OPS: Schema = {
    "quote_id": "string",
    "position": "int64",            # 0-based order of the operation within the quote
    "op": "string",                 # kept | changed | replaced | added | cut | marked_cut |
                                    # inserted (the diff string's = ~ ! + - "[…] -" "[x]")
    "printed": "string",            # the printed word, NA for a cut (spoken-only) word
    "spoken": "string",             # the spoken word, NA for an added or inserted (printed-only)
}

#: ``read_rttm``: one row per SPEAKER record of an RTTM file.
RTTM: Schema = {
    "file_id": "string",   # the recording the turn belongs to (2nd field)
    "speaker": "string",   # the diarization label ("SPEAKER_01", "speaker90", "MÉO069")
    "start": "float64",    # seconds
    "end": "float64",      # seconds (start + duration)
    "channel": "string",
    "line": "Int64",       # 1-based line in the RTTM file
}

#: ``metadata["speaker_conflicts"]``: one row per disagreement between sources.
CONFLICTS: Schema = {
    "cue_id": "Int64",         # NA for a conflict about a diarization label as a whole
    "start": "float64",        # seconds: the cue's, or the label's first turn
    "end": "float64",
    "kept": "string",          # the speaker written in cues.speaker (NA when none was kept)
    "other": "string",         # the speaker the other source says
    "other_source": "string",  # transcript | diarization | quote
    "reason": "string",
    "kept_source": "string",   # transcript | diarization | quote, NA when nothing was kept
    "evidence": "string",      # quote id, diarization label, votes
}

#: ``metadata["speaker_mapping"]``: how each anonymous label got its name.
MAPPING: Schema = {
    "label": "string",    # anonymous label ("SPEAKER_01")
    "origin": "string",   # diarization | transcript (labels a diarizing ASR wrote in the text)
    "name": "string",     # the name used in cues.speaker (the label itself when unmapped)
    "method": "string",   # names | vote | unmapped (tag_speakers); name_speakers: user |
                          # introduction | hand-off | quote | moderator | unmapped
    "votes": "Int64",     # matched quotes voting for ``name`` (name_speakers: weighted clues)
    "n_quotes": "Int64",  # matched quotes falling mostly in this label's turns
    "tally": "string",    # every name voted for, "Diane 3, Sheila 1"
    "seconds": "float64", # total speech of the label
}

#: ``metadata["speaker_evidence"]`` (``tag.naming.name_speakers``): one row per clue.
SPEAKER_EVIDENCE: Schema = {
    "label": "string",    # the anonymous label it names (NA for a named span of captions)
    "name": "string",
    "source": "string",   # introduction | hand-off
    "text": "string",     # the cue's text holding the clue
    "start": "float64",   # the cue's start (seconds)
    "said_by": "string",  # the label that said it (NA for a named span)
}

#: ``CorpusResult.errors``: one row per item that failed.
ERRORS: Schema = {
    "event_id": "string",
    "position": "int64",     # 0-based position of the item in ``items``
    "source": "string",      # transcript path, or the Transcript's ``source``
    "stage": "string",       # read_transcript | read_article | read_rttm | analyze | worker
    "error": "string",       # exception class name ("TranscriptError", "FileNotFoundError"…)
    "message": "string",     # the exception message (names the file and line when known)
    "line": "Int64",         # 1-based line in the source when the error knows it
    "traceback": "string",   # for unexpected errors (bugs); NA for input errors
}

#: ``CorpusResult.manifest``: one row per item, in item order.
MANIFEST: Schema = {
    "event_id": "string",
    "position": "int64",
    "source": "string",
    "status": "string",      # ok | error
    "n_words": "Int64",      # words in the transcript's cues (``text.count_words``)
    "n_warnings": "Int64",   # warnings of the event's analysis (NA when it failed)
    "seconds": "float64",    # wall time of the event's work in its worker
    "cpu_seconds": "float64",  # CPU time of the thread that ran the event
    "started": "float64",    # POSIX time the worker started the event
    "finished": "float64",   # POSIX time the worker finished it
    "worker": "string",      # "host:pid" of the process that ran it
}
# Followed by one ``rows_<table>`` column (Int64) per table, in the pipeline's table order.


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
