"""Property: whatever a mutated PDF holds, ingest ends in a stored report or a clean named
error for bad input, within its time limits, and never leaves a half-written database.

An internal error (our bug) or a hang fails the test. Mutations go through the PDF's structure
(see ``fuzzing.py``). Every run draws new examples; ``FUZZ_EXAMPLES`` sets how many (``make
fuzz`` runs 2,000 and prints the count of each outcome).
"""

from __future__ import annotations

import faulthandler
import os
import sqlite3
import tempfile
from collections import Counter
from pathlib import Path

import fuzzing
import pikepdf
import pytest
from hypothesis import HealthCheck, event, example, given, settings

from wstextract import errors, pipeline
from wstextract.corpus import build, render_pdf, source
from wstextract.layout import Limits

LIMITS = Limits(max_pages=100, page_timeout=10)
HANG_SECONDS = 120  # a whole ingest of the few-page seed; beyond this the process is stopped
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "200"))
OUTCOMES: Counter[str] = Counter()


def summary() -> str | None:
    """How many mutants ended in each outcome (printed at the end of the run by conftest)."""
    if not OUTCOMES:
        return None
    counts = ", ".join(f"{n} {kind}" for kind, n in OUTCOMES.most_common())
    return f"fuzz outcomes ({OUTCOMES.total()} mutants): {counts}"


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


def ingest_outcome(data: bytes) -> str:
    """Ingest ``data`` into a fresh database: "stored" or the name of the bad-input error.
    An internal error propagates; a page slower than the limit, or a hang, fails."""
    with tempfile.TemporaryDirectory() as tmp:
        pdf, db = Path(tmp) / "mutant.pdf", Path(tmp) / "mutant.db"
        pdf.write_bytes(data)
        faulthandler.dump_traceback_later(HANG_SECONDS, exit=True)
        try:
            result = pipeline.ingest(pdf, db, limits=LIMITS)
        except errors.TooSlow as e:
            pytest.fail(f"a mutant hung the reader: {e}")
        except errors.WstError as e:
            assert str(e) and "\n" not in str(e)
            assert not db.exists(), "a failed first ingest must leave no database"
            return type(e).__name__
        finally:
            faulthandler.cancel_dump_traceback_later()
        with sqlite3.connect(db) as conn:
            (reports,) = conn.execute("select count(*) from reports").fetchone()
            (metrics,) = conn.execute("select count(*) from metrics").fetchone()
        assert reports == 1 and metrics == result.extraction.count("metrics")
        return "stored"


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(plan=fuzzing.plans)
# failures the 2,000-example runs found, kept as regressions: edits on a page whose resources
# or contents an earlier edit replaced by a string or a number (they broke the mutator itself)
@example(
    plan={
        "edits": [("pages", 0, "key", 3, 6), ("font", 0, 0, "set", 0, 0)],
        "object_streams": False,
        "bytes": None,
    }
)
@example(
    plan={
        "edits": [("pages", 0, "key", 4, 0), ("content", 0, 0, "drop", 0, 0)],
        "object_streams": True,
        "bytes": ("truncate at object", 7, True),
    }
)
def test_structural_mutants_end_in_success_or_a_clean_error(mini_report, plan):
    try:
        data = fuzzing.apply(mini_report, plan)
    except pikepdf.PdfError:
        OUTCOMES["not writable by qpdf (skipped)"] += 1
        return
    outcome = ingest_outcome(data)
    event(outcome)
    OUTCOMES[outcome] += 1


def test_a_truncation_at_every_object_boundary(mini_report):
    plain = fuzzing.apply(mini_report, {"edits": [], "object_streams": False, "bytes": None})
    cuts = fuzzing.truncations(plain)
    assert len(cuts) > 80  # the seed has its objects
    outcomes = Counter(f"{ingest_outcome(data)} ({how})" for how, data in cuts)
    OUTCOMES.update(outcomes)
    # a download that stopped early is damaged; a body that lost objects may still be read
    assert outcomes["DamagedPdf (stopped)"] > 0 and outcomes["stored (lost objects)"] > 0


@pytest.mark.parametrize(
    "where",
    [
        "wstextract.layout.pdf.reading_order",  # the layout layer, on every page
        "wstextract.tables.whitespace._column_starts",  # the table finder, on the glossary
    ],
)
def test_a_bug_in_our_code_fails_the_fuzz_check(mini_report, monkeypatch, where):
    """The check above can catch our bugs: one planted in the layout or table layer is an
    internal error, not a damaged PDF, so ``ingest_outcome`` lets it through to fail the test."""

    def planted(*args, **kwargs):
        raise KeyError("planted")

    monkeypatch.setattr(where, planted)
    with pytest.raises((errors.InternalError, KeyError)) as raised:
        ingest_outcome(mini_report)
    error = raised.value
    assert not isinstance(error, errors.WstError)  # never a "damaged PDF"
    if isinstance(error, errors.InternalError):
        assert "internal error while reading page" in str(error)
        assert isinstance(error.__cause__, KeyError)
