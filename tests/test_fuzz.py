"""Property: whatever bytes arrive, ingest ends in a stored report or a clean named error,
within its time limits, and never leaves a half-written database."""

from __future__ import annotations

import sqlite3
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from wstextract import errors, pipeline
from wstextract.corpus import build, render_pdf, source
from wstextract.layout import Limits

LIMITS = Limits(max_pages=100, page_timeout=10)


@pytest.fixture(scope="module")
def mini_report(tmp_path_factory, main_entry) -> bytes:
    """The corpus report's first sections and its glossary: a real report, a few pages long,
    so that hundreds of mutations run in minutes."""
    doc = source.load(build.CORPUS_DIR / main_entry.source)

    def at(anchor: str) -> int:
        return next(
            i
            for i, b in enumerate(doc.blocks)
            if isinstance(b, source.Heading) and b.anchor == anchor
        )

    glossary = next(
        i for i, b in enumerate(doc.blocks) if isinstance(b, source.Table) and b.name == "glossary"
    )
    # cover, contents, foreword; leadership and governance; the glossary (about 7 pages)
    kept = [
        *doc.blocks[: at("report")],
        *doc.blocks[at("governance") : at("strategic-plan")],
        source.PageBreak(),
        *doc.blocks[at("appendix-b") : glossary + 1],
    ]
    anchors = {b.anchor for b in kept if isinstance(b, source.Heading) and b.anchor}
    kept = [
        source.replace(b, entries=tuple(e for e in b.entries if e.anchor in anchors))
        if isinstance(b, source.Contents)
        else b
        for b in kept
    ]
    path = tmp_path_factory.mktemp("fuzz") / "mini.pdf"
    render_pdf.write_pdf(source.Document(kept), path, running_title="Fuzz seed")
    data = path.read_bytes()
    x = pipeline.extract(path, limits=LIMITS)  # the unmutated seed is a report we can read
    assert x.report.id == "wst-2021-22" and x.count("glossary") == 50
    return data


# byte flips anywhere past the header, sometimes a truncation; positions as fractions of the file
mutation = st.tuples(
    st.lists(st.tuples(st.integers(8, 2**31), st.integers(0, 255)), min_size=1, max_size=6),
    st.one_of(st.none(), st.none(), st.none(), st.floats(0.05, 1)),
)


@settings(
    max_examples=200,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(mutation=mutation)
def test_mutated_pdfs_end_in_success_or_a_clean_error(mini_report, mutation):
    flips, truncate_at = mutation
    data = bytearray(mini_report)
    for where, byte in flips:
        data[8 + where % (len(data) - 8)] = byte
    if truncate_at is not None:
        data = data[: int(truncate_at * len(data))]
    with tempfile.TemporaryDirectory() as tmp:
        pdf, db = Path(tmp) / "mutant.pdf", Path(tmp) / "mutant.db"
        pdf.write_bytes(bytes(data))
        try:
            result = pipeline.ingest(pdf, db, limits=LIMITS)
        except errors.WstError as e:
            event(type(e).__name__)
            assert str(e) and "\n" not in str(e)
            assert not db.exists(), "a failed first ingest must leave no database"
            return
        with sqlite3.connect(db) as conn:
            (reports,) = conn.execute("select count(*) from reports").fetchone()
            (metrics,) = conn.execute("select count(*) from metrics").fetchone()
        event("stored")
        assert reports == 1 and metrics == result.extraction.count("metrics")
