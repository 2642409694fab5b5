"""Ingest many PDFs, in parallel worker processes.

Parsing is CPU-bound, so ``jobs`` processes each extract and store whole reports side by side.
Each report is one short ``BEGIN IMMEDIATE`` transaction (see ``store``), so writers queue for
the lock only while writing; only a one-line outcome crosses back between processes. One bad
file is reported and the rest carry on.
"""

from __future__ import annotations

import gc
import time
import traceback
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from . import crashlog, errors, pipeline
from .layout import DEFAULT_LIMITS, Limits, as_named_error, raised_by_pdf_library
from .specs import Extractors


@dataclass
class Outcome:
    """What happened to one file (small: it travels back from worker processes)."""

    file: str
    status: str  # stored, replaced, unchanged or error
    message: str  # one line for the user
    report_id: str | None = None
    period: str | None = None
    metrics: int = 0
    seconds: float = 0.0
    exit_code: int = 0
    traceback: str | None = None  # internal errors only, shown with --debug


def settle_imports() -> None:
    """Exempt everything alive now from garbage collection (``gc.freeze``); call it once, after
    the imports.

    Modules (spaCy's, pdfminer's, pydantic's models and validators) live as long as the process.
    An ingest allocates millions of short-lived objects, and without this every full collection
    walks all of those long-lived ones again: about half of the collector's time. Garbage is
    collected first, so none of it is frozen with them.
    """
    gc.collect()
    gc.freeze()


@cache
def _extractors(directory: str) -> Extractors:
    return Extractors(Path(directory))


def describe(result: pipeline.IngestResult, db_path: Path) -> str:
    """The one-line summary of a stored report."""
    x = result.extraction
    if x is None:
        return result.stored.message
    r = x.report
    return (
        f"{r.id} ({r.period}, {r.period_start} to {r.period_end}): {r.pages} pages, "
        f"{x.count('report_tables')} tables, {x.count('metrics')} metrics, "
        f"{x.count('partner_statements')} partner statements, "
        f"{x.count('narrative_figures')} narrative figures, "
        f"{x.count('quality_issues')} quality issues -> {result.stored.status} in {db_path} "
        f"[{result.seconds:.1f}s]"
    )


def _error(path: Path, e: BaseException, started: float) -> Outcome:
    seconds = time.perf_counter() - started
    if not isinstance(e, errors.WstError | errors.InternalError) and raised_by_pdf_library(e):
        e = as_named_error(e, path)  # e.g. pypdfium2 failing on the file while drawing snippets
    if isinstance(e, errors.WstError):
        return Outcome(path.name, "error", str(e), seconds=seconds, exit_code=e.exit_code)
    # our own bug: the file is not blamed; the traceback goes to a log for the bug report
    where = e.where if isinstance(e, errors.InternalError) else "ingesting it"
    try:
        log = f"the traceback and versions are in {crashlog.write(e, path)}"
    except OSError as unwritable:
        log = f"no log could be written ({unwritable}); rerun with --debug for the traceback"
    return Outcome(
        path.name,
        "error",
        f"{path}: internal error while {where}: please report it; {log}",
        seconds=seconds,
        exit_code=errors.InternalError.exit_code,
        traceback="".join(traceback.format_exception(e)),
    )


def ingest_one(
    path: Path,
    db_path: Path,
    replace: bool,
    force: bool,
    password: str | None,
    extractors_dir: str,
    limits: Limits,
    progress: pipeline.Progress | None = None,
) -> Outcome:
    """Extract and store one file; never raises. Runs in a worker process with --jobs: each
    worker writes its own report (one short transaction), so no big results cross processes."""
    started = time.perf_counter()
    try:
        result = pipeline.ingest(
            path,
            db_path,
            replace=replace,
            force=force,
            password=password,
            extractors=_extractors(extractors_dir),
            progress=progress,
            limits=limits,
        )
    except Exception as e:
        return _error(path, e, started)
    x = result.extraction
    return Outcome(
        path.name,
        result.stored.status,
        describe(result, db_path) if x else result.stored.message,
        result.stored.report_id,
        x.report.period if x else None,
        x.count("metrics") if x else 0,
        time.perf_counter() - started,
    )


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0  # a missing file fails fast, whenever it comes


def ingest_many(
    paths: list[Path],
    db_path: Path,
    *,
    jobs: int = 1,
    replace: bool = False,
    force: bool = False,
    password: str | None = None,
    extractors_dir: Path,
    limits: Limits = DEFAULT_LIMITS,
    on_done: Callable[[Outcome], None] | None = None,
    progress: pipeline.Progress | None = None,
) -> list[Outcome]:
    """Ingest ``paths`` into ``db_path``; outcomes in the order the files were given."""
    outcomes: dict[int, Outcome] = {}

    def finish(k: int, outcome: Outcome) -> None:
        outcomes[k] = outcome
        if on_done:
            on_done(outcome)

    args = (db_path, replace, force, password, str(extractors_dir), limits)
    if jobs <= 1 or len(paths) <= 1:
        for k, path in enumerate(paths):
            finish(k, ingest_one(path, *args, progress=progress))
    else:
        # biggest files first, so the batch does not end with one worker busy on a long file
        # while the others sit idle (file size stands in for the work a file takes)
        order = sorted(range(len(paths)), key=lambda k: -_size(paths[k]))
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            futures = {pool.submit(ingest_one, paths[k], *args): k for k in order}
            for future in as_completed(futures):
                finish(futures[future], future.result())
    return [outcomes[k] for k in sorted(outcomes)]
