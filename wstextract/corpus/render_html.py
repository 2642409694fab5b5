"""Second, independent PDF producer: corpus blocks -> HTML -> WeasyPrint PDF.

The main producer is reportlab (``render_pdf``). This one exists so tests can show the
extractor copes with a different layout engine, font (DejaVu, not Helvetica), text
ordering and page furniture. It renders from the same parsed blocks and never adds
text of its own beyond the running header and the "Page N" footer.

``render_chromium`` (the third producer) prints this same HTML with its own style sheet
and the contents page's numbers as text (``to_html(css=..., page_numbers=...)``).
"""

from __future__ import annotations

import contextlib
import html
import os
import pathlib
from collections.abc import Iterator, Mapping

from wstextract.corpus.source import (
    Bullet,
    CellPart,
    Columns,
    Contents,
    Cover,
    Document,
    Graphic,
    Heading,
    PageBreak,
    Paragraph,
    Role,
    Table,
)

# Fixed dates so that two builds of the same source give the same PDF bytes.
CREATED = "2022-09-01"
MODIFIED = "2022-09-01"
# 2022-09-01T00:00:00Z. Without libharfbuzz-subset WeasyPrint subsets fonts with fontTools,
# which stamps each embedded font's 'head' table with the current time unless this is set.
SOURCE_DATE_EPOCH = "1661990400"

_CSS = """
@page {
  size: A4;
  margin: 24mm 20mm 22mm 20mm;
  @top-center {
    content: RUNNING_TITLE;
    font-family: "DejaVu Sans";
    font-size: 8pt;
    color: #4a4a4a;
    vertical-align: bottom;
    padding-bottom: 4mm;
  }
  @bottom-center {
    content: "Page " counter(page);
    font-family: "DejaVu Sans";
    font-size: 8pt;
    color: #4a4a4a;
  }
}
@page cover {
  @top-center { content: none; }
}
html { font-family: "DejaVu Serif"; font-size: 10pt; line-height: 1.35; color: #1a1a1a; }
body { margin: 0; }
p { margin: 0 0 2.2mm 0; text-align: justify; }
h1, h2, h3 {
  font-family: "DejaVu Sans"; font-weight: bold; color: #3d2466;
  break-after: avoid; text-align: left;
}
h1 { font-size: 17pt; margin: 0 0 4mm 0; }
h2 { font-size: 13pt; margin: 5mm 0 2.5mm 0; }
h3 { font-size: 11pt; margin: 4mm 0 2mm 0; }
.brk { break-before: page; }
h1.brk, h2.brk, h3.brk { margin-top: 0; }
.statement {
  break-before: page; margin-top: 0; padding: 2.5mm 3mm;
  background: #ece7f4; border-left: 4pt solid #5b2c83; color: #2a1748;
}
p.role { font-style: italic; text-align: left; margin: -1mm 0 4mm 0; color: #3b3b3b; }
ul { margin: 0 0 2.2mm 0; padding-left: 6mm; }
ul ul { margin: 0.8mm 0 0.8mm 0; list-style-type: circle; }
li { margin: 0 0 1mm 0; text-align: left; }
li.bare { list-style: none; }

/* cover */
section.cover { page: cover; text-align: center; padding-top: 45mm; }
.cover .partnership {
  font-family: "DejaVu Sans"; font-size: 30pt; font-weight: bold; line-height: 1.15;
  color: #3d2466; text-align: center; margin: 0 0 12mm 0;
}
.cover .title {
  font-family: "DejaVu Sans"; font-size: 20pt; color: #1a1a1a; text-align: center;
  margin: 0 0 80mm 0;
}
.cover .logo {
  display: inline-block; vertical-align: top; border: 1pt solid #3d2466;
  padding: 3mm 4mm; margin: 0 4mm; text-align: left;
  font-family: "DejaVu Sans"; font-size: 10pt; font-weight: bold;
}
.cover .logo p { margin: 0; text-align: left; }

/* contents */
.toc { margin-top: 4mm; font-family: "DejaVu Sans"; }
.toc p { margin: 0 0 3mm 0; text-align: left; }
.toc a { color: inherit; text-decoration: none; }
.toc a::after { content: leader(".") " " target-counter(attr(href url), page); }

/* tables */
table {
  border-collapse: collapse; width: 100%; margin: 2mm 0 4mm 0;
  font-family: "DejaVu Sans"; font-size: 8.5pt; line-height: 1.3;
}
th, td { vertical-align: top; text-align: left; padding: 1.2mm 2mm; }
th { font-weight: bold; }
td p, th p { margin: 0 0 1mm 0; text-align: left; }
td p:last-child, th p:last-child { margin-bottom: 0; }
td ul, th ul { margin: 0 0 1mm 0; padding-left: 4mm; }
td li { text-align: left; margin: 0; }
tr { break-inside: avoid; }
table.ruled th, table.ruled td { border: 0.6pt solid #555; }
table.ruled thead th { background: #e4def0; }
table.plain, table.plain th, table.plain td { border: none; }
table.plain th, table.plain td { padding: 1mm 5mm 1mm 0; }

/* chart placeholders: the original's numbers are not in the source, so none here */
div.graphic { background: #e3e3e3; margin: 3mm 0 4mm 0; break-inside: avoid; }

div.cols { column-gap: 8mm; }
div.cols h1 { column-span: all; }
"""


