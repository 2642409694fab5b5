"""Render a corpus :class:`~wstextract.corpus.source.Document` as an A4 report with reportlab.

This is the corpus's main producer. It is built twice: the first pass records the page each
anchored heading lands on, the second prints those numbers on the contents page, so the
contents page always tells the truth about the PDF it is in. ``invariant`` mode makes the
bytes depend on the source only, so the committed PDF can be checked by rebuilding it.
"""

from __future__ import annotations

import math
from html import escape
from pathlib import Path

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    TableStyle,
)
from reportlab.platypus import Table as RLTable

from . import source as src

PAGE_W, PAGE_H = A4
MARGIN_X = 20 * mm
MARGIN_TOP = 22 * mm
MARGIN_BOTTOM = 20 * mm
BODY_W = PAGE_W - 2 * MARGIN_X
NAVY = colors.HexColor("#1F3864")
TEAL = colors.HexColor("#2E75B6")
SHADE = colors.HexColor("#DCE6F1")
COLUMN_GAP = 8 * mm
COLUMN_W = (BODY_W - COLUMN_GAP) / 2

STYLES = {
    "body": ParagraphStyle(
        "body", fontName="Helvetica", fontSize=10, leading=13.2, alignment=TA_JUSTIFY, spaceAfter=6
    ),
    "h1": ParagraphStyle(
        "h1",
        fontName="Helvetica-Bold",
        fontSize=18,
        leading=22,
        textColor=NAVY,
        spaceBefore=4,
        spaceAfter=10,
    ),
    "h2": ParagraphStyle(
        "h2",
        fontName="Helvetica-Bold",
        fontSize=14,
        leading=17,
        textColor=TEAL,
        spaceBefore=8,
        spaceAfter=6,
    ),
    "h3": ParagraphStyle(
        "h3",
        fontName="Helvetica-Bold",
        fontSize=11.5,
        leading=14,
        textColor=NAVY,
        spaceBefore=6,
        spaceAfter=4,
    ),
    "statement": ParagraphStyle(
        "statement",
        fontName="Helvetica-Bold",
        fontSize=16,
        leading=20,
        textColor=colors.white,
        backColor=NAVY,
        borderPadding=(6, 6, 6, 6),
        spaceBefore=2,
        spaceAfter=12,
    ),
    "role": ParagraphStyle(
        "role", fontName="Helvetica-Oblique", fontSize=11, leading=14, textColor=TEAL, spaceAfter=8
    ),
    "cell": ParagraphStyle("cell", fontName="Helvetica", fontSize=9, leading=11),
    "cell_head": ParagraphStyle("cell_head", fontName="Helvetica-Bold", fontSize=9, leading=11),
    "contents": ParagraphStyle("contents", fontName="Helvetica", fontSize=11, leading=15),
    "contents_page": ParagraphStyle(
        "contents_page", fontName="Helvetica-Bold", fontSize=11, leading=15, alignment=TA_RIGHT
    ),
    "cover_name": ParagraphStyle(
        "cover_name",
        fontName="Helvetica-Bold",
        fontSize=26,
        leading=32,
        textColor=NAVY,
        alignment=TA_CENTER,
    ),
    "cover_title": ParagraphStyle(
        "cover_title",
        fontName="Helvetica",
        fontSize=20,
        leading=26,
        textColor=TEAL,
        alignment=TA_CENTER,
    ),
    "logo": ParagraphStyle(
        "logo",
        fontName="Helvetica-Bold",
        fontSize=10,
        leading=12,
        alignment=TA_CENTER,
        textColor=NAVY,
    ),
}


def _bullet_style(level: int) -> ParagraphStyle:
    indent = 14 * level
    return ParagraphStyle(
        f"bullet{level}",
        parent=STYLES["body"],
        leftIndent=indent,
        bulletIndent=indent - 10,
        spaceAfter=3,
    )


class AnchoredHeading(Paragraph):
    """A heading that remembers its anchor so the contents page can point at it."""

    def __init__(self, text: str, style: ParagraphStyle, anchor: str | None):
        super().__init__(escape(text), style)
        self.anchor = anchor


