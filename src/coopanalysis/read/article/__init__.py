"""Reading an article: quotations, who said them, when, and the people presented.

``read_article`` takes a file or text and returns an ``Article`` whose ``quotes`` and
``speakers`` tables follow ``coopanalysis.schema``; the rules (speech verbs, roles, time
notations) are data in ``rules.py``. See ``docs/article.md``.
"""

from coopanalysis.read.article.parse import parse_article, read_article

__all__ = ["parse_article", "read_article"]
