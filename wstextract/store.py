"""SQLite storage with sqlite-utils: one transaction per report, idempotent, replaceable.

The table and column names here are the researchers' API (documented in ``schemas/``): rename
nothing without a deprecation. Every write of a report happens inside one
``Database.atomic()`` block, so a failure at any point leaves the database as it was.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import sqlite_utils

from . import errors
from .models import Record, Report

SCHEMA_VERSION = "2"
VIEWS_DIR = Path(__file__).resolve().parents[1] / "db" / "views"

# child tables in the order their rows are written (and deleted in reverse)
CHILD_TABLES = [
    "snippets",  # first: metrics and narrative_figures point at their snippet
    "sections",
    "report_tables",
    "metrics",
    "glossary",
    "inspection_judgements",
    "review_findings",
    "partners",
    "partner_statements",
    "statement_sections",
    "statement_items",
    "narrative_figures",
    "quality_issues",
]
# full-text search: table -> columns indexed
FTS = {
    "partner_statements": ["partner", "heading", "text"],
    "statement_sections": ["heading", "text"],
    "narrative_figures": ["sentence", "subject", "partner"],
}

COLUMNS: dict[str, dict[str, type]] = {
    "reports": {
        "id": str,
        "partnership": str,
        "title": str,
        "period": str,
        "period_start": str,
        "period_end": str,
        "pages": int,
        "sha256": str,
        "source_file": str,
        "ingested_at": str,
        "extractor_version": str,
    },
    "sections": {
        "id": int,
        "report_id": str,
        "section_no": int,
        "title": str,
        "contents_title": str,
        "level": int,
        "parent_no": int,
        "appendix": str,
        "page": int,
        "page_end": int,
        "bbox": str,
        "contents_page": int,
    },
    "report_tables": {
        "id": int,
        "report_id": str,
        "table_no": int,
        "page": int,
        "page_end": int,
        "bbox": str,
        "method": str,
        "header": str,
        "rows": str,
        "n_rows": int,
        "n_cols": int,
        "classification": str,
        "section": str,
    },
    "snippets": {"id": int, "report_id": str, "page": int, "bbox": str, "png": bytes},
    "metrics": {
        "id": int,
        "report_id": str,
        "metric": str,
        "category": str,
        "period": str,
        "value": float,
        "unit": str,
        "page": int,
        "bbox": str,
        "source_kind": str,
        "source_text": str,
        "table_no": int,
        "snippet_id": int,
    },
    "glossary": {
        "id": int,
        "report_id": str,
        "acronym": str,
        "expansion": str,
        "page": int,
        "bbox": str,
    },
    "inspection_judgements": {
        "id": int,
        "report_id": str,
        "inspectorate": str,
        "judgement": str,
        "grade": str,
        "page": int,
        "bbox": str,
    },
    "review_findings": {
        "id": int,
        "report_id": str,
        "review": str,
        "number": int,
        "finding": str,
        "recommendations": str,
        "page": int,
        "bbox": str,
    },
    "partners": {
        "id": int,
        "report_id": str,
        "name": str,
        "kind": str,
        "listed_as": str,
        "page": int,
        "bbox": str,
    },
    "partner_statements": {
        "id": int,
        "report_id": str,
        "statement_no": int,
        "partner": str,
        "partner_known": int,
        "heading": str,
        "author_role": str,
        "text": str,
        "page_start": int,
        "page_end": int,
        "n_words": int,
        "bbox": str,
    },
    "statement_sections": {
        "id": int,
        "report_id": str,
        "statement_no": int,
        "section_no": int,
        "heading": str,
        "text": str,
        "page": int,
        "bbox": str,
    },
    "statement_items": {
        "id": int,
        "report_id": str,
        "statement_no": int,
        "item_no": int,
        "section_no": int,
        "level": int,
        "text": str,
        "page": int,
        "bbox": str,
    },
    "narrative_figures": {
        "id": int,
        "report_id": str,
        "figure_no": int,
        "text": str,
        "value": float,
        "value_high": float,
        "unit": str,
        "period": str,
        "period_stated": int,
        "direction": str,
        "subject": str,
        "partner": str,
        "statement_no": int,
        "sentence": str,
        "page": int,
        "bbox": str,
        "snippet_id": int,
        "entities": str,
        "metric": str,
        "category": str,
        "promoted": int,
        "reason": str,
    },
    # not a child of reports: keyed on the report file's sha256, it outlives the report's rows
    "corrections": {
        "id": int,
        "report_sha256": str,
        "report_id": str,
        "metric": str,
        "category": str,
        "period": str,
        "unit": str,
        "value": float,
        "replaced_value": float,
        "kind": str,
        "page": int,
        "reason": str,
        "made_by": str,
        "made_at": str,
    },
    "quality_issues": {
        "id": int,
        "report_id": str,
        "kind": str,
        "message": str,
        "page": int,
        "bbox": str,
        "source_text": str,
        "record": str,
    },
}

INDEXES = {
    "metrics": [["metric", "category", "unit", "period"], ["report_id", "page"]],
    "sections": [["report_id", "section_no"]],
    "report_tables": [["report_id", "table_no"]],
    "quality_issues": [["report_id", "kind"]],
    "glossary": [["acronym"]],
    "partner_statements": [["partner"], ["report_id", "statement_no"]],
    "narrative_figures": [["report_id", "page"], ["unit"]],
}


@dataclass(frozen=True)
class StoreResult:
    status: str  # "stored", "replaced" or "unchanged"
    report_id: str
    message: str


def connect(path: Path) -> sqlite_utils.Database:
    """Open (or create) a wstextract database; a file that is not SQLite is bad input."""
    if path.is_dir():
        raise errors.BadInput(f"{path}: is a directory; --db needs a database file")
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite_utils.Database(path)
    try:
        db.execute("select count(*) from sqlite_master").fetchone()
    except sqlite3.DatabaseError as e:
        db.close()
        raise errors.BadInput(f"{path}: not a SQLite database ({e}); choose another --db") from e
    db.execute("PRAGMA busy_timeout = 30000")  # a second writer waits for the first
    db.execute("PRAGMA foreign_keys = ON")
    if db.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
        db.execute("PRAGMA journal_mode = WAL")  # readers (Datasette) never block a writer
    return db


def ensure_schema(db: sqlite_utils.Database) -> None:
    if "reports" not in db.table_names():
        db["reports"].create(COLUMNS["reports"], pk="id", not_null={"period", "sha256"})
        db["reports"].create_index(["sha256"], unique=True)
        db["reports"].create_index(["period", "partnership"])
    for name in CHILD_TABLES:
        if name not in db.table_names():
            keys = [("report_id", "reports", "id")]
            if "snippet_id" in COLUMNS[name]:
                keys.append(("snippet_id", "snippets", "id"))
            db[name].create(COLUMNS[name], pk="id", foreign_keys=keys)
            db[name].create_index(["report_id"])
            for columns in INDEXES.get(name, []):
                db[name].create_index(columns)
    if "meta" not in db.table_names():
        db["meta"].create({"key": str, "value": str}, pk="key")
    if "corrections" not in db.table_names():
        db["corrections"].create(COLUMNS["corrections"], pk="id", not_null={"report_sha256"})
        db["corrections"].create_index(["report_sha256", "metric", "category", "period", "unit"])
    for name, columns in FTS.items():
        if not db[name].detect_fts():
            # triggers keep the index in step with every insert, replace and delete
            db[name].enable_fts(columns, create_triggers=True, tokenize="porter")


def check_schema_version(db: sqlite_utils.Database) -> None:
    """Refuse to write into a database laid out by a different schema version: mixing two
    layouts in one file would give researchers answers that silently disagree."""
    if "meta" not in db.table_names():
        return
    row = next(db["meta"].rows_where("key = ?", ["schema_version"]), None)
    if row is not None and row["value"] != SCHEMA_VERSION:
        name = Path(db.conn.execute("PRAGMA database_list").fetchone()[2]).name
        raise errors.BadInput(
            f"{name}: has database schema version {row['value']}, and this wstextract writes "
            f"version {SCHEMA_VERSION}; ingest into a new --db (re-ingest its reports there)"
        )


def apply_views(db: sqlite_utils.Database, views_dir: Path = VIEWS_DIR) -> None:
    """(Re)create the SQL views kept as files in db/views/, in name order.

    Statements are run one by one: ``executescript`` would commit the open transaction.
    """
    for path in sorted(views_dir.glob("*.sql")) if views_dir.exists() else []:
        for statement in _statements(path.read_text(encoding="utf-8")):
            db.execute(statement)


def _statements(sql: str) -> list[str]:
    out, current = [], ""
    for line in sql.splitlines(keepends=True):
        current += line
        if sqlite3.complete_statement(current):
            out.append(current.strip())
            current = ""
    return [s for s in out if s.rstrip(";").strip()]


def _linked(row: dict, snippet_ids: dict[int, int]) -> dict:
    """Point a row at its snippet's database id (records number snippets within a report)."""
    if row.get("snippet_id") is not None:
        row["snippet_id"] = snippet_ids[row["snippet_id"]]
    return row


