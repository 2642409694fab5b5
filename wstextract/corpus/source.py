"""Parse the corpus source markup (see ``corpus/src/README.md``) into typed blocks.

The source is a line-oriented text close to the seed report, so a reviewer can diff
the two; both PDF producers render from the blocks parsed here, never from the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path

PARAGRAPH_MARK = " ¶ "
BULLET_MARK = "• "


class SourceError(ValueError):
    """The source markup is malformed; the message names the line."""


@dataclass(frozen=True)
class CellPart:
    """One paragraph or bullet point inside a table cell."""

    text: str
    bullet: bool = False


@dataclass(frozen=True)
class Cover:
    partnership: str
    title: str
    logos: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class ContentsEntry:
    title: str
    anchor: str


@dataclass(frozen=True)
class Contents:
    entries: tuple[ContentsEntry, ...]


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    anchor: str | None = None
    statement: bool = False  # a partner statement heading in Appendix A


@dataclass(frozen=True)
class Paragraph:
    text: str


@dataclass(frozen=True)
class Role:
    """The author's role line printed under a partner statement heading."""

    text: str


@dataclass(frozen=True)
class Bullet:
    text: str
    level: int = 1


@dataclass(frozen=True)
class Table:
    name: str
    style: str  # "ruled", "plain", "hrules", "zebra" or "borderless" (see corpus/src/README.md)
    rows: tuple[tuple[tuple[CellPart, ...], ...], ...]
    has_header: bool = True

    @property
    def header(self) -> tuple[str, ...]:
        return tuple(cell_text(c) for c in self.rows[0]) if self.has_header else ()


@dataclass(frozen=True)
class Graphic:
    """A chart or infographic of the original whose numbers are not in the text."""

    height_mm: float


@dataclass(frozen=True)
class PageBreak:
    pass


@dataclass(frozen=True)
class Columns:
    count: int


Block = (
    Cover | Contents | Heading | Paragraph | Role | Bullet | Table | Graphic | PageBreak | Columns
)


@dataclass
class Document:
    blocks: list[Block] = field(default_factory=list)

    @property
    def cover(self) -> Cover:
        return next(b for b in self.blocks if isinstance(b, Cover))

    def tables(self) -> dict[str, Table]:
        return {b.name: b for b in self.blocks if isinstance(b, Table)}

    def text_lines(self) -> list[str]:
        """Every piece of text in reading order: what a faithful PDF must contain."""
        out: list[str] = []
        for b in self.blocks:
            if isinstance(b, Cover):
                out += [b.partnership, b.title, *(line for logo in b.logos for line in logo)]
            elif isinstance(b, Contents):
                out += [e.title for e in b.entries]
            elif isinstance(b, Heading | Paragraph | Role | Bullet):
                out.append(b.text)
            elif isinstance(b, Table):
                out += [p.text for row in b.rows for cell in row for p in cell]
        return out


def parse_cell(raw: str) -> tuple[CellPart, ...]:
    parts = []
    for piece in raw.strip().split(PARAGRAPH_MARK):
        piece = piece.strip()
        if piece.startswith(BULLET_MARK):
            parts.append(CellPart(piece[len(BULLET_MARK) :].strip(), bullet=True))
        elif piece:
            parts.append(CellPart(piece))
    return tuple(parts)


def cell_text(cell: tuple[CellPart, ...]) -> str:
    return " ".join(p.text for p in cell)


def format_cell(cell: tuple[CellPart, ...]) -> str:
    return PARAGRAPH_MARK.join((BULLET_MARK + p.text) if p.bullet else p.text for p in cell)


_HEADING = re.compile(r"^(#{1,3}) (.+?)(?: \{#([\w-]+)\})?$")
_BULLET = re.compile(r"^( *)- (.*)$")


