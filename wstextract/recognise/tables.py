"""Apply the table signatures of ``extractors/tables.toml`` to found tables.

A table is recognised by what it holds (row labels, periods in its first column, the shapes of
its value columns), then each number becomes a metric candidate that keeps the cell it came
from. Candidates are validated later; here we only read what the table says, and note what a
careful reader would question (a header contradicting its rows, percents not summing to 100).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from .. import values
from ..specs import ColumnRule, TableSpec
from ..tables import Cell, FoundTable
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


def _source(row: list[Cell]) -> str:
    return " | ".join(c.text.replace("\n", " ") for c in row)


def _is_value(
    text: str, unit: str, header: str = "", suppressed: frozenset[str] = frozenset()
) -> bool:
    text = text.strip()
    if text in suppressed:
        return True  # a withheld number: a quality issue later, not a reason to give up
    if not values.is_number(text):
        return False
    if unit == "count":
        return "%" not in text and "." not in text
    return "%" in text or bool(re.search(r"%|percent|rate", header, re.IGNORECASE))


def _metric(
    ctx: TableContext, rule: ColumnRule, cell: Cell, category: str, period: str, source: str
) -> Candidate:
    return Candidate(
        "metrics",
        {
            "report_id": ctx.report_id,
            "metric": rule.metric,
            "category": rule.category or category,
            "period": period,
            "value": cell.text,
            "unit": rule.unit,
            "page": cell.page,
            "bbox": cell.bbox,
            "source_kind": "table",
            "source_text": source,
            "table_no": ctx.table_no,
        },
    )


def _order_columns(spec: TableSpec, headers: list[str]) -> list[ColumnRule]:
    """Columns by header when every header names exactly one rule, else in spec order."""
    if len(headers) != len(spec.columns):
        return list(spec.columns)
    by_header = []
    for header in headers:
        hits = [r for r in spec.columns if r.header and re.search(r.header, header)]
        if len(hits) != 1:
            return list(spec.columns)
        by_header.append(hits[0])
    return by_header if len({id(r) for r in by_header}) == len(by_header) else list(spec.columns)


def _check_label_header(
    spec: TableSpec, table: FoundTable, label_cols: list[int], rec: Recognised
) -> None:
    if not (spec.label_header and table.has_header):
        return
    for k in label_cols:
        header = table.header[k]
        if header and not re.search(spec.label_header, header):
            first = table.rows[0][k]
            rec.findings.append(
                Finding(
                    "header_contradicts_content",
                    f"the column headed {header!r} holds {spec.description.lower()} "
                    f"(rows such as {table.body[0][k].text!r}), not what its header says",
                    first.page,
                    first.bbox,
                    header,
                )
            )
            return


def _check_sum(cells: list[Cell], tolerance: float, what: str, rec: Recognised) -> None:
    numbers = [values.parse_number(c.text) for c in cells if values.is_number(c.text)]
    if numbers and abs(sum(numbers) - 100) > tolerance:
        rec.findings.append(
            Finding(
                "breakdown_mismatch",
                f"{what} sums to {sum(numbers):g}%, not 100%",
                cells[0].page,
                cells[0].bbox,
                " + ".join(c.text for c in cells),
            )
        )


def _label_rows(spec: TableSpec, table: FoundTable, ctx: TableContext) -> Recognised | None:
    body = [r for r in table.body if r and r[0].text]
    hits = sum(values.slugify(r[0].text) in spec.label_slugs for r in body)
    if hits < spec.min_labels or table.n_cols - 1 != len(spec.columns):
        return None
    headers = table.header[1:] if table.has_header else [""] * len(spec.columns)
    rules = _order_columns(spec, headers)
    for k, rule in enumerate(rules):
        if not all(
            _is_value(r[k + 1].text, rule.unit, headers[k], ctx.suppressed) or not r[k + 1].text
            for r in body
        ):
            return None
    rec = Recognised(spec)
    _check_label_header(spec, table, [0], rec)
    for row in table.body:  # numbers without a label cannot be filed: say so, never drop them
        if row and not row[0].text and any(c.text for c in row[1:]):
            cell = next(c for c in row[1:] if c.text)
            rec.findings.append(
                Finding(
                    "unrecognised",
                    f"a row of {spec.description.lower()} has values but no label; "
                    "they are in report_tables only",
                    cell.page,
                    cell.bbox,
                    _source(row),
                )
            )
    totals = {}
    for row in body:
        category = values.slugify(row[0].text)
        if category in spec.total_slugs:
            category = "total"
        for k, rule in enumerate(rules):
            cell = row[k + 1]
            if not cell.text:
                continue
            period = values.normalise_period(headers[k]) or ctx.period
            rec.candidates.append(_metric(ctx, rule, cell, category, period, _source(row)))
            if category == "total" and values.is_number(cell.text):
                totals[k] = cell
    for k, rule in enumerate(rules):
        column = [r[k + 1] for r in body if values.slugify(r[0].text) not in spec.total_slugs]
        if rule.unit == "percent" and spec.percent_sum_tolerance is not None:
            _check_sum(column, spec.percent_sum_tolerance, f"the {headers[k]!r} column", rec)
        if rule.unit == "count" and k in totals:
            stated = values.parse_number(totals[k].text)
            parts = sum(values.parse_number(c.text) for c in column if values.is_number(c.text))
            if parts != stated:
                rec.findings.append(
                    Finding(
                        "breakdown_mismatch",
                        f"the rows add up to {parts:g}, the stated total is {stated:g}",
                        totals[k].page,
                        totals[k].bbox,
                        _source(body[-1]),
                    )
                )
    return rec


def _label_value_pairs(spec: TableSpec, table: FoundTable, ctx: TableContext) -> Recognised | None:
    if table.n_cols % 2 or table.n_cols < 4 or len(spec.columns) != 1:
        return None
    pairs = [(k, k + 1) for k in range(0, table.n_cols, 2)]
    labels = [r[a].text for r in table.body for a, _ in pairs if r[a].text]
    if sum(values.slugify(label) in spec.label_slugs for label in labels) < spec.min_labels:
        return None
    rule = spec.columns[0]
    if not all(
        _is_value(r[b].text, rule.unit, "", ctx.suppressed)
        for r in table.body
        for a, b in pairs
        if r[a].text
    ):
        return None
    rec = Recognised(spec)
    _check_label_header(spec, table, [a for a, _ in pairs], rec)
    for row in table.body:
        for a, b in pairs:
            if not row[a].text:
                continue
            header = table.header[b] if table.has_header else ""
            period = values.normalise_period(header) or ctx.period
            source = f"{row[a].text} | {row[b].text}"
            rec.candidates.append(
                _metric(ctx, rule, row[b], values.slugify(row[a].text), period, source)
            )
    return rec


def _period_rows(spec: TableSpec, table: FoundTable, ctx: TableContext) -> Recognised | None:
    body = table.body
    if not body or table.n_cols - 1 != len(spec.columns):
        return None
    periods = [values.normalise_period(r[0].text) for r in body]
    if not all(periods):
        return None
    headers = table.header[1:] if table.has_header else [""] * len(spec.columns)
    rules = _order_columns(spec, headers)
    for k, rule in enumerate(rules):
        if not all(_is_value(r[k + 1].text, rule.unit, headers[k], ctx.suppressed) for r in body):
            return None
    rec = Recognised(spec)
    for row, period in zip(body, periods, strict=True):
        for k, rule in enumerate(rules):
            rec.candidates.append(_metric(ctx, rule, row[k + 1], "total", period, _source(row)))
        if spec.percent_sum_tolerance is not None:
            shares = [row[k + 1] for k, r in enumerate(rules) if r.unit == "percent"]
            _check_sum(shares, spec.percent_sum_tolerance, f"the {row[0].text!r} row", rec)
    return rec


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
    if not all(r[1].text.lower() in grades for r in body):
        return None
    rec = Recognised(spec)
    for row in body:
        rec.candidates.append(
            Candidate(
                "inspection_judgements",
                {
                    "report_id": ctx.report_id,
                    "inspectorate": spec.inspectorate,
                    "judgement": row[0].text.replace("\n", " "),
                    "grade": grades[row[1].text.lower()],
                    "page": row[0].page,
                    "bbox": row[0].bbox,
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
    if not all(r[0].text.isdigit() for r in table.body):
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
    "label_rows": _label_rows,
    "label_value_pairs": _label_value_pairs,
    "period_rows": _period_rows,
    "glossary": _glossary,
    "judgements": _judgements,
    "findings": _findings,
}


def recognise_table(table: FoundTable, specs: list[TableSpec], ctx: TableContext) -> Recognised:
    """The first spec that recognises ``table`` by its content, with what it yields."""
    for spec in specs:
        rec = LAYOUTS[spec.layout](spec, table, ctx)
        if rec is not None:
            return rec
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
