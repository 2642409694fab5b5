"""Storage: one transaction per report, idempotent, replaceable, and nothing half-written."""

from __future__ import annotations

import shutil
import sqlite3

import pytest
import sqlite_utils
from click.testing import CliRunner
from conftest import digest

from wstextract import errors, pipeline, store
from wstextract.cli import cli


@pytest.fixture()
def db_copy(corpus_db, tmp_path):
    path = tmp_path / "copy.db"
    shutil.copy(corpus_db, path)
    return path


def test_corpus_db_holds_three_years(corpus_db):
    db = sqlite_utils.Database(corpus_db)
    assert [r["id"] for r in db.query("select id from reports order by period")] == [
        "wst-2020-21",
        "wst-2021-22",
        "wst-2022-23",
    ]
    assert db["meta"].get("schema_version")["value"] == store.SCHEMA_VERSION
    assert db.execute("PRAGMA foreign_key_list(metrics)").fetchall()
    fk_violations = db.execute("PRAGMA foreign_key_check").fetchall()
    assert fk_violations == []


def test_reingesting_the_same_file_is_a_no_op(db_copy, main_entry):
    before = digest(db_copy)
    result = pipeline.ingest(main_entry.path(), db_copy)
    assert result.stored.status == "unchanged" and result.extraction is None
    assert digest(db_copy) == before


def test_another_file_for_a_stored_period_is_refused_then_replaced(db_copy, manifest, extractions):
    variant = next(e for e in manifest if e.id == "wst-2021-22-weasyprint")
    before = digest(db_copy)
    with pytest.raises(errors.PeriodAlreadyStored, match="use --replace"):
        pipeline.save(extractions[variant.id], db_copy)
    assert digest(db_copy) == before
    result = pipeline.save(extractions[variant.id], db_copy, replace=True)
    assert result.status == "replaced"
    db = sqlite_utils.Database(db_copy)
    rows = list(db.query("select sha256, pages from reports where id = 'wst-2021-22'"))
    assert rows == [{"sha256": variant.sha256, "pages": 53}]
    stored = db.execute("select count(*) from metrics where report_id = 'wst-2021-22'")
    assert stored.fetchone()[0] == len(extractions[variant.id].records["metrics"])


def test_a_failure_mid_ingest_leaves_the_database_unchanged(
    db_copy, manifest, extractions, monkeypatch
):
    variant = next(e for e in manifest if e.id == "wst-2021-22-weasyprint")
    before = digest(db_copy)
    real_insert_all = sqlite_utils.db.Table.insert_all

    def failing_insert_all(self, records, *args, **kwargs):
        if self.name == "glossary":  # reports, sections, tables, metrics are already written
            raise sqlite3.OperationalError("disk I/O error (simulated)")
        return real_insert_all(self, records, *args, **kwargs)

    monkeypatch.setattr(sqlite_utils.db.Table, "insert_all", failing_insert_all)
    with pytest.raises(sqlite3.OperationalError, match="simulated"):
        pipeline.save(extractions[variant.id], db_copy, replace=True)
    assert digest(db_copy) == before
    db = sqlite_utils.Database(db_copy)
    assert db.execute("select sha256 from reports where id = 'wst-2021-22'").fetchone()[0] != (
        variant.sha256
    )


def test_a_failed_first_ingest_leaves_no_database(tmp_path, main_entry, monkeypatch):
    path = tmp_path / "new.db"
    monkeypatch.setattr(
        store, "apply_views", lambda db: (_ for _ in ()).throw(RuntimeError("boom"))
    )
    with pytest.raises(RuntimeError):
        pipeline.ingest(main_entry.path(), path)
    assert not path.exists()


def test_cli_reports_a_period_conflict_with_exit_code_3(db_copy, manifest):
    variant = next(e for e in manifest if e.id == "wst-2021-22-weasyprint")
    result = CliRunner().invoke(cli, ["ingest", str(variant.path()), "--db", str(db_copy)])
    assert result.exit_code == 3
    assert "Error: wst-2021-22 is already stored" in result.output
    assert "Traceback" not in result.output


def test_demo_database_refuses_synthetic_reports(manifest, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # the default db path is relative: db/wst.db here
    synthetic = next(e for e in manifest if e.synthetic)
    result = CliRunner().invoke(cli, ["ingest", str(synthetic.path())])
    assert result.exit_code == 2
    assert "never goes into the demo database" in result.output
    assert not (tmp_path / "db" / "wst.db").exists()


def test_a_database_of_another_schema_version_is_refused_untouched(db_copy, manifest):
    db = sqlite_utils.Database(db_copy)
    db["meta"].upsert({"key": "schema_version", "value": "0"}, pk="key")
    db.close()
    before = digest(db_copy)
    variant = next(e for e in manifest if e.id == "wst-2021-22-weasyprint")
    args = ["ingest", str(variant.path()), "--db", str(db_copy), "--replace"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2
    assert "has database schema version 0" in result.output and "new --db" in result.output
    assert "Traceback" not in result.output
    assert digest(db_copy) == before
