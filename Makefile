# Everything a fresh machine needs: Python 3.11+, pip and make.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test corpus corpus-variants lint clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test]"
	touch $(STAMP)

## demo: install, check the bundled corpus (ingest + Datasette arrive with issues #3 and #5)
demo: $(STAMP)
	$(BIN)/wstextract corpus check

## test: install and run the whole test suite
test: $(STAMP)
	$(BIN)/pytest

## corpus: rebuild the reportlab PDFs (corpus/*.pdf, corpus/synthetic/*.pdf) from corpus/src
corpus: $(STAMP)
	$(BIN)/wstextract corpus build

## corpus-variants: also rebuild the WeasyPrint variant (needs system pango)
corpus-variants: $(STAMP)
	$(BIN)/pip install --quiet -e ".[test,variants]"
	$(BIN)/wstextract corpus build --variants

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check wstextract tests

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
