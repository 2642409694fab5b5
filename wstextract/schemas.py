"""JSON Schemas of the stored records, exported from the pydantic models into ``schemas/``.

The files are committed so researchers can read them without Python; a test fails when they
drift from the models (``wstextract schemas export`` brings them back in line).
"""

from __future__ import annotations

import json
from pathlib import Path

from .models import RECORD_MODELS

SCHEMAS_DIR = Path(__file__).resolve().parents[1] / "schemas"


def json_schemas() -> dict[str, str]:
    """File name -> JSON text, one schema per stored table."""
    out = {}
    for table, model in RECORD_MODELS.items():
        schema = model.model_json_schema()
        schema["$id"] = f"https://wstextract.invalid/schemas/{table}.schema.json"
        schema["title"] = f"{table} ({model.__name__})"
        out[f"{table}.schema.json"] = json.dumps(schema, indent=2, sort_keys=True) + "\n"
    return out


def export(directory: Path = SCHEMAS_DIR) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in json_schemas().items():
        path = directory / name
        path.write_text(text, encoding="utf-8")
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
