"""JSON Schemas of the stored records, exported from the pydantic models into ``schemas/``.

The files are committed so researchers can read them without Python; a test fails when they
drift from the models (``wstextract schemas export`` brings them back in line).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from .models import RECORD_MODELS
from .specs import MetricDefinitions

SCHEMAS_DIR = Path(__file__).resolve().parents[1] / "schemas"
METRICS_DOC = "metrics.md"
_BLOCK = re.compile(r"(<!-- definitions:start[^>]*-->\n).*?(<!-- definitions:end -->)", re.DOTALL)


def json_schemas() -> dict[str, str]:
    """File name -> JSON text, one schema per stored table."""
    out = {}
    for table, model in RECORD_MODELS.items():
        schema = model.model_json_schema()
        schema["$id"] = f"https://wstextract.invalid/schemas/{table}.schema.json"
        schema["title"] = f"{table} ({model.__name__})"
        out[f"{table}.schema.json"] = json.dumps(schema, indent=2, sort_keys=True) + "\n"
    return out


def wording(definitions: MetricDefinitions) -> str:
    """The words each narrative metric definition accepts, as Markdown for schemas/metrics.md."""
    out = []
    for d in sorted(definitions.metric, key=lambda d: d.name):
        out.append(f"#### `{d.name}`\n")
        out.append(f"{d.says}. Units: {', '.join(f'`{u}`' for u in d.units)}.")
        if d.change_of:
            out.append(f" The change of `{d.change_of}`, read from the same words with a word")
            out.append(' of change ("an increase of", "fewer", "down"); a fall is negative.')
        if d.peak_of:
            out.append(f" The largest age band of `{d.peak_of}`, read from the same words beside")
            out.append(' a superlative and a band ("the busiest band was 80 to 89, with 644");')
            out.append(" the category is the band (`80_89`).")
        where = (
            f"in the statements of {', '.join(d.partners)}"
            + (" and in the report's own chapters" if d.in_body else " only")
            if d.partners
            else "outside partner statements"
            + (
                f", and in the statements of {', '.join(d.also_partners)}"
                if d.also_partners
                else ""
            )
        )
        out.append(f" Read {where}.\n")
        if d.terms:
            out.append(f"\n- Terms: {'; '.join(d.terms)}")
        if d.share_of:
            out.append(f"\n- A percent of: {'; '.join(d.share_of)}")
        if d.share_with:
            out.append(f" (when the sentence names {'; '.join(d.share_with)})")
        if d.context:
            out.append(
                f"\n- Only where the sentence, paragraph or heading says: {'; '.join(d.context)}"
            )
        if d.unless:
            out.append(f"\n- Not where the sentence says: {'; '.join(d.unless)}")
        for slug, words in d.categories.items():
            out.append(f"\n- Category `{slug}`: {'; '.join(words)}")
        if d.named_by:
            out.append(
                f"\n- A new category: a name in Title Case before {'; '.join(d.named_by)} "
                '("the new Professional Curiosity course" is `professional_curiosity`)'
            )
        if d.ranges:
            out.append("\n- A printed range is stored as categories `range_low` and `range_high`")
        if d.in_words:
            out.append('\n- Also counted in words ("two reviews", "no reviews")')
        out.append("\n\n")
    return "".join(out)


def metrics_doc(text: str, definitions: MetricDefinitions) -> str:
    """``schemas/metrics.md`` with its Recognised wording block written from the definitions."""
    if not _BLOCK.search(text):
        raise ValueError(f"{METRICS_DOC} has no definitions:start/end block")
    return _BLOCK.sub(lambda m: m[1] + wording(definitions) + m[2], text)


def export(
    directory: Path = SCHEMAS_DIR, definitions: MetricDefinitions | None = None
) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in json_schemas().items():
        path = directory / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    if definitions is not None:
        path = directory / METRICS_DOC
        path.write_text(metrics_doc(path.read_text(encoding="utf-8"), definitions), "utf-8")
        written.append(path)
    return written


def drift(directory: Path = SCHEMAS_DIR) -> list[str]:
    """Schema files that are missing or differ from the models."""
    stale = []
    for name, text in json_schemas().items():
        path = directory / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            stale.append(name)
    return stale
