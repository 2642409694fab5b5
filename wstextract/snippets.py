"""Page snippets: a PNG of the strip of page around each stored number, the number boxed.

A researcher checks any value against the page in one click. Pages are rendered with pdfium
(pypdfium2, already a pdfplumber dependency), each page once however many numbers it holds.
"""

from __future__ import annotations

import io
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image, ImageDraw

from .layout import BBox

SCALE = 1.5  # pixels per PDF point: small files, still legible
MARGIN_Y = 14.0  # points of page kept above and below the number's line
MARGIN_X = 36.0
HIGHLIGHT = (255, 0, 0)


@dataclass(frozen=True)
class Snippet:
    snippet_id: int
    page: int
    bbox: BBox
    png: bytes


def render_snippets(
    pdf_path: Path, wanted: list[tuple[int, BBox]], password: str | None = None
) -> dict[tuple[int, BBox], Snippet]:
    """One snippet per distinct (page, bbox) in ``wanted``."""
    by_page: dict[int, list[BBox]] = defaultdict(list)
    for page, bbox in dict.fromkeys(wanted):
        by_page[page].append(bbox)
    out: dict[tuple[int, BBox], Snippet] = {}
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
                out[(page_no, bbox)] = Snippet(len(out) + 1, page_no, bbox, buffer.getvalue())
    finally:
        pdf.close()
    return out


def _palette_index(image: Image.Image, rgb: tuple[int, int, int]) -> int:
    palette = image.getpalette() or []
    colours = [tuple(palette[i : i + 3]) for i in range(0, len(palette), 3)]
    return colours.index(rgb) if rgb in colours else 0
