"""Statistics tables are recognised by their content in any orientation: categories as rows or
columns, periods as rows or columns, label/value pairs side by side or stacked; a new category
and a number no measure claims are quality issues, never silently dropped."""

from __future__ import annotations

import pytest

from wstextract.recognise import TableContext, recognise_table
from wstextract.specs import Extractors
from wstextract.tables import Cell, FoundTable


def table(rows: list[list[str]], header: bool = True) -> FoundTable:
    cells = [
        [
            Cell(text, 5, (10.0 * c, 10.0 * r, 10.0 * c + 8, 10.0 * r + 8))
            for c, text in enumerate(row)
        ]
        for r, row in enumerate(rows)
    ]
    return FoundTable(5, (0, 0, 100, 100), "whitespace", cells, has_header=header)


@pytest.fixture(scope="module")
def specs():
    return Extractors().tables


def read(specs, rows, header=True):
    ctx = TableContext("wst-2023-24", "2023-24", 1, None, frozenset(specs.suppressed))
    rec = recognise_table(table(rows, header), specs.table, ctx)
    values = {
        (c.fields["metric"], c.fields["category"], c.fields["period"], c.fields["unit"]): c.fields[
            "value"
        ]
        for c in rec.candidates
    }
    return rec, values


def test_a_transposed_breakdown_with_a_new_category_and_a_total(specs):
    rec, values = read(
        specs,
        [
            [
                "Category",
                "Emotional harm",
                "Neglect",
                "Multiple categories",
                "Not recorded",
                "Total",
            ],
            ["Number", "86", "124", "13", "3", "226"],
            ["%", "38", "55", "6", "1", "100"],
        ],
    )
    assert rec.spec.name == "child_protection_plans_by_category"
    assert values[("child_protection_plans", "neglect", "2023-24", "count")] == "124"
    assert values[("child_protection_plans", "emotional_abuse", "2023-24", "percent")] == "38"
    assert values[("child_protection_plans", "multiple", "2023-24", "count")] == "13"
    assert values[("child_protection_plans", "total", "2023-24", "count")] == "226"
    # a label never seen before is stored under its slug and flagged, once
    assert values[("child_protection_plans", "not_recorded", "2023-24", "count")] == "3"
    new = [f for f in rec.findings if f.kind == "new_category"]
    assert len(new) == 1 and "'Not recorded'" in new[0].message


def test_label_value_pairs_side_by_side_with_a_contradicting_header(specs):
    rec, values = read(
        specs,
        [
            [
                "Type of abuse",
                "2021 - 2022 Number of cases",
                "Type of abuse",
                "2021 - 2022 Number of cases",
            ],
            ["Care Home - Nursing", "152", "Own Home", "1,266"],
            ["Care Home - Residential", "234", "Other Persons Home", "58"],
            ["Community / Public Place", "54", "Community Service", "26"],
            ["Hospital", "46", "Other", "75"],
        ],
    )
    assert rec.spec.name == "adult_concerns_by_location"
    assert len(values) == 8
    assert values[("adult_concerns_by_location", "own_home", "2021-22", "count")] == "1,266"
    assert [f.kind for f in rec.findings] == ["header_contradicts_content"]


def test_stacked_blocks_of_reworded_labels_in_any_order(specs):
    rec, values = read(
        specs,
        [
            ["Own home", "Care home (nursing)", "Care home (residential)", "Hospital"],
            ["1,402", "163", "251", "52"],
            ["Other person's home", "Public place / community", "Other", "Total"],
            ["61", "49", "88", "2,066"],
        ],
        header=False,
    )
    assert rec.spec.name == "adult_concerns_by_location"
    assert values[("adult_concerns_by_location", "care_home_nursing", "2023-24", "count")] == "163"
    assert values[("adult_concerns_by_location", "other_persons_home", "2023-24", "count")] == "61"
    assert (
        values[("adult_concerns_by_location", "community_public_place", "2023-24", "count")] == "49"
    )
    assert values[("adult_concerns_by_location", "total", "2023-24", "count")] == "2,066"
    assert len(values) == 8 and not rec.findings


def test_a_line_for_what_the_others_leave_is_the_other_category(specs):
    rec, values = read(
        specs,
        [
            ["Where it happened", "Concerns"],
            ["Own home", "2,207"],
            ["Care home (residential)", "611"],
            ["Hospital", "163"],
            ["Someone else's home", "121"],
            ["Supported living", "96"],
            ["Anywhere else", "88"],
            ["All recorded locations", "3,286"],
        ],
    )
    assert values[("adult_concerns_by_location", "other", "2023-24", "count")] == "88"
    assert values[("adult_concerns_by_location", "other_persons_home", "2023-24", "count")] == "121"
    # a label for something new is still new, and flagged
    assert values[("adult_concerns_by_location", "supported_living", "2023-24", "count")] == "96"
    assert [f.kind for f in rec.findings] == ["new_category"]


def test_periods_as_columns_and_measures_as_rows(specs):
    rec, values = read(
        specs,
        [
            ["Rating", "2021/22", "2022/23", "2023/24"],
            ["Good or better", "92%", "90%", "88%"],
            ["Requires improvement or worse", "8%", "10%", "12%"],
        ],
    )
    assert rec.spec.name == "asc_audit_ratings"
    assert values[("asc_audit_rating", "good_or_higher", "2022-23", "percent")] == "90%"
    assert (
        values[("asc_audit_rating", "requires_improvement_or_lower", "2023-24", "percent")] == "12%"
    )
    assert len(values) == 6


