"""Stage 3, tag: who speaks, in which units, about what.

In: a ``Transcript`` (and optionally aligned quotes and a diarization). Out: cues with
speakers (``speakers``), ``turns`` and ``sentences`` (``units``), long-format ``themes``
(``codebook``, ``themes``) and ``entities`` tables. See ``docs/speakers.md`` and
``docs/themes.md``.
"""

from coopanalysis.tag.codebook import Codebook, default_codebook, load_codebook, resolve_codebook
from coopanalysis.tag.diarize import diarize
from coopanalysis.tag.entities import entities
from coopanalysis.tag.fit import accuracy_note, codebook_fit
from coopanalysis.tag.naming import name_speakers, speaker_coverage
from coopanalysis.tag.speakers import tag_speakers
from coopanalysis.tag.suggest import suggest_terms
from coopanalysis.tag.theme_model import ThemeModel, load_theme_model, unsure_themes
from coopanalysis.tag.theme_training import train_theme_model
from coopanalysis.tag.themes import tag_themes
from coopanalysis.tag.units import sentences, turns

__all__ = [
           "Codebook",
           "ThemeModel",
           "accuracy_note",
           "codebook_fit",
           "default_codebook",
           "diarize",
           "entities",
           "load_codebook",
           "load_theme_model",
           "name_speakers",
           "resolve_codebook",
           "sentences",
           "speaker_coverage",
           "suggest_terms",
           "tag_speakers",
           "tag_themes",
           "train_theme_model",
           "turns",
           "unsure_themes",
]
