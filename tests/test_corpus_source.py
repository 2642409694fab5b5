"""The corpus source is the seed report, word for word, with structure added."""

from __future__ import annotations

import difflib

from conftest import CORPUS, words

from wstextract.corpus import source


def test_source_holds_every_word_of_the_seed(seed_text, main_entry):
    doc = source.load(CORPUS / main_entry.source)
    seed_words = words(seed_text)
    doc_words = [w for line in doc.text_lines() for w in words(line)]
    diff = [
        (tag, seed_words[i1:i2], doc_words[j1:j2])
        for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(
            None, seed_words, doc_words, autojunk=False
        ).get_opcodes()
        if tag != "equal"
    ]
    # The only words dropped are the original PDF's contents-page numbers: the builder prints
    # the built PDF's own page numbers instead.
    assert all(tag == "delete" and len(old) == 1 and old[0].isdigit() for tag, old, _ in diff), diff
    assert len(diff) == 13


def test_source_round_trips_through_the_parser(main_entry):
    text = (CORPUS / main_entry.source).read_text(encoding="utf-8")
    assert source.dump(source.parse(text)) == text


def test_html_cells_become_paragraphs_and_bullets(main_entry):
    tables = source.load(CORPUS / main_entry.source).tables()
    first_action = tables["strategic_actions"].rows[1][0]
    assert first_action[0].text == "Priority 1: Exploitation"
    assert [p.bullet for p in first_action[2:]] == [True] * 4
    assert first_action[2].text == "The effectiveness of pathways that are in place."
    rec2 = tables["sar_p_findings"].rows[2][2]
    assert len(rec2) > 1 and not any("<" in p.text for p in rec2)


def test_every_seed_table_is_a_table(main_entry):
    tables = source.load(CORPUS / main_entry.source).tables()
    shapes = {name: (len(t.rows), len(t.rows[0])) for name, t in tables.items()}
    assert shapes == {
        "strategic_aims": (4, 3),
        "strategic_actions": (4, 3),
        "cp_plans_by_category": (6, 3),
        "adult_concern_locations": (5, 4),
        "sar_p_findings": (11, 3),
        "ofsted_judgements": (5, 2),
        "asc_audit_ratings": (4, 3),
        "cse_incidents": (5, 4),
        "glossary": (50, 2),
    }
    assert tables["adult_concern_locations"].header[0] == "Type of abuse"


def test_unknown_directive_is_a_clear_error():
    import pytest

    with pytest.raises(source.SourceError, match="line 1: unknown directive '@tabel'"):
        source.parse("@tabel x\n")
