"""Figures in the prose, with spaCy: every number becomes a ``narrative_figures`` row.

The pipeline needs no model download: ``spacy.blank("en")`` with a sentencizer, an
``EntityRuler`` built from the partner registry and the report's own glossary, and ``Matcher``
patterns for quantities. (A trained English pipeline, if installed, is not needed.) Which
figures become metrics is decided by the rules of ``extractors/narrative.toml``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

import spacy
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, Token
from spacy.util import compile_infix_regex, compile_suffix_regex, filter_spans

from .. import values
from ..layout.blocks import Block
from ..specs import NarrativeRule, PartnerRegistry
from .model import Candidate

MONTHS = [
    *values.MONTH_NAMES,
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
]
DASHES = ["-", "–", "—"]
INCREASE = {
    "increase",
    "increased",
    "increasing",
    "rise",
    "risen",
    "rose",
    "rising",
    "up",
    "higher",
    "grew",
    "growth",
    "more",
}
DECREASE = {
    "decrease",
    "decreased",
    "decreasing",
    "reduction",
    "reduced",
    "fall",
    "fell",
    "fallen",
    "down",
    "lower",
    "decline",
    "declined",
    "less",
    "fewer",
}
LABEL_WORDS = {
    "level",
    "levels",
    "band",
    "q",
    "quarter",
    "priority",
    "rec",
    "phase",
    "tier",
    "section",
    "part",
    "stage",
    "step",
    "page",
    "finding",
    "findings",
    "year",
    "chapter",
    "appendix",
    "article",
    "clause",
}
AGE_WORDS = {"year", "years", "yrs"}
# a number glued to a word the tokenizer would otherwise keep whole: 1.26million, 0.1wte
_GLUED_SUFFIX = r"(?<=[0-9])(?:million|bn|billion|k|m|wte|fte)\b"
# a dash left hanging after a number: "in 2021- 2022"
_HANGING_DASH = r"(?<=[0-9])[-–]"
# a hyphen between a word and a number: "crime-91.3%"
_GLUED_INFIX = r"(?<=[A-Za-z])-(?=[0-9])"

NUM = {"LIKE_NUM": True, "SHAPE": {"NOT_IN": ["dddd/dd", "dddd/dddd", "dd/dd", "d/d"]}}
YEAR = {"TEXT": {"REGEX": r"^(?:19|20)\d\d$"}}
PATTERNS = {
    "PERIOD": [
        [{"TEXT": {"REGEX": r"^(?:19|20)\d\d/(?:\d\d|\d{4})$"}}],
        [YEAR, {"TEXT": {"IN": [*DASHES, "/", "to"]}}, {"TEXT": {"REGEX": r"^\d{2,4}$"}}],
    ],
    "DATE": [
        [
            {"TEXT": {"REGEX": r"^\d{1,2}(?:st|nd|rd|th)?$"}},
            {"LOWER": {"IN": MONTHS}},
            {**YEAR, "OP": "?"},
        ],
        [{"LOWER": {"IN": MONTHS}}, YEAR],
    ],
    "YEAR": [[YEAR]],
    "CURRENCY": [
        [
            {"TEXT": {"IN": ["£", "$", "€"]}},
            NUM,
            {"LOWER": {"IN": ["million", "m", "k", "bn"]}, "OP": "?"},
        ]
    ],
    "PERCENT_RANGE": [[NUM, {"TEXT": {"IN": DASHES}}, NUM, {"TEXT": "%"}]],
    "PERCENT": [[NUM, {"TEXT": "%"}]],
    "FTE": [[NUM, {"LOWER": {"IN": ["wte", "fte"]}}]],
    "PHONE": [[{"TEXT": {"REGEX": r"^0\d{3,4}$"}}, {"TEXT": {"REGEX": r"^\d{6,7}$"}}]],
    "TIME": [
        [{"TEXT": {"REGEX": r"^\d{1,2}(?::\d\d)?(?:am|pm)$"}}],
        [{"TEXT": {"REGEX": r"^\d{1,2}(?::\d\d)?$"}}, {"LOWER": {"IN": ["am", "pm"]}}],
    ],
    "RANGE": [[NUM, {"TEXT": {"IN": DASHES}}, NUM]],
    "MULTIPLIED": [[NUM, {"LOWER": {"IN": ["million", "bn", "billion"]}}]],
    "ORDINAL": [[{"TEXT": {"REGEX": r"^\d+(?:st|nd|rd|th)$"}}]],
    "CODE": [
        [{"TEXT": {"REGEX": r"^(?=.*\d)(?=.*[A-Za-z])[A-Za-z0-9/]+$"}}],
        [{"TEXT": {"REGEX": r"^\d+/\d+$"}}],
    ],
    "NUMBER": [[NUM], [{"TEXT": {"REGEX": r"^\d+(?:[.,]\d+)*$"}}]],
}
# when spans overlap, the longest wins; on equal length, the earlier kind in this list
PRIORITY = list(PATTERNS)


@dataclass
class Figure:
    """One number as the prose prints it, with what a reader needs to interpret it."""

    text: str
    value: float | None
    value_high: float | None
    unit: str
    period: str | None
    period_stated: bool
    direction: str | None
    subject: str | None
    sentence: str
    start: int  # character offsets in the block text
    end: int
    entities: list[tuple[str, str]]


def build_nlp(registry: PartnerRegistry, acronyms: list[str]) -> spacy.Language:
    nlp = spacy.blank("en")
    tokenizer = nlp.tokenizer
    tokenizer.suffix_search = compile_suffix_regex(
        [*nlp.Defaults.suffixes, _GLUED_SUFFIX, _HANGING_DASH]
    ).search
    tokenizer.infix_finditer = compile_infix_regex([*nlp.Defaults.infixes, _GLUED_INFIX]).finditer
    nlp.add_pipe("sentencizer")
    ruler = nlp.add_pipe("entity_ruler")
    patterns = []
    for partner in registry.partner:
        for name in {partner.name, *partner.aliases, *partner.acronyms}:
            patterns.append(
                {
                    "label": "ORG",
                    "pattern": [{"LOWER": w.lower()} for w in name.split()],
                    "id": partner.name,
                }
            )
    for acronym in acronyms:
        patterns.append(
            {"label": "ACRONYM", "pattern": [{"TEXT": w} for w in acronym.split()], "id": acronym}
        )
    ruler.add_patterns(patterns)
    return nlp


def _matcher(nlp: spacy.Language) -> Matcher:
    matcher = Matcher(nlp.vocab)
    for kind, patterns in PATTERNS.items():
        matcher.add(kind, patterns)
    return matcher


def _number(text: str) -> float | None:
    cleaned = re.sub(r"[^\d.,]", "", text).strip(".,")
    return float(values.parse_number(cleaned)) if values.is_number(cleaned) else None


def _nearest(doc: Doc, span: Span, words: set[str]) -> str | None:
    best = None
    for token in span.sent:
        if token.lower_ in words:
            distance = min(abs(token.i - span.start), abs(token.i - span.end))
            if best is None or distance < best[0]:
                best = (distance, token.lower_)
    return best[1] if best else None


def _printed_words(tokens: Span) -> list[list[Token]]:
    """Tokens regrouped into words as printed: the tokenizer splits "non-crimes" into "non",
    "-", "crimes", which is one word to a reader."""
    words: list[list[Token]] = []
    for t in tokens:
        last = words[-1][-1] if words else None
        hyphen_after_word = t.text == "-" and last is not None and last.is_alpha
        word_after_hyphen = t.is_alpha and last is not None and last.text == "-"
        if last is not None and not last.whitespace_ and (hyphen_after_word or word_after_hyphen):
            words[-1].append(t)
        else:
            words.append([t])
    return words


def _subject(span: Span) -> str | None:
    """The words a figure counts: the run of content words after it ("3,806 safeguarding
    concerns"), else the run before it ("an increase of 9.3%")."""

    def run(words: list[list[Token]]) -> list[str]:
        out = []
        for word in words:
            content = any(t.is_alpha for t in word) and all(
                t.is_alpha or t.text == "-" for t in word
            )
            if content and not (len(word) == 1 and word[0].is_stop):
                # a hyphen that joins the word to the figure itself ("40-year-old") goes
                out.append("".join(t.text for t in word).strip("-"))
            elif out or not (word[0].is_punct or word[0].lower_ in {"of", "the"}):
                break
            if len(out) == 4:
                break
        return out

    after = run(_printed_words(span.doc[span.end : span.sent.end]))
    if after:
        return " ".join(after)
    before = run(list(reversed(_printed_words(span.doc[span.sent.start : span.start]))))
    return " ".join(reversed(before)) or None


@lru_cache(maxsize=8)
def _pipeline(registry_json: str, acronyms: tuple[str, ...]) -> tuple[spacy.Language, Matcher]:
    """Building the pipeline costs ~0.4 s: reports with the same registry and glossary (a
    batch, next year's report) share one."""
    nlp = build_nlp(PartnerRegistry.model_validate_json(registry_json), list(acronyms))
    return nlp, _matcher(nlp)


class NarrativeReader:
    """Reads figures out of text blocks; one per report (registry + the report's glossary)."""

    def __init__(self, registry: PartnerRegistry, acronyms: list[str]):
        self.nlp, self.matcher = _pipeline(registry.model_dump_json(), tuple(acronyms))

    def read(self, block: Block, report_period: str) -> tuple[list[Figure], list[tuple[int, str]]]:
        """The block's figures, and its sentences with their start offsets."""
        return self._read(self.nlp(block.text), report_period)

    def read_all(
        self, blocks: list[Block], report_period: str
    ) -> Iterator[tuple[list[Figure], list[tuple[int, str]]]]:
        """``read`` for many blocks, batched through spaCy (much faster than one by one)."""
        for doc in self.nlp.pipe(b.text for b in blocks):
            yield self._read(doc, report_period)

    def _read(self, doc: Doc, report_period: str) -> tuple[list[Figure], list[tuple[int, str]]]:
        spans = []
        for match_id, start, end in self.matcher(doc):
            span = Span(doc, start, end, label=self.nlp.vocab.strings[match_id])
            if any(c.isdigit() for c in span.text):
                spans.append(span)
        spans.sort(key=lambda s: PRIORITY.index(s.label_))
        figures = []
        for span in sorted(filter_spans(spans), key=lambda s: s.start):
            figures.append(self._figure(doc, span, report_period))
        return figures, [(s.start_char, s.text) for s in doc.sents]

    def _figure(self, doc: Doc, span: Span, report_period: str) -> Figure:
        kind = span.label_
        numbers = [t for t in span if any(c.isdigit() for c in t.text)]
        value = _number(numbers[0].text) if numbers else None
        value_high = _number(numbers[-1].text) if len(numbers) > 1 else None
        unit = {
            "PERCENT": "percent",
            "PERCENT_RANGE": "percent",
            "CURRENCY": "currency",
            "FTE": "fte",
            "PHONE": "phone",
            "TIME": "time",
            "DATE": "date",
            "YEAR": "year",
            "PERIOD": "period",
            "ORDINAL": "ordinal",
            "CODE": "label",
            "RANGE": "range",
            "MULTIPLIED": "count",
            "NUMBER": "count",
        }[kind]
        before = doc[span.start - 1].lower_ if span.start > 0 else ""
        after = doc[span.end].lower_ if span.end < len(doc) else ""
        if unit in {"count", "range"} and before in LABEL_WORDS:
            unit = "label"
        elif unit in {"count", "range"} and after in AGE_WORDS:
            unit = "age"
        if kind == "MULTIPLIED" and value is not None:
            word = span[-1].lower_
            value *= {"million": 1e6, "bn": 1e9, "billion": 1e9}.get(word, 1)
        if kind == "PERIOD":
            period, stated = values.normalise_period(span.text), True
        else:
            mentions = [
                m for m in (values.normalise_period(t.text) for t in span.sent) if m
            ] + values.find_periods(span.sent.text)
            period, stated = (mentions[0], True) if mentions else (report_period, False)
        direction = _nearest(doc, span, INCREASE)
        decrease = _nearest(doc, span, DECREASE)
        if decrease and not direction:
            direction = "decrease"
        elif direction:
            direction = "increase" if not decrease else None
        entities = [(e.label_, e.ent_id_ or e.text) for e in span.sent.ents]
        return Figure(
            span.text,
            value,
            value_high,
            unit,
            period,
            stated,
            direction,
            _subject(span),
            span.sent.text.strip(),
            span.start_char,
            span.end_char,
            entities,
        )


def period_from_text(text: str) -> str | None:
    """'2018/19' -> 2018-19; '1 April 2021 – 31 March 2022' -> 2021-22; '2020' -> 2020-21."""
    period = values.normalise_period(text)
    if period:
        return period
    years = [int(y) for y in re.findall(r"(?<!\d)(?:19|20)\d{2}(?!\d)", text)]
    if len(years) == 2 and years[1] == years[0] + 1:
        return f"{years[0]}-{years[1] % 100:02d}"
    if len(years) == 1:
        return f"{years[0]}-{(years[0] + 1) % 100:02d}"
    return None


def promote(
    rules: list[NarrativeRule],
    sentence: str,
    sentence_start: int,
    block: Block,
    partner: str | None,
    report_id: str,
    report_period: str,
) -> list[Candidate]:
    """Metric candidates from the rules that match one sentence."""
    out = []
    for rule in rules:
        if rule.partner and rule.partner != partner:
            continue
        m = re.search(rule.pattern, sentence, re.IGNORECASE)
        if not m:
            continue
        groups = m.groupdict()
        if rule.value is not None:
            value, (start, end) = rule.value, m.span()
        else:
            value, (start, end) = groups["value"], m.span("value")
            value = values.parse_number(value) * rule.sign if values.is_number(value) else value
        if rule.period == "stated":
            period = period_from_text(groups.get("period") or "") or groups.get("period")
        elif rule.period == "report":
            period = report_period
        else:
            period = rule.period
        category = values.slugify(groups["category"]) if groups.get("category") else rule.category
        out.append(
            Candidate(
                "metrics",
                {
                    "report_id": report_id,
                    "metric": rule.metric,
                    "category": category,
                    "period": period,
                    "value": value,
                    "unit": rule.unit,
                    "page": block.page,
                    "bbox": block.bbox_of(sentence_start + start, sentence_start + end),
                    "source_kind": "narrative",
                    "source_text": sentence,
                },
            )
        )
    return out
