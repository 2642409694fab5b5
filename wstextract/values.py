"""Parsing the ways reports print numbers, periods and labels.

Shared by recognition (to read cells and sentences) and validation (to normalise records), so
"2018 / 2019", "2019 - 20" and "2021/22" mean the same period everywhere.
"""

from __future__ import annotations

import re
from datetime import date

_PERIOD = re.compile(
    r"(?<!\d)(?P<start>(?:19|20)\d{2})\s*(?:/|-|–|to)\s*(?P<end>(?:19|20)?\d{2})(?!\d)"
)
_NUMBER = re.compile(r"^[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?%?$")
MONTH_NAMES = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
_MONTHS = {m: i for i, m in enumerate(MONTH_NAMES, start=1)}
_MONTHS_3 = {m[:3]: i for m, i in _MONTHS.items()}
_DATE = re.compile(r"(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?P<month>[A-Za-z]+)\s+(?P<year>\d{4})")


def normalise_period(text: str) -> str | None:
    """'2021 - 2022', '2021/22', '2018 / 2019', '2019 - 20' -> '2021-22' style, else None.

    Only consecutive years count as a reporting period: '2019/2022' is a span, not a period.
    """
    m = _PERIOD.search(text)
    if not m:
        return None
    start = int(m["start"])
    end = m["end"]
    end_year = int(end) if len(end) == 4 else (start + 1) // 100 * 100 + int(end)
    if end_year != start + 1:
        return None
    return f"{start}-{end_year % 100:02d}"


def find_periods(text: str) -> list[str]:
    """Every reporting period mentioned in ``text``, in order."""
    out = []
    for m in _PERIOD.finditer(text):
        period = normalise_period(m.group(0))
        if period:
            out.append(period)
    return out


_MONTH_YEAR = re.compile(r"\b([A-Za-z]{3,9})\.?\s+((?:19|20)\d\d)\b")


def month_number(name: str) -> int | None:
    """1–12 for a month's name or its abbreviation ("Sept", "July")."""
    return _MONTHS_3.get(name.lower()[:3])


def _month_year(text: str) -> tuple[int, int] | None:
    m = _MONTH_YEAR.search(text)
    month = month_number(m[1]) if m else None
    return None if month is None else (month, int(m[2]))


def period_starting(year: int) -> str:
    """The reporting period that starts in ``year``: 2039 -> "2039-40"."""
    return f"{year}-{(year + 1) % 100:02d}"


def reporting_year_of(text: str) -> str | None:
    """The April–March reporting year a date falls in: "31 March 2024" -> 2023-24."""
    found = _month_year(text)
    if found is None:
        return None
    month, year = found
    start = year if month >= 4 else year - 1
    return period_starting(start)


def year_ending_period(text: str) -> str | None:
    """The reporting year most of the twelve months up to a date fall in: "30 June 2039" ->
    2038-39 (nine of its months), "31 March 2039" -> 2038-39, "31 December 2038" -> 2038-39."""
    found = _month_year(text)
    if found is None:
        return None
    month, year = found
    start = year if month >= 10 else year - 1
    return period_starting(start)


def period_of(text: str) -> str | None:
    """The reporting period a label or header names: "2021/22", "2019 - 20", or dates that all
    fall in one April–March year ("31 March 2024", "April 2023 – March 2024")."""
    period = normalise_period(text)
    if period:
        return period
    found = {reporting_year_of(m[0]) for m in _MONTH_YEAR.finditer(text)} - {None}
    return found.pop() if len(found) == 1 else None


def _month_years(text: str) -> list[tuple[int, str]]:
    """(position, reporting year) of each "Month YYYY" in ``text``."""
    found = [(m.start(), reporting_year_of(m[0])) for m in _MONTH_YEAR.finditer(text)]
    return [(at, year) for at, year in found if year]


