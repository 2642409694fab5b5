"""Recognition: extractors/ specs applied to tables and text, yielding record candidates."""

from .model import Candidate, Finding
from .tables import Recognised, TableContext, recognise_table
from .text import find_text_issues

__all__ = [
    "Candidate",
    "Finding",
    "Recognised",
    "TableContext",
    "find_text_issues",
    "recognise_table",
]
