"""The published schema documents agree with the code: the researchers' API cannot drift."""

from __future__ import annotations

import re

from conftest import ROOT

from wstextract import schemas, store


def test_json_schemas_match_the_models():
    assert schemas.drift() == [], "run `wstextract schemas export` and commit schemas/"


def test_data_dictionary_documents_every_table_and_column():
    text = (ROOT / "schemas" / "data-dictionary.md").read_text(encoding="utf-8")
    for table, columns in store.COLUMNS.items():
        section = re.search(rf"^## `{table}`\n(.*?)(?=^## |\Z)", text, re.S | re.M)
        assert section, f"data-dictionary.md has no section for {table}"
        documented = re.findall(r"^\| `(\w+)` \|", section[1], re.M)
        assert documented == list(columns), f"{table}: columns documented {documented}"
