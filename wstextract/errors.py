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


class TooSlow(TooLarge):
    """A page (or the document structure) took longer to read than --page-timeout."""


class InternalError(Exception):
    """A bug in wstextract itself, met while doing ``where`` (e.g. "reading page 3").

    Not a :class:`WstError`: the file is not to blame. The caller logs the traceback of its
    ``__cause__`` and asks the user to report it (exit code 1).
    """

    exit_code = 1

    def __init__(self, path: object, where: str):
        super().__init__(f"{path}: internal error while {where}")
        self.where = where


class PeriodAlreadyStored(WstError):
    """Another file for the same report period is in the database; --replace swaps it."""

    exit_code = 3
