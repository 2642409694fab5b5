"""Benchmark: our full ingest against a bare pdfplumber pass over the same pages.

Each measurement runs in a fresh subprocess, so its peak RSS is its own. The bare pass is what
any pdfplumber-based tool must pay: ``extract_words`` and ``find_tables`` on every page, each
page closed after use. The ratio says what our extra stages cost on top of it.
"""

from __future__ import annotations

import gc
import json
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from . import errors  # light: the bare pass must not import what our ingest needs


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


def peak_rss_kib() -> int:
    """This process's peak resident memory, in KiB.

    ``VmHWM`` belongs to the process's own address space, which exec starts afresh. Not
    ``getrusage().ru_maxrss``: Linux carries that across exec, so a child would report at least
    the memory of the process that started it (the bench, or a test runner holding far more).
    """
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # not Linux: the best we have


def _child(kind: str, path: str) -> None:
    """Run one measurement and print it as JSON (the subprocess side).

    Modules are imported before the clock starts: interpreter start-up and imports (spaCy's
    alone is ~0.7 s) are a fixed cost per process, not a cost per page.
    """
    import pdfplumber  # noqa: F401

    if kind != "bare":
        from . import pipeline  # noqa: F401
    gc.collect()  # as `wstextract ingest` does (batch.settle_imports); the same for both kinds
    gc.freeze()
    started = time.perf_counter()
    pages, spacy_seconds = (bare_pass if kind == "bare" else full_ingest)(Path(path))
    seconds = time.perf_counter() - started
    peak_kib = peak_rss_kib()
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


def measure_once(kind: str, path: Path) -> Measurement:
    """One run in a fresh process."""
    out = subprocess.run(
        [sys.executable, "-m", "wstextract.bench", kind, str(path)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return Measurement(**json.loads(out.strip().splitlines()[-1]))


def fastest(runs: list[Measurement]) -> Measurement:
    """The fastest run: the one the rest of the machine disturbed least."""
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
    """Bare and ours alternate, so a slow spell of a shared machine hits both alike."""
    rows = []
    for path in paths:
        bare, ours = [], []
        for _ in range(repeat):
            bare.append(measure_once("bare", path))
            ours.append(measure_once("ours", path))
        rows.append(Row(path.name, ours[0].pages, fastest(ours), fastest(bare)))
    return rows


def profile(path: Path) -> str:
    """Where one full ingest of ``path`` spends its time, as pyinstrument's call tree."""
    try:
        from pyinstrument import Profiler
    except ImportError as e:
        raise errors.WstError(
            "profiling needs pyinstrument: pip install pyinstrument (it is in the [test] extra)"
        ) from e

    from . import pipeline

    profiler = Profiler(interval=0.001)
    with tempfile.TemporaryDirectory() as tmp:
        profiler.start()
        try:
            pipeline.ingest(path, Path(tmp) / "profile.db")
        finally:
            profiler.stop()
    return profiler.output_text(unicode=True, color=False, show_all=False)


def long_report(copies: int, out: Path) -> Path:
    """The corpus report with its body repeated ``copies`` times: same structure, more pages,
    for measuring how memory grows with page count."""
    from dataclasses import replace as copy_with

    from .corpus import build as corpus_build
    from .corpus import render_pdf, source

    entry = next(e for e in corpus_build.load_manifest() if e.id == "wst-2021-22")
    doc = corpus_build.document_for(entry)
    start = next(i for i, b in enumerate(doc.blocks) if isinstance(b, source.Contents)) + 1
    body = doc.blocks[start:]
    blocks = list(doc.blocks)
    for _ in range(copies - 1):  # later copies drop their anchors: the contents points once
        blocks += [copy_with(b, anchor=None) if isinstance(b, source.Heading) else b for b in body]
    render_pdf.write_pdf(source.Document(blocks), out, running_title="Benchmark document")
    return out


@dataclass
class MemoryRow:
    file: str
    pages: int
    seconds: float
    peak_mib: float


def memory_growth(copies: tuple[int, int] = (1, 12)) -> list[MemoryRow]:
    """Peak RSS of a full ingest of a short and a long version of the same report."""
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in copies:
            path = long_report(n, Path(tmp) / f"report-x{n}.pdf")
            m = measure_once("ours", path)
            rows.append(MemoryRow(path.name, m.pages, m.seconds, m.peak_mib))
    return rows


def batch_speedup(paths: list[Path], n_files: int = 10, repeat: int = 2) -> dict[int, float]:
    """Seconds to ingest ``n_files`` distinct PDFs with --jobs 1 and --jobs 2 (the fastest of
    ``repeat`` alternating runs of each)."""
    seconds: dict[int, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        files = []
        for k in range(n_files):  # distinct files (a trailing comment changes the sha256)
            source_pdf = paths[k % len(paths)]
            target = Path(tmp) / f"batch-{k:02d}-{source_pdf.name}"
            target.write_bytes(source_pdf.read_bytes() + f"\n% bench copy {k}\n".encode())
            files.append(target)
        for k, jobs in enumerate([1, 2] * repeat):
            db = Path(tmp) / f"batch-{k}.db"  # each run starts from an empty database
            started = time.perf_counter()
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "wstextract",
                    "ingest",
                    *map(str, files),
                    "--db",
                    str(db),
                    "--replace",
                    "--jobs",
                    str(jobs),
                ],
                check=False,
                capture_output=True,
            )
            took = time.perf_counter() - started
            seconds[jobs] = min(took, seconds.get(jobs, took))
    return seconds


if __name__ == "__main__":
    _child(sys.argv[1], sys.argv[2])
