"""Third, independent PDF producer: corpus blocks -> HTML -> headless Chromium (Skia) PDF.

It prints ``render_html``'s HTML with a style sheet of its own, made to look like a report
published on the web and printed from a browser: Liberation Sans throughout, left-aligned
text, and **zebra tables** — no stroked lines at all, a filled band behind the header row and
light stripes behind alternate body rows. Every non-``plain`` table style is drawn this way;
``plain`` tables stay whitespace-only. Nothing on any page is stroked: the cover's logos, the
partner statements' headings and the chart placeholders are filled shapes.

Chromium has no CSS ``target-counter()``, so the contents page is laid out twice: the first
print carries "00" for every entry (digits are equally wide), the PDF's named destinations
say which page each heading landed on, and the second print carries those numbers.

Determinism: Skia writes the same bytes for the same HTML, except the document information
dictionary's /CreationDate and /ModDate, which are stamped with the wall clock. They are
overwritten in place with the fixed date below (same length, so the xref stays valid).
Skia writes no /ID. The fonts must be Debian's (fonts-liberation, which Debian's chromium
package recommends); nothing is fetched.
"""

from __future__ import annotations

import os
import pathlib
import re
import shutil
import subprocess
import tempfile

from wstextract.corpus.render_html import to_html
from wstextract.corpus.source import Contents, Document, Heading

# Stamped over Chromium's wall-clock dates: 2022-09-01, as for the WeasyPrint variant.
PDF_DATE = b"D:20220901000000+00'00'"
_DATE = re.compile(rb"/(CreationDate|ModDate) \(D:\d{14}[-+Z][^)]*\)")

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--no-first-run",
    "--no-default-browser-check",
    "--hide-scrollbars",
    "--font-render-hinting=none",
    "--no-pdf-header-footer",
)

_FONT = '"Liberation Sans"'
_NAVY = "#1f4e79"

CSS = f"""
@page {{
  size: A4;
  margin: 22mm 18mm 20mm 18mm;
  @top-left {{
    content: RUNNING_TITLE;
    font-family: {_FONT}; font-size: 8pt; color: #5a5a5a;
    vertical-align: bottom; padding-bottom: 4mm;
  }}
  @bottom-right {{
    content: "Page " counter(page);
    font-family: {_FONT}; font-size: 8pt; color: #5a5a5a;
  }}
}}
@page cover {{
  @top-left {{ content: none; }}
}}
html {{ font-family: {_FONT}; font-size: 10pt; line-height: 1.4; color: #222; }}
body {{ margin: 0; }}
p {{ margin: 0 0 2.4mm 0; text-align: left; }}
h1, h2, h3 {{
  font-family: {_FONT}; font-weight: bold; color: {_NAVY};
  break-after: avoid; text-align: left;
}}
h1 {{ font-size: 18pt; margin: 0 0 4mm 0; }}
h2 {{ font-size: 13.5pt; margin: 5mm 0 2.5mm 0; }}
h3 {{ font-size: 11pt; margin: 4mm 0 2mm 0; }}
.brk {{ break-before: page; }}
h1.brk, h2.brk, h3.brk {{ margin-top: 0; }}
.statement {{
  break-before: page; margin-top: 0; padding: 3mm 4mm;
  background: #dce6f1; color: {_NAVY};
}}
p.role {{ font-style: italic; margin: -1mm 0 4mm 0; color: #444; }}
ul {{ margin: 0 0 2.4mm 0; padding-left: 6mm; }}
ul ul {{ margin: 0.8mm 0 0.8mm 0; list-style-type: circle; }}
li {{ margin: 0 0 1mm 0; text-align: left; }}
li.bare {{ list-style: none; }}

/* cover */
section.cover {{ page: cover; text-align: center; padding-top: 40mm; }}
.cover .partnership {{
  font-size: 30pt; font-weight: bold; line-height: 1.15; color: {_NAVY};
  text-align: center; margin: 0 0 12mm 0;
}}
.cover .title {{ font-size: 20pt; text-align: center; margin: 0 0 80mm 0; }}
.cover .logo {{
  display: inline-block; vertical-align: top; background: #e8eef4;
  padding: 3mm 4mm; margin: 0 4mm; text-align: left; font-size: 10pt; font-weight: bold;
}}
.cover .logo p {{ margin: 0; text-align: left; }}

/* contents: title left, page number right, no leader dots */
.toc {{ margin-top: 4mm; }}
.toc p {{ display: flex; justify-content: space-between; margin: 0 0 3mm 0; }}
.toc a {{ color: inherit; text-decoration: none; }}
.toc .pg {{ padding-left: 6mm; }}

/* zebra tables: no strokes anywhere, a filled header band, striped body rows */
table {{
  border-collapse: collapse; border: none; width: 100%; margin: 2mm 0 4mm 0;
  font-family: {_FONT}; font-size: 9pt; line-height: 1.3;
}}
th, td {{ border: none; vertical-align: top; text-align: left; padding: 1.6mm 2.4mm; }}
th {{ font-weight: bold; }}
td p, th p {{ margin: 0 0 1mm 0; }}
td p:last-child, th p:last-child {{ margin-bottom: 0; }}
td ul, th ul {{ margin: 0 0 1mm 0; padding-left: 4mm; }}
td li {{ margin: 0; }}
tr {{ break-inside: avoid; }}
table.ruled thead th {{ background: {_NAVY}; color: #fff; }}
table.ruled tbody tr:nth-child(even) td {{ background: #e8eef4; }}
table.plain th, table.plain td {{ padding: 1mm 5mm 1mm 0; }}

/* chart placeholders: the original's numbers are not in the source, so none here */
div.graphic {{ background: #e3e3e3; margin: 3mm 0 4mm 0; break-inside: avoid; }}

div.cols {{ column-gap: 8mm; }}
div.cols h1 {{ column-span: all; }}
"""


