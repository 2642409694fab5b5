"""Researchers' corrections and additions: kept beside the extracted data, shown in the answers
and series, and never lost to a re-ingest, a --replace or a new database."""

from __future__ import annotations

import csv
import shutil
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import digest

from wstextract.cli import cli

CSE_2019 = ("cse_incidents", "total", "2019-20", "count")  # 102 in the 2021/22 report's table


@pytest.fixture()
def db(corpus_db, tmp_path):
    path = tmp_path / "research.db"
    shutil.copy(corpus_db, path)
    return path


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def answer(db, report_id, question=CSE_2019) -> tuple:
    with sqlite3.connect(db) as conn:
        return conn.execute(
            "select value, corrected, original_value, source_kind from metric_answers "
            "where report_id = ? and metric = ? and category = ? and period = ? and unit = ?",
            [report_id, *question],
        ).fetchone()


def metric_id(db, report_id, question=CSE_2019) -> int:
    with sqlite3.connect(db) as conn:
        (found,) = conn.execute(
            "select id from metric_answers where report_id = ? and metric = ? and category = ? "
            "and period = ? and unit = ?",
            [report_id, *question],
        ).fetchone()
    return found


def test_a_correction_is_shown_with_what_it_replaced_and_its_history_kept(db):
    assert answer(db, "wst-2021-22") == (102, 0, None, "table")
    first = run("correct", metric_id(db, "wst-2021-22"), "--value", 103, "--reason", "p.32",
                "--by", "ann", "--db", db)  # fmt: skip
    assert first.exit_code == 0, first.output
    assert "102 -> 103" in first.output
    again = run("correct", metric_id(db, "wst-2021-22"), "--value", 104, "--reason", "re-read",
                "--by", "bob", "--db", db)  # fmt: skip
    assert "103 -> 104" in again.output
    assert answer(db, "wst-2021-22") == (104, 1, 102, "table")
    with sqlite3.connect(db) as conn:
        history = conn.execute(
            "select value, replaced_value, made_by, reason from corrections order by id"
        ).fetchall()
        series = conn.execute(
            "select corrected, original_value, stated_values from metric_series "
            "where metric = ? and category = ? and period = ? and unit = ?",
            CSE_2019,
        ).fetchone()
    assert history == [(103, 102, "ann", "p.32"), (104, 103, "bob", "re-read")]
    # the series of every report: a correction of one report is that report's answer
    assert '"report_id":"wst-2021-22","value":104' in series[2]
    listed = run("corrections", "list", "--db", db).output
    assert "superseded" in listed and "applied" in listed


def test_a_correction_survives_replace_and_travels_to_a_new_database(db, main_entry, tmp_path):
    run("correct", metric_id(db, "wst-2021-22"), "--value", 103, "--reason", "p.32", "--db", db)
    replaced = run("ingest", main_entry.path(), "--db", db, "--replace")
    assert replaced.exit_code == 0, replaced.output
    assert answer(db, "wst-2021-22") == (103, 1, 102, "table")  # new row ids, same question
    shared = tmp_path / "corrections.csv"
    assert "exported 1 corrections" in run("corrections", "export", shared, "--db", db).output
    fresh = tmp_path / "fresh.db"
    # imported before the report is ingested: it waits for the report's file
    assert "imported 1 corrections" in run("corrections", "import", shared, "--db", fresh).output
    assert "report not stored" in run("corrections", "list", "--db", fresh).output
    assert run("ingest", main_entry.path(), "--db", fresh).exit_code == 0
    assert answer(fresh, "wst-2021-22") == (103, 1, 102, "table")
    again = run("corrections", "import", shared, "--db", fresh).output
    assert "imported 0 corrections" in again and "1 already held" in again


