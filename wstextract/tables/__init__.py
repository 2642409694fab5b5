"""Finding tables: ruled (drawn lines) and whitespace-only, merged across page breaks."""

from .merge import merge_continued
from .model import Cell, FoundTable
from .ruled import find_ruled_tables
from .whitespace import find_whitespace_tables

__all__ = ["Cell", "FoundTable", "find_ruled_tables", "find_whitespace_tables", "merge_continued"]
