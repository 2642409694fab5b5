"""What the end of a test run says besides pass and fail (a pytest hook, used by conftest)."""

from __future__ import annotations

import sys
from collections import Counter


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
    fuzz = sys.modules.get("test_fuzz")
    if fuzz and fuzz.summary():
        terminalreporter.write_line(fuzz.summary())
