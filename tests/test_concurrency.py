"""Concurrent writers and a live reader: everyone finishes, nobody sees half a report."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
import urllib.parse
import urllib.request

import sqlite_utils
from servers import Server


def _ingest(pdf, db):
    return subprocess.Popen(
        [sys.executable, "-m", "wstextract", "ingest", str(pdf), "--db", str(db)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def test_two_ingest_processes_writing_one_database(tmp_path, manifest):
    db = tmp_path / "shared.db"
    pdfs = [e.path() for e in manifest if e.id in ("wst-2021-22", "wst-2022-23-synthetic")]
    procs = [_ingest(pdf, db) for pdf in pdfs]
    outputs = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outputs
    rows = list(
        sqlite_utils.Database(db).query(
            "select r.id, count(m.id) as n from reports r join metrics m on m.report_id = r.id "
            "group by r.id order by r.id"
        )
    )
    assert [r["id"] for r in rows] == ["wst-2021-22", "wst-2022-23"]
    assert all(r["n"] > 90 for r in rows)


def test_a_live_server_never_sees_a_half_written_report(tmp_path, corpus_db, manifest):
    db = tmp_path / "live.db"
    shutil.copy(corpus_db, db)
    expected = {
        r["id"]: r["n"]
        for r in sqlite_utils.Database(db).query(
            "select report_id as id, count(*) as n from metrics group by report_id"
        )
    }
    server = Server(db, "--live")
    base = f"{server.base}/{db.stem}.json?_shape=array&sql="
    query = urllib.parse.quote(
        "select r.id, (select count(*) from metrics m where m.report_id = r.id) as n from reports r"
    )
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + query, timeout=2)
                break
            except OSError:
                time.sleep(0.2)
        variant = next(e for e in manifest if e.id == "wst-2021-22-weasyprint")
        writer = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "wstextract",
                "ingest",
                str(variant.path()),
                "--db",
                str(db),
                "--replace",
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        seen = []
        while writer.poll() is None:
            seen.append(
                {
                    r["id"]: r["n"]
                    for r in json.loads(urllib.request.urlopen(base + query, timeout=10).read())
                }
            )
            time.sleep(0.05)
        assert writer.returncode == 0, writer.communicate()
        final = {
            r["id"]: r["n"]
            for r in json.loads(urllib.request.urlopen(base + query, timeout=10).read())
        }
    finally:
        server.stop()
    assert len(seen) > 5  # the server kept answering throughout
    for state in seen:
        # every report visible is whole: the old 2021-22 or the replacement, never a part
        assert set(state) == set(expected)
        assert state["wst-2021-22"] in (expected["wst-2021-22"], final["wst-2021-22"])
        assert all(state[k] == expected[k] for k in state if k != "wst-2021-22")
