"""Cross-year views, the compare and export commands, and the Datasette metadata."""

from __future__ import annotations

import csv
import json
import re
import sqlite3

import pyarrow.parquet as pq
import sqlite_utils
from click.testing import CliRunner

from wstextract import serve
from wstextract.cli import cli
from wstextract.corpus.build import CORPUS_DIR


def series(db, metric, category="total", unit="count"):
    return {
        r["period"]: r
        for r in db.query(
            "select * from metric_series where metric = ? and category = ? and unit = ?",
            [metric, category, unit],
        )
    }


def test_restated_figures_are_flagged_with_both_values(corpus_db):
    db = sqlite_utils.Database(corpus_db)
    cse = series(db, "cse_incidents")
    # 2021/22 says 69 for 2021-22; the 2022-23 (synthetic) report restates it as 71
    assert (cse["2021-22"]["value"], cse["2021-22"]["restated"]) == (71, 1)
    assert cse["2021-22"]["source_report"] == "wst-2022-23"
    stated = {s["report_id"]: s["value"] for s in json.loads(cse["2021-22"]["stated_values"])}
    # the 2020-21 year's table stops at 2020/21, but its police prose still says 69 for 2021/22
    assert stated == {"wst-2020-21": 69, "wst-2021-22": 69, "wst-2022-23": 71}
    assert cse["2019-20"]["restated"] == 0 and cse["2019-20"]["n_reports"] == 3
    audit = series(db, "asc_audit_rating", "good_or_higher", "percent")
    assert (audit["2019-20"]["value"], audit["2019-20"]["restated"]) == (83, 1)


def test_year_on_year_change_of_a_hand_checked_series(corpus_db):
    # CSE incidents (hand-checked from the tables): 148, 102, 88, 71 (restated), 74
    cse = series(sqlite_utils.Database(corpus_db), "cse_incidents")
    assert [cse[p]["value"] for p in sorted(cse)] == [148, 102, 88, 71, 74]
    assert cse["2018-19"]["change"] is None
    assert (cse["2019-20"]["change"], cse["2019-20"]["change_percent"]) == (-46, -31.08)
    assert (cse["2021-22"]["change"], cse["2021-22"]["change_percent"]) == (-17, -19.32)
    assert (cse["2022-23"]["previous_period"], cse["2022-23"]["change"]) == ("2021-22", 3)


def test_table_wins_over_prose_in_the_series(corpus_db):
    db = sqlite_utils.Database(corpus_db)
    rate = series(db, "cse_crime_rate", unit="percent")
    assert rate["2018-19"]["value"] == 18.24 and rate["2018-19"]["source_kind"] == "table"


def test_partner_statements_by_year(corpus_db):
    rows = list(
        sqlite_utils.Database(corpus_db).query(
            "select * from partner_statements_by_year where partner = 'West Midlands Fire Service'"
        )
    )
    assert [r["year"] for r in rows] == ["2020-21", "2021-22", "2022-23"]
    assert all(r["n_words"] > 200 and "partner_statements/" in r["link"] for r in rows)
    homes = list(
        sqlite_utils.Database(corpus_db).query(
            "select year from partner_statements_by_year where partner = 'Wolverhampton Homes'"
        )
    )
    assert [r["year"] for r in homes] == ["2021-22", "2022-23"]  # dropped in 2020-21


def test_compare_prints_the_series(corpus_db):
    result = CliRunner().invoke(cli, ["compare", "cse_incidents", "--db", str(corpus_db)])
    assert result.exit_code == 0
    rows = {ln.split("│")[3].strip(): ln for ln in result.output.splitlines() if ln.count("│") > 8}
    # 148 incidents in 2018/19, 102 in 2019/20 (the tables of 2021/22 and its synthetic years)
    assert re.search(r"│\s+102\s+│\s+-46\s+│\s+-31\.1%", rows["2019-20"]), rows["2019-20"]
    assert "148" in rows["2018-19"] and "yes" in rows["2021-22"]  # 2022-23 restates 69 as 71
    bad = CliRunner().invoke(cli, ["compare", "cse_incident", "--db", str(corpus_db)])
    assert bad.exit_code == 1 and "known metrics: " in bad.output


