"""What recognition hands to validation: unvalidated records and reader's findings."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..layout import BBox


@dataclass(frozen=True)
class Candidate:
    """Fields for one record of ``table`` (a key of ``models.RECORD_MODELS``), as printed."""

    table: str
    fields: dict[str, Any]


@dataclass(frozen=True)
class Finding:
    """Something a careful reader would question, with where it is printed."""

    kind: str
    message: str
    page: int | None
    bbox: BBox | None
    source_text: str | None
