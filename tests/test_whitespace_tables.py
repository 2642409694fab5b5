"""Borderless tables as statistics tables are really typeset: numbers right-aligned in their
columns, so the numbers of one column start at different x positions."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.pdfgen import canvas

from wstextract import pipeline, tables

ROWS = [
    ("Category of abuse", "Number", "% of cases"),
    ("Neglect", "161", "58.3%"),
    ("Emotional abuse", "9", "3.3%"),
    ("Physical abuse", "1,266", "100.0%"),
    ("Sexual abuse", "14", "5.1%"),
    ("Multiple categories", "92", "33.3%"),
]


def _pdf(path: Path, right_edges: tuple[float, float]) -> Path:
    """One page: a paragraph, then the table with its number columns right-aligned."""
    c = canvas.Canvas(str(path), pagesize=(595, 842))
    c.setFont("Helvetica", 10)
    c.drawString(72, 100, "Children on child protection plans at 31 March, by category of abuse.")
    for k, (label, number, share) in enumerate(ROWS):
        y = 842 - 140 - 16 * k
        c.setFont("Helvetica-Bold" if k == 0 else "Helvetica", 10)
        c.drawString(72, y, label)
        c.drawRightString(right_edges[0], y, number)
        c.drawRightString(right_edges[1], y, share)
    c.save()
    return path


@pytest.mark.parametrize("right_edges", [(300.0, 400.0), (260.0, 330.0)])
def test_right_aligned_number_columns_stay_whole(tmp_path, right_edges):
    path = _pdf(tmp_path / "right-aligned.pdf", right_edges)
    pages, ruled, _ = pipeline.read_pages(path, None, None)
    assert ruled == []
    found = tables.find_whitespace_tables(pages[0], [])
    assert len(found) == 1
    rows = [[cell.text for cell in row] for row in found[0].rows]
    assert rows == [list(r) for r in ROWS]
    # each number cell's box is the printed number's own
    neglect = found[0].rows[1][1]
    assert neglect.bbox[2] == pytest.approx(right_edges[0], abs=0.5)


def test_left_aligned_columns_are_read_as_before(tmp_path):
    path = tmp_path / "left-aligned.pdf"
    c = canvas.Canvas(str(path), pagesize=(595, 842))
    c.setFont("Helvetica", 10)
    for k, row in enumerate(ROWS):
        for x, text in zip((72, 250, 350), row, strict=True):
            c.drawString(x, 842 - 140 - 16 * k, text)
    c.save()
    pages, _, _ = pipeline.read_pages(path, None, None)
    (table,) = tables.find_whitespace_tables(pages[0], [])
    assert [[cell.text for cell in row] for row in table.rows] == [list(r) for r in ROWS]
    assert table.column_x == pytest.approx([72, 250, 350], abs=0.5)


def test_a_label_that_wraps_inside_its_cell_stays_one_row(tmp_path):
    """A padded table whose label wraps ("Community / Public" over "Place") is one row with
    the whole label, so the category is recognised, not stored as a new one."""
    path = tmp_path / "wrapped.pdf"
    c = canvas.Canvas(str(path), pagesize=(595, 842))
    y = 842 - 140
    rows = [
        (("Where the concern", "arose"), "2022/23", "2023/24"),
        (("Own Home",), "1,318", "1,402"),
        (("Hospital",), "57", "63"),
        (("Community / Public", "Place"), "52", "49"),
        (("Other",), "95", "88"),
    ]
    for k, (label, a, b) in enumerate(rows):
        c.setFont("Helvetica-Bold" if k == 0 else "Helvetica", 9)
        for j, part in enumerate(label):  # wrapped lines 11 points apart
            c.drawString(72, y - 11 * j, part)
        c.drawRightString(200, y, a)
        c.drawRightString(260, y, b)
        y -= 11 * len(label) + 9  # rows 20 points apart: padding between them
    c.save()
    pages, _, _ = pipeline.read_pages(path, None, None)
    (table,) = tables.find_whitespace_tables(pages[0], [])
    got = [[cell.text for cell in row] for row in table.rows]
    assert got[0] == ["Where the concern arose", "2022/23", "2023/24"]
    assert ["Community / Public Place", "52", "49"] in got
    assert len(got) == 5


def test_a_header_and_one_row_of_figures_is_a_table_and_two_prose_lines_are_not(tmp_path):
    path = tmp_path / "small.pdf"
    c = canvas.Canvas(str(path), pagesize=(595, 842))
    c.setFont("Helvetica", 10)
    for y, cells in (
        (700, ("IDVA training", "Sessions", "Delegates")),
        (684, ("2034/35", "12", "208")),
    ):
        for x, text in zip((72, 250, 350), cells, strict=True):
            c.drawString(x, y, text)
    # two lines of prose with a wide gap each: not three aligned cells over numbers
    c.drawString(72, 500, "Contact us on weekdays.")
    c.drawString(300, 500, "Office hours apply.")
    c.drawString(72, 484, "Write to the business unit.")
    c.drawString(300, 484, "We reply within 10 days.")
    c.save()
    pages, _ruled, _ = pipeline.read_pages(path, None, None)
    found = tables.find_whitespace_tables(pages[0], [])
    assert [[[cell.text for cell in row] for row in t.rows] for t in found] == [
        [["IDVA training", "Sessions", "Delegates"], ["2034/35", "12", "208"]]
    ]
