"""Tables that continue across a page break become one table.

pdfplumber will not do this for us. A table continues when it is the last thing on its page
and a table with the same columns is the first thing on the next page; a header row repeated
on the new page is dropped, and a row split by the break is joined back together.
"""

from __future__ import annotations

from ..layout import PageLayout
from .model import Cell, FoundTable, union
from .whitespace import continuation

COLUMN_TOLERANCE = 8.0  # points


def _nothing_below(table: FoundTable, page: PageLayout) -> bool:
    return not any(
        ln.top > table.bbox[3] + 1
        for ln in page.lines
        if ln.x0 < table.bbox[2] and ln.x1 > table.bbox[0]
    )


def _nothing_above(table: FoundTable, page: PageLayout) -> bool:
    return not any(
        ln.bottom < table.bbox[1] - 1
        for ln in page.lines
        if ln.x0 < table.bbox[2] and ln.x1 > table.bbox[0]
    )


def _same_columns(a: FoundTable, b: FoundTable) -> bool:
    if a.n_cols != b.n_cols:
        return False
    if a.method != b.method or len(a.column_x) != len(b.column_x):
        return False
    return all(abs(x - y) <= COLUMN_TOLERANCE for x, y in zip(a.column_x, b.column_x, strict=True))


def _join(a: FoundTable, b: FoundTable) -> None:
    rows = b.rows
    if b.has_header and a.has_header and b.header == a.header:
        rows = rows[1:]
    if rows and a.body and not rows[0][0].text and any(c.text for c in rows[0][1:]):
        # the page break split a row: its first cell stayed behind
        last = a.rows[-1]
        a.rows[-1] = [
            # the joined cell points at its first printed part (an empty part has no box)
            Cell(
                "\n".join(t for t in (x.text, y.text) if t),
                x.page if x.bbox else y.page,
                x.bbox or y.bbox,
            )
            for x, y in zip(last, rows[0], strict=False)
        ]
        rows = rows[1:]
    a.rows.extend(rows)
    a.page_end = b.page_end


def merge_continued(tables: list[FoundTable], pages: dict[int, PageLayout]) -> list[FoundTable]:
    """``tables`` in page order; returns them with continued tables joined. A whitespace
    table that ends its page and has no table at the top of the next page may continue there
    in rows too few to be found on their own: those are read in its columns."""
    tables = _with_short_continuations(tables, pages)
    out: list[FoundTable] = []
    for table in tables:
        prev = out[-1] if out else None
        if (
            prev is not None
            and table.page == prev.page_end + 1
            and _same_columns(prev, table)
            and _nothing_below(_last_part(prev, pages), pages[prev.page_end])
            and _nothing_above(table, pages[table.page])
        ):
            _join(prev, table)
        else:
            out.append(table)
    return out


def _last_part(table: FoundTable, pages: dict[int, PageLayout]) -> FoundTable:
    """The part of a (possibly already merged) table on its last page, for position checks."""
    boxes = [c.bbox for row in table.rows for c in row if c.page == table.page_end and c.bbox]
    if not boxes:
        return table
    return FoundTable(table.page_end, union(boxes), table.method, [], False)


def _with_short_continuations(
    tables: list[FoundTable], pages: dict[int, PageLayout]
) -> list[FoundTable]:
    out = list(tables)
    for table in tables:
        nxt = pages.get(table.page_end + 1)
        if nxt is None or not _nothing_below(table, pages[table.page_end]):
            continue
        if any(t.page == nxt.number and _nothing_above(t, nxt) for t in tables):
            continue  # a table opens the next page already
        boxes = [t.bbox for t in tables if t.page == nxt.number]
        rest = continuation(nxt, table, boxes)
        if rest is not None and _nothing_above(rest, nxt):
            out.append(rest)
    out.sort(key=lambda t: (t.page, t.bbox[1]))
    return out
