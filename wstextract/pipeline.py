"""Run the stages for one PDF, in order. The only module that knows the order.

    PDF → layout → tables → structure → recognise → validate → store

Each page is parsed once: its layout and its ruled tables are read while it is open, then it
is closed. Everything after that works on the page layouts alone.
"""

from __future__ import annotations

import json
import re
import shutil
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from . import __version__, errors, layout, quality, structure, tables, values
from .files import sha256_file
from .layout import DEFAULT_LIMITS, BBox, PageLayout
from .layout.blocks import Block, text_blocks
from .models import QualityIssue, Record, Report, ReportTable, Section
from .recognise import Candidate, Finding, TableContext, find_text_issues, phrases, recognise_table
from .recognise.definitions import BlockContext
from .recognise.judgements import listed_judgements
from .recognise.narrative import Figure, NarrativeReader, may_hold_figures
from .recognise.statements import Statement, find_statements, statement_records
from .snippets import render_snippets
from .specs import Extractors
from .store import StoreResult, connect, store_report

Progress = Callable[[int, int], None]  # (pages done, pages in all)


@dataclass
class Extraction:
    report: Report
    records: dict[str, Sequence[Record]]  # snippets: read from a spool file when iterated
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def issues(self) -> list[QualityIssue]:
        return self.records.get("quality_issues", [])  # type: ignore[return-value]

    def count(self, table: str) -> int:
        return len(self.records.get(table, []))


@dataclass
class IngestResult:
    extraction: Extraction | None
    stored: StoreResult
    seconds: float


def read_pages(
    path: Path,
    password: str | None,
    progress: Progress | None,
    limits: layout.Limits = DEFAULT_LIMITS,
) -> tuple[list[PageLayout], list[tables.FoundTable], int]:
    pages, ruled = [], []
    # the opening limit guards reading the document structure; from the first page on, each
    # page's own limit takes over (a nested limit replaces the outer one)
    opening = layout.time_limit(limits.page_timeout, f"{path}: opening the PDF")
    with opening, layout.open_pdf(path, password) as pdf:
        total = pdf.page_count
        if total > limits.max_pages:
            raise errors.TooLarge(
                f"{path}: {total} pages, more than the limit of "
                f"{limits.max_pages} (raise --max-pages to allow it)"
            )
        for page in pdf.pages():
            where = f"{path}: page {page.page_number}"
            try:
                with layout.time_limit(limits.page_timeout, where):
                    page_layout = layout.page_layout(page)
                    ruled += tables.find_ruled_tables(page, page_layout)
            except errors.WstError:
                raise
            except Exception as e:  # a broken content stream surfaces while parsing; or a bug
                raise layout.as_named_error(e, path, password, page.page_number) from e
            pages.append(page_layout)
            if progress:
                progress(page.page_number, total)
    return pages, ruled, total


def _ocr_hint(path: Path) -> str:
    """OCR is out of scope, but if ocrmypdf is installed we can say exactly what to run."""
    if shutil.which("ocrmypdf"):
        return (
            f"make a text layer with `ocrmypdf {path} {path.with_suffix('.ocr.pdf')}` "
            "and ingest that file"
        )
    return "OCR is out of scope: install ocrmypdf to add a text layer, then ingest the result"


def _table_boxes(found: list[tables.FoundTable]) -> dict[int, list[BBox]]:
    """Per page, the boxes tables occupy (a merged table has rows on several pages)."""
    boxes: dict[int, list[BBox]] = {}
    for table in found:
        by_page: dict[int, list[BBox]] = {}
        for row in table.rows:
            for cell in row:
                if cell.bbox:
                    by_page.setdefault(cell.page, []).append(cell.bbox)
        by_page.setdefault(table.page, []).append(table.bbox)
        for page, bs in by_page.items():
            boxes.setdefault(page, []).append(tables.model.union(bs))
    return boxes


def _lines_in(pages: list[PageLayout], boxes: dict[int, list[BBox]]) -> set[int]:
    return {
        id(line) for page in pages for line in page.lines if line.inside(boxes.get(page.number, []))
    }


def _heading_lines(pages: list[PageLayout], headings: list[structure.Heading]) -> dict[int, int]:
    """id of each line printed inside a heading -> that heading's index."""
    out = {}
    by_page = {p.number: p for p in pages}
    for k, h in enumerate(headings):
        for line in by_page[h.page].lines:
            if line.inside([h.bbox]):
                out[id(line)] = k
    return out


