"""Load the researcher-editable rules in ``extractors/`` into checked, typed specs.

A mistake in those files (a bad regex, an unknown unit) is reported with the file and the
rule's name before any PDF is read, instead of surfacing as a wrong number later.
"""

from __future__ import annotations

import re
import tomllib
from functools import cached_property
from pathlib import Path
from typing import Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

PROJECT_ROOT = Path(__file__).resolve().parents[1]
EXTRACTORS_DIR = PROJECT_ROOT / "extractors"


class SpecError(ValueError):
    """A file in extractors/ is malformed; the message names the file and the problem."""


class Spec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _regex(pattern: str) -> str:
    try:
        re.compile(pattern)
    except re.error as e:
        raise ValueError(f"invalid regular expression {pattern!r}: {e}") from e
    return pattern


def _needs(pattern: str, *groups: str) -> str:
    missing = [g for g in groups if g not in re.compile(_regex(pattern)).groupindex]
    if missing:
        raise ValueError(f"pattern {pattern!r} needs the named group(s) {', '.join(missing)}")
    return pattern


def _slug_keys(categories: dict[str, list[str]]) -> dict[str, list[str]]:
    """Category names are the slugs researchers query by ("own_home")."""
    bad = [k for k in categories if not re.fullmatch(r"[a-z0-9][a-z0-9_]*", k)]
    if bad:
        raise ValueError(f"category names must be slugs, not {bad}")
    return categories


class Partnership(Spec):
    name: str
    id_prefix: str = Field(pattern=r"^[a-z]+$")
    aliases: list[str]


class PeriodRules(Spec):
    sentences: list[str]
    title: str

    _check = field_validator("sentences", mode="after")(
        lambda v: [_needs(p, "start", "end") for p in v]
    )
    _check_title = field_validator("title", mode="after")(lambda v: _needs(v, "period"))


class SectionRules(Spec):
    known: dict[str, str] = Field(description="what a section is about -> regex of its headings")
    min_known: int = Field(ge=0)
    appendix: str
    contents: str
    partners: str = Field(description="regex of the heading over the report's partner list")

    _check = field_validator("contents", "partners", mode="after")(lambda v: _regex(v))
    _check_known = field_validator("known", mode="after")(
        lambda v: {k: _regex(p) for k, p in v.items()}
    )
    _check_appendix = field_validator("appendix", mode="after")(lambda v: _needs(v, "letter"))


class ReportRules(Spec):
    partnership: list[Partnership]
    period: PeriodRules
    sections: SectionRules


class Measure(Spec):
    """What one line of values in a statistics table is (a column, or a row when the table is
    transposed)."""

    metric: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    unit: Literal["count", "percent"]
    category: str | None = Field(None, pattern=r"^[a-z0-9][a-z0-9_]*$")
    header: str | None = Field(None, description="regex the line's printed header may match")

    _check = field_validator("header", mode="after")(lambda v: v and _regex(v))


class TableSpec(Spec):
    """How to recognise one kind of table by its content, and what its numbers mean."""

    name: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    description: str
    layout: Literal["breakdown", "series", "glossary", "judgements", "findings"]
    # breakdown: category slug -> the labels a report prints for it (any case, brackets, order
    # of words); the labels are what identifies the table
    categories: dict[str, list[str]] = {}
    min_labels: int = 0
    # what a label line's header should say; a header that says otherwise is flagged
    label_header: str | None = None
    measures: list[Measure] = []
    # a percent breakdown should sum to 100 within this tolerance
    percent_sum_tolerance: float | None = None
    inspectorate: str | None = None
    grades: list[str] = []
    # words the table's section heading or header must say: for judgements when several
    # inspectorates grade on the same scale ("CQC"), for statistics when its headers alone do
    # not say whose figures these are ("Sessions", "Delegates" of the IDVA service)
    section_pattern: str | None = None
    # findings: what the finding and the recommendation columns' headers say, and the review a
    # table is credited to when no section heading names it
    review_pattern: str | None = None
    recommendation_pattern: str | None = None
    untitled_review: str = "unnamed review"
    # labels of a line that states the total of the others
    total_labels: list[str] = ["Total", "All", "Grand total"]

    _check = field_validator(
        "label_header", "review_pattern", "recommendation_pattern", "section_pattern", mode="after"
    )(lambda v: v and _regex(v))

    _check_categories = field_validator("categories", mode="after")(lambda v: _slug_keys(v))


