"""The test suite's own guards: a CI machine cannot pass by skipping what it lacks."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
import test_browser
from conftest import require
from servers import alive


def test_a_missing_tool_fails_the_run_under_ci(monkeypatch):
    monkeypatch.setenv("CI", "true")
    monkeypatch.setattr(test_browser, "CHROMIUM", None)
    with pytest.raises(pytest.fail.Exception, match="CI must have this: Debian's chromium"):
        test_browser.need_chromium()


def test_a_missing_tool_skips_with_its_install_hint_elsewhere(monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setattr(test_browser, "CHROMIUM", None)
    with pytest.raises(pytest.skip.Exception, match="apt-get install chromium"):
        test_browser.need_chromium()
    require(True, "anything present")  # present: neither skips nor fails


def test_skipped_tests_are_listed_in_one_plain_line(pytester, monkeypatch):
    monkeypatch.setenv("PYTHONPATH", str(Path(__file__).parent))
    pytester.makeconftest("from reporting import pytest_terminal_summary  # noqa: F401")
    pytester.makepyfile(
        test_one="""
import pytest
def test_a(): pytest.skip("no frobnicator (apt-get install frob)")
def test_b(): pytest.skip("no frobnicator (apt-get install frob)")
def test_c(): pass
""",
    )
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    result.assert_outcomes(passed=1, skipped=2)
    result.stdout.fnmatch_lines(["SKIPPED 2 tests: 2 x no frobnicator (apt-get install frob)"])


def test_a_run_that_leaves_a_server_running_fails(pytester, monkeypatch):
    """The end-of-run check: a server a test started and never stopped fails the run, and is
    stopped so it does not hold its port."""
    monkeypatch.setenv("PYTHONPATH", str(Path(__file__).parent))
    pytester.makeconftest(
        "from reporting import pytest_sessionfinish, pytest_terminal_summary  # noqa: F401"
    )
    pytester.makepyfile(
        test_leak="""
import sqlite3
from servers import Server, alive

def test_forgets_to_stop(tmp_path):
    db = tmp_path / "tiny.db"
    sqlite3.connect(db).execute("create table reports (id text)").connection.commit()
    server = Server(db)
    assert server.children and alive(server.children[0])
    (tmp_path.parent / "pids").write_text(" ".join(map(str, server.children)))
""",
    )
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "--basetemp", "base")
    result.stdout.fnmatch_lines(["FAILED: the run left server processes *running", "*1 passed*"])
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    pids = [int(p) for p in (pytester.path / "base" / "pids").read_text().split()]
    for _ in range(50):
        if not any(alive(p) for p in pids):
            break
        time.sleep(0.1)
    assert not any(alive(p) for p in pids), "the stray server was not stopped"
