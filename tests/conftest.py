"""Shared fixtures: the spaCy model loaded once, and paths to the bundled and shared data."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

# No per-example deadline: the machines are shared and timing is not what these tests check.
# In CI the examples are derandomized, so that a run can be reproduced exactly; developers'
# runs keep exploring new examples.
settings.register_profile("dev", deadline=None)
settings.register_profile("ci", deadline=None, derandomize=True)
settings.load_profile("ci" if os.environ.get("CI") else "dev")

ROOT = Path(__file__).resolve().parents[1]
DATA_DIR = ROOT / "data"
TEST_DATA_DIR = ROOT / "tests" / "data"
# The shared corpus (third-party files, some not redistributable) lies beside the
# checkout, as on the developers' machines and in CI; COOPANALYSIS_CORPUS overrides.
CORPUS_DIR = Path(os.environ.get("COOPANALYSIS_CORPUS", ROOT.parent / "shared" / "corpus"))
SEEDS_DIR = CORPUS_DIR.parent / "seeds"


@pytest.fixture(scope="session")
def nlp():  # type: ignore[no-untyped-def]
    """The real French pipeline, loaded once for the whole session."""
    from coopanalysis.nlp import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def data_dir() -> Path:
    return DATA_DIR


@pytest.fixture(scope="session")
def test_data_dir() -> Path:
    return TEST_DATA_DIR


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    """``../shared/corpus``; tests that need it are skipped when it is absent."""
    if not CORPUS_DIR.is_dir():
        pytest.skip(f"shared corpus not found at {CORPUS_DIR}")
    return CORPUS_DIR
