"""The published site, in a real headless browser (Debian's chromium driven by Playwright).

A server is started on a free localhost port against a database holding the real report and
both synthetic years. Without chromium these tests skip, saying why; under CI=true a missing
chromium is a failure.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import require
from servers import served

from wstextract.cli import cli

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARTIFACTS = Path(__file__).resolve().parents[1] / "build" / "screenshots"


@pytest.fixture(scope="module")
def site(corpus_db):
    with served(corpus_db) as server:
        yield server.base, corpus_db.stem


def need_chromium() -> str:
    """Debian's chromium, or skip (fail under CI) saying how to install it."""
    require(bool(CHROMIUM), "Debian's chromium for the browser tests (apt-get install chromium)")
    return CHROMIUM


@pytest.fixture(scope="module")
def browser():
    executable = need_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=executable,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture()
def page(browser):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    yield page
    page.close()


def test_home_page_explains_the_database(site, page):
    base, _ = site
    page.goto(base + "/")
    assert (
        "Wolverhampton Safeguarding Together annual reports, as data" in page.title()
        or page.get_by_text("Wolverhampton Safeguarding Together annual reports").count()
    )
    body = page.inner_text("body")
    assert "Headline series" in body and "Reports in this database" in body
    assert "wst-2021-22" in body and "SYNTHETIC" in body


def shown_rows(page) -> list[dict[str, str]]:
    """The rows of the page's results table, each as column name -> text shown."""
    table = page.locator("table.rows-and-columns")
    table.wait_for(timeout=15000)
    header = [h.strip() for h in table.locator("thead th").all_inner_texts()]
    return [
        dict(zip(header, (c.strip() for c in row.locator("td").all_inner_texts()), strict=True))
        for row in table.locator("tbody tr").all()
    ]


def test_compare_query_shows_the_cse_series(site, page):
    base, db = site
    page.goto(f"{base}/{db}/compare_metric?metric=cse_incidents&category=total&unit=count")
    rows = shown_rows(page)
    assert [r["period"] for r in rows] == ["2018-19", "2019-20", "2020-21", "2021-22", "2022-23"]
    # 2021-22 is restated by the 2022-23 synthetic year: the latest report's 71 is shown
    assert [float(r["value"]) for r in rows] == [148, 102, 88, 71, 74]


def test_compare_with_only_a_metric_name_shows_every_category_and_unit(site, page, corpus_db):
    """A researcher types only the metric: every category and unit it has, none missing."""
    base, db = site
    page.goto(f"{base}/{db}/compare_metric?metric=child_protection_plans")
    shown = {(r["category"], r["unit"], r["period"], float(r["value"])) for r in shown_rows(page)}
    with sqlite3.connect(corpus_db) as conn:
        stored = set(
            conn.execute(
                "select category, unit, period, value from metric_series "
                "where metric = 'child_protection_plans'"
            ).fetchall()
        )
    assert shown == stored
    assert {u for _, u, _, _ in shown} == {"count", "percent"}
    assert {c for c, *_ in shown} >= {
        "neglect", "physical_abuse", "sexual_abuse", "emotional_abuse", "multiple"
    }  # fmt: skip
    # the names to type are one click away: the vocabulary lists this metric's categories
    page.goto(f"{base}/{db}/metric_vocabulary")
    vocabulary = shown_rows(page)
    assert {
        (r["category"], r["unit"]) for r in vocabulary if r["metric"] == "child_protection_plans"
    } == {(c, u) for c, u, _, _ in stored}


def test_what_changed_between_two_reports(site, page):
    base, db = site
    page.goto(f"{base}/{db}/what_changed?from_report=wst-2021-22&to_report=wst-2022-23")
    rows = shown_rows(page)
    kinds = {r["what"] for r in rows}
    assert {"metric moved", "missing partner", "restated figure"} <= kinds
    moved = [r for r in rows if r["what"] == "metric moved"]
    concerns = next(r for r in moved if r["item"] == "adult_safeguarding_concerns / total (count)")
    assert (float(concerns["from_value"]), float(concerns["to_value"])) == (3806, 4158)
    # the largest moves first
    changes = [abs(float(r["change_percent"])) for r in moved if r["change_percent"]]
    assert changes == sorted(changes, reverse=True)
    assert any(
        r["item"] == "Healthwatch Wolverhampton" for r in rows if r["what"] == "missing partner"
    )
    restated = [r for r in rows if r["what"] == "restated figure"]
    assert any(
        r["item"] == "cse_incidents / total (count) 2021-22" and float(r["to_value"]) == 71
        for r in restated
    )
    ARTIFACTS.mkdir(parents=True, exist_ok=True)  # docs/ holds a copy
    page.screenshot(path=str(ARTIFACTS / "what-changed.png"), full_page=True)