class GraphicBox(Flowable):
    """Stands where the original had a chart: a shape with no numbers in it."""

    def __init__(self, height: float):
        super().__init__()
        self.height = height
        self.width = BODY_W

    def wrap(self, avail_w: float, avail_h: float) -> tuple[float, float]:
        self.width = avail_w
        return avail_w, self.height

    def draw(self) -> None:
        c = self.canv
        c.setFillColor(colors.HexColor("#F2F2F2"))
        c.setStrokeColor(colors.HexColor("#BFBFBF"))
        c.roundRect(0, 0, self.width, self.height - 4, 6, stroke=1, fill=1)
        c.setFillColor(colors.HexColor("#9DC3E6"))
        bars = 6
        gap = self.width / (bars * 2 + 1)
        for k in range(bars):
            h = (self.height - 20) * (0.35 + 0.1 * ((k * 7) % 6))
            c.rect(gap * (2 * k + 1), 8, gap, h, stroke=0, fill=1)


class ReportTemplate(BaseDocTemplate):
    """Page templates for the cover, single-column and two-column pages."""

    def __init__(self, filename: str, *, running_title: str, title: str, **kw):
        super().__init__(
            filename,
            pagesize=A4,
            leftMargin=MARGIN_X,
            rightMargin=MARGIN_X,
            topMargin=MARGIN_TOP,
            bottomMargin=MARGIN_BOTTOM,
            title=title,
            author="Wolverhampton Safeguarding Together",
            subject="Annual report (reconstructed from the published text)",
            creator="wstextract corpus builder (reportlab)",
            invariant=1,
            **kw,
        )
        self.running_title = running_title
        self.anchor_pages: dict[str, int] = {}
        full = Frame(
            MARGIN_X,
            MARGIN_BOTTOM,
            BODY_W,
            PAGE_H - MARGIN_TOP - MARGIN_BOTTOM,
            id="full",
            leftPadding=0,
            rightPadding=0,
        )
        cols = [
            Frame(
                MARGIN_X + k * (COLUMN_W + COLUMN_GAP),
                MARGIN_BOTTOM,
                COLUMN_W,
                PAGE_H - MARGIN_TOP - MARGIN_BOTTOM,
                id=f"col{k}",
                leftPadding=0,
                rightPadding=0,
            )
            for k in range(2)
        ]
        self.addPageTemplates(
            [
                PageTemplate("cover", [full], onPage=self._footer),
                PageTemplate("one", [full], onPage=self._header_footer),
                PageTemplate("two", cols, onPage=self._header_footer),
            ]
        )

    def _footer(self, canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont("Helvetica", 9)
        canvas.setFillColor(colors.HexColor("#595959"))
        canvas.drawCentredString(PAGE_W / 2, 10 * mm, f"Page {doc.page}")
        canvas.restoreState()

    def _header_footer(self, canvas, doc) -> None:
        self._footer(canvas, doc)
        canvas.saveState()
        canvas.setFont("Helvetica", 8.5)
        canvas.setFillColor(colors.HexColor("#595959"))
        canvas.drawString(MARGIN_X, PAGE_H - 12 * mm, self.running_title)
        canvas.setStrokeColor(TEAL)
        canvas.setLineWidth(0.6)
        canvas.line(MARGIN_X, PAGE_H - 14 * mm, PAGE_W - MARGIN_X, PAGE_H - 14 * mm)
        canvas.restoreState()

    def afterFlowable(self, flowable: Flowable) -> None:
        anchor = getattr(flowable, "anchor", None)
        if anchor:
            self.anchor_pages.setdefault(anchor, self.page)


def _cell_flowables(cell: tuple[src.CellPart, ...], header: bool) -> list[Flowable]:
    style = STYLES["cell_head"] if header else STYLES["cell"]
    out: list[Flowable] = []
    for part in cell:
        if part.bullet:
            bstyle = ParagraphStyle("cellbullet", parent=style, leftIndent=9, bulletIndent=1)
            out.append(Paragraph(escape(part.text), bstyle, bulletText="•"))
        else:
            out.append(Paragraph(escape(part.text), style))
        if len(cell) > 1:
            out.append(Spacer(1, 2))
    return out


def _column_widths(table: src.Table, width: float) -> list[float]:
    """Share the width by how much text each column holds, never splitting a word."""
    n = len(table.rows[0])
    weights, floors = [], []
    for k in range(n):
        texts = [src.cell_text(row[k]) for row in table.rows if k < len(row)]
        weights.append(math.sqrt(max(map(len, texts))))
        words = [w for t in texts for w in t.split()] or [""]
        floors.append(max(stringWidth(w, "Helvetica-Bold", 9) for w in words) + 12)
    total = sum(weights)
    widths = [max(width * w / total, f) for w, f in zip(weights, floors, strict=True)]
    excess = sum(widths) - width
    flexible = [w - f for w, f in zip(widths, floors, strict=True)]
    spare = sum(flexible)
    return [w - excess * fl / spare if spare else w for w, fl in zip(widths, flexible, strict=True)]


TABLE_STYLES = ("ruled", "plain", "hrules", "zebra", "borderless")
ZEBRA_STRIPE = colors.HexColor("#EDEDED")
ZEBRA_HEADER = colors.HexColor("#B4C6DC")
RULE_GREY = colors.HexColor("#A6A6A6")


def _style_commands(table: src.Table) -> list[tuple]:
    """The drawing commands of one table style (``ruled`` and ``plain`` as they always were)."""
    style = table.style
    if style not in TABLE_STYLES:
        raise src.SourceError(f"table {table.name!r}: unknown style {style!r}")
    pad = (8, 8, 6, 7) if style == "borderless" else (5, 5, 3, 4)
    commands: list[tuple] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), pad[0]),
        ("RIGHTPADDING", (0, 0), (-1, -1), pad[1]),
        ("TOPPADDING", (0, 0), (-1, -1), pad[2]),
        ("BOTTOMPADDING", (0, 0), (-1, -1), pad[3]),
    ]
    last = len(table.rows) - 1
    first_body = 1 if table.has_header else 0
    if style == "ruled":
        commands.append(("GRID", (0, 0), (-1, -1), 0.6, NAVY))
        if table.has_header:
            commands.append(("BACKGROUND", (0, 0), (-1, 0), SHADE))
    elif style == "hrules":
        # horizontal rules only: above and below the header, thin between rows, under the last
        commands.append(("LINEABOVE", (0, 0), (-1, 0), 1.0, NAVY))
        if table.has_header:
            commands.append(("LINEBELOW", (0, 0), (-1, 0), 0.6, NAVY))
        for r in range(first_body, last):
            commands.append(("LINEBELOW", (0, r), (-1, r), 0.25, RULE_GREY))
        commands.append(("LINEBELOW", (0, last), (-1, last), 1.0, NAVY))
    elif style == "zebra":
        # no stroked lines: a filled band behind the header, stripes behind alternate rows
        if table.has_header:
            commands.append(("BACKGROUND", (0, 0), (-1, 0), ZEBRA_HEADER))
        for r in range(first_body, last + 1):
            if (r - first_body) % 2 == 1:
                commands.append(("BACKGROUND", (0, r), (-1, r), ZEBRA_STRIPE))
    # "plain" and "borderless": whitespace only (borderless with Word's generous padding)
    return commands


