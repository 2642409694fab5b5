"""Whose report this is and which year it covers, from the cover and the text."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from .. import values
from ..layout import BBox, PageLayout, join_lines
from ..layout.model import Line
from ..specs import ReportRules


@dataclass(frozen=True)
class Evidence:
    page: int
    bbox: BBox
    text: str


@dataclass
class ReportMetadata:
    partnership: str | None
    id_prefix: str | None
    title: str | None
    period: str | None
    period_start: date | None
    period_end: date | None
    evidence: dict[str, Evidence] = field(default_factory=dict)
    conflicts: list[tuple[str, Evidence]] = field(default_factory=list)


def _cover_lines(pages: list[PageLayout]):
    """Lines of the first page, biggest type first: where a cover puts name and title."""
    if not pages:
        return []
    return sorted(pages[0].lines, key=lambda ln: -ln.size)


def _wrapped(page: PageLayout, first: Line) -> list[Line]:
    """A title set over two or three lines: the lines right below it in the same size."""
    out = [first]
    below = sorted((ln for ln in page.lines if ln.top > first.top), key=lambda ln: ln.top)
    for ln in below:
        last = out[-1]
        if len(out) == 3 or abs(ln.size - first.size) > 0.5:
            break
        if ln.top - last.bottom > 0.8 * first.size:
            break
        out.append(ln)
    return out


def find_metadata(pages: list[PageLayout], rules: ReportRules) -> ReportMetadata:
    meta = ReportMetadata(None, None, None, None, None, None)
    for partnership in rules.partnership:
        for page in pages[:3]:
            text = " ".join(ln.text for ln in page.lines).lower()
            alias = next((a for a in partnership.aliases if a.lower() in text), None)
            if alias:
                first = alias.split()[0].lower()
                hit = next(ln for ln in page.lines if first in ln.text.lower())
                meta.partnership, meta.id_prefix = partnership.name, partnership.id_prefix
                meta.evidence["partnership"] = Evidence(page.number, hit.bbox, hit.text)
                break
        if meta.partnership:
            break

    title_re = re.compile(rules.period.title)
    title_pages = [(pages[0], _cover_lines(pages))] + [(p, p.lines) for p in pages[1:3]]
    for page, lines in title_pages:
        hit = next(((ln, m) for ln in lines if (m := title_re.search(ln.text))), None)
        if hit:
            line, m = hit
            meta.title = " ".join(ln.text.strip() for ln in _wrapped(page, line))
            meta.period = values.normalise_period(m["period"])
            meta.evidence["title"] = Evidence(page.number, line.bbox, line.text)
            break

    # The title names the year; a "covers the period ..." sentence gives its exact dates.
    # A sentence naming another year (a partner quoting its own report) never overrides it.
    sentence_res = [re.compile(p, re.IGNORECASE) for p in rules.period.sentences]
    for page in pages:
        text = join_lines(ln.text for ln in page.lines)
        for pattern in sentence_res:
            for m in pattern.finditer(text):
                start, end = values.parse_date(m["start"]), values.parse_date(m["end"])
                if not (start and end and start < end):
                    continue
                stated = values.normalise_period(f"{start.year}/{end.year}")
                words = m.group(0).split()[:3]
                line = next(
                    (ln for ln in page.lines if " ".join(words[:2]) in ln.text), page.lines[0]
                )
                evidence = Evidence(page.number, line.bbox, m.group(0))
                if meta.period and stated != meta.period:
                    meta.conflicts.append(
                        (
                            f"the title says {meta.period} but page {page.number} says "
                            f"{m.group(0)!r}; the title's period is used",
                            evidence,
                        )
                    )
                    continue
                meta.period = stated
                meta.period_start, meta.period_end = start, end
                meta.evidence["period"] = evidence
                return meta
    if meta.period:
        meta.period_start, meta.period_end = values.period_bounds(meta.period)
    return meta
