"""Pydantic records: the contract between recognition and storage.

Recognition hands over values as printed ("1,266", "91.30%", "2018 / 2019"); these models
normalise and check them. A record that fails becomes a ``quality_issues`` row, never a
silently dropped value. ``schemas/*.schema.json`` are exported from these models.
"""

from __future__ import annotations

import json
import math
from datetime import date
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator, model_validator

from . import values

BBox = tuple[float, float, float, float]


def _period(value: object) -> object:
    if isinstance(value, str):
        normalised = values.normalise_period(value)
        if normalised is None:
            raise ValueError(f"not a reporting period: {value!r}")
        return normalised
    return value


def _number(value: object) -> object:
    return values.parse_number(value) if isinstance(value, str) else value


Period = Annotated[str, BeforeValidator(_period), Field(pattern=r"^\d{4}-\d{2}$")]
Slug = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_]*$")]


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Located(Record):
    """Every stored value says where on which page it was printed."""

    page: int = Field(ge=1, description="1-based page number in the PDF")
    bbox: BBox = Field(
        description="x0, top, x1, bottom in PDF points from the page's top-left corner"
    )

    @field_validator("bbox")
    @classmethod
    def _bbox_is_a_box(cls, bbox: BBox) -> BBox:
        x0, top, x1, bottom = bbox
        if not (x0 <= x1 and top <= bottom):
            raise ValueError(f"bbox is not a box: {bbox}")
        return tuple(round(v, 2) for v in bbox)


class Report(Record):
    id: str = Field(pattern=r"^[a-z]+-\d{4}-\d{2}$", description="e.g. wst-2021-22")
    partnership: str
    title: str
    period: Period
    period_start: date
    period_end: date
    pages: int = Field(ge=1)
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    source_file: str
    ingested_at: str
    extractor_version: str


class Section(Located):
    report_id: str
    section_no: int = Field(ge=1)
    title: str = Field(description="the heading as printed")
    contents_title: str | None = Field(None, description="its name on the contents page")
    level: int = Field(ge=1, le=6)
    parent_no: int | None = None
    appendix: str | None = Field(None, description="appendix letter, if in an appendix")
    page_end: int = Field(ge=1)
    contents_page: int | None = Field(None, description="page the contents page gives, if listed")


class ReportTable(Located):
    """A table as found on the page, before anyone decided what it means."""

    report_id: str
    table_no: int = Field(ge=1)
    page_end: int = Field(ge=1, description="last page, for tables continued across pages")
    method: Literal["ruled", "whitespace"]
    header: list[str]
    rows: list[list[str]]
    classification: str | None = Field(None, description="the extractors/ spec that matched")
    section: str | None = None


class Metric(Located):
    """One number a report states: the unit of every cross-year comparison."""

    report_id: str
    metric: Slug
    category: Slug = "total"
    period: Period
    value: Annotated[float, BeforeValidator(_number)]
    unit: Literal["count", "percent"]
    source_kind: Literal["table", "narrative"]
    source_text: str
    table_no: int | None = None
    snippet_id: int | None = Field(None, description="the page snippet showing this number")

    @model_validator(mode="after")
    def _value_fits_unit(self) -> Metric:
        check_value(self.metric, self.unit, self.value)
        return self


def check_value(metric: str, unit: str, value: float) -> None:
    """Raise ``ValueError`` for a value no report could state for ``metric`` in ``unit``."""
    if not math.isfinite(value):
        raise ValueError("value is not a finite number")
    changes = metric.endswith("_change")  # a change may be negative: a reduction
    if unit == "count" and not float(value).is_integer():
        raise ValueError(f"a count must be an integer, got {value:g}")
    if unit == "count" and value < 0 and not changes:
        raise ValueError(f"a count must be a non-negative integer, got {value:g}")
    if unit == "percent" and not changes and not 0 <= value <= 100:
        raise ValueError(f"a percent must be within 0-100, got {value:g}")


class Correction(Record):
    """A researcher's correction of a stored number, or a number added that the report prints
    only in a chart or a picture. Keyed on what it is about, not on row ids, so it outlives
    re-ingest, ``--replace`` and a newer extractor; never updated, only superseded."""

    report_sha256: str = Field(pattern=r"^[0-9a-f]{64}$", description="the report file it is about")
    report_id: str
    metric: Slug
    category: Slug = "total"
    period: Period
    unit: Literal["count", "percent"]
    value: float
    replaced_value: float | None = Field(
        None, description="the value shown before this correction (none for an addition)"
    )
    kind: Literal["correction", "addition"]
    page: int | None = Field(None, ge=1, description="where the number is printed")
    reason: str = Field(min_length=1)
    made_by: str = Field(min_length=1)
    made_at: str = Field(
        pattern=r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|\+00:00)$",
        description="when, ISO 8601 in UTC (so that the newest sorts last)",
    )

    @model_validator(mode="after")
    def _value_fits_unit(self) -> Correction:
        check_value(self.metric, self.unit, self.value)
        return self


