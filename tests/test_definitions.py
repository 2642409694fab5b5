"""Narrative metrics by meaning: the definitions of extractors/metrics.toml read prose worded
in ways the 2021/22 report never used, and leave traps and ambiguous sentences unpromoted, each
with its reason."""

from __future__ import annotations

import pytest
from conftest import text_block

from wstextract.recognise import phrases
from wstextract.recognise.definitions import BlockContext, Topic
from wstextract.recognise.narrative import NarrativeReader
from wstextract.specs import Extractors

WMP = "West Midlands Police"
WMFS = "West Midlands Fire Service"


@pytest.fixture(scope="module")
def reader():
    e = Extractors()
    return NarrativeReader(e.partners, ["CSE", "WMFS"], e.metrics)


def promoted(reader, *texts, partner=None, heading="Adult Social Care", period="2023-24"):
    """(metric, category, period, unit, value) of every promoted figure of the paragraphs."""
    reader.topic = Topic()
    ctx = BlockContext(partner, heading, None, period)
    out = set()
    for figures in reader.read_all([text_block(t) for t in texts], [ctx] * len(texts)):
        for f in figures:
            d = f.decision
            if d and d.promoted:
                out.add((d.metric, d.category, d.period, d.unit, d.value))
    return out


def figures(reader, text, **kw):
    reader.topic = Topic()
    ctx = BlockContext(kw.get("partner"), kw.get("heading", "Adult Social Care"), None, "2023-24")
    return {f.text: f for f in reader.read(text_block(text), ctx)}


@pytest.mark.parametrize(
    "text, partner, want",
    [
        (
            "The council received 4,297 safeguarding concerns about adults in 2022-23.",
            None,
            {("adult_safeguarding_concerns", "total", "2022-23", "count", 4297)},
        ),
        (
            "Safeguarding concerns numbered 4,297, up 12.1 per cent on the previous year.",
            None,
            {
                ("adult_safeguarding_concerns", "total", "2023-24", "count", 4297),
                ("adult_safeguarding_concerns_change", "total", "2023-24", "percent", 12.1),
            },
        ),
        (
            "Of the concerns raised, 512 went on to a Section 42 enquiry.",
            None,
            {("s42_enquiries", "total", "2023-24", "count", 512)},
        ),
        (
            "The number of s42 enquiries was 31 fewer than in 2022/23.",
            None,
            {("s42_enquiries_change", "total", "2023-24", "count", -31)},
        ),
        (
            "At 31 March 2024, 242 children were the subject of a child protection plan.",
            None,
            {("child_protection_plans", "total", "2023-24", "count", 242)},
        ),
        (
            "Between 2019/20 and 2021/22 there was a 20% reduction in children on child "
            "protection plans.",
            None,
            {("child_protection_plans_change", "total", "2021-22", "percent", -20)},
        ),
        (
            "CSE incidents fell to 58 in 2022/23, and 61 per cent of them led to a crime being "
            "recorded.",
            WMP,
            {
                ("cse_incidents", "total", "2022-23", "count", 58),
                ("cse_crime_rate", "total", "2022-23", "percent", 61),
            },
        ),
        (
            "Fire crews raised 301 safeguarding concerns, 16.2% of them about children.",
            WMFS,
            {
                ("wmfs_safeguarding_concerns", "total", "2023-24", "count", 301),
                ("wmfs_safeguarding_concerns", "children", "2023-24", "percent", 16.2),
            },
        ),
        (
            "Two Safeguarding Adults Reviews were commissioned and no Child Safeguarding "
            "Practice Reviews.",
            None,
            {
                ("safeguarding_adult_reviews", "total", "2023-24", "count", 2),
                ("child_safeguarding_practice_reviews", "total", "2023-24", "count", 0),
            },
        ),
        (
            "Emotional abuse was the second most common reason, at thirty-five per cent of "
            "child protection plans.",
            None,
            {("child_protection_plans", "emotional_abuse", "2023-24", "percent", 35)},
        ),
        (
            "A year earlier, at the end of March 2023, there were 347 children on a plan.",
            None,
            {("child_protection_plans", "total", "2022-23", "count", 347)},
        ),
        (
            "Neglect accounted for 42% of all child protection plans, and sexual abuse for 5%.",
            None,
            {
                ("child_protection_plans", "neglect", "2023-24", "percent", 42),
                ("child_protection_plans", "sexual_abuse", "2023-24", "percent", 5),
            },
        ),
        (
            "The IDVA team trained 241 people across 12 sessions this year.",
            None,
            {
                ("idva_delegates", "total", "2023-24", "count", 241),
                ("idva_sessions", "total", "2023-24", "count", 12),
            },
        ),
    ],
)
def test_metrics_worded_another_way_are_recognised(reader, text, partner, want):
    assert promoted(reader, text, partner=partner) == want


def test_a_list_under_a_lead_in_inherits_its_metric(reader):
    got = promoted(
        reader,
        "61 people were identified as possible victims of exploitation:",
        "34 (56%) male",
        "27 (44%) female",
        partner=WMP,
        heading="Exploitation",
    )
    assert got == {
        ("exploitation_possible_victims", "total", "2023-24", "count", 61),
        ("exploitation_possible_victims", "male", "2023-24", "count", 34),
        ("exploitation_possible_victims", "male", "2023-24", "percent", 56),
        ("exploitation_possible_victims", "female", "2023-24", "count", 27),
        ("exploitation_possible_victims", "female", "2023-24", "percent", 44),
    }


def test_a_sentence_that_points_back_takes_the_previous_metric_and_period(reader):
    got = promoted(
        reader,
        "In 2022/23 there were 74 CSE incidents recorded. Of these, 58 led to a confirmed "
        "crime being recorded.",
        partner=WMP,
    )
    assert got == {
        ("cse_incidents", "total", "2022-23", "count", 74),
        ("cse_crimes_recorded", "total", "2022-23", "count", 58),
    }


@pytest.mark.parametrize(
    "text, partner",
    [
        ("To raise a safeguarding concern call 01902 555000 or email the hub.", None),
        ("A briefing on safeguarding concerns is booked for 14 May 2024.", None),
        ("The hub took 2,310 calls about safeguarding concerns.", None),
        ("Sessions on safeguarding concerns for practitioners x 3", None),
        ("The Care Agency raised three separate safeguarding referrals.", None),
        # two values for one question in one sentence: neither can be read
        ("The audit found 85% compliance, compared to the 5% compliance in 2023.", None),
        # a trust's metric is not read outside its statement, unless the text names the trust
        ("CP-IS compliance reached 91% in 2022/23.", None),
        # the smallest part of a breakdown is not its total, nor a part named by no band
        ("The lowest number was among people aged 18 to 25, with 140 concerns.", None),
        ("The busiest area was the city centre, with 640 safeguarding concerns.", None),
        # what is aimed at, or planned for a year after the report's, was not reached
        ("We aim to reach 98% CP-IS compliance by 2024/25.", "The Royal Wolverhampton NHS Trust"),
        ("We will achieve 97% CP-IS compliance in 2024/25.", "The Royal Wolverhampton NHS Trust"),
        # a qualifier no definition knows names a narrower kind of what the term counts
        ("Hoarding referrals to ASC: 63.", WMFS),
        ("Crews made 63 hoarding referrals.", WMFS),
        # one age band's figure is not the total; a length of time is not a count
        ("Young adults (18-25): 231 safeguarding concerns.", None),
        ("A further safeguarding concern within 12 months was raised for some adults.", None),
        # a number that names a part of the document, or what it counts, is not the metric's
        ('The "Multiple" category of child protection plans was removed from Table 1.', None),
        ("Safeguarding Adults and Section 42 Enquiries (4 courses)", None),
        ("The rate of child protection plans per 10,000 children is above the average.", None),
        # a part of what the term counts, or one age band named after the figure
        ("One provider accounted for 38 of the safeguarding concerns.", None),
        ("There were 231 safeguarding concerns about people aged 18 to 25.", None),
        # a day of a range of dates and an age are not counts
        ("Inspectors visited children in care between 5 and 16 November 2023.", WMP),
        ("Adults over 18 who are possible victims of exploitation: call 01902 551199", WMP),
        # one place's figure is not the city's
        ("In the Bilston and Ettingshall area alone, there were 410 safeguarding concerns.", None),
        ("There were 96 safeguarding concerns in the Park ward.", None),
        # the sentence opens with the whole, and the figure counts a part of it
        ("Of the safeguarding concerns about adults, 57 were linked to hoarding.", WMFS),
        # an aim spelt out at length
        (
            "Our aim is to bring the number of children on a plan back below 330 by March 2027.",
            None,
        ),
    ],
)
def test_traps_near_metric_words_are_not_promoted(reader, text, partner):
    assert promoted(reader, text, partner=partner) == set()


def test_an_unpromoted_figure_near_a_metric_keeps_the_metric_and_the_reason(reader):
    calls = figures(reader, "The hub took 2,310 calls about safeguarding concerns.")["2,310"]
    assert not calls.decision.promoted
    assert calls.decision.reason == "counts 'calls', which no definition names"
    two = figures(reader, "The audit found 85% compliance, compared to the 5% compliance in 2023.")
    for printed in ("85%", "5%"):
        assert not two[printed].decision.promoted
        assert two[printed].decision.reason, printed  # a reason a researcher can act on


def test_the_same_words_are_a_partners_metric_in_its_statement(reader):
    text = "There were 273 safeguarding concerns reported by staff."
    assert promoted(reader, text, partner=WMFS) == {
        ("wmfs_safeguarding_concerns", "total", "2023-24", "count", 273)
    }
    assert promoted(reader, text, partner=None) == {
        ("adult_safeguarding_concerns", "total", "2023-24", "count", 273)
    }


def test_periods_relative_snapshot_and_comparison_base(reader):
    f = figures(reader, "Compared with 2022/23, safeguarding concerns rose to 4,386.")
    assert f["4,386"].period == "2023-24"  # the comparison base is not its period
    f = figures(reader, "The previous year saw 3,806 safeguarding concerns.")
    assert f["3,806"].period == "2022-23"
    f = figures(reader, "As at 31 March 2023 there were 273 children on a child protection plan.")
    assert f["273"].period == "2022-23"


def test_label_and_value_forms(reader):
    assert promoted(reader, "Section 42 enquiries: 498") == {
        ("s42_enquiries", "total", "2023-24", "count", 498)
    }
    assert promoted(reader, "Safeguarding concerns received in the year – 4,512") == {
        ("adult_safeguarding_concerns", "total", "2023-24", "count", 4512)
    }


