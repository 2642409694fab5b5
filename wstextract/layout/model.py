"""The layout layer's object model: words, lines and rules with their page coordinates.

Coordinates follow pdfplumber: points from the page's top-left corner, ``top`` < ``bottom``.
Later stages get these objects, never a pdfplumber page, so a page can be closed as soon as it
has been read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from statistics import median

BBox = tuple[float, float, float, float]

# pdfminer cannot map WinAnsi code 127 (reportlab's bullet in the standard fonts) to a character
CID_REPLACEMENTS = {"(cid:127)": "•"}


@dataclass(frozen=True, slots=True)
class Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    fontname: str
    size: float

    @property
    def bold(self) -> bool:
        name = self.fontname.lower()
        return any(w in name for w in ("bold", "black", "heavy", "semibold"))


@dataclass(frozen=True, slots=True)
class Line:
    """Words on one baseline within one column, left to right."""

    words: tuple[Word, ...]

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @property
    def x1(self) -> float:
        return max(w.x1 for w in self.words)

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)

    @property
    def bbox(self) -> BBox:
        return (self.x0, self.top, self.x1, self.bottom)

    @property
    def size(self) -> float:
        return round(median(w.size for w in self.words), 1)

    @property
    def bold(self) -> bool:
        letters = [w for w in self.words if any(c.isalpha() for c in w.text)]
        return bool(letters) and all(w.bold for w in letters)

    def inside(self, boxes: list[BBox], margin: float = 2.0) -> bool:
        """Whether the line's centre lies in any of ``boxes`` (a table, a heading)."""
        cx, cy = (self.x0 + self.x1) / 2, (self.top + self.bottom) / 2
        return any(
            b[0] - margin <= cx <= b[2] + margin and b[1] - margin <= cy <= b[3] + margin
            for b in boxes
        )

    def segments(self, min_gap: float) -> list[Line]:
        """Split where words are further apart than ``min_gap``: cells of a borderless table."""
        out: list[list[Word]] = [[self.words[0]]]
        for prev, word in zip(self.words, self.words[1:], strict=False):
            if word.x0 - prev.x1 > min_gap:
                out.append([])
            out[-1].append(word)
        return [Line(tuple(ws)) for ws in out]


@dataclass(frozen=True, slots=True)
class Rule:
    """A drawn line or thin rectangle: the rules of a ruled table, underlines, borders."""

    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def horizontal(self) -> bool:
        return (self.bottom - self.top) <= 2 < (self.x1 - self.x0)

    @property
    def vertical(self) -> bool:
        return (self.x1 - self.x0) <= 2 < (self.bottom - self.top)


@dataclass(slots=True)
class PageLayout:
    """One page, read once: its text lines in reading order, its rules and its columns."""

    number: int
    width: float
    height: float
    lines: list[Line]
    rules: list[Rule]
    columns: list[tuple[float, float]] = field(default_factory=list)
    furniture: list[Line] = field(default_factory=list)  # running headers / footers, removed
    page_label: str | None = None  # the number printed in the footer, if any

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)
