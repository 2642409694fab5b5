"""Statistics tables read by content, whatever their layout.

A table is a grid of cells. Its *labels* (the categories of a breakdown, or the periods of a
series) may run down a column or across a row; the other axis carries the *measures* ("Number",
"%", "CSE incidents"), whose headers are whatever the grid prints before the first label. Side
by side label/value pairs and stacked blocks are several label lines in one grid. Each number
is then the value of (measure, label) with the period its header names, else the report's.

The grid is read in both orientations and the one where the labels are found wins, so a
transposed table, a table of pairs and a plain one are the same to this module. Ruled,
striped and borderless tables reach it as the same grid.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .. import values
from ..specs import Measure, TableSpec
from ..tables import Cell, FoundTable
from .model import Candidate, Finding

PERCENT_HEADER = r"%|per ?cent|share|proportion"
MONTHS = r"(?i)\b(?:" + "|".join(m[:3] for m in values.MONTH_NAMES) + r")[a-z]*\b"


def norm(label: str) -> str:
    """Labels compared as words, whatever the case, brackets, dashes, '&' or possessive:
    "Care home (nursing)" and "Care Home - Nursing" are the same label."""
    return " ".join(sorted(_words(label)))


# "Anywhere else", "All other locations", "Elsewhere": a line for what the named categories
# leave over is the table's `other`, however it is worded
RESIDUAL = {"other", "else", "elsewhere"}
RESIDUAL_FILLER = {"all", "any", "anywhere", "somewhere", "the", "of", "remaining", "rest"}
RESIDUAL_FILLER |= {"location", "locations", "place", "places", "setting", "settings"}
RESIDUAL_FILLER |= {"type", "types", "category", "categories", "form", "forms", "kinds"}


def _residual(label: str) -> bool:
    words = set(re.findall(r"[a-z]+", label.lower()))
    return bool(words & RESIDUAL) and words <= RESIDUAL | RESIDUAL_FILLER


def _words(label: str) -> list[str]:
    """A label's words in order, as ``norm`` compares them."""
    text = label.lower().replace("&", " and ").replace("’", "'")
    return re.findall(r"[a-z0-9%]+", re.sub(r"'s\b", "s", text))


def _inside(words: tuple[str, ...], within: tuple[str, ...]) -> bool:
    n = len(words)
    return any(within[i : i + n] == words for i in range(len(within) - n + 1))


def _totalling(label: str) -> bool:
    """ "All plans", "Total concerns": a line that totals the others."""
    words = label.lower().split()
    return bool(words) and words[0] in {"total", "all"} and "other" not in words


def _transpose(grid: list[list[Cell]]) -> list[list[Cell]]:
    width = max(len(r) for r in grid)
    blank = Cell("", 0, None)
    padded = [r + [blank] * (width - len(r)) for r in grid]
    return [list(col) for col in zip(*padded, strict=True)]


def _is_number(cell: Cell, suppressed: frozenset[str]) -> bool:
    text = cell.text.strip()
    return values.is_number(text) or text in suppressed


@dataclass
class Reading:
    """A grid read one way: label lines are columns of ``grid`` (rows of the printed table
    when ``transposed``)."""

    grid: list[list[Cell]]
    transposed: bool
    label_cols: list[int]
    first_row: int  # the first row holding a label; the rows above are headers
    labels: dict[tuple[int, int], str | None]  # (row, col) -> slug, None when unknown
    wrapped: set[int]  # columns holding the second line of wrapped labels


class Labeller:
    """Says which cells are labels of a table kind: categories or periods."""

    def __init__(self, spec: TableSpec):
        self.spec = spec
        self.known = {norm(label): slug for slug, ls in spec.categories.items() for label in ls}
        self.known |= {norm(slug.replace("_", " ")): slug for slug in spec.categories}
        self.totals = {norm(t) for t in spec.total_labels}
        # labels as word sequences, to find one that opens a longer label
        self.openings = {
            tuple(_words(label)): slug for slug, ls in spec.categories.items() for label in ls
        }

    def __call__(self, text: str) -> str | None:
        """The slug a cell labels, "total" for a total, else None."""
        if self.spec.layout == "series":
            return values.period_of(text) if len(text) <= 40 else None
        key = norm(text)
        if key in self.totals or _totalling(text):
            return "total"
        if key in self.known:
            return self.known[key]
        # "Community service (day care etc.)": the label without its aside
        bare = norm(re.sub(r"\([^)]*\)?", " ", text))
        if bare in self.known:
            return self.known[bare]
        # "Other or not recorded", "Public place or community": the one known alternative
        parts = {self.known.get(norm(p)) for p in re.split(r"\s+or\s+|\s*/\s*", text)}
        parts.discard(None)
        if len(parts) == 1:
            return parts.pop()
        if "other" in self.spec.categories and _residual(text):
            return "other"
        return self._opening(text)

    def _opening(self, text: str) -> str | None:
        """ "Think Family: working with the whole household", "Sp-eak suicide prevention": a
        label that opens with one known label and names no other is that category."""
        words = tuple(_words(re.split(r":|\s[–—-]\s", text)[0]))
        head = tuple(_words(text))
        found = {
            slug
            for opening, slug in self.openings.items()
            if opening and (words[: len(opening)] == opening or head[: len(opening)] == opening)
        }
        others = {
            slug
            for opening, slug in self.openings.items()
            if opening and _inside(opening, head[1:])
        }
        return found.pop() if len(found) == 1 and not (others - found) else None


