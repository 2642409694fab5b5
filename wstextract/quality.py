"""Validation: candidates become pydantic records, or quality issues that say why not.

Nothing a report prints is dropped silently: a value that fails validation is stored as a
``quality_issues`` row holding the rejected record, its reason and where it was printed.
"""

from __future__ import annotations

from collections.abc import Iterable

from pydantic import ValidationError

from .models import RECORD_MODELS, QualityIssue, Record
from .recognise import Candidate, Finding


def _reason(error: ValidationError) -> str:
    first = error.errors()[0]
    where = ".".join(str(p) for p in first["loc"])
    return f"{where}: {first['msg']}" if where else first["msg"]


def validate(
    candidates: Iterable[Candidate], report_id: str
) -> tuple[dict[str, list[Record]], list[QualityIssue]]:
    """Records by table name, and an issue for every candidate that failed."""
    records: dict[str, list[Record]] = {}
    issues = []
    for candidate in candidates:
        model = RECORD_MODELS[candidate.table]
        try:
            records.setdefault(candidate.table, []).append(model(**candidate.fields))
        except ValidationError as e:
            f = candidate.fields
            issues.append(
                QualityIssue.rejected(
                    report_id,
                    f"rejected {candidate.table} record: {_reason(e)}",
                    f,
                    page=f.get("page"),
                    bbox=f.get("bbox"),
                    source_text=f.get("source_text"),
                )
            )
    return records, issues


def issues_from_findings(findings: Iterable[Finding], report_id: str) -> list[QualityIssue]:
    return [
        QualityIssue(
            report_id=report_id,
            kind=f.kind,
            message=f.message,
            page=f.page,
            bbox=f.bbox,
            source_text=f.source_text,
        )
        for f in findings
    ]
