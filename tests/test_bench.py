"""Performance measurements a user relies on: memory stays flat as reports grow, and the
profile of an ingest names where its time goes. (Timings themselves are benchmarks, printed by
``make bench``, never asserted by tests.)"""

from __future__ import annotations

from click.testing import CliRunner

from wstextract import bench
from wstextract.cli import cli


def test_peak_memory_stays_flat_as_page_count_grows():
    """Issue #6: a ~600-page report may need at most 1.3x the peak memory of a ~50-page one.
    Each ingest runs in a fresh process, so each peak is its own."""
    short, long = bench.memory_growth(copies=(1, 12))
    assert short.pages < 60 and long.pages > 500, (short.pages, long.pages)
    growth = long.peak_mib / short.peak_mib
    assert growth <= 1.3, (
        f"{long.pages} pages peak at {long.peak_mib:.0f} MiB, {growth:.2f}x the "
        f"{short.peak_mib:.0f} MiB of {short.pages} pages"
    )


def test_bench_profile_shows_where_an_ingest_spends_its_time(main_entry):
    result = CliRunner().invoke(cli, ["bench", str(main_entry.path()), "--profile"])
    assert result.exit_code == 0, result.output
    for stage in ("read_pages", "extract_words", "_narrative", "render_snippets"):
        assert stage in result.output
