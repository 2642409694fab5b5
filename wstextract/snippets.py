"""Page snippets: a PNG of the strip of page around each stored number, the number boxed.

A researcher checks any value against the page in one click. Pages are rendered with pdfium
(pypdfium2, already a pdfplumber dependency), each page once however many numbers it holds.
"""

from __future__ import annotations

import io
import tempfile
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import overload

import pypdfium2 as pdfium
from PIL import Image, ImageDraw

from . import models
from .layout import BBox

SCALE = 1.5  # pixels per PDF point: small files, still legible
MARGIN_Y = 14.0  # points of page kept above and below the number's line
MARGIN_X = 36.0
HIGHLIGHT = (255, 0, 0)


@dataclass(frozen=True)
class Snippet:
    snippet_id: int  # numbered within the report, from 1
    page: int
    bbox: BBox
    offset: int  # where its PNG is in the spool file
    length: int


class Snippets(Sequence[models.Snippet]):
    """A report's snippets as records, their PNGs kept in a temporary file until stored.

    A long report has thousands of snippets; holding every PNG in memory until the single store
    at the end would make memory grow with the page count. Each record is built, and its PNG
    read back, only when it is asked for (the store reads them one by one).
    """

    def __init__(self, report_id: str) -> None:
        self.report_id = report_id
        self.places: dict[tuple[int, BBox], Snippet] = {}
        self._items: list[Snippet] = []
        # lives as long as the records; the OS deletes it when it is closed or collected
        self._spool = tempfile.TemporaryFile()  # noqa: SIM115

    def add(self, page: int, bbox: BBox, png: bytes) -> None:
        self._spool.seek(0, io.SEEK_END)
        snippet = Snippet(len(self._items) + 1, page, bbox, self._spool.tell(), len(png))
        self._spool.write(png)
        self.places[(page, bbox)] = snippet
        self._items.append(snippet)

    def __len__(self) -> int:
        return len(self._items)

    @overload
    def __getitem__(self, k: int) -> models.Snippet: ...
    @overload
    def __getitem__(self, k: slice) -> list[models.Snippet]: ...
    def __getitem__(self, k: int | slice) -> models.Snippet | list[models.Snippet]:
        if isinstance(k, slice):
            return [self[i] for i in range(*k.indices(len(self)))]
        s = self._items[k]
        self._spool.seek(s.offset)
        png = self._spool.read(s.length)
        return models.Snippet(
            report_id=self.report_id, snippet_id=s.snippet_id, page=s.page, bbox=s.bbox, png=png
        )


def render_snippets(
    pdf_path: Path, wanted: list[tuple[int, BBox]], report_id: str, password: str | None = None
) -> Snippets:
    """One snippet per distinct (page, bbox) in ``wanted``."""
    by_page: dict[int, list[BBox]] = defaultdict(list)
    for page, bbox in dict.fromkeys(wanted):
        by_page[page].append(bbox)
    out = Snippets(report_id)
    try:
        pdf = pdfium.PdfDocument(str(pdf_path), password=password)
    except pdfium.PdfiumError:
        return out  # pdfium cannot open what pdfminer could: numbers stay, pictures do not
    try:
        for page_no in sorted(by_page):
            try:
                page = pdf[page_no - 1]
            except pdfium.PdfiumError:
                continue  # a page pdfium cannot load gets no pictures
            # one palette conversion per page (fixed web palette, no dithering): crops of a
            # paletted image are cheap to encode, and pure red is in the palette
            image = (
                page.render(scale=SCALE)
                .to_pil()
                .convert("RGB")
                .convert("P", palette=Image.Palette.WEB, dither=Image.Dither.NONE)
            )
            red = _palette_index(image, HIGHLIGHT)
            width, height = page.get_size()
            page.close()
            for bbox in by_page[page_no]:
                x0, top, x1, bottom = bbox
                crop = (
                    max(0.0, min(x0, MARGIN_X) - 6),
                    max(0.0, top - MARGIN_Y),
                    min(width, max(x1, width - MARGIN_X) + 6),
                    min(height, bottom + MARGIN_Y),
                )
                box = tuple(round(v * SCALE) for v in crop)
                if box[2] <= box[0] or box[3] <= box[1]:
                    continue  # a number outside its page (a broken page size): no picture
                piece = image.crop(box)
                draw = ImageDraw.Draw(piece)
                draw.rectangle(
                    [
                        round((x0 - crop[0] - 2) * SCALE),
                        round((top - crop[1] - 2) * SCALE),
                        round((x1 - crop[0] + 2) * SCALE),
                        round((bottom - crop[1] + 2) * SCALE),
                    ],
                    outline=red,
                    width=2,
                )
                buffer = io.BytesIO()
                piece.save(buffer, "PNG", compress_level=1)  # speed over a few bytes
                out.add(page_no, bbox, buffer.getvalue())
    finally:
        pdf.close()
    return out


def _palette_index(image: Image.Image, rgb: tuple[int, int, int]) -> int:
    palette = image.getpalette() or []
    colours = [tuple(palette[i : i + 3]) for i in range(0, len(palette), 3)]
    return colours.index(rgb) if rgb in colours else 0
