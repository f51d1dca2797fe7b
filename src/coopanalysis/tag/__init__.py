"""Stage 3, tag: who speaks, in which units, about what.

In: a ``Transcript`` (and optionally aligned quotes and a diarization). Out: cues with
speakers, ``turns`` and ``sentences`` units, long-format ``themes`` and ``entities`` tables.
See ``docs/speakers.md`` and ``docs/themes.md``.
"""

from coopanalysis.tag.speakers import sentences, tag_speakers, turns
from coopanalysis.tag.themes import Codebook, default_codebook, entities, load_codebook, tag_themes

__all__ = ["Codebook", "default_codebook", "entities", "load_codebook", "sentences",
           "tag_speakers", "tag_themes", "turns"]
