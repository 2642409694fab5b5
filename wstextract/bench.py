"""Benchmark: our full ingest against a bare pdfplumber pass over the same pages.

Each measurement runs in a fresh subprocess, so its peak RSS is its own. The bare pass is what
any pdfplumber-based tool must pay: ``extract_words`` and ``find_tables`` on every page, each
page closed after use. The ratio says what our extra stages cost on top of it.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path


def bare_pass(path: Path) -> tuple[int, float]:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_words()
            page.find_tables()
            page.close()
        return len(pdf.pages), 0.0


def full_ingest(path: Path) -> tuple[int, float]:
    """Pages, and seconds spent in spaCy."""
    from . import pipeline

    with tempfile.TemporaryDirectory() as tmp:
        result = pipeline.ingest(path, Path(tmp) / "bench.db")
        return result.extraction.report.pages, result.extraction.timings["spacy"]


def _child(kind: str, path: str) -> None:
    """Run one measurement and print it as JSON (the subprocess side).

    Modules are imported before the clock starts: interpreter start-up and imports (spaCy's
    alone is ~0.7 s) are a fixed cost per process, not a cost per page.
    """
    import pdfplumber  # noqa: F401

    if kind != "bare":
        from . import pipeline  # noqa: F401
    started = time.perf_counter()
    pages, spacy_seconds = (bare_pass if kind == "bare" else full_ingest)(Path(path))
    seconds = time.perf_counter() - started
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        json.dumps(
            {
                "pages": pages,
                "seconds": seconds,
                "peak_mib": peak_kib / 1024,
                "spacy_seconds": spacy_seconds,
            }
        )
    )


@dataclass
class Measurement:
    pages: int
    seconds: float
    peak_mib: float
    spacy_seconds: float = 0.0


def measure(kind: str, path: Path, repeat: int = 2) -> Measurement:
    """The fastest of ``repeat`` runs (the least disturbed by the rest of the machine)."""
    runs = []
    for _ in range(repeat):
        out = subprocess.run(
            [sys.executable, "-m", "wstextract.bench", kind, str(path)],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        runs.append(Measurement(**json.loads(out.strip().splitlines()[-1])))
    return min(runs, key=lambda m: m.seconds)


@dataclass
class Row:
    file: str
    pages: int
    ours: Measurement
    bare: Measurement

    @property
    def ratio(self) -> float:
        return self.ours.seconds / self.bare.seconds


def run(paths: list[Path], repeat: int = 2) -> list[Row]:
    rows = []
    for path in paths:
        bare = measure("bare", path, repeat)
        ours = measure("ours", path, repeat)
        rows.append(Row(path.name, ours.pages, ours, bare))
    return rows


if __name__ == "__main__":
    _child(sys.argv[1], sys.argv[2])