def parse(text: str) -> Document:
    doc = Document()
    lines = text.split("\n")
    i = 0
    statement_next = False

    def block_lines(start: int) -> tuple[list[str], int]:
        j = start
        while j < len(lines) and lines[j] != "@end":
            j += 1
        if j == len(lines):
            raise SourceError(f"line {start}: block is never closed with @end")
        return lines[start:j], j + 1

    while i < len(lines):
        line = lines[i]
        lineno = i + 1
        i += 1
        if not line.strip():
            continue
        if line == "@cover":
            body, i = block_lines(i)
            groups = [g.split("\n") for g in "\n".join(body).split("\n\n") if g.strip()]
            doc.blocks.append(
                Cover(groups[0][0], groups[1][0], tuple(tuple(g) for g in groups[2:]))
            )
        elif line == "@contents":
            body, i = block_lines(i)
            entries = []
            for entry in body:
                title, _, anchor = entry.partition("\t#")
                entries.append(ContentsEntry(title, anchor))
            doc.blocks.append(Contents(tuple(entries)))
        elif line.startswith("@table "):
            name, *options = line.split()[1:]
            opts = dict(o.split("=", 1) for o in options)
            body, i = block_lines(i)
            rows = tuple(tuple(parse_cell(c) for c in r.split("\t")) for r in body if r.strip())
            doc.blocks.append(
                Table(name, opts.get("style", "ruled"), rows, opts.get("header", "yes") == "yes")
            )
        elif line.startswith("@graphic"):
            doc.blocks.append(Graphic(float(line.split()[1])))
        elif line == "@pagebreak":
            doc.blocks.append(PageBreak())
        elif line.startswith("@columns "):
            doc.blocks.append(Columns(int(line.split()[1])))
        elif line == "@statement":
            statement_next = True
        elif line.startswith("@role "):
            doc.blocks.append(Role(line[len("@role ") :]))
        elif line.startswith("@"):
            raise SourceError(f"line {lineno}: unknown directive {line.split()[0]!r}")
        elif m := _HEADING.match(line):
            doc.blocks.append(Heading(len(m[1]), m[2], m[3], statement=statement_next))
            statement_next = False
        elif m := _BULLET.match(line):
            doc.blocks.append(Bullet(m[2], level=len(m[1]) // 2 + 1))
        else:
            doc.blocks.append(Paragraph(line))
    return doc


def dump(doc: Document) -> str:
    """Inverse of :func:`parse`: synthetic years are written back as source text."""
    out: list[str] = []
    for b in doc.blocks:
        if isinstance(b, Cover):
            logos = ["\n".join(logo) for logo in b.logos]
            out.append("\n\n".join(["@cover\n" + b.partnership, b.title, *logos]) + "\n@end")
        elif isinstance(b, Contents):
            out.append(
                "\n".join(["@contents", *(f"{e.title}\t#{e.anchor}" for e in b.entries), "@end"])
            )
        elif isinstance(b, Heading):
            anchor = f" {{#{b.anchor}}}" if b.anchor else ""
            heading = "#" * b.level + " " + b.text + anchor
            out.append(("@statement\n\n" if b.statement else "") + heading)
        elif isinstance(b, Paragraph):
            out.append(b.text)
        elif isinstance(b, Role):
            out.append("@role " + b.text)
        elif isinstance(b, Bullet):
            out.append("  " * (b.level - 1) + "- " + b.text)
        elif isinstance(b, Table):
            opts = f"style={b.style}" + ("" if b.has_header else " header=no")
            rows = ["\t".join(format_cell(c) for c in row) for row in b.rows]
            out.append("\n".join([f"@table {b.name} {opts}", *rows, "@end"]))
        elif isinstance(b, Graphic):
            out.append(f"@graphic {b.height_mm:g}")
        elif isinstance(b, PageBreak):
            out.append("@pagebreak")
        elif isinstance(b, Columns):
            out.append(f"@columns {b.count}")
    return "\n\n".join(out) + "\n"


def load(path: Path) -> Document:
    return parse(path.read_text(encoding="utf-8"))


__all__ = [
    "Block",
    "Bullet",
    "CellPart",
    "Columns",
    "Contents",
    "ContentsEntry",
    "Cover",
    "Document",
    "Graphic",
    "Heading",
    "PageBreak",
    "Paragraph",
    "Role",
    "SourceError",
    "Table",
    "dump",
    "load",
    "parse",
    "replace",
]
