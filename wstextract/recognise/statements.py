"""Partner statements: the appendix where each partner reports its year, one statement each.

A statement starts at a heading on the appendix's "statement level": the heading level where
the partner registry recognises the most headings. A heading on that level that names no
known partner still starts a statement when it opens a page (statements start on new pages),
and is flagged; deeper headings ("LeDeR:", "Operation Encompass") are sections inside the
statement, never new partners.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from ..layout.blocks import Block
from ..specs import PartnerRegistry
from ..structure import Heading
from .model import Candidate, Finding


@dataclass
class Statement:
    heading: Heading
    partner: str
    known: bool
    role: str | None = None
    blocks: list[Block] = field(default_factory=list)


def _is_role(block: Block, pattern: re.Pattern) -> bool:
    if block.kind != "paragraph" or len(block.lines) > 2:
        return False
    italic = all(
        any(s in font.lower() for s in ("italic", "oblique"))
        for ln in block.lines
        for font in ln.fonts
    )
    return italic or bool(pattern.search(block.text))


def find_statements(
    headings: list[Heading],
    blocks: list[Block],
    registry: PartnerRegistry,
    appendix: str | None,
) -> tuple[list[Statement], list[Finding]]:
    """Statements of the appendix whose headings the registry recognises best."""
    in_appendix = [k for k, h in enumerate(headings) if h.appendix]
    if not in_appendix:
        return [], []
    # the appendix that holds partner statements: the one with most registry matches
    letters = Counter(headings[k].appendix for k in in_appendix if registry.match(headings[k].text))
    if not letters:
        return [], []
    letter = appendix or letters.most_common(1)[0][0]
    candidates = [k for k in in_appendix if headings[k].appendix == letter]
    levels = Counter(headings[k].level for k in candidates if registry.match(headings[k].text))
    level = min(levels, key=lambda lv: (-levels[lv], lv))
    starts = {
        k
        for k in candidates
        if headings[k].level == level
        and (registry.match(headings[k].text) or headings[k].opens_page)
    }
    last = max(candidates)

    statements: list[Statement] = []
    findings: list[Finding] = []
    current: Statement | None = None
    role_re = re.compile(registry.role_pattern)
    for block in blocks:
        k = block.heading_no
        if k is not None and k in starts:
            h = headings[k]
            partner = registry.match(h.text)
            current = Statement(h, partner.name if partner else h.text, partner is not None)
            statements.append(current)
            continue
        if current is None:
            continue
        if k is not None and (k > last or headings[k].level < level):
            current = None  # past the statements: the next appendix or a higher heading
            continue
        if not current.blocks and current.role is None and _is_role(block, role_re):
            current.role = block.text
            continue
        current.blocks.append(block)
    for st in statements:
        if not st.known:
            findings.append(_renamed(st, registry) or _unknown(st.heading))
    return statements, findings


# "(formerly Wolverhampton Voluntary Sector Council)", "previously known as …"
FORMERLY = re.compile(
    r"\b(?:formerly|previously|until recently|once)(?: known as| called)?\s+(?:the\s+)?"
    r"([A-Z][\w'’&-]*(?:\s+(?:[A-Z][\w'’&-]*|of|and|for))*)"
)


def _renamed(st: Statement, registry: PartnerRegistry) -> Finding | None:
    """A heading that names no partner, over a statement that says which partner it used to
    be ("formerly Wolverhampton Voluntary Sector Council"): the statement is that partner's,
    so its series carry on; the rename is a quality issue a researcher can check."""
    opening = " ".join([st.role or "", *(b.text for b in st.blocks[:2])])
    for m in FORMERLY.finditer(opening):
        partner = registry.match(m[1])
        if partner is not None:
            printed = st.heading.text
            st.partner, st.known = partner.name, True
            return Finding(
                "renamed_partner",
                f"partner statement heading {printed!r} names no partner in "
                f"extractors/partners.toml, but the statement says it was formerly {m[1]!r}: "
                f"stored as {partner.name!r}; add the new name to its aliases to confirm",
                st.heading.page,
                st.heading.bbox,
                printed,
            )
    return None


def _unknown(h: Heading) -> Finding:
    return Finding(
        "unrecognised",
        f"partner statement heading {h.text!r} names no partner in "
        "extractors/partners.toml; stored under the heading as printed",
        h.page,
        h.bbox,
        h.text,
    )


def statement_records(statements: list[Statement], report_id: str) -> list[Candidate]:
    """Rows for partner_statements, statement_sections and statement_items."""
    out: list[Candidate] = []
    for no, st in enumerate(statements, start=1):
        text = "\n".join(b.text for b in st.blocks)
        pages = [st.heading.page] + [b.page for b in st.blocks]
        out.append(
            Candidate(
                "partner_statements",
                {
                    "report_id": report_id,
                    "statement_no": no,
                    "partner": st.partner,
                    "partner_known": st.known,
                    "heading": st.heading.text,
                    "author_role": st.role,
                    "text": text,
                    "page_start": st.heading.page,
                    "page_end": max(pages),
                    "n_words": len(text.split()),
                    "bbox": st.heading.bbox,
                },
            )
        )
        section_no, section_blocks, section_head = 0, [], None
        sections: list[tuple[int, Block | None, list[Block]]] = []
        for block in st.blocks:
            if block.kind == "heading":
                if section_head or section_blocks:
                    sections.append((section_no, section_head, section_blocks))
                section_no += 1
                section_head, section_blocks = block, []
            else:
                section_blocks.append(block)
        sections.append((section_no, section_head, section_blocks))
        item_no = 0
        for sec_no, head, sec_blocks in sections:
            if head is not None:
                out.append(
                    Candidate(
                        "statement_sections",
                        {
                            "report_id": report_id,
                            "statement_no": no,
                            "section_no": sec_no,
                            "heading": head.text,
                            "text": "\n".join(b.text for b in sec_blocks),
                            "page": head.page,
                            "bbox": head.bbox,
                        },
                    )
                )
            for block in sec_blocks:
                if block.kind == "bullet":
                    item_no += 1
                    out.append(
                        Candidate(
                            "statement_items",
                            {
                                "report_id": report_id,
                                "statement_no": no,
                                "item_no": item_no,
                                "section_no": sec_no or None,
                                "level": block.level,
                                "text": block.text,
                                "page": block.page,
                                "bbox": block.bbox,
                            },
                        )
                    )
    return out
