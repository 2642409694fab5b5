"""Report structure: metadata and period, headings, contents page, sections, appendices."""

from .metadata import ReportMetadata, find_metadata
from .sections import (
    ContentsEntry,
    Heading,
    apply_contents,
    find_contents,
    find_headings,
    mark_appendices,
    section_of,
)

__all__ = [
    "ContentsEntry",
    "Heading",
    "ReportMetadata",
    "apply_contents",
    "find_contents",
    "find_headings",
    "find_metadata",
    "mark_appendices",
    "section_of",
]
