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


def test_lines_keep_each_words_box_and_font(pages):
    """Lines store words column-wise; the words they give back are the words they were made of."""
    line = next(ln for p in pages for ln in p.lines if len(ln) > 5)
    rebuilt = layout.Line.of(line.words)
    assert rebuilt.words == line.words
    assert rebuilt.text == line.text and rebuilt.bbox == line.bbox
    assert [w.text for w in line.words] == line.text.split(" ")
    assert all(w.x0 < w.x1 and w.top < w.bottom for w in line.words)
