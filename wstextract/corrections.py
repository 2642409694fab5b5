"""Researchers' corrections and additions, kept beside the extracted data.

A correction is about a question, not a row: (report file sha256, metric, category, period,
unit). Rows are renumbered by every ingest; the question stays. So a correction survives
``ingest --replace``, a newer extractor, and (exported and imported) a new database. History is
append-only: a correction of a correction is a new row, and the newest one (by ``made_at``,
then ``id``) is applied by the ``metric_answers`` view.
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
OLDEST = 10  # an addition may be about a period up to this many years before its report's


def question(row: dict) -> str:
    """A correction's question as the CLI prints it: "cse_incidents/total 2019-20 (count)"."""
    return f"{row['metric']}/{row['category']} {row['period']} ({row['unit']})"


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


def _problem(e: pydantic.ValidationError) -> str:
    """A validation error in a researcher's words: "value: a count must be …"."""
    problem = e.errors()[0]
    where = ".".join(str(p) for p in problem["loc"]) or "value"
    return f"{where}: {problem['msg'].removeprefix('Value error, ')}"


def _validated(fields: dict) -> Correction:
    try:
        return Correction(**fields)
    except pydantic.ValidationError as e:
        raise errors.BadInput(f"{fields.get('metric')}: {_problem(e)}") from e


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


def _store(db: sqlite_utils.Database, correction: Correction) -> Correction:
    """Insert ``correction`` (inside the caller's transaction), with the value the views
    showed for its question until now."""
    shown = _shown(db, correction.model_dump(include=set(KEY)))
    if shown is not None:
        if shown["value"] == correction.value:
            raise errors.BadInput(
                f"{correction.metric}: {correction.period} is already shown as "
                f"{correction.value:g}; nothing to correct"
            )
        correction = correction.model_copy(update={"replaced_value": shown["value"]})
    db["corrections"].insert(correction.model_dump())
    return correction


def correct(
    db: sqlite_utils.Database, metric_id: int, value: float, reason: str, by: str
) -> Correction:
    """Correct the answer ``metric_answers.id = metric_id``; returns the correction. One
    transaction: bad input is refused and nothing is written."""
    _require_reports(db)
    with store.immediate_transaction(db):
        _ready(db)
        row = next(
            db.query(
                "select a.*, r.sha256 as report_sha256 from metric_answers a "
                "join reports r on r.id = a.report_id where a.id = ?",
                [metric_id],
            ),
            None,
        )
        if row is None:
            raise errors.BadInput(
                f"no stored metric has id {metric_id}{_answered_by(db, metric_id)}"
            )
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
        return _store(db, correction)


def _answered_by(db: sqlite_utils.Database, metric_id: int) -> str:
    """Why an id that is a metrics row is not an answer: the row that answers its question."""
    row = next(db.query("select * from metrics where id = ?", [metric_id]), None)
    if row is None:
        return "; see the metrics table"
    answer = next(
        db.query(
            "select id from metric_answers where report_id = :report_id and metric = :metric "
            "and category = :category and period = :period and unit = :unit",
            row,
        ),
        None,
    )
    which = f"metric {answer['id']}" if answer and answer["id"] else "another row"
    return f" that answers a question: its question is answered by {which} (a table wins)"


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
    ``question`` holds metric, category, period and unit. One transaction, as ``correct``."""
    _require_reports(db)
    with store.immediate_transaction(db):
        _ready(db)
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
        year, first = int(correction.period[:4]), int(report["period"][:4])
        if not first - OLDEST <= year <= first:
            raise errors.BadInput(
                f"{correction.period}: outside the report: {report_id} states figures for "
                f"{report['period']} and the {OLDEST} years before"
            )
        if not 1 <= page <= report["pages"]:
            raise errors.BadInput(f"page {page}: {report_id} has pages 1 to {report['pages']}")
        return _store(db, correction)  # if the extractor answers it already, this corrects it


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
    rows = list(db.query(f"select * from corrections {where} order by made_at, id", params))
    newest: dict[tuple, int] = {}
    for row in rows:  # in the order the view applies them: the last one wins
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
    rows = list(db.query("select * from corrections order by made_at, id")) if has else []
    try:
        with path.open("w", newline="", encoding="utf-8") as f:
            writer = csv.DictWriter(f, fieldnames=FIELDS, extrasaction="ignore")
            writer.writeheader()
            writer.writerows(rows)
    except OSError as e:
        raise errors.BadInput(f"{path}: cannot be written ({e.strerror})") from e
    return len(rows)


def read_csv(path: Path) -> list[Correction]:
    """The corrections of an exported file, each checked; one bad row and none are read."""
    try:
        with path.open(newline="", encoding="utf-8-sig") as f:  # -sig: a file saved by Excel
            reader = csv.DictReader(f)
            missing = sorted(set(FIELDS) - set(reader.fieldnames or []))
            if missing:
                raise errors.BadInput(f"{path}: not a corrections file (no column {missing[0]})")
            raw = list(reader)
    except (OSError, UnicodeDecodeError, csv.Error) as e:
        raise errors.BadInput(f"{path}: cannot be read as a corrections CSV ({e})") from e
    records = []
    for n, row in enumerate(raw, start=2):
        try:
            records.append(Correction(**{k: row[k] if row[k] != "" else None for k in FIELDS}))
        except pydantic.ValidationError as e:
            raise errors.BadInput(f"{path}: line {n}: {_problem(e)}") from e
    return records


def append(db: sqlite_utils.Database, records: list[Correction]) -> tuple[int, int]:
    """Add ``records`` in one transaction; one already held (every field equal) is skipped, so
    importing a file twice is a no-op. Returns (added, skipped)."""
    added = skipped = 0
    with store.immediate_transaction(db):
        _ready(db)
        held = {
            Correction(**{k: r[k] for k in FIELDS}) for r in db.query("select * from corrections")
        }
        for record in records:
            if record in held:
                skipped += 1
                continue
            db["corrections"].insert(record.model_dump())
            held.add(record)
            added += 1
    return added, skipped
