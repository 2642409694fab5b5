"""Numbers, periods and labels as reports print them."""

from __future__ import annotations

import pytest

from wstextract import values


@pytest.mark.parametrize(
    "printed, period",
    [
        ("2021 - 2022", "2021-22"),
        ("2021/22", "2021-22"),
        ("2018 / 2019", "2018-19"),
        ("2019 - 20", "2019-20"),
        ("2021-22", "2021-22"),
        ("2021 – 2022 Number of cases", "2021-22"),
        ("1999/2000", "1999-00"),
        ("2019/2022", None),  # a span of years, not a reporting period
        ("no year here", None),
    ],
)
def test_periods_are_normalised(printed, period):
    assert values.normalise_period(printed) == period


@pytest.mark.parametrize(
    "printed, number",
    [
        ("1,266", 1266),
        ("91.30%", 91.3),
        ("58", 58),
        ("0", 0),
        ("18.24%", 18.24),
        ("3,806", 3806),
    ],
)
def test_numbers_are_parsed(printed, number):
    assert values.parse_number(printed) == number


@pytest.mark.parametrize("printed", ["", "x", "1,26", "12a", "--3"])
def test_non_numbers_are_refused(printed):
    assert not values.is_number(printed)
    with pytest.raises(ValueError, match="not a number"):
        values.parse_number(printed)


@pytest.mark.parametrize(
    "label, slug",
    [
        ("Care Home - Nursing", "care_home_nursing"),
        ("Community / Public Place", "community_public_place"),
        ("Other Persons Home", "other_persons_home"),
        ("Child U/18", "child_u_18"),
    ],
)
def test_labels_become_category_slugs(label, slug):
    assert values.slugify(label) == slug


def test_period_bounds_and_dates():
    assert [str(d) for d in values.period_bounds("2021-22")] == ["2021-04-01", "2022-03-31"]
    assert str(values.parse_date("between 1st April 2021 and")) == "2021-04-01"
    assert values.find_periods("in 2018/19 and 2019/20, not 2019/2022") == ["2018-19", "2019-20"]


@pytest.mark.parametrize(
    "lead_in, period",
    [
        ("The WMFS report provides a summary of safeguarding achievements in 2021-22:", "2021-22"),
        ("Between April 2023 and March 2024:", "2023-24"),
        # a window across two reporting years: the year it starts in (schemas/metrics.md)
        ("Data from January 2022 including to June 2022 – 6 months of data:", "2021-22"),
        ("Initiatives worked on during the period under review:", None),
        ("Figures for 2021/22 and 2022/23:", None),  # two years: neither
        ("In March 2024 and June 2025 we had:", None),  # two dates, no window
    ],
)  # fmt: skip
def test_a_lead_in_names_the_period_of_what_follows_it(lead_in, period):
    assert values.lead_in_period(lead_in) == period


@pytest.mark.parametrize(
    "heading, period",
    [
        ("Priorities 2022-23", "2022-23"),
        ("April 2021 – March 2022", "2021-22"),
        ("2021/22", "2021-22"),
        ("Comparison over three year period between 2019/2022 and 2021/2022", None),  # a span
        ("Safeguarding Training", None),
        ("Safeguarding in 2021/22 and 2022/23", None),
    ],
)
def test_a_heading_or_its_dateline_names_one_period_or_none(heading, period):
    assert values.heading_period(heading) == period
    if heading[0].isdigit() or heading.startswith("April"):
        assert values.dateline_period(heading) == period
    else:
        assert values.dateline_period(heading) is None  # words besides the dates: no dateline


@pytest.mark.parametrize(
    "opening, period",
    [
        ("Moving on from the previous year, 2021/22 was a year where the service grew.", "2021-22"),
        ("During 2021/22, the Trust trained its staff. In 2020/21 it had not.", "2021-22"),
        ("In 2020/21 we saw 45 cases.", None),  # a figure's sentence, not a statement's year
        ("The Trust in 2021/22 did well.", None),  # the year is not what the statement is about
    ],
)
def test_a_partner_statement_opening_names_its_year(opening, period):
    assert values.opening_period(opening) == period


@pytest.mark.parametrize(
    "end, period",
    [
        ("31 March 2039", "2038-39"),
        ("30 June 2039", "2038-39"),  # nine of the twelve months are in 2038/39
        ("30 September 2039", "2038-39"),  # six and six: the earlier year
        ("31 October 2039", "2039-40"),
        ("31 December 2038", "2038-39"),
        ("31 January 2039", "2038-39"),
    ],
)
def test_twelve_months_to_a_date_belong_to_the_year_most_of_them_fall_in(end, period):
    assert values.year_ending_period(end) == period