class TableRules(Spec):
    # cells that stand for a withheld or missing number ("<5", "*", "n/a"): they do not stop a
    # table being recognised; each becomes a quality issue instead of a metric
    suppressed: list[str] = []
    table: list[TableSpec]


class QualityPattern(Spec):
    name: str
    kind: Literal["placeholder", "period_mismatch"]
    pattern: str
    message: str

    _check = field_validator("pattern", mode="after")(lambda v: _regex(v))

    @model_validator(mode="after")
    def _period_group(self) -> QualityPattern:
        if self.kind == "period_mismatch":
            _needs(self.pattern, "period")
        return self


class QualityRules(Spec):
    pattern: list[QualityPattern]


class PartnerSpec(Spec):
    name: str
    kind: str
    aliases: list[str]
    exact: list[str] = []
    acronyms: list[str] = []


class PartnerRegistry(Spec):
    role_pattern: str
    partner: list[PartnerSpec]

    _check = field_validator("role_pattern", mode="after")(lambda v: _regex(v))

    def with_aliases(self, aliases: dict[str, list[str]]) -> PartnerRegistry:
        """This registry with more names for some partners: the names a report prints for a
        partner it renamed ("Wolverhampton Community Action, formerly …"), for that report."""
        partners = [
            p.model_copy(update={"aliases": [*p.aliases, *aliases[p.name]]})
            if aliases.get(p.name)
            else p
            for p in self.partner
        ]
        return self.model_copy(update={"partner": partners})

    def match(self, heading: str) -> PartnerSpec | None:
        """The partner a heading names: an exact heading, else the longest alias it contains,
        else an acronym it contains as a whole word."""
        text = " ".join(heading.split()).lower()
        for p in self.partner:
            if text in (e.lower() for e in p.exact):
                return p
        hits = [(len(a), p) for p in self.partner for a in p.aliases if a.lower() in text]
        if hits:
            return max(hits, key=lambda h: h[0])[1]
        # the alias's words in another order ("Adult Social Care (City of Wolverhampton
        # Council)" for "City of Wolverhampton Council Adult Social Care")
        words = set(re.findall(r"[a-z']+", text))
        hits = [
            (len(a), p)
            for p in self.partner
            for a in [p.name, *p.aliases]
            if set(re.findall(r"[a-z']+", a.lower())) <= words
        ]
        if hits:
            return max(hits, key=lambda h: h[0])[1]
        words = set(re.findall(r"[a-z]+", text))
        for p in self.partner:
            if any(set(a.lower().split()) <= words for a in p.acronyms):
                return p
        return None


class MetricDefinition(Spec):
    """What one narrative metric means: the words for what it counts, its units and scope.

    See the header of ``extractors/metrics.toml`` for how each field is used."""

    name: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    says: str = Field(description="the metric in words a researcher would use")
    terms: list[str] = []
    units: list[Literal["count", "percent"]]
    change_of: str | None = Field(None, description="the metric whose change this records")
    over_years: bool = Field(
        False,
        description="a change that may span more than a year (against two years before), "
        "stored on its end year; other changes are year on year",
    )
    peak_of: str | None = Field(
        None, description="the metric whose largest age band this records, the band its category"
    )
    share_of: list[str] = []
    share_with: list[str] = []
    categories: dict[str, list[str]] = {}
    partners: list[str] = []
    also_partners: list[str] = []
    in_body: bool = Field(
        False, description="a partner's metric the partnership also reports in its own text"
    )
    context: list[str] = []
    total_when: list[str] = Field(
        [],
        description="for a metric only by category: words that make a figure the total of the "
        "breakdown itself (the concerns whose location was recorded)",
    )
    unless: list[str] = Field(
        [], description="words that, in its sentence, make a figure another metric's"
    )
    ranges: bool = False
    in_words: bool = Field(False, description='small counts written in words: "two reviews"')
    total: bool = Field(True, description="false: the metric exists only by category")
    named_by: list[str] = Field(
        [],
        description='nouns after which a Title-Case name is a category: "the new Professional '
        'Curiosity course"',
    )

    _check_categories = field_validator("categories", mode="after")(lambda v: _slug_keys(v))

    @model_validator(mode="after")
    def _what(self) -> MetricDefinition:
        if not (self.terms or self.change_of or self.peak_of):
            raise ValueError(
                f"{self.name}: give `terms` (what is counted), `change_of` or `peak_of`"
            )
        if self.share_of and not self.share_with and not self.terms:
            raise ValueError(f"{self.name}: `share_of` needs `share_with` or `terms`")
        return self

    def applies_to(self, partner: str | None) -> bool:
        """A partner's metric is read in its statements; others outside statements (and in the
        statements of ``also_partners``)."""
        if self.partners:
            return partner in self.partners or (partner is None and self.in_body)
        return partner is None or partner in self.also_partners


