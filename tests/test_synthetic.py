"""Synthetic years come from declared edits that must apply exactly as written."""

from __future__ import annotations

import pytest
from conftest import CORPUS

from wstextract.corpus import build, source, synthetic


def statements(doc: source.Document) -> list[str]:
    return [b.text for b in doc.blocks if isinstance(b, source.Heading) and b.statement]


def test_synthetic_years_rename_and_drop_partners(manifest, main_entry):
    base = statements(build.document_for(main_entry))
    years = {e.id: build.document_for(e) for e in manifest if e.synthetic}
    later = statements(years["wst-2022-23-synthetic"])
    earlier = statements(years["wst-2020-21-synthetic"])
    assert len(base) == 13 and len(later) == 12 and len(earlier) == 12
    assert "Health Watch Wolverhampton" not in later
    assert "NHS Black Country Integrated Care Board (Wolverhampton Place)" in later
    assert "Wolverhampton Homes" not in earlier and "West Midlands Fire Service" in earlier


def test_synthetic_tables_gain_rows_and_lose_rules(manifest):
    doc = build.document_for(next(e for e in manifest if e.id == "wst-2022-23-synthetic"))
    cse = doc.tables()["cse_incidents"]
    assert cse.style == "plain"
    assert [source.cell_text(r[0]) for r in cse.rows[1:]][-1] == "2022 / 2023"
    assert doc.tables()["adult_concern_locations"].header[0] == "Location"
    assert "SYNTHETIC" in " ".join(line for logo in doc.cover.logos for line in logo)


def test_an_edit_that_no_longer_applies_fails_loudly(main_entry):
    base = source.load(CORPUS / main_entry.source)
    spec = synthetic.SyntheticSpec(
        "x",
        "t",
        "2030-31",
        "SYNTHETIC",
        ({"kind": "replace", "old": "no such sentence", "new": "y"},),
    )
    with pytest.raises(synthetic.TransformError, match="expected 1 hits, found 0"):
        synthetic.synthesise(base, spec)
    spec = synthetic.SyntheticSpec(
        "x", "t", "2030-31", "SYNTHETIC", ({"kind": "drop_statement", "heading": "Nobody"},)
    )
    with pytest.raises(synthetic.TransformError, match="no partner statement headed 'Nobody'"):
        synthetic.synthesise(base, spec)
