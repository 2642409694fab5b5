"""schemas/metrics.md defines every narrative metric in words and lists the wording its
definition accepts, in step with extractors/metrics.toml."""

from __future__ import annotations

import re

from wstextract import schemas
from wstextract.specs import Extractors


def test_recognised_wording_is_in_step_with_the_definitions():
    doc = (schemas.SCHEMAS_DIR / schemas.METRICS_DOC).read_text(encoding="utf-8")
    definitions = Extractors().metrics
    assert schemas.metrics_doc(doc, definitions) == doc, (
        "schemas/metrics.md is out of step with extractors/metrics.toml: "
        "run `wstextract schemas export`"
    )
    # every synonym a definition accepts is listed for researchers
    for d in definitions.metric:
        block = doc.split(f"#### `{d.name}`", 1)[1].split("####", 1)[0]
        for term in [*d.terms, *d.share_of, *(w for ws in d.categories.values() for w in ws)]:
            assert term in block, f"{d.name}: {term!r} is not documented"


def test_every_defined_metric_has_a_definition_in_words():
    doc = (schemas.SCHEMAS_DIR / schemas.METRICS_DOC).read_text(encoding="utf-8")
    described = set(re.findall(r"^### `([a-z0-9_]+)`", doc, re.MULTILINE))
    defined = {d.name for d in Extractors().metrics.metric}
    assert defined - described == set()
    tables = {m.metric for t in Extractors().tables.table for m in t.measures}
    assert tables - described == set()
