"""Figures in the prose, with spaCy: every number becomes a ``narrative_figures`` row.

The pipeline needs no model download: ``spacy.blank("en")`` with a sentencizer, lower-cased
lemmas from the lookup tables of ``spacy-lookups-data``, an ``EntityRuler`` built from the
partner registry and the report's own glossary, and ``Matcher`` patterns for quantities. Which
figures become metrics is decided by the definitions of ``extractors/metrics.toml``
(``definitions.py``).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.lookups import Table, load_lookups
from spacy.matcher import Matcher
from spacy.pipeline import Sentencizer
from spacy.symbols import ORTH
from spacy.tokens import Doc, Span, Token
from spacy.util import compile_infix_regex, compile_suffix_regex, filter_spans

from .. import values
from ..layout.blocks import Block
from ..specs import MetricDefinitions, PartnerRegistry
from . import phrases
from .definitions import (
    BlockContext,
    Decision,
    MetricRecogniser,
    PeriodMention,
    Topic,
)
from .phrases import BASE_WORDS, SUBJECTS, WORD_NUMBERS, ZERO_WORDS, small_count

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
BOUNDS = {"under", "over", "below", "above"}
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
# "this year 90 places": a time; "a Year 9 pupil", "that Year 9 pupils": a label
TIME_DETERMINERS = {"this", "last", "next", "each", "every", "previous"}
# a number glued to a word the tokenizer would otherwise keep whole: 1.26million, 0.1wte
_GLUED_SUFFIX = r"(?<=[0-9])(?:million|bn|billion|k|m|wte|fte)\b"
# a dash left hanging after a number: "in 2021- 2022"
_HANGING_DASH = r"(?<=[0-9])[-–]"
# a hyphen between a word and a number: "crime-91.3%"
_GLUED_INFIX = r"(?<=[A-Za-z])-(?=[0-9])"
# an en or em dash between numbers, as spaCy already splits a hyphen there: "88–97%"
_NUMBER_DASH = r"(?<=[0-9])[–—](?=[0-9])"
# a count written as statisticians do: "(n=668)"
_N_EQUALS = r"(?<=\b[nN])=(?=[0-9])"

NUM = {"LIKE_NUM": True, "SHAPE": {"NOT_IN": ["dddd/dd", "dddd/dddd", "dd/dd", "d/d"]}}
YEAR = {"TEXT": {"REGEX": r"^(?:19|20)\d\d$"}}
NUMERAL = {**NUM, "TEXT": {"REGEX": r"\d"}}
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety"
TENS = {w: 10 * (i + 2) for i, w in enumerate(_TENS.split(" "))}
# a number up to ninety-nine in words: "thirty-five", "twenty one", "nine"
WORDED = [
    {"LOWER": {"IN": [*WORD_NUMBERS, *TENS]}},
    {"TEXT": {"IN": ["-", "–"]}, "OP": "?"},
    {"LOWER": {"IN": list(WORD_NUMBERS)[1:10]}, "OP": "?"},
]


HUNDREDS = [{"LOWER": {"IN": list(WORD_NUMBERS)[1:10]}}, {"LOWER": "hundred"}]
# a count in words above this is a statistic wherever it stands ("eleven children",
# "seventy-one incidents"); one up to it is the prose of a case ("three separate referrals")
# unless a metric counted in small numbers follows, or it is one end of "from nine … to fifteen"
WORDED_STATISTIC = 10
DURATION_WORDS = {"minute", "hour", "day", "week", "fortnight", "month", "year", "decade"}
PERCENT_WORDS = {"per", "cent", "percent"}


def worded_value(words: list[str]) -> int | None:
    """ "thirty", "-", "five" -> 35; "seven hundred and four" -> 704; "a single" -> 1; None
    when the words are not one number."""
    words = [w for w in words if w not in {"-", "–"}]
    if words == ["a", "single"]:
        return 1
    if "hundred" in words:
        k = words.index("hundred")
        hundreds = worded_value(words[:k]) if k else None
        rest = words[k + 1 :]
        rest = rest[1:] if rest[:1] == ["and"] else rest
        below = worded_value(rest) if rest else 0
        if hundreds is None or not 0 < hundreds < 10 or below is None:
            return None
        return 100 * hundreds + below
    if len(words) == 1:
        return WORD_NUMBERS.get(words[0], TENS.get(words[0]))
    if len(words) == 2 and words[0] in TENS and 0 < WORD_NUMBERS.get(words[1], 0) < 10:
        return TENS[words[0]] + WORD_NUMBERS[words[1]]
    return None


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
    "PERCENT_RANGE": [
        [NUM, {"TEXT": {"IN": DASHES}}, NUM, {"TEXT": "%"}],
        [NUM, {"TEXT": "%"}, {"TEXT": {"IN": [*DASHES, "to"]}}, NUM, {"TEXT": "%"}],
        # "between 94 and 100 per cent", "between 94% and 100%"
        [
            {"LOWER": "between"},
            NUM,
            {"TEXT": "%", "OP": "?"},
            {"LOWER": "and"},
            NUM,
            {"LOWER": {"IN": ["%", "per", "percent"]}},
            {"LOWER": "cent", "OP": "?"},
        ],
    ],
    "PERCENT": [
        [NUM, {"TEXT": "%"}],
        [NUM, {"LOWER": "per"}, {"LOWER": "cent"}],
        [NUM, {"LOWER": "percent"}],
        # "thirty-five per cent": a share in words is still a share
        *(
            [*WORDED, *unit]
            for unit in ([{"LOWER": "per"}, {"LOWER": "cent"}], [{"LOWER": "percent"}])
        ),
    ],
    "FTE": [[NUM, {"LOWER": {"IN": ["wte", "fte"]}}]],
    "PHONE": [[{"TEXT": {"REGEX": r"^0\d{3,4}$"}}, {"TEXT": {"REGEX": r"^\d{6,7}$"}}]],
    "TIME": [
        [{"TEXT": {"REGEX": r"^\d{1,2}(?::\d\d)?(?:am|pm)$"}}],
        [{"TEXT": {"REGEX": r"^\d{1,2}(?::\d\d)?$"}}, {"LOWER": {"IN": ["am", "pm"]}}],
    ],
    # in digits: "seventy-one" is one number in words, not a range
    "RANGE": [[NUMERAL, {"TEXT": {"IN": DASHES}}, NUMERAL]],
    "MULTIPLIED": [[NUM, {"LOWER": {"IN": ["million", "bn", "billion"]}}]],
    "ORDINAL": [[{"TEXT": {"REGEX": r"^\d+(?:st|nd|rd|th)$"}}]],
    "CODE": [
        [{"TEXT": {"REGEX": r"^(?=.*\d)(?=.*[A-Za-z])[A-Za-z0-9/]+$"}}],
        [{"TEXT": {"REGEX": r"^\d+/\d+$"}}],
    ],
    "NUMBER": [[NUM], [{"TEXT": {"REGEX": r"^\d+(?:[.,]\d+)*$"}}]],
    "ZERO": [[{"LOWER": {"IN": list(ZERO_WORDS)}}]],
    # a count in words: "seventy-one incidents", "seven hundred and four", "a single review"
    "WORDS": [
        WORDED,
        [*HUNDREDS],
        [*HUNDREDS, {"LOWER": "and", "OP": "?"}, *WORDED],
        [{"LOWER": "a"}, {"LOWER": "single"}],
    ],
}
_NUMBER_WORD = re.compile(
    r"(?i)\b(?:"
    + "|".join(sorted({*WORD_NUMBERS, *ZERO_WORDS, *TENS, "single"}, key=len, reverse=True))
    + r")\b"
)


def may_hold_figures(text: str) -> bool:
    """Can this text hold a figure the reader would keep: a digit, or a number in words ("no
    reviews", "two reviews")? Text without one is not worth a trip through spaCy."""
    return any(c.isdecimal() for c in text) or bool(_NUMBER_WORD.search(text))


RELATIVE = {
    ("previous", "year"): -1,
    ("last", "year"): -1,
    ("prior", "year"): -1,
    ("year", "before"): -1,
    ("year", "earlier"): -1,
    ("preceding", "year"): -1,
    ("this", "year"): 0,
    ("next", "year"): 1,
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
    decision: Decision | None = None  # what the metric definitions made of it


ABBREVIATIONS = ["incl.", "excl.", "approx.", "inc.", "esp.", "avg.", "est."]


@lru_cache(maxsize=1)
def _lemma_table() -> Table:
    return load_lookups("en", ["lemma_lookup"]).get_table("lemma_lookup")


# slide and table shorthand for time words
SHORT_FORMS = {"yr": "year", "yrs": "year", "wk": "week", "wks": "week", "mth": "month"}
SHORT_FORMS |= {"mths": "month", "qtr": "quarter"}


@Language.component("lower_lemma")
def lower_lemma(doc: Doc) -> Doc:
    """Lemmas of the lower-cased words ("Concerns" -> "concern"), from spacy-lookups-data: what
    the metric definitions match on, whatever the case or inflection a report prints."""
    table = _lemma_table()
    for token in doc:
        lower = token.lower_
        text = token.text
        if lower in SHORT_FORMS:
            token.lemma_ = SHORT_FORMS[lower]  # "↑ 6.3% yr on yr", "79 a wk"
        elif lower not in table and len(text) > 3 and text.endswith("s") and text[:-1].isupper():
            token.lemma_ = lower[:-1]  # "LCSPRs", "SARs": an acronym's plural
        else:
            token.lemma_ = table.get(lower, lower)
    return doc


def build_nlp(registry: PartnerRegistry, acronyms: list[str]) -> spacy.Language:
    nlp = spacy.blank("en")
    tokenizer = nlp.tokenizer
    tokenizer.suffix_search = compile_suffix_regex(
        [*nlp.Defaults.suffixes, _GLUED_SUFFIX, _HANGING_DASH]
    ).search
    infixes = [*nlp.Defaults.infixes, _GLUED_INFIX, _NUMBER_DASH, _N_EQUALS]
    tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    for short in ABBREVIATIONS:  # "(incl. county lines)" does not end a sentence
        tokenizer.add_special_case(short, [{ORTH: short}])
        tokenizer.add_special_case(short.capitalize(), [{ORTH: short.capitalize()}])
    nlp.add_pipe("lower_lemma")
    # "Physical: 11 | Sexual: 10": a bar parts the items of a line as a full stop would
    punct = [*Sentencizer.default_punct_chars, "|"]
    nlp.add_pipe("sentencizer", config={"punct_chars": punct})
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
def _pipeline(
    registry_json: str, acronyms: tuple[str, ...], definitions_json: str
) -> tuple[spacy.Language, Matcher, MetricRecogniser]:
    """Building the pipeline costs ~0.5 s: reports with the same registry, glossary and
    definitions (a batch, next year's report) share one."""
    registry = PartnerRegistry.model_validate_json(registry_json)
    nlp = build_nlp(registry, list(acronyms))
    definitions = MetricDefinitions.model_validate_json(definitions_json)
    names = {p.name: [p.name, *p.aliases, *p.acronyms] for p in registry.partner}
    return nlp, _matcher(nlp), MetricRecogniser(nlp, definitions, names)


PROMOTABLE = {"count", "percent"}


class NarrativeReader:
    """Reads figures out of text blocks and decides which are metrics; one per report."""

    def __init__(
        self,
        registry: PartnerRegistry,
        acronyms: list[str],
        definitions: MetricDefinitions,
        glossary: dict[str, str] | None = None,
    ):
        """``glossary``: the report's acronyms and what they stand for, so that its own
        abbreviations of a category ("ASE") read as that category."""
        definitions = definitions.with_glossary(glossary or {})
        self.nlp, self.matcher, self.recogniser = _pipeline(
            registry.model_dump_json(), tuple(acronyms), definitions.model_dump_json()
        )
        self.topic = Topic()

    def read(self, block: Block, ctx: BlockContext) -> list[Figure]:
        """The block's figures, each with its decision."""
        return self._read(self.nlp(block.text), ctx)

    def read_all(self, blocks: list[Block], contexts: list[BlockContext]) -> Iterator[list[Figure]]:
        """``read`` for many blocks in reading order, batched through spaCy (much faster than
        one by one). A block inherits the metric its predecessor under the same heading was
        about, for lists and sentences that point back ("The number rose to …")."""
        for doc, ctx in zip(self.nlp.pipe(b.text for b in blocks), contexts, strict=True):
            yield self._read(doc, ctx)

    def _read(self, doc: Doc, ctx: BlockContext) -> list[Figure]:
        spans = []
        found = self.recogniser.mentions(doc)
        terms, cats = found.terms, found.cats
        inside = {i for s, e, _ in terms for i in range(s, e)}
        inside |= {i for s, e, *_ in cats for i in range(s, e)}
        in_words = self.recogniser.in_words
        word_starts = {s for s, _e, names in terms if names & in_words}
        matches = [(self.nlp.vocab.strings[m], s, e) for m, s, e in self.matcher(doc)]
        # "Under 18 – 38 (67%)": a range cannot start at a bound, so "Under 18" is a label
        # and 38 its value
        bounds = {
            s
            for kind, s, _e in matches
            if kind in {"RANGE", "PERCENT_RANGE"} and s and doc[s - 1].lower_ in BOUNDS
        }
        for kind, start, end in matches:
            span = Span(doc, start, end, label=kind)
            if start in bounds and kind in {"RANGE", "PERCENT_RANGE"}:
                continue
            ends = [_number(t.text) for t in span if t.like_num]
            ranged = kind in {"RANGE", "PERCENT_RANGE"} and len(ends) == 2 and None not in ends
            if ranged and ends[0] >= ends[1]:
                continue  # "559 – 12.4%, or roughly one in eight": a count, then its share
            if not any(c.isdecimal() for c in span.text):
                # "no Child Safeguarding Practice Reviews", "two Safeguarding Adults Reviews": a
                # small number in words is a figure right before the term of a metric that is
                # counted in words (small counts); elsewhere ("three separate referrals") it is
                # the prose of a case, not a statistic
                worded_share = kind == "PERCENT"  # "thirty-five per cent of plans"
                value = ZERO_WORDS.get(span[0].lower_, worded_value([t.lower_ for t in span]))
                if value is None and not worded_share:
                    continue
                after = doc[end].lemma_ if end < len(doc) else ""
                if after in DURATION_WORDS:
                    continue  # "twelve months earlier", "three weeks": a time, not a count
                small = not worded_share and value <= WORDED_STATISTIC
                counted = any(start + 1 <= s <= start + len(span) + 2 for s in word_starts)
                if small and not counted and not _from_to(doc, matches, start, end):
                    continue
            if any(i in inside for i in range(start, end)) and span.label_ != "PERIOD":
                if span.label_ in {"ZERO", "WORDS"} or not any(c.isdecimal() for c in span.text):
                    continue
                span = Span(doc, start, end, label="CODE")  # the "42" of "Section 42 enquiries"
            if start and doc[start - 1].lower_ in {"x", "×"} and span.label_ == "NUMBER":
                span = Span(doc, start, end, label="CODE")  # a list marker: "sessions x 3"
            if _paragraph_number(doc, span):
                span = Span(doc, start, end, label="CODE")  # "3.2 At 31 March 2030, …"
            if start and doc[start - 1].lower_ in REFERENCES and span.label_ == "NUMBER":
                span = Span(doc, start, end, label="CODE")  # "removed from Table 1"
            if span.label_ == "NUMBER" and _day_of_range(doc, end):
                span = Span(doc, start, end, label="CODE")  # "between 5 and 16 November 2029"
            if start in bounds and span.label_ == "NUMBER":
                span = Span(doc, start, end, label="CODE")
            if start and doc[start - 1].lower_ == "per" and span.label_ == "NUMBER":
                span = Span(doc, start, end, label="CODE")  # the base of a rate: "per 10,000"
            spans.append(span)
        spans.sort(key=lambda s: PRIORITY.index(s.label_))
        chosen = sorted(filter_spans(spans), key=lambda s: s.start)
        figures = [self._figure(doc, span, ctx.report_period) for span in chosen]
        key = (ctx.partner, ctx.heading)
        if self.topic.key != key:  # a new section: about what its heading names, if anything
            heading = self.nlp(ctx.heading.rsplit(" / ", 1)[-1])
            named = self.recogniser.mentions(heading)
            metrics, category = self.recogniser.about(heading[:], named.terms, named.cats, ctx)
            # a heading that IS a category ("Think Family") names it for the list below; one
            # that merely mentions a label ("Adult Social Care") does not
            words = [t for t in heading if not t.is_punct]
            labelled = len({i for s, e, *_ in named.cats for i in range(s, e)})
            own = category if words and labelled >= 0.5 * len(words) else None
            # "Adults", "3. Children": a heading naming a group of people is about them, not
            # about the breakdown of the one metric that has them as a category
            if named.cats and all(phrases.people(heading[s:e]) for s, e, *_ in named.cats):
                own = None
            if not named.terms and own is None:
                metrics = []  # "Adult Social Care" names a label ("adult"), not a metric
            self.topic = Topic(key, metrics, category, heading_category=own)
        found.periods = _period_mentions(doc, chosen, ctx.report_period)
        # the categories of a line of items parted by bars ("Crimes: 2,109 | Non-crimes: 2,127")
        barred: set[str] | None = None
        for sent in doc.sents:
            idx = [
                k
                for k, span in enumerate(chosen)
                if sent.start <= span.start < sent.end and figures[k].unit in PROMOTABLE
            ]
            groups = _groups(doc, [(k, chosen[k], figures[k]) for k in idx])
            decisions = self.recogniser.decide(sent, groups, found, ctx, self.topic)
            promoted = []
            for group, decision in zip(groups, decisions, strict=True):
                for member in group:
                    figure = figures[member["k"]]
                    figure.decision = self.recogniser.for_member(decision, member)
                    figure.period = figure.decision.period
                    figure.period_stated = figure.decision.period_stated
                    if figure.decision.promoted:
                        promoted.append((decision.metric, decision.category))
            if not idx:
                metrics, category = self.recogniser.about(sent, terms, cats, ctx)
                if metrics:
                    self.topic.metrics, self.topic.category = metrics, category
            if promoted:
                self.topic.listed = all(
                    figures[k].decision.list_item
                    for k in idx
                    if figures[k].decision and figures[k].decision.promoted
                )
                self.topic.metrics = sorted({self.recogniser._level(m) for m, _c in promoted})
                self.topic.counted = {m for m, _c in promoted}
                categories = {c for _m, c in promoted} | (barred or set())
                self.topic.category = next(iter(categories)) if len(categories) == 1 else None
            barred = (barred or set()) | {c for _m, c in promoted} if sent[-1].text == "|" else None
        return figures

    def _figure(self, doc: Doc, span: Span, report_period: str) -> Figure:
        kind = span.label_
        numbers = [t for t in span if any(c.isdecimal() for c in t.text)]
        value = _number(numbers[0].text) if numbers else None
        if not numbers and kind == "PERCENT":
            value = worded_value([t.lower_ for t in span if t.lower_ not in PERCENT_WORDS])
        elif not numbers:
            value = ZERO_WORDS.get(span[0].lower_, worded_value([t.lower_ for t in span]))
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
            "ZERO": "count",
            "WORDS": "count",
        }[kind]
        before = doc[span.start - 1].lower_ if span.start > 0 else ""
        after = doc[span.end].lower_ if span.end < len(doc) else ""
        # "Year 9", "level 3" label what follows; "this year 90 places" is a time, then a count
        # ("At the end of the year 152 children …": school years run to Year 13)
        timed = (
            before == "year"
            and span.start > 1
            and (doc[span.start - 2].lower_ in TIME_DETERMINERS or (value or 0) > 13)
        )
        if unit in {"count", "range"} and before in LABEL_WORDS and not timed:
            unit = "label"
        elif unit == "count" and before in {"call", "dial", "ring", "phone", "tel", "telephone"}:
            unit = "phone"  # "In an emergency always call 999"
        elif unit in {"count", "range"} and after in AGE_WORDS:
            unit = "age"
        elif unit in {"count", "range"} and (_aged(doc, span.start) or _band(doc, span)):
            unit = "age"  # "aged 70 to 79", "adults aged over 60"
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


COMPANION = {"(", "or", ",", "/", "of", "them", "these", "those", "which"}
LINKS = {"is", "was"}


# a number after these names a part of the document, not a quantity
REFERENCES = {"table", "figure", "chart", "appendix", "paragraph", "paragraphs", "page", "pages"}
REFERENCES |= {"annex", "graph", "recommendation", "para", "item", "priority", "step", "stage"}
REFERENCES |= {"slide", "slides", "chapter", "box"}  # "the figures are on Slide 9"


def _from_to(doc: Doc, matches: list[tuple[str, int, int]], start: int, end: int) -> bool:
    """Is the number one end of "from nine in 2028/29 to fifteen", the other end a number too?"""
    before = doc[start - 1].lower_ if start else ""
    if before not in {"from", "to"}:
        return False
    other = "to" if before == "from" else "from"
    sent = doc[start].sent
    return any(
        kind in {"NUMBER", "WORDS"}
        and s != start
        and sent.start < s < sent.end
        and doc[s - 1].lower_ == other
        and (s > end if other == "to" else s < start)
        for kind, s, _e in matches
    )


def _day_of_range(doc: Doc, end: int) -> bool:
    """The first day of a range of dates: the "5" of "between 5 and 16 November 2029"."""
    after = [t.lower_ for t in doc[end : end + 3]]
    return (
        len(after) == 3
        and after[0] in {"and", "to", "-", "–"}
        and after[1].isdecimal()
        and (after[2] in MONTHS)
    )


def _paragraph_number(doc: Doc, span: Span) -> bool:
    """A committee report numbers its paragraphs: "3.2 At 31 March 2030, 318 children …",
    "10.4 For ICON, …". A number opening the paragraph, with a capitalised word after it."""
    after = doc[span.end] if span.end < len(doc) else None
    return (
        span.start == 0
        and span.label_ == "NUMBER"
        and re.fullmatch(r"\d{1,2}(?:\.\d{1,2}){1,2}\.?|\d{1,2}\.", span.text) is not None
        and after is not None
        # ('4.9 "Supported Living" is shown …')
        and (
            after.is_title
            or (after.is_quote and span.end + 1 < len(doc) and doc[span.end + 1].is_title)
        )
    )


PEOPLE = {"adults", "children", "people", "persons", "those", "anyone", "young", "aged"}


def _band(doc: Doc, span: Span) -> bool:
    """Is the number an end of an age band named as one: "the 80 to 89 age band", "80-89
    year olds"?"""
    i, j = span.start, span.end
    around = [t.lower_ for t in doc[max(0, i - 2) : min(len(doc), j + 4)]]
    text = " ".join(around)
    return bool(re.search(r"\d+ (?:to|-|–) \d+ (?:age|years?|year-olds?)\b", text))


def _aged(doc: Doc, start: int) -> bool:
    """Is the number an age: "aged 70 to 79", "aged over 60", "ages 18 to 25", "under the
    age of 18", "aged 14 or 15"?"""
    words = [t.lower_ for t in doc[max(0, start - 5) : start]]
    if words[-1:] in (["over"], ["under"]) and len(words) > 1 and words[-2] in PEOPLE:
        return True  # "Adults over 18", "children under 18"
    # "aged 18 – 25": a dash between ages; "years of age – 599": a dash before the value
    if words[-1:] in (["-"], ["–"]) and not (len(words) > 1 and words[-2].isdecimal()):
        return False
    while words and (
        words[-1] in {"over", "under", "between", "and", "to", "-", "–", "or", "of", "the"}
        or words[-1].isdecimal()
    ):
        words.pop()
    return bool(words) and words[-1] in {"aged", "age", "ages"}


def _groups(doc: Doc, members: list[tuple[int, Span, Figure]]) -> list[list[dict]]:
    """Figures that state one thing together: "161 or 58%", "25 (60%)", "20% (69 case)"."""
    groups: list[list[dict]] = []
    for k, span, figure in members:
        member = {
            "k": k,
            "start": span.start,
            "end": span.end,
            "value": figure.value,
            "high": figure.value_high if figure.unit == "percent" else None,
            "unit": figure.unit,
        }
        if groups:
            last = groups[-1][-1]
            gap = doc[last["end"] : span.start]
            # "148 children, which is 52%": the first figure's own noun, then the link
            # "37 plans (8.7%)": a noun, then the companion in brackets
            noun = len(gap) > 1 and gap[0].is_alpha and not gap[0].is_stop and gap[1].text == "("
            skip = 1 if len(gap) and (gap[0].lemma_ in SUBJECTS or noun) else 0
            between = [t.text.lower() for t in gap[skip:]]
            # "161 or 58%", "25 (60%)", "57 of them, or 70.4 per cent", "148, which is 52%"
            linked = between[:2] == [",", "which"] and between[2:3] in (["is"], ["was"])
            # "559 – 12.4%, or roughly one in eight – went on to …": a share in a dashed aside
            dashed = len(between) == 1 and between[0] in {"–", "—"}
            joined = dashed or (
                set(between) <= COMPANION | LINKS and ({"(", "or", "/"} & set(between) or linked)
            )
            # ("3,981 (↑ 4.7% on 3,802)": a change, not the first figure's share)
            changed = figure.unit == "percent" and phrases.unsigned_change(doc, span.end)
            if joined and last["unit"] != figure.unit and not changed:
                groups[-1].append(member)
                continue
        groups.append([member])
    for group in groups:  # the group ends after a companion's ")" and its unit word
        end = group[-1]["end"]
        if len(group) > 1:
            # (a dashed aside ends at its second dash: "559 – 12.4%, or roughly one in eight –")
            dashed = doc[group[0]["end"]].text in {"–", "—"}
            closing = {"–", "—"} if dashed else {")"}
            sent_end = doc[group[0]["start"]].sent.end
            for i in range(end, min(end + (10 if dashed else 3), sent_end)):
                if doc[i].text in closing:
                    end = i + 1
                    break
        for member in group:
            member["group_end"] = end
    return groups


DATE_INTRO = {"at", "of", "between", "from", "to", "until", "and", "end", "on", "ending"}


def _period_mentions(doc: Doc, figures: list[Span], report_period: str) -> list[PeriodMention]:
    """Every reporting period the text names: "2021/22", "1 April 2021 – 31 March 2022",
    "at 31 March 2024", "in 2020", "the previous year"; each marked as a comparison base or
    not."""
    out = []
    start_year = int(report_period[:4])
    for span in figures:
        if span.label_ == "PERIOD":
            period = values.normalise_period(span.text)
        elif span.label_ == "DATE":
            before = doc[span.start - 1].lower_ if span.start else ""
            labels = span.end < len(doc) and doc[span.end].text == ":"  # "31 Mar 2041: 305"
            if before not in DATE_INTRO and before not in DASHES and not labels:
                continue  # "booked for 14 May 2024" is a date, not the period a figure is about
            period = values.reporting_year_of(span.text)
            window = [t.lower_ for t in doc[max(0, span.start - 3) : span.start]]
            if window[-2:-1] in (["months"], ["year"]) and before in {"to", "ending"}:
                # "in the twelve months to 30 June 2039": the year most of it falls in (the
                # quality rules flag that it is not the reporting year)
                period = values.year_ending_period(span.text)
        elif span.label_ == "YEAR":
            before = doc[span.start - 1].lower_ if span.start else ""
            if before not in {"in", "during"}:
                continue
            period = values.period_starting(int(span.text))
            same = [t.lower_ for t in doc[max(0, span.start - 4) : span.start - 1]]
            dated = [f for f in figures if f.label_ == "DATE" and f.sent == span.sent]
            if "same" in same and dated:
                # "298 at 31 March 2025, up 7% on the 279 at the same point in 2024": that
                # date in that year
                day_month = dated[0].text.rsplit(" ", 1)[0] if dated[0][-1].like_num else ""
                period = values.reporting_year_of(f"{day_month} {span.text}") or period
        else:
            continue
        if period:
            out.append(PeriodMention(span.start, span.end, period, _is_base(doc, span.start)))

    def word(t: Token) -> str:
        return SHORT_FORMS.get(t.lower_, t.lower_)  # "last yr"

    for i in range(len(doc) - 1):
        offset = RELATIVE.get((word(doc[i]), word(doc[i + 1])))
        before_that = i + 2 < len(doc) and doc[i + 2].lower_ == "that"
        if (word(doc[i]), word(doc[i + 1])) == ("year", "before") and before_that:
            # "up from 89% in 2040/41 and 86% the year before that": the year before the one
            # said last
            said = [p for p in out if p.end <= i and doc[p.start].sent == doc[i].sent]
            last = max(said, key=lambda p: p.start) if said else None
            y = int(last.period[:4]) - 1 if last else start_year - 2
            out.append(PeriodMention(i, i + 3, values.period_starting(y), False, relative=True))
            continue
        if offset is not None:
            y = start_year + offset
            period = values.period_starting(y)
            out.append(PeriodMention(i, i + 2, period, _is_base(doc, i), relative=True))
    # "over two years", "across the last 3 years", "risen by 9% in two years": up to now
    for i in range(len(doc) - 2):
        j = i + 1 + (doc[i + 1].lower_ in {"the", "last", "past"})
        j += j < len(doc) and doc[j].lower_ in {"last", "past"}
        if doc[i].lower_ in {"over", "across", "in"} and j + 1 < len(doc):
            n = small_count(doc[j])
            # (not "in two years' time": a plan)
            ahead = j + 2 < len(doc) and doc[j + 2].lower_ in {"'", "’", "time"}
            if 1 < n < 10 and doc[j + 1].lower_ == "years" and not ahead:
                out.append(PeriodMention(i, j + 2, report_period, False, relative=True, years=n))
    for i in range(len(doc) - 2):  # "two years ago", "3 years earlier"
        n = small_count(doc[i])
        ago = doc[i + 2].lower_ in {"ago", "earlier", "before", "previously"}
        back = (
            n if doc[i + 1].lower_ == "years" else n // 12 if doc[i + 1].lower_ == "months" else 0
        )
        if ago and (1 < n < 10 or n in {12, 24, 36}) and back:  # "twelve months earlier"
            n = back
            y = start_year - n
            period = values.period_starting(y)
            out.append(PeriodMention(i, i + 3, period, _is_base(doc, i), relative=True))
    # "between 2019/20 and 2021/22", "from 2020/21 to 2021/22": the first is the base
    out.sort(key=lambda p: p.start)
    for a, b in itertools.pairwise(out):
        words = {t.lower_ for t in doc[max(0, a.start - 2) : a.start]}
        joint = [t.lower_ for t in doc[a.end : b.start]]
        if words & {"between", "from"} and joint in (["and"], ["to"], ["-"], ["–"]):
            a.base = True
        # "than two years ago in 2029/30", "than last year (2030/31)": one base, named twice
        if a.base and joint in ([], ["in"], ["("], ["(", "in"]):
            b.base = True
    return out


def _is_base(doc: Doc, start: int) -> bool:
    """A period a figure is compared WITH ("compared to 2020/21", "v's 2020 / 2021")."""
    before = list(doc[max(0, start - 4) : start])
    numbers = [k for k, t in enumerate(before) if t.like_num and not t.is_alpha]
    if numbers:  # "compared with 66 in 2023/24": the period is that figure's, not a base
        before = before[numbers[-1] + 1 :]
    words = [t.lower_ for t in before if t.lower_ not in {"the", "a"}]
    if any(w in BASE_WORDS for w in words[-2:]):
        return True
    return bool({"compared", "compares"} & set(words)) or words[-1:] in (["on"], ["from"])
