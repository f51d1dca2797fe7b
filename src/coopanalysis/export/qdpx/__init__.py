"""REFI-QDA projects (``.qdpx``): carry on coding in QualCoder, NVivo, ATLAS.ti, MAXQDA.

``source`` lays the transcript out as the project's text, ``place`` puts each theme tag in
it through its unit's anchors, ``write`` builds the project, ``read`` reads it back and
validates it. See ``docs/analysis.md`` ("REFI-QDA project").
"""

from coopanalysis.export.qdpx.place import place_tags
from coopanalysis.export.qdpx.read import read_qdpx, schema_path, validate_qdpx
from coopanalysis.export.qdpx.source import (
    NAMESPACE,
    PROJECT_FILE,
    SOURCES_DIR,
    USER_NAME,
    CueLine,
    SourceText,
    source_text,
)
from coopanalysis.export.qdpx.write import write_qdpx

__all__ = ["NAMESPACE", "PROJECT_FILE", "SOURCES_DIR", "USER_NAME", "CueLine", "SourceText",
           "place_tags", "read_qdpx", "schema_path", "source_text", "validate_qdpx",
           "write_qdpx"]
