"""Stage 2, align: an article's quotes located in the transcript, with a verdict.

In: ``Article.quotes`` and a ``Transcript``. Out: the ``ALIGNED`` table (one row per quote:
where it was said, how sure, how faithfully) and the word-level diff. See ``docs/align.md``.
"""

from coopanalysis.align.aligner import align_quotes, estimate_offset

__all__ = ["align_quotes", "estimate_offset"]