def test_a_target_is_not_a_value(reader):
    text = "Compliance with CP-IS checks reached 91% (target 95%)."
    got = promoted(reader, text, partner="The Royal Wolverhampton NHS Trust")
    assert got == {("rwt_cpis_compliance", "total", "2023-24", "percent", 91)}


def test_a_partners_metric_in_the_body_when_the_text_names_the_partner(reader):
    text = "The Royal Wolverhampton NHS Trust found CP-IS compliance of 91% in 2023/24."
    assert promoted(reader, text) == {("rwt_cpis_compliance", "total", "2023-24", "percent", 91)}
    assert promoted(reader, "CP-IS compliance was 91% in 2023/24.") == set()
    # the police's figures the partnership reports in its own chapters (in_body)
    assert promoted(reader, "There were 3,389 child abuse incidents in 2023/24.") == {
        ("child_abuse_incidents", "total", "2023-24", "count", 3389)
    }


def test_ages_participles_and_label_value_lists(reader):
    # ages are not counts of concerns; "the providers concerned" are not concerns
    ages = "Next came adults aged 70 to 79 (n=571) and those aged over 60."
    assert promoted(reader, ages) == set()
    assert promoted(reader, "We met the 14 providers concerned.") == set()
    assert promoted(reader, "ICON training: places 48, bookings 45, attendance 41.") == {
        ("training_places", "icon", "2023-24", "count", 48),
        ("training_bookings", "icon", "2023-24", "count", 45),
        ("training_attendance", "icon", "2023-24", "count", 41),
    }


def test_restatements_for_another_period_and_changes_dated_by_their_comparison(reader):
    got = promoted(
        reader,
        "Section 42 enquiries were down by 27 compared with last year (525), or 5.1 per cent.",
    )
    assert got == {
        ("s42_enquiries_change", "total", "2023-24", "count", -27),
        ("s42_enquiries", "total", "2022-23", "count", 525),
        ("s42_enquiries_change", "total", "2023-24", "percent", -5.1),
    }
    got = promoted(
        reader,
        "Neglect: 131 children on a child protection plan, 52 percent of all plans "
        "(last year: 50 percent).",
    )
    assert ("child_protection_plans", "neglect", "2022-23", "percent", 50) in got
    assert ("child_protection_plans", "neglect", "2023-24", "percent", 52) in got


def test_a_range_is_stored_as_its_two_ends_only_where_the_metric_is_a_range(reader):
    rwt = "The Royal Wolverhampton NHS Trust"
    text = "Safeguarding supervision compliance ranged between 94 and 100 per cent."
    got = promoted(reader, text, partner=rwt)
    assert {(m, v) for m, _c, _p, _u, v in got} == {("rwt_safeguarding_supervision_compliance", 94)}
    figure = figures(reader, text, partner=rwt)["between 94 and 100 per cent"]
    assert (figure.value, figure.value_high) == (94, 100)


def test_levels_reached_are_not_changes_and_only_conversions_redirect(reader):
    got = promoted(reader, "Safeguarding concerns rose to 4,297, up from 3,800 in 2022/23.")
    assert ("adult_safeguarding_concerns", "total", "2023-24", "count", 4297) in got
    assert not any(m.endswith("_change") for m, *_ in got)
    assert promoted(reader, "40 staff went to training about Section 42 enquiries.") == set()


def test_a_change_above_a_period_is_about_the_years_since(reader):
    got = promoted(reader, "Safeguarding concerns were 5% above 2022/23 levels.")
    assert got == {("adult_safeguarding_concerns_change", "total", "2023-24", "percent", 5)}


def test_a_paragraph_whose_only_figure_is_in_words_is_read():
    from wstextract.recognise.narrative import may_hold_figures

    assert may_hold_figures("Two Safeguarding Adults Reviews were commissioned.")
    assert may_hold_figures("There were no Child Safeguarding Practice Reviews.")
    assert not may_hold_figures("The partnership met every quarter.")


def test_a_share_of_which_belongs_to_its_own_sentence_not_to_the_heading(reader):
    # the heading names a breakdown label of possible victims ("CSE"); the share is of the
    # incidents the sentence has just counted, and "converting to" / "became" are conversions
    got = promoted(
        reader,
        "CSE incidents: 64 in 2022/23, of which 59% resulted in a recorded crime.",
        "In 2023/24 there were 55 CSE incidents, with 70% converting to a recorded crime.",
        partner=WMP,
        heading="Child Sexual Exploitation",
    )
    assert got == {
        ("cse_incidents", "total", "2022-23", "count", 64),
        ("cse_crime_rate", "total", "2022-23", "percent", 59),
        ("cse_incidents", "total", "2023-24", "count", 55),
        ("cse_crime_rate", "total", "2023-24", "percent", 70),
    }


def test_a_change_after_two_dated_levels_is_the_later_years(reader):
    got = promoted(
        reader,
        "Child abuse incidents recorded: 3,410 in 2021/22 and 3,560 in 2022/23, a rise of 4.4%.",
        "In 2023/24 the figure was 3,498, down 1.7% on the year before.",
        partner=WMP,
    )
    assert ("child_abuse_incidents_change", "total", "2022-23", "percent", 4.4) in got
    # "In 2023/24 the figure …" points back past its opening period
    assert ("child_abuse_incidents", "total", "2023-24", "count", 3498) in got
    assert ("child_abuse_incidents_change", "total", "2023-24", "percent", -1.7) in got


def test_a_count_and_its_share_joined_by_which_is(reader):
    got = promoted(
        reader,
        "Neglect remains the most frequent category: 139 children, which is 51% of all plans.",
        heading="Child protection plans",
    )
    assert got == {
        ("child_protection_plans", "neglect", "2023-24", "count", 139),
        ("child_protection_plans", "neglect", "2023-24", "percent", 51),
    }


def test_words_that_make_a_figure_another_metrics(reader):
    asc = "City of Wolverhampton Council Adult Social Care"
    text = (
        "On average 85% of audited files were rated good or above for showing that our "
        "work made a positive difference."
    )
    assert promoted(reader, text, partner=asc) == {
        ("asc_files_positive_difference_rate", "total", "2023-24", "percent", 85)
    }
    rating = "This year 90% of audited files were rated good or better."
    assert promoted(reader, rating, partner=asc) == {
        ("asc_audit_rating", "good_or_higher", "2023-24", "percent", 90)
    }


def test_elliptical_bulletin_sentences_take_the_subject_before(reader):
    got = promoted(
        reader,
        "4,612 adult safeguarding concerns. Up 6.4% on last year (4,335).",
        "388 children were subject to a CP plan at 31 March 2024.",
        "Last year: 401. Two years ago the figure was 425. That is a fall of 37 plans (8.7%) "
        "over two years.",
    )
    assert got == {
        ("adult_safeguarding_concerns", "total", "2023-24", "count", 4612),
        ("adult_safeguarding_concerns_change", "total", "2023-24", "percent", 6.4),
        ("adult_safeguarding_concerns", "total", "2022-23", "count", 4335),
        ("child_protection_plans", "total", "2023-24", "count", 388),
        ("child_protection_plans", "total", "2022-23", "count", 401),
        ("child_protection_plans", "total", "2021-22", "count", 425),
        # a change over two years is up to the report's year, not the year it started from
        ("child_protection_plans_change", "total", "2023-24", "count", -37),
        ("child_protection_plans_change", "total", "2023-24", "percent", -8.7),
    }


def test_a_part_of_a_whole_and_acronym_plurals(reader):
    assert promoted(reader, "ICON: 37 of 40 places booked.", heading="Training") == {
        ("training_bookings", "icon", "2023-24", "count", 37),
        ("training_places", "icon", "2023-24", "count", 40),
    }
    assert promoted(reader, "The previous year: 1 SAR and 0 LCSPRs.", heading="Reviews") == {
        ("safeguarding_adult_reviews", "total", "2022-23", "count", 1),
        ("child_safeguarding_practice_reviews", "total", "2022-23", "count", 0),
    }


def test_an_abbreviation_does_not_end_the_sentence(reader):
    got = promoted(
        reader,
        "117 people were identified as possible victims of exploitation.",
        "Criminal exploitation (incl. county lines): 64 (55%)",
        partner=WMP,
        heading="Exploitation",
    )
    assert ("exploitation_possible_victims", "criminal_exploitation", "2023-24", "count", 64) in got


def test_two_sentences_giving_one_question_two_values_promote_neither(reader):
    from conftest import text_block

    from wstextract.pipeline import _prose_versus_prose

    reader.topic = Topic()
    texts = ["IDVA training reached 189 delegates.", "IDVA delivered 11 sessions to 198 delegates."]
    blocks = [text_block(t, page=n) for n, t in enumerate(texts, start=3)]
    ctx = BlockContext(None, "Training", None, "2023-24")
    read = list(zip(blocks, reader.read_all(blocks, [ctx, ctx]), strict=True))
    findings = _prose_versus_prose(read)
    delegates = [f for _b, figures in read for f in figures if f.text in {"189", "198"}]
    assert [f.decision.promoted for f in delegates] == [False, False]
    assert "189 on page 3, 198 on page 4" in delegates[0].decision.reason
    assert [f.kind for f in findings] == ["disagreement"]
    sessions = next(f for _b, figures in read for f in figures if f.text == "11")
    assert sessions.decision.promoted  # the question with one answer keeps it


def test_numbered_paragraphs_of_a_committee_report(reader):
    got = promoted(
        reader,
        "3.2 At 31 March 2024, 318 children in the city were the subject of a child protection "
        "plan, compared with 297 twelve months earlier.",
        heading="Children",
    )
    assert got == {
        ("child_protection_plans", "total", "2023-24", "count", 318),
        ("child_protection_plans", "total", "2022-23", "count", 297),
    }


def test_a_breakdown_label_beats_the_total_of_the_same_words(reader):
    text = "The person's own home remained the most common setting, accounting for 1,402 concerns."
    assert promoted(reader, text, heading="Adults") == {
        ("adult_concerns_by_location", "own_home", "2023-24", "count", 1402)
    }
    # a metric that exists only by category takes the one label its clause names
    audit = (
        "The case file audits found that 91% of files audited in 2023/24 were graded Good or "
        "better, compared with 89% in 2022/23."
    )
    assert promoted(reader, audit, heading="Audit") == {
        ("asc_audit_rating", "good_or_higher", "2023-24", "percent", 91),
        ("asc_audit_rating", "good_or_higher", "2022-23", "percent", 89),
    }


def test_compares_with_and_under_the_age_of(reader):
    got = promoted(
        reader,
        "Child abuse incidents numbered 4,126. This compares with 3,874 in 2022/23 and "
        "represents an increase of 6.5%.",
        partner=WMP,
    )
    assert ("child_abuse_incidents_change", "total", "2023-24", "percent", 6.5) in got
    got = promoted(
        reader,
        "58 people were identified as possible victims of exploitation.",
        "31 (54%) were children under the age of 18",
        partner=WMP,
        heading="Exploitation",
    )
    assert ("exploitation_possible_victims", "child_u_18", "2023-24", "count", 31) in got


