"""Layout: reading order on two-column pages, running headers and footers, hyphenation."""

from __future__ import annotations

import pytest

from wstextract import layout, pipeline


@pytest.fixture(scope="module")
def pages(main_entry):
    pages, _, _ = pipeline.read_pages(main_entry.path(), None, None)
    layout.strip_furniture(pages)
    return pages


def test_two_column_page_is_read_column_by_column(pages):
    two_column = [p for p in pages if len(p.columns) == 2]
    assert [p.number for p in two_column] == [11]
    text = two_column[0].text
    order = [
        "Key Achievements of WST",
        "Mental Health Priority Group",
        "Learning and Improvement Group",
        "Exploitation Priority Group",
        "Community and Engagement Group",
        "One Panel Group",
    ]
    positions = [text.index(h) for h in order]
    assert positions == sorted(positions)
    # a bullet that wraps inside the left column stays in one piece
    assert "Completion of surveys across the multi-agency\nworkforce" in text


def test_running_header_and_footer_are_removed(pages):
    for page in pages:
        assert page.page_label == str(page.number)
        assert not any(ln.text.startswith("Page ") for ln in page.lines)
        assert not any("· Annual Report 2021 / 2022" in ln.text for ln in page.lines)
    assert len(pages[4].furniture) == 2


def test_bullets_read_as_bullets_not_cids(pages):
    assert "(cid:127)" not in "\n".join(p.text for p in pages)
    assert "• Local Authority" in pages[4].text


@pytest.mark.parametrize(
    "lines, text",
    [
        (["safe-", "guarding partners"], "safeguarding partners"),
        (["the Multi-", "Agency Hub"], "the Multi-Agency Hub"),
        (["0-25 and", "adult"], "0-25 and adult"),
    ],
)
def test_hyphenated_line_ends_are_joined(lines, text):
    assert layout.join_lines(lines) == text


@pytest.mark.parametrize("which", ["reportlab", "weasyprint"])
def test_fast_char_parsing_gives_pdfplumbers_own_objects(manifest, which):
    """Our fast path for characters must not change a single attribute of any page object:
    extract_words and find_tables see exactly what plain pdfplumber gives them."""
    import pdfplumber

    from wstextract.layout.objects import parse_objects, prepare

    entry = next(e for e in manifest if which in e.producer.lower())
    with pdfplumber.open(entry.path()) as pdf:
        for page in pdf.pages[::3]:
            ours = parse_objects(page)
            assert ours == page.parse_objects(), f"page {page.page_number}"
            assert ours["char"], f"page {page.page_number} has characters"
            page.close()
        # and pdfplumber uses what we prepared, rather than parsing the page a second time
        page = pdf.pages[0]
        prepared = prepare(page)._objects
        assert page.chars is prepared["char"]


def test_lines_give_back_the_words_pdfplumber_read(main_entry):
    """Lines store their words column-wise; every word comes back with its own box and font."""
    import pdfplumber

    from wstextract.layout.pdf import WORD_ATTRS

    with pdfplumber.open(main_entry.path()) as pdf:
        page = pdf.pages[11]  # a page with a table, headings and running text
        expected = sorted(
            (w["text"], round(w["x0"], 3), round(w["top"], 3), w["fontname"], round(w["size"], 1))
            for w in page.extract_words(extra_attrs=WORD_ATTRS, x_tolerance=1.5, y_tolerance=2)
        )
        ours = layout.page_layout(page)
    words = [w for line in ours.lines for w in line.words]
    assert len(words) > 100
    got = sorted((w.text, round(w.x0, 3), round(w.top, 3), w.fontname, w.size) for w in words)
    assert got == expected
    line = max(ours.lines, key=len)
    assert line.bbox == (
        min(w.x0 for w in line.words),
        min(w.top for w in line.words),
        max(w.x1 for w in line.words),
        max(w.bottom for w in line.words),
    )


@pytest.mark.parametrize(
    "options", [{"unicode_norm": "NFKC"}, {"laparams": {}}, {"laparams": {"all_texts": True}}]
)
def test_fast_char_parsing_follows_pdfplumbers_options(main_entry, options):
    import pdfplumber

    from wstextract.layout.objects import parse_objects

    with pdfplumber.open(main_entry.path(), **options) as pdf:
        for page in pdf.pages[:4]:
            assert parse_objects(page) == page.parse_objects(), f"page {page.page_number}"


def test_fast_char_parsing_follows_a_shifted_mediabox(main_entry, tmp_path):
    """pdfminer measures from the MediaBox corner; pdfplumber shifts back to page coordinates."""
    import pdfplumber
    import pikepdf

    from wstextract.layout.objects import parse_objects

    shifted = tmp_path / "shifted.pdf"
    with pikepdf.open(main_entry.path()) as src:
        for page in src.pages[:3]:
            x0, y0, x1, y1 = (float(v) for v in page.MediaBox)
            page.MediaBox = [x0 + 10, y0 + 20, x1 + 10, y1 + 20]
        del src.pages[3:]
        src.save(shifted)
    with pdfplumber.open(shifted) as pdf:
        for page in pdf.pages:
            assert page.mediabox[0] == 10
            assert parse_objects(page) == page.parse_objects(), f"page {page.page_number}"
