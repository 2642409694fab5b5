"""Researchers' corrections and additions, kept beside the extracted data.

A correction is about a question, not a row: (report file sha256, metric, category, period,
unit). Rows are renumbered by every ingest; the question stays. So a correction survives
``ingest --replace``, a newer extractor, and (exported and imported) a new database. History is
append-only: a correction of a correction is a new row, and the newest one is applied by the
``metric_answers`` view.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pydantic
import sqlite_utils

from . import errors, store
from .models import Correction

FIELDS = list(store.COLUMNS["corrections"])[1:]  # every column but the row id, in order
KEY = ("report_sha256", "metric", "category", "period", "unit")


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _ready(db: sqlite_utils.Database) -> None:
    """A database that can hold corrections, with views that apply them."""
    store.check_schema_version(db)
    store.ensure_schema(db)
    store.apply_views(db)


def _require_reports(db: sqlite_utils.Database) -> None:
    if "metrics" not in db.table_names():
        raise errors.BadInput("no reports are stored in this database; run `wstextract ingest`")


def _validated(fields: dict) -> Correction:
    try:
        return Correction(**fields)
    except pydantic.ValidationError as e:
        problem = e.errors()[0]
        where = ".".join(str(p) for p in problem["loc"]) or "value"
        message = problem["msg"].removeprefix("Value error, ")
        raise errors.BadInput(f"{fields.get('metric')}: {where}: {message}") from e


def _shown(db: sqlite_utils.Database, key: dict) -> dict | None:
    """The answer the views show now for a question of a stored report, if any."""
    return next(
        db.query(
            "select a.* from metric_answers a join reports r on r.id = a.report_id "
            "where r.sha256 = :report_sha256 and a.metric = :metric and a.category = :category "
            "and a.period = :period and a.unit = :unit",
            key,
        ),
        None,
    )


def _insert(db: sqlite_utils.Database, correction: Correction) -> Correction:
    """Store ``correction``, with the value the views showed for its question until now."""
    with store.immediate_transaction(db):
        _ready(db)
        shown = _shown(db, correction.model_dump(include=set(KEY)))
        if shown is not None:
            correction = correction.model_copy(update={"replaced_value": shown["value"]})
        db["corrections"].insert(correction.model_dump())
    return correction


def correct(
    db: sqlite_utils.Database, metric_id: int, value: float, reason: str, by: str
) -> Correction:
    """Correct the stored number ``metrics.id = metric_id``; returns the correction. Bad input
    is refused before anything is written."""
    _require_reports(db)
    row = next(
        db.query(
            "select m.*, r.sha256 as report_sha256 from metrics m "
            "join reports r on r.id = m.report_id where m.id = ?",
            [metric_id],
        ),
        None,
    )
    if row is None:
        raise errors.BadInput(f"no stored metric has id {metric_id}; see the metrics table")
    correction = _validated(
        {
            **{k: row[k] for k in KEY},
            "report_id": row["report_id"],
            "value": value,
            "replaced_value": row["value"],
            "kind": "correction",
            "page": row["page"],
            "reason": reason,
            "made_by": by,
            "made_at": _now(),
        }
    )
    return _insert(db, correction)


def add(
    db: sqlite_utils.Database,
    report_id: str,
    question: dict,
    value: float,
    page: int,
    reason: str,
    by: str,
    known_metrics: set[str],
) -> Correction:
    """Add a number the report prints where the extractor cannot read it (a chart, a picture).
    ``question`` holds metric, category, period and unit."""
    _require_reports(db)
    report = next(db["reports"].rows_where("id = ?", [report_id]), None)
    if report is None:
        stored = ", ".join(r["id"] for r in db["reports"].rows) or "none"
        raise errors.BadInput(f"{report_id}: no such report stored (stored: {stored})")
    correction = _validated(
        {
            "report_sha256": report["sha256"],
            **question,
            "report_id": report_id,
            "value": value,
            "kind": "addition",
            "page": page,
            "reason": reason,
            "made_by": by,
            "made_at": _now(),
        }
    )
    if correction.metric not in known_metrics:
        raise errors.BadInput(
            f"{correction.metric}: not a known metric (schemas/metrics.md lists them)"
        )
    if correction.period > report["period"]:
        raise errors.BadInput(
            f"{correction.period}: after the report's own year {report['period']}; "
            "a report states figures for its year and the years before"
        )
    if not 1 <= page <= report["pages"]:
        raise errors.BadInput(f"page {page}: {report_id} has pages 1 to {report['pages']}")
    return _insert(db, correction)  # if the extractor answers it already, this corrects it


@dataclass(frozen=True)
class Standing:
    """A correction and how it stands against what is stored now."""

    correction: dict
    status: str  # "applied", "agrees", "unmatched", "added", "superseded", "report not stored"


def standings(db: sqlite_utils.Database, report_sha256: str | None = None) -> list[Standing]:
    """Every correction (of one report file, if given) with its standing. Reads only."""
    if "corrections" not in db.table_names():
        return []  # made before corrections existed, and none made since
    where, params = ("where report_sha256 = ?", [report_sha256]) if report_sha256 else ("", [])
    rows = list(db.query(f"select * from corrections {where} order by id", params))
    newest: dict[tuple, int] = {}
    for row in rows:
        newest[tuple(row[k] for k in KEY)] = row["id"]
    stored = {r["sha256"] for r in db["reports"].rows} if "reports" in db.table_names() else set()
    out = []
    for row in rows:
        key = {k: row[k] for k in KEY}
        if newest[tuple(key.values())] != row["id"]:
            status = "superseded"
        elif row["report_sha256"] not in stored:
            status = "report not stored"
        else:
            shown = _shown(db, key)
            if shown is None:
                status = "unmatched"
            elif shown["source_kind"] == "researcher":
                status = "added"
            elif not shown["corrected"]:
                status = "agrees"  # the extractor now reads what the researcher said
            else:
                status = "applied"
        out.append(Standing(row, status))
    return out


def export_csv(db: sqlite_utils.Database, path: Path) -> int:
    """Write every correction, history included, to ``path``; returns how many."""
    has = "corrections" in db.table_names()
    rows = list(db.query("select * from corrections order by id")) if has else []
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=FIELDS, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    return len(rows)


def import_csv(db: sqlite_utils.Database, path: Path) -> tuple[int, int]:
    """Append the corrections of an exported file, in their order; one already held (every
    field equal) is skipped, so importing twice is a no-op. Returns (added, skipped). The whole
    file is checked first: one bad row and nothing is imported."""
    try:
        with path.open(newline="", encoding="utf-8") as f:
            reader = csv.DictReader(f)
            if reader.fieldnames is None or set(FIELDS) - set(reader.fieldnames):
                missing = sorted(set(FIELDS) - set(reader.fieldnames or []))
                raise errors.BadInput(f"{path}: not a corrections file (missing {missing})")
            raw = list(reader)
    except (OSError, UnicodeDecodeError, csv.Error) as e:
        raise errors.BadInput(f"{path}: cannot be read as a corrections CSV ({e})") from e
    records = []
    for n, row in enumerate(raw, start=2):
        fields = {k: (row[k] if row[k] != "" else None) for k in FIELDS}
        try:
            records.append(Correction(**fields))
        except pydantic.ValidationError as e:
            problem = e.errors()[0]
            where = ".".join(str(p) for p in problem["loc"])
            raise errors.BadInput(f"{path}: line {n}: {where}: {problem['msg']}") from e
    added = skipped = 0
    with store.immediate_transaction(db):
        _ready(db)
        held = {tuple(r[k] for k in FIELDS) for r in db.query("select * from corrections")}
        for record in records:
            row = record.model_dump()
            if tuple(row[k] for k in FIELDS) in held:
                skipped += 1
                continue
            db["corrections"].insert(row)
            held.add(tuple(row[k] for k in FIELDS))
            added += 1
    return added, skipped
