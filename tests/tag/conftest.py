"""Fixtures of the tagging tests."""

from __future__ import annotations

import pytest

from coopanalysis.tag.codebook import Codebook, load_codebook
from helpers.codebooks import SMALL_TOML, write


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Codebook:
    """The small test codebook (``helpers.codebooks.SMALL_TOML``), loaded once per module."""
    return load_codebook(write(tmp_path_factory.mktemp("cb"), "small.toml", SMALL_TOML))