@pytest.mark.parametrize(
    "text",
    [
        "The largest group was people aged 80 to 89, with 642 concerns.",
        "The commonest age band was 80 to 89, with 642 safeguarding concerns.",
        "People aged 80 to 89 were the subject of more concerns than any other group: 642.",
        "The single largest group of concerns (642) related to people aged 80 to 89.",
    ],
)
def test_the_largest_age_band_is_the_peak_metric_with_the_band_as_category(reader, text):
    assert promoted(reader, text, heading="Adults") == {
        ("adult_concerns_peak_age_band", "80_89", "2023-24", "count", 642)
    }


def test_what_a_change_rose_from_and_a_clause_after_a_semicolon(reader):
    got = promoted(
        reader,
        "Section 42 enquiries numbered 529.",
        "Change in s42 enquiries on the previous year – up 6.2% (from 498)",
    )
    assert ("s42_enquiries", "total", "2022-23", "count", 498) in got
    got = promoted(reader, "ICON – 40 places, twice the 20 offered in 2022/23; 36 booked.")
    assert ("training_bookings", "icon", "2023-24", "count", 36) in got


def test_the_police_figures_the_partnership_reports_in_its_own_chapters(reader):
    got = promoted(
        reader,
        "58 people were identified as possible victims of exploitation.",
        "Sixty-three incidents carried a child sexual exploitation marker, compared with 70 in "
        "2022/23.",
        heading="Exploitation",
    )
    assert got == {
        ("exploitation_possible_victims", "total", "2023-24", "count", 58),
        ("cse_incidents", "total", "2023-24", "count", 63),
        ("cse_incidents", "total", "2022-23", "count", 70),
    }


def test_a_sentence_without_a_period_takes_its_sections_unless_it_repeats_a_table(reader):
    """A careful reader's period for "neglect … being 150 or 55%" under a dateline of another
    year: the section's, unless the figure repeats a table of the report, whose period wins."""
    text = "The figures highlight neglect as the largest category of abuse, being 150 or 55%."
    tabled = {
        ("child_protection_plans", "neglect", "count", 150.0): frozenset({"2022-23"}),
        ("child_protection_plans", "neglect", "percent", 55.0): frozenset({"2022-23"}),
    }

    def read(ctx):
        reader.topic = Topic()
        return {
            (f.decision.metric, f.decision.category, f.decision.period, f.decision.unit)
            for f in reader.read(text_block(text), ctx)
            if f.decision and f.decision.promoted
        }

    section = BlockContext(None, "Child Protection Plans", "2021-22", "2022-23")
    assert read(section) == {
        ("child_protection_plans", "neglect", "2021-22", "count"),
        ("child_protection_plans", "neglect", "2021-22", "percent"),
    }
    repeating = BlockContext(None, "Child Protection Plans", "2021-22", "2022-23", tabled)
    assert read(repeating) == {
        ("child_protection_plans", "neglect", "2022-23", "count"),
        ("child_protection_plans", "neglect", "2022-23", "percent"),
    }


def test_a_superlative_over_time_is_not_a_part_of_a_breakdown(reader):
    """ "the lowest in five years" ranks the year among years: the figure is the year's total.
    "the lowest … in hospitals" picks a part, and is not."""
    over_time = "In 2030/31 there were 58 CSE incidents, the lowest in five years."
    assert promoted(reader, over_time, partner=WMP) == {
        ("cse_incidents", "total", "2030-31", "count", 58)
    }
    part = "The lowest number of safeguarding concerns, 46, was raised in hospitals."
    assert promoted(reader, part) == set()


def test_of_those_counts_a_part_of_the_figure_before_not_the_same_count(reader):
    """ "Of those core places, 300 …" is a part of the 720: the same metric and category would
    give one question two values, so the part is left a candidate with its reason."""
    text = (
        "Across the core programme, 720 training places were offered. Of those core places, "
        "300 were on the new adults' strand."
    )
    assert promoted(reader, text, heading="Training") == {
        ("training_places", "core", "2023-24", "count", 720)
    }
    part = figures(reader, text, heading="Training")["300"]
    assert not part.decision.promoted and "a part of the figure" in part.decision.reason


def test_from_one_figure_to_another_both_count_the_same_thing(reader):
    """ "fell again, from 66 to 59": 59 is what 66 was, a year on, even when the term stands
    before 66 only and another metric's term ("49 crimes recorded") follows."""
    text = (
        "The number of incidents carrying a CSE marker fell again, from 66 to 59, but the "
        "proportion that resulted in a crime being recorded rose, with 49 crimes recorded."
    )
    got = promoted(reader, text, partner=WMP)
    assert ("cse_incidents", "total", "2022-23", "count", 66) in got
    assert ("cse_incidents", "total", "2023-24", "count", 59) in got
    assert ("cse_crimes_recorded", "total", "2023-24", "count", 49) in got


def test_from_one_figure_to_a_target_does_not_promote_the_target(reader):
    """ "from 66 to 50 by 2026/27": the second figure is a plan, and stays one."""
    text = "We aim to cut incidents with a CSE marker from 66 to 50 by the end of 2026/27."
    got = promoted(reader, text, partner=WMP)
    assert not any(v == 50 for *_, v in got), got


def test_a_change_is_dated_by_its_own_clause_not_by_the_base_it_is_compared_with(reader):
    # "than two years ago in 2029/30" names one base twice; the rise is up to the report's year
    assert promoted(
        reader,
        "At the end of March 2024, 360 children were on a child protection plan.",
        "That is 28 more children than two years ago in 2021/22, a rise of about 8%.",
    ) == {
        ("child_protection_plans", "total", "2023-24", "count", 360),
        ("child_protection_plans_change", "total", "2023-24", "count", 28),
        ("child_protection_plans_change", "total", "2023-24", "percent", 8),
    }
    # the comparison figure is the year before's; the change that follows is this year's
    assert promoted(
        reader,
        "At 31 March 2024, 312 children were the subject of a child protection plan.",
        "Compared with the 285 children on plans a year earlier, that is 27 more, a rise of 9.5%.",
    ) == {
        ("child_protection_plans", "total", "2023-24", "count", 312),
        ("child_protection_plans", "total", "2022-23", "count", 285),
        ("child_protection_plans_change", "total", "2023-24", "count", 27),
        ("child_protection_plans_change", "total", "2023-24", "percent", 9.5),
    }
    # "the rise in 2022/23 was 4.1%": a change named as the subject; "3,501, so …" ends the
    # figure's phrase, so 2022/23 is not 3,501's
    got = promoted(
        reader,
        "Police recorded 3,912 child abuse incidents in 2023/24.",
        "Two years ago, in 2021/22, the figure was 3,501, so the rise in 2022/23 was 4.1%.",
        partner=WMP,
    )
    assert ("child_abuse_incidents", "total", "2021-22", "count", 3501) in got
    assert ("child_abuse_incidents_change", "total", "2022-23", "percent", 4.1) in got


def test_a_share_in_a_sentence_that_points_back_takes_its_paragraphs_words(reader):
    text = "This year, 538 concerns led to a section 42 enquiry. That is 13.1% of all concerns."
    assert ("s42_conversion_rate", "total", "2023-24", "percent", 13.1) in promoted(reader, text)


def test_another_kind_or_stage_of_what_a_metric_counts_is_not_it(reader):
    """ "Other" enquiries and enquiries "concluded" are counts of their own: a researcher
    comparing s42 enquiries across years must not get one of them instead."""
    text = (
        "There were 602 section 42 enquiries. Other (non-statutory) enquiries came to 91, "
        "and enquiries closed during the year numbered 570."
    )
    got = promoted(reader, text)
    assert got == {("s42_enquiries", "total", "2023-24", "count", 602)}
    concluded = figures(reader, "Concluded enquiries: 570.")["570"].decision
    assert not concluded.promoted and "concluded" in concluded.reason


def test_a_rate_per_so_many_is_not_the_count(reader):
    text = "312 children had a child protection plan, a rate of 51.2 per 10,000 children."
    assert promoted(reader, text) == {("child_protection_plans", "total", "2023-24", "count", 312)}
    rates = figures(reader, "Child protection plans per 10,000 children: 51.2.")
    assert not rates["51.2"].decision.promoted
    assert "rate" in rates["51.2"].decision.reason


def test_a_wider_areas_figure_is_a_benchmark_not_the_metric(reader):
    text = (
        "Police recorded 3,870 child abuse incidents in Wolverhampton. Force-wide, 39,950 "
        "child abuse incidents were recorded; across the West Midlands region the rise was 2%."
    )
    got = promoted(reader, text, partner=WMP)
    assert got == {("child_abuse_incidents", "total", "2023-24", "count", 3870)}
    # a clause after a semicolon is not scoped by it
    clause = "Conversion to an s42 enquiry was 13.4%; nationally it was 31.0%."
    assert ("s42_conversion_rate", "total", "2023-24", "percent", 13.4) in promoted(reader, clause)


def test_signed_changes_label_bounds_and_dashed_ranges(reader):
    text = (
        "The service raised 402 safeguarding concerns, 31 more than the 371 raised a year "
        "earlier (+8.4%)."
    )
    got = promoted(reader, text, partner=WMFS, heading="West Midlands Fire Service")
    assert ("wmfs_safeguarding_concerns_change", "total", "2023-24", "percent", 8.4) in got
    assert ("wmfs_safeguarding_concerns", "total", "2022-23", "count", 371) in got
    # "Under 18 – 41": the bound belongs to the label; the value is 41, not a range 18 to 41
    ages = promoted(
        reader,
        "Police identified 60 possible victims of exploitation:",
        "Under 18 – 41 (68%)",
        partner=WMP,
        heading="Exploitation",
    )
    assert ("exploitation_possible_victims", "child_u_18", "2023-24", "count", 41) in ages
    # an en dash between two numbers is a range, as a hyphen is
    supervision = figures(
        reader,
        "Safeguarding supervision compliance for midwives and health visitors: 86–95%.",
        partner="The Royal Wolverhampton NHS Trust",
    )
    assert (supervision["86–95%"].value, supervision["86–95%"].value_high) == (86, 95)


def test_a_figure_then_a_year_earlier_is_that_years(reader):
    text = (
        "At 31 March 2024, 301 children were on a child protection plan, against 322 a year "
        "earlier."
    )
    got = promoted(reader, text, heading="Children on plans, 2023/24")
    assert got == {
        ("child_protection_plans", "total", "2023-24", "count", 301),
        ("child_protection_plans", "total", "2022-23", "count", 322),
    }