def _table(table: src.Table, width: float = BODY_W) -> RLTable:
    data = []
    for r, row in enumerate(table.rows):
        header = table.has_header and r == 0
        data.append([_cell_flowables(cell, header) for cell in row])
    commands = _style_commands(table)
    rl = RLTable(
        data,
        colWidths=_column_widths(table, width),
        style=TableStyle(commands),
        repeatRows=1 if table.has_header else 0,
        hAlign="LEFT",
    )
    return rl


def _cover(cover: src.Cover) -> list[Flowable]:
    logos = [
        [Paragraph("<br/>".join(escape(x) for x in logo), STYLES["logo"])] for logo in cover.logos
    ]
    logo_table = RLTable(
        [logos],
        colWidths=[60 * mm] * len(logos),
        hAlign="CENTER",
        style=TableStyle(
            [
                ("BOX", (0, 0), (0, 0), 1, NAVY),
                ("BOX", (-1, 0), (-1, 0), 1, NAVY),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), 8),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
            ]
        ),
    )
    return [
        Spacer(1, 60 * mm),
        Paragraph(escape(cover.partnership), STYLES["cover_name"]),
        Spacer(1, 12 * mm),
        Paragraph(escape(cover.title), STYLES["cover_title"]),
        Spacer(1, 70 * mm),
        logo_table,
    ]


