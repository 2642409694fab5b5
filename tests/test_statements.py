"""Partner statements: all 13 found, attributed, and their text faithful to the source."""

from __future__ import annotations

import difflib
import re

import pytest
import sqlite_utils
from conftest import CORPUS, load_expected, words

from wstextract.corpus import build, source

ENTRIES = [
    "wst-2021-22",
    "wst-2021-22-weasyprint",
    "wst-2020-21-synthetic",
    "wst-2022-23-synthetic",
]


@pytest.mark.parametrize("entry_id", ENTRIES)
def test_statements_match_the_ground_truth(manifest, extractions, entry_id):
    entry = next(e for e in manifest if e.id == entry_id)
    expected = load_expected(entry)["partner_statements"]
    got = extractions[entry_id].records["partner_statements"]
    assert [(s.partner, s.heading, s.author_role, s.page_start) for s in got] == [
        (e["partner"], e["heading"], e["author_role"], e["page"][entry_id]) for e in expected
    ]
    for s, e in zip(got, expected, strict=True):
        # a sub-heading may come first ("… – Partner Statement"): look at the opening words
        assert e["first_words"] in " ".join(s.text.split()[:40]), s.partner
        assert s.partner_known and s.n_words == len(s.text.split())


def _source_statements(doc: source.Document) -> list[str]:
    """Each statement's words as the corpus source has them (tables and role lines aside)."""
    out: list[list[str]] = []
    for block in doc.blocks:
        if isinstance(block, source.Heading) and (block.statement or block.level == 1):
            out.append([]) if block.statement else None
            if block.level == 1 and out:
                break
        elif out and isinstance(block, source.Heading | source.Paragraph | source.Bullet):
            out[-1].append(block.text)
    return [" ".join(t) for t in out]


@pytest.mark.parametrize("entry_id", ENTRIES)
def test_statement_text_round_trips(manifest, extractions, entry_id):
    entry = next(e for e in manifest if e.id == entry_id)
    want = _source_statements(build.document_for(entry, CORPUS))
    got = extractions[entry_id].records["partner_statements"]
    assert len(got) == len(want)
    for statement, text in zip(got, want, strict=True):
        ratio = difflib.SequenceMatcher(
            None, words(statement.text), words(text), autojunk=False
        ).ratio()
        assert ratio >= 0.98, (statement.partner, ratio)


def test_sub_headings_and_bullets_keep_their_structure(extractions):
    records = extractions["wst-2021-22"].records
    police = next(s for s in records["partner_statements"] if s.partner == "West Midlands Police")
    sections = [
        s.heading for s in records["statement_sections"] if s.statement_no == police.statement_no
    ]
    assert "Operation Encompass" in sections and "Missing Children" in sections
    ccg = next(s for s in records["partner_statements"] if s.heading.startswith("NHS Black"))
    assert "LeDeR:" in [
        s.heading for s in records["statement_sections"] if s.statement_no == ccg.statement_no
    ]
    vcs = [i for i in records["statement_items"] if i.statement_no == 11]
    assert {i.level for i in vcs} == {1, 2}  # the nested list of the voluntary sector
    assert any(i.text.startswith("a) supporting the development") and i.level == 2 for i in vcs)


def test_partner_list_is_matched_to_the_registry(extractions):
    partners = extractions["wst-2021-22"].records["partners"]
    assert len(partners) == 13
    assert all(p.kind for p in partners), [p.listed_as for p in partners if not p.kind]
    assert {p.name for p in partners} >= {
        "NHS Black Country Integrated Care Board",
        "Probation Service",
        "West Midlands Fire Service",
    }


def test_statements_are_searchable(corpus_db):
    db = sqlite_utils.Database(corpus_db)
    hits = list(
        db["partner_statements"].search('"Operation Encompass"', columns=["report_id", "partner"])
    )
    assert {h["partner"] for h in hits} == {"West Midlands Police"}
    assert {h["report_id"] for h in hits} == {"wst-2020-21", "wst-2021-22", "wst-2022-23"}


def test_every_number_in_statement_prose_is_a_narrative_figure(extractions):
    records = extractions["wst-2021-22"].records
    runs = re.compile(r"\d+(?:[.,]\d+)*")
    for statement in records["partner_statements"]:
        n = statement.statement_no
        prose = statement.text
        for section in records["statement_sections"]:
            if section.statement_no == n:
                prose = prose.replace(section.heading, "", 1)
        figures = [f for f in records["narrative_figures"] if f.statement_no == n]
        assert sum(len(runs.findall(f.text)) for f in figures) == len(runs.findall(prose)), (
            statement.partner
        )


def test_an_unknown_partner_is_stored_as_printed_and_flagged(tmp_path, main_entry):
    import re
    import shutil

    from wstextract import pipeline
    from wstextract.specs import EXTRACTORS_DIR, Extractors

    shutil.copytree(EXTRACTORS_DIR, tmp_path / "extractors")
    registry = tmp_path / "extractors" / "partners.toml"
    text = registry.read_text(encoding="utf-8")
    registry.write_text(
        re.sub(
            r'\[\[partner\]\]\nname = "Wolverhampton Homes".*?(?=\[\[|\Z)', "", text, flags=re.S
        ),
        encoding="utf-8",
    )
    # the definitions of its metrics go with it (a definition may only name a known partner)
    metrics = tmp_path / "extractors" / "metrics.toml"
    blocks = metrics.read_text(encoding="utf-8").split("[[metric]]")
    metrics.write_text(
        "[[metric]]".join(b for b in blocks if '"Wolverhampton Homes"' not in b), encoding="utf-8"
    )
    x = pipeline.extract(main_entry.path(), extractors=Extractors(tmp_path / "extractors"))
    statements = x.records["partner_statements"]
    assert len(statements) == 13
    homes = next(s for s in statements if s.heading == "Wolverhampton Homes")
    assert (homes.partner, homes.partner_known) == ("Wolverhampton Homes", False)
    flagged = [
        q for q in x.issues if q.kind == "unrecognised" and "Wolverhampton Homes" in q.message
    ]
    assert len(flagged) == 1 and flagged[0].page == homes.page_start
