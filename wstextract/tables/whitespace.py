"""Borderless tables: columns inferred from where words start, line after line.

pdfplumber's ``text`` strategy loses edge columns on tables like these, so we infer columns
ourselves: a run of lines whose words fall into the same two or more columns (left-aligned
text, or right-aligned numbers), separated by gaps wider than a word space, is a table. Lines
with text in one column only continue the cell above (multi-line cells), as long as they stay
inside that column.
"""

from __future__ import annotations

import itertools
import statistics
from dataclasses import dataclass

from ..layout import BBox, Line, PageLayout
from ..values import is_number
from .cells import BULLETS, cell_text, is_bold, is_header
from .model import Cell, FoundTable, union

MIN_GAP = 9.0  # points between cells; a justified word space stays well below this
ALIGN = 4.0  # points: column starts closer than this are the same column
MIN_ROWS = 3
# words that glue a sentence together and are never a table's column on their own
FUNCTION_WORDS = {"the", "a", "an", "to", "in", "of", "and", "or", "for", "with", "on", "at"}
FUNCTION_WORDS |= {"by", "from", "as", "is", "was", "were", "be", "that", "this", "it"}


@dataclass
class _Block:
    lines: list[Line]
    starts: list[float]


def _segments(line: Line) -> list[Line]:
    segs = line.segments(MIN_GAP)
    merged: list[Line] = []
    for seg in segs:  # a lone bullet glyph belongs to the text after it
        if merged and merged[-1].text in BULLETS:
            merged[-1] = Line.of(merged[-1].words + seg.words)
        else:
            merged.append(seg)
    return merged


def _clusters(xs: list[float]) -> list[list[float]]:
    """Positions within ALIGN of their neighbour, grouped; only groups seen twice or more."""
    clusters: list[list[float]] = []
    for x in sorted(xs):
        if clusters and x - clusters[-1][-1] <= ALIGN:
            clusters[-1].append(x)
        else:
            clusters.append([x])
    return [c for c in clusters if len(c) >= 2]


def _column_starts(lines: list[Line]) -> list[float]:
    """Where each column starts. Text columns line up on their left edges; statistics tables
    right-align their numbers, which then line up only on their right edges: such a column
    starts at its widest number."""
    by_line = [_segments(line) for line in lines]
    segments = [seg for segs in by_line for seg in segs]
    starts = [min(c) for c in _clusters([seg.x0 for seg in segments])]
    numbers = [seg for seg in segments if is_number(seg.text)]
    header = by_line[0] if by_line else []
    for right in _clusters([seg.x1 for seg in numbers]):
        lo, hi = right[0] - ALIGN, right[-1] + ALIGN
        lefts = [seg.x0 for seg in numbers if lo <= seg.x1 <= hi]
        if max(lefts) - min(lefts) <= ALIGN:
            continue  # the numbers also line up on the left: an ordinary column
        # the column's header is right-aligned with its numbers, and may be the widest (a text
        # cell of another row that happens to end there is not part of the column)
        left = min(seg.x0 for seg in numbers + header if lo <= seg.x1 <= hi)
        # left edges of numbers that happen to be equally wide are not columns of their own
        starts = [x for x in starts if not left - ALIGN <= x <= hi] + [left]
    return sorted(starts)


def _column_of(x: float, starts: list[float]) -> int | None:
    for k in range(len(starts) - 1, -1, -1):
        if x >= starts[k] - ALIGN:
            return k
    return None


def _continues(line: Line, prev: Line, starts: list[float]) -> bool:
    """A one-segment line continues a cell if it sits in one column, close below the last."""
    k = _column_of(line.x0, starts)
    if k is None or abs(line.x0 - starts[k]) > 20:
        return False
    inside = k == len(starts) - 1 or line.x1 < starts[k + 1] - 2
    close = line.top - prev.bottom < 1.2 * (prev.bottom - prev.top)
    return inside and close


def _justified_prose(segments: list[Line]) -> bool:
    """A line of justified prose in a narrow column: every word space stretched wide enough to
        look like a column gap ("CSE-flagged  incidents  rose  slightly  to  81  in"). A table row
        has words together inside its cells; this has single words, some of them the words that glue
    a sentence together."""
    singles = all(len(seg.words) == 1 for seg in segments)
    glue = sum(seg.text.lower() in FUNCTION_WORDS for seg in segments)
    return len(segments) >= 5 and singles and glue >= 2


def _starts_so_far(lines: list[Line]) -> list[float]:
    """Column starts of a block still being read: aligned starts once there are several rows,
    the first row's cells before that (a header whose last cell wraps onto a second line)."""
    return _column_starts(lines) or [seg.x0 for seg in _segments(lines[0])]


def _blocks(lines: list[Line]) -> list[_Block]:
    blocks: list[_Block] = []
    current: list[Line] = []
    for line in lines:
        segments = _segments(line)
        if _justified_prose(segments):
            if current:
                blocks.append(_Block(current, []))
                current = []
            continue
        if len(segments) >= 2:
            if current and line.top - current[-1].bottom > 3 * (line.bottom - line.top):
                blocks.append(_Block(current, []))
                current = []
            current.append(line)
        elif current and _continues(line, current[-1], _starts_so_far(current)):
            current.append(line)
        elif current:
            blocks.append(_Block(current, []))
            current = []
    if current:
        blocks.append(_Block(current, []))
    for block in blocks:
        block.starts = _column_starts([ln for ln in block.lines if len(_segments(ln)) >= 2])
    return [
        b
        for b in blocks
        if len(b.starts) >= 2
        and (sum(len(_segments(ln)) >= 2 for ln in b.lines) >= MIN_ROWS or _small_grid(b.lines))
    ]


