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
