"""Reader's checks on running text: the patterns of ``extractors/quality.toml``."""

from __future__ import annotations

import re

from .. import values
from ..layout.blocks import Block
from ..specs import QualityRules
from .model import Finding


def find_text_issues(blocks: list[Block], rules: QualityRules, period: str | None) -> list[Finding]:
    """Matches of the quality patterns in the prose (headings and tables are not prose)."""
    compiled = [(rule, re.compile(rule.pattern, re.IGNORECASE)) for rule in rules.pattern]
    findings = []
    for block in blocks:
        if block.kind == "heading":
            continue
        for rule, pattern in compiled:
            for m in pattern.finditer(block.text):
                if rule.kind == "period_mismatch":
                    mentioned = values.normalise_period(m["period"])
                    if mentioned is None and values.reporting_year_of(m["period"]):
                        mentioned = m["period"]  # the end of a twelve-month window
                    if mentioned is None or mentioned == period:
                        continue
                findings.append(
                    Finding(
                        rule.kind,
                        f"{rule.message} ({rule.name})",
                        block.page,
                        block.bbox_of(m.start(), m.end()),
                        _sentence(block.text, m.start(), m.end()),
                    )
                )
    return findings


def _sentence(text: str, start: int, end: int) -> str:
    stop = text.rfind(". ", 0, start)
    left = stop + 2 if stop != -1 else 0
    right = text.find(". ", end)
    return text[left : right + 1 if right != -1 else len(text)].strip()
