"""Tables as found on the page: cells with text and position, before anyone reads meaning in.

A cell keeps its own page and bbox, because a table continued across a page break has rows
on two pages and every value must still point at the place it was printed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..layout import BBox


@dataclass(frozen=True, slots=True)
class Cell:
    text: str  # lines of a multi-line cell joined; bullet points start a new line with "• "
    page: int
    bbox: BBox | None


@dataclass(slots=True)
class FoundTable:
    page: int
    bbox: BBox
    method: str  # "ruled" (drawn lines) or "whitespace" (columns inferred from word positions)
    rows: list[list[Cell]]
    has_header: bool
    page_end: int = 0
    column_x: list[float] = field(default_factory=list)  # left edge of each column

    def __post_init__(self) -> None:
        self.page_end = self.page_end or self.page

    @property
    def header(self) -> list[str]:
        return [c.text for c in self.rows[0]] if self.has_header and self.rows else []

    @property
    def body(self) -> list[list[Cell]]:
        return self.rows[1:] if self.has_header else self.rows

    @property
    def n_cols(self) -> int:
        return max((len(r) for r in self.rows), default=0)

    def text_rows(self) -> list[list[str]]:
        return [[c.text for c in row] for row in self.body]


def union(boxes: list[BBox]) -> BBox:
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )
