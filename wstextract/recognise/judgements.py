"""Inspection judgements a report lists in its prose instead of a table.

"Ofsted carried out a full inspection … The judgements were:" followed by a list of
"Overall effectiveness: Good" lines. The grades and inspectorates are the judgement signatures
of ``extractors/tables.toml``: a list is read only when at least two lines in a row end in a
grade of one signature, and the text just above the list names that signature's inspectorate
(or matches its ``section_pattern``). Anything less stays prose.
"""

from __future__ import annotations

import re

from ..layout.blocks import Block
from ..specs import TableSpec
from .model import Candidate

# "Judgement: Grade", "Judgement – Grade"; the grade is the whole rest of the line
_LISTED = re.compile(
    r"^(?P<judgement>[^:–—]{3,160}?)\s*(?::|\s[–—-]\s)\s*(?P<grade>[A-Za-z ]+?)\.?$"
)
LOOK_BACK = 2  # the blocks above a list that may say whose judgements it holds


def _inspectorate_of(above: str, specs: list[TableSpec]) -> list[TableSpec]:
    found = []
    for spec in specs:
        pattern = spec.section_pattern or rf"\b{re.escape(spec.inspectorate or '')}\b"
        if spec.inspectorate and re.search(pattern, above):
            found.append(spec)
    return found


def _read(run: list[tuple[Block, re.Match]], above: str, specs: list[TableSpec], report_id: str):
    if len(run) < 2:
        return []
    matching = [
        s
        for s in _inspectorate_of(above, specs)
        if all(m["grade"].lower() in {g.lower() for g in s.grades} for _b, m in run)
    ]
    # CQC grades on Ofsted's scale: a signature with a section pattern is the more specific
    specific = [s for s in matching if s.section_pattern] or matching
    if len(specific) != 1:
        return []
    (spec,) = specific
    grades = {g.lower(): g for g in spec.grades}
    return [
        Candidate(
            "inspection_judgements",
            {
                "report_id": report_id,
                "inspectorate": spec.inspectorate,
                "judgement": " ".join(m["judgement"].split()),
                "grade": grades[m["grade"].lower()],
                "page": block.page,
                "bbox": block.bbox,
            },
        )
        for block, m in run
    ]


def listed_judgements(
    blocks: list[Block], specs: list[TableSpec], report_id: str
) -> list[Candidate]:
    """``inspection_judgements`` candidates for every list of judgements in the prose."""
    specs = [s for s in specs if s.layout == "judgements"]
    all_grades = {g.lower() for s in specs for g in s.grades}
    out: list[Candidate] = []
    run: list[tuple[Block, re.Match]] = []
    above: list[str] = []
    for block in blocks:
        m = _LISTED.match(block.text.strip()) if block.kind != "heading" else None
        if m and m["grade"].lower() in all_grades:
            run.append((block, m))
            continue
        out += _read(run, " ".join(above[-LOOK_BACK:]), specs, report_id)
        run = []
        above = [block.text] if block.kind == "heading" else [*above, block.text]
    out += _read(run, " ".join(above[-LOOK_BACK:]), specs, report_id)
    return out