def test_on_average_does_not_name_what_a_figure_counts(reader):
    text = (
        "Audited files rated good or above for making a positive difference: 84% on average "
        "across the year's audits."
    )
    got = promoted(reader, text, partner="City of Wolverhampton Council Adult Social Care")
    assert ("asc_files_positive_difference_rate", "total", "2023-24", "percent", 84) in got


def test_counts_in_words(reader):
    """A report that writes its numbers in words still has statistics: above ten anywhere, up
    to ten before a metric counted in small numbers or as one end of "from … to …"."""
    got = promoted(
        reader,
        "Neglect was the main category for ninety-two children on a child protection plan.",
        "The number of plans under the category of sexual abuse went from eight in 2022/23 to "
        "thirteen this year.",
        heading="Child protection plans",
    )
    assert ("child_protection_plans", "neglect", "2023-24", "count", 92) in got
    assert ("child_protection_plans", "sexual_abuse", "2022-23", "count", 8) in got
    assert ("child_protection_plans", "sexual_abuse", "2023-24", "count", 13) in got
    reviews = promoted(
        reader,
        "The partnership commissioned three Safeguarding Adult Reviews in 2023/24.",
        "That compares with a single Safeguarding Adult Review the year before.",
        heading="Reviews",
    )
    assert ("safeguarding_adult_reviews", "total", "2022-23", "count", 1) in reviews
    hundreds = promoted(
        reader, "Adult Social Care received four hundred and twelve safeguarding concerns."
    )
    assert ("adult_safeguarding_concerns", "total", "2023-24", "count", 412) in hundreds


def test_small_numbers_and_times_in_words_are_not_counts(reader):
    """ "Three separate referrals" is the prose of a case; "twelve months earlier" is a time."""
    text = (
        "Two children in the family were known to services, and three separate referrals "
        "about them were made to the MASH in the twelve months before the review."
    )
    assert promoted(reader, text, heading="Learning from reviews") == set()
    got = promoted(
        reader,
        "At 31 March 2024, 305 children were on a child protection plan, compared with 290 "
        "twelve months earlier.",
    )
    assert ("child_protection_plans", "total", "2022-23", "count", 290) in got


def test_what_a_figure_counts_named_by_a_term_later_in_its_clause(reader):
    """ "63 incidents … carried a CSE marker": the noun is the head of a CSE term, whose label
    'child sexual exploitation' is no category of the exploitation metric here."""
    text = (
        "Sixty-one incidents recorded by West Midlands Police during 2023/24 carried a child "
        "sexual exploitation marker, compared with 70 in 2022/23."
    )
    got = promoted(reader, text, heading="Child sexual exploitation")
    assert got == {
        ("cse_incidents", "total", "2023-24", "count", 61),
        ("cse_incidents", "total", "2022-23", "count", 70),
    }
    follow_on = promoted(
        reader,
        "In 2023/24 there were 58 incidents with a CSE marker.",
        "The year before saw seventy-four incidents, with 61% converting to a crime.",
        heading="Child sexual exploitation",
    )
    assert ("cse_incidents", "total", "2022-23", "count", 74) in follow_on
    assert ("cse_crime_rate", "total", "2022-23", "percent", 61) in follow_on


def test_a_change_as_a_label_is_about_the_subject_before_and_not_its_base_year(reader):
    got = promoted(
        reader,
        "At 31 March 2024, 305 children were on a child protection plan.",
        "Change on last year: 17 more children.",
        heading="Headline",
    )
    assert ("child_protection_plans_change", "total", "2023-24", "count", 17) in got


def test_a_group_of_categories_is_not_the_total(reader):
    """ "Care homes" opens the labels of two locations: their sum is a part, not all concerns."""
    text = "Concerns about care homes of either type came to 412 in 2023/24."
    figure = figures(reader, text)["412"].decision
    assert not figure.promoted and "care homes" in figure.reason


def test_the_same_point_in_a_year_is_that_years_snapshot(reader):
    text = (
        "At 31 March 2024, 305 children were on a child protection plan, up 4% on the 293 at "
        "the same point in 2023."
    )
    assert ("child_protection_plans", "total", "2022-23", "count", 293) in promoted(reader, text)


@pytest.mark.parametrize(
    "text",
    [
        "The 80 to 89 age band generated more concerns than any other (n=702).",
        "The highest number of concerns reported within age bandings during the year were "
        "within the banding 80 – 89 years of age – 702.",
    ],
)
def test_a_peak_band_however_its_count_and_term_are_written(reader, text):
    got = promoted(reader, text, heading="Adult Social Care")
    assert ("adult_concerns_peak_age_band", "80_89", "2023-24", "count", 702) in got


def test_a_new_label_in_a_list_of_categories_is_that_category_and_a_target_is_not(reader):
    texts = [
        "Police identified 88 people as possible victims of exploitation.",
        "By type:",
        "Child sexual exploitation – 21 (24%)",
        "Modern slavery – 9 (10%)",
        "Our regional average – 12 (14%)",
    ]
    got = promoted(reader, *texts, partner=WMP, heading="Exploitation")
    assert ("exploitation_possible_victims", "modern_slavery", "2023-24", "count", 9) in got
    assert not any(c == "our_regional_average" for _m, c, *_ in got)
    # a new label needs a list of labels before it: a lone "Label – N" is not enough
    alone = promoted(reader, texts[0], "Modern slavery – 9 (10%)", partner=WMP)
    assert not any(c == "modern_slavery" for _m, c, *_ in alone)


def test_a_course_named_for_the_first_time_is_its_own_category(reader):
    text = (
        "The new Trauma Informed Practice course ran twice in the spring: of its 40 places, "
        "37 were booked and 33 practitioners attended."
    )
    got = promoted(reader, text, heading="Training")
    assert got == {
        ("training_places", "trauma_informed_practice", "2023-24", "count", 40),
        ("training_bookings", "trauma_informed_practice", "2023-24", "count", 37),
        ("training_attendance", "trauma_informed_practice", "2023-24", "count", 33),
    }
    assert figures(reader, text, heading="Training")["40"].decision.new_label == (
        "Trauma Informed Practice"
    )
    # a course that names no category and no name is still no total
    assert promoted(reader, "Of the 40 places on the course, 33 were booked.") == set()


def test_people_who_completed_a_course_attended_it(reader):
    text = (
        "Seventy-four practitioners from eleven agencies completed the rewritten Think Family "
        "course."
    )
    assert promoted(reader, text, heading="Training") == {
        ("training_attendance", "think_family", "2023-24", "count", 74)
    }


def test_a_label_in_a_purpose_clause_is_not_the_figures_category(reader):
    text = (
        "12 practitioners completed the train-the-trainer course so that agencies can cascade "
        "the core course in-house."
    )
    assert promoted(reader, text, heading="Training") == set()
    # the candidate is kept, with the reason
    decision = figures(reader, text, heading="Training")["12"].decision
    assert decision.metric == "training_attendance" and "none is named" in decision.reason


def test_one_places_part_of_a_category_is_not_the_category(reader):
    text = "One ward, Low Hill, accounted for 187 of the concerns recorded in a person's own home."
    assert promoted(reader, text) == set()


def test_a_period_in_an_aside_does_not_date_the_figure(reader):
    text = (
        "Learning disability and autism training, which became mandatory for all staff in "
        "2021, stood at 88% compliance at the end of Q4."
    )
    got = promoted(reader, text, partner="The Royal Wolverhampton NHS Trust", heading="RWT")
    assert got == {
        ("rwt_learning_disability_training_compliance", "total", "2023-24", "percent", 88)
    }


def test_a_footnote_mark_is_no_figure_and_breaks_nothing(reader):
    # a superscript digit is a digit to Python but no number: it once crashed the reader
    text = "At 31 March 2024, 284 children were on a plan, 33 fewer than a year earlier¹."
    assert promoted(reader, text, heading="Children") == {
        ("child_protection_plans", "total", "2023-24", "count", 284),
        ("child_protection_plans_change", "total", "2023-24", "count", -33),
    }


def test_a_part_of_a_whole_takes_the_label_and_the_whole_counts_its_noun(reader):
    located = (
        "Where a location was recorded, more than half of concerns (2,207 of 3,827) related to "
        "abuse or neglect in the person's own home."
    )
    # (the whole is the concerns with a recorded location: the breakdown's own total)
    assert promoted(reader, located) == {
        ("adult_concerns_by_location", "own_home", "2023-24", "count", 2207),
        ("adult_concerns_by_location", "total", "2023-24", "count", 3827),
    }
    booked = "Think Family was the most popular course: 84 of its 90 places were booked."
    assert promoted(reader, booked, heading="Training") == {
        ("training_places", "think_family", "2023-24", "count", 90),
        ("training_bookings", "think_family", "2023-24", "count", 84),
    }


def test_a_paragraph_that_opens_with_its_year_dates_the_sentences_after(reader):
    opening = "Local audit activity throughout 2021-2022 has shown consistently good practice."
    later = "On average 90% of files showed that social work made a positive difference."
    text = f"{opening} {later}"
    asc = "City of Wolverhampton Council Adult Social Care"
    got = promoted(reader, text, partner=asc, period="2022-23")
    assert {p for _m, _c, p, *_ in got} == {"2021-22"}
    # a year a figure is compared with does not scope the paragraph
    compared = "Neglect applied to 171 children, against 57% in 2028/29. Emotional abuse was 34%."
    got = promoted(reader, compared, heading="Child protection", period="2029-30")
    assert ("child_protection_plans", "emotional_abuse", "2028-29", "percent", 34) not in got


def test_a_head_noun_with_its_metrics_category_counts_that_metric(reader):
    text = "Neglect remains the most common category: 131 plans, or 44% of the total."
    got = promoted(reader, text, heading="What kinds of harm do the plans cover?")
    assert ("child_protection_plans", "neglect", "2023-24", "count", 131) in got


def test_places_that_were_taken_were_booked(reader):
    text = "ICON sessions had 40 places, of which 36 were taken; attendance was not recorded."
    assert promoted(reader, text, heading="Training") == {
        ("training_places", "icon", "2023-24", "count", 40),
        ("training_bookings", "icon", "2023-24", "count", 36),
    }


def test_a_fraction_of_the_whole_is_a_part_not_the_total(reader):
    text = "Nearly a third of the children on plans (92) were under five."
    assert promoted(reader, text, heading="Child protection") == set()
    reason = figures(reader, text, heading="Child protection")["92"].decision.reason
    assert reason.startswith("a part")