def chromium_binary() -> str:
    """The Chromium to print with: $WSTEXTRACT_CHROMIUM, else `chromium` on the PATH."""
    for name in (os.environ.get("WSTEXTRACT_CHROMIUM"), "chromium", "chromium-browser"):
        if name and (found := shutil.which(name)):
            return found
    raise FileNotFoundError(
        "the chromium producer needs Chromium: apt-get install chromium"
        " (or set WSTEXTRACT_CHROMIUM)"
    )


def _print(html_text: str, workdir: pathlib.Path, name: str) -> pathlib.Path:
    """One headless print of ``html_text`` to a PDF in ``workdir``."""
    page = workdir / f"{name}.html"
    page.write_text(html_text, encoding="utf-8")
    out = workdir / f"{name}.pdf"
    cmd = [
        chromium_binary(),
        *FLAGS,
        f"--user-data-dir={workdir / 'profile'}",
        f"--print-to-pdf={out}",
        page.as_uri(),
    ]
    env = {**os.environ, "TZ": "UTC", "LANG": "C.UTF-8"}
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=300, env=env)
    if done.returncode != 0 or not out.exists():
        tail = (done.stderr or done.stdout).strip().splitlines()[-5:]
        raise OSError(f"chromium failed (exit {done.returncode}): " + " | ".join(tail))
    return out


def destination_pages(pdf_path: pathlib.Path) -> dict[str, int]:
    """Named destination -> 1-based page number, from the catalog's /Dests."""
    import pdfplumber
    from pdfminer.pdftypes import resolve1

    with pdfplumber.open(pdf_path) as pdf:
        page_of = {page.page_obj.pageid: page.page_number for page in pdf.pages}
        dests = resolve1(pdf.doc.catalog.get("Dests")) or {}
        out = {}
        for name, dest in dests.items():
            dest = resolve1(dest)
            if isinstance(dest, dict):
                dest = resolve1(dest.get("D"))
            ref = dest[0] if dest else None
            if ref is not None and getattr(ref, "objid", None) in page_of:
                key = name.decode() if isinstance(name, bytes) else str(name)
                out[key] = page_of[ref.objid]
        return out


def fix_dates(data: bytes) -> bytes:
    """Chromium's wall-clock /CreationDate and /ModDate, overwritten in place."""

    def stamp(m: re.Match[bytes]) -> bytes:
        old = m[0]
        new = b"/" + m[1] + b" (" + PDF_DATE + b")"
        if len(new) != len(old):  # keep every byte offset (the xref) valid
            raise ValueError(f"unexpected date format from chromium: {old!r}")
        return new

    fixed, count = _DATE.subn(stamp, data)
    if count != 2:
        raise ValueError(f"expected /CreationDate and /ModDate once each, found {count} dates")
    return fixed


def write_pdf(doc: Document, out: pathlib.Path, *, running_title: str) -> None:
    """Print with Chromium (A4, from the CSS), numbering the contents page from a first print."""
    headings = {b.anchor for b in doc.blocks if isinstance(b, Heading) and b.anchor}
    linked = {e.anchor for b in doc.blocks if isinstance(b, Contents) for e in b.entries}
    anchors = sorted(headings & linked)
    numbers = dict.fromkeys(anchors, 0)
    with tempfile.TemporaryDirectory(prefix="wst-chromium-") as tmp:
        workdir = pathlib.Path(tmp)
        for attempt in range(4):
            html_text = to_html(doc, running_title=running_title, css=CSS, page_numbers=numbers)
            pdf = _print(html_text, workdir, f"pass{attempt}")
            found = destination_pages(pdf)
            landed = {a: found.get(a, 0) for a in anchors}
            if landed == numbers:
                break
            numbers = landed
        else:
            raise ValueError("the contents page numbers did not settle after 4 prints")
        missing = [a for a in anchors if not numbers[a]]
        if missing:
            raise ValueError(f"chromium wrote no destination for {missing}")
        data = fix_dates(pdf.read_bytes())
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(data)
