"""Named errors a user sees as one line: what is wrong, with which file, and what to do.

``exit_code`` separates bad input (2) from a refusal to overwrite (3); anything else escaping
the pipeline is an internal error (1).
"""

from __future__ import annotations


class WstError(Exception):
    """Base for every error wstextract reports as a one-line message."""

    exit_code = 2


class BadInput(WstError):
    """The file cannot be ingested as it is."""


class FileMissing(BadInput):
    pass


class NotAPdf(BadInput):
    pass


class DamagedPdf(BadInput):
    pass


class EncryptedPdf(BadInput):
    pass


class NoTextLayer(BadInput):
    pass


class NotAnAnnualReport(BadInput):
    pass


class TooLarge(BadInput):
    """More pages than --max-pages, or a page slower to read than --page-timeout."""


class PeriodAlreadyStored(WstError):
    """Another file for the same report period is in the database; --replace swaps it."""

    exit_code = 3