def test_a_when_clause_dates_every_figure_in_it(reader):
    text = (
        "That is 7.9% fewer enquiries than in 2033/34, when there were 1,102 and the rate stood "
        "at 26.3%."
    )
    got = promoted(reader, text, heading="Adults: Section 42 enquiries", period="2034-35")
    assert ("s42_enquiries_change", "total", "2034-35", "percent", -7.9) in got
    assert not any(p == "2034-35" and v == 26.3 for _m, _c, p, _u, v in got)


def test_what_accounted_for_a_count_is_a_part_of_the_total(reader):
    text = "Supported living schemes were counted separately; they accounted for 96 concerns."
    got = promoted(reader, text, heading="Adult safeguarding concerns")
    assert not any(v == 96 for *_k, v in got)


def test_a_regional_average_and_a_ratio_are_not_the_metric(reader):
    regional = "The regional average conversion rate was 24.3%, so we remain below our neighbours."
    assert promoted(reader, regional, heading="Section 42 enquiries") == set()
    ratio = "Average caseloads in the child protection teams are 16 children per social worker."
    assert promoted(reader, ratio, heading="Child protection") == set()


def test_a_figure_with_a_noun_of_its_own_is_no_item_of_the_list_before(reader):
    lead_in = "Of the 64 possible victims of exploitation identified:"
    items = [
        "41 (64%) were children under 18.",
        "Children reported missing had 1,137 missing episodes between them.",
    ]
    got = promoted(reader, lead_in, *items, partner=WMP, heading="Exploitation")
    assert ("exploitation_possible_victims", "child_u_18", "2023-24", "count", 41) in got
    assert not any(v == 1137 for *_k, v in got)


def test_a_closed_bracket_ends_the_restatement_and_an_aside_does_not_block_led_to(reader):
    text = (
        "CSE-flagged incidents edged up to 53 in 2035/36 (49 the year before), and 31 of them "
        "– 58% – led to a confirmed crime being recorded."
    )
    got = promoted(reader, text, partner=WMP, heading="Safe from exploitation", period="2035-36")
    assert {
        ("cse_incidents", "total", "2035-36", "count", 53),
        ("cse_incidents", "total", "2034-35", "count", 49),
        ("cse_crimes_recorded", "total", "2035-36", "count", 31),
        ("cse_crime_rate", "total", "2035-36", "percent", 58),
    } <= got


def test_a_part_out_of_a_whole_takes_the_label_and_its_share(reader):
    # the part and its bracketed share are the label's; the whole is the total
    text = "In 2023/24, 97 out of 250 children (39%) were on a plan for physical abuse."
    assert promoted(reader, text, heading="Children") == {
        ("child_protection_plans", "physical_abuse", "2023-24", "count", 97),
        ("child_protection_plans", "physical_abuse", "2023-24", "percent", 39),
        ("child_protection_plans", "total", "2023-24", "count", 250),
    }


def test_booked_places_are_the_whole_and_attendance_the_part(reader):
    # a participle before the noun says what the whole is ("booked places"), unlike
    # "84 of its 90 places were booked"
    text = "Attendance on Think Family was 300 out of 340 booked places."
    assert promoted(reader, text, heading="Training") == {
        ("training_attendance", "think_family", "2023-24", "count", 300),
        ("training_bookings", "think_family", "2023-24", "count", 340),
    }


def test_what_follows_a_whole_with_no_noun_is_said_of_the_part(reader):
    text = "There were 44 CSE incidents in 2023/24, and 20 out of 44 were confirmed as crimes."
    got = promoted(reader, text, partner="West Midlands Police", heading="CSE")
    assert ("cse_crimes_recorded", "total", "2023-24", "count", 20) in got
    assert ("cse_crimes_recorded", "total", "2023-24", "count", 44) not in got


def test_a_label_in_another_clause_does_not_name_what_a_figure_counts(reader):
    # "crimes" (a category of child abuse incidents) is the later clause's; "neglect" is a
    # relative clause's, far from "16 plans"
    cse = "We flagged 52 incidents as CSE, 14 fewer than last year, and 31 were confirmed crimes."
    got = promoted(reader, cse, partner="West Midlands Police", heading="CSE")
    assert not any(m == "child_abuse_incidents" for m, *_ in got)
    plans = (
        "Children under five made up 142 of the plans, and a further 16 plans were in place "
        "for unborn babies, which reflects the vulnerability of infants to neglect."
    )
    got = promoted(reader, plans, heading="Child protection")
    assert ("child_protection_plans", "total", "2023-24", "count", 16) not in got


def test_a_bracketed_change_after_a_level_is_the_change_alone(reader):
    # "(up 4.9%)" says how the year moved; the count before it is the year's level
    got = promoted(
        reader,
        "Recorded child abuse incidents, year by year:",
        "2022/23: 3,990 (up 4.9%)",
        partner="West Midlands Police",
        heading="Child abuse",
    )
    assert got == {
        ("child_abuse_incidents", "total", "2022-23", "count", 3990),
        ("child_abuse_incidents_change", "total", "2022-23", "percent", 4.9),
    }


def test_a_change_drawn_from_last_years_figure_is_this_years(reader):
    # "so … fell": the change from the year the figure gives to the next; the concerns of the
    # contrasting clause are not what fell
    text = (
        "In 2022/23 there were 600 section 42 enquiries, so the number of enquiries fell by "
        "5.5% even as concerns rose."
    )
    assert promoted(reader, text, heading="Section 42 enquiries") == {
        ("s42_enquiries", "total", "2022-23", "count", 600),
        ("s42_enquiries_change", "total", "2023-24", "percent", -5.5),
    }


def test_a_figure_compared_with_counts_its_own_named_noun(reader):
    text = (
        "The board commissioned 4 Safeguarding Adult Reviews and 2 Child Safeguarding Practice "
        "Reviews, compared with 6 SARs the year before."
    )
    got = promoted(reader, text, heading="Reviews")
    assert ("safeguarding_adult_reviews", "total", "2022-23", "count", 6) in got
    assert not any(v == 6 and m != "safeguarding_adult_reviews" for m, _c, _p, _u, v in got)


def test_a_twelve_month_window_is_stored_on_its_main_year_and_flagged():
    from wstextract.recognise.text import find_text_issues
    from wstextract.specs import Extractors

    text = "In the twelve months to 30 June 2024, housing officers raised 517 concerns."
    issues = find_text_issues([text_block(text)], Extractors().quality, "2023-24")
    assert [i.kind for i in issues] == ["period_mismatch"]
    whole_year = "In the twelve months to 31 March 2024, housing officers raised 517 concerns."
    assert not find_text_issues([text_block(whole_year)], Extractors().quality, "2023-24")


def test_a_count_over_a_few_weeks_is_a_part_of_the_year(reader):
    text = "The council received 420 safeguarding concerns in two months after the form went live."
    got = figures(reader, text, heading="Adult safeguarding")["420"].decision
    assert not got.promoted and "in two months" in got.reason
    year = "The council received 4,420 safeguarding concerns in twelve months."
    assert figures(reader, year, heading="Adult safeguarding")["4,420"].decision.promoted


def test_a_bare_figure_in_a_clause_of_contrast_is_the_same_count_again(reader):
    # two sources, two values: neither is the answer, both stay candidates
    text = (
        "The booking system shows 241 delegates at the IDVA sessions, while the service's own "
        "return reports 238."
    )
    assert not promoted(reader, text, heading="Domestic abuse training")


def test_changes_after_a_run_of_years_and_a_change_said_twice(reader):
    police = (
        "Child abuse incidents have risen over the last four years: 3,902 in 2020/21, 4,118 "
        "in 2021/22 and 4,260 in 2022/23, an increase of 3.4% on the year before. In 2023/24 "
        "we recorded 4,391, up a further 3.1%."
    )
    got = promoted(reader, police, partner="West Midlands Police", heading="Child abuse")
    assert ("child_abuse_incidents_change", "total", "2022-23", "percent", 3.4) in got
    assert ("child_abuse_incidents_change", "total", "2023-24", "percent", 3.1) in got
    assert not any(m == "child_abuse_incidents" and u == "percent" for m, _c, _p, u, _v in got)
    plans = (
        "On 31 March 2024, 274 children were the subject of a child protection plan. That is "
        "13 fewer than the 287 on the same day a year before, a fall of 4.5%, and lower again "
        "than the 301 recorded at 31 March 2022."
    )
    got = promoted(reader, plans, heading="Child protection")
    assert ("child_protection_plans_change", "total", "2023-24", "count", -13) in got
    assert ("child_protection_plans_change", "total", "2023-24", "percent", -4.5) in got


def test_a_compared_period_and_a_zero_of_another_clause_date_nothing_else(reader):
    text = (
        "The panel commissioned three Safeguarding Adult Reviews, against one in 2022/23, and "
        "two Child Safeguarding Practice Reviews, having commissioned none the year before."
    )
    got = promoted(reader, text, heading="Reviews")
    assert ("child_safeguarding_practice_reviews", "total", "2023-24", "count", 2) in got
    assert ("safeguarding_adult_reviews", "total", "2023-24", "count", 3) in got


def test_what_a_whole_led_to_is_said_of_its_part(reader):
    text = "412 out of the 3,900 concerns led to a section 42 enquiry."
    assert promoted(reader, text, heading="Adult safeguarding") == {
        ("s42_enquiries", "total", "2023-24", "count", 412),
        ("adult_safeguarding_concerns", "total", "2023-24", "count", 3900),
    }


def test_a_change_drawn_from_the_sentence_before_is_up_to_the_next_year(reader):
    text = (
        "In 2022/23, 498 concerns led to a section 42 enquiry. The number of enquiries "
        "therefore grew by 6.2% while the rate stood still."
    )
    got = promoted(reader, text, heading="Section 42 enquiries")
    assert ("s42_enquiries_change", "total", "2023-24", "percent", 6.2) in got


def test_a_quarter_or_a_month_is_a_part_of_the_year(reader):
    got = promoted(
        reader,
        "Quarter 2 (July to September 2023): 1,094 safeguarding concerns and 131 enquiries.",
        "November 2023: an operation led to 14 safeguarding concerns.",
        "1 April 2023 to 31 March 2024: 4,412 safeguarding concerns.",
        heading="Adult safeguarding",
    )
    assert got == {("adult_safeguarding_concerns", "total", "2023-24", "count", 4412)}


def test_an_average_or_a_sample_is_not_the_number_counted(reader):
    caseload = "Average caseloads for child protection social workers stood at 16 children."
    assert not promoted(reader, caseload, heading="Child protection")
    sample = "We will dip-sample 100 concerns, and a sample of 40 safeguarding concerns was read."
    assert not promoted(reader, sample, heading="Adult safeguarding")


