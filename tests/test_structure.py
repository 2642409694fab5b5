"""Structure: the contents page names sections, and is checked against the headings."""

from __future__ import annotations

from wstextract import quality, structure
from wstextract.recognise import Finding


def heading(text, page, level=1, top=100.0):
    return structure.Heading(text, page, (50.0, top, 300.0, top + 18), 18.0, level)


def test_contents_entries_name_the_heading_on_their_page():
    headings = [
        heading("Foreword", 3),
        heading("Leadership and Governance", 5),
        heading("Legislative Context", 5, level=2, top=200),
    ]
    problems = structure.apply_contents(
        headings,
        [
            structure.ContentsEntry("Foreword – Executive Group Chair", 3),
            structure.ContentsEntry("WST Leadership and Governance", 5),
            structure.ContentsEntry("Safeguarding Training", 9),
        ],
    )
    assert [h.contents_title for h in headings] == [
        "Foreword – Executive Group Chair",
        "WST Leadership and Governance",
        None,
    ]
    assert problems == [
        "the contents page puts 'Safeguarding Training' on page 9, but no heading starts there"
    ]
    issues = quality.issues_from_findings(
        [Finding("contents_mismatch", problems[0], None, None, None)], "wst-2021-22"
    )
    assert issues[0].kind == "contents_mismatch"


def test_corpus_sections_follow_the_contents_page(extractions):
    sections = extractions["wst-2021-22"].records["sections"]
    named = {s.contents_title: s for s in sections if s.contents_title}
    assert len(named) == 13
    assert named["Appendix A – Partner Statements"].title == "APPENDIX A"
    assert named["Safeguarding Training"].page == 21
    appendix_a = [s for s in sections if s.appendix == "A" and s.level == 2]
    assert len(appendix_a) == 13  # one level-2 section per partner statement
    glossary = next(s for s in sections if s.title == "Glossary of Terms")
    assert (
        glossary.appendix == "B"
        and glossary.parent_no == named["Appendix B – Glossary of Terms"].section_no
    )


def test_a_section_ends_on_the_page_before_a_heading_that_opens_the_next_page(extractions):
    """Page 33 of the 2021/22 report opens with a heading: the CSE section before it ends on
    page 32, although that heading sits well down the page, under the running header."""
    sections = {s.title: s for s in extractions["wst-2021-22"].records["sections"]}
    cse = sections["Child Sexual Exploitation (CSE)"]
    assert (cse.page, cse.page_end) == (32, 32)
    criminal = sections["Criminal Exploitation/County Lines and Modern Slavery"]
    assert criminal.page == 33 and criminal.bbox[1] > 150
    # a section whose successor shares its page ends on that page
    assert sections["Criminal Exploitation/County Lines and Modern Slavery"].page_end == 33


def _page(number: int, texts: list[str], top: float = 100.0):
    from wstextract.layout import Line, PageLayout, Word

    lines = [
        Line.of([Word(t, 50.0, 400.0, top + 20 * k, top + 20 * k + 10, "Helvetica", 10.0)])
        for k, t in enumerate(texts)
    ]
    return PageLayout(number, 595.0, 842.0, lines, [])


def test_a_contents_list_running_onto_a_second_page_is_read_whole():
    first = [f"Section {k} .......... {k + 3}" for k in range(1, 31)]
    rest = [f"Appendix {k} .......... {k + 40}" for k in range(1, 6)]
    prose = [
        "Foreword",
        "This report covers the period 1 April 2021 to 31 March 2022, and in 2021 we met 12",
        "times as a partnership, with 4 new members.",
    ]
    key_figures = ["Key figures", "Referrals received 812", "Strategy discussions 140", "Visits 96"]
    pages = [
        _page(2, ["Contents", *first], top=60.0),
        _page(3, rest),
        _page(4, key_figures),  # lines ending in numbers, but not page numbers in order
        _page(5, prose),
        _page(50, ["Back cover"]),
    ]
    contents = structure.find_contents(pages, [heading("Contents", 2, top=58.0)], r"Contents")
    assert len(contents) == 35
    assert contents[0] == structure.ContentsEntry("Section 1", 4, 2)
    assert contents[-1] == structure.ContentsEntry("Appendix 5", 45, 3)
    assert {e.listed_on for e in contents} == {2, 3}


def test_a_table_belongs_to_the_heading_before_it_in_reading_order():
    """On a two-column page the right column's heading sits higher on the page than a table
    low in the left column, but is read after it."""
    left = ["Exploitation", "text", "text", "Age | Number", "10-14 | 12", "15-17 | 30"]
    page = _page(11, left)  # one column's lines, in reading order, at x 50-400
    right_heading = structure.Heading("Missing Children", 11, (310.0, 100.0, 500.0, 110.0), 12.0)
    right_heading.line_no = len(left)  # read after the whole left column
    headings = [
        structure.Heading("Exploitation", 11, (50.0, 100.0, 400.0, 110.0), 12.0, line_no=0),
        right_heading,
    ]
    table_box = (50.0, 160.0, 400.0, 210.0)  # "Age | Number" to "15-17 | 30"
    assert structure.section_of(headings, page, table_box).text == "Exploitation"
