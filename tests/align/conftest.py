"""The real auto-captions the verdict tests quote from (BDX I/O 2022, Unlicense)."""

from __future__ import annotations

from pathlib import Path

import pytest

from coopanalysis.model import Transcript
from coopanalysis.read.transcript import read_transcript

FACTCHECK = Path(__file__).resolve().parents[1] / "data" / "factcheck"


@pytest.fixture(scope="module")
def gestion() -> Transcript:
    """YouTube auto-captions of "Gestion de la dette d'architecture"."""
    return read_transcript(
        FACTCHECK / "autogenere__Gestion_de_la_dette_d_architecture_-_Cyril_Beslay.fr-orig.srt")


@pytest.fixture(scope="module")
def open_source() -> Transcript:
    """YouTube auto-captions of "Contribuer à l'open source"."""
    return read_transcript(FACTCHECK / "autogenere__contributer-open-source.srt")