class MetricDefinitions(Spec):
    metric: list[MetricDefinition]

    @model_validator(mode="after")
    def _unique(self) -> MetricDefinitions:
        names = [m.name for m in self.metric]
        dupes = sorted({n for n in names if names.count(n) > 1})
        if dupes:
            raise ValueError(f"metric defined twice: {', '.join(dupes)}")
        for m in self.metric:
            if m.change_of and m.change_of not in names:
                raise ValueError(f"{m.name}: change_of names an unknown metric {m.change_of!r}")
            if m.peak_of and m.peak_of not in names:
                raise ValueError(f"{m.name}: peak_of names an unknown metric {m.peak_of!r}")
        return self

    def with_categories(self, added: dict[str, dict[str, list[str]]]) -> MetricDefinitions:
        """These definitions with more categories: those a report's own tables print for a
        metric ("Supported living" in the location table), so that its prose names them too."""
        if not added:
            return self
        metrics = [
            m.model_copy(update={"categories": {**added[m.name], **m.categories}})
            if m.name in added
            else m
            for m in self.metric
        ]
        return MetricDefinitions(metric=[m.model_dump() for m in metrics])

    def with_glossary(self, glossary: dict[str, str]) -> MetricDefinitions:
        """These definitions with the report's own abbreviations: an acronym its glossary
        spells out as a category label ("ASE: Adult Sexual Exploitation") is that label too."""

        def norm(text: str) -> str:
            return " ".join(re.sub(r"\([^)]*\)", " ", text).lower().split())

        spelled: dict[str, list[str]] = {}
        for acronym, expansion in glossary.items():
            spelled.setdefault(norm(expansion), []).append(acronym)
        if not spelled:
            return self
        metrics = []
        for m in self.metric:
            categories = {
                slug: list(
                    dict.fromkeys([*words, *(a for w in words for a in spelled.get(norm(w), []))])
                )
                for slug, words in m.categories.items()
            }
            metrics.append(m.model_copy(update={"categories": categories}))
        return MetricDefinitions(metric=[m.model_dump() for m in metrics])

    @cached_property
    def by_name(self) -> dict[str, MetricDefinition]:
        return {m.name: m for m in self.metric}

    @cached_property
    def peak_metric(self) -> dict[str, str]:
        """level metric -> the metric its largest age band is stored under"""
        return {m.peak_of: m.name for m in self.metric if m.peak_of}

    @cached_property
    def change_metric(self) -> dict[str, str]:
        """level metric -> the metric its changes are stored under"""
        return {m.change_of: m.name for m in self.metric if m.change_of}


class Extractors:
    """All of extractors/, loaded once per run."""

    def __init__(self, directory: Path = EXTRACTORS_DIR):
        self.directory = directory
        self.report: ReportRules = self._load("report.toml", ReportRules)
        self.tables: TableRules = self._load("tables.toml", TableRules)
        self.quality: QualityRules = self._load("quality.toml", QualityRules)
        self.partners: PartnerRegistry = self._load("partners.toml", PartnerRegistry)
        self.metrics: MetricDefinitions = self._load("metrics.toml", MetricDefinitions)
        known = {p.name for p in self.partners.partner}
        for d in self.metrics.metric:
            unknown = [p for p in [*d.partners, *d.also_partners] if p not in known]
            if unknown:
                raise SpecError(
                    f"{directory / 'metrics.toml'}: {d.name}: partner {unknown[0]!r} is not a "
                    f"name in partners.toml"
                )

    @property
    def metric_names(self) -> set[str]:
        """The metric vocabulary: every metric a table measure or a definition produces."""
        from_tables = {m.metric for t in self.tables.table for m in t.measures}
        return from_tables | {d.name for d in self.metrics.metric}

    def _load(self, name: str, model: type[Spec]):
        path = self.directory / name
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
            return model.model_validate(data)
        except FileNotFoundError as e:
            raise SpecError(f"{path}: missing (extractors folder: {self.directory})") from e
        except tomllib.TOMLDecodeError as e:
            raise SpecError(f"{path}: not valid TOML: {e}") from e
        except ValidationError as e:
            first = e.errors()[0]
            where = ".".join(str(p) for p in first["loc"])
            raise SpecError(f"{path}: {where}: {first['msg']}") from e