def _partner_list(
    blocks: list[Block], headings: list[structure.Heading], extractors: Extractors, report_id: str
) -> list[Candidate]:
    """The report's list of partner organisations, each line matched to the registry."""
    pattern = re.compile(extractors.report.sections.partners)
    out: list[Candidate] = []
    inside = False
    for block in blocks:
        if block.kind == "heading":
            inside = bool(pattern.match(headings[block.heading_no].text.strip()))
            continue
        if not inside:
            continue
        partner = extractors.partners.match(block.text)
        out.append(
            Candidate(
                "partners",
                {
                    "report_id": report_id,
                    "name": partner.name if partner else block.text,
                    "kind": partner.kind if partner else None,
                    "listed_as": block.text,
                    "page": block.page,
                    "bbox": block.bbox,
                },
            )
        )
    return out


def _block_contexts(
    blocks: list[Block],
    headings: list[structure.Heading],
    in_statement: dict[int, tuple[int, str | None]],
    period: str,
    tabled: dict[tuple, frozenset[str]],
    table_tops: Sequence[tuple[int, float]] = (),
) -> Iterator[tuple[Block, BlockContext]]:
    """Each prose block with a figure, with whose statement and which heading it is under, and
    the period a careful reader takes from around it when its own sentence names none. In
    order of precedence: the last lead-in above it ("… achievements in 2021-22:", "Data from
    January 2022 to June 2022:"; a lead-in naming no period keeps the one before), its heading
    or the dateline under the heading ("April 2021 – March 2022"), and its partner statement's
    opening ("2021/22 was a year where …"). Lead-ins end at the next heading, and at a table
    (``table_tops``: page and top of each): "… recovered after a dip in 2033/34:" introduces
    its table, not the paragraph after it. A heading that names one stretch of the year among
    others ("Quarter 1 by the numbers") is the scope of its section's figures."""
    parts = phrases.parts_of_year([h.text for h in headings])
    # the headings above, outermost first, each with the period it or its dateline names
    path: list[tuple[structure.Heading, str | None]] = []
    lead_in_period = statement_period = None
    statement = None
    after_heading = False
    where = (0, 0.0)  # page and bottom of the block before
    for block in blocks:
        here = (block.page, block.bbox[1])
        if any(where <= top <= here for top in table_tops):
            lead_in_period = None
        where = (block.page, block.bbox[3])
        if block.kind == "heading":
            h = headings[block.heading_no]
            named = values.heading_period(h.text)
            path = [(p, n) for p, n in path if p.level < h.level] + [(h, named)]
            lead_in_period, after_heading = None, True
            continue
        text = block.text.strip()
        dateline = values.dateline_period(text) if after_heading else None
        after_heading = False
        if dateline:  # "April 2021 – March 2022" right under its heading
            path[-1] = (path[-1][0], dateline)
            continue
        statement_no, partner = in_statement.get(id(block), (None, None))
        if statement_no != statement:
            statement = statement_no
            statement_period = values.opening_period(text) if statement_no else None
        if text.endswith(":"):
            lead_in_period = values.lead_in_period(text.rsplit(". ", 1)[-1]) or lead_in_period
        if not may_hold_figures(block.text):
            continue  # nothing to find or promote
        heading = " / ".join(h.text for h, _ in path)
        heading_period = next((n for _, n in reversed(path) if n), None)
        section_period = lead_in_period or heading_period or statement_period
        scope = next((h.text for h, _ in reversed(path) if h.text in parts), None)
        yield block, BlockContext(partner, heading, section_period, period, tabled, scope)


