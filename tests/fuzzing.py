"""Structural mutations of a PDF, for the fuzz tests.

A mutation is a *plan*: plain tuples drawn by hypothesis and applied to a seed PDF by
:func:`apply`. Plans edit what a broken producer or a hostile author changes — font
dictionaries, content-stream operators, the page tree, object streams, cross-reference
offsets — and cut the file at object boundaries, besides flipping bytes. Because a plan is
data, a failure hypothesis finds can be kept as an ``@example`` in the test.
"""

from __future__ import annotations

import io
import re
from decimal import Decimal

import pikepdf
from hypothesis import strategies as st

# values that break assumptions: zero, negatives, huge, tiny, and the wrong type
NASTY = (
    0,
    -1,
    2**31,
    -(2**63),
    Decimal("1e30"),
    Decimal("-0.0001"),
    pikepdf.String("x"),
    pikepdf.Name("/Bogus"),
    pikepdf.Array([]),
    pikepdf.Array([pikepdf.String("a"), 1]),
    pikepdf.Dictionary(),
)
FONT_KEYS = (
    "/BaseFont",
    "/Subtype",
    "/Encoding",
    "/Widths",
    "/FirstChar",
    "/LastChar",
    "/FontDescriptor",
    "/ToUnicode",
    "/DescendantFonts",
)
OPERATORS = tuple(
    [
        "Tj",
        "TJ",
        "'",
        '"',
        "Tf",
        "Tm",
        "Td",
        "TD",
        "T*",
        "TL",
        "Tc",
        "Tw",
        "Tz",
        "Ts",
        "Tr",
        "BT",
        "ET",
        "cm",
        "q",
        "Q",
        "re",
        "m",
        "l",
        "c",
        "h",
        "S",
        "f",
        "n",
        "W",
        "Do",
        "gs",
        "rg",
        "RG",
        "g",
        "G",
        "k",
        "K",
        "cs",
        "CS",
        "sc",
        "SC",
        "w",
        "d",
    ]
)
PAGE_KEYS = ("/MediaBox", "/CropBox", "/Rotate", "/Resources", "/Contents", "/Type", "/Parent")
GARBAGE_CMAP = b"/CIDInit /ProcSet findresource begin 1 begincodespacerange <00> endbfrange"

index = st.integers(0, 10_000)
nasty = st.integers(0, len(NASTY) - 1)
font_edit = st.tuples(
    st.just("font"), index, index, st.sampled_from(("delete", "set", "cmap")), index, nasty
)
content_edit = st.tuples(
    st.just("content"),
    index,
    index,
    st.sampled_from(("drop", "repeat", "operator", "operand", "no operands", "cut")),
    index,
    nasty,
)
page_edit = st.tuples(
    st.just("pages"),
    index,
    st.sampled_from(("count", "cycle", "drop kid", "key", "delete key", "empty contents")),
    index,
    nasty,
)
byte_edit = st.one_of(
    st.tuples(st.just("xref offset"), index, st.integers(0, 10**9)),
    st.tuples(st.just("startxref"), st.integers(0, 10**9)),
    st.tuples(st.just("object stream header"), index, st.integers(0, 10**6)),
    st.tuples(st.just("truncate at object"), index, st.booleans()),
    st.tuples(
        st.just("flips"),
        st.lists(st.tuples(st.integers(8, 2**31), st.integers(0, 255)), min_size=1, max_size=6),
    ),
)
plans = st.fixed_dictionaries(
    {
        "edits": st.lists(st.one_of(font_edit, content_edit, page_edit), max_size=3),
        "object_streams": st.booleans(),
        "bytes": st.one_of(st.none(), byte_edit),
    }
)


def apply(seed: bytes, plan: dict) -> bytes:
    """The seed PDF with ``plan`` applied; raises ``pikepdf.PdfError`` if qpdf cannot write the
    result (the caller skips such plans: there is no file to feed us). A plan of byte edits
    alone mutates the seed's own bytes, as its producer wrote them (compressed streams)."""
    if not plan["edits"] and not plan["object_streams"] and plan["bytes"]:
        return BYTE_EDITS[plan["bytes"][0]](seed, *plan["bytes"][1:])
    with pikepdf.open(io.BytesIO(seed)) as pdf:
        for edit in plan["edits"]:
            try:
                EDITS[edit[0]](pdf, *edit[1:])
            except NOT_APPLICABLE:
                continue  # an earlier edit left nothing this one can act on (a page is an int)
        out = io.BytesIO()
        pdf.save(
            out,
            object_stream_mode=pikepdf.ObjectStreamMode.generate
            if plan["object_streams"]
            else pikepdf.ObjectStreamMode.disable,
            compress_streams=False,  # keep structure visible to the byte edits below
            stream_decode_level=pikepdf.StreamDecodeLevel.generalized,
        )
    data = out.getvalue()
    if plan["bytes"]:
        data = BYTE_EDITS[plan["bytes"][0]](data, *plan["bytes"][1:])
    return data


def describe(plan: dict) -> str:
    """What kinds of mutation a plan makes, for the outcome counts."""
    kinds = sorted({e[0] for e in plan["edits"]} | ({plan["bytes"][0]} if plan["bytes"] else set()))
    if plan["object_streams"]:
        kinds.append("object streams")
    return "+".join(kinds) or "re-saved"


def _fonts(pdf: pikepdf.Pdf) -> list[pikepdf.Dictionary]:
    fonts = []
    for page in pdf.pages:
        resources = page.obj.get("/Resources")
        if isinstance(resources, pikepdf.Dictionary):
            font_dict = resources.get("/Font")
            if isinstance(font_dict, pikepdf.Dictionary):
                fonts += [f for f in font_dict.values() if isinstance(f, pikepdf.Dictionary)]
    return fonts


