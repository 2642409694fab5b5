"""Narrative figures and the metrics promoted from prose."""

from __future__ import annotations

import pytest
from conftest import load_expected

from wstextract.layout.blocks import Block
from wstextract.layout.model import Line, Word
from wstextract.recognise.narrative import NarrativeReader
from wstextract.specs import Extractors

ENTRIES = [
    "wst-2021-22",
    "wst-2021-22-weasyprint",
    "wst-2020-21-synthetic",
    "wst-2022-23-synthetic",
]


def key(m):
    return (m["metric"], m["category"], m["period"], m["unit"])


@pytest.mark.parametrize("entry_id", ENTRIES)
def test_narrative_metrics_recall_and_precision(manifest, extractions, entry_id):
    entry = next(e for e in manifest if e.id == entry_id)
    expected = load_expected(entry)
    want = {key(m): m["value"] for m in expected["metrics"] if m["source_kind"] == "narrative"}
    ambiguous = {key(a) for a in expected.get("ambiguous", [])}
    got = {
        (m.metric, m.category, m.period, m.unit): m.value
        for m in extractions[entry_id].records["metrics"]
        if m.source_kind == "narrative"
    }
    missed = {k: v for k, v in want.items() if got.get(k) != v}
    wrong = {k: (v, want.get(k)) for k, v in got.items() if want.get(k) != v and k not in ambiguous}
    assert missed == {}, f"recall < 100%: {missed}"
    assert wrong == {}, f"precision < 100%: {wrong}"


def test_prose_that_disagrees_with_a_table_is_flagged(extractions):
    issues = [q for q in extractions["wst-2022-23-synthetic"].issues if q.kind == "disagreement"]
    assert len(issues) == 2
    assert "cse_incidents/total for 2021-22 is 69, the table on page" in issues[0].message
    # rounding is not disagreement: the real report's "18%" for the table's 18.24%
    assert not [q for q in extractions["wst-2021-22"].issues if q.kind == "disagreement"]


def _block(text: str) -> Block:
    words, x = [], 50.0
    for w in text.split():
        words.append(Word(w, x, x + 5 * len(w), 100.0, 110.0, "Helvetica", 10.0))
        x += 5 * len(w) + 3
    return Block("paragraph", 7, [Line.of(words)]).finish()


@pytest.fixture(scope="module")
def reader():
    return NarrativeReader(Extractors().partners, ["WMFS", "CSE"])


@pytest.mark.parametrize(
    "text, printed, value, unit",
    [
        ("there were 3,806 safeguarding concerns reported", "3,806", 3806, "count"),
        ("an increase of approximately 9.3% year on year", "9.3%", 9.3, "percent"),
        ("a population of 1.26million residing in", "1.26million", 1.26e6, "count"),
        ("A new nurse commenced (0.1wte vacancy remains).", "0.1wte", 0.1, "fte"),
        ("compliance is excellent (91-100%).", "91-100%", 91, "percent"),
        ("a programme for 13-17 year olds", "13-17", 13, "age"),
        ("an increase in the conversion to recording a crime-91.3%.", "91.3%", 91.3, "percent"),
        ("the 260+ faith groups", "260", 260, "count"),
    ],
)
def test_figures_are_read_as_printed(reader, text, printed, value, unit):
    figures, _ = reader.read(_block(text), "2021-22")
    figure = next(f for f in figures if f.text == printed)
    assert (figure.value, figure.unit) == (value, unit)


def test_figures_carry_period_direction_subject_and_entities(reader):
    figures, sentences = reader.read(
        _block(
            "recorded Child Abuse incidents fell from 2,654 child abuse related incidents in "
            "2018/19 to 2,600 in 2019/20. There have been 273 safeguarding concerns reported by "
            "WMFS staff."
        ),
        "2021-22",
    )
    by_text = {f.text: f for f in figures}
    assert by_text["2,654"].subject == "child abuse related incidents"
    assert by_text["2,654"].period == "2018-19" and by_text["2,654"].direction == "decrease"
    assert by_text["2018/19"].unit == "period"
    assert by_text["273"].period == "2021-22" and not by_text["273"].period_stated
    assert ("ORG", "West Midlands Fire Service") in by_text["273"].entities
    assert len(sentences) == 2


def test_1710_crimes_and_1745_non_crimes(reader):
    figures, _ = reader.read(
        _block("this is made up of 1710 crimes and 1745 non-crimes"), "2021-22"
    )
    assert [(f.text, f.subject) for f in figures] == [("1710", "crimes"), ("1745", "non-crimes")]


def test_hyphenated_words_are_one_subject_word(reader):
    figures, _ = reader.read(
        _block("a 40-year-old woman, and a bi-annual audit of 12 self-referrals"), "2021-22"
    )
    subjects = {f.text: f.subject for f in figures}
    assert subjects["40"] == "year-old woman"
    assert subjects["12"] == "self-referrals"