def _esc(text: str) -> str:
    """Escape for HTML text and attribute values alike."""
    return html.escape(text, quote=True)


def _css_string(text: str) -> str:
    """Quote text as a CSS string that is also safe inside a <style> element."""
    out = []
    for ch in text:
        if ch in '\\"<>&' or ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\{ord(ch):x} ")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def _cls(*names: str | None) -> str:
    """A class attribute from the given names, or nothing when there are none."""
    names_ = [n for n in names if n]
    return f' class="{" ".join(names_)}"' if names_ else ""


def _cell(parts: tuple[CellPart, ...]) -> str:
    """A table cell's parts as <p>s, consecutive bullet parts gathered into one <ul>."""
    out: list[str] = []
    in_list = False
    for part in parts:
        if part.bullet and not in_list:
            out.append("<ul>")
            in_list = True
        elif not part.bullet and in_list:
            out.append("</ul>")
            in_list = False
        out.append(f"<li>{_esc(part.text)}</li>" if part.bullet else f"<p>{_esc(part.text)}</p>")
    if in_list:
        out.append("</ul>")
    return "".join(out)


def _table(table: Table, brk: str | None) -> str:
    """A table; 'ruled' gets grid lines, 'plain' only whitespace, as in the original."""
    style = "plain" if table.style == "plain" else "ruled"
    out = [f'<table{_cls(style, brk)} data-name="{_esc(table.name)}">']
    rows = list(table.rows)
    if table.has_header and rows:
        cells = "".join(f"<th>{_cell(c)}</th>" for c in rows[0])
        out.append(f"<thead><tr>{cells}</tr></thead>")
        rows = rows[1:]
    out.append("<tbody>")
    for row in rows:
        out.append("<tr>" + "".join(f"<td>{_cell(c)}</td>" for c in row) + "</tr>")
    out.append("</tbody></table>")
    return "".join(out)


def _cover(cover: Cover) -> str:
    """The cover page: a named page so that it carries no running header."""
    logos = "".join(
        '<div class="logo">' + "".join(f"<p>{_esc(line)}</p>" for line in logo) + "</div>"
        for logo in cover.logos
    )
    return (
        '<section class="cover">'
        f'<p class="partnership">{_esc(cover.partnership)}</p>'
        f'<p class="title">{_esc(cover.title)}</p>'
        f'<div class="logos">{logos}</div>'
        "</section>"
    )


def _contents(
    contents: Contents, anchors: set[str], page_numbers: Mapping[str, int] | None = None
) -> str:
    """Contents entries; the page number is WeasyPrint's, taken from the heading's page.

    A producer without CSS ``target-counter()`` (Chromium) passes ``page_numbers`` instead:
    each linked entry then prints its number as text, in a ``span.pg`` after the link.
    """
    out = ['<div class="toc">']
    for entry in contents.entries:
        if entry.anchor in anchors and page_numbers is not None:
            number = page_numbers.get(entry.anchor, 0)
            out.append(
                f'<p><a href="#{_esc(entry.anchor)}">{_esc(entry.title)}</a>'
                f'<span class="pg">{number:02d}</span></p>'
            )
        elif entry.anchor in anchors:
            out.append(f'<p><a href="#{_esc(entry.anchor)}">{_esc(entry.title)}</a></p>')
        else:
            # No heading carries this anchor, so there is no true page number to print.
            out.append(f"<p>{_esc(entry.title)}</p>")
    out.append("</div>")
    return "".join(out)


