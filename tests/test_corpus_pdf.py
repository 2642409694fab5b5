"""The corpus PDFs: faithful to the seed, deterministic, and laid out like a real report."""

from __future__ import annotations

import re
from collections import Counter

import pdfplumber
import pytest
from conftest import CORPUS, REPORTLAB_ENTRIES, pdftotext, words

from wstextract.corpus import build, source

STAT_TABLES = [
    "cp_plans_by_category",
    "adult_concern_locations",
    "asc_audit_ratings",
    "cse_incidents",
    "ofsted_judgements",
    "glossary",
]


@pytest.fixture(scope="module")
def pages(main_entry) -> list[str]:
    with pdfplumber.open(main_entry.path()) as pdf:
        out = []
        for page in pdf.pages:
            out.append(page.extract_text())
            page.close()
        return out


def test_manifest_sha256_matches_every_file(manifest):
    assert len(manifest) >= 4
    for entry in manifest:
        assert entry.path().exists(), entry.file
        assert build.sha256_file(entry.path()) == entry.sha256, f"{entry.id}: rebuild the corpus"


@pytest.mark.parametrize("entry_id", REPORTLAB_ENTRIES)
def test_rebuild_is_byte_for_byte_identical(manifest, tmp_path, entry_id):
    entry = next(e for e in manifest if e.id == entry_id)
    out = tmp_path / "rebuilt.pdf"
    build.render(entry, out)
    assert build.sha256_file(out) == entry.sha256


def test_pdf_holds_every_word_of_the_seed(seed_text, pages):
    text = "\n".join(pages).replace("(cid:127)", "•")  # reportlab's WinAnsi bullet, see README
    furniture = re.compile(
        r"(?m)^(Page \d+|Wolverhampton Safeguarding Together · Annual Report.*)$"
    )
    missing = Counter(words(seed_text)) - Counter(words(furniture.sub("", text)))
    # only the original's contents-page numbers are not reproduced
    assert all(w.isdigit() and len(w) == 2 for w in missing), missing


def test_every_statistic_of_the_seed_tables_is_in_the_pdf(main_entry):
    text = pdftotext(main_entry.path(), "-layout")
    tables = source.load(CORPUS / main_entry.source).tables()
    for name in STAT_TABLES:
        for row in tables[name].rows:
            for cell in row:
                assert source.cell_text(cell) in text, (name, source.cell_text(cell))


def test_contents_page_numbers_are_the_real_ones(main_entry, pages):
    doc = source.load(CORPUS / main_entry.source)
    headings = {b.anchor: b.text for b in doc.blocks if isinstance(b, source.Heading) and b.anchor}
    contents = next(b for b in doc.blocks if isinstance(b, source.Contents))
    contents_page = next(i for i, t in enumerate(pages) if "\nContents\n" in t)
    for entry in contents.entries:
        m = re.search(re.escape(entry.title) + r" (\d\d)\n", pages[contents_page])
        assert m, f"{entry.title!r} has no page number on the contents page"
        page_no = int(m[1])
        # the first words suffice: a heading can wrap inside a two-column page
        first_words = " ".join(headings[entry.anchor].split()[:4])
        assert first_words in pages[page_no - 1], (entry.title, page_no)


def test_every_page_has_a_numbered_footer(pages):
    assert 45 <= len(pages) <= 70
    for number, text in enumerate(pages, start=1):
        assert text.rstrip().endswith(f"Page {number}")


def test_partner_statements_each_start_a_page(main_entry, pages):
    doc = source.load(CORPUS / main_entry.source)
    statements = [b.text for b in doc.blocks if isinstance(b, source.Heading) and b.statement]
    assert len(statements) == 13
    for heading in statements:
        lines = [t.split("\n") for t in pages]
        hits = [n for n in lines if heading in (n[1], f"{n[1]} {n[2]}")]
        assert len(hits) == 1, heading


def test_glossary_continues_across_a_page_break(pages):
    on = [
        i
        for i, t in enumerate(pages)
        if "Adult Case Review Panel" in t
        or ("Wolverhampton Safeguarding Together\n" in t and "WST " in t)
    ]
    first = next(i for i, t in enumerate(pages) if "ACRP Adult Case Review Panel" in t)
    last = next(i for i, t in enumerate(pages) if "WST Wolverhampton Safeguarding Together" in t)
    assert last == first + 1, on


def test_ruled_tables_have_rules_and_plain_tables_do_not(main_entry):
    with pdfplumber.open(main_entry.path()) as pdf:
        found = {}
        for page in pdf.pages:
            text = page.extract_text()
            for key, marker in [
                ("cp", "Emotional abuse"),
                ("glossary", "ACRP"),
                ("audit", "Audit period"),
            ]:
                if marker in text and key not in found:
                    found[key] = [t.extract() for t in page.find_tables()]
            page.close()
    assert any(["Neglect", "161", "58"] in t for t in found["cp"])
    assert found["glossary"] == [] and found["audit"] == []


def test_synthetic_years_say_so_on_the_cover(manifest):
    for entry in manifest:
        with pdfplumber.open(entry.path()) as pdf:
            cover = pdf.pages[0].extract_text()
        assert ("SYNTHETIC" in cover) == entry.synthetic, entry.id
        assert not (entry.synthetic and entry.demo), f"{entry.id} must never reach the demo db"


def test_new_table_styles_draw_what_they_say(manifest):
    """hrules: horizontal rules only; zebra: fills and no strokes; borderless: neither."""
    entry = next(e for e in manifest if e.id == "wst-2023-24-synthetic")
    doc = build.document_for(entry)
    styles = {t.name: t.style for t in doc.tables().values()}
    assert styles["asc_audit_ratings"] == "hrules"
    assert styles["cp_plan_categories"] == styles["cse_by_year"] == "zebra"
    assert styles["adult_concern_settings"] == "borderless"
    with pdfplumber.open(entry.path()) as pdf:

        def page_with(text: str):
            return next(p for p in pdf.pages if text in (p.extract_text() or ""))

        def body_lines(page):  # not the running header's rule
            return [ln for ln in page.lines if ln["top"] > 50]

        asc = page_with("Requires improvement or worse")
        assert len(body_lines(asc)) >= 3
        assert all(abs(ln["y0"] - ln["y1"]) < 0.5 for ln in body_lines(asc))
        cp = page_with("Percentages are rounded")
        fills = [r for r in cp.rects if r["fill"] and r["width"] > 20]
        assert len(fills) >= 2 and not body_lines(cp)
        loc = page_with("Public place / community")
        assert not body_lines(loc) and not [r for r in loc.rects if r["fill"]]
        # the CSE table sits in the left column of a two-column page
        cse = page_with("The 2021/22 figures have been revised")
        words = [w for w in cse.extract_words() if w["text"] == "70.37%"]
        assert words and words[0]["x1"] < cse.width / 2
