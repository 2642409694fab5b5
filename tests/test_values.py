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
