"""The hand-checked ground truth is well-formed and agrees with the report it describes."""

from __future__ import annotations

import json
import re
from itertools import takewhile

import jsonschema
import pytest
from conftest import CORPUS, KNOWN_WRONG, REPORTLAB_ENTRIES, load_expected

from wstextract.corpus import build, source
from wstextract.values import is_number, normalise_period, slugify

SCHEMA = json.loads((CORPUS / "expected" / "schema.json").read_text(encoding="utf-8"))
TABLE_METRICS = {
    "child_protection_plans",
    "adult_concerns_by_location",
    "asc_audit_rating",
    "cse_incidents",
    "cse_crimes_recorded",
    "cse_crime_rate",
}


def printed(value: float) -> set[str]:
    """The ways a report may print a value: 1266 as '1,266', 91.3 as '91.30%'."""
    forms = {f"{value:g}", f"{value:,.0f}" if value == int(value) else f"{value:g}"}
    if value != int(value):
        forms |= {f"{value:.2f}", f"{value:.1f}"}
    return {f.lstrip("-") for f in forms}


@pytest.mark.parametrize("entry_id", REPORTLAB_ENTRIES)
def test_expected_file_validates(manifest, entry_id):
    entry = next(e for e in manifest if e.id == entry_id)
    expected = load_expected(entry)
    jsonschema.validate(expected, SCHEMA)
    assert expected["report"]["id"] == entry.report_id
    assert expected["report"]["period"] == entry.period
    assert expected["report"].get("synthetic", False) == entry.synthetic
    glossary = build.document_for(entry).tables()["glossary"]  # a header row is no entry
    assert len(expected["glossary"]) == len(glossary.rows) - glossary.has_header
    # every judgement is printed in the report's source with its grade, or its note says where
    # the truth's author read it (a judgement stated in prose)
    source = " ".join((CORPUS / entry.source).read_text(encoding="utf-8").split())
    assert expected["inspection_judgements"]
    for j in expected["inspection_judgements"]:
        printed = " ".join(j["judgement"].split()) in source and j["grade"] in source
        assert printed or j.get("note"), j


def test_real_report_ground_truth_is_complete(main_entry):
    expected = load_expected(main_entry)
    metrics = expected["metrics"]
    assert len(metrics) >= 60
    assert sum(m["source_kind"] == "table" for m in metrics) == 36  # every table statistic
    assert len(expected["partner_statements"]) == 13
    assert len(expected["review_findings"]) == 10
    keys = [(m["metric"], m["category"], m["period"], m["unit"], m["source_kind"]) for m in metrics]
    assert len(keys) == len(set(keys)), "one value per question and source"
    kinds = {q["kind"] for q in expected["quality_issues"]}
    assert {"placeholder", "header_contradicts_content", "period_mismatch"} <= kinds


def test_every_expected_value_is_printed_in_its_source_text(main_entry, seed_text):
    flat_seed = " ".join(seed_text.split())
    for m in load_expected(main_entry)["metrics"]:
        text = m["source_text"]
        assert " ".join(text.split()) in flat_seed, m
        if m["metric"] in TABLE_METRICS and m["source_kind"] == "table":
            cells = text.split("\t")
            assert printed(m["value"]) & {c.rstrip("%") for c in cells}, m


# the source table each table metric of the 2021/22 report is printed in
SOURCE_TABLE = {
    "child_protection_plans": "cp_plans_by_category",
    "adult_concerns_by_location": "adult_concern_locations",
    "asc_audit_rating": "asc_audit_ratings",
    "cse_incidents": "cse_incidents",
    "cse_crimes_recorded": "cse_incidents",
    "cse_crime_rate": "cse_incidents",
}


def test_table_truth_matches_the_corpus_source(main_entry):
    """Cross-check two hand-made artefacts: ground truth and the source the PDF is built from.
    Each value is in its own table's row for its category or period, not merely anywhere."""
    tables = source.load(CORPUS / main_entry.source).tables()
    for m in load_expected(main_entry)["metrics"]:
        if m["source_kind"] != "table":
            continue
        rows = [[source.cell_text(c) for c in r] for r in tables[SOURCE_TABLE[m["metric"]]].rows]
        # the numbers after the category's label, up to the next label (label/value pairs
        # side by side); else the row of the period (categories as columns, or none)
        beside = [
            list(takewhile(is_number, r[i + 1 :]))
            for r in rows
            for i, c in enumerate(r)
            if slugify(c) == m["category"]
        ]
        of_period = [r[1:] for r in rows if normalise_period(r[0]) == m["period"]]
        (cells,) = beside or of_period or [[]]
        assert printed(m["value"]) & {c.rstrip("%") for c in cells}, (m, cells)


def test_glossary_truth_matches_the_source(main_entry):
    rows = source.load(CORPUS / main_entry.source).tables()["glossary"].rows
    glossary = [(source.cell_text(a), source.cell_text(b)) for a, b in rows]
    assert glossary == [
        (g["acronym"], g["expansion"]) for g in load_expected(main_entry)["glossary"]
    ]