def test_export_writes_tidy_tables_in_each_format(corpus_db, tmp_path):
    for fmt in ("csv", "json", "parquet"):
        out = tmp_path / fmt
        result = CliRunner().invoke(
            cli, ["export", "--format", fmt, "--out", str(out), "--db", str(corpus_db)]
        )
        assert result.exit_code == 0, result.output
        assert (out / f"metric_series.{fmt}").exists()
    with (tmp_path / "csv" / "metrics.csv").open() as f:
        rows = list(csv.DictReader(f))
    assert {"metric", "category", "period", "value", "unit", "page", "bbox"} <= set(rows[0])
    with sqlite3.connect(corpus_db) as conn:
        (n_metrics,) = conn.execute("select count(*) from metrics").fetchone()
        (n_series,) = conn.execute("select count(*) from metric_series").fetchone()
    assert len(rows) == n_metrics
    series = json.loads((tmp_path / "json" / "metric_series.json").read_text())
    table = pq.read_table(tmp_path / "parquet" / "metric_series.parquet")
    assert len(series) == table.num_rows == n_series > 0
    # the same answer in every format: CSE incidents in 2019/20
    cse = [r for r in series if (r["metric"], r["period"]) == ("cse_incidents", "2019-20")]
    assert [r["value"] for r in cse if r["unit"] == "count"] == [102]
    parquet = table.to_pylist()
    assert [r for r in parquet if (r["metric"], r["period"]) == ("cse_incidents", "2019-20")] == cse


def test_metadata_documents_every_table_for_the_database_served(corpus_db):
    metadata = serve.build_metadata(corpus_db)
    name = corpus_db.stem
    tables = metadata["databases"][name]["tables"]
    assert "`total` when there is none" in tables["metrics"]["columns"]["category"]
    assert "reports" in tables and tables["partner_statements"]["description"]
    assert metadata["plugins"]["datasette-dashboards"]["explorer"]["charts"]["series"]["db"] == name
    assert "wst-2022-23" in metadata["description_html"]
    assert "compare_metric" in metadata["databases"][name]["queries"]


def test_review_lists_figures_near_a_metric_that_were_not_promoted(corpus_db):
    db = sqlite_utils.Database(corpus_db)
    rows = list(db.query("select * from review_candidates where report_id = 'wst-2021-22'"))
    # the 5.58% reduction: its sentence names no metric, the one before names three
    reduction = [r for r in rows if r["figure"] == "5.58%"]
    assert len(reduction) == 1 and reduction[0]["reason"]
    assert all(r["nearest_metric"] and r["reason"] for r in rows)
    # nothing promoted is listed, nothing listed is in metrics
    promoted = {
        (r["page"], r["bbox"])
        for r in db.query(
            "select page, bbox from metrics where report_id = 'wst-2021-22' "
            "and source_kind = 'narrative'"
        )
    }
    listed = {
        (r["page"], r["bbox"])
        for r in db.query(
            "select f.page, f.bbox from review_candidates c join narrative_figures f "
            "on f.id = c.figure_id where c.report_id = 'wst-2021-22'"
        )
    }
    assert not promoted & listed
    result = CliRunner().invoke(cli, ["review", "wst-2021-22", "--db", str(corpus_db)])
    assert result.exit_code == 0, result.output
    assert "5.58%" in result.output and f"{len(rows)} figures near a metric" in result.output
    unknown = CliRunner().invoke(cli, ["review", "wst-1999-00", "--db", str(corpus_db)])
    assert unknown.exit_code != 0 and "no report 'wst-1999-00'" in unknown.output


def test_accuracy_names_a_missing_truth_file_in_one_line(tmp_path):
    # a manifest entry written before its truth is a mistake in the corpus, not our bug
    manifest = (CORPUS_DIR / "manifest.toml").read_text(encoding="utf-8")
    start = manifest.index("\n[[report]]\n")
    first = manifest[start : manifest.index("\n[[report]]\n", start + 1)]
    first = first.replace("expected/wst-2021-22.json", "expected/not-written-yet.json")
    (tmp_path / "manifest.toml").write_text(first, encoding="utf-8")
    result = CliRunner().invoke(cli, ["accuracy", "--no-baselines", "--corpus-dir", str(tmp_path)])
    assert result.exit_code == 2
    assert "not-written-yet.json: no such file" in result.output
    assert "Traceback" not in result.output and "internal error" not in result.output


def test_accuracy_scores_a_document_against_its_truth(tmp_path):
    result = CliRunner().invoke(cli, ["accuracy", "--only", "wst-2021-22", "--no-baselines"])
    assert result.exit_code == 0, result.output
    row = next(line for line in result.output.splitlines() if "wst-2021-22" in line)
    assert "100.0% (36/36)" in row  # tables: precision and recall
    assert "WRONG" not in result.output
