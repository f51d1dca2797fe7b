"""Stage 5, export: tables and results written for people and other tools.

In: the tables of the earlier stages (an ``Analysis`` is read through the ``ReportSource``
protocol; export never imports ``run``). Out: CSV/Parquet/Excel files and replay links
(``tables``), shared views of the quote table (``views``), figures (``plots``), the HTML
report folder (``report``) and REFI-QDA ``.qdpx`` projects (``qdpx``). See
``docs/analysis.md`` and ``docs/cli.md``.
"""

from coopanalysis.export.qdpx import read_qdpx, write_qdpx
from coopanalysis.export.report import write_report
from coopanalysis.export.tables import replay_links, write_tables

__all__ = ["read_qdpx", "replay_links", "write_qdpx", "write_report", "write_tables"]
