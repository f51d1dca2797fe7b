"""Many replays at once: ``analyze_corpus(items)`` on one core, a process pool or Dask.

``tasks`` turns items into events and does one event's work, ``executors`` runs them
(serial, process pool, Dask), ``sinks`` keeps the tables in memory or streams them to a
Parquet dataset, ``result`` is the ``CorpusResult`` (tables, manifest, errors), ``runner``
the entry point. See ``docs/corpus.md``.
"""

from coopanalysis.run.corpus.result import CorpusResult
from coopanalysis.run.corpus.runner import analyze_corpus
from coopanalysis.schema import ERRORS, MANIFEST

__all__ = ["ERRORS", "MANIFEST", "CorpusResult", "analyze_corpus"]