def test_an_unmatched_correction_is_reported_by_ingest_and_kept(db, main_entry, tmp_path):
    """A correction of a question the report no longer answers (a newer extractor reads it
    otherwise): ingest names it, the list keeps it, nothing shows it as an answer."""
    row = [_sha(db), "wst-2021-22", "cse_incidents", "total", "2017-18", "count", 150, 140,
           "correction", 32, "read otherwise", "ann", "2026-01-01T00:00:00+00:00"]  # fmt: skip
    assert run("corrections", "import", _csv_with(db, tmp_path, row), "--db", db).exit_code == 0
    result = run("ingest", main_entry.path(), "--db", db, "--replace")
    assert result.exit_code == 0, result.output
    assert "cse_incidents/total 2017-18 (count) = 150 matches no stored number any more" in (
        result.output
    )
    assert "unmatched" in run("corrections", "list", "--db", db).output
    assert answer(db, "wst-2021-22", ("cse_incidents", "total", "2017-18", "count")) is None


def _csv_with(db, tmp_path, *rows) -> Path:
    """A corrections file as another researcher would send it: the export's header, and rows."""
    shared = tmp_path / "shared.csv"
    run("corrections", "export", shared, "--db", db)
    with shared.open("a", newline="") as f:
        csv.writer(f).writerows(rows)
    return shared


def _sha(db, report_id="wst-2021-22") -> str:
    with sqlite3.connect(db) as conn:
        return conn.execute("select sha256 from reports where id = ?", [report_id]).fetchone()[0]


def test_ingest_says_when_the_extractor_now_agrees(db, main_entry, tmp_path):
    """A correction made when an older extractor read 101: this one reads 102, as corrected."""
    row = [_sha(db), "wst-2021-22", *CSE_2019, 102, 101, "correction", 32, "p.32", "ann",
           "2026-01-01T00:00:00+00:00"]  # fmt: skip
    assert run("corrections", "import", _csv_with(db, tmp_path, row), "--db", db).exit_code == 0
    result = run("ingest", main_entry.path(), "--db", db, "--replace")
    assert "the extractor now reads cse_incidents/total 2019-20 (count) as 102 itself" in (
        result.output
    )
    assert answer(db, "wst-2021-22") == (102, 0, None, "table")
    assert "agrees" in run("corrections", "list", "--db", db).output


def test_replacing_the_file_of_a_report_keeps_its_corrections_and_says_so(db, manifest):
    """--replace with another file of the same report (another producer's PDF): a correction is
    about the file it was made on, so it is kept, not applied, and ingest names it."""
    run("correct", metric_id(db, "wst-2021-22"), "--value", 103, "--reason", "p.32", "--db", db)
    other = next(e for e in manifest if e.id == "wst-2021-22-weasyprint")
    result = run("ingest", other.path(), "--db", db, "--replace")
    assert result.exit_code == 0, result.output
    assert "was made on another file of the report" in result.output
    assert answer(db, "wst-2021-22") == (102, 0, None, "table")
    assert "report not stored" in run("corrections", "list", "--db", db).output


def test_an_older_correction_imported_later_does_not_override_a_newer_one(db, tmp_path):
    run("correct", metric_id(db, "wst-2021-22"), "--value", 103, "--reason", "mine", "--db", db)
    older = [_sha(db), "wst-2021-22", *CSE_2019, 150, 102, "correction", 32, "a colleague's",
             "bob", "2020-01-01T00:00:00+00:00"]  # fmt: skip
    assert run("corrections", "import", _csv_with(db, tmp_path, older), "--db", db).exit_code == 0
    assert answer(db, "wst-2021-22") == (103, 1, 102, "table")


def test_a_figure_printed_only_in_a_chart_can_be_added(db):
    question = ("cse_incidents", "total", "2017-18", "count")
    result = run("add", "--report", "wst-2021-22", "--metric", "cse_incidents", "--period",
                 "2017/18", "--unit", "count", "--value", 161, "--page", 33, "--reason",
                 "bar chart on p.33", "--db", db)  # fmt: skip
    assert result.exit_code == 0, result.output
    assert answer(db, "wst-2021-22", question) == (161, 1, None, "researcher")
    with sqlite3.connect(db) as conn:
        row = conn.execute(
            "select value, corrected, source_kind from metric_series where metric = ? and "
            "category = ? and period = ? and unit = ?",
            question,
        ).fetchone()
    assert row == (161, 1, "researcher")
    assert "added" in run("corrections", "list", "--db", db).output


