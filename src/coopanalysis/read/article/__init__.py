"""Reading an article: quotations, who said them, when, and the people presented.

``read_article`` takes a path, text, bytes or a file object and returns an ``Article``
whose ``quotes`` and ``speakers`` tables follow ``coopanalysis.schema``. One module per
step (``layout``, ``spans``, ``people``, ``attribution``, ``rows``, run by ``parse``);
the rules are data in ``rules.py``. See ``docs/article.md``.
"""

from coopanalysis.read.article.inventory import read_people_file
from coopanalysis.read.article.parse import parse_article, read_article

__all__ = ["parse_article", "read_article", "read_people_file"]
