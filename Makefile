# Everything a fresh machine needs: Python 3.11+, pip and make.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

DB := db/wst.db
DEMO_PDFS := corpus/wst-annual-report-2021-22.pdf
PORT ?= 8001

.PHONY: demo ingest test fuzz bench bench-serve accuracy corpus corpus-variants lint clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test]"
	touch $(STAMP)

## demo: install, ingest the bundled real report into db/wst.db, serve it with Datasette
demo: ingest
	$(BIN)/wstextract serve --db $(DB) --port $(PORT)

## ingest: the corpus entries marked demo = true (never the synthetic years)
ingest: $(STAMP)
	$(BIN)/wstextract corpus check
	$(BIN)/wstextract ingest $(DEMO_PDFS) --db $(DB)

## test: install and run the whole test suite
test: $(STAMP)
	$(BIN)/pytest

## fuzz: 2,000 structural mutations of a report through ingest; prints each outcome's count
fuzz: $(STAMP)
	FUZZ_EXAMPLES=2000 $(BIN)/pytest tests/test_fuzz.py -q

## bench: our ingest vs a bare pdfplumber pass, per corpus PDF (not part of the tests)
bench: $(STAMP)
	$(BIN)/wstextract bench

## bench-serve: 16 clients for 30 s on the served demo database's dashboards and compare query
bench-serve: ingest
	$(BIN)/wstextract bench-serve --db $(DB)

## accuracy: precision and recall per corpus document, beside pdfplumber's own strategies
accuracy: $(STAMP)
	$(BIN)/wstextract accuracy

## corpus: rebuild the reportlab PDFs (corpus/*.pdf, corpus/synthetic/*.pdf) from corpus/src
corpus: $(STAMP)
	$(BIN)/wstextract corpus build

## corpus-variants: also rebuild the WeasyPrint and Chromium variants (need pango, Debian's chromium)
corpus-variants: $(STAMP)
	$(BIN)/pip install --quiet -e ".[test,variants]"
	$(BIN)/wstextract corpus build --variants

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check wstextract tests

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