def test_a_wider_areas_rate_named_before_its_figure_is_a_benchmark(reader):
    text = (
        "Of 4,100 concerns, 480 went on to a section 42 enquiry (11.7%). Our conversion rate "
        "remains below the England rate, which is close to 30%."
    )
    got = promoted(reader, text, heading="Adult safeguarding")
    assert ("s42_conversion_rate", "total", "2023-24", "percent", 11.7) in got
    assert not any(v == 30 for *_k, v in got)


def test_a_change_drawn_with_so_from_last_years_figure_is_up_to_this_year(reader):
    text = "There were 486 enquiries in 2022/23, so the number of enquiries rose by 7.6%."
    assert promoted(reader, text, heading="Section 42 enquiries") == {
        ("s42_enquiries", "total", "2022-23", "count", 486),
        ("s42_enquiries_change", "total", "2023-24", "percent", 7.6),
    }


def test_an_open_age_band_and_a_share_naming_no_category_are_parts(reader):
    aged = "Two in five children on plans (38%) were aged under five."
    assert not promoted(reader, aged, heading="Child protection")
    before = "There were 320 children on a child protection plan; 21% had been on a plan before."
    assert promoted(reader, before, heading="Child protection") == {
        ("child_protection_plans", "total", "2023-24", "count", 320)
    }


def test_a_relative_clauses_period_is_not_the_figures(reader):
    text = (
        "Learning Disability Awareness training reached 92% of staff, a real achievement for a "
        "course that only became mandatory two years ago."
    )
    got = promoted(reader, text, partner="The Royal Wolverhampton NHS Trust", heading="Training")
    assert got == {
        ("rwt_learning_disability_training_compliance", "total", "2023-24", "percent", 92)
    }


def test_a_commitment_is_a_target_not_a_value(reader):
    text = "The strategy commits partners to hearing from at least 200 children on plans."
    assert not promoted(reader, text, heading="Voice of the child")


def test_a_compared_values_period_in_its_own_phrase(reader):
    text = (
        "Across the year we received 4,392 adult safeguarding concerns. In 2022/23 the figure "
        "was 4,067, so we are looking at a rise of 8.0 per cent – faster than the 5% rise we "
        "saw the year before."
    )
    got = promoted(reader, text, heading="The year wrapped up")
    assert ("adult_safeguarding_concerns_change", "total", "2023-24", "percent", 8.0) in got
    assert ("adult_safeguarding_concerns_change", "total", "2022-23", "percent", 5.0) in got


def test_a_parts_share_after_its_term_is_the_rate(reader):
    text = "Of the year's concerns, 523 out of 4,392 went on to a section 42 enquiry (11.9%)."
    got = promoted(reader, text, heading="The year wrapped up")
    assert ("s42_enquiries", "total", "2023-24", "count", 523) in got
    assert ("s42_conversion_rate", "total", "2023-24", "percent", 11.9) in got


def test_a_section_for_one_stretch_of_the_year_among_others_holds_parts(reader):
    bulletins = [
        "Bulletin 1 – Spring 2023 (April to June)",
        "Quarter 1 by the numbers",
        "Bulletin 2 – Summer 2023 (July to September)",
        "The year wrapped up",
    ]
    assert phrases.parts_of_year(bulletins) == set(bulletins[:3])
    # one window is the report's window for its figures, not a part of it
    assert not phrases.parts_of_year(["Exploitation Hub, October 2022 to March 2023"])
    assert phrases.parts_of_year(["Q3 update"]) == {"Q3 update"}
    reader.topic = Topic()
    ctx = BlockContext(None, "Quarter 1 by the numbers", None, "2023-24", scope="Quarter 1")
    (figure,) = reader.read(text_block("Adult safeguarding concerns received: 1,036."), ctx)
    assert not figure.decision.promoted and "a part of the year" in figure.decision.reason


def test_a_change_is_not_dated_by_another_figures_bracket(reader):
    text = (
        "In 2023/24 we recorded 3,918 child abuse incidents. This compares with 3,702 in "
        "2022/23 – an increase of 5.8% – and with 3,540 in 2021/22 (between 2021/22 and "
        "2022/23 the rise was 4.6%)."
    )
    got = promoted(reader, text, partner=WMP, heading="Child abuse")
    assert ("child_abuse_incidents_change", "total", "2023-24", "percent", 5.8) in got
    assert ("child_abuse_incidents_change", "total", "2022-23", "percent", 4.6) in got


def test_a_clause_after_a_semicolon_is_no_restatement_and_ended_with_names_the_outcome(reader):
    text = (
        "There were 66 CSE-flagged incidents this year, down from 71 in 2022/23; 45 of them "
        "(68%) ended with a confirmed crime being recorded."
    )
    got = promoted(reader, text, partner=WMP, heading="Child sexual exploitation")
    assert ("cse_incidents", "total", "2022-23", "count", 71) in got
    assert ("cse_crimes_recorded", "total", "2023-24", "count", 45) in got
    assert ("cse_crime_rate", "total", "2023-24", "percent", 68) in got


def test_a_group_of_people_named_is_no_breakdowns_category(reader):
    # "children" is a category of exploitation_possible_victims; a section or a sentence
    # about children is not about that breakdown
    visited = "92% of children with a plan were visited within ten working days."
    assert not promoted(reader, visited, heading="3. Children")
    babies = (
        "The youngest children are a large share. 31 of the children were babies under one "
        "year old, and 58 were aged between one and four."
    )
    assert not promoted(reader, babies, heading="Question 3")
    assert not promoted(reader, "In 2022/23 the figure was 4,067.", heading="Adults")


def test_a_bare_figure_ending_its_clause_is_a_part_of_the_uncounted_figure_before_it(reader):
    text = (
        "In the 20 closed cases I read, the decision not to open an enquiry was reasonable in "
        "17, and in the other three I would have expected a conversation with the person."
    )
    got = figures(reader, text, heading="Adult safeguarding")["17"].decision
    assert not got.promoted and "a part of the 20" in got.reason
    # a figure that names what it counts is no such part
    parts = "Of the 3,912 incidents, 1,988 were recorded crimes and 1,924 were non-crimes."
    got = promoted(reader, parts, partner=WMP, heading="Child abuse")
    assert ("child_abuse_incidents", "crime", "2023-24", "count", 1988) in got


def test_a_superlative_picks_one_band_not_the_one_that_follows(reader):
    text = (
        "The oldest adults are the largest group of safeguarding concerns. The busiest age band "
        "was 80 to 89, with 702 concerns, followed by people in their seventies (611)."
    )
    got = promoted(reader, text, heading="Adult safeguarding")
    assert ("adult_concerns_peak_age_band", "80_89", "2023-24", "count", 702) in got
    assert not any(v == 611 for *_k, v in got)


def test_the_end_of_from_a_to_b_counts_what_the_start_does(reader):
    text = (
        "Neglect remains the category for more than half of all child protection plans. Plans "
        "under emotional abuse rose from 88 to 97, the only category to grow."
    )
    got = promoted(reader, text, heading="Child protection")
    assert ("child_protection_plans", "emotional_abuse", "2022-23", "count", 88) in got
    assert ("child_protection_plans", "emotional_abuse", "2023-24", "count", 97) in got


def test_what_an_uncounted_figure_is_compared_with_is_uncounted_too(reader):
    # "as CSE" says what the incidents were; what a figure is compared with ("down from …")
    # counts what it counts, and a noun no definition names is no metric under any heading
    flagged = "We flagged 52 incidents as CSE in 2023/24, down from 60 in 2022/23."
    got = promoted(reader, flagged, partner=WMP, heading="Child sexual exploitation")
    assert ("cse_incidents", "total", "2023-24", "count", 52) in got
    assert ("cse_incidents", "total", "2022-23", "count", 60) in got
    logged = "Staff logged 63 visits as welfare checks during the year, down from 70 in 2022/23."
    got = figures(reader, logged, partner=WMP, heading="Child sexual exploitation")
    assert not any(f.decision.promoted for f in got.values() if f.decision)
    assert "compared with the 63" in got["70"].decision.reason


def test_a_change_on_a_base_and_the_change_that_base_had_itself(reader):
    text = (
        "In 2023/24 West Midlands Police recorded 3,854 child abuse incidents.",
        "That is a rise of 4.1% on the 3,702 recorded in 2022/23, which had itself grown by "
        "3.0% from 3,594 in 2021/22.",
    )
    got = promoted(reader, *text, partner=WMP, heading="Child abuse")
    assert ("child_abuse_incidents_change", "total", "2023-24", "percent", 4.1) in got
    assert ("child_abuse_incidents_change", "total", "2022-23", "percent", 3.0) in got


def test_a_bracketed_change_restates_and_a_second_base_spans_two_years(reader):
    text = (
        "Our crews raised 290 safeguarding concerns in 2023/24.",
        "That is 12 more than the 278 we raised in 2022/23 (an increase of 4.3%), and 31 more "
        "than the 259 of 2021/22.",
    )
    got = promoted(reader, *text, partner=WMFS, heading="Safeguarding")
    assert ("wmfs_safeguarding_concerns_change", "total", "2023-24", "count", 12) in got
    assert ("wmfs_safeguarding_concerns_change", "total", "2023-24", "percent", 4.3) in got
    assert not any(v == 31 for *_k, v in got)
    reader.topic = Topic()
    ctx = BlockContext(WMFS, "Safeguarding", None, "2023-24")
    read = reader.read_all([text_block(t) for t in text], [ctx] * 2)
    two_years = {f.text: f.decision for figs in read for f in figs}["31"]
    assert "more than a year, to 2023-24" in two_years.reason


def test_a_share_in_a_dashed_aside_after_an_opening_whole_is_the_rate(reader):
    text = (
        "In 2023/24 the council received 3,980 adult safeguarding concerns.",
        "Of the 3,980, 470 – 11.8%, or nearly one in eight – went on to a section 42 enquiry.",
    )
    got = promoted(reader, *text)
    assert ("s42_enquiries", "total", "2023-24", "count", 470) in got
    assert ("s42_conversion_rate", "total", "2023-24", "percent", 11.8) in got
    # a count then its share is no range
    assert not any(v == 3980 and m != "adult_safeguarding_concerns" for m, *_k, v in got)


def test_the_number_is_the_figure_before_and_what_a_share_rose_from_is_last_years(reader):
    text = (
        "There were 430 section 42 enquiries in 2022/23, so the number rose by 9.3%, faster "
        "than concerns did; the share of concerns going on to an enquiry edged up from 11.1%."
    )
    got = promoted(reader, text)
    assert ("s42_enquiries_change", "total", "2023-24", "percent", 9.3) in got
    assert ("s42_conversion_rate", "total", "2022-23", "percent", 11.1) in got
    assert not any(m == "adult_safeguarding_concerns_change" for m, *_k in got)


