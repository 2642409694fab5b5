"""Reading a wstextract database back: series for the terminal, tidy tables for pandas/R."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import sqlite_utils

from . import errors

# what `export` writes: the researchers' tables and the cross-year views, no pictures
EXPORT_TABLES = [
    "reports",
    "metrics",
    "metric_series",
    "narrative_figures",
    "partner_statements",
    "partner_statements_by_year",
    "review_candidates",
    "statement_sections",
    "statement_items",
    "partners",
    "glossary",
    "inspection_judgements",
    "review_findings",
    "quality_issues",
    "sections",
    "report_tables",
]


def open_db(path: Path) -> sqlite_utils.Database:
    if not path.is_file():
        raise errors.FileMissing(f"{path}: no database here; run `wstextract ingest` first")
    return sqlite_utils.Database(path)


def metric_series(
    db: sqlite_utils.Database, metric: str, category: str | None = None, unit: str | None = None
) -> list[dict]:
    """Rows of the metric_series view for one metric (all its categories/units if not given)."""
    where, params = ["metric = ?"], [metric]
    for column, value in (("category", category), ("unit", unit)):
        if value is not None:
            where.append(f"{column} = ?")
            params.append(value)
    rows = list(
        db.query(
            f"select * from metric_series where {' and '.join(where)} "
            "order by category, unit, period",
            params,
        )
    )
    if not rows:
        known = [r["metric"] for r in db.query("select distinct metric from metric_series")]
        hint = f"; known metrics: {', '.join(known)}" if metric not in known else ""
        raise errors.BadInput(
            f"no series for {metric!r}"
            f"{f' category {category!r}' if category else ''}"
            f"{f' unit {unit!r}' if unit else ''}{hint}"
        )
    return rows


def export(db: sqlite_utils.Database, out_dir: Path, fmt: str) -> list[Path]:
    """Write each table and view to ``out_dir`` as csv, json or parquet."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name in EXPORT_TABLES:
        if name not in db.table_names() + db.view_names():
            continue
        rows = list(db.query(f"select * from [{name}]"))
        path = out_dir / f"{name}.{fmt}"
        if fmt == "csv":
            columns = [c[0] for c in db.execute(f"select * from [{name}] limit 0").description]
            with path.open("w", newline="", encoding="utf-8") as f:
                writer = csv.DictWriter(f, fieldnames=columns)
                writer.writeheader()
                writer.writerows(rows)
        elif fmt == "json":
            path.write_text(json.dumps(rows, indent=1, ensure_ascii=False), encoding="utf-8")
        elif fmt == "parquet":
            import pyarrow as pa
            import pyarrow.parquet as pq

            columns = [c[0] for c in db.execute(f"select * from [{name}] limit 0").description]
            table = pa.Table.from_pylist(rows) if rows else pa.table({c: [] for c in columns})
            pq.write_table(table, path)
        else:
            raise errors.BadInput(f"unknown format {fmt!r}: use csv, json or parquet")
        written.append(path)
    return written


def review_candidates(db: sqlite_utils.Database, report_id: str) -> list[dict]:
    """Rows of the review_candidates view for one report: figures near a metric's terms that
    were not promoted, with the reason."""
    known = [r["id"] for r in db.query("select id from reports order by id")]
    if report_id not in known:
        raise errors.BadInput(
            f"no report {report_id!r} in the database; stored: {', '.join(known) or 'none'}"
        )
    return list(db.query("select * from review_candidates where report_id = ?", [report_id]))