def test_statement_pages_are_recorded_for_each_pdf(manifest):
    for entry in manifest:
        for statement in load_expected(entry)["partner_statements"]:
            page = statement["page"] or {}
            assert entry.id in page, f"{entry.id}: no page for {statement['heading']!r}"


def test_periods_are_normalised():
    for path in (CORPUS / "expected").glob("wst-*.json"):
        for m in json.loads(path.read_text(encoding="utf-8"))["metrics"]:
            start, end = re.fullmatch(r"(\d{4})-(\d{2})", m["period"]).groups()
            assert (int(start) + 1) % 100 == int(end), (path.name, m)


NUMBER_WORDS = {
    "no": 0, "none": 0, "zero": 0, "one": 1, "a single": 1, "two": 2, "three": 3, "four": 4,
    "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11,
    "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "half": 50,
}  # fmt: skip


def in_words(text: str) -> set[float]:
    """The values a sentence spells out: 'no', 'twelve', 'sixty-three'."""
    lowered = text.lower()
    found = {v for w, v in NUMBER_WORDS.items() if re.search(rf"\b{w}\b", lowered)}
    tens_words = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
    unit_words = "one|two|three|four|five|six|seven|eight|nine"
    if re.search(r"\bhalf a dozen\b", lowered):
        found.add(6)
    elif re.search(r"\ba dozen\b", lowered):
        found.add(12)
    for tens, units in re.findall(rf"\b({tens_words})[- ]({unit_words})\b", lowered):
        found.add(NUMBER_WORDS[tens] + NUMBER_WORDS[units])
    # "seven hundred and four", "three hundred and twenty-one"
    hundreds = rf"\b({unit_words}) hundred(?: and ({tens_words})?[- ]?({unit_words})?)?\b"
    for h, tens, units in re.findall(hundreds, lowered):
        found.add(100 * NUMBER_WORDS[h] + NUMBER_WORDS.get(tens, 0) + NUMBER_WORDS.get(units, 0))
    return found


def figures_in(text: str) -> set[float]:
    """Every number a sentence prints in figures: '1,266', '12.0%', '91-100%' (two)."""
    return {float(m.replace(",", "")) for m in re.findall(r"\d+(?:,\d{3})*(?:\.\d+)?", text)}


@pytest.mark.parametrize("entry_id", [e.id for e in build.load_manifest(CORPUS) if e.expected])
def test_every_narrative_truth_quotes_its_sentence_and_the_sentence_holds_its_value(
    manifest, entry_id
):
    """Ground truth that cannot drift from its source: each narrative value's ``source_text``
    is a sentence of the document it describes (as built, transforms applied), and the value
    is printed in it, in figures or in words."""
    entry = next(e for e in manifest if e.id == entry_id)
    text = " ".join(" ".join(build.document_for(entry).text_lines()).split())
    for m in load_expected(entry)["metrics"]:
        if m["source_kind"] != "narrative":
            continue
        sentence = " ".join(m["source_text"].split())
        assert sentence in text, f"not in the source: {m}"
        value = abs(m["value"])
        assert value in figures_in(sentence) | in_words(sentence), m


def _with_ambiguous_questions() -> list[str]:
    """The documents (held-back ones aside) whose truth lists a question answered twice."""
    return [
        e.id
        for e in build.load_manifest(CORPUS)
        if e.expected and not e.holdout and load_expected(e).get("ambiguous")
    ]


@pytest.mark.parametrize("entry_id", _with_ambiguous_questions())
def test_a_question_the_report_answers_twice_gets_no_answer_but_both_candidates(
    extractions, manifest, entry_id
):
    """The truth's ``ambiguous`` questions: the document gives two values and no careful
    reader could pick one. Then nothing is stored, and each value stays a candidate figure
    whose reason says why it was not promoted."""
    entry = next(e for e in manifest if e.id == entry_id)
    ambiguous = load_expected(entry)["ambiguous"]
    assert all(q.get("values") for q in ambiguous), "each question lists the values it is given"
    x = extractions[entry_id]
    for question in ambiguous:
        key = (question["metric"], question["category"], question["period"], question["unit"])
        # a table that also answers it gives the answer; the prose's two values give none
        tabled = any(
            (m["metric"], m["category"], m["period"], m["unit"]) == key
            and m["source_kind"] == "table"
            for m in load_expected(entry)["metrics"]
        )
        stored = [
            m
            for m in x.records["metrics"]
            if (m.metric, m.category, m.period, m.unit) == key
            and not (tabled and m.source_kind == "table")
        ]
        if (entry_id, key) in KNOWN_WRONG:  # a listed defect: exactly that value is stored
            assert [m.value for m in stored] == [KNOWN_WRONG[entry_id, key]], question
            continue
        assert stored == [], question
        candidates = {
            f.value: f.reason
            for f in x.records["narrative_figures"]
            if (f.metric, f.period) == (key[0], key[2]) and not f.promoted
        }
        # a figure keeps the value as printed ("12 fewer" is 12); a change's sign is in the
        # metric it would be and in the reason
        values = {abs(v) if key[0].endswith("_change") else v for v in question["values"]}
        assert values <= set(candidates), (question, candidates)
        assert all(candidates[v] for v in values)