def _row(record: Record) -> dict:
    row = record.model_dump(mode="python")  # keeps bytes (snippet PNGs) as bytes
    for key, value in row.items():
        if isinstance(value, date):
            row[key] = value.isoformat()
    for key in ("bbox", "header", "rows"):
        if key in row and row[key] is not None:
            row[key] = json.dumps(row[key])
    if "rows" in row and "header" in row:
        row["n_rows"] = len(record.rows)
        row["n_cols"] = max((len(r) for r in record.rows), default=0)
    return row


@contextmanager
def immediate_transaction(db: sqlite_utils.Database) -> Iterator[None]:
    """One write transaction, taking the write lock up front.

    A deferred ``BEGIN`` that reads before it writes fails at once with SQLITE_BUSY when another
    writer got in first (WAL mode); ``BEGIN IMMEDIATE`` waits for it instead (busy_timeout).
    sqlite-utils calls made inside nest as savepoints.
    """
    db.conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        if db.conn.in_transaction:
            db.conn.execute("ROLLBACK")
        raise
    else:
        db.conn.execute("COMMIT")


def store_report(
    db: sqlite_utils.Database,
    report: Report,
    records: dict[str, Sequence[Record]],
    *,
    replace: bool = False,
    extractor_version: str,
) -> StoreResult:
    """Write one report and its records in a single transaction."""
    with immediate_transaction(db):
        check_schema_version(db)
        ensure_schema(db)
        same_file = next(db["reports"].rows_where("sha256 = ?", [report.sha256]), None)
        if same_file and not replace:
            return StoreResult(
                "unchanged",
                same_file["id"],
                f"{report.source_file} is already stored as {same_file['id']} "
                "(same sha256); nothing to do",
            )
        existing = next(db["reports"].rows_where("id = ?", [report.id]), None)
        if existing and not replace:
            raise errors.PeriodAlreadyStored(
                f"{report.id} is already stored from {existing['source_file']} "
                f"(sha256 {existing['sha256'][:12]}…); use --replace to swap it for "
                f"{report.source_file}"
            )
        if existing:
            for name in reversed(CHILD_TABLES):
                db.execute(f"DELETE FROM [{name}] WHERE report_id = ?", [report.id])
            db.execute("DELETE FROM reports WHERE id = ?", [report.id])
        db["reports"].insert(_row(report))
        # snippets get database-wide ids as they are inserted; the records that point at a
        # snippet carry its number within the report until then
        snippet_ids = {}
        for snippet in records.get("snippets", []):
            row = _row(snippet)
            number = row.pop("snippet_id")
            snippet_ids[number] = db["snippets"].insert(row).last_pk
        for name in CHILD_TABLES[1:]:
            if records.get(name):
                # a generator: rows are built as sqlite-utils inserts them, in batches, so a long
                # report never holds a second copy of all its records
                db[name].insert_all(
                    (_linked(_row(r), snippet_ids) for r in records[name]), alter=False
                )
        db["meta"].upsert_all(
            [
                {"key": "schema_version", "value": SCHEMA_VERSION},
                {"key": "extractor_version", "value": extractor_version},
            ],
            pk="key",
        )
        apply_views(db)
    status = "replaced" if existing else "stored"
    return StoreResult(status, report.id, f"{status} {report.id} from {report.source_file}")