def readings(spec: TableSpec, table: FoundTable, suppressed: frozenset[str]) -> list[Reading]:
    """The ways ``table`` can be read with ``spec``'s labels lined up, most labels first: as
    printed and transposed."""
    label_of = Labeller(spec)
    found: list[tuple[int, Reading]] = []
    if not any(table.rows):
        return []
    minimum = max(spec.min_labels if spec.layout == "breakdown" else 2, 2)
    # a series of one year ("IDVA training | Sessions | Delegates" over "2034/35 | 12 | 208"):
    # one period label is enough, since its measures must still be named by their headers
    if spec.layout == "series" and len(table.rows) == 2:
        minimum = 1
    for transposed in (False, True):
        grid = _transpose(table.rows) if transposed else [list(r) for r in table.rows]
        width = max(len(r) for r in grid)
        grid = [r + [Cell("", 0, None)] * (width - len(r)) for r in grid]
        hits = {c: [r for r in range(len(grid)) if label_of(grid[r][c].text)] for c in range(width)}
        known = {c: rows for c, rows in hits.items() if len(rows) >= min(minimum, 2)}
        total = sum(len(rows) for rows in known.values())
        if total < minimum:
            continue
        first_row = min(r for rows in known.values() for r in rows)
        # a label wrapped onto a second header line ("More than one" / "category") reads as
        # a line of words only, right after its label line: it is part of the labels
        wrapped = {
            c + 1
            for c in known
            if c + 1 < width
            and c + 1 not in known
            and any(grid[r][c + 1].text.strip() for r in range(first_row, len(grid)))
            and not any(_is_number(grid[r][c + 1], suppressed) for r in range(first_row, len(grid)))
        }
        labels: dict[tuple[int, int], str | None] = {}
        for c in known:
            for r in range(first_row, len(grid)):
                text = grid[r][c].text.strip()
                if c + 1 in wrapped:
                    joined = f"{text} {grid[r][c + 1].text.strip()}".strip()
                    # the second line belongs to the label when together they are a label,
                    # or the first line alone is none ("More than one" / "category"); not a
                    # note beside a known label ("Neglect" | "see note")
                    if label_of(joined) is not None or label_of(text) is None:
                        text = joined
                if not text or _is_number(grid[r][c], suppressed):
                    continue
                labels[(r, c)] = label_of(text)
                if c + 1 in wrapped:
                    grid[r][c] = Cell(text, grid[r][c].page, grid[r][c].bbox)
        reading = Reading(grid, transposed, sorted(known), first_row, labels, wrapped)
        found.append((total, reading))
    return [r for _total, r in sorted(found, key=lambda x: -x[0])]


@dataclass
class Column:
    """A line of values in a reading, with its printed header and the measure it is."""

    col: int
    header: str
    measure: Measure | None
    period: str | None
    named: bool = False  # its header names the measure (not only its unit)


def _unit_of(cells: list[Cell], header: str) -> str | None:
    texts = [c.text.strip() for c in cells if values.is_number(c.text.strip())]
    if not texts:
        return None
    if any("%" in t for t in texts) or re.search(PERCENT_HEADER, header, re.IGNORECASE):
        return "percent"
    if all(re.fullmatch(r"\d{1,3}(?:,\d{3})*|\d+", t) for t in texts):
        return "count"
    return None


