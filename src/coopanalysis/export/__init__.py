"""Stage 5, export: tables and results written for people and other tools.

In: the tables of the earlier stages. Out: CSV/Parquet/Excel files, replay links, figures,
the HTML report folder and REFI-QDA ``.qdpx`` projects. See ``docs/analysis.md``.
"""

from coopanalysis.export.qdpx import read_qdpx, write_qdpx
from coopanalysis.export.report import write_report
from coopanalysis.export.tables import replay_links, write_tables

__all__ = ["read_qdpx", "replay_links", "write_qdpx", "write_report", "write_tables"]