def test_a_change_over_years_is_no_years_change_and_last_years_increase_is_a_change(reader):
    span = "Concerns about self-neglect have risen by 14% in three years, faster than the rest."
    got = figures(reader, span)["14%"].decision
    assert not got.promoted and "over 3 years" in got.reason
    text = (
        "In 2023/24 the council received 4,106 adult safeguarding concerns, up 5.2% on the "
        "3,903 received in 2022/23.",
        "It is the second rise running: last year's increase was 4.4%.",
    )
    got = promoted(reader, *text)
    assert ("adult_safeguarding_concerns_change", "total", "2023-24", "percent", 5.2) in got
    assert ("adult_safeguarding_concerns_change", "total", "2022-23", "percent", 4.4) in got


def test_most_of_them_is_a_majority_not_the_largest_part(reader):
    text = (
        "Our tenancy team helped 141 households get their gas supply back on during the year, "
        "most of them after a prepayment meter had run dry."
    )
    got = promoted(reader, text, partner="Wolverhampton Homes", heading="Wolverhampton Homes")
    assert ("wh_gas_supply_reinstated_households", "total", "2023-24", "count", 141) in got


def test_a_sentence_going_on_about_a_breakdown_by_its_labels(reader):
    # the context words ("adult", "location") were said by the sentence before; "homes" in a
    # location label is no count of households; the label after "and" is the next figure's
    text = (
        "Where a location was recorded, 1,502 concerns were about the person's own home.",
        "Next came care homes: nursing homes accounted for 322 concerns and residential homes "
        "for 298.",
    )
    got = promoted(reader, *text, heading="Where it happens")
    assert ("adult_concerns_by_location", "care_home_nursing", "2023-24", "count", 322) in got
    assert ("adult_concerns_by_location", "care_home_residential", "2023-24", "count", 298) in got
    # a generic term alone does not carry the context on
    other = ("Level 3 training compliance was 86%.",)
    supervision = "Safeguarding supervision compliance for health visitors was 92%."
    got = promoted(
        reader, supervision, *other, partner="The Royal Wolverhampton NHS Trust", heading="Health"
    )
    assert ("rwt_safeguarding_supervision_compliance", "total", "2023-24", "percent", 92) in got
    assert not any(v == 86 for *_k, v in got)


def test_a_figure_ranked_against_any_other_ward_is_one_places(reader):
    text = (
        "In Low Hill there were 88 concerns about people in their own homes, more than in any "
        "other ward."
    )
    got = figures(reader, text)["88"].decision
    assert not got.promoted and got.reason == "the figure of one place, not the total"


def test_figures_pointing_back_take_the_category_said_before(reader):
    text = (
        "The core programme offered 640 places over the year. 611 of them were booked and 570 "
        "people attended. Last year the programme offered 600 places."
    )
    got = promoted(reader, text, heading="Training")
    assert got == {
        ("training_places", "core", "2023-24", "count", 640),
        ("training_bookings", "core", "2023-24", "count", 611),
        ("training_attendance", "core", "2023-24", "count", 570),
        ("training_places", "core", "2022-23", "count", 600),
    }
    # the whole of "2,207 of 3,827" is not the category its part is
    whole = (
        "Where a location was recorded, more than half of concerns (2,207 of 3,827) related to "
        "abuse or neglect in the person's own home."
    )
    got = promoted(reader, whole, heading="Where harm happens")
    assert got == {
        ("adult_concerns_by_location", "own_home", "2023-24", "count", 2207),
        ("adult_concerns_by_location", "total", "2023-24", "count", 3827),
    }


def test_a_year_earlier_opens_a_sentence_about_the_same_and_a_bracketed_share_of_all_plans(
    reader,
):
    text = (
        "At 31 March 2024, 288 children were subject to a child protection plan. A year earlier "
        "there were 305, and two years ago 331.",
        "Neglect is still the most common reason for a plan, accounting for 150 children, or "
        "just over half (52%) of all plans.",
    )
    got = promoted(reader, *text, heading="Fewer children on plans")
    assert ("child_protection_plans", "total", "2022-23", "count", 305) in got
    assert ("child_protection_plans", "total", "2021-22", "count", 331) in got
    assert ("child_protection_plans", "neglect", "2023-24", "percent", 52) in got


def test_a_day_after_on_is_when_and_a_whole_of_another_metric_is_no_part_of_this_one(reader):
    text = (
        "On 31 March 2024, 266 children were on a child protection plan.",
        "That is 9 fewer than the 275 on the same day a year before.",
    )
    got = promoted(reader, *text, heading="Child protection")
    assert ("child_protection_plans", "total", "2022-23", "count", 275) in got
    places = "Of the 640 places on the core programme, 602 were booked and 555 people attended."
    got = promoted(reader, places, heading="Training")
    assert ("training_bookings", "core", "2023-24", "count", 602) in got
    assert ("training_attendance", "core", "2023-24", "count", 555) in got


def test_a_label_of_another_breakdown_before_a_figure_names_a_part(reader):
    text = (
        "Adult Social Care received 4,150 safeguarding concerns in 2023/24.",
        "Neglect and acts of omission featured in 1,130 concerns, and domestic abuse in 802.",
    )
    got = promoted(reader, *text, heading="Adults")
    assert got == {("adult_safeguarding_concerns", "total", "2023-24", "count", 4150)}
    # the metric's own words are no other breakdown's label
    cse = "Child sexual exploitation: 58 CSE incidents were recorded in 2023/24."
    got = promoted(reader, cse, partner=WMP, heading="Exploitation")
    assert ("cse_incidents", "total", "2023-24", "count", 58) in got


def test_a_change_in_a_which_itself_clause_is_the_year_of_the_figure_it_is_about(reader):
    text = (
        "Recorded child abuse incidents fell in 2023/24 to 3,790, down 3.1% on the 3,911 "
        "recorded in 2022/23, which had itself been a rise of 2.6% on 3,812 in 2021/22."
    )
    got = promoted(reader, text, partner=WMP, heading="Child abuse")
    assert ("child_abuse_incidents_change", "total", "2023-24", "percent", -3.1) in got
    assert ("child_abuse_incidents_change", "total", "2022-23", "percent", 2.6) in got


def test_a_share_named_before_its_figures_and_a_label_in_a_while_clause(reader):
    text = (
        "Neglect's share of all plans dropped from 55% in 2022/23 to 51%, while emotional abuse "
        "grew to a third."
    )
    got = promoted(reader, text, heading="Child protection")
    assert got == {
        ("child_protection_plans", "neglect", "2022-23", "percent", 55),
        ("child_protection_plans", "neglect", "2023-24", "percent", 51),
    }


def test_slide_bullets_label_value_pairs_periods_and_bracketed_last_year(reader):
    """A slide's bullets: "Label: value" pairs parted by bars, a period before a colon, and
    the year before's value in brackets ("(was 169)", "(up from 111)")."""
    got = promoted(
        reader,
        "Neglect: 152 (was 169)",
        "Emotional abuse: 114 (up from 111)",
        "Physical abuse: 11 | Sexual abuse: 10 | Multiple: 4",
        heading="CP plans by category",
    )
    assert got == {
        ("child_protection_plans", "neglect", "2023-24", "count", 152),
        ("child_protection_plans", "neglect", "2022-23", "count", 169),
        ("child_protection_plans", "emotional_abuse", "2023-24", "count", 114),
        ("child_protection_plans", "emotional_abuse", "2022-23", "count", 111),
        ("child_protection_plans", "physical_abuse", "2023-24", "count", 11),
        ("child_protection_plans", "sexual_abuse", "2023-24", "count", 10),
        ("child_protection_plans", "multiple", "2023-24", "count", 4),
    }
    got = promoted(
        reader, "Adult safeguarding concerns, 2021/22: 3,702 2022/23: 3,874 2023/24: 4,117"
    )
    assert got == {
        ("adult_safeguarding_concerns", "total", "2021-22", "count", 3702),
        ("adult_safeguarding_concerns", "total", "2022-23", "count", 3874),
        ("adult_safeguarding_concerns", "total", "2023-24", "count", 4117),
    }
    # the category of one bar-parted item is not the next line's
    got = promoted(
        reader,
        "Child abuse incidents recorded by WMP: 4,236",
        "Crimes: 2,109 | Non-crimes: 2,127",
        "2022/23: 3,981",
        partner=WMP,
        heading="Child abuse",
    )
    assert ("child_abuse_incidents", "total", "2022-23", "count", 3981) in got
    assert not {g for g in got if g[1] == "non_crime" and g[2] == "2022-23"}


def test_shorthand_year_on_year_and_s_dot_42(reader):
    got = promoted(reader, "s.42 enquiries up 5.7% yr on yr", heading="Slide 7")
    assert got == {("s42_enquiries_change", "total", "2023-24", "percent", 5.7)}


def test_values_compared_with_take_the_category_and_share_the_period_said_after(reader):
    text = (
        "At the end of the year 152 children were on a plan under neglect, 52% of the total, "
        "compared with 169 children and 55% a year earlier."
    )
    got = promoted(reader, text, heading="Child protection")
    assert got == {
        ("child_protection_plans", "neglect", "2023-24", "count", 152),
        ("child_protection_plans", "neglect", "2023-24", "percent", 52),
        ("child_protection_plans", "neglect", "2022-23", "count", 169),
        ("child_protection_plans", "neglect", "2022-23", "percent", 55),
    }


def test_a_figure_of_them_is_a_part_of_what_it_points_back_to(reader):
    text = "Just under two in five of the children on plans, 112 of them, were under five."
    f = figures(reader, text, heading="Child protection")["112"]
    assert not f.decision.promoted and "of them" in f.decision.reason


def test_what_an_earlier_report_published_and_this_years_change(reader):
    got = promoted(
        reader,
        "Last year's report gave 468 enquiries for 2022/23.",
        "Some enquiries were recorded late, and the corrected figure for 2022/23 is 471, so "
        "this year's number is up 5.7% on the corrected one.",
        heading="Section 42 enquiries",
    )
    assert got == {
        ("s42_enquiries", "total", "2022-23", "count", 471),
        ("s42_enquiries_change", "total", "2023-24", "percent", 5.7),
    }


def test_a_percent_on_a_figure_without_its_arrow_is_a_change_of_no_direction(reader):
    f = figures(
        reader,
        "2022/23: 3,981 (4.7% on 3,802 in 2021/22)",
        partner=WMP,
        heading="Child abuse incidents",
    )
    assert not f["4.7%"].decision.promoted
    assert "which way" in f["4.7%"].decision.reason