def measure_columns(spec: TableSpec, reading: Reading) -> list[Column]:
    """Each value line of the reading with the measure it carries, by header where the
    header names exactly one measure of its unit, else by unit when only one measure has it."""
    grid, width = reading.grid, len(reading.grid[0])
    label_cols = reading.label_cols
    out = []
    headers: dict[int, str] = {}
    for c in range(width):
        if c in label_cols or c < label_cols[0] or c in reading.wrapped:
            continue
        body = [grid[r][c] for r in range(reading.first_row, len(grid))]
        header = " ".join(
            grid[r][c].text.strip() for r in range(reading.first_row) if grid[r][c].text.strip()
        )
        if not any(cell.text.strip() for cell in body) and c - 1 in headers:
            # a header wrapped onto a line of its own ("Children on a plan at 31" / "March
            # 2026"): it finishes the header of the line before
            headers[c - 1] = f"{headers[c - 1]} {header}".strip()
            continue
        headers[c] = header
    for c, header in headers.items():
        body = [grid[r][c] for r in range(reading.first_row, len(grid))]
        unit = _unit_of(body, header)
        period = values.period_of(header) or next(iter(values.find_periods(header)), None)
        fits = [m for m in spec.measures if m.unit == unit]
        named = [m for m in fits if m.header and re.search(m.header, header)]
        measure = named[0] if len(named) == 1 else fits[0] if len(fits) == 1 else None
        out.append(Column(c, header, measure, period, len(named) == 1))
    # one measure, one line per period and label line: of several lines claiming it, the one
    # whose header names it wins; otherwise none is guessed
    claims: dict[tuple, list[Column]] = {}
    for col in out:
        if col.measure is not None:
            key = (id(col.measure), col.period, _label_col_for(reading, col.col))
            claims.setdefault(key, []).append(col)
    for cols in claims.values():
        if len(cols) > 1:
            named_cols = [c for c in cols if c.named]
            for c in cols:
                if len(named_cols) != 1 or c is not named_cols[0]:
                    c.measure = None
    return out


def _label_col_for(reading: Reading, c: int) -> int:
    """The label line a value line belongs to: the nearest label line before it."""
    return max(k for k in reading.label_cols if k < c)


def _source(reading: Reading, r: int) -> str:
    return " | ".join(cell.text.replace("\n", " ") for cell in reading.grid[r] if cell.text)


def recognise(
    spec: TableSpec,
    table: FoundTable,
    report_id: str,
    period: str,
    table_no: int,
    suppressed: frozenset[str],
) -> tuple[list[Candidate], list[Finding], int] | None:
    """Metric candidates for every number of ``table`` if it is a ``spec`` table; findings for
    what a careful reader would question (new categories, numbers no measure claims); and how
    many of its value lines' headers name one of the spec's measures."""
    for reading in readings(spec, table, suppressed):
        columns = measure_columns(spec, reading)
        assigned = [c for c in columns if c.measure is not None]
        named = [c for c in assigned if c.named]
        # a series is told from another by its measures' headers: periods alone say nothing
        if assigned and (named or spec.layout == "breakdown"):
            read = _read(spec, reading, columns, report_id, period, table_no, suppressed)
            return (*read, len(named))
    return None


def _read(
    spec: TableSpec,
    reading: Reading,
    columns: list[Column],
    report_id: str,
    period: str,
    table_no: int,
    suppressed: frozenset[str],
) -> tuple[list[Candidate], list[Finding]]:
    candidates: list[Candidate] = []
    findings: list[Finding] = []
    grid = reading.grid
    flagged: set[tuple[int, int]] = set()  # new-category labels already reported
    for col in columns:
        labels_at = _label_col_for(reading, col.col)
        for r in range(reading.first_row, len(grid)):
            cell = grid[r][col.col]
            if not cell.text.strip():
                continue
            numeric = _is_number(cell, suppressed)
            label = grid[r][labels_at].text.strip()
            slug = reading.labels.get((r, labels_at))
            unlabelled = (r, labels_at) not in reading.labels or (
                spec.layout == "series" and slug is None
            )
            if unlabelled or col.measure is None:
                if numeric:
                    why = (
                        "has no label a reader can file it under"
                        if unlabelled
                        else "matches no measure of the table"
                    )
                    findings.append(
                        Finding(
                            "unassigned_value",
                            f"{spec.description}: the value {cell.text!r} ({label!r}, column "
                            f"{col.header or 'without a header'!r}) {why}; it is in "
                            "report_tables only",
                            cell.page,
                            cell.bbox,
                            _source(reading, r),
                        )
                    )
                continue
            if spec.layout == "series":
                category, value_period = col.measure.category or "total", slug
            else:
                if slug is None:
                    slug = values.slugify(label)
                    if numeric and (r, labels_at) not in flagged:
                        flagged.add((r, labels_at))
                        findings.append(
                            Finding(
                                "new_category",
                                f"{spec.description}: {label!r} is not a category this table "
                                f"has had before; stored as {slug!r}",
                                grid[r][labels_at].page,
                                grid[r][labels_at].bbox,
                                _source(reading, r),
                            )
                        )
                category = col.measure.category or slug
                value_period = col.period or period
            candidates.append(
                Candidate(
                    "metrics",
                    {
                        "report_id": report_id,
                        "metric": col.measure.metric,
                        "category": category,
                        "period": value_period,
                        "value": cell.text,
                        "unit": col.measure.unit,
                        "page": cell.page,
                        "bbox": cell.bbox,
                        "source_kind": "table",
                        "source_text": _source(reading, r),
                        "table_no": table_no,
                    },
                )
            )
    findings += _checks(spec, reading, columns, suppressed)
    return candidates, findings


