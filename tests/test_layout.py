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
