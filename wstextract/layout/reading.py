"""Reading order: words into lines, two-column pages read column by column, hyphens joined."""

from __future__ import annotations

import re
from collections.abc import Iterable

from .model import Line, Word

LINE_TOLERANCE = 2.0  # points: words whose tops differ by less share a line
GUTTER_MIN = 10.0  # points: the narrowest white strip that separates two text columns
MARGIN_BAND = 0.07  # share of the page height where running headers and footers live


def group_lines(words: Iterable[Word]) -> list[Line]:
    """Words into lines, top to bottom, each left to right."""
    lines: list[list[Word]] = []
    for word in sorted(words, key=lambda w: (round(w.top, 1), w.x0)):
        if lines and abs(lines[-1][0].top - word.top) <= LINE_TOLERANCE:
            lines[-1].append(word)
        else:
            lines.append([word])
    return [Line.of(sorted(ws, key=lambda w: w.x0)) for ws in lines]


def find_gutter(words: list[Word], width: float, height: float) -> tuple[float, float] | None:
    """(gutter x, top of the columns) if the page is set in two columns, else None.

    A gutter is a white vertical strip near the middle of the page that no body word crosses
    (a heading spanning both columns above them is allowed), with column text on both sides
    reaching up to it on many lines. A borderless table also has white strips, but its columns
    neither sit at the middle nor fill their width.
    """
    body = [w for w in words if MARGIN_BAND * height < w.top < (1 - MARGIN_BAND) * height]
    if len(body) < 40:
        return None
    body_top = min(w.top for w in body)
    span_limit = body_top + 0.2 * (max(w.bottom for w in body) - body_top)
    candidates: list[tuple[int, float, float, float]] = []  # crossing words, gap, x, top
    x = 0.4 * width
    while x <= 0.6 * width:
        crossing = [w for w in body if w.x0 < x < w.x1]
        if all(w.bottom < span_limit for w in crossing):
            cols_top = max((w.bottom for w in crossing), default=body_top)
            below = [w for w in body if w.top >= cols_top]
            left_edge = max((w.x1 for w in below if w.x1 <= x), default=None)
            right_edge = min((w.x0 for w in below if w.x0 >= x), default=None)
            if left_edge is not None and right_edge is not None:
                gap = right_edge - left_edge
                if gap >= GUTTER_MIN:
                    candidates.append((len(crossing), gap, (left_edge + right_edge) / 2, cols_top))
        x += 2
    if not candidates:
        return None
    # a strip nothing crosses beats one under a spanning heading; then the widest
    _, gap, gutter, cols_top = min(candidates, key=lambda c: (c[0] > 0, -c[1]))
    left = group_lines(w for w in body if w.x1 < gutter and w.top >= cols_top)
    right = group_lines(w for w in body if w.x0 > gutter and w.top >= cols_top)
    left_x0 = min(line.x0 for line in left) if left else gutter
    # column text: many lines run (nearly) the full column width
    full = [ln for ln in left if ln.x1 > gutter - gap / 2 - 25 and ln.x0 - left_x0 < 25]
    if len(left) < 8 or len(right) < 8 or len(full) < 4:
        return None
    return gutter, cols_top


def reading_order(words: list[Word], width: float, height: float) -> tuple[list[Line], list]:
    """Lines in reading order and the column spans: margins and full-width lines above the
    columns first, then the left column, the right column, and what spans below them."""
    found = find_gutter(words, width, height)
    if found is None:
        return group_lines(words), [(0.0, width)]
    gutter, cols_top = found
    band = MARGIN_BAND * height

    def spans(w: Word) -> bool:
        above_columns = w.bottom <= cols_top + 0.5
        return above_columns or w.x0 < gutter < w.x1 or w.bottom < band or w.top > height - band

    left = [w for w in words if not spans(w) and w.x1 <= gutter]
    right = [w for w in words if not spans(w) and w.x0 >= gutter]
    spanning = [w for w in words if spans(w)]
    col_top = min((w.top for w in left + right), default=0.0)
    above = [w for w in spanning if w.top < col_top]
    below = [w for w in spanning if w.top >= col_top]
    lines = group_lines(above) + group_lines(left) + group_lines(right) + group_lines(below)
    return lines, [(0.0, gutter), (gutter, width)]


_HYPHEN_END = re.compile(r"[A-Za-z]-$")


def join_lines(texts: Iterable[str]) -> str:
    """Join wrapped lines into running text, re-joining words hyphenated at a line end.

    'safe-' + 'guarding' -> 'safeguarding'; 'Multi-' + 'Agency' keeps its hyphen, because a
    capital after the break means the hyphen was printed, not inserted by the typesetter.
    """
    out = ""
    for text in texts:
        text = text.strip()
        if not text:
            continue
        if _HYPHEN_END.search(out) and text[0].islower():
            out = out[:-1] + text
        elif out.endswith("-") and text[0].isupper():
            out += text
        else:
            out = f"{out} {text}" if out else text
    return out
