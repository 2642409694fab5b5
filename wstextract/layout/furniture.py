"""Running headers and footers: lines in the page margins that repeat from page to page.

They are found across the whole document (a line is furniture because it recurs, with only
its digits changing), so this runs after every page has been read.
"""

from __future__ import annotations

import re
from collections import Counter

from .model import PageLayout
from .reading import MARGIN_BAND

_DIGITS = re.compile(r"\d+")
_PAGE_NUMBER = re.compile(r"^(?:page\s+)?(\d{1,4})(?:\s+of\s+\d+)?$", re.IGNORECASE)


def _key(text: str) -> str:
    return _DIGITS.sub("#", text.strip().lower())


def strip_furniture(pages: list[PageLayout], min_share: float = 0.5) -> None:
    """Move repeated margin lines of every page into ``page.furniture`` (in place)."""
    counts: Counter[str] = Counter()
    for page in pages:
        counts.update({_key(line.text) for line in _margin_lines(page)})
    threshold = max(2, min_share * len(pages))
    repeated = {k for k, n in counts.items() if n >= threshold}
    for page in pages:
        margin = {id(line) for line in _margin_lines(page)}
        keep, furniture = [], []
        for line in page.lines:
            is_furniture = id(line) in margin and _key(line.text) in repeated
            (furniture if is_furniture else keep).append(line)
        page.lines, page.furniture = keep, furniture
        for line in furniture:
            m = _PAGE_NUMBER.match(line.text.strip())
            if m:
                page.page_label = m[1]


def _margin_lines(page: PageLayout):
    band = MARGIN_BAND * page.height
    return [ln for ln in page.lines if ln.bottom < band or ln.top > page.height - band]
