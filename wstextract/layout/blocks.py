"""Running text as blocks: paragraphs, bullet points and headings, in reading order.

Lines are grouped by spacing (a paragraph break is a wider gap than the page's usual line
spacing) and by bullet glyphs. Each block keeps its words with their positions, so any span
of its text (a figure, a sentence) can be traced back to a box on the page.
"""

from __future__ import annotations

import itertools
from array import array
from dataclasses import dataclass, field
from statistics import quantiles

from .model import BBox, Line, PageLayout
from .reading import _HYPHEN_END

BULLET_GLYPHS = ("•", "●", "▪", "◦", "○", "–", "‣")


@dataclass
class Block:
    kind: str  # "paragraph", "bullet" or "heading"
    page: int
    lines: list[Line]
    level: int = 1  # bullet nesting level
    heading_no: int | None = None  # index into the structure's headings, for headings
    text: str = ""
    # per word of ``text``: its start and end offsets, its line and its place in that line
    spans: array = field(default_factory=lambda: array("l"))

    def finish(self) -> Block:
        self.text, self.spans = join_words(self.lines, strip_bullet=self.kind == "bullet")
        return self

    @property
    def bbox(self) -> BBox:
        return (
            min(ln.x0 for ln in self.lines),
            min(ln.top for ln in self.lines),
            max(ln.x1 for ln in self.lines),
            max(ln.bottom for ln in self.lines),
        )

    def bbox_of(self, start: int, end: int) -> BBox:
        """The box of the words that print text[start:end]."""
        spans = self.spans
        where = [
            (spans[i + 2], spans[i + 3])
            for i in range(0, len(spans), 4)
            if spans[i] < end and spans[i + 1] > start
        ] or [(spans[2], spans[3])]
        boxes = [self.lines[k].boxes[4 * j : 4 * j + 4] for k, j in where]
        return (
            min(b[0] for b in boxes),
            min(b[2] for b in boxes),
            max(b[1] for b in boxes),
            max(b[3] for b in boxes),
        )


def join_words(lines: list[Line], strip_bullet: bool = False) -> tuple[str, array]:
    """Text of lines as one paragraph, with each word's character span.

    A word hyphenated at a line end is joined ('safe-' + 'guarding'), as in ``join_lines``.
    """
    text = ""
    spans = array("l")
    for k, line in enumerate(lines):
        alone = bool(line.texts) and line.texts[0] in BULLET_GLYPHS  # a bullet as its own word
        first = 1 if strip_bullet and k == 0 and alone else 0
        for j in range(first, len(line.texts)):
            piece = line.texts[j]
            if strip_bullet and k == 0 and j == first and piece[:1] in BULLET_GLYPHS:
                piece = piece[1:].lstrip()
            if not text:
                sep = ""
            elif j == first and _HYPHEN_END.search(text) and piece[:1].islower():
                text, sep = text[:-1], ""
            elif j == first and text.endswith("-") and piece[:1].isupper():
                sep = ""
            else:
                sep = " "
            start = len(text) + len(sep)
            text = text + sep + piece
            spans.extend((start, len(text), k, j))
    return text, spans


def _usual_gap(pages: list[PageLayout], skip: set[int]) -> float:
    """The document's ordinary gap between lines of one paragraph (its leading).

    Taken over the whole document: a page of one-line paragraphs has no such gaps of its own.
    """
    gaps = []
    for page in pages:
        lines = [ln for ln in page.lines if id(ln) not in skip]
        gaps += [
            b.top - a.bottom for a, b in itertools.pairwise(lines) if 0 <= b.top - a.bottom < 20
        ]
    if len(gaps) < 4:
        return 3.0
    return quantiles(gaps, n=4)[0]


def text_blocks(pages: list[PageLayout], skip: set[int], heading_of: dict[int, int]) -> list[Block]:
    """Blocks of every page in reading order; ``skip`` holds ids of lines to leave out (table
    cells), ``heading_of`` maps a heading line's id to its heading's index."""
    blocks: list[Block] = []
    usual = _usual_gap(pages, skip)
    for page in pages:
        lines = [ln for ln in page.lines if id(ln) not in skip]
        bullet_x = sorted({round(ln.x0) for ln in lines if ln.text.startswith(BULLET_GLYPHS)})
        current: Block | None = None
        prev: Line | None = None
        for line in lines:
            heading = heading_of.get(id(line))
            gap = line.top - prev.bottom if prev else 0.0
            if heading is not None:
                if current and current.heading_no == heading:
                    current.lines.append(line)
                else:
                    current = Block("heading", page.number, [line], heading_no=heading)
                    blocks.append(current)
            elif line.text.startswith(BULLET_GLYPHS):
                level = 1 + sum(1 for x in bullet_x if x < round(line.x0) - 6)
                current = Block("bullet", page.number, [line], level=min(level, 3))
                blocks.append(current)
            elif (
                current is not None
                and current.kind != "heading"
                and prev is not None
                and 0 <= gap <= usual + 2.0
                and (current.kind == "paragraph" or line.x0 > current.lines[0].x0 + 2)
            ):
                current.lines.append(line)
            else:
                current = Block("paragraph", page.number, [line])
                blocks.append(current)
            prev = line
    return [b.finish() for b in blocks]