def _narrative(
    blocks: list[Block],
    headings: list[structure.Heading],
    statements: list[Statement],
    reader: NarrativeReader,
    report_id: str,
    period: str,
    table_metrics: list[Candidate],
    table_tops: Sequence[tuple[int, float]] = (),
) -> tuple[list[Candidate], list[Finding]]:
    """narrative_figures for every number in the prose, the metrics the definitions
    promote, and the places where the prose gives one question two values."""
    tabled: dict[tuple, set[str]] = {}  # what prose that repeats a table is about
    for c in table_metrics:
        f = c.fields
        if isinstance(f["value"], str) and not values.is_number(f["value"]):
            continue  # a cell validation will flag
        value = float(values.parse_number(str(f["value"])))
        tabled.setdefault((f["metric"], f["category"], f["unit"], value), set()).add(f["period"])
    in_statement = {
        id(b): (no, st.partner) for no, st in enumerate(statements, start=1) for b in st.blocks
    }
    out: list[Candidate] = []
    figure_no = 0
    frozen = {k: frozenset(v) for k, v in tabled.items()}
    pairs = list(_block_contexts(blocks, headings, in_statement, period, frozen, table_tops))
    prose = [block for block, _ctx in pairs]
    contexts = [ctx for _block, ctx in pairs]
    read = list(zip(prose, reader.read_all(prose, contexts), strict=True))
    findings = _prose_versus_prose(read)
    new_labels: set[tuple[str, str]] = set()
    for block, figures in read:
        statement_no, partner = in_statement.get(id(block), (None, None))
        for f in figures:
            figure_no += 1
            d = f.decision
            bbox = block.bbox_of(f.start, f.end)
            out.append(
                Candidate(
                    "narrative_figures",
                    {
                        "report_id": report_id,
                        "figure_no": figure_no,
                        "text": f.text,
                        "value": f.value,
                        "value_high": f.value_high,
                        "unit": f.unit,
                        "period": f.period,
                        "period_stated": f.period_stated,
                        "direction": f.direction,
                        "subject": f.subject,
                        "partner": partner,
                        "statement_no": statement_no,
                        "sentence": f.sentence,
                        "entities": json.dumps(f.entities),
                        "metric": d.metric if d else None,
                        "category": d.category if d and d.metric else None,
                        "promoted": bool(d and d.promoted),
                        "reason": d.reason if d else None,
                        "page": block.page,
                        "bbox": bbox,
                    },
                )
            )
            if d is None or not d.promoted:
                continue
            if d.new_label and (d.metric, d.category) not in new_labels:
                new_labels.add((d.metric, d.category))
                findings.append(
                    Finding(
                        "new_category",
                        f"{d.metric}: {d.new_label!r} is not a category the definitions in "
                        f"extractors/metrics.toml know; stored as {d.category!r}",
                        block.page,
                        bbox,
                        f.sentence,
                    )
                )
            if f.value_high is not None:  # a range: its two ends, with a change's sign
                sign = -1 if (d.value or 0) < 0 else 1
                ends = [("range_low", sign * f.value), ("range_high", sign * f.value_high)]
            else:
                ends = [(d.category, d.value)]
            for category, value in ends:
                out.append(
                    Candidate(
                        "metrics",
                        {
                            "report_id": report_id,
                            "metric": d.metric,
                            "category": category,
                            "period": d.period,
                            "value": value,
                            "unit": d.unit,
                            "page": block.page,
                            "bbox": bbox,
                            "source_kind": "narrative",
                            "source_text": f.sentence,
                        },
                    )
                )
    return out, findings


def _prose_versus_prose(read: list[tuple[Block, list[Figure]]]) -> list[Finding]:
    """Two sentences that give one question different values ("IDVA training reached 189
    delegates" in the key figures, "198 delegates" in the body): the report has no one answer
    there, so neither is promoted. Both stay candidates, with a quality issue naming both."""
    promoted: dict[tuple, list[tuple[Block, Figure]]] = {}
    for block, figures in read:
        for f in figures:
            d = f.decision
            if d is not None and d.promoted and f.value_high is None:
                promoted.setdefault((d.metric, d.category, d.period, d.unit), []).append((block, f))
    findings = []
    for (metric, category, period, _unit), found in promoted.items():
        values = sorted({f.decision.value for _b, f in found})
        if len(values) < 2:
            continue
        where = ", ".join(f"{f.decision.value:g} on page {b.page}" for b, f in found)
        for _block, f in found:
            f.decision.promoted = False
            f.decision.reason = f"the report gives {metric}/{category} {period} as {where}"
        block, first = found[0]
        findings.append(
            Finding(
                "disagreement",
                f"the prose gives {metric}/{category} for {period} as {where}; no value is "
                "stored until a researcher says which is right",
                block.page,
                block.bbox_of(first.start, first.end),
                first.sentence,
            )
        )
    return findings


