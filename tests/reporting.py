"""What the end of a test run says besides pass and fail (a pytest hook, used by conftest)."""

from __future__ import annotations

import os
import signal
import sys
from collections import Counter

import pytest


def pytest_terminal_summary(terminalreporter) -> None:
    """End the run with what was skipped, in one plain line, and the fuzz outcome counts."""
    skipped = terminalreporter.stats.get("skipped", [])
    if skipped:
        reasons = Counter(
            r.longrepr[2].removeprefix("Skipped: ") if isinstance(r.longrepr, tuple) else "?"
            for r in skipped
        )
        listed = "; ".join(f"{n} x {reason}" for reason, n in reasons.most_common())
        terminalreporter.write_line(f"SKIPPED {len(skipped)} tests: {listed}")
    left = terminalreporter.config.stash.get(LEFT, [])
    if left:
        terminalreporter.write_line(f"FAILED: the run left server processes {left} running")
    fuzz = sys.modules.get("test_fuzz")
    if fuzz and fuzz.summary():
        terminalreporter.write_line(fuzz.summary())


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session, exitstatus) -> None:
    """A run that leaves a server it started alive fails, and the stray is stopped."""
    servers = sys.modules.get("servers")
    left = servers.leftovers() if servers else []
    for pid in left:
        os.kill(pid, signal.SIGKILL)
    if left:
        session.config.stash[LEFT] = left
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


LEFT = pytest.StashKey[list]()
