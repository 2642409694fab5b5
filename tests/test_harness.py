"""The test suite's own guards: a CI machine cannot pass by skipping what it lacks."""

from __future__ import annotations

from pathlib import Path

import pytest
import test_browser
from conftest import require


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
