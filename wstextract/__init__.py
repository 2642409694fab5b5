"""wstextract: safeguarding-partnership annual reports (PDF) into traceable, queryable data."""

__version__ = "0.1.0"
