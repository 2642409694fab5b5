"""Open a PDF safely and read each page once into a :class:`PageLayout`.

pdfminer's parse is the expensive part of everything we do, so each page is parsed exactly
once: the caller gets the open pdfplumber page (for ruled-table finding, which needs its
chars and edges) together with its layout, and the page is closed as soon as the caller moves
on. ``page.close()`` is what keeps memory flat; ``flush_cache()`` misses the text-map cache.
"""

from __future__ import annotations

import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfplumber.page import Page
from pdfplumber.utils.exceptions import PdfminerException

from .. import errors
from .model import CID_REPLACEMENTS, PageLayout, Rule, Word
from .objects import prepare
from .reading import reading_order

WORD_ATTRS = ["fontname", "size"]


@dataclass(frozen=True)
class Limits:
    """How much a PDF may ask of us before we refuse it (pathological or hostile files)."""

    max_pages: int = 2000
    page_timeout: float = 30.0  # seconds to read one page; 0 turns the limit off

    def __post_init__(self) -> None:
        if self.max_pages < 1 or self.page_timeout < 0:
            raise ValueError(f"invalid limits: {self}")


DEFAULT_LIMITS = Limits()


@contextmanager
def time_limit(seconds: float, what: str) -> Iterator[None]:
    """Raise :class:`errors.TooSlow` if the block runs longer than ``seconds``.

    Uses SIGALRM, so it only guards the main thread of a process (each --jobs worker is one).
    """
    usable = seconds > 0 and threading.current_thread() is threading.main_thread()
    if not usable:
        yield
        return

    def expired(signum, frame):
        raise errors.TooSlow(
            f"{what} took longer than {seconds:g} s; the file may be "
            "pathological (raise --page-timeout to allow more)"
        )

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _words(page: Page) -> list[Word]:
    out = []
    for w in page.extract_words(extra_attrs=WORD_ATTRS, x_tolerance=1.5, y_tolerance=2):
        # interned: a report repeats its words, and keeps one string per distinct word
        text = sys.intern(CID_REPLACEMENTS.get(w["text"], w["text"]))
        if text.strip():
            out.append(
                Word(
                    text,
                    w["x0"],
                    w["x1"],
                    w["top"],
                    w["bottom"],
                    w["fontname"],
                    round(w["size"], 1),
                )
            )
    return out


def _rules(page: Page) -> list[Rule]:
    rules = [Rule(e["x0"], e["top"], e["x1"], e["bottom"]) for e in page.lines]
    for r in page.rects:
        thin = (r["x1"] - r["x0"]) <= 2 or (r["bottom"] - r["top"]) <= 2
        if thin or r.get("stroke"):
            rules.append(Rule(r["x0"], r["top"], r["x1"], r["bottom"]))
    return rules


def page_layout(page: Page) -> PageLayout:
    prepare(page)  # parse the page once, with the fast path for characters
    words = _words(page)
    lines, columns = reading_order(words, float(page.width), float(page.height))
    return PageLayout(
        number=page.page_number,
        width=float(page.width),
        height=float(page.height),
        lines=lines,
        rules=_rules(page),
        columns=columns,
    )


class PdfReader:
    """An open PDF whose pages are handed out one at a time and closed after use."""

    def __init__(self, pdf: pdfplumber.PDF, path: Path):
        self.pdf = pdf
        self.path = path

    @property
    def page_count(self) -> int:
        return len(self.pdf.pages)

    def pages(self) -> Iterator[Page]:
        """Each page in turn, closed as soon as the caller is done with it. (Damage shows up
        when the caller parses the page: see :func:`as_named_error`.)"""
        for page in self.pdf.pages:
            try:
                yield page
            finally:
                page.close()


@contextmanager
def open_pdf(path: Path, password: str | None = None) -> Iterator[PdfReader]:
    """Open ``path`` or raise a named :mod:`wstextract.errors` error saying what is wrong."""
    if not path.exists():
        raise errors.FileMissing(f"{path}: no such file")
    if path.is_dir():
        raise errors.FileMissing(f"{path}: is a directory, not a PDF file")
    with path.open("rb") as f:
        head = f.read(1024)
    if not head:
        raise errors.NotAPdf(f"{path}: the file is empty (0 bytes)")
    if b"%PDF-" not in head:
        raise errors.NotAPdf(f"{path}: not a PDF (no %PDF- header); is it an image or web page?")
    try:
        pdf = pdfplumber.open(path, password=password or "")
    except Exception as e:
        raise as_named_error(e, path, password) from e
    try:
        try:
            _ = pdf.pages  # reads the page tree: damage often shows up here
        except Exception as e:
            raise as_named_error(e, path, password) from e
        yield PdfReader(pdf, path)
    finally:
        _close(pdf)


def _close(pdf: pdfplumber.PDF) -> None:
    """Close the file even when the page tree is too broken for pdfplumber's own close(),
    which walks the pages again."""
    try:
        pdf.close()
    except Exception:
        if pdf.stream_is_external is False:
            pdf.stream.close()


# the libraries that parse the file: an exception raised inside them means the file is broken
PDF_LIBRARIES = ("pdfminer", "pdfplumber", "pypdfium2", "PIL")


def raised_by_pdf_library(error: BaseException) -> bool:
    """Was ``error`` raised while a PDF library parsed the file, rather than by our own code?

    Decided by where it was raised: walking the traceback from the innermost frame outwards,
    the first frame that belongs to a PDF library or to wstextract owns the error (frames of
    the standard library in between, such as ``zlib`` or ``struct`` called by pdfminer, belong
    to their caller). An error we raise on data a library handed us is our bug, not damage.
    """
    frames = []
    tb = error.__traceback__
    while tb is not None:
        frames.append(tb.tb_frame.f_globals.get("__name__", ""))
        tb = tb.tb_next
    for module in reversed(frames):
        root = module.partition(".")[0]
        if root in PDF_LIBRARIES:
            return True
        if root == "wstextract":
            return False
    return False


def as_named_error(
    error: BaseException, path: Path, password: str | None = None, page: int | None = None
) -> errors.WstError | errors.InternalError:
    """The error to show for an exception escaping a read of ``path`` (at ``page``): a named
    bad-input error when a PDF library raised it, otherwise an
    :class:`~wstextract.errors.InternalError`."""
    if isinstance(error, errors.WstError):
        return error
    cause = error.args[0] if isinstance(error, PdfminerException) and error.args else error
    if isinstance(cause, PDFPasswordIncorrect | PDFEncryptionError):
        hint = "the password is wrong" if password else "pass --password to open it"
        return errors.EncryptedPdf(f"{path}: the PDF is encrypted; {hint}")
    if raised_by_pdf_library(error):
        detail = str(cause) or type(cause).__name__
        where = f"{path}: page {page}" if page else path
        return errors.DamagedPdf(
            f"{where}: the PDF is damaged and cannot be read ({detail}); "
            "try re-downloading it or repairing it with qpdf"
        )
    return errors.InternalError(path, f"reading page {page}" if page else "reading it")
