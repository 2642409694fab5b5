"""PDF layout: pages read once into words, lines and rules, in reading order."""

from .furniture import strip_furniture
from .model import BBox, Line, PageLayout, Rule, Word
from .pdf import (
    DEFAULT_LIMITS,
    Limits,
    PdfReader,
    as_named_error,
    open_pdf,
    page_layout,
    raised_by_pdf_library,
    time_limit,
)
from .reading import join_lines

__all__ = [
    "DEFAULT_LIMITS",
    "BBox",
    "Limits",
    "Line",
    "PageLayout",
    "PdfReader",
    "Rule",
    "Word",
    "as_named_error",
    "join_lines",
    "open_pdf",
    "page_layout",
    "raised_by_pdf_library",
    "strip_furniture",
    "time_limit",
]