def _checks(
    spec: TableSpec, reading: Reading, columns: list[Column], suppressed: frozenset[str]
) -> list[Finding]:
    """Percent breakdowns that do not sum to 100, counts that do not add up to their total,
    a label header that says something else than its labels."""
    out: list[Finding] = []
    grid = reading.grid
    if spec.label_header and reading.first_row:
        for c in reading.label_cols:
            header = " ".join(grid[r][c].text for r in range(reading.first_row)).strip()
            # a header that names the period ("April 2031 – March 2032") says nothing of the
            # labels below it
            words = re.sub(MONTHS + r"|\d+|\bto\b|[–—/-]", " ", header)
            dated = values.period_of(header) is not None and not words.strip()
            if header and not dated and not re.search(spec.label_header, header):
                first = grid[reading.first_row][c]
                out.append(
                    Finding(
                        "header_contradicts_content",
                        f"the labels headed {header!r} are {spec.description.lower()} (such "
                        f"as {first.text!r}), not what the header says",
                        first.page,
                        first.bbox,
                        header,
                    )
                )
                break
    if spec.layout != "breakdown":
        return out + _series_sums(spec, reading, columns)
    # a measure's values across its lines (label/value pairs, stacked blocks are one breakdown)
    groups: dict[tuple, list[Column]] = {}
    for col in columns:
        if col.measure is not None:
            groups.setdefault((id(col.measure), col.period), []).append(col)
    for cols in groups.values():
        measure = cols[0].measure
        parts, total = [], None
        for col in cols:
            at = _label_col_for(reading, col.col)
            for r in range(reading.first_row, len(grid)):
                cell = grid[r][col.col]
                if (r, at) not in reading.labels or not values.is_number(cell.text.strip()):
                    continue
                if reading.labels[(r, at)] == "total":
                    total = cell
                else:
                    parts.append(cell)
        numbers = [values.parse_number(c.text.strip()) for c in parts]
        if not numbers:
            continue
        what = f"the {cols[0].header or measure.unit!r} values"
        if measure.unit == "percent" and spec.percent_sum_tolerance is not None:
            if abs(sum(numbers) - 100) > spec.percent_sum_tolerance:
                out.append(
                    Finding(
                        "breakdown_mismatch",
                        f"{what} sum to {sum(numbers):g}%, not 100%",
                        parts[0].page,
                        parts[0].bbox,
                        " + ".join(c.text for c in parts),
                    )
                )
        elif measure.unit == "count" and total is not None:
            stated = values.parse_number(total.text.strip())
            if sum(numbers) != stated:
                out.append(
                    Finding(
                        "breakdown_mismatch",
                        f"{what} add up to {sum(numbers):g}, the stated total is {stated:g}",
                        total.page,
                        total.bbox,
                        total.text,
                    )
                )
    return out


def _series_sums(spec: TableSpec, reading: Reading, columns: list[Column]) -> list[Finding]:
    """Shares of one period that should make 100 (good or better + requires improvement)."""
    if spec.percent_sum_tolerance is None:
        return []
    out = []
    shares = [c for c in columns if c.measure is not None and c.measure.unit == "percent"]
    for r in range(reading.first_row, len(reading.grid)):
        if (r, reading.label_cols[0]) not in reading.labels:
            continue
        cells = [reading.grid[r][c.col] for c in shares]
        numbers = [values.parse_number(c.text) for c in cells if values.is_number(c.text)]
        if len(numbers) >= 2 and abs(sum(numbers) - 100) > spec.percent_sum_tolerance:
            label = reading.grid[r][reading.label_cols[0]].text
            out.append(
                Finding(
                    "breakdown_mismatch",
                    f"the {label!r} shares sum to {sum(numbers):g}%, not 100%",
                    cells[0].page,
                    cells[0].bbox,
                    " + ".join(c.text for c in cells),
                )
            )
    return out