def _small_grid(lines: list[Line]) -> bool:
    """A header and one row of figures ("IDVA training  Sessions  Delegates" over "2034/35
    12  208"): too short for the row count to tell it from prose, but three or more aligned
    cells in each line, numbers below, are a table."""
    if len(lines) != 2:
        return False
    head, row = (_segments(ln) for ln in lines)
    numbers = sum(is_number(seg.text.rstrip("%")) for seg in row[1:])
    aligned = all(
        abs(a.x0 - b.x0) <= ALIGN or abs(a.x1 - b.x1) <= ALIGN
        for a, b in zip(head, row, strict=False)
    )
    return len(head) == len(row) >= 3 and numbers >= 2 and aligned


def _row_gap(lines: list[Line]) -> float | None:
    """The usual space between two rows of cells, measured where both lines are rows; None
    when there are too few such pairs to tell a row apart from a wrapped line."""
    gaps = [
        b.top - a.bottom
        for a, b in itertools.pairwise(lines)
        if len(_segments(a)) >= 2 and len(_segments(b)) >= 2
    ]
    return statistics.median(gaps) if len(gaps) >= 2 else None


def _wraps(line: Line, prev: Line, row_gap: float | None) -> bool:
    """A one-cell line set much closer under the line above than rows are to each other is
    that cell's text wrapping ("Community / Public" over "Place"), not a row of its own. In a
    table printed without padding rows are as close as wrapped lines, and this cannot tell."""
    if row_gap is None or len(_segments(line)) != 1:
        return False
    return line.top - prev.bottom < 0.5 * row_gap


def _to_table(block: _Block, page: PageLayout, min_rows: int = 2) -> FoundTable | None:
    starts = block.starts
    rows: list[list[list]] = []  # rows -> columns -> words
    row_gap = _row_gap(block.lines)
    for k, line in enumerate(block.lines):
        prev = block.lines[k - 1] if k else None
        placed = [(_column_of(seg.x0, starts), seg) for seg in _segments(line)]
        wrapped = prev is not None and _wraps(line, prev, row_gap)
        if (any(k == 0 for k, _ in placed) and not wrapped) or not rows:
            rows.append([[] for _ in starts])
        for k, seg in placed:
            # two segments in one column (a value and its footnote) share the cell
            rows[-1][k if k is not None else 0].extend(seg.words)
    if len(rows) < min_rows:
        return None
    cells: list[list[Cell]] = []
    for row in rows:
        cells.append(
            [
                Cell(
                    cell_text(words),
                    page.number,
                    union([(w.x0, w.top, w.x1, w.bottom) for w in words]) if words else None,
                )
                for words in row
            ]
        )
    header_words = [w for col in rows[0] for w in col]
    bbox: BBox = union([ln.bbox for ln in block.lines])
    return FoundTable(
        page.number,
        bbox,
        "whitespace",
        cells,
        has_header=is_header([[c.text for c in r] for r in cells], is_bold(header_words)),
        column_x=starts,
    )


def find_whitespace_tables(page: PageLayout, exclude: list[BBox]) -> list[FoundTable]:
    """Borderless tables on ``page``, ignoring lines inside ``exclude`` (ruled tables)."""

    tables = []
    for x0, x1 in page.columns:
        lines = [ln for ln in page.lines if x0 <= ln.x0 < x1 and not ln.inside(exclude)]
        for block in _blocks(lines):
            table = _to_table(block, page)
            if table:
                tables.append(table)
    return tables


def continuation(page: PageLayout, table: FoundTable, exclude: list[BBox]) -> FoundTable | None:
    """The rows at the top of ``page`` that continue ``table`` from the page before, read in
    its columns. A continuation of one or two rows (under a repeated header) is too short to
    be found as a table of its own, but the columns it must fit are known."""
    if table.method != "whitespace" or not table.column_x:
        return None
    x0, x1 = table.bbox[0] - ALIGN, table.bbox[2] + ALIGN
    lines = [ln for ln in page.lines if ln.x0 >= x0 and ln.x1 <= x1 and not ln.inside(exclude)]
    lines.sort(key=lambda ln: ln.top)
    taken: list[Line] = []
    for line in lines:
        segments = _segments(line)
        fits = all(_column_of(seg.x0, table.column_x) is not None for seg in segments)
        row = len(segments) >= 2 and fits and not _justified_prose(segments)
        more = bool(taken) and len(segments) == 1 and _continues(line, taken[-1], table.column_x)
        if not (row or more):
            break
        taken.append(line)
    if not any(len(_segments(ln)) >= 2 for ln in taken):
        return None
    found = _to_table(_Block(taken, list(table.column_x)), page, min_rows=1)
    if found is None or found.n_cols != table.n_cols:
        return None
    return found