def _attach_snippets(
    records: dict[str, Sequence[Record]], path: Path, password: str | None, report_id: str
) -> None:
    """Render a page snippet for every metric and narrative figure, and point each at it."""
    located = [r for name in ("metrics", "narrative_figures") for r in records.get(name, [])]
    snippets = render_snippets(path, [(r.page, r.bbox) for r in located], report_id, password)
    records["snippets"] = snippets
    for name in ("metrics", "narrative_figures"):
        records[name] = [
            r.model_copy(update={"snippet_id": snippets.places[(r.page, r.bbox)].snippet_id})
            if (r.page, r.bbox) in snippets.places
            else r
            for r in records.get(name, [])
        ]


def _agree(prose: float, table: float) -> bool:
    """Prose rounds ("18%" for the table's 18.24%): agreement is to the prose's precision."""
    tolerance = 0.5 if float(prose).is_integer() else 0.05
    return abs(prose - table) <= tolerance + 1e-9


def _table_versus_prose(metrics: list[Record], report_id: str) -> list[QualityIssue]:
    """Where prose and a table state the same number differently, the table wins: both rows
    are kept (source_kind tells them apart) and the disagreement is a quality issue."""
    tables = {
        (m.metric, m.category, m.period, m.unit): m for m in metrics if m.source_kind == "table"
    }
    issues = []
    for m in metrics:
        t = tables.get((m.metric, m.category, m.period, m.unit))
        if m.source_kind == "narrative" and t is not None and not _agree(m.value, t.value):
            issues.append(
                QualityIssue(
                    report_id=report_id,
                    kind="disagreement",
                    message=f"the prose says {m.metric}/{m.category} for {m.period} is "
                    f"{m.value:g}, the table on page {t.page} says {t.value:g}; the "
                    "table's value is the answer",
                    page=m.page,
                    bbox=m.bbox,
                    source_text=m.source_text,
                )
            )
    return issues


def _one_answer(metrics: list[Record], report_id: str) -> tuple[list[Record], list[QualityIssue]]:
    """One value per (metric, category, period, unit, source): a second, different value for
    the same question from the same kind of source is kept as a quality issue, not a metric."""
    seen: dict[tuple, Record] = {}
    issues = []
    for m in metrics:
        key = (m.metric, m.category, m.period, m.unit, m.source_kind)
        if key not in seen:
            seen[key] = m
        elif seen[key].value != m.value:
            issues.append(
                QualityIssue(
                    report_id=report_id,
                    kind="disagreement",
                    message=f"{m.metric}/{m.category} {m.period} is {m.value:g} here but "
                    f"{seen[key].value:g} on page {seen[key].page}; keeping the first",
                    page=m.page,
                    bbox=m.bbox,
                    source_text=m.source_text,
                )
            )
    return list(seen.values()), issues