def lead_in_period(text: str) -> str | None:
    """The reporting year a lead-in names for the list or paragraphs after it: "achievements
    in 2021-22:", "Between April 2023 and March 2024:". A data window across two reporting
    years ("Data from January 2022 to June 2022:") is given the year it starts in, the
    convention of ``schemas/metrics.md``; anything vaguer names no period."""
    periods = set(find_periods(text))
    if periods:
        return periods.pop() if len(periods) == 1 else None
    dates = _month_years(text)
    years = {year for _at, year in dates}
    if len(years) == 1:
        return years.pop()
    window = re.search(r"\b(?:from|between)\b", text, re.I)
    if len(dates) == 2 and window and window.start() < dates[0][0]:
        return dates[0][1]
    return None


def heading_period(text: str) -> str | None:
    """The one reporting year a heading names ("Progress in 2021/22", "April 2021 – March
    2022"); none when it names a span or two years ("between 2019/2022 and 2021/2022")."""
    found = set(find_periods(text))
    if len(found) == 1:
        period = found.pop()
        start = int(period[:4])
        years = {int(y) for y in re.findall(r"(?<!\d)(?:19|20)\d{2}(?!\d)", text)}
        return period if years <= {start, start + 1} else None
    return dateline_period(text) if not found else None


_RANGE_WORDS = {"to", "until", "from", "between", "and", "-", "–", "—", "/"}


def dateline_period(text: str) -> str | None:
    """The period of a line that is nothing but a period or a date range, as printed under a
    heading: "April 2021 – March 2022", "2021/22"."""
    rest = _MONTH_YEAR.sub(" ", _PERIOD.sub(" ", text)).lower().replace("–", " – ").split()
    if any(w not in _RANGE_WORDS for w in rest):
        return None
    return period_of(text)


_YEAR_SPAN = r"(?:19|20)\d{2}\s*(?:/|-|–|to)\s*(?:19|20)?\d{2}(?!\d)"
# "During 2021/22, …" at the start of the sentence or after a comma; "… 2021/22 was a year …"
_OPENING = re.compile(
    rf"(?:^|,\s*)(?:in|during|throughout|over)\s+(?:the\s+year\s+)?({_YEAR_SPAN})"
    rf"|(?:^|,\s*)({_YEAR_SPAN})\s+(?:was|has\s+been)\s+a\s+year\b",
    re.I,
)


def opening_period(text: str) -> str | None:
    """The year a partner statement says it is about, in its first sentence ("During 2021/22,
    the Trust…", "…, 2021/22 was a year where…"); only when that sentence states no figure."""
    first = re.split(r"(?<=[.!?])\s", text.strip(), maxsplit=1)[0]
    m = _OPENING.search(first)
    if not m or re.search(r"\d", _PERIOD.sub(" ", first)):
        return None
    return normalise_period(m[1] or m[2])


def period_bounds(period: str) -> tuple[date, date]:
    """UK public-sector reporting years run 1 April to 31 March."""
    start = int(period[:4])
    return date(start, 4, 1), date(start + 1, 3, 31)


def parse_date(text: str) -> date | None:
    m = _DATE.search(text)
    if not m or m["month"].lower() not in _MONTHS:
        return None
    try:
        return date(int(m["year"]), _MONTHS[m["month"].lower()], int(m["day"]))
    except ValueError:  # "31 April 2022": a typo in the report, not a date
        return None


def is_number(text: str) -> bool:
    return bool(_NUMBER.match(text.strip()))


def parse_number(text: str) -> float | int:
    """'1,266' -> 1266, '91.30%' -> 91.3, '58' -> 58. Raises ValueError on anything else."""
    cleaned = text.strip()
    if not _NUMBER.match(cleaned):
        raise ValueError(f"not a number: {text!r}")
    cleaned = cleaned.rstrip("%").replace(",", "")
    value = float(cleaned)
    return int(value) if value.is_integer() and "." not in cleaned else value


def slugify(label: str) -> str:
    """'Care Home - Nursing' -> 'care_home_nursing', 'Community / Public Place' ->
    'community_public_place': the category vocabulary researchers query by."""
    return re.sub(r"[^a-z0-9]+", "_", label.lower()).strip("_")
