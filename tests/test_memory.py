"""Memory stays flat as reports grow (issue #6): a ~600-page report may need at most 1.3x the
peak memory of a ~50-page one. Each ingest runs in a fresh process, so each peak is its own;
``make bench`` prints the same measurement."""

from __future__ import annotations

from wstextract import bench


def test_peak_memory_stays_flat_as_page_count_grows():
    short, long = bench.memory_growth(copies=(1, 12))
    assert short.pages < 60 and long.pages > 500, (short.pages, long.pages)
    growth = long.peak_mib / short.peak_mib
    assert growth <= 1.3, (
        f"{long.pages} pages peak at {long.peak_mib:.0f} MiB, {growth:.2f}x the "
        f"{short.peak_mib:.0f} MiB of {short.pages} pages"
    )
