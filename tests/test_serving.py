"""A real ``wstextract serve`` process: read-only whatever a visitor sends, and stopped whole
when told (no Datasette left behind holding the port)."""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
from conftest import digest
from servers import Server, alive, listening, served

from wstextract import serve_load

# what a browsing researcher opens: pages, facets, dashboards, canned queries, search, exports
BROWSING = [
    "/",
    "/{db}",
    "/{db}/metrics?_facet=metric&_facet=unit",
    "/{db}/metrics.csv?_size=max",
    "/{db}/metrics.json?metric=cse_incidents",
    "/{db}/partner_statements?_search=encompass",
    "/{db}/metric_series?metric=child_protection_plans",
    "/{db}/compare_metric?metric=cse_incidents&category=total&unit=count",
    "/{db}/quality_issues_by_report",
    "/{db}/snippets?_size=5",
    "/-/dashboards",
    "/-/dashboards/headline",
    "/-/dashboards/explorer?metric=cse_incidents&category=total&unit=count",
    "/-/search?q=neglect",
    "/-/metadata.json",
]
# SQL that would change the database or reach outside it
WRITES = [
    "PRAGMA writable_schema = 1",
    "select * from pragma_writable_schema",
    "ATTACH DATABASE '{tmp}/attached.db' AS attached",
    "select load_extension('{tmp}/evil.so')",
    "VACUUM INTO '{tmp}/copy.db'",
    "delete from metrics",
    "update metrics set value = 0",
    "insert into reports (id) values ('x')",
    "create table planted (a)",
    "drop table metrics",
    "with x as (select 1) delete from metrics",
    "select 1; delete from metrics",
]
# every write endpoint Datasette (0.65 and the 1.0 write API) or a plugin could offer
POSTS = [
    "/{db}/-/create",
    "/{db}/metrics/-/insert",
    "/{db}/metrics/-/upsert",
    "/{db}/metrics/-/drop",
    "/{db}/metrics/1/-/update",
    "/{db}/metrics/1/-/delete",
    "/{db}?sql=delete+from+metrics",
    "/{db}/compare_metric",
]
# pages that answer a POST as they answer a GET (a dashboard renders, a debug page sets a
# cookie in the visitor's browser): harmless, as long as the file is untouched afterwards
READING_POSTS = [
    "/-/dashboards/headline",
    "/-/search",
    "/-/messages",
    "/-/allow-debug",
    "/-/permissions",
]


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode("utf-8", "replace")


def post(url: str) -> int:
    request = urllib.request.Request(
        url,
        data=json.dumps({"row": {"value": 0}, "rows": [{"value": 0}], "table": "x"}).encode(),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as e:
        return e.code


@pytest.fixture(scope="module")
def published(corpus_db, tmp_path_factory):
    """A copy of the corpus database, served; its bytes and mtime are taken before any visit."""
    db = tmp_path_factory.mktemp("served") / "published.db"
    shutil.copy(corpus_db, db)
    before = (digest(db), os.stat(db).st_mtime_ns)
    with served(db) as server:
        yield server, db, before


def test_the_database_is_served_immutable(published):
    server, db, _ = published
    status, body = get(f"{server.base}/-/databases.json")
    (database,) = [d for d in json.loads(body) if d["name"] == db.stem]
    assert status == 200 and database["is_mutable"] is False


def test_browsing_leaves_the_file_byte_for_byte_as_it_was(published):
    server, db, before = published
    for path in BROWSING:
        status, _ = get(server.base + path.format(db=db.stem))
        assert status == 200, path
    assert (digest(db), os.stat(db).st_mtime_ns) == before
    assert not (db.parent / f"{db.name}-wal").exists()  # nothing even opened it for writing


def test_sql_that_writes_or_reaches_outside_is_refused(published, tmp_path):
    server, db, before = published
    for sql in WRITES:
        query = urllib.parse.quote(sql.format(tmp=tmp_path))
        status, body = get(f"{server.base}/{db.stem}.json?sql={query}&_shape=array")
        assert status >= 400, (sql, body[:200])
    assert list(tmp_path.iterdir()) == []  # no attached, copied or loaded file appeared
    assert (digest(db), os.stat(db).st_mtime_ns) == before


def test_no_url_accepts_a_write(published):
    server, db, before = published
    for path in POSTS:
        assert post(server.base + path.format(db=db.stem)) >= 400, path
    for path in READING_POSTS:
        assert post(server.base + path) < 500, path
    assert (digest(db), os.stat(db).st_mtime_ns) == before


def test_no_plugin_can_write(published):
    """The installed plugins, by the hooks they implement: none adds a writing view."""
    server, _, _ = published
    _, body = get(f"{server.base}/-/plugins.json")
    hooks = {p["name"]: set(p["hooks"]) for p in json.loads(body)}
    assert set(hooks) >= {"datasette-dashboards", "datasette-search-all"}
    # routes are the only hook through which a plugin could take a POST; the POSTs above
    # went to every route these plugins register
    with_routes = {name for name, h in hooks.items() if "register_routes" in h}
    assert with_routes <= {"datasette-dashboards", "datasette-search-all"}, with_routes


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT])
def test_stopping_serve_stops_datasette(corpus_db, stop):
    server = Server(corpus_db)
    assert server.children, "wstextract serve runs Datasette as its child"
    assert listening(server.port)
    server.proc.send_signal(stop)
    server.proc.wait(timeout=15)
    for _ in range(50):
        if not listening(server.port) and not any(map(alive, server.children)):
            break
        time.sleep(0.1)
    assert not listening(server.port), "the port is still served"
    assert not any(map(alive, server.children)), "a Datasette process was left running"
    server.stop()  # nothing left to stop; closes its log


def test_killing_serve_outright_still_stops_datasette(corpus_db):
    """Even SIGKILL, which cannot be forwarded: the child is told by the kernel (Linux)."""
    server = Server(corpus_db)
    server.proc.kill()
    server.proc.wait(timeout=15)
    server.stop()  # fails if Datasette outlived its parent


def test_the_load_benchmark_asks_what_a_researcher_asks_and_counts_errors(corpus_db):
    """``wstextract bench-serve``: dashboards, their charts' SQL and the compare query, all
    answered without error; a request that fails is counted, not lost in the average."""
    requests = serve_load.requests_for(corpus_db)
    kinds = {r.kind for r in requests}
    assert kinds == {"dashboard headline", "dashboard explorer", "chart", "compare"}
    with served(corpus_db) as server:
        outcome = serve_load.load(server.base, requests, clients=4, seconds=3)
        assert outcome.errors == []
        assert set(outcome.latencies) == kinds and outcome.count >= len(requests)
        assert 0 < outcome.percentile(None, 50) <= outcome.percentile(None, 95)
        broken = serve_load.Request("chart", f"/{corpus_db.stem}.json?sql=select+nope")
        failed = serve_load.load(server.base, [broken], clients=1, seconds=0.5)
        assert failed.errors and "HTTP Error 400" in failed.errors[0] and failed.count == 0


def test_a_database_with_views_of_an_older_wstextract_is_refused(tmp_path):
    """Its dashboards would fail on every page; say so before serving it."""
    from click.testing import CliRunner

    from wstextract.cli import cli

    old = tmp_path / "old.db"
    with sqlite3.connect(old) as conn:
        conn.execute("create view metric_answers as select 1 as id, 2 as value")
    result = CliRunner().invoke(cli, ["serve", "--db", str(old)])
    assert result.exit_code != 0 and "views were written by an older wstextract" in result.output
    assert "no such column: corrected" in result.output and "Traceback" not in result.output
