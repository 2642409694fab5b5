"""Apply the table signatures of ``extractors/tables.toml`` to found tables.

A table is recognised by what it holds (category labels or periods on either axis, the shapes
and headers of its value lines: ``statistics.py``), then each number becomes a metric candidate
that keeps the cell it came from. Candidates are validated later; here we only read what the
table says, and note what a careful reader would question (a header contradicting its rows,
percents not summing to 100).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from .. import values
from ..specs import TableSpec
from ..tables import Cell, FoundTable
from . import statistics
from .model import Candidate, Finding

ACRONYM = re.compile(r"^[A-Za-z&/\- ]{1,14}$")


@dataclass
class TableContext:
    report_id: str
    period: str
    table_no: int
    section: str | None
    suppressed: frozenset[str] = frozenset()


@dataclass
class Recognised:
    spec: TableSpec | None
    candidates: list[Candidate] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    named: int = 0  # value lines whose header names one of the spec's measures


def _source(row: list[Cell]) -> str:
    return " | ".join(c.text.replace("\n", " ") for c in row)


def _about(spec: TableSpec, table: FoundTable, ctx: TableContext) -> bool:
    """A spec with a ``section_pattern`` is only for tables its section or header names
    ("IDVA"): "Sessions" and "Delegates" alone do not say whose."""
    where = " ".join([ctx.section or "", *table.header])
    return not spec.section_pattern or bool(re.search(spec.section_pattern, where))


def _statistics(spec: TableSpec, table: FoundTable, ctx: TableContext) -> Recognised | None:
    if not _about(spec, table, ctx):
        return None
    read = statistics.recognise(
        spec, table, ctx.report_id, ctx.period, ctx.table_no, ctx.suppressed
    )
    if read is None:
        return None
    candidates, findings, named = read
    return Recognised(spec, candidates, findings, named)


def _glossary(spec: TableSpec, table: FoundTable, ctx: TableContext) -> Recognised | None:
    body = [r for r in table.body if any(c.text for c in r)]
    if table.n_cols != 2 or len(body) < 10:
        return None
    acronyms = [
        r for r in body if ACRONYM.match(r[0].text) and sum(ch.isupper() for ch in r[0].text) >= 2
    ]
    if len(acronyms) < 0.8 * len(body):
        return None
    rec = Recognised(spec)
    for row in body:
        rec.candidates.append(
            Candidate(
                "glossary",
                {
                    "report_id": ctx.report_id,
                    "acronym": row[0].text,
                    "expansion": row[1].text,
                    "page": row[0].page,
                    "bbox": row[0].bbox,
                },
            )
        )
    return rec


def _judgements(spec: TableSpec, table: FoundTable, ctx: TableContext) -> Recognised | None:
    grades = {g.lower(): g for g in spec.grades}
    body = table.body
    if table.n_cols != 2 or len(body) < 2:
        return None
    if not _about(spec, table, ctx):
        return None
    # a judgement that wraps in a table without rules goes on in a row with no grade
    rows: list[tuple[Cell, str, str]] = []  # first cell, judgement, grade
    for r in body:
        if rows and not r[1].text.strip() and r[0].text.strip():
            cell, judgement, grade = rows[-1]
            rows[-1] = (cell, f"{judgement} {r[0].text}", grade)
            continue
        rows.append((r[0], r[0].text, r[1].text))
    if not rows or not all(grade.lower() in grades for _c, _t, grade in rows):
        return None
    rec = Recognised(spec)
    for cell, judgement, grade in rows:
        rec.candidates.append(
            Candidate(
                "inspection_judgements",
                {
                    "report_id": ctx.report_id,
                    "inspectorate": spec.inspectorate,
                    "judgement": " ".join(judgement.split()),
                    "grade": grades[grade.lower()],
                    "page": cell.page,
                    "bbox": cell.bbox,
                },
            )
        )
    return rec


def _findings(spec: TableSpec, table: FoundTable, ctx: TableContext) -> Recognised | None:
    header = table.header
    if not header or table.n_cols != 3:
        return None
    if not (
        re.search(spec.review_pattern or "", header[1])
        and re.search(spec.recommendation_pattern or "", header[2])
    ):
        return None
    if not all(r[0].text.isdecimal() for r in table.body):
        return None
    rec = Recognised(spec)
    for row in table.body:
        rec.candidates.append(
            Candidate(
                "review_findings",
                {
                    "report_id": ctx.report_id,
                    "review": ctx.section or spec.untitled_review,
                    "number": row[0].text,
                    "finding": row[1].text,
                    "recommendations": row[2].text,
                    "page": row[0].page,
                    "bbox": row[0].bbox,
                },
            )
        )
    return rec


LAYOUTS: dict[str, Callable[[TableSpec, FoundTable, TableContext], Recognised | None]] = {
    "breakdown": _statistics,
    "series": _statistics,
    "glossary": _glossary,
    "judgements": _judgements,
    "findings": _findings,
}


def recognise_table(table: FoundTable, specs: list[TableSpec], ctx: TableContext) -> Recognised:
    """The spec that recognises ``table`` by its content, with what it yields: the first of
    the glossary, judgement and findings shapes; of the statistics signatures, the one whose
    measures most of its value lines name (a "conversion" line alone does not make an adult
    safeguarding table a CSE table)."""
    best: Recognised | None = None
    for spec in specs:
        rec = LAYOUTS[spec.layout](spec, table, ctx)
        if rec is None:
            continue
        if spec.layout not in {"breakdown", "series"}:
            return rec
        if best is None or rec.named > best.named:
            best = rec
    if best is not None:
        return best
    rec = Recognised(None)
    numbers = [c for r in table.body for c in r if values.is_number(c.text)]
    if len(numbers) >= 3:
        first = numbers[0]
        rec.findings.append(
            Finding(
                "unrecognised",
                f"a table of {len(numbers)} numbers that no signature in "
                "extractors/tables.toml recognises; its values are stored in report_tables only",
                first.page,
                table.bbox,
                " | ".join(table.header) or _source(table.rows[0]),
            )
        )
    return rec
