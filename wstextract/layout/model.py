"""The layout layer's object model: words, lines and rules with their page coordinates.

Coordinates follow pdfplumber: points from the page's top-left corner, ``top`` < ``bottom``.
Later stages get these objects, never a pdfplumber page, so a page can be closed as soon as it
has been read.
"""

from __future__ import annotations

import itertools
from array import array
from collections.abc import Iterable
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
        return _bold(self.fontname)


@dataclass(frozen=True, slots=True, eq=False)
class Line:
    """Words on one baseline within one column, left to right.

    Stored column-wise — the words' texts, one flat array of their boxes, their fonts and sizes
    — rather than as :class:`Word` objects: a 600-page report has some 200,000 words, and as
    objects they would be most of its memory. ``words`` builds the objects when asked.
    """

    texts: tuple[str, ...]
    boxes: array  # x0, x1, top, bottom of each word in turn
    fonts: tuple[str, ...]
    sizes: array

    @classmethod
    def of(cls, words: Iterable[Word]) -> Line:
        words = list(words)
        return cls(
            tuple(w.text for w in words),
            array("d", [v for w in words for v in (w.x0, w.x1, w.top, w.bottom)]),
            tuple(w.fontname for w in words),
            array("d", [w.size for w in words]),
        )

    def __len__(self) -> int:
        return len(self.texts)

    def word(self, k: int) -> Word:
        x0, x1, top, bottom = self.boxes[4 * k : 4 * k + 4]
        return Word(self.texts[k], x0, x1, top, bottom, self.fonts[k], self.sizes[k])

    @property
    def words(self) -> tuple[Word, ...]:
        return tuple(self.word(k) for k in range(len(self.texts)))

    @property
    def text(self) -> str:
        return " ".join(self.texts)

    @property
    def x0(self) -> float:
        return self.boxes[0]

    @property
    def x1(self) -> float:
        return max(self.boxes[1::4])

    @property
    def top(self) -> float:
        return min(self.boxes[2::4])

    @property
    def bottom(self) -> float:
        return max(self.boxes[3::4])

    @property
    def bbox(self) -> BBox:
        return (self.x0, self.top, self.x1, self.bottom)

    @property
    def size(self) -> float:
        return round(median(self.sizes), 1)

    @property
    def bold(self) -> bool:
        letters = [
            font for text, font in zip(self.texts, self.fonts, strict=True) if _has_letter(text)
        ]
        return bool(letters) and all(_bold(font) for font in letters)

    def inside(self, boxes: list[BBox], margin: float = 2.0) -> bool:
        """Whether the line's centre lies in any of ``boxes`` (a table, a heading)."""
        cx, cy = (self.x0 + self.x1) / 2, (self.top + self.bottom) / 2
        return any(
            b[0] - margin <= cx <= b[2] + margin and b[1] - margin <= cy <= b[3] + margin
            for b in boxes
        )

    def segments(self, min_gap: float) -> list[Line]:
        """Split where words are further apart than ``min_gap``: cells of a borderless table."""
        words = self.words
        out: list[list[Word]] = [[words[0]]]
        for prev, word in itertools.pairwise(words):
            if word.x0 - prev.x1 > min_gap:
                out.append([])
            out[-1].append(word)
        return [Line.of(ws) for ws in out]


def _bold(fontname: str) -> bool:
    name = fontname.lower()
    return any(w in name for w in ("bold", "black", "heavy", "semibold"))


def _has_letter(text: str) -> bool:
    return any(c.isalpha() for c in text)


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
