"""Ruled tables: cells bounded by drawn lines, found by pdfplumber's lines strategy.

pdfplumber finds the grid; the cell text comes from our own layout words, so bullets and
hyphenation are handled the same way everywhere. Boxes that are decoration rather than data
(a shaded heading band, a logo frame, the bars of a chart) are dropped: a table has at least
two rows and two columns and some text.
"""

from __future__ import annotations

from pdfplumber.page import Page

from ..layout import PageLayout
from .cells import cell_text, is_bold, is_header, words_in
from .model import Cell, FoundTable

SETTINGS = {
    "vertical_strategy": "lines",
    "horizontal_strategy": "lines",
    "snap_tolerance": 3,
    "intersection_tolerance": 3,
}


def has_rules(layout: PageLayout) -> bool:
    """Skip the table finder on pages that could not hold a ruled table."""
    return (
        sum(r.vertical for r in layout.rules) >= 2 and sum(r.horizontal for r in layout.rules) >= 2
    )


def find_ruled_tables(page: Page, layout: PageLayout) -> list[FoundTable]:
    if not has_rules(layout):
        return []
    found = []
    for table in page.find_tables(SETTINGS):
        rows: list[list[Cell]] = []
        header_words = []
        for r, row in enumerate(table.rows):
            cells = []
            for bbox in row.cells:
                if bbox is None:  # merged cell: pdfplumber gives None for the covered part
                    cells.append(Cell("", layout.number, None))
                    continue
                words = words_in(layout, bbox)
                if r == 0:
                    header_words += words
                cells.append(Cell(cell_text(words), layout.number, tuple(bbox)))
            rows.append(cells)
        if len(rows) < 2 or max(len(r) for r in rows) < 2:
            continue
        if not any(c.text for row in rows for c in row):
            continue
        column_x = [c.bbox[0] for c in rows[-1] if c.bbox]
        found.append(
            FoundTable(
                layout.number,
                tuple(table.bbox),
                "ruled",
                rows,
                has_header=is_header([[c.text for c in r] for r in rows], is_bold(header_words)),
                column_x=column_x,
            )
        )
    return found
