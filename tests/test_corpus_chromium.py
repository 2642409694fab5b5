"""The Chromium variant: a third producer, printed from HTML with zebra tables and no strokes."""

from __future__ import annotations

import itertools
import re

import pdfplumber
import pytest
from conftest import pdftotext

from wstextract.corpus import build, render_chromium

NAVY = (0.1216, 0.3059, 0.4745)  # the header band, #1f4e79
STRIPE = (0.9098, 0.9333, 0.9569)  # every other body row, #e8eef4

# a cell of each striped table's header, and a cell that only that table has
TABLES = {
    "cp_plans_by_category": ("Type of abuse", "Emotional abuse"),
    "adult_concern_locations": ("Type of abuse", "Care Home - Nursing"),
    "cse_incidents": ("CSE Incidents", "Confirmed Crime Recorded"),
}


@pytest.fixture(scope="module")
def entry(manifest) -> build.ManifestEntry:
    return next(e for e in manifest if e.id == "wst-2021-22-chromium")


@pytest.fixture(scope="module")
def page_texts(entry) -> list[str]:
    """Every page's text by pdftotext: far faster than laying out all pages in pdfplumber."""
    return pdftotext(entry.path()).split("\f")


def _colour(rect) -> tuple[float, ...]:
    return tuple(round(c, 4) for c in rect["non_stroking_color"] or ())


def test_listed_with_a_matching_sha256(entry):
    assert entry.producer == "chromium" and entry.report_id == "wst-2021-22"
    assert entry.file == "variants/wst-annual-report-2021-22.chromium.pdf"
    assert not entry.synthetic and not entry.demo
    assert build.sha256_file(entry.path()) == entry.sha256


def test_made_by_chromium_with_pinned_dates(entry):
    with pdfplumber.open(entry.path()) as pdf:
        info = pdf.metadata
    assert info["Producer"].startswith("Skia/PDF")
    assert "Chrome" in info["Creator"]
    pinned = render_chromium.PDF_DATE.decode()
    assert info["CreationDate"] == info["ModDate"] == pinned


def test_dates_are_overwritten_in_place():
    raw = b"<</CreationDate (D:20261130042729+00'00')\n/ModDate (D:20261130042729+00'00')>>"
    fixed = render_chromium.fix_dates(raw)
    assert len(fixed) == len(raw) and fixed.count(render_chromium.PDF_DATE) == 2


@pytest.mark.parametrize("name", TABLES)
def test_tables_are_filled_bands_without_a_stroke(entry, page_texts, name):
    header, marker = TABLES[name]
    page_no = next(i for i, t in enumerate(page_texts) if marker in t and header in t)
    with pdfplumber.open(entry.path(), pages=[page_no + 1]) as pdf:
        page = pdf.pages[0]
        assert page.lines == []
        assert not any(r["stroke"] for r in page.rects + page.curves)
        fills = [r for r in page.rects if r["fill"]]
        bands = [r for r in fills if _colour(r) == NAVY]
        stripes = [r for r in fills if _colour(r) == STRIPE]
        assert bands and stripes, name
        # the header's text sits inside the band; stripes sit below it, one row apart at least
        heads = [w for w in page.extract_words() if w["text"] == header.split()[0]]
        assert any(
            b["x0"] <= w["x0"] and w["x1"] <= b["x1"] and b["top"] <= w["top"] <= b["bottom"]
            for b in bands
            for w in heads
        ), name
        band_bottom = max(b["bottom"] for b in bands)
        rows = sorted({round(s["top"]) for s in stripes})
        assert rows[0] > band_bottom
        assert all(b - a > 15 for a, b in itertools.pairwise(rows))


def test_contents_numbers_are_the_pages_the_links_lead_to(entry, page_texts):
    dests = render_chromium.destination_pages(entry.path())
    contents = next(t for t in page_texts if "\nContents\n" in t or t.startswith("Contents"))
    assert {"foreword", "appendix-b"} <= dests.keys()
    with pdfplumber.open(entry.path(), pages=[page_texts.index(contents) + 1]) as pdf:
        text = pdf.pages[0].extract_text()
    numbers = [int(n) for n in re.findall(r"(?m) (\d\d)$", text)]
    assert numbers == sorted(numbers) and len(numbers) == len(dests)
    assert sorted(dests.values()) == numbers
