"""pdfplumber's page objects, built faster for characters.

pdfplumber turns every pdfminer layout object into a dict in ``Page.process_object``, resolving
every attribute through a generic, recursive ``resolve_all``. On a text-heavy report that is two
thirds of all parsing time, spent on characters whose attributes are already plain numbers and
strings. :func:`parse_objects` builds the very same dicts (``tests/test_layout.py`` compares
them with pdfplumber's own on pages of both corpus producers, under pdfplumber's options and a
shifted MediaBox) with a fast path for ``LTChar`` and
hands every other object to pdfplumber unchanged. Everything downstream — ``extract_words``,
``find_tables``, cropping — then works on the page exactly as before.
"""

from __future__ import annotations

from functools import cache
from typing import Any
from unicodedata import normalize as normalize_unicode

from pdfminer.layout import LTChar, LTContainer
from pdfplumber.page import ALL_ATTRS, Page
from pdfplumber.utils.pdfinternals import resolve_all, resolve_and_decode

_PLAIN = frozenset({float, int, str, bool, type(None)})


@cache
def _colour_space(name: Any) -> Any:
    return resolve_and_decode(name)


def _colour(value: Any) -> tuple:
    return value if isinstance(value, tuple) else (value,)


def _char(page: Page, obj: LTChar, height: float, mb_x0: float, mb_top: float) -> dict[str, Any]:
    """``page.process_object(obj)`` for a character, without the generic resolving."""
    attr = {k: v for k, v in obj.__dict__.items() if k in ALL_ATTRS}
    for k, v in attr.items():  # resolve_all would return plain values (and tuples) unchanged
        kind = type(v)
        if kind not in _PLAIN and not (kind is tuple and _PLAIN.issuperset(map(type, v))):
            attr[k] = resolve_all(v)
    attr["object_type"] = "char"
    attr["page_number"] = page.page_number
    for cs in ("ncs", "scs"):
        if hasattr(obj, cs):
            attr[cs] = _colour_space(getattr(obj, cs).name)
    text = obj.get_text()
    norm = page.pdf.unicode_norm
    attr["text"] = normalize_unicode(norm, text) if norm is not None else text
    gs = obj.graphicstate
    attr["stroking_color"] = _colour(gs.scolor)
    attr["non_stroking_color"] = _colour(gs.ncolor)
    if isinstance(attr["fontname"], bytes):  # rare: let pdfplumber handle it exactly
        return page.process_object(obj)
    attr["top"] = (height - attr["y1"]) + mb_top
    attr["bottom"] = (height - attr["y0"]) + mb_top
    attr["doctop"] = page.initial_doctop + attr["top"]
    if mb_x0 != 0:
        attr["x0"] = attr["x0"] + mb_x0
        attr["x1"] = attr["x1"] + mb_x0
    return attr


def parse_objects(page: Page) -> dict[str, list[dict[str, Any]]]:
    """What ``page.parse_objects()`` returns, computed with the character fast path."""
    mb_x0, mb_top = page.mediabox[:2]
    height = page.height
    with_containers = page.pdf.laparams is not None
    objects: dict[str, list[dict[str, Any]]] = {}

    def walk(items: list) -> None:
        for obj in items:
            if isinstance(obj, LTContainer):
                if with_containers:
                    add(page.process_object(obj))
                walk(obj._objs)
            elif type(obj) is LTChar:
                objects.setdefault("char", []).append(_char(page, obj, height, mb_x0, mb_top))
            else:
                add(page.process_object(obj))

    def add(attr: dict[str, Any]) -> None:
        if attr["object_type"] != "anno":
            objects.setdefault(attr["object_type"], []).append(attr)

    walk(page.layout._objs)
    return objects


def prepare(page: Page) -> Page:
    """Give ``page`` its objects now, through the fast path (pdfplumber caches them in
    ``_objects``; ``page.close()`` drops them as usual)."""
    if not hasattr(page, "_objects"):
        page._objects = parse_objects(page)
    return page
