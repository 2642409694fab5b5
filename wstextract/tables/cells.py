"""Text of a table cell from the words inside its box, with multi-line content kept readable."""

from __future__ import annotations

import itertools

from .. import values
from ..layout import BBox, Line, PageLayout, Word, join_lines
from ..layout.reading import group_lines

BULLETS = ("•", "●", "▪", "–")


def words_in(page: PageLayout, bbox: BBox) -> list[Word]:
    x0, top, x1, bottom = bbox
    return [
        w
        for line in page.lines
        for w in line.words
        if x0 - 1 <= (w.x0 + w.x1) / 2 <= x1 + 1 and top - 1 <= (w.top + w.bottom) / 2 <= bottom + 1
    ]


def cell_text(words: list[Word]) -> str:
    """Lines of a cell joined into paragraphs, one per output line; bullet points start '• '.

    A paragraph break is a wider gap between lines than the cell's usual line spacing.
    """
    lines = group_lines(words)
    gaps = [b.top - a.bottom for a, b in itertools.pairwise(lines)]
    usual = min(gaps) if len(gaps) >= 2 else None
    items: list[list[str]] = []
    for k, line in enumerate(lines):
        text = line.text
        gap = gaps[k - 1] if k else 0.0
        height = line.bottom - line.top
        new_paragraph = gap > (usual + 1.0 if usual is not None else 0.35 * height)
        if text.startswith(BULLETS):
            items.append(["• " + text.lstrip("".join(BULLETS)).strip()])
        elif items and not new_paragraph:
            items[-1].append(text)
        else:
            items.append([text])
    return "\n".join(join_lines(item) for item in items)


def is_bold(words: list[Word]) -> bool:
    return bool(words) and Line.of(words).bold


def is_header(rows: list[list[str]], bold: bool) -> bool:
    """A first row is a header if it is bold, or if it is all words over rows of numbers
    (a header set in colour or on a shaded band rather than in bold)."""
    if bold:
        return True
    if len(rows) < 2:
        return False
    first_numeric = any(values.is_number(t.rstrip("%")) for t in rows[0] if t)
    body = [t for row in rows[1:] for t in row[1:] if t]
    numeric = sum(values.is_number(t) for t in body)
    return not first_numeric and bool(body) and numeric >= 0.6 * len(body)