def test_the_busiest_band_last_year_and_a_band_watched_most_closely(reader):
    text = (
        "The busiest age band was again 80 to 89, with 688 concerns, up from 655 last year. "
        "There were 251 concerns about adults aged 18 to 25, and that is the group we are "
        "watching most closely."
    )
    got = promoted(reader, text)
    assert got == {
        ("adult_concerns_peak_age_band", "80_89", "2023-24", "count", 688),
        ("adult_concerns_peak_age_band", "80_89", "2022-23", "count", 655),
    }
    # "most frequently" does pick the part
    got = promoted(
        reader,
        "Concerns were received most frequently about people aged 80 to 89, "
        "with 702 concerns relating to that age band.",
    )
    assert got == {("adult_concerns_peak_age_band", "80_89", "2023-24", "count", 702)}


def test_a_running_total_since_a_year_is_no_years_count(reader):
    f = figures(reader, "That takes us to seven SARs since 2019, and the themes recur.")
    assert not f["seven"].decision.promoted and "since" in f["seven"].decision.reason


def test_at_the_end_of_the_year_152_is_a_count_not_a_school_year(reader):
    got = promoted(
        reader, "At the end of the year 152 children were on a plan.", heading="Child protection"
    )
    assert got == {("child_protection_plans", "total", "2023-24", "count", 152)}


def test_a_partner_renamed_this_year_is_named_by_its_new_name_in_the_body():
    """The statement heading "Wolverhampton Community Action", formerly the voluntary sector
    council: in that report the new name names the partner in the body too."""
    e = Extractors()
    vcs = "Wolverhampton Voluntary and Community Sector"
    text = "Wolverhampton Community Action now supports more than 870 community groups."
    before = NarrativeReader(e.partners, [], e.metrics)
    assert not promoted(before, text, heading="Around the partnership")
    renamed = e.partners.with_aliases({vcs: ["Wolverhampton Community Action"]})
    after = NarrativeReader(renamed, [], e.metrics)
    got = promoted(after, text, heading="Around the partnership")
    assert got == {("vcs_community_groups", "total", "2023-24", "count", 870)}
    assert e.partners.match("Wolverhampton Community Action") is None  # the registry is kept


def test_the_reports_glossary_spells_out_its_abbreviations_of_a_category():
    """ "ASE: 7 (10%)" on a slide, where the report's glossary says "ASE  Adult Sexual
    Exploitation": the abbreviation is that category's label, in that report."""
    e = Extractors()
    glossary = {"ASE": "Adult Sexual Exploitation", "CE": "Criminal Exploitation"}
    heading = "Exploitation"
    lines = ["71 people were flagged as possible victims of exploitation.", "ASE: 7 (10%)"]
    plain = NarrativeReader(e.partners, [], e.metrics)
    assert not {g for g in promoted(plain, *lines, heading=heading) if g[1] != "total"}
    read = NarrativeReader(e.partners, list(glossary), e.metrics, glossary)
    got = promoted(read, *lines, "CE incl. county lines: 35 (49%)", heading=heading)
    victims = "exploitation_possible_victims"
    assert got == {
        (victims, "total", "2023-24", "count", 71),
        (victims, "adult_sexual_exploitation", "2023-24", "count", 7),
        (victims, "adult_sexual_exploitation", "2023-24", "percent", 10),
        (victims, "criminal_exploitation", "2023-24", "count", 35),
        (victims, "criminal_exploitation", "2023-24", "percent", 49),
    }


def test_what_is_said_of_a_figure_no_definition_counts_is_not_a_metric(reader):
    got = promoted(
        reader,
        "Across the year, police flagged 71 people as possible victims of exploitation.",
        "There were 618 episodes involving 241 children, and 83% of those children were "
        "offered a return home interview.",
        "The numbers of children the hub flagged as possible victims are on Slide 9.",
        partner=WMP,
        heading="CSE and missing",
    )
    assert got == {("exploitation_possible_victims", "total", "2023-24", "count", 71)}


def test_a_date_before_a_colon_and_a_bracketed_label_before_its_figure(reader):
    got = promoted(
        reader,
        "291 children on a CP plan at 31 Mar 2024",
        "31 Mar 2023: 305 → 31 Mar 2024: 291",
        "Physical abuse (11) and plans under more than one category (4) are small numbers, so "
        "please don't read too much into the rise in sexual abuse plans from eight to ten.",
        heading="CP plans",
    )
    assert got == {
        ("child_protection_plans", "total", "2023-24", "count", 291),
        ("child_protection_plans", "total", "2022-23", "count", 305),
        ("child_protection_plans", "physical_abuse", "2023-24", "count", 11),
        ("child_protection_plans", "multiple", "2023-24", "count", 4),
        ("child_protection_plans", "sexual_abuse", "2022-23", "count", 8),
        ("child_protection_plans", "sexual_abuse", "2023-24", "count", 10),
    }


def test_figures_side_by_side_with_their_arrow_lost_are_not_read(reader):
    f = figures(reader, "Neglect share of CP plans: 55% 52% yr on yr", heading="CP plans")
    assert not f["55%"].decision.promoted and not f["52%"].decision.promoted


def test_the_year_before_that_and_the_sentence_opening_with_a_figure(reader):
    text = (
        "The Principal Social Worker's audits of case files rated 91% of the files audited this "
        "year as Good or better, up from 89% in 2022/23 and 86% the year before that."
    )
    got = promoted(reader, text)
    assert got == {
        ("asc_audit_rating", "good_or_higher", "2023-24", "percent", 91),
        ("asc_audit_rating", "good_or_higher", "2022-23", "percent", 89),
        ("asc_audit_rating", "good_or_higher", "2021-22", "percent", 86),
    }
    got = promoted(
        reader,
        "The core programme offered 880 places over the year. 842 were booked and 779 people "
        "attended.",
        heading="Training",
    )
    assert got == {
        ("training_places", "core", "2023-24", "count", 880),
        ("training_bookings", "core", "2023-24", "count", 842),
        ("training_attendance", "core", "2023-24", "count", 779),
    }
    # a sentence that opens with a year it counts from gives a running total
    f = figures(reader, "Since 2019: 7 SARs in total", heading="Reviews")
    assert not f["7"].decision.promoted


def test_the_councils_own_audits_in_the_body_and_a_multi_agency_audit(reader):
    got = promoted(
        reader,
        "Across the year's themed audits, an average of 87% of files were rated good or above "
        "for showing that social work had made a positive difference to the person.",
        "Multi-agency audits: 4 themes, 38 cases, 27 graded good or better (71%)",
        heading="Audits",
    )
    assert got == {("asc_files_positive_difference_rate", "total", "2023-24", "percent", 87)}


def test_the_total_of_a_breakdown_that_exists_only_by_category(reader):
    """ "these figures cover 2,774 of the 4,117 concerns": the concerns whose location was
    recorded are the location breakdown's own total (`total_when`), not all concerns."""
    got = promoted(
        reader,
        "Location is only recorded once a concern has been screened, so these figures cover "
        "2,774 of the 4,117 concerns, about two-thirds of them.",
        "Where a location was recorded, more than half of concerns (2,207 of 3,827) related to "
        "abuse or neglect in the person's own home.",
    )
    assert got == {
        ("adult_concerns_by_location", "total", "2023-24", "count", 2774),
        ("adult_concerns_by_location", "own_home", "2023-24", "count", 2207),
        ("adult_concerns_by_location", "total", "2023-24", "count", 3827),
    }
    # a review that covered some concerns is no breakdown's total
    got = promoted(reader, "The review covered 60 concerns raised about one provider.")
    assert not {g for g in got if g[0] == "adult_concerns_by_location"}


def test_a_category_the_reports_own_table_prints_is_named_in_its_prose_too():
    """The location table prints "Supported living", a category the vocabulary does not list
    (stored under its slug and flagged); the same report's prose about it is read as it."""
    e = Extractors()
    text = "Supported living accounted for 119 concerns in 2023/24, against 97 in 2022/23."
    assert not promoted(NarrativeReader(e.partners, [], e.metrics), text)
    added = {"adult_concerns_by_location": {"supported_living": ["supported living"]}}
    read = NarrativeReader(e.partners, [], e.metrics.with_categories(added))
    assert promoted(read, text) == {
        ("adult_concerns_by_location", "supported_living", "2023-24", "count", 119),
        ("adult_concerns_by_location", "supported_living", "2022-23", "count", 97),
    }
    # one provider's share of them is no category's figure; a paragraph number is no figure
    one = "One provider of supported living accounted for 38 of the concerns."
    numbered = '4.9 "Supported Living" is shown as a separate location for the first time.'
    assert not promoted(read, one, numbered)


def test_a_count_of_what_accounted_for_a_part_is_not_the_metric(reader):
    got = promoted(
        reader,
        "Adult Social Care received 4,412 safeguarding concerns about adults in 2023/24.",
        "The two kinds of care home together were the setting for 439 concerns, and just 14 "
        "homes accounted for more than half of them.",
    )
    assert got == {("adult_safeguarding_concerns", "total", "2023-24", "count", 4412)}


def test_a_noun_that_heads_a_term_said_before_and_a_possessive_year_in_a_which_clause(reader):
    text = (
        "Recorded child abuse fell this year for the first time since 2019/20: 4,226 incidents "
        "in 2023/24, down 3.7% on 2022/23's 4,390, which had itself been 6.6% higher than the "
        "4,118 recorded in 2021/22."
    )
    got = promoted(reader, text, partner=WMP, heading="Child abuse")
    assert got == {
        ("child_abuse_incidents", "total", "2023-24", "count", 4226),
        ("child_abuse_incidents_change", "total", "2023-24", "percent", -3.7),
        ("child_abuse_incidents", "total", "2022-23", "count", 4390),
        ("child_abuse_incidents_change", "total", "2022-23", "percent", 6.6),
        ("child_abuse_incidents", "total", "2021-22", "count", 4118),
    }


def test_the_figure_rose_again_to_and_a_verb_after_and(reader):
    text = (
        "Recorded child abuse incidents have now risen and fallen back over three years: 4,105 "
        "were recorded in 2021/22, an increase of 4.9% on the preceding year, and the figure "
        "rose again in 2022/23 to 4,388, up 6.9%. In 2023/24, by contrast, 4,152 incidents were "
        "recorded, which is down 5.4% and comprises 2,019 crimes and 2,133 non-crimes."
    )
    got = promoted(reader, text, partner=WMP, heading="Child abuse")
    assert ("child_abuse_incidents", "total", "2022-23", "count", 4388) in got
    assert ("child_abuse_incidents_change", "total", "2023-24", "percent", -5.4) in got
    assert ("child_abuse_incidents", "crime", "2023-24", "count", 2019) in got
