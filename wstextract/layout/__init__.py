"""PDF layout: pages read once into words, lines and rules, in reading order."""

from .furniture import strip_furniture
from .model import BBox, Line, PageLayout, Rule, Word
from .pdf import (
    DAMAGE,
    DEFAULT_LIMITS,
    Limits,
    PdfReader,
    as_named_error,
    open_pdf,
    page_layout,
    time_limit,
)
from .reading import join_lines

__all__ = [
    "DAMAGE",
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
    "strip_furniture",
    "time_limit",
]