def test_a_series_with_reworded_headers_and_periods_across(specs):
    rec, values = read(
        specs,
        [
            ["Measure", "2022/23", "2023/24"],
            ["CSE-flagged incidents", "74", "81"],
            ["Crimes confirmed", "58", "57"],
            ["Incidents leading to a crime", "78.38%", "70.37%"],
        ],
    )
    assert rec.spec.name == "cse_incidents_by_year"
    assert values == {
        ("cse_incidents", "total", "2022-23", "count"): "74",
        ("cse_incidents", "total", "2023-24", "count"): "81",
        ("cse_crimes_recorded", "total", "2022-23", "count"): "58",
        ("cse_crimes_recorded", "total", "2023-24", "count"): "57",
        ("cse_crime_rate", "total", "2022-23", "percent"): "78.38%",
        ("cse_crime_rate", "total", "2023-24", "percent"): "70.37%",
    }


def test_a_number_no_measure_claims_is_a_quality_issue(specs):
    rec, values = read(
        specs,
        [
            ["Category", "Number", "%", "Rate per 10,000"],
            ["Neglect", "124", "55", "21.4"],
            ["Emotional abuse", "86", "38", "14.8"],
            ["Sexual abuse", "6", "3", "1.0"],
            ["Physical abuse", "10", "4", "1.7"],
        ],
    )
    assert rec.spec.name == "child_protection_plans_by_category"
    assert len(values) == 8
    unassigned = [f for f in rec.findings if f.kind == "unassigned_value"]
    assert len(unassigned) == 4 and "'21.4'" in unassigned[0].message


def test_a_table_of_other_numbers_is_unrecognised_not_guessed(specs):
    rec, values = read(
        specs,
        [
            ["Source", "Contacts"],
            ["Police", "1,204"],
            ["Schools", "988"],
            ["Health", "702"],
        ],
    )
    assert rec.spec is None and values == {}
    assert [f.kind for f in rec.findings] == ["unrecognised"]


def test_a_number_without_a_label_is_a_quality_issue(specs):
    rec, values = read(
        specs,
        [
            ["Year", "CSE Incidents", "Confirmed Crime Recorded", "% of Crime Recorded"],
            ["2020 / 2021", "88", "29", "32.95%"],
            ["2021 / 2022", "69", "63", "91.30%"],
            ["All years", "157", "92", "58.60%"],
        ],
    )
    assert rec.spec.name == "cse_incidents_by_year" and len(values) == 6
    flagged = [f for f in rec.findings if f.kind == "unassigned_value"]
    assert [f.source_text.split(" | ")[0] for f in flagged] == ["All years"] * 3


def test_training_take_up_by_course_with_cells_not_recorded(specs):
    rec, values = read(
        specs,
        [
            ["Course", "Places offered", "Places booked", "Attended"],
            ["Think Family", "90", "81", "74"],
            ["ICON (babies cry, you can cope)", "36", "33", "Not recorded"],
            ["Sp-eak (suicide prevention)", "150", "Not recorded", "Not recorded"],
        ],
    )
    assert rec.spec.name == "training_by_course"
    # the cells that print no number are kept: validation flags them (invalid_record)
    missing = {k for k, v in values.items() if v == "Not recorded"}
    assert len(missing) == 3
    assert {k: v for k, v in values.items() if k not in missing} == {
        ("training_places", "think_family", "2023-24", "count"): "90",
        ("training_bookings", "think_family", "2023-24", "count"): "81",
        ("training_attendance", "think_family", "2023-24", "count"): "74",
        ("training_places", "icon", "2023-24", "count"): "36",
        ("training_bookings", "icon", "2023-24", "count"): "33",
        ("training_places", "speak", "2023-24", "count"): "150",
    }


def test_a_period_over_the_labels_is_not_a_contradicting_header(specs):
    rec, _values = read(
        specs,
        [
            ["April 2023 – March 2024", "Neglect", "Physical abuse", "Emotional abuse", "Total"],
            ["Number of children", "188", "21", "126", "335"],
        ],
    )
    assert rec.spec.name == "child_protection_plans_by_category"
    assert "header_contradicts_content" not in [f.kind for f in rec.findings]


def test_a_one_year_series_whose_header_says_whose_figures_they_are(specs):
    rec, values = read(
        specs, [["IDVA training", "Sessions", "Delegates"], ["2034/35", "12", "208"]]
    )
    assert rec.spec.name == "idva_training_by_year"
    assert values == {
        ("idva_sessions", "total", "2034-35", "count"): "12",
        ("idva_delegates", "total", "2034-35", "count"): "208",
    }
    # the same headers with nothing saying whose are no IDVA table
    rec, values = read(specs, [["Year", "Sessions", "Delegates"], ["2034/35", "12", "208"]])
    assert rec.spec is None or rec.spec.name != "idva_training_by_year"
    assert not values


def test_a_training_table_whose_attendance_is_headed_turned_up(specs):
    _rec, values = read(
        specs,
        [
            ["Course", "Places available", "Booked", "Turned up"],
            ["Think Family", "90", "84", "71"],
            ["ICON", "40", "36", "33"],
        ],
    )
    assert values[("training_attendance", "think_family", "2023-24", "count")] == "71"
    assert values[("training_places", "icon", "2023-24", "count")] == "40"


def test_a_label_that_opens_with_a_known_one_is_that_category(specs):
    _rec, values = read(
        specs,
        [
            ["Course", "Places available", "Booked", "Attended"],
            ["Core safeguarding (children and adults)", "720", "702", "655"],
            ["Think Family: working with the whole household", "90", "84", "71"],
            ["Sp-eak suicide prevention", "144", "131", "Not recorded"],
        ],
    )
    assert values[("training_places", "core", "2023-24", "count")] == "720"
    assert values[("training_attendance", "think_family", "2023-24", "count")] == "71"
    assert values[("training_bookings", "speak", "2023-24", "count")] == "131"
