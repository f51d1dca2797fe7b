"""Stage 6, run: the whole pipeline in one call, over many replays, and from the shell.

``analyze`` chains read → align → tag → analyse and returns an ``Analysis``;
``analyze_corpus`` runs it over many events (process pool or Dask); ``cli`` is the
``coopanalysis`` command. See ``docs/analysis.md``, ``docs/corpus.md``, ``docs/cli.md``.
"""

from coopanalysis.run.analysis import Analysis, analyze
from coopanalysis.run.corpus import CorpusResult, analyze_corpus

__all__ = ["Analysis", "CorpusResult", "analyze", "analyze_corpus"]
