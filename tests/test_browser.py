"""The published site, in a real headless browser (Debian's chromium driven by Playwright).

A server is started on a free localhost port against a database holding the real report and
both synthetic years. Without chromium these tests skip, saying why; under CI=true a missing
chromium is a failure.
"""

from __future__ import annotations

import json
import shutil
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from conftest import require
from servers import served

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


def test_compare_query_shows_the_cse_series(site, page):
    base, db = site
    page.goto(f"{base}/{db}/compare_metric?metric=cse_incidents&category=total&unit=count")
    rows = page.locator("table.rows-and-columns tbody tr")
    periods = [rows.nth(i).locator("td").nth(0).inner_text().strip() for i in range(rows.count())]
    values = [rows.nth(i).locator("td").nth(1).inner_text().strip() for i in range(rows.count())]
    assert periods == ["2018-19", "2019-20", "2020-21", "2021-22", "2022-23"]
    # 2021-22 is restated by the 2022-23 synthetic year: the latest report's 71 is shown
    assert [float(v) for v in values] == [148, 102, 88, 71, 74]


def test_dashboard_chart_renders(site, page):
    base, _ = site
    page.goto(f"{base}/-/dashboards/explorer?metric=cse_incidents&category=total&unit=count")
    chart = page.locator("svg.marks, canvas.marks").first
    chart.wait_for(timeout=15000)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "explorer-cse-incidents.png"), full_page=True)
    assert page.locator("svg.marks path, canvas.marks").count() > 0
    page.goto(f"{base}/-/dashboards/headline")
    page.locator("svg.marks, canvas.marks").first.wait_for(timeout=15000)
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