class QualityIssue(Record):
    report_id: str
    kind: Literal[
        "invalid_record",
        "placeholder",
        "header_contradicts_content",
        "breakdown_mismatch",
        "period_mismatch",
        "unrecognised",
        "disagreement",
        "contents_mismatch",
        "new_category",
        "unassigned_value",
        "renamed_partner",
    ]
    message: str
    page: int | None = None
    bbox: BBox | None = None
    source_text: str | None = None
    record: str | None = Field(None, description="the rejected record as JSON, if any")

    @classmethod
    def rejected(
        cls,
        report_id: str,
        reason: str,
        record: dict,
        *,
        page: int | None,
        bbox: BBox | None,
        source_text: str | None,
    ) -> QualityIssue:
        return cls(
            report_id=report_id,
            kind="invalid_record",
            message=reason,
            page=page,
            bbox=bbox,
            source_text=source_text,
            record=json.dumps(record, default=str),
        )


class GlossaryEntry(Located):
    report_id: str
    acronym: str = Field(min_length=1)
    expansion: str = Field(min_length=1)


class InspectionJudgement(Located):
    report_id: str
    inspectorate: str
    judgement: str
    grade: str = Field(
        min_length=1,
        description="as printed; the grades a spec accepts are in extractors/tables.toml",
    )


class ReviewFinding(Located):
    report_id: str
    review: str
    number: int = Field(ge=1)
    finding: str
    recommendations: str


class PartnerStatement(Record):
    """One partner's statement in the partner-statements appendix."""

    report_id: str
    statement_no: int = Field(ge=1)
    partner: str = Field(
        description="canonical name from extractors/partners.toml, else the heading as printed"
    )
    partner_known: bool
    heading: str = Field(description="the heading as printed")
    author_role: str | None = None
    text: str = Field(description="the statement in reading order, one paragraph per line")
    page_start: int = Field(ge=1)
    page_end: int = Field(ge=1)
    n_words: int = Field(ge=0)
    bbox: BBox | None = Field(None, description="the heading's box on page_start")


class StatementSection(Located):
    report_id: str
    statement_no: int = Field(ge=1)
    section_no: int = Field(ge=1)
    heading: str
    text: str


class StatementItem(Located):
    """A bullet point of a statement, with its nesting level."""

    report_id: str
    statement_no: int = Field(ge=1)
    item_no: int = Field(ge=1)
    section_no: int | None = None
    level: int = Field(ge=1)
    text: str


class NarrativeFigure(Located):
    """A number printed in the prose, whether or not a rule promoted it to a metric."""

    report_id: str
    figure_no: int = Field(ge=1)
    text: str = Field(description="the figure as printed, e.g. '9.3%', '91-100%', '1.26million'")
    value: float | None
    value_high: float | None = Field(None, description="upper end of a range")
    unit: Literal[
        "count",
        "percent",
        "currency",
        "fte",
        "age",
        "range",
        "year",
        "period",
        "date",
        "time",
        "phone",
        "ordinal",
        "label",
    ]
    period: str | None = Field(
        None, description="the period it is about: stated in its sentence, else the report's"
    )
    period_stated: bool
    direction: Literal["increase", "decrease"] | None = None
    subject: str | None = Field(None, description="what it counts, e.g. 'safeguarding concerns'")
    partner: str | None = None
    statement_no: int | None = None
    sentence: str
    snippet_id: int | None = Field(None, description="the page snippet showing this figure")
    entities: str = Field(
        "[]", description="JSON [[label, name]] of organisations and acronyms named in the sentence"
    )
    metric: str | None = Field(
        None,
        description="the metric a definition in extractors/metrics.toml promoted it to, or the "
        "nearest candidate metric when it was not promoted",
    )
    category: str | None = Field(None, description="the category of that metric it is about")
    promoted: bool = Field(False, description="stored as a metrics row (source_kind narrative)")
    reason: str | None = Field(
        None, description="why a figure near a metric's terms was not promoted"
    )


class Partner(Located):
    """An organisation the report lists as a partner."""

    report_id: str
    name: str = Field(description="canonical name, else as printed")
    kind: str | None = None
    listed_as: str


class Snippet(Located):
    """A PNG of the strip of page around a stored number, the number boxed in red."""

    report_id: str
    snippet_id: int = Field(ge=1)
    png: bytes


RECORD_MODELS: dict[str, type[Record]] = {
    "reports": Report,
    "sections": Section,
    "report_tables": ReportTable,
    "metrics": Metric,
    "quality_issues": QualityIssue,
    "glossary": GlossaryEntry,
    "inspection_judgements": InspectionJudgement,
    "review_findings": ReviewFinding,
    "partner_statements": PartnerStatement,
    "statement_sections": StatementSection,
    "statement_items": StatementItem,
    "narrative_figures": NarrativeFigure,
    "partners": Partner,
    "snippets": Snippet,
    "corrections": Correction,
}