def _contents(contents: src.Contents, pages: dict[str, int]) -> RLTable:
    rows = [
        [
            Paragraph(escape(e.title), STYLES["contents"]),
            Paragraph(f"{pages.get(e.anchor, 0):02d}", STYLES["contents_page"]),
        ]
        for e in contents.entries
    ]
    return RLTable(
        rows,
        colWidths=[BODY_W - 20 * mm, 20 * mm],
        hAlign="LEFT",
        style=TableStyle(
            [("LINEBELOW", (0, 0), (-1, -1), 0.3, SHADE), ("BOTTOMPADDING", (0, 0), (-1, -1), 5)]
        ),
    )


def _story(doc: src.Document, pages: dict[str, int]) -> list[Flowable]:
    story: list[Flowable] = []
    width = BODY_W  # a table on a two-column page fits its column
    for block in doc.blocks:
        if isinstance(block, src.Cover):
            story += _cover(block)
            story.append(NextPageTemplate("one"))
        elif isinstance(block, src.Contents):
            story.append(_contents(block, pages))
        elif isinstance(block, src.PageBreak):
            story.append(PageBreak())
        elif isinstance(block, src.Columns):
            story += [NextPageTemplate("two" if block.count == 2 else "one"), PageBreak()]
            width = COLUMN_W if block.count == 2 else BODY_W
        elif isinstance(block, src.Heading):
            if block.statement:
                story += [
                    PageBreak(),
                    AnchoredHeading(block.text, STYLES["statement"], block.anchor),
                ]
            else:
                # keep a heading with the start of what follows it
                story += [
                    CondPageBreak(40 * mm),
                    AnchoredHeading(block.text, STYLES[f"h{block.level}"], block.anchor),
                ]
        elif isinstance(block, src.Role):
            story.append(Paragraph(escape(block.text), STYLES["role"]))
        elif isinstance(block, src.Paragraph):
            story.append(Paragraph(escape(block.text), STYLES["body"]))
        elif isinstance(block, src.Bullet):
            mark = "•" if block.level == 1 else "–"
            story.append(Paragraph(escape(block.text), _bullet_style(block.level), bulletText=mark))
        elif isinstance(block, src.Table):
            t = _table(block, width)
            story.append(KeepTogether([t]) if len(block.rows) <= 8 else t)
            story.append(Spacer(1, 8))
        elif isinstance(block, src.Graphic):
            story.append(GraphicBox(block.height_mm * mm))
            story.append(Spacer(1, 6))
    return story


def write_pdf(doc: src.Document, out: Path, *, running_title: str) -> None:
    """Build ``out`` from ``doc``; the contents page shows the built PDF's own page numbers."""
    rl_config.invariant = 1
    out.parent.mkdir(parents=True, exist_ok=True)
    title = f"{doc.cover.partnership.title()} {doc.cover.title}"
    wanted = {e.anchor for b in doc.blocks if isinstance(b, src.Contents) for e in b.entries}
    pages: dict[str, int] = {}
    for _ in range(3):  # page numbers settle after one re-run; a third pass proves it
        template = ReportTemplate(str(out), running_title=running_title, title=title)
        template.build(_story(doc, pages))
        missing = wanted - template.anchor_pages.keys()
        if missing:
            raise src.SourceError(f"contents points at missing anchors: {sorted(missing)}")
        if template.anchor_pages == pages:
            return
        pages = dict(template.anchor_pages)
    raise RuntimeError("contents page numbers did not settle")
