"""Stage 2, align: an article's quotes located in the transcript, with a verdict.

In: ``Article.quotes`` and a ``Transcript``. Out: the ``ALIGNED`` table (one row per quote:
where it was said, how sure, how faithfully, and the word-level edit as ``diff_ops``) and,
from it, the long ``DIFF_OPS`` table (``diff_table``). Modules, in the order they run:
``tokens`` → ``candidates`` → ``local`` → ``decide``, driven by ``aligner``; ``rules`` holds
the numbers, ``diff`` the edit and verdict. See ``docs/align.md``.
"""

from coopanalysis.align.aligner import align_quotes, estimate_offset
from coopanalysis.align.diff import diff_table

__all__ = ["align_quotes", "diff_table", "estimate_offset"]