class _Body:
    """Accumulates body HTML, tracking the open bullet list and column container."""

    def __init__(self) -> None:
        self.out: list[str] = []
        self.list_depth = 0
        self.in_columns = False
        self.pending_break = False

    def take_break(self) -> str | None:
        """The 'brk' class for the next element after a page break, once."""
        if self.pending_break:
            self.pending_break = False
            return "brk"
        return None

    def close_lists(self) -> None:
        """End the open bullet list: any non-bullet block ends it."""
        if not self.list_depth:
            return
        while self.list_depth:
            self.out.append("</li></ul>")
            self.list_depth -= 1
        self.out.append("\n")

    def bullet(self, bullet: Bullet) -> None:
        """Keep consecutive bullets in one list, nesting deeper levels in the open item."""
        level = max(1, bullet.level)
        while self.list_depth > level:
            self.out.append("</li></ul>")
            self.list_depth -= 1
        if self.list_depth == level:
            self.out.append("</li><li>")
        while self.list_depth < level:
            brk = self.take_break() if self.list_depth == 0 else None
            self.list_depth += 1
            item = "<li>" if self.list_depth == level else '<li class="bare">'
            self.out.append(f"<ul{_cls(brk)}>{item}")
        self.out.append(_esc(bullet.text))

    def columns(self, count: int) -> None:
        """Columns always start a new page; count 1 returns to the single column."""
        if self.in_columns:
            self.out.append("</div>\n")
            self.in_columns = False
        self.pending_break = True
        if count > 1:
            brk = self.take_break()
            self.out.append(f'<div{_cls("cols", brk)} style="columns: {count}">\n')
            self.in_columns = True

    def finish(self) -> str:
        """Close what is still open and return the body HTML."""
        self.close_lists()
        if self.in_columns:
            self.out.append("</div>\n")
        # No whitespace inside list items: WeasyPrint breaks a line that only just fits
        # too early when the item ends with collapsible whitespace.
        return "".join(self.out)


def to_html(
    doc: Document,
    *,
    running_title: str,
    css: str = _CSS,
    page_numbers: Mapping[str, int] | None = None,
) -> str:
    """The whole report as one self-contained HTML page (no external resources).

    ``css`` is the style sheet (``RUNNING_TITLE`` in it becomes the quoted running title);
    the default is WeasyPrint's print theme. ``page_numbers`` (heading anchor -> page) prints
    the contents page's numbers as text, for producers without ``target-counter()``.
    """
    anchors = {b.anchor for b in doc.blocks if isinstance(b, Heading) and b.anchor}
    body = _Body()
    for block in doc.blocks:
        if isinstance(block, Bullet):
            body.bullet(block)
            continue
        body.close_lists()
        if isinstance(block, PageBreak):
            body.pending_break = True
        elif isinstance(block, Columns):
            body.columns(block.count)
        elif isinstance(block, Cover):
            body.pending_break = False
            body.out.append(_cover(block))
        elif isinstance(block, Contents):
            body.out.append(_contents(block, anchors, page_numbers))
        elif isinstance(block, Heading):
            level = min(max(block.level, 1), 6)
            brk = body.take_break()
            cls = _cls("statement" if block.statement else None, brk)
            ident = f' id="{_esc(block.anchor)}"' if block.anchor else ""
            body.out.append(f"<h{level}{ident}{cls}>{_esc(block.text)}</h{level}>")
        elif isinstance(block, Role):
            body.out.append(f"<p{_cls('role', body.take_break())}>{_esc(block.text)}</p>")
        elif isinstance(block, Paragraph):
            body.out.append(f"<p{_cls(body.take_break())}>{_esc(block.text)}</p>")
        elif isinstance(block, Table):
            body.out.append(_table(block, body.take_break()))
        elif isinstance(block, Graphic):
            brk = body.take_break()
            style = f"height: {block.height_mm:g}mm"
            body.out.append(f'<div{_cls("graphic", brk)} style="{style}"></div>')
        else:  # pragma: no cover - a new block type must be rendered deliberately
            raise TypeError(f"cannot render {type(block).__name__}")
        body.out.append("\n")
    css = css.replace("RUNNING_TITLE", _css_string(running_title))
    try:
        cover = doc.cover
        title = f"{cover.partnership} – {cover.title}"
    except StopIteration:
        title = running_title
    return (
        '<!DOCTYPE html>\n<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{_esc(title)}</title>\n"
        f'<meta name="dcterms.created" content="{CREATED}">\n'
        f'<meta name="dcterms.modified" content="{MODIFIED}">\n'
        f"<style>{css}</style>\n</head>\n<body>\n{body.finish()}\n</body>\n</html>\n"
    )


@contextlib.contextmanager
def _source_date_epoch() -> Iterator[None]:
    """Pin font timestamps for one build, unless the caller already pinned them."""
    if "SOURCE_DATE_EPOCH" in os.environ:
        yield
        return
    os.environ["SOURCE_DATE_EPOCH"] = SOURCE_DATE_EPOCH
    try:
        yield
    finally:
        os.environ.pop("SOURCE_DATE_EPOCH", None)


def write_pdf(doc: Document, out: pathlib.Path, *, running_title: str) -> None:
    """Render with WeasyPrint (A4, set in the CSS); every URL fetch is refused."""
    from weasyprint import HTML, URLFetcher  # optional extra: import only when used

    fetcher = URLFetcher(allowed_protocols=())
    html_ = HTML(string=to_html(doc, running_title=running_title), url_fetcher=fetcher)
    out.parent.mkdir(parents=True, exist_ok=True)
    with _source_date_epoch():
        html_.write_pdf(out)
