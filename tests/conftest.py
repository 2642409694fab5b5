"""Shared fixtures: where the corpus, the seed text and the manifest live."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from reporting import pytest_sessionfinish, pytest_terminal_summary  # noqa: F401  (end of run)

from wstextract.corpus import build

pytest_plugins = ["pytester"]

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
# the published report's text, as extracted from its PDF: bundled with the corpus (a copy of
# the project's shared seed), so a clean clone needs nothing beside it
SEED = CORPUS / "seed" / "wst-annual-report-2021-22.txt"


def require(present: bool, missing: str) -> None:
    """Skip a test whose tool or file is ``missing`` on this machine; under ``CI`` fail it, so
    that a CI machine without it cannot pass by skipping."""
    if present:
        return
    if os.environ.get("CI"):
        pytest.fail(f"CI must have this: {missing}")
    pytest.skip(missing)


@pytest.fixture(scope="session")
def manifest() -> list[build.ManifestEntry]:
    return build.load_manifest(CORPUS)


@pytest.fixture(scope="session")
def main_entry(manifest) -> build.ManifestEntry:
    return next(e for e in manifest if e.id == "wst-2021-22")


@pytest.fixture(scope="session")
def seed_text() -> str:
    require(SEED.exists(), f"the seed report text at {SEED}")
    return SEED.read_text(encoding="utf-8")


def text_block(text: str, page: int = 3):
    """A paragraph of prose as the layout layer hands it on: one line of words, boxed."""
    from wstextract.layout.blocks import Block
    from wstextract.layout.model import Line, Word

    words, x = [], 50.0
    for w in text.split():
        words.append(Word(w, x, x + 5 * len(w), 100.0, 110.0, "Helvetica", 10.0))
        x += 5 * len(w) + 3
    return Block("paragraph", page, [Line.of(words)]).finish()


# every corpus report rendered by reportlab from a source of its own (not a producer variant)
REPORTLAB_ENTRIES = [e.id for e in build.load_manifest(CORPUS) if e.producer == "reportlab"]

# Known wrong values, each a defect to fix, never a tolerance: (document, (metric, category,
# period, unit)) -> the value wrongly stored. The precision tests require exactly these, so a
# fix fails them until its entry is removed here.
KNOWN_WRONG: dict[tuple[str, tuple[str, str, str, str]], float] = {}

PUBLISHED = ["wst-2021-22", "wst-2020-21-synthetic", "wst-2022-23-synthetic"]


def digest(path: Path) -> str:
    """sha256 of a database file and its write-ahead log: "the database is left exactly as it
    was" is checked with it (a committed write may sit in the -wal file alone)."""
    wal = path.with_name(path.name + "-wal")
    contents = path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")
    return hashlib.sha256(contents).hexdigest()


def load_expected(entry: build.ManifestEntry) -> dict:
    return json.loads((CORPUS / entry.expected).read_text(encoding="utf-8"))


def words(text: str) -> list[str]:
    """Words as a reader sees them: no HTML tags, no bullet glyphs or list dashes."""
    text = re.sub(r"<[^>]+>", " ", text)
    text = re.sub(r"(?m)^\s*- ", " ", text)
    return text.replace("•", " ").split()


def pdftotext(path: Path, *args: str) -> str:
    require(bool(shutil.which("pdftotext")), "pdftotext (apt-get install poppler-utils)")
    return subprocess.run(
        ["pdftotext", *args, str(path), "-"], check=True, capture_output=True, text=True
    ).stdout


@pytest.fixture(scope="session")
def extractions(manifest):
    """Every corpus PDF extracted once per test session (about 4 s each)."""
    from wstextract import pipeline

    return {e.id: pipeline.extract(e.path()) for e in manifest}


@pytest.fixture(scope="session")
def corpus_db(tmp_path_factory, manifest, extractions):
    """A database holding the real report and the 2020/21 and 2022/23 synthetic years, the
    reports the publishing tests are written around (never the demo db)."""
    from wstextract import pipeline

    path = tmp_path_factory.mktemp("db") / "corpus.db"
    for entry_id in PUBLISHED:
        pipeline.save(extractions[entry_id], path)
    return path