def extract(
    path: Path,
    *,
    extractors: Extractors | None = None,
    password: str | None = None,
    force: bool = False,
    progress: Progress | None = None,
    limits: layout.Limits = DEFAULT_LIMITS,
) -> Extraction:
    """Read one report PDF into validated records (nothing is written)."""
    extractors = extractors or Extractors()
    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    sha256 = sha256_file(path) if path.is_file() else ""
    pages, ruled, n_pages = read_pages(path, password, progress, limits)
    t1 = time.perf_counter()
    timings["layout"] = t1 - t0
    if not any(page.lines for page in pages):
        raise errors.NoTextLayer(
            f"{path}: no text layer on any of its {n_pages} pages (a scan?); " + _ocr_hint(path)
        )
    layout.strip_furniture(pages)

    found = list(ruled)
    ruled_boxes = _table_boxes(ruled)
    for page in pages:
        found += tables.find_whitespace_tables(page, ruled_boxes.get(page.number, []))
    found.sort(key=lambda t: (t.page, t.bbox[1]))
    by_number = {p.number: p for p in pages}
    found = tables.merge_continued(found, by_number)
    boxes = _table_boxes(found)
    timings["tables"] = time.perf_counter() - t1

    rules = extractors.report
    meta = structure.find_metadata(pages, rules)
    if meta.period is None:
        raise errors.NotAnAnnualReport(
            f"{path}: no reporting period found (no 'Annual Report YYYY/YY' title and no "
            "'covers the period …' sentence); is this a safeguarding annual report?"
        )
    cover = {1} if meta.evidence.get("title") and meta.evidence["title"].page == 1 else set()
    headings = structure.find_headings(pages, boxes, cover)
    contents = structure.find_contents(pages, headings, rules.sections.contents)
    labels = {p.page_label: p.number for p in pages if p.page_label}
    contents_problems = structure.apply_contents(headings, contents, labels)
    structure.mark_appendices(headings, rules.sections.appendix)
    known = [
        name
        for name, pattern in rules.sections.known.items()
        if any(re.search(pattern, f"{h.text} {h.contents_title or ''}", re.I) for h in headings)
    ]
    if len(known) < rules.sections.min_known and not force:
        raise errors.NotAnAnnualReport(
            f"{path}: only {len(known)} of the sections an annual report has were found "
            f"({', '.join(known) or 'none'}); use --force to ingest it anyway"
        )
    if meta.partnership is None and not force:
        raise errors.NotAnAnnualReport(
            f"{path}: no known partnership named on the first pages (see "
            "extractors/report.toml); use --force to ingest it anyway"
        )
    report_id = f"{meta.id_prefix or 'report'}-{meta.period}"

    candidates: list[Candidate] = []
    findings: list[Finding] = [
        Finding("period_mismatch", message, e.page, e.bbox, e.text) for message, e in meta.conflicts
    ]
    contents_re = re.compile(rules.sections.contents)
    contents_page = next((h.page for h in headings if contents_re.match(h.text.strip())), None)
    contents_pages = {contents_page} | {e.listed_on for e in contents}
    findings += [
        Finding("contents_mismatch", p, contents_page, None, None) for p in contents_problems
    ]
    table_records = []
    for table_no, table in enumerate(found, start=1):
        heading = structure.section_of(headings, by_number[table.page], table.bbox)
        section = heading.text if heading else None
        if table.page in contents_pages:
            classification = "contents"
        else:
            ctx = TableContext(
                report_id, meta.period, table_no, section, frozenset(extractors.tables.suppressed)
            )
            rec = recognise_table(table, extractors.tables.table, ctx)
            candidates += rec.candidates
            findings += rec.findings
            classification = rec.spec.name if rec.spec else None
        table_records.append(
            ReportTable(
                report_id=report_id,
                table_no=table_no,
                page=table.page,
                page_end=table.page_end,
                bbox=table.bbox,
                method=table.method,
                header=table.header,
                rows=table.text_rows(),
                classification=classification,
                section=section,
            )
        )
    table_lines = _lines_in(pages, boxes)
    heading_of = _heading_lines(pages, headings)
    blocks = text_blocks(pages, table_lines, heading_of)
    findings += find_text_issues(blocks, extractors.quality, meta.period)
    statements, statement_findings = find_statements(headings, blocks, extractors.partners, None)
    findings += statement_findings
    candidates += statement_records(statements, report_id)
    candidates += _partner_list(blocks, headings, extractors, report_id)
    candidates += listed_judgements(blocks, extractors.tables.table, report_id)
    t2 = time.perf_counter()
    glossary = {
        c.fields["acronym"]: c.fields["expansion"] for c in candidates if c.table == "glossary"
    }
    acronyms = list(glossary)
    # a partner renamed this year is named by its new name in the body too
    renamed = {
        st.partner: [" ".join(st.heading.text.split())]
        for st in statements
        if st.known and extractors.partners.match(st.heading.text) is None
    }
    definitions = extractors.metrics.with_categories(_tabled_categories(candidates, extractors))
    narrative, narrative_findings = _narrative(
        blocks,
        headings,
        statements,
        NarrativeReader(extractors.partners.with_aliases(renamed), acronyms, definitions, glossary),
        report_id,
        meta.period,
        [c for c in candidates if c.table == "metrics"],
        sorted((page, box[1]) for page, bs in boxes.items() for box in bs),
    )
    candidates += narrative
    findings += narrative_findings
    timings["spacy"] = time.perf_counter() - t2
    timings["recognise"] = time.perf_counter() - t1 - timings["tables"]

    # the page layouts and text blocks are done with: let a long report's memory go now
    del pages, by_number, blocks, statements, found, ruled
    records, issues = quality.validate(candidates, report_id)
    metrics, disagreements = _one_answer(records.get("metrics", []), report_id)
    disagreements += _table_versus_prose(metrics, report_id)
    records["metrics"] = metrics
    records["sections"] = _sections(headings, report_id, n_pages)
    records["report_tables"] = table_records
    _attach_snippets(records, path, password, report_id)
    records["quality_issues"] = (
        issues + disagreements + quality.issues_from_findings(findings, report_id)
    )
    report = Report(
        id=report_id,
        partnership=meta.partnership or "unknown",
        title=meta.title or path.stem,
        period=meta.period,
        period_start=meta.period_start,
        period_end=meta.period_end,
        pages=n_pages,
        sha256=sha256,
        source_file=path.name,
        ingested_at=datetime.now(UTC).isoformat(timespec="seconds"),
        extractor_version=__version__,
    )
    timings["total"] = time.perf_counter() - t0
    return Extraction(report, records, timings)


