"""Reader's checks on running text: the patterns of ``extractors/quality.toml``."""

from __future__ import annotations

import re

from .. import values
from ..layout import Line, PageLayout, join_lines
from ..specs import QualityRules
from .model import Finding


def _line_at(lines: list[Line], offsets: list[int], pos: int) -> Line:
    k = 0
    while k + 1 < len(offsets) and offsets[k + 1] <= pos:
        k += 1
    return lines[k]


def find_text_issues(
    pages: list[PageLayout], rules: QualityRules, period: str | None, skip: set[int]
) -> list[Finding]:
    """Matches of the quality patterns in each page's prose (``skip``: ids of table lines)."""
    compiled = [(rule, re.compile(rule.pattern, re.IGNORECASE)) for rule in rules.pattern]
    findings = []
    for page in pages:
        lines = [ln for ln in page.lines if id(ln) not in skip]
        offsets, text = [], ""
        for line in lines:  # offsets of each line in the page text, for the match's bbox
            offsets.append(len(text) + (1 if text else 0))
            text = join_lines([text, line.text]) if text else line.text
        for rule, pattern in compiled:
            for m in pattern.finditer(text):
                if rule.kind == "period_mismatch":
                    mentioned = values.normalise_period(m["period"])
                    if mentioned is None or mentioned == period:
                        continue
                line = _line_at(lines, offsets, m.start())
                sentence = _sentence(text, m.start(), m.end())
                findings.append(
                    Finding(
                        rule.kind, f"{rule.message} ({rule.name})", page.number, line.bbox, sentence
                    )
                )
    return findings


def _sentence(text: str, start: int, end: int) -> str:
    stop = text.rfind(". ", 0, start)
    left = stop + 2 if stop != -1 else 0
    right = text.find(". ", end)
    return text[left : right + 1 if right != -1 else len(text)].strip()
