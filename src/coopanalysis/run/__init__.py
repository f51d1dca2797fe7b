"""Stage 6, run: the whole pipeline in one call, over many replays, and from the shell.

``analyze`` chains read → align → tag → analyse and returns an ``Analysis``; ``inputs``
reads a transcript or article given as path, text or object (for all three entry points);
``corpus`` runs ``analyze`` over many events (process pool or Dask); ``cli`` is the
``coopanalysis`` command. See ``docs/cli.md`` and ``docs/corpus.md``.
"""

from coopanalysis.run.analysis import Analysis, analyze
from coopanalysis.run.corpus import CorpusResult, analyze_corpus

__all__ = ["Analysis", "CorpusResult", "analyze", "analyze_corpus"]
