"""The section tree: headings found by typography, named and checked by the contents page.

A heading is a bold line at least as large as the body text, outside any table. Heading
levels come from type sizes (largest first). When the report has a contents page, each entry
is matched to the heading on the page it names; an entry with no heading there is a finding.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ..layout import BBox, Line, PageLayout

MAX_HEADING_CHARS = 160
CONTENTS_MIN_LINES = 3  # entries a page needs to count as the contents list running on
_CONTENTS_ENTRY = re.compile(r"^(?P<title>.*?\S)[\s.·…]*?\s(?P<page>\d{1,3})$")


@dataclass
class Heading:
    text: str
    page: int
    bbox: BBox
    size: float
    level: int = 0
    appendix: str | None = None
    contents_title: str | None = None
    contents_page: int | None = None
    line_no: int = 0  # where its first line comes in its page's reading order

    @property
    def opens_page(self) -> bool:
        """Nothing is printed above it on its page (running headers aside)."""
        return self.line_no == 0


@dataclass(frozen=True)
class ContentsEntry:
    title: str
    page: int  # the page the entry points to
    listed_on: int | None = None  # the contents page the entry is printed on


def body_size(pages: list[PageLayout]) -> float:
    sizes: Counter[float] = Counter()
    for page in pages:
        for line in page.lines:
            for text, size in zip(line.texts, line.sizes, strict=True):
                sizes[size] += len(text)
    return sizes.most_common(1)[0][0] if sizes else 10.0


def find_headings(
    pages: list[PageLayout], table_boxes: dict[int, list[BBox]], skip_pages: set[int] = frozenset()
) -> list[Heading]:
    body = body_size(pages)
    headings: list[Heading] = []
    for page in pages:
        if page.number in skip_pages:
            continue
        prev: Line | None = None
        for line_no, line in enumerate(page.lines):
            is_heading = (
                line.bold
                and line.size >= body - 0.1
                and len(line.text) <= MAX_HEADING_CHARS
                and not line.text.startswith(("•", "-", "–"))
                and not line.inside(table_boxes.get(page.number, []))
            )
            if not is_heading:
                prev = None
                continue
            last = headings[-1] if headings else None
            wrapped = (
                prev is not None
                and last is not None
                and last.page == page.number
                and abs(prev.size - line.size) < 0.2
                and line.top - prev.bottom < 0.8 * (line.bottom - line.top)
            )
            if wrapped:
                last.text = f"{last.text} {line.text}"
                last.bbox = (
                    min(last.bbox[0], line.x0),
                    last.bbox[1],
                    max(last.bbox[2], line.x1),
                    line.bottom,
                )
            else:
                headings.append(
                    Heading(
                        line.text,
                        page.number,
                        line.bbox,
                        line.size,
                        line_no=line_no,
                    )
                )
            prev = line
    sizes = sorted({round(h.size * 2) / 2 for h in headings}, reverse=True)
    for h in headings:
        # a section tree deeper than six levels is type noise, not structure
        h.level = min(sizes.index(round(h.size * 2) / 2) + 1, 6)
    return headings


def find_contents(
    pages: list[PageLayout], headings: list[Heading], contents_pattern: str
) -> list[ContentsEntry]:
    """Entries of the contents page: a title and the page number printed beside it.

    A long contents list runs on over the next pages: a page goes on with it while most of its
    lines are entries whose page numbers carry on in order within the document (a page of key
    figures, "Referrals received 812", also has lines ending in numbers).
    """
    heading = next((h for h in headings if re.match(contents_pattern, h.text.strip())), None)
    if heading is None:
        return []
    entries: list[ContentsEntry] = []
    last_page = max(p.number for p in pages)
    for page in sorted((p for p in pages if p.number >= heading.page), key=lambda p: p.number):
        first = page.number == heading.page
        lines = [ln for ln in page.lines if not (first and ln.top <= heading.bbox[1])]
        found = [
            ContentsEntry(m["title"].strip(" .·…"), int(m["page"]), page.number)
            for m in (_CONTENTS_ENTRY.match(ln.text.strip()) for ln in lines)
            if m
        ]
        numbers = [e.page for e in found]
        carries_on = (
            len(found) >= max(CONTENTS_MIN_LINES, 0.6 * len(lines))
            and numbers == sorted(numbers)
            and numbers[0] >= (entries[-1].page if entries else 1)
            and numbers[-1] <= last_page
        )
        if not first and not carries_on:
            break
        entries += found
    return entries


def _tokens(text: str) -> set[str]:
    return {w[:5] for w in re.findall(r"[a-z0-9]+", text.lower())}


def _similarity(heading: str, entry: str) -> float:
    """How much of the heading the contents entry names (entries often add words)."""
    h = _tokens(heading)
    return len(h & _tokens(entry)) / len(h) if h else 0.0


def apply_contents(
    headings: list[Heading], contents: list[ContentsEntry], labels: dict[str, int] | None = None
) -> list[str]:
    """Name headings from the contents page; returns what did not check out.

    A contents page prints page labels (the numbers in the footers), which differ from PDF
    page numbers when the cover or front matter is unnumbered: ``labels`` maps one to the other.
    """
    problems = []
    labels = labels or {}
    for entry in contents:
        page = labels.get(str(entry.page), entry.page)
        on_page = [h for h in headings if h.page == page and h.contents_title is None]
        if not on_page:
            problems.append(
                f"the contents page puts {entry.title!r} on page {entry.page}, "
                "but no heading starts there"
            )
            continue
        best = max(on_page, key=lambda h: (_similarity(h.text, entry.title), -h.level))
        if _similarity(best.text, entry.title) < 0.3:
            best = min(on_page, key=lambda h: (h.level, h.bbox[1]))
        best.contents_title, best.contents_page = entry.title, entry.page
    return problems


def mark_appendices(headings: list[Heading], appendix_pattern: str) -> None:
    """Appendices come last: every heading from "Appendix A" on belongs to the latest one."""
    letter = None
    for h in headings:
        m = re.match(appendix_pattern, h.text.strip())
        if m:
            letter = m["letter"].upper()
        h.appendix = letter


def section_of(headings: list[Heading], page: PageLayout, bbox: BBox) -> Heading | None:
    """The last heading before ``bbox`` on ``page`` in reading order: the section a thing
    belongs to. Reading order, not height: on a two-column page, a heading high in the right
    column comes after a table low in the left one."""
    line_no = next(
        (k for k, line in enumerate(page.lines) if line.inside([bbox])),
        sum(line.bottom <= bbox[1] for line in page.lines),  # no text inside: by its height
    )
    before = [h for h in headings if (h.page, h.line_no) < (page.number, line_no)]
    return before[-1] if before else None
