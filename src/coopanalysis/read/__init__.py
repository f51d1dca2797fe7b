"""Stage 1, read: files in, tables out.

In: caption and transcript files (WebVTT, YouTube captions, SRT, SBV, Whisper JSON), a
diarization (RTTM), an article (Markdown or text). Out: a ``Transcript`` (``cues`` and
``words`` tables) and an ``Article`` (``quotes`` and ``speakers`` tables), columns in
``coopanalysis.schema``. See ``docs/transcripts.md`` and ``docs/article.md``.
"""

from coopanalysis.read.article.parse import parse_article, read_article
from coopanalysis.read.rttm import parse_rttm, read_rttm
from coopanalysis.read.transcript import read_transcript, write_srt, write_vtt

__all__ = ["parse_article", "parse_rttm", "read_article", "read_rttm", "read_transcript",
           "write_srt", "write_vtt"]