def _font(pdf, page: int, font: int, action: str, key: int, value: int) -> None:
    fonts = _fonts(pdf)
    if not fonts:
        return
    target = fonts[(page * 31 + font) % len(fonts)]
    name = FONT_KEYS[key % len(FONT_KEYS)]
    if action == "delete":
        if name in target:
            del target[name]
    elif action == "set":
        target[name] = NASTY[value]
    else:  # a ToUnicode CMap that is not one
        target["/ToUnicode"] = pikepdf.Stream(pdf, GARBAGE_CMAP[: 8 + key % len(GARBAGE_CMAP)])


def _content(pdf, page: int, at: int, action: str, pick: int, value: int) -> None:
    target = pdf.pages[page % len(pdf.pages)]
    instructions = list(pikepdf.parse_content_stream(target))
    if not instructions:
        return
    k = at % len(instructions)
    operands, operator = list(instructions[k].operands), instructions[k].operator
    if action == "drop":
        del instructions[k]
    elif action == "repeat":
        instructions[k:k] = [instructions[k]] * (1 + pick % 50)
    elif action == "cut":
        del instructions[k:]
    else:
        if action == "operator":
            operator = pikepdf.Operator(OPERATORS[pick % len(OPERATORS)])
        elif action == "operand" and operands:
            operands[pick % len(operands)] = NASTY[value]
        elif action == "no operands":
            operands = []
        instructions[k] = pikepdf.ContentStreamInstruction(operands, operator)
    target.obj.Contents = pikepdf.Stream(pdf, pikepdf.unparse_content_stream(instructions))


def _pages(pdf, page: int, action: str, pick: int, value: int) -> None:
    root = pdf.Root.Pages
    kids = root.Kids
    target = kids[page % len(kids)]
    if action == "count":
        root.Count = NASTY[value]
    elif action == "cycle":
        target_kids = pikepdf.Array([root])
        target.Type = pikepdf.Name.Pages
        target.Kids = target_kids
    elif action == "drop kid" and len(kids) > 1:
        del kids[page % len(kids)]
    elif action == "key":
        target[PAGE_KEYS[pick % len(PAGE_KEYS)]] = NASTY[value]
    elif action == "delete key":
        key = PAGE_KEYS[pick % len(PAGE_KEYS)]
        if key in target:
            del target[key]
    elif action == "empty contents":
        target.Contents = pikepdf.Stream(pdf, b"")


def _xref_offset(data: bytes, at: int, offset: int) -> bytes:
    entries = list(re.finditer(rb"(?m)^(\d{10}) (\d{5}) n", data))
    if not entries:  # a cross-reference stream: change its startxref instead
        return _startxref(data, offset)
    m = entries[at % len(entries)]
    return data[: m.start(1)] + b"%010d" % (offset % 10**10) + data[m.end(1) :]


def _startxref(data: bytes, offset: int) -> bytes:
    at = data.rfind(b"startxref")
    return data[:at] + b"startxref\n%d\n%%%%EOF\n" % offset if at >= 0 else data


def _object_stream_header(data: bytes, at: int, number: int) -> bytes:
    """Change one number of an object stream's "object-number offset" header."""
    m = re.search(rb"/Type /ObjStm.*?stream\r?\n", data, re.S)
    if not m:
        return _xref_offset(data, at, number)
    head = data[m.end() : m.end() + 2000]
    numbers = list(re.finditer(rb"\d+", head.split(b"<<")[0]))
    if not numbers:
        return data
    n = numbers[at % len(numbers)]
    return data[: m.end() + n.start()] + b"%d" % number + data[m.end() + n.end() :]


def _truncate_at_object(data: bytes, at: int, after: bool) -> bytes:
    """Cut the file at the start or the end of one of its objects."""
    pattern = rb"endobj" if after else rb"(?m)^\d+ \d+ obj"
    bounds = [m.end() if after else m.start() for m in re.finditer(pattern, data)]
    return data[: bounds[at % len(bounds)]] if bounds else data


def _flips(data: bytes, flips: list[tuple[int, int]]) -> bytes:
    mutable = bytearray(data)
    for where, byte in flips:
        mutable[8 + where % (len(mutable) - 8)] = byte
    return bytes(mutable)


def truncations(data: bytes) -> list[tuple[str, bytes]]:
    """The file cut at every object boundary: once as a download that stopped there, and once
    with its cross-reference table and trailer still at the end (a body that lost objects)."""
    starts = [m.start() for m in re.finditer(rb"(?m)^\d+ \d+ obj", data)]
    ends = [m.end() for m in re.finditer(rb"endobj", data)]
    tail = data[data.rfind(b"\nxref") :]
    cuts = []
    for at in sorted(set(starts + ends)):
        cuts.append(("stopped", data[:at]))
        cuts.append(("lost objects", data[:at] + tail))
    return cuts


# what pikepdf raises when an edit meets an object an earlier edit made the wrong type
NOT_APPLICABLE = (
    TypeError,
    ValueError,
    KeyError,
    IndexError,
    AttributeError,
    ZeroDivisionError,
    pikepdf.PdfError,
)
EDITS = {"font": _font, "content": _content, "pages": _pages}
BYTE_EDITS = {
    "xref offset": _xref_offset,
    "startxref": _startxref,
    "object stream header": _object_stream_header,
    "truncate at object": _truncate_at_object,
    "flips": _flips,
}