def test_dashboard_chart_renders(site, page):
    base, _ = site
    page.goto(f"{base}/-/dashboards/explorer?metric=cse_incidents&category=total&unit=count")
    chart = page.locator("svg.marks, canvas.marks").first
    chart.wait_for(timeout=15000)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "explorer-cse-incidents.png"), full_page=True)
    assert page.locator("svg.marks path, canvas.marks").count() > 0
    page.goto(f"{base}/-/dashboards/headline")
    # every chart of the dashboard draws, however slowly the machine renders them
    page.wait_for_function(
        "document.querySelectorAll('svg.marks, canvas.marks').length >= 5", timeout=30000
    )
    assert page.locator("svg.marks, canvas.marks").count() >= 5
    page.screenshot(path=str(ARTIFACTS / "headline.png"), full_page=True)


def test_searching_statements_finds_operation_encompass(site, page):
    base, db = site
    page.goto(f"{base}/{db}/partner_statements?_search=%22Operation+Encompass%22")
    body = page.inner_text("table.rows-and-columns")
    assert "West Midlands Police" in body
    assert not any(p in body for p in ("Wolverhampton Homes", "Healthwatch"))


def test_a_metric_row_shows_its_source_snippet(site, page):
    base, db = site
    page.goto(f"{base}/{db}/metrics?metric=cse_incidents&period=2018-19&source_kind=table")
    row = page.locator("table.rows-and-columns tbody tr").first
    assert row.locator("td.col-value").inner_text().strip() == "148.0"
    row.locator("td.col-snippet_id a").click()  # one click from the number to the page
    image = page.locator("td.col-png img, img").first
    image.wait_for()
    assert image.get_attribute("src").startswith("data:image/png;base64,")
    assert page.evaluate("img => img.naturalWidth", image.element_handle()) > 100
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "snippet.png"))


def test_serving_is_read_only(site):
    base, db = site
    url = f"{base}/{db}.json?sql=" + urllib.parse.quote("delete from metrics") + "&_shape=array"
    try:
        response = urllib.request.urlopen(url)
        body = response.read().decode()
    except urllib.error.HTTPError as e:
        body = e.read().decode()
    assert "Statement must be a SELECT" in body or "readonly" in body.lower()
    count = json.loads(
        urllib.request.urlopen(
            f"{base}/{db}.json?sql=select+count(*)+as+n+from+metrics&_shape=array"
        ).read()
    )
    assert count[0]["n"] > 0


def test_a_correction_from_the_cli_is_marked_on_the_dashboard(corpus_db, tmp_path, page):
    """A researcher serving --live corrects a number from the terminal, reloads the dashboard
    and sees that point marked as corrected (a red diamond; the legend says what it means)."""
    db = tmp_path / "corrected.db"
    shutil.copy(corpus_db, db)
    with sqlite3.connect(db) as conn:
        (metric_id,) = conn.execute(
            "select metric_id from metric_series where metric = 'cse_incidents' "
            "and category = 'total' and unit = 'count' and period = '2019-20'"
        ).fetchone()
    red = 'svg.marks path[fill="#d62728"]'
    url = "/-/dashboards/explorer?metric=cse_incidents&category=total&unit=count"
    with served(db, "--live") as server:
        page.goto(server.base + url)
        page.locator("svg.marks").first.wait_for(timeout=15000)
        before = page.locator(red).count()  # the legend's symbol, and no point yet
        result = CliRunner().invoke(
            cli,
            ["correct", str(metric_id), "--value", "103", "--reason", "test", "--db", str(db)],
        )
        assert result.exit_code == 0, result.output
        page.reload()
        page.locator("svg.marks").first.wait_for(timeout=15000)
        page.wait_for_function(
            f"document.querySelectorAll('{red}').length > {before}", timeout=15000
        )
        assert page.locator(red).count() == before + 1
        # the values table beside the chart: the corrected value, marked, with what it replaced
        values = page.locator("table", has=page.locator("th", has_text="original_value"))
        header = [h.strip() for h in values.locator("th").all_inner_texts()]
        row = values.locator("tr", has_text="2019-20").first.locator("td").all_inner_texts()
        shown = dict(zip(header, (c.strip() for c in row), strict=True))
        assert (shown["value"], shown["corrected"], shown["original_value"]) == ("103", "1", "102")
        ARTIFACTS.mkdir(parents=True, exist_ok=True)  # docs/ holds a copy
        page.screenshot(path=str(ARTIFACTS / "dashboard-corrected-point.png"), full_page=True)