def _tabled_categories(
    candidates: list[Candidate], extractors: Extractors
) -> dict[str, dict[str, list[str]]]:
    """metric -> the new categories this report's tables print for it, each with its label
    ("supported_living" -> "supported living"), for its prose to name."""
    by_name = extractors.metrics.by_name
    added: dict[str, dict[str, list[str]]] = {}
    for c in candidates:
        metric, category = c.fields.get("metric"), c.fields.get("category")
        if c.table != "metrics" or metric not in by_name or not by_name[metric].categories:
            continue
        label = (category or "").replace("_", " ")
        # (a label of one word, "Other", is too plain to find in prose)
        new = category not in (None, "total", *by_name[metric].categories)
        if new and " " in label:
            added.setdefault(metric, {})[category] = [label]
    return added


def _sections(headings: list[structure.Heading], report_id: str, n_pages: int) -> list[Section]:
    out: list[Section] = []
    for no, h in enumerate(headings, start=1):
        parent = next((k for k in range(no - 2, -1, -1) if headings[k].level < h.level), None)
        nxt = next((g for g in headings[no:] if g.level <= h.level), None)
        # a section ends where the next one at its level starts, or on the page before if
        # that heading opens its page
        page_end = max(h.page, (nxt.page - nxt.opens_page) if nxt else n_pages)
        out.append(
            Section(
                report_id=report_id,
                section_no=no,
                title=h.text,
                contents_title=h.contents_title,
                level=h.level,
                parent_no=parent + 1 if parent is not None else None,
                appendix=h.appendix,
                page=h.page,
                page_end=page_end,
                bbox=h.bbox,
                contents_page=h.contents_page,
            )
        )
    return out


def already_stored(path: Path, db_path: Path) -> StoreResult | None:
    """The stored report with this file's sha256, if any (ingesting it again is a no-op)."""
    if not (path.is_file() and db_path.is_file()):
        return None
    db = connect(db_path)
    try:
        if "reports" not in db.table_names():
            return None
        row = next(db["reports"].rows_where("sha256 = ?", [sha256_file(path)]), None)
    finally:
        db.close()
    if row is None:
        return None
    return StoreResult(
        "unchanged",
        row["id"],
        f"{path.name} is already stored as {row['id']} (same sha256); nothing to do",
    )


def ingest(
    path: Path,
    db_path: Path,
    *,
    replace: bool = False,
    force: bool = False,
    password: str | None = None,
    extractors: Extractors | None = None,
    progress: Progress | None = None,
    limits: layout.Limits = DEFAULT_LIMITS,
) -> IngestResult:
    """Extract ``path`` and store it in ``db_path`` as one transaction."""
    started = time.perf_counter()
    stored = None if replace else already_stored(path, db_path)
    if stored:
        return IngestResult(None, stored, time.perf_counter() - started)
    extraction = extract(
        path,
        extractors=extractors,
        password=password,
        force=force,
        progress=progress,
        limits=limits,
    )
    stored = save(extraction, db_path, replace=replace)
    return IngestResult(extraction, stored, time.perf_counter() - started)


def save(extraction: Extraction, db_path: Path, *, replace: bool = False) -> StoreResult:
    """Store an extraction in one transaction; a database this call created is removed again
    if the write fails, so a failed first ingest leaves nothing behind."""
    created = not db_path.exists()
    db = connect(db_path)
    try:
        return store_report(
            db,
            extraction.report,
            extraction.records,
            replace=replace,
            extractor_version=__version__,
        )
    except BaseException:
        db.close()
        if created:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{db_path}{suffix}").unlink(missing_ok=True)
        raise
    finally:
        db.close()
