"""Validation: what fails is kept as a quality issue with its reason, never dropped."""

from __future__ import annotations

import json

from wstextract import quality
from wstextract.recognise import Candidate


def metric(**overrides):
    fields = {
        "report_id": "wst-2021-22",
        "metric": "child_protection_plans",
        "category": "neglect",
        "period": "2021 - 2022",
        "value": "161",
        "unit": "count",
        "page": 12,
        "bbox": (1.0, 2.0, 3.0, 4.0),
        "source_kind": "table",
        "source_text": "Neglect | 161 | 58",
    }
    return Candidate("metrics", {**fields, **overrides})


def test_printed_values_are_normalised():
    records, issues = quality.validate(
        [metric(value="1,266"), metric(unit="percent", value="91.30%", period="2018 / 2019")],
        "wst-2021-22",
    )
    assert issues == []
    assert [(m.value, m.period) for m in records["metrics"]] == [
        (1266, "2021-22"),
        (91.3, "2018-19"),
    ]


def test_bad_values_become_quality_issues_with_their_source():
    bad = [
        metric(value="-3"),
        metric(unit="percent", value="130%"),
        metric(value="2.5"),
        metric(period="2019/2022"),
        metric(value="n/a"),
    ]
    records, issues = quality.validate(bad, "wst-2021-22")
    assert records.get("metrics", []) == []
    assert len(issues) == len(bad)
    reasons = [i.message for i in issues]
    assert "non-negative integer" in reasons[0] and "0-100" in reasons[1]
    assert "not a reporting period" in reasons[3] and "not a number" in reasons[4]
    for issue in issues:
        assert issue.kind == "invalid_record" and issue.page == 12
        assert json.loads(issue.record)["source_text"] == "Neglect | 161 | 58"


def test_changes_may_be_negative_percents():
    records, issues = quality.validate(
        [
            metric(
                metric="s42_enquiries_change",
                unit="percent",
                value="-5.58",
                source_kind="narrative",
            )
        ],
        "wst-2021-22",
    )
    assert issues == [] and records["metrics"][0].value == -5.58


def test_a_value_with_no_place_on_the_page_is_flagged_not_stored():
    """Provenance is part of the contract: a metric without a box cannot be checked against
    its page, so it is kept as a quality issue instead of becoming data."""
    records, issues = quality.validate(
        [metric(bbox=None), metric(bbox=(5.0, 2.0, 3.0, 4.0))], "wst-2021-22"
    )
    assert records.get("metrics", []) == []
    assert [i.kind for i in issues] == ["invalid_record", "invalid_record"]
    assert "bbox" in issues[0].message and "not a box" in issues[1].message
