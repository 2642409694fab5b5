"""Ingest many PDFs: extraction in parallel worker processes, storage by one writer.

Parsing is CPU-bound, so ``jobs`` processes extract side by side; every extraction is then
stored by this process, one transaction per report, so workers never contend for the database
lock. One bad file is reported and the rest carry on.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from . import errors, pipeline
from .layout import DEFAULT_LIMITS, Limits
from .specs import Extractors


@dataclass
class Outcome:
    """What happened to one file."""

    file: str
    status: str  # stored, replaced, unchanged or error
    message: str
    report_id: str | None = None
    period: str | None = None
    metrics: int = 0
    seconds: float = 0.0
    exit_code: int = 0
    result: pipeline.IngestResult | None = None
    traceback: str | None = None  # internal errors only, shown with --debug


@cache
def _extractors(directory: str) -> Extractors:
    return Extractors(Path(directory))


def _extract(
    path: Path, extractors_dir: str, password: str | None, force: bool, limits: Limits
) -> pipeline.Extraction:
    """The worker's job (module level, so it can be sent to another process)."""
    return pipeline.extract(
        path, extractors=_extractors(extractors_dir), password=password, force=force, limits=limits
    )


def _error(path: Path, e: BaseException, started: float) -> Outcome:
    if isinstance(e, errors.WstError):
        return Outcome(
            path.name, "error", str(e), seconds=time.perf_counter() - started, exit_code=e.exit_code
        )
    return Outcome(
        path.name,
        "error",
        f"internal error: {type(e).__name__}: {e}",
        seconds=time.perf_counter() - started,
        exit_code=1,
    )


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

    def store(k: int, path: Path, extraction: pipeline.Extraction, started: float) -> None:
        try:
            stored = pipeline.save(extraction, db_path, replace=replace)
        except Exception as e:
            finish(k, _error(path, e, started))
            return
        seconds = time.perf_counter() - started
        finish(
            k,
            Outcome(
                path.name,
                stored.status,
                stored.message,
                stored.report_id,
                extraction.report.period,
                extraction.count("metrics"),
                seconds,
                result=pipeline.IngestResult(extraction, stored, seconds),
            ),
        )

    todo: list[tuple[int, Path, float]] = []
    for k, path in enumerate(paths):
        started = time.perf_counter()
        try:
            stored = None if replace else pipeline.already_stored(path, db_path)
        except errors.WstError as e:
            finish(k, _error(path, e, started))
            continue
        if stored:
            finish(
                k,
                Outcome(
                    path.name,
                    "unchanged",
                    stored.message,
                    stored.report_id,
                    seconds=time.perf_counter() - started,
                ),
            )
        else:
            todo.append((k, path, started))

    if jobs <= 1 or len(todo) <= 1:
        for k, path, started in todo:
            try:
                extraction = pipeline.extract(
                    path,
                    extractors=_extractors(str(extractors_dir)),
                    password=password,
                    force=force,
                    progress=progress,
                    limits=limits,
                )
            except Exception as e:
                finish(k, _error(path, e, started))
                continue
            store(k, path, extraction, started)
    else:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            futures = {
                pool.submit(_extract, path, str(extractors_dir), password, force, limits): (
                    k,
                    path,
                    started,
                )
                for k, path, started in todo
            }
            for future in as_completed(futures):
                k, path, started = futures[future]
                try:
                    extraction = future.result()
                except Exception as e:
                    finish(k, _error(path, e, started))
                    continue
                store(k, path, extraction, started)
    return [outcomes[k] for k in sorted(outcomes)]
