"""How well extraction reproduces the hand-written truth of each corpus document.

For every manifest entry with ground truth: precision and recall of table values and of
narrative metrics, every wrong value by name, and beside them what pdfplumber's own table
strategies (``lines``, its default, and ``text``) recover of the same table values. Documents
marked ``holdout`` were written by an author who never saw the rules and are reported apart:
they are the measure of generality, not something to tune on.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pdfplumber

from . import errors, values
from .corpus.build import CORPUS_DIR, ManifestEntry, load_manifest
from .pipeline import Extraction, extract
from .recognise.statistics import norm

Key = tuple[str, str, str, str]  # metric, category, period, unit


@dataclass
class Score:
    """Precision and recall of one kind of value in one document."""

    expected: int = 0
    found: int = 0
    correct: int = 0
    wrong: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float | None:
        return self.correct / self.found if self.found else None

    @property
    def recall(self) -> float | None:
        return self.correct / self.expected if self.expected else None


@dataclass
class DocumentScore:
    entry: ManifestEntry
    tables: Score
    narrative: Score
    baselines: dict[str, Score]  # pdfplumber strategy -> table values it recovers


def _same(a: float, b: float) -> bool:
    return abs(float(a) - float(b)) < 1e-9


def score(want: dict[Key, float], got: dict[Key, list[float]]) -> Score:
    """``got`` may hold several values for one key (a value the pipeline later set aside as
    a disagreement still counts against precision)."""
    s = Score(expected=len(want))
    for key, found in got.items():
        counted = False  # a key is correct once, however often it was found
        for value in found:
            s.found += 1
            if key in want and _same(want[key], value):
                s.correct += not counted
                counted = True
            else:
                s.wrong.append(f"{'/'.join(key)} = {value:g} (truth: {want.get(key, 'none')})")
    for key, value in want.items():
        if not any(_same(value, v) for v in got.get(key, [])):
            s.missed.append(f"{'/'.join(key)} = {value:g}")
    return s


def _truth(entry: ManifestEntry, corpus_dir: Path, kind: str) -> dict[Key, float]:
    expected = json.loads((corpus_dir / entry.expected).read_text(encoding="utf-8"))
    return {
        (m["metric"], m["category"], m["period"], m["unit"]): m["value"]
        for m in expected["metrics"]
        if m["source_kind"] == kind
    }


def _tables_got(x: Extraction) -> dict[Key, list[float]]:
    got: dict[Key, list[float]] = {}
    for m in x.records["metrics"]:
        if m.source_kind == "table":
            got.setdefault((m.metric, m.category, m.period, m.unit), []).append(m.value)
    return got


def _narrative_got(x: Extraction) -> dict[Key, list[float]]:
    """Every promoted figure, also those one-answer-per-question later set aside."""
    stored = {
        (m.page, m.bbox, m.metric, m.category): m.value
        for m in x.records["metrics"]
        if m.source_kind == "narrative"
    }
    # a repeat of a stored answer is not stored again: it has that answer's sign
    answers = {
        (m.metric, m.category, m.period, m.unit, abs(m.value)): m.value
        for m in x.records["metrics"]
        if m.source_kind == "narrative"
    }
    got: dict[Key, set[float]] = {}
    for f in x.records["narrative_figures"]:
        if not f.promoted:
            continue
        if f.value_high is not None:
            ends = [("range_low", f.value), ("range_high", f.value_high)]
        else:  # the stored value carries the sign of a change
            value = stored.get((f.page, f.bbox, f.metric, f.category))
            if value is None:
                unit = _unit(f.unit)
                value = answers.get((f.metric, f.category, f.period, unit, f.value), f.value)
            ends = [(f.category, value)]
        for category, value in ends:
            got.setdefault((f.metric, category, f.period, _unit(f.unit)), set()).add(value)
    return {k: sorted(v) for k, v in got.items()}


def _unit(unit: str) -> str:
    return "percent" if unit == "percent" else "count"


STRATEGIES = {
    "pdfplumber lines": {},
    "pdfplumber text": {"vertical_strategy": "text", "horizontal_strategy": "text"},
}


def _number(text: str | None) -> float | None:
    cleaned = (text or "").strip().rstrip("%").strip()
    return float(values.parse_number(cleaned)) if values.is_number(cleaned) else None


def baseline(path: Path, want_rows: list[tuple[str, float]], settings: dict) -> Score:
    """Table values a bare pdfplumber strategy recovers: the value printed in a cell of an
    extracted table that also holds, in the same row or column, the label of its line."""
    lines: list[list[str | None]] = []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            for table in page.extract_tables(settings):
                lines += table
                lines += [list(col) for col in zip(*table, strict=False)]
            page.close()
    s = Score(expected=len(want_rows))
    for label, value in want_rows:
        hit = any(
            any(_number(c) is not None and _same(_number(c), value) for c in line)
            and any(c and norm(c) == norm(label) for c in line)
            for line in lines
        )
        s.correct += hit
        s.found += hit
    return s


def _table_rows(entry: ManifestEntry, corpus_dir: Path) -> list[tuple[str, float]]:
    """(label printed on the value's line, value) for each table value of the truth."""
    expected = json.loads((corpus_dir / entry.expected).read_text(encoding="utf-8"))
    out = []
    for m in expected["metrics"]:
        if m["source_kind"] != "table":
            continue
        fields = re.split(r"\t| \| ", m["source_text"])
        out.append((fields[0], m["value"]))
    return out


def evaluate(
    entries: list[ManifestEntry] | None = None,
    corpus_dir: Path = CORPUS_DIR,
    baselines: bool = True,
) -> Iterator[DocumentScore]:
    """Score each corpus document that has ground truth, one at a time."""
    for entry in entries if entries is not None else load_manifest(corpus_dir):
        if not entry.expected:
            continue
        truth = corpus_dir / entry.expected
        if not truth.is_file():
            raise errors.FileMissing(
                f"{truth}: no such file, but the manifest's {entry.id} names it"
            )
        x = extract(entry.path(corpus_dir), force=True)
        yield DocumentScore(
            entry,
            score(_truth(entry, corpus_dir, "table"), _tables_got(x)),
            score(_truth(entry, corpus_dir, "narrative"), _narrative_got(x)),
            {
                name: baseline(entry.path(corpus_dir), _table_rows(entry, corpus_dir), settings)
                for name, settings in STRATEGIES.items()
            }
            if baselines
            else {},
        )
