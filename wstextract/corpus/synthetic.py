"""Derive synthetic report years from the real source by a declared list of edits.

Each ``corpus/synthetic/<id>.toml`` names the edits (``[[op]]`` tables) that turn the
2021/22 source into another year: new figures, rows added, a header relabelled, a partner
renamed or dropped, a table drawn without rules. Every edit must apply exactly where it says,
so a changed base report breaks the build loudly instead of yielding a silently different year.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from . import source as src


class TransformError(ValueError):
    """An edit did not apply as declared."""


@dataclass(frozen=True)
class SyntheticSpec:
    id: str
    title: str
    period: str
    banner: str
    ops: tuple[dict[str, Any], ...]

    @classmethod
    def load(cls, path: Path) -> SyntheticSpec:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        return cls(
            data["id"], data["title"], data["period"], data["banner"], tuple(data.get("op", []))
        )


def _replace_text(block: src.Block, old: str, new: str) -> tuple[src.Block, int]:
    """Replace ``old`` in every text a block holds; returns the block and the hit count."""
    hits = 0

    def sub(text: str) -> str:
        nonlocal hits
        hits += text.count(old)
        return text.replace(old, new)

    if isinstance(block, src.Cover):
        block = replace(
            block,
            partnership=sub(block.partnership),
            title=sub(block.title),
            logos=tuple(tuple(sub(x) for x in logo) for logo in block.logos),
        )
    elif isinstance(block, src.Contents):
        block = replace(block, entries=tuple(replace(e, title=sub(e.title)) for e in block.entries))
    elif isinstance(block, src.Heading | src.Paragraph | src.Role | src.Bullet):
        block = replace(block, text=sub(block.text))
    elif isinstance(block, src.Table):
        block = replace(
            block,
            rows=tuple(
                tuple(tuple(replace(p, text=sub(p.text)) for p in cell) for cell in row)
                for row in block.rows
            ),
        )
    return block, hits


def _table_index(doc: src.Document, name: str) -> int:
    for i, b in enumerate(doc.blocks):
        if isinstance(b, src.Table) and b.name == name:
            return i
    raise TransformError(f"no table named {name!r}")


def _statement_index(doc: src.Document, heading: str) -> int:
    for i, b in enumerate(doc.blocks):
        if isinstance(b, src.Heading) and b.statement and b.text == heading:
            return i
    raise TransformError(f"no partner statement headed {heading!r}")


def apply_op(doc: src.Document, op: dict[str, Any]) -> None:
    kind = op["kind"]
    if kind == "replace":
        total = 0
        for i, block in enumerate(doc.blocks):
            doc.blocks[i], hits = _replace_text(block, op["old"], op["new"])
            total += hits
        if total != op.get("count", 1):
            raise TransformError(
                f"replace {op['old']!r}: expected {op.get('count', 1)} hits, found {total}"
            )
    elif kind in {"set_cell", "add_row", "drop_row", "table_style"}:
        i = _table_index(doc, op["table"])
        table = doc.blocks[i]
        assert isinstance(table, src.Table)
        rows = list(table.rows)
        if kind == "set_cell":
            row = list(rows[op["row"]])
            row[op["col"]] = src.parse_cell(op["value"])
            rows[op["row"]] = tuple(row)
        elif kind == "add_row":
            rows.insert(op.get("at", len(rows)), tuple(src.parse_cell(c) for c in op["cells"]))
        elif kind == "drop_row":
            del rows[op["row"]]
        doc.blocks[i] = replace(table, rows=tuple(rows), style=op.get("style", table.style))
    elif kind == "rename_statement":
        i = _statement_index(doc, op["heading"])
        doc.blocks[i] = replace(doc.blocks[i], text=op["new"])
    elif kind == "drop_statement":
        start = _statement_index(doc, op["heading"])
        end = start + 1
        while end < len(doc.blocks) and not (
            isinstance(doc.blocks[end], src.Heading)
            and (doc.blocks[end].statement or doc.blocks[end].level == 1)
        ):
            end += 1
        del doc.blocks[start:end]
    else:
        raise TransformError(f"unknown op kind {kind!r}")


def synthesise(base: src.Document, spec: SyntheticSpec) -> src.Document:
    """Apply ``spec`` to a copy of ``base`` and mark the cover SYNTHETIC."""
    doc = src.Document(list(base.blocks))
    for op in spec.ops:
        apply_op(doc, op)
    cover = doc.cover
    doc.blocks[doc.blocks.index(cover)] = replace(cover, logos=(*cover.logos, (spec.banner,)))
    return doc