@pytest.mark.parametrize(
    "args, message",
    [
        (["correct", 999999, "--value", 1], "no stored metric has id 999999"),
        (["correct", "HIDDEN", "--value", 1], "its question is answered by metric"),
        (["correct", "CSE", "--value", 102], "2019-20 is already shown as 102; nothing to correct"),
        (["correct", "CSE", "--value", -5], "a count must be a non-negative integer, got -5"),
        (["correct", "CSE", "--value", 2.5], "a count must be an integer, got 2.5"),
        (["correct", "RATE", "--value", 120], "a percent must be within 0-100, got 120"),
        (["add", "--report", "wst-2021-22", "--metric", "cse_incidents", "--period", "2024-25",
          "--unit", "count", "--value", 5, "--page", 3], "2024-25: outside the report"),
        (["add", "--report", "wst-2021-22", "--metric", "cse_incidents", "--period", "1900-01",
          "--unit", "count", "--value", 5, "--page", 3], "1900-01: outside the report"),
        (["add", "--report", "wst-2021-22", "--metric", "cse_incident", "--period", "2021-22",
          "--unit", "count", "--value", 5, "--page", 3], "cse_incident: not a known metric"),
        (["add", "--report", "wst-2021-22", "--metric", "cse_incidents", "--period", "2021-22",
          "--unit", "count", "--value", 5, "--page", 900], "page 900: wst-2021-22 has pages 1"),
        (["add", "--report", "wst-1999-00", "--metric", "cse_incidents", "--period", "1999-00",
          "--unit", "count", "--value", 5, "--page", 1], "wst-1999-00: no such report stored"),
    ],
)  # fmt: skip
def test_bad_corrections_are_refused_and_change_nothing(db, args, message):
    with sqlite3.connect(db) as conn:  # a prose row whose question a table answers
        (hidden,) = conn.execute(
            "select m.id from metrics m where m.source_kind = 'narrative' and m.id not in "
            "(select id from metric_answers where id is not null) limit 1"
        ).fetchone()
    ids = {
        "CSE": metric_id(db, "wst-2021-22"),
        "RATE": metric_id(db, "wst-2021-22", ("cse_crime_rate", "total", "2019-20", "percent")),
        "HIDDEN": hidden,
    }
    before = digest(db)
    result = run(*[ids.get(a, a) for a in args], "--reason", "x", "--db", db)
    assert result.exit_code == 2, result.output
    assert result.output.startswith("Error: ") and message in result.output, result.output
    assert len(result.output.strip().splitlines()) == 1 and "Traceback" not in result.output
    assert digest(db) == before


def test_a_damaged_corrections_file_imports_nothing(db, tmp_path):
    good, bad = tmp_path / "good.csv", tmp_path / "bad.csv"
    run("correct", metric_id(db, "wst-2021-22"), "--value", 103, "--reason", "p.32", "--db", db)
    run("corrections", "export", good, "--db", db)
    lines = good.read_text().splitlines()
    bad.write_text("\n".join([*lines, lines[1].replace(",103.0,", ",-7,")]) + "\n")
    before = digest(db)
    result = run("corrections", "import", bad, "--db", db)
    assert result.exit_code == 2 and "line 3" in result.output, result.output
    assert digest(db) == before


@pytest.mark.parametrize("command", [["corrections", "list"], ["corrections", "export", "x.csv"]])
def test_a_file_that_is_not_a_database_is_bad_input(tmp_path, command):
    junk = tmp_path / "notes.db"
    junk.write_text("these are my notes, not a database")
    result = run(*command, "--db", junk)
    assert result.exit_code == 2 and "not a SQLite database" in result.output, result.output
    assert junk.read_text() == "these are my notes, not a database"


def test_a_bad_corrections_file_creates_no_database(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("metric,value\ncse_incidents,5\n")
    fresh = tmp_path / "new" / "fresh.db"
    result = run("corrections", "import", bad, "--db", fresh)
    assert result.exit_code == 2 and "not a corrections file" in result.output, result.output
    assert not fresh.parent.exists()
    unwritable = run("corrections", "export", tmp_path / "no" / "such" / "dir.csv", "--db", bad)
    assert unwritable.exit_code == 2 and "Traceback" not in unwritable.output
