"""Table signatures on tables built by hand: the cases next year's report may bring."""

from __future__ import annotations

import pytest
from conftest import text_block

from wstextract import quality
from wstextract.recognise import TableContext, recognise_table
from wstextract.specs import Extractors
from wstextract.tables import Cell, FoundTable


def table(rows: list[list[str]], header: bool = True, method: str = "ruled") -> FoundTable:
    cells = [
        [
            Cell(text, 5, (10.0 * c, 10.0 * r, 10.0 * c + 9, 10.0 * r + 9))
            for c, text in enumerate(row)
        ]
        for r, row in enumerate(rows)
    ]
    return FoundTable(5, (0, 0, 100, 100), method, cells, has_header=header)


@pytest.fixture(scope="module")
def extractors():
    return Extractors()


def recognise(extractors, rows):
    ctx = TableContext(
        "wst-2023-24",
        "2023-24",
        3,
        "Safeguarding in numbers",
        frozenset(extractors.tables.suppressed),
    )
    return recognise_table(table(rows), extractors.tables.table, ctx)


CP = [
    ["Category", "2023 - 2024 Number of cases", "% Total"],
    ["Neglect", "150", "55"],
    ["Physical abuse", "10", "4"],
    ["Sexual abuse", "8", "3"],
    ["Emotional abuse", "104", "38"],
    ["Multiple", "0", "0"],
]


def test_recognised_by_row_labels_whatever_the_header_says(extractors):
    rec = recognise(extractors, CP)
    assert rec.spec.name == "child_protection_plans_by_category"
    metrics = {(c.fields["category"], c.fields["unit"]): c.fields for c in rec.candidates}
    assert metrics[("neglect", "count")]["value"] == "150"
    assert metrics[("neglect", "count")]["period"] == "2023-24"  # from the column header
    assert metrics[("neglect", "count")]["bbox"] == (10.0, 10.0, 19.0, 19.0)
    # "Category" is an acceptable label header: nothing to flag
    assert rec.findings == []


def test_percentages_that_do_not_sum_to_100_are_flagged(extractors):
    rows = [r[:] for r in CP]
    rows[1][2] = "65"
    rec = recognise(extractors, rows)
    assert [f.kind for f in rec.findings] == ["breakdown_mismatch"]
    assert "sum to 110%" in rec.findings[0].message


def test_a_total_row_is_checked_against_its_parts(extractors):
    rows = [*CP, ["Total", "270", "100"]]
    rec = recognise(extractors, rows)
    totals = [c.fields for c in rec.candidates if c.fields["category"] == "total"]
    assert {t["unit"] for t in totals} == {"count", "percent"}
    mismatch = [f for f in rec.findings if f.kind == "breakdown_mismatch"]
    assert len(mismatch) == 1 and "add up to 272" in mismatch[0].message


def test_a_suppressed_cell_is_an_issue_not_a_lost_table(extractors):
    rows = [r[:] for r in CP]
    rows[3][1] = "<5"
    rec = recognise(extractors, rows)
    assert rec.spec is not None and len(rec.candidates) == 10
    records, issues = quality.validate(rec.candidates, "wst-2023-24")
    assert len(records["metrics"]) == 9
    assert [i.kind for i in issues] == ["invalid_record"] and "'<5'" in issues[0].message


def test_swapped_columns_follow_their_headers(extractors):
    rows = [
        ["Year", "Confirmed Crime Recorded", "CSE Incidents", "% of Crime Recorded"],
        ["2022 / 2023", "58", "74", "78.38%"],
        ["2023 / 2024", "40", "60", "66.67%"],
    ]
    rec = recognise(extractors, rows)
    values = {(c.fields["metric"], c.fields["period"]): c.fields["value"] for c in rec.candidates}
    assert values[("cse_incidents", "2022-23")] == "74"
    assert values[("cse_crimes_recorded", "2022-23")] == "58"
    assert values[("cse_crime_rate", "2023-24")] == "66.67%"


def test_an_unknown_table_of_numbers_is_flagged(extractors):
    rec = recognise(
        extractors,
        [["Quarter", "Referrals", "Re-referrals"], ["Q1", "120", "14"], ["Q2", "131", "19"]],
    )
    assert rec.spec is None
    assert [f.kind for f in rec.findings] == ["unrecognised"]


def test_a_header_need_not_be_bold():
    from wstextract.tables.cells import is_header

    assert is_header([r[:] for r in CP], bold=False)  # words over numbers
    assert not is_header(
        [["ACRP", "Adult Case Review Panel"], ["ASB", "Anti-Social Behaviour"]], bold=False
    )
    assert not is_header([["Foreword", "03"], ["Report it", "04"]], bold=False)


def test_values_without_a_label_are_flagged_not_dropped(extractors):
    rows = [*CP[:3], ["", "4", "1"], *CP[3:]]
    rec = recognise(extractors, rows)
    assert rec.spec is not None and len(rec.candidates) == 10
    flagged = [f for f in rec.findings if f.kind == "unassigned_value"]
    assert [f.message.split("'")[1] for f in flagged] == ["4", "1"]
    assert all("has no label" in f.message for f in flagged)


LISTED = [
    "Overall effectiveness: Good",
    "The impact of leaders on social work practice with children and families: Outstanding",
    "The experiences and progress of children in care – Requires improvement to be good",
]


def _judgements(extractors, *texts):
    from wstextract.recognise.judgements import listed_judgements

    blocks = [text_block(t) for t in texts]
    found = listed_judgements(blocks, extractors.tables.table, "wst-2026-27")
    return [(c.fields["inspectorate"], c.fields["judgement"], c.fields["grade"]) for c in found]


def test_judgements_listed_in_prose_are_read_when_the_lead_in_names_the_inspectorate(extractors):
    lead_in = "Ofsted inspected children's services in November 2026. The judgements were:"
    assert _judgements(extractors, lead_in, *LISTED) == [
        ("Ofsted", "Overall effectiveness", "Good"),
        ("Ofsted", LISTED[1].split(":")[0], "Outstanding"),
        ("Ofsted", LISTED[2].split(" – ")[0], "Requires improvement to be good"),
    ]
    cqc = "The Care Quality Commission assessed adult social care in June 2026. It rated us:"
    assert _judgements(extractors, cqc, "Overall: Good", "Leadership: Outstanding") == [
        ("CQC", "Overall", "Good"),
        ("CQC", "Leadership", "Outstanding"),
    ]


def test_a_list_of_grades_without_an_inspectorate_or_of_one_line_stays_prose(extractors):
    assert _judgements(extractors, "Our own audit of files found:", *LISTED) == []
    assert _judgements(extractors, "Ofsted said in 2026:", LISTED[0]) == []  # one line
    # a grade Ofsted does not give
    assert _judgements(extractors, "Ofsted judged:", "Leadership: Good", "Help: Excellent") == []
