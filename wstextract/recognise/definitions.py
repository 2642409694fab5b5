"""Which figures of the prose are metrics: the definitions of ``extractors/metrics.toml``.

A figure is promoted when exactly one definition claims it by meaning: a term for what the
metric counts stands next to it (or is the only one its sentence names), its unit fits, the
metric belongs where the figure is printed (a partner's statement, the body), and the context
words that tell similar metrics apart are there. Anything else stays a candidate with the reason
it was not promoted, for a researcher to review. Nothing here quotes a report's sentence.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from .. import values
from ..specs import MetricDefinitions
from . import phrases

# how far (in tokens) a term may stand from its figure
FORWARD = 5
BACKWARD = 6
NAMED = 12  # a term the sentence names before the figure, further off


@dataclass
class PeriodMention:
    start: int
    end: int
    period: str
    base: bool = False
    relative: bool = False  # "last year", "two years ago": counted back from the report's year
    years: int = 1  # "over two years", "in three years": a span of years up to the period


@dataclass
class Mentions:
    """What a paragraph names, as token offsets: metric terms (one span may name several
    metrics), category labels, share-of phrases and reporting periods."""

    terms: list[tuple[int, int, set[str]]]
    cats: list[tuple[int, int, str, str]]
    shares: list[tuple[int, int, str]]
    periods: list[PeriodMention] = field(default_factory=list)
    inner: dict[tuple[int, int], set[str]] = field(default_factory=dict)  # shorter terms inside
    narrowed: list[tuple[int, int]] = field(default_factory=list)  # "hoarding referrals"
    groups: list[tuple[int, int, str]] = field(default_factory=list)  # "care homes": categories
    named: dict[str, list[str]] = field(default_factory=dict)  # metric -> new names of categories


@dataclass
class Sentence:
    """One sentence as the decisions see it: its mentions, its figure groups' edges, where it
    stands."""

    span: Span
    terms: list[tuple[int, int, set[str]]]
    cats: list[tuple[int, int, str, str]]
    shares: list[tuple[int, int, str]]
    periods: list[PeriodMention]
    norms: tuple[str, str, str]  # the sentence, its paragraph, its headings, normalised
    inner: dict[tuple[int, int], set[str]]  # metrics of shorter terms inside a mention
    ctx: BlockContext
    topic: Topic
    edges: list[tuple[int, int]]  # (start, end) of each figure group
    first_ends: list[int] = field(default_factory=list)  # where each group's first figure ends
    decided: list[Decision] = field(default_factory=list)  # the groups before, decided
    narrowed: list[tuple[int, int]] = field(default_factory=list)  # terms a qualifier narrows
    groups: list[tuple[int, int, str]] = field(default_factory=list)  # groups of categories

    @property
    def doc(self) -> Doc:
        return self.span.doc

    def segment(self, k: int) -> tuple[int, int]:
        """The stretch that belongs to group k: from the previous group's end to the next's
        start."""
        lo = self.edges[k - 1][1] if k else self.span.start
        hi = self.edges[k + 1][0] if k + 1 < len(self.edges) else self.span.end
        return lo, hi


@dataclass
class Decision:
    """What recognition decided for one figure."""

    metric: str | None = None  # the promoted metric, or the nearest candidate
    category: str = "total"
    unit: str | None = None
    value: float | None = None
    period: str | None = None
    period_stated: bool = False
    promoted: bool = False
    reason: str | None = None
    by_unit: dict[str, str] = field(default_factory=dict)  # a companion's metric by its unit
    new_label: str | None = None  # a category label the definitions do not know yet
    list_item: bool = False  # its sentence is a list item, a category label and the figure
    part: Decision | None = None  # the part its percent companion is the share of ("of 284 (46%)")
    # why no definition counts it: "no_term" (no metric term near it), "other" (it counts a noun
    # no definition names, or a narrower or other kind of a metric's)
    uncounted: str | None = None


@dataclass
class BlockContext:
    """Where a block of prose stands: whose statement, under which heading, and the period its
    heading or the lead-in above it names ("Achievements in 2021-22:"), if any."""

    partner: str | None
    heading: str
    section_period: str | None
    report_period: str
    # (metric, category, unit, value) -> the periods this report's tables give that value for
    tabled: Mapping[tuple, frozenset[str]] = field(default_factory=dict)
    # the heading above naming the stretch of the year its section covers, one of several
    # ("Bulletin 1 – Spring 2039 (April to June)"): the section's figures are parts of the year
    scope: str | None = None


@dataclass
class Topic:
    """The metric the last promoting sentence was about, for lists and follow-on sentences."""

    key: tuple = ()
    metrics: list[str] = field(default_factory=list)
    category: str | None = None  # the one category the last promoting sentence was about
    heading_category: str | None = None  # the one category its heading names
    listed: bool = False  # the last promoting sentence was a list item: a label and its figure
    # the metrics the section's last promoting sentence stored (their context was said then)
    counted: set[str] = field(default_factory=set)


def _category_groups(categories: dict[str, list[str]]) -> list[str]:
    """The words that open labels of two or more categories ("care home" of "care home -
    nursing" and "care home (residential)"): they name a group of categories, not one."""
    openings: dict[str, set[str]] = {}
    for slug, labels in categories.items():
        for label in labels:
            words = re.findall(r"[a-z']+", label.lower())
            if len(words) >= 3:
                openings.setdefault(" ".join(words[:2]), set()).add(slug)
    return sorted(w for w, slugs in openings.items() if len(slugs) >= 2)


def _norm(text: str) -> str:
    return " " + re.sub(r"[^a-z0-9%/+]+", " ", text.lower()) + " "


def _contains(haystack_norm: str, phrases: list[str]) -> bool:
    return any(_norm(p) in haystack_norm for p in phrases)


def _names_label(haystack_norm: str, labels: list[str]) -> bool:
    """A label said in the text, also in the plural ("residential homes")."""
    return any(
        _norm(p) in haystack_norm or _norm(p).rstrip() + "s " in haystack_norm for p in labels
    )


def _compared(doc: Doc, edges: list[tuple[int, int]], k: int) -> bool:
    """Is figure group k a value the sentence compares with ("compared with 548", "more than
    the 4,158", "from 66 to 59")?"""
    start = edges[k][0]
    lo = edges[k - 1][1] if k else max(0, start - 4)
    words = [t.lower_ for t in doc[max(lo, start - 4) : start]]
    # ("an increase of 5.3% on the 3,866 recorded in 2039/40": "on" right after the change)
    on = k > 0 and words in (["on"], ["on", "the"])
    was = k > 0 and phrases.was_before(doc, start, lo)  # "152 (was 169)"
    # ("compared with 169 children and 55% a year earlier": the one after it, too)
    coordinated = (
        k > 1 and words[-1:] == ["and"] and "," not in words and _compared(doc, edges, k - 1)
    )
    return (
        on
        or was
        or coordinated
        or bool(
            {"compared", "compares", "than", "from", "against", "versus", "vs", "below", "above"}
            & set(words)
        )
    )


def _other_clause(doc: Doc, a: int, b: int) -> bool:
    """A comma, then "none" / "no" before the period: another clause's zero owns it; or a
    relative clause ("92% of staff, a real achievement for a course that only became mandatory
    two years ago"): its period is when the course became mandatory."""
    words = [t.lower_ for t in doc[a:b]]
    comma = words.index(",") if "," in words else None
    relative = comma is not None and bool({"that", "which", "who", "whose"} & set(words[comma:]))
    return relative or (
        comma is not None and bool({"none", "no", "nil", "zero"} & set(words[comma:]))
    )


def _restated_change(doc: Doc, edges: list[tuple[int, int]], k: int) -> bool:
    """ "13 fewer than the 287 …, a fall of 4.5%": figure k follows a comma (or a bracket) and
    a change noun, the same change said again."""
    words = [t.lower_ for t in doc[edges[k - 1][1] : edges[k][0]]]
    # (or in brackets: "18 more than the 329 we raised in 2039/40 (an increase of 5.5%)")
    marks = [j for j, w in enumerate(words) if w in {",", "("}]
    if not marks:
        return False
    after = words[marks[-1] + 1 :]
    return (
        len(after) <= 4
        and any(w in phrases.CHANGE_NOUNS for w in after)
        and after[-1:] in (["of"], ["by"])
    )


class MetricRecogniser:
    """Matches the definitions' terms in spaCy docs and decides which figures they claim."""

    def __init__(
        self,
        nlp: Language,
        definitions: MetricDefinitions,
        partner_names: dict[str, list[str]] | None = None,
    ):
        self.defs = definitions
        # partner -> the names, aliases and acronyms that say the text is about it
        self.partner_names = partner_names or {}
        self.terms = PhraseMatcher(nlp.vocab, attr="LEMMA")
        self.categories = PhraseMatcher(nlp.vocab, attr="LEMMA")
        self.shares = PhraseMatcher(nlp.vocab, attr="LEMMA")
        self.groups = PhraseMatcher(nlp.vocab, attr="LEMMA")
        lemmatize = nlp.get_pipe("lower_lemma")

        def patterns(phrases_: list[str]) -> list[Doc]:
            # only the lemmas matter to a pattern: tokenize and lemmatize, nothing more
            return [lemmatize(nlp.make_doc(p)) for p in phrases_]

        for d in definitions.metric:
            if d.terms:
                self.terms.add(d.name, patterns(d.terms))
            for slug, words in d.categories.items():
                self.categories.add(f"{d.name}|{slug}", patterns(words))
            if d.share_of:
                self.shares.add(d.name, patterns(d.share_of))
            if groups := _category_groups(d.categories):
                self.groups.add(d.name, patterns(groups))
        self.vocab = nlp.vocab
        self.written = {
            w
            for d in definitions.metric
            for phrase in [*d.terms, *d.share_of, *(x for ws in d.categories.values() for x in ws)]
            for w in re.findall(r"[a-z0-9'/-]+", phrase.lower())
        }
        self.in_words = {d.name for d in definitions.metric if d.in_words}
        self.named_by = {d.name: set(d.named_by) for d in definitions.metric if d.named_by}
        self._named: dict[str, list[str]] = {}  # the paragraph being decided: its new names
        self._continued: set[str] = set()  # the metrics the section's text before was about
        # metric -> the nouns its longer terms end in ("cse incident" -> "incident"): what a
        # figure counts when the rest of the term comes later ("63 incidents … carried a CSE
        # marker")
        self.heads: dict[str, set[str]] = {}
        for d in definitions.metric:
            for doc in patterns(d.terms):
                if len(doc) > 1 and doc[-1].is_alpha:
                    self.heads.setdefault(d.name, set()).add(doc[-1].lemma_)

    # --- mentions -------------------------------------------------------------------------
    def mentions(self, doc: Doc) -> Mentions:
        """Term mentions (longest wins; one span can name several metrics), category mentions
        and share-of mentions, as (start, end, ...) token offsets."""
        strings = self.vocab.strings
        by_span: dict[tuple[int, int], set[str]] = {}
        narrowed: list[tuple[int, int]] = []
        for key, s, e in self.terms(doc):
            if not self._as_written(doc[s:e]):
                continue
            if self._narrowed(doc, s):
                narrowed.append((s, e))
                continue
            by_span.setdefault((s, e), set()).add(strings[key])
        # the longest term wins where terms overlap ("places booked" over "places")
        kept: list[tuple[int, int, set[str]]] = []
        inner: dict[tuple[int, int], set[str]] = {}
        for (s, e), names in sorted(by_span.items(), key=lambda x: (x[0][0] - x[0][1], x[0][0])):
            outer = [(ks, ke, kn) for ks, ke, kn in kept if not (e <= ks or s >= ke)]
            if not outer:
                kept.append((s, e, names))
            elif len(outer) == 1 and outer[0][0] <= s and e <= outer[0][1]:
                # "audited files" names the audit rating; its "files" also names the
                # positive-difference rate, a little further off
                inner.setdefault(outer[0][:2], set()).update(names - outer[0][2])
        kept.sort()
        cats: list[tuple[int, int, str, str]] = []
        found = sorted(self.categories(doc), key=lambda m: (m[1] - m[2], m[1]))
        for key, s, e in found:  # "adult sexual exploitation", not "adult"
            metric, slug = strings[key].split("|")
            # "a child sexual exploitation marker" is a CSE incident's term: the label inside
            # it is not another metric's category
            within = any(
                ts <= s and e <= te and te - ts > e - s and metric not in names
                for ts, te, names in kept
            )
            if not within and all(e <= cs or s >= ce for cs, ce, m, _ in cats if m == metric):
                cats.append((s, e, metric, slug))
        # "residential homes accounted for 411 concerns": the "homes" of another metric's label
        # is not a term of its own
        kept = [
            (ts, te, names)
            for ts, te, names in kept
            if not any(
                cs <= ts and te <= ce and ce - cs > te - ts and m not in names
                for cs, ce, m, _c in cats
            )
        ]
        named: dict[str, list[str]] = {}
        for metric, nouns in self.named_by.items():
            # "the new Professional Curiosity course": a name the categories may not list yet
            for s, e in phrases.named_before(doc, nouns):
                if not any(cs <= s < ce for cs, ce, m, _c in cats if m == metric):
                    cats.append((s, e, metric, values.slugify(doc[s:e].text)))
                    named.setdefault(metric, []).append(_norm(doc[s:e].text).strip())
        cats.sort()
        shares = [(s, e, strings[key]) for key, s, e in self.shares(doc)]
        groups = [(s, e, strings[key]) for key, s, e in self.groups(doc)]
        return Mentions(
            kept, cats, shares, inner=inner, narrowed=narrowed, groups=groups, named=named
        )

    def _narrowed(self, doc: Doc, s: int) -> bool:
        """ "Hoarding referrals to ASC: 63", "63 hoarding referrals": a word no definition
        knows, right before a term, names a narrower kind of what the term counts. Only where
        a qualifier can stand (opening the sentence, after a figure or "the"/"of"), so that a
        verb ("staff raised concerns") is not one."""
        if s == 0:
            return False
        t = doc[s - 1]
        if not t.is_alpha or t.is_stop or t.is_upper or t.lower_.endswith("ed"):
            return False
        word = t.lower_
        if word in self.written or word in phrases.MODIFIERS or t.lemma_ in phrases.GENERIC:
            return False
        if word in phrases.CHANGE_AFTER or t.lemma_ in phrases.CHANGE_NOUNS | phrases.CHANGE_VERBS:
            return False  # "31 fewer enquiries": a change, not a kind
        opens = t.is_sent_start or (t.i > 0 and doc[t.i - 1].text in {"-", "•", "(cid:127)"})
        if t.is_title and not opens:
            return False  # "Wolverhampton safeguarding concerns": a place or an organisation
        before = doc[t.i - 1] if t.i > 0 else None
        return opens or (
            before is not None
            and ((before.like_num and not before.is_alpha) or before.lower_ in {"the", "of"})
        )

    def _as_written(self, span: Span) -> bool:
        """Lemmas join "concerns raised" and "concern was raised", but "the providers
        concerned" is not a concern: a word in -ed or -ing matches only if a term has it."""
        return all(
            t.lower_ == t.lemma_ or not t.lower_.endswith(("ed", "ing")) or t.lower_ in self.written
            for t in span
        )

    # --- decisions ------------------------------------------------------------------------
    def decide(
        self, sent: Span, groups: list[list[dict]], found: Mentions, ctx: BlockContext, topic: Topic
    ) -> list[Decision]:
        """One decision per figure group (a figure and its companions, "161 or 58%") of one
        sentence; ``found`` holds the mentions of the sentence's whole paragraph."""
        self._named = found.named
        self._continued = topic.counted
        s0, s1 = sent.start, sent.end
        sent_terms = [t for t in found.terms if s0 <= t[0] < s1]
        sent_cats = [c for c in found.cats if s0 <= c[0] < s1]
        sent_shares = [x for x in found.shares if s0 <= x[0] < s1]
        periods = [p for p in found.periods if s0 <= p.start < s1]
        para_periods = found.periods
        paragraph = sent.doc.text
        sent_norm, para_norm, head_norm = _norm(sent.text), _norm(paragraph), _norm(ctx.heading)
        edges = [(g[0]["start"], g[-1]["group_end"]) for g in groups]
        view = Sentence(
            sent,
            sent_terms,
            sent_cats,
            sent_shares,
            periods,
            (sent_norm, para_norm, head_norm),
            found.inner,
            ctx,
            topic,
            edges,
            first_ends=[g[0]["end"] for g in groups],
            narrowed=[(s, e) for s, e in found.narrowed if s0 <= s < s1],
            groups=[g for g in found.groups if s0 <= g[0] < s1],
        )
        owned = self._own_periods(sent, edges, periods, sent_terms)
        # figures a sentence compares with ("compared with 548 (13.2 per cent) in 2025/26",
        # "254 more than the 4,158 received the year before"): their periods do not carry on
        # to the figures after them
        compared = {
            j for j, p in enumerate(periods) if j in owned and _compared(sent.doc, edges, owned[j])
        }
        # "Quarter 2 (…):", "May 2038:", or under "Bulletin 1 – Spring 2039 (April to June)"
        scope = phrases.within_year_scope(sent) or ctx.scope
        out: list[Decision] = []
        for k, group in enumerate(groups):
            # the metric the sentence's figures so far were about, the latest first, by unit
            previous: dict[str, str] = {}
            for d in reversed(out):
                if d.promoted:
                    previous.setdefault(d.unit, self._level(d.metric))
                    previous.setdefault("any", self._level(d.metric))
            out.append(self._decide_group(view, k, group, previous))
            view.decided = out
            decided = out[-1]
            is_change = (
                bool(decided.metric and self.defs.by_name[decided.metric].change_of)
                and decided.reason is None
            )
            period, stated = self._period(
                k, edges, periods, owned, sent, ctx, para_periods, is_change, compared
            )
            out[-1].period, out[-1].period_stated = period, stated
            from_section = period == ctx.section_period and period not in {
                p.period for p in para_periods
            }
            tabled = ctx.tabled.get((decided.metric, decided.category, decided.unit, decided.value))
            if from_section and tabled and len(tabled) == 1:
                # "… neglect … being 150 or 55%" under a dateline of another year: the prose
                # repeats a table of the report, so it is about the table's period
                (period,) = tabled
            out[-1].period = period
            future = period > ctx.report_period and phrases.forward_looking(
                sent.doc, edges[k][0], sent.start
            )
            if decided.promoted and future:  # "… 98% CP-IS compliance by the end of 2028/29"
                decided.promoted = False
                decided.reason = f"a plan for {period}, after the report's own year"
            if decided.promoted and scope:
                decided.promoted = False  # "Quarter 2 (July to September 2038): 1,094 concerns"
                decided.reason = f"a figure for {scope!r}, a part of the year"
            shared = decided.metric and self.defs.by_name[decided.metric]
            if (
                decided.promoted
                and decided.unit == "percent"
                and decided.category == "total"
                and shared.categories
                and not shared.change_of
                and decided.value != 100
            ):
                # "21% had been on a plan before": a share of a breakdown that names none of
                # its categories is about something else (its whole is 100%)
                decided.promoted = False
                decided.reason = f"a share that names no category of {decided.metric}"
            hi = view.segment(k)[1]
            aged = phrases.aged_part(sent.doc, edges[k][1], hi)
            if decided.promoted and aged and decided.category == "total":
                decided.promoted = (
                    False  # "two in five children on plans (38%) were aged under five"
                )
                decided.reason = f"a part ({aged!r}), not the total"
            sampled = phrases.not_a_total(sent.doc, edges[k][0], sent.start)
            if decided.promoted and sampled and decided.unit == "count":
                decided.promoted = False  # "Average caseloads … stood at 16 children"
                decided.reason = f"{sampled}, not the number counted"
            window = phrases.short_window(sent.doc, edges[k][1], sent.end)
            if decided.promoted and window and decided.unit == "count":
                decided.promoted = False  # "after 11 concerns in six weeks"
                decided.reason = f"a count {window}, a part of the year"
        # "fell again, from 66 to 59": the first is the year before the second's
        for k in range(len(out) - 1):
            a, b = view.edges[k], view.edges[k + 1]
            joined = [t.lower_ for t in sent.doc[a[1] : b[0]]]
            opened = a[0] > sent.start and sent.doc[a[0] - 1].lower_ == "from"
            own = any(owned.get(j) == k for j in range(len(periods)))
            if opened and joined == ["to"] and not own and out[k + 1].period:
                y = int(out[k + 1].period[:4]) - 1
                out[k].period, out[k].period_stated = values.period_starting(y), True
            # … and both count the same thing: "incidents … fell from 66 to 59, … 49 crimes"
            # (a second figure left unpromoted, a target or a plan, stays so; one that only
            # lacked a term of its own takes the first's: "Plans under emotional abuse rose
            # from 88 to 97")
            first, second = out[k], out[k + 1]
            same_unit = first.unit == second.unit
            termless = second.uncounted == "no_term"
            if (
                opened
                and joined == ["to"]
                and first.promoted
                and same_unit
                and (second.promoted or termless)
            ):
                second.metric, second.category = first.metric, first.category
                second.promoted, second.reason, second.uncounted = True, None, None
        # "13 fewer than the 287 a year before, a fall of 4.5%": the same change in another
        # unit, over the same years
        for k in range(1, len(out)):
            # (past the figure the change is compared with: "than the 287 …")
            j = k - 1
            while j > 0 and _compared(sent.doc, view.edges, j):
                j -= 1
            a, b = out[j], out[k]
            changes = all(d.promoted and self.defs.by_name[d.metric].change_of for d in (a, b))
            if changes and a.unit != b.unit and self._level(a.metric) == self._level(b.metric):
                own = any(owned.get(j) == k for j in range(len(periods)))
                if not own and _restated_change(sent.doc, view.edges, k):
                    b.period, b.period_stated = a.period, a.period_stated
        # "Concerns in a person's own home have risen by 9% in two years": a change over a
        # span of years is no year's change
        for k, d in enumerate(out):
            spans = [p.years for j, p in enumerate(periods) if owned.get(j) == k and p.years > 1]
            yearly = d.promoted and not self.defs.by_name[d.metric].over_years
            if yearly and spans and self.defs.by_name[d.metric].change_of:
                d.promoted = False
                d.reason = f"a change over {spans[0]} years, not one year's"
        # "18 more than the 329 we raised in 2039/40, and 45 more than the 302 of 2038/39": a
        # second change of the same subject, against an earlier year, spans two years (not
        # "…, which had itself risen by 5.8% from 3,655 in 2038/39": the year compared with)
        for k in range(1, len(out)):
            b = out[k]
            definition = self.defs.by_name[b.metric] if b.promoted else None
            if definition is None or not definition.change_of or definition.over_years:
                continue
            j = next(
                (j for j in reversed(range(k)) if out[j].promoted and out[j].metric == b.metric),
                None,
            )
            if j is None or any(owned.get(i) == k for i in range(len(periods))):
                continue
            # ("… (between 2037/38 and 2038/39 the rise was 4.6%)": a span said before it)
            if any(view.edges[k - 1][1] <= p.start < view.edges[k][0] for p in periods):
                continue
            between = {t.lower_ for t in sent.doc[view.edges[j][1] : view.edges[k][0]]}
            if out[j].period > b.period and not between & {"which", "itself", "that", "when"}:
                b.promoted, b.period = False, out[j].period
                b.reason = f"a change over more than a year, to {out[j].period}"
        self._part_of_whole(view, out, found)
        self._part_of_counted_whole(view, out, groups)
        # "241 delegates at those sessions, while the service's own return reports 238": a
        # bare figure in a clause of contrast gives the same count again, from another source
        for k in range(1, len(out)):
            a, b = out[k - 1], out[k]
            if (
                a.promoted
                and not b.promoted
                and a.unit == b.unit
                and phrases.subordinate(sent.doc, view.edges[k - 1][1], view.edges[k][0])
                and phrases.bare_figure(sent.doc, view.first_ends[k])
                # (not "…, while younger adults aged 18–25 accounted for 296": a part of its own)
                and not any(t.like_num for t in sent.doc[view.edges[k - 1][1] : view.edges[k][0]])
                and not any(view.edges[k - 1][1] <= c[0] < view.edges[k][0] for c in view.cats)
            ):
                b.metric, b.category, b.period = a.metric, a.category, a.period
                b.period_stated, b.promoted, b.reason = a.period_stated, True, None
        # "In the 20 closed cases I read, the decision not to open an enquiry was reasonable
        # in 17": a figure ending its clause with no noun, smaller than a figure before it that
        # counts something else, is a part of those, whatever terms stand between
        for k in range(1, len(out)):
            a, b = out[k - 1], out[k]
            if (
                b.promoted
                and not a.promoted
                and a.uncounted is not None
                and a.unit == b.unit == "count"
                and None not in (a.value, b.value)
                and 0 < b.value < a.value
                # (the figure ends its clause: not "1,988 were recorded crimes")
                and (
                    view.edges[k][1] >= sent.end
                    or sent.doc[view.edges[k][1]].text in {",", ";", ".", ":"}
                )
            ):
                b.promoted = False
                b.reason = f"a part of the {a.value:g} before it, which no definition counts"
        # "The busiest age band was 80 to 89, with 702 concerns, followed by people in their
        # seventies (611)": a superlative picks one band, the first figure said of it
        peaks = set(self.defs.peak_metric.values())
        for k in range(1, len(out)):
            b = out[k]
            first = next((d for d in out[:k] if d.metric == b.metric and d.promoted), None)
            # (not "with 688 concerns, up from 655 last year": the same band another year)
            end = view.edges[k][1]
            same_band = (
                first is not None
                and b.period != first.period
                and _compared(sent.doc, view.edges, k)
                and not (end < sent.end and sent.doc[end].lower_ in {"to", "-", "–"})  # "18 to 64"
            )
            if (
                b.promoted
                and b.metric in peaks
                and first
                and first.unit == b.unit
                and not same_band
            ):
                b.promoted = False
                b.reason = f"a band after the largest ({first.category}), not the largest"
        # one sentence giving two values for one question ("85% compliance, compared to the 5%
        # compliance in 2020" in the 2020-21 report) cannot be read: neither is promoted
        keys: dict[tuple, list[Decision]] = {}
        for d in out:
            if d.promoted:
                keys.setdefault((d.metric, d.category, d.period, d.unit), []).append(d)
        for same in keys.values():
            if len({d.value for d in same}) > 1:
                for d in same:
                    d.promoted = False
                    d.reason = "the sentence gives two values for the same period"
        return out

    def _part_of_whole(self, view: Sentence, out: list[Decision], found: Mentions) -> None:
        """ "37 of 40 places booked", "88 of the 96 places available were booked": the second
        figure counts the noun (places), the first what the phrase says of part of them
        (booked)."""
        doc, edges = view.doc, view.edges
        for k in range(len(out) - 1):
            whole, part = out[k + 1], out[k]
            if [t.lower_ for t in doc[edges[k][1] : edges[k + 1][0]]] not in (
                ["of"],
                ["of", "the"],
            ):
                continue
            after = edges[k + 1][1]
            term = next((t for t in view.terms if t[0] == after), None)
            if term is None or whole.unit != part.unit or None in (whole.value, part.value):
                continue
            inner = found.inner.get(term[:2], set())
            # the whole's own term, then what is said of the part: its inner noun and the
            # phrase ("places booked"), or the next term ("places available were booked")
            said = next((t for t in view.terms if term[1] <= t[0] <= term[1] + 2), None)
            whole_names, part_names = (inner, term[2]) if inner else (term[2], said and said[2])
            if not part_names:
                continue
            ctx, norms = view.ctx, view.norms
            noun, why = self._rank([(0, n) for n in whole_names], 0, whole.unit, ctx, norms)
            phrase, why_ = self._rank([(0, n) for n in part_names], 0, part.unit, ctx, norms)
            if noun and phrase and not (why or why_) and noun != phrase and whole.promoted:
                whole.metric = noun
                part.metric, part.category, part.period = phrase, whole.category, whole.period
                part.period_stated, part.promoted, part.reason = whole.period_stated, True, None

    def _part_of_counted_whole(
        self, view: Sentence, out: list[Decision], groups: list[list[dict]]
    ) -> None:
        """ "131 out of 284 children (46%) were on a plan under neglect": the whole (284) is the
        metric's total; the part is the same metric, under the one label the sentence gives
        after the whole, and the whole's companion share that is part / whole is the part's."""
        doc, edges = view.doc, view.edges
        for k in range(len(out) - 1):
            part, whole = out[k], out[k + 1]
            if not phrases.of_figure(doc, edges, k) or part.promoted or not whole.promoted:
                continue
            if whole.category != "total" or part.unit != whole.unit or part.unit != "count":
                continue
            if not whole.value or part.value is None or not 0 < part.value < whole.value:
                continue
            level = self._level(whole.metric)
            if level != whole.metric:
                continue
            labels = {c for s, _e, m, c in view.cats if m == level and s >= edges[k + 1][1]}
            if len(labels) != 1:
                continue
            (label,) = labels
            part.metric, part.category, part.period = level, label, whole.period
            part.period_stated, part.promoted, part.reason = whole.period_stated, True, None
            ratio = 100 * part.value / whole.value
            if any(
                m["unit"] == "percent" and m["value"] is not None and abs(ratio - m["value"]) < 1
                for m in groups[k + 1]
            ):
                whole.part = part

    def _breakdown_total(self, view: Sentence, k: int, definition) -> bool:
        """Is figure group k the total of a breakdown the metric exists only by: right after a
        word of ``total_when`` ("these figures cover 2,774 of the 4,117 concerns"), or the whole
        of a part said with a category ("… concerns with a recorded location related to the
        person's own home: 1,358 out of 2,193")?"""
        if not definition.total_when or not _contains(view.norms[0], definition.total_when):
            return False
        doc, (start, _end) = view.doc, view.edges[k]
        if _contains(
            _norm(doc[max(view.span.start, start - 4) : start].text), definition.total_when
        ):
            return True  # right after them
        if k == 0 or not phrases.of_figure(doc, view.edges, k - 1) or k > len(view.decided):
            return False
        part = view.decided[k - 1]
        return (
            part.promoted
            and self._level(part.metric) == definition.name
            and part.category not in (None, "total")
        )

    def _level_applies(self, metric: str, ctx: BlockContext) -> bool:
        return self.defs.by_name[metric].applies_to(ctx.partner)

    def _level(self, metric: str) -> str:
        return self.defs.by_name[metric].change_of or metric

    def for_member(self, decision: Decision, member: dict) -> Decision:
        """A group's decision for one of its figures: same metric, the figure's own value and
        unit ("161 or 58%": a count and a percent of the same category)."""
        if decision.part is not None and member["unit"] == "percent":
            decision = decision.part  # "131 out of 284 children (46%)": the part's share
        own = Decision(**vars(decision))
        own.unit = member["unit"]
        sign = -1 if (decision.value or 0) < 0 else 1
        own.value = None if member["value"] is None else sign * abs(member["value"])
        if own.unit in decision.by_unit:
            own.metric = decision.by_unit[own.unit]
        if own.promoted and own.unit not in self.defs.by_name[own.metric].units:
            own.promoted = False
            own.reason = f"{decision.metric} is not measured as a {own.unit}"
        return own

    def _applicable(self, name: str, ctx: BlockContext, norms: tuple[str, str, str]) -> int:
        """0 when the metric cannot apply here; else how close its context words are:
        3 in the sentence, 2 in the paragraph, 1 under the heading or no context needed."""
        d = self.defs.by_name[name]
        d = self.defs.by_name[d.change_of] if d.change_of else d  # a change: its level's scope
        if _contains(norms[0], d.unless):
            return 0  # "88% of audited files were rated good … for a positive difference"
        named = 3
        if not d.applies_to(ctx.partner):
            # a partner's metric in the body of the report, where the text names the partner
            # ("West Midlands Police recorded …")
            if ctx.partner is not None or not d.partners:
                return 0
            names = [n for p in d.partners for n in self.partner_names.get(p, [p])]
            named = next(
                (lv for lv, text in zip((3, 2, 1), norms, strict=True) if _contains(text, names)),
                0,
            )
            if not named:
                return 0
        # only by category: one of its labels must be named, or the words that make a figure
        # the breakdown's own total ("these figures cover 2,774 …")
        if not d.total and not (d.total_when and _contains(norms[0], d.total_when)):
            labels = [w for ws in d.categories.values() for w in ws] + self._named.get(name, [])
            named = min(
                named,
                next(
                    (lv for lv, t in zip((3, 2, 1), norms, strict=True) if _names_label(t, labels)),
                    0,
                ),
            )
            if not named:
                return 0
        if not d.context:
            return min(named, 1)
        for level, text in zip((3, 2, 1), norms, strict=True):
            if _contains(text, d.context):
                return min(named, level)
        # "Care homes came next: residential homes accounted for 411 concerns": a sentence that
        # goes on about the breakdown the sentence before stored, naming its labels, has the
        # context that was said then
        labels = [w for ws in d.categories.values() for w in ws]
        going_on = d.name in self._continued and labels and _names_label(norms[0], labels)
        return min(named, 1) if going_on else 0

    def _decide_group(
        self, view: Sentence, k: int, group: list[dict], previous: dict[str, str]
    ) -> Decision:
        sent, doc, terms, cats = view.span, view.doc, view.terms, view.cats
        ctx, topic, norms = view.ctx, view.topic, view.norms
        start, end = view.edges[k]
        lo, hi = view.segment(k)
        edges = (start, end, lo, hi)
        others = [e for j, e in enumerate(view.edges) if j != k]
        first = group[0]
        dec = Decision(value=first["value"], unit=first["unit"])
        # "84 of its 90 places were booked": the part takes what the sentence says of them
        # (booked), the whole counts its own noun (places)
        part = phrases.of_figure(doc, view.edges, k)
        whole = k > 0 and phrases.of_figure(doc, view.edges, k - 1)
        change = phrases.change(doc, start, end, sent.start)
        touching = (k and view.edges[k - 1][1] == start) or (
            k + 1 < len(view.edges) and view.edges[k + 1][0] == end
        )
        if touching:
            # "Neglect share: 55% 52% yr on yr", its arrow lost: which is which is not said
            dec.reason = "side by side with another figure, nothing between them"
            return dec
        if not change and dec.unit == "percent" and phrases.unsigned_change(doc, end):
            dec.reason = "a change, and the text does not say which way"
            return dec
        in_period = {i for p in view.periods for i in range(p.start, p.end)}
        own = phrases.own_noun(doc, end, hi, in_period)
        if own is not None:  # "11 domestic abuse sessions": the noun phrase's head is the term
            # ("69 people actually attended"; a verb in -ed is what people did, not what
            # "eleven agencies completed the course" counts)
            people = doc[own].lemma_ in phrases.SUBJECTS | phrases.GENERIC
            head = next(
                (
                    s
                    for s, e, _n in terms
                    if own < s <= own + 3
                    and phrases.noun_run(doc, own, s)
                    and (people or not (e - s == 1 and doc[s].lower_.endswith("ed")))
                ),
                None,
            )
            own = head if head is not None else own
        if (
            own is not None
            and phrases.accounted_for(doc, own + 1)
            # (not "38 concerns accounted for …": a term of a metric that applies here)
            and not any(
                s_ <= own < e_ and any(self._applicable(n, ctx, norms) for n in ns)
                for s_, e_, ns in terms
            )
        ):
            # "just 14 homes accounted for more than half of them": a count of the homes
            dec.reason = f"counts the {doc[own].text} that accounted for a part, not the metric"
            dec.uncounted = "other"
            return dec
        named = {n for _s, _e, names in terms for n in names}
        # "63 incidents recorded by West Midlands Police in 2029/30 carried a child sexual
        # exploitation marker": the noun counted is the head of a term its clause names later,
        # with no other figure between
        headed = sorted(
            {
                n
                for s, _e, names in terms
                for n in names
                if own is not None
                and doc[own].lemma_ in self.heads.get(n, ())
                and (
                    (
                        0 < s - own <= 2 * NAMED
                        and not any(end <= a < s for a, _b in others)
                        and not phrases.clause_break(doc, end, s)
                    )
                    # ("Recorded child abuse fell this year …: 4,226 incidents in 2034/35": the
                    # term said before, with no figure between)
                    or (
                        sent.start <= _e <= start
                        and not any(_e <= a < start for a, _b in others)
                        and not phrases.semicolon(doc, _e, start)
                    )
                )
            }
        )
        foreign = (
            own is not None
            and not headed
            and doc[own].lemma_ not in phrases.GENERIC
            and doc[own].lemma_ not in phrases.CHANGE_NOUNS
            and doc[own].lower_ not in phrases.CHANGE_AFTER
            and not doc[own].lower_.endswith("ed")  # "the 4,287 logged the year before"
            and not any(s <= own < e for s, e, *_ in [*terms, *cats])
            # ("just over half (53%) of all plans": the noun of what a share is of; not "131
            # plans, or 44% of the total")
            and not any(
                s <= own < e and "of" in {t.lower_ for t in doc[max(s - 2, 0) : s]}
                for s, e, _n in view.shares
            )
        )
        # "the highest number … 599", "The busiest age band was … 644"; an -est word after the
        # figure ("…, which we regard as the truest test") is not about its part
        # ("the lowest in five years" ranks a year among years: no part is picked)
        superlative = (
            any(
                phrases.superlative(t)
                and t.lower_ in phrases.SUPERLATIVES
                and not phrases.over_time(t)
                for t in doc[sent.start : hi]
            )
            or any(
                phrases.superlative(t) and not phrases.over_time(t) for t in doc[sent.start : start]
            )
            or ("than any other" in doc[sent.start : hi].text.lower())
        )
        # "Last year: 401.", "Last year was itself up 5.5%": a sentence whose subject is a
        # period is about what the text before was about
        labelled = any(
            p.start == sent.start
            or (
                p.start == sent.start + 1
                and doc[sent.start].lower_ in phrases.PERIOD_INTRO | {"the", "a"}
            )
            for p in view.periods
        )
        points_back = (
            phrases.points_back(sent) or phrases.elliptical_change(sent) or (labelled and not terms)
        )
        if own is not None and (points_back or labelled):
            # "The year before saw seventy-one incidents": the incidents the text before counted
            topical = [m for m in topic.metrics if doc[own].lemma_ in self.heads.get(m, ())]
            if topical:
                foreign, headed = False, sorted({*headed, *topical})
        if own is not None and foreign and not headed:
            # "Neglect remains the most common category: 131 plans": a head of the terms of the
            # one metric whose category the figure's stretch names (not another clause's: "52
            # incidents as CSE, …, and 31 out of 52 were confirmed as crimes")
            labelled_by = {
                m
                for s, e, m, _c in cats
                if doc[own].lemma_ in self.heads.get(m, ())
                and not s <= own < e  # "250 children": the noun is no label beside it
                and (
                    lo <= s < start
                    or (end <= s < min(hi, end + NAMED) and not phrases.clause_break(doc, end, s))
                )
            }
            if len(labelled_by) == 1:
                foreign, headed = False, sorted(labelled_by)
        # "2022/23 (3,612)": a figure in brackets after a period restates the sentence's subject
        prev_end = view.edges[k - 1][1] if k else sent.start
        # ("74 practitioners from eleven agencies": a figure of a noun no definition names
        # is no value the sentence compares with)
        # ("compared with 3 SARs": a figure whose own noun is a term counts that)
        names_own = own is not None and any(s <= own < e for s, e, _n in terms)
        # (not a part of a whole that follows: "…, 14 fewer than in 2035/36, and 31 out of 52
        # were confirmed as crimes")
        restates = (
            bool(previous)
            and not part
            and (
                phrases.restatement(doc, prev_end, start, view.periods)
                # "94% … up from 88% in 2023/24", "compared with 548", "more than the 4,158": the
                # value it is compared with, for another period
                or (k > 0 and not foreign and not names_own and _compared(doc, view.edges, k))
                # "… 517 section 42 enquiries in 2039/40, so the number rose by 8.1%"
                or (k > 0 and bool(change) and phrases.refers_back(doc, prev_end, start))
                # "… 4,105 were recorded in 2031/32, …, and the figure rose again in 2032/33 to
                # 4,388": the level the figure before reached next
                or (
                    k > 0
                    and not change
                    and doc[start - 1].lower_ == "to"
                    and phrases.refers_back(doc, prev_end, start, reach=8)
                )
            )
        )
        prior = view.decided[k - 1] if 0 < k <= len(view.decided) else None
        if (
            prior is not None
            and prior.uncounted == "other"
            and not names_own
            and _compared(doc, view.edges, k)
        ):
            # "63 incidents as widgets, down from 70 in 2039/40": what a figure is compared
            # with counts the same thing, which no definition names
            dec.reason = f"compared with the {prior.value:g} before it, which no definition counts"
            dec.uncounted = "other"
            return dec
        if (
            prior is not None
            and not prior.promoted
            and prior.uncounted in {"other", "no_term"}
            and phrases.said_of(doc, prev_end, start, end)
        ):
            # "618 episodes involving 241 children, and 83% of those children …": what is said
            # of a figure no definition counts
            dec.reason = f"said of the {prior.value:g} before it, which no definition counts"
            dec.uncounted = "other"
            return dec
        applicable = {n for n in named if self._applicable(n, ctx, norms)}
        tiers = [
            self._attached(
                view, group, edges, own, named, dec.unit, foreign, points_back, whole, part
            ),
            [(0, n) for n in headed],
            # a change is about what its sentence counts ("… concerns …, an increase of 9.3%")
            [(0, n) for n in named if n in self.defs.change_metric] if change else [],
            # "The number increased to 2,899": the metric the previous sentence was about
            [(0, m) for m in topic.metrics] if points_back and not foreign else [],
            # the only metric its sentence names, close before it
            [
                (0, n)
                for s, e, ns in terms
                for n in ns
                if (0 <= start - e <= NAMED and not phrases.partitive(doc, s, e, start))
                # "242 children … were the subject of a child protection plan"; not "40 staff
                # went to training about Section 42 enquiries"
                or (
                    own is not None
                    and doc[own].lemma_ in phrases.SUBJECTS
                    and 0 <= s - end <= NAMED
                    # "trained 241 people across 12 sessions": the term is the other figure's
                    and not phrases.blocked(group, end, s, doc)
                )
            ]
            # a superlative picks a part: only its largest age band may be a metric of its own
            if not foreign and (not superlative or phrases.band_of(doc, sent.start, hi, any_=True))
            else [],
            # a list under a lead-in ("42 possible victims:" … "25 (60%) Male")
            # (not "Children reported missing had 1,137 missing episodes": a noun of its own;
            # "the remaining 82.7% relating to adults" names none)
            # (nor a sentence that names a metric of its own: "97 out of 250 children were on
            # a plan" under the heading "Children")
            [(0, m) for s, _e, m, _c in cats if m in topic.metrics and lo <= s < hi]
            if (not foreign or phrases.verbal(doc, own))
            and (not applicable or applicable & {*topic.metrics})
            else [],
            # "The highest number of concerns … were within the banding 80 – 89 years of age
            # – 599": what a superlative picks its band of is named however far before
            [
                (0, n)
                for s, e, ns in terms
                for n in ns
                if e <= start
                and n in self.defs.peak_metric
                and not any(e <= a < start for a, _b in others)
            ]
            if superlative and not foreign and phrases.band_of(doc, sent.start, hi, any_=True)
            else [],
        ]
        if part:
            # the term the whole's noun begins, when the noun alone is another metric's term;
            # a whole with no noun ("31 out of 52 were confirmed as crimes"): what the
            # sentence says of the part
            w_end, w_hi = view.edges[k + 1][1], view.segment(k + 1)[1]
            bare = phrases.bare_figure(doc, view.first_ends[k + 1])
            tiers.insert(
                0,
                [
                    (0, n)
                    for s, e, ns in terms
                    if (
                        s == w_end
                        and view.inner.get((s, e))
                        and not phrases.participle_first(doc, s, e)
                    )
                    or (
                        bare
                        and w_end <= s < w_hi
                        and s - w_end <= FORWARD
                        and not phrases.clause_break(doc, w_end, s)
                    )
                    for n in ns
                ],
            )
        if restates:
            tiers.insert(0, [(0, previous.get(dec.unit) or previous["any"])])
        # "down by 27 compared with last year (525), or 5.1 per cent": the same change in
        # another unit
        before = [t.lower_ for t in doc[max(sent.start, start - 2) : start]]
        if before[-1:] == ["or"] and k and view.decided:
            # the figure it restates, not a bracketed aside ("… last year (525), or 5.1%")
            earlier = next(
                (
                    d
                    for j, d in reversed(list(enumerate(view.decided)))
                    if d.promoted and doc[max(view.edges[j][0] - 1, 0)].text != "("
                ),
                None,
            )
            if earlier is not None and earlier.unit != dec.unit:
                level = self._level(earlier.metric)
                change = change or (1 if (earlier.value or 0) >= 0 else -1) * bool(
                    self.defs.by_name[earlier.metric].change_of
                )
                tiers.insert(0, [(0, level)])
        first_reason = None
        for found in tiers:
            if not found:
                continue
            metric, reason = self._rank(found, change, dec.unit, ctx, norms)
            if metric is None and dec.unit == "percent" and not change:
                # "523 out of 4,392 went on to a section 42 enquiry (11.9%)": a share of what
                # is counted only as a number is its rate, when one definition is that share
                shared = self._shared(view, k)
                rates = {self._rate_of(n, ctx, norms, shared)[0] for _d, n in found} - {None}
                if len(rates) == 1:
                    metric, reason = rates.pop(), None
            if metric is None:
                first_reason = first_reason or reason
                continue
            dec.metric = metric
            if reason:  # ambiguous between metrics
                dec.reason = reason
                return dec
            # "57 of them, or 70.4 per cent, led to a confirmed crime": a companion in the
            # other unit may be another metric of the same words (crimes / the crime rate)
            for unit in {m["unit"] for m in group} - {dec.unit}:
                other, why = self._rank(found, change, unit, ctx, norms)
                if other is None and unit == "percent" and not change:
                    # "506 (12.0%) went on to a Section 42 enquiry": the share is a rate
                    shared = self._shared(view, k)
                    other, why = self._rate_of(metric, ctx, norms, shared)
                if other and not why:
                    dec.by_unit[unit] = other
            break
        else:
            label = phrases.list_label(doc, sent.start, start, end, sent.end) if k == 0 else None
            listed = topic.metrics[0] if len(topic.metrics) == 1 else None
            if (
                label is not None
                and listed is not None
                and topic.category not in (None, "total")
                and topic.listed
                and self.defs.by_name[listed].categories
                and not change
                and dec.value is not None
            ):
                # "Cuckooing – 5 (5%)" in a list of exploitation types: a category the
                # definitions do not know yet, stored under its slug and flagged
                dec.metric, dec.category, dec.promoted = listed, values.slugify(label), True
                dec.new_label = label
                return dec
            if foreign and not first_reason:
                dec.reason = f"counts {doc[own].text!r}, which no definition names"
                dec.uncounted = "other"
            elif not first_reason and topic.metrics and not foreign:
                # a candidate for review: what the text before it was about
                dec.metric = topic.metrics[0]
                about = " or ".join(topic.metrics)
                dec.reason = f"no metric term in its sentence; the text before is about {about}"
                dec.uncounted = "no_term"
            elif view.narrowed and not first_reason:
                s, e = view.narrowed[0]
                dec.reason = f"counts {doc[s - 1 : e].text!r}, narrower than any definition"
                dec.uncounted = "other"
            else:
                dec.reason = first_reason or "no metric term near it"
                dec.uncounted = None if first_reason else "no_term"
            return dec
        definition = self.defs.by_name[dec.metric]
        level_metric = definition.change_of or definition.name
        claimed = {
            s for s, e, _m, _c in cats for a, b in others if phrases.adjacent(doc, (s, e), (a, b))
        }
        sent_first = min([start, *(a for a, _b in others)])
        reach = view.segment(k + 1)[1] if part else self._reach(view, k, own, [*terms, *cats])
        category = self._category(
            level_metric, cats, (start, end, lo, reach), own, sent_first, claimed, doc
        )
        labels_at = [c_s for c_s, _e, m, c in cats if (m, c) == (level_metric, category)]
        if whole and labels_at and min(labels_at) >= end:
            # "(2,207 of 3,827) … in the person's own home": a label after them is the part's
            category = "total"
        heading_category = topic.heading_category
        if (
            category == "total"
            and heading_category in self.defs.by_name[level_metric].categories
            and not any(m == level_metric for _s, _e, m, _c in cats)
        ):
            category = heading_category  # a list under the heading "Think Family"
        if (
            category == "total"
            and points_back
            and topic.category
            and topic.category in self.defs.by_name[level_metric].categories
            and not any(m == level_metric for _s, _e, m, _c in cats)
        ):
            category = topic.category  # "It was the category for 124 children"
        inherited_label = None
        if (
            category == "total"
            and restates
            and not any(m == level_metric and lo <= s_ < hi for s_, _e, m, _c in cats)
        ):
            # "152 children were on a plan under neglect, … compared with 169 children": a
            # value compared with is of the category of the figure it is compared with
            compared_with = next(
                (
                    d
                    for d in reversed(view.decided)
                    if d.promoted and self._level(d.metric) == level_metric and d.unit == dec.unit
                ),
                None,
            )
            if compared_with is not None:
                category, inherited_label = compared_with.category, compared_with.new_label
        if (
            category == "total"
            and not change
            and phrases.of_them(doc, end)
            and any(level_metric in ns and s_ < start for s_, _e, ns in terms)
        ):
            # "Just under two in five of the children on plans, 112 of them, were under five"
            dec.reason = "a part of the figure it points back to ('… of them'), not the total"
            return dec
        if category is None:
            dec.reason = f"ambiguous category of {dec.metric}"
            return dec
        if (
            phrases.part_of_before(sent)
            and dec.unit == "count"
            and dec.metric in topic.metrics
            and category == (topic.category or "total")
            and not change
        ):
            # "720 places were offered. Of those core places, 300 were on the new strand"
            dec.reason = "a part of the figure the sentence before gives, not the same count"
            return dec
        whole = phrases.opening_whole(doc, sent.start, start)
        if whole is not None and not change:
            # "Of the concerns about adults, 57 were linked to hoarding", "Of the 538
            # enquiries, 212 were about …": the sentence opens with the whole; this is a part
            a, b = whole
            names_whole = any(a <= s < b and level_metric in ns for s, _e, ns in terms) or any(
                a <= s < b and m == level_metric for s, _e, m, _c in cats
            )
            own_label = any(
                a <= s < b and m == level_metric and c == category for s, _e, m, c in cats
            )
            # ("Of the 720 places on the core programme, 694 were booked": a whole that is a
            # figure of another metric; the part is what the sentence says of them)
            other = any(
                a <= view.edges[j][0] < b and d.promoted and self._level(d.metric) != level_metric
                for j, d in enumerate(view.decided)
            )
            if names_whole and not other and (category == "total" or own_label):
                dec.reason = (
                    f"a part of the {level_metric} its sentence opens with, not their number"
                )
                return dec
        group = next(
            (
                doc[s:e].text
                for s, e, m in view.groups
                if lo <= s < hi
                and set(self.defs.by_name[m].terms) & set(self.defs.by_name[level_metric].terms)
            ),
            None,
        )
        if category == "total" and not change and group:
            # "Concerns arising in care homes of both types together numbered 439"
            dec.reason = f"the figure of a group of categories ({group}), not the total"
            return dec
        # "Neglect and acts of omission featured in 1,201 concerns": a label of another
        # breakdown right before the figure names a part (not "Child sexual exploitation: 63
        # incidents", which the metric's own words say)
        said = _norm(" ".join([*definition.terms, *definition.context]))
        part_label = next(
            (
                doc[s:e].text
                for s, e, m, _c in cats
                if self._level(m) != level_metric
                and lo <= s
                and e <= start
                and start - e <= 6
                and not phrases.people(doc[s:e])
                and not all(t.is_stop for t in doc[s:e])  # "more … than any other (n=668)"
                and not phrases.clause_break(doc, e, start)
                and not _contains(said, [doc[s:e].text])
            ),
            None,
        )
        if category == "total" and not change and part_label:
            dec.reason = f"the figure of a part ({part_label!r}), not the total"
            dec.uncounted = "other"
            return dec
        if not change and (
            phrases.one_place(doc, lo, min(hi, end + 6))
            # ("In Heath Town there were 96 concerns …, more than in any other ward")
            or phrases.than_any_other_place(doc, end, hi)
        ):
            # "In the Bilston and Ettingshall area alone, there were 410 concerns", "One ward
            # … accounted for 211 of the concerns recorded in a person's own home"
            dec.reason = "the figure of one place, not the total"
            return dec
        if not change and phrases.one_of_them(doc, lo, start, end):
            dec.reason = "the part one of them had, not the figure of the whole"
            return dec
        if not change and phrases.running_total(doc, end, hi, sent.start, start):
            dec.reason = "a running total over the years since then, not one year's"
            return dec
        if phrases.wider_area(doc, lo, start, end, min(hi, end + 8)):
            # "41,370 child abuse incidents across the West Midlands force area"
            dec.reason = "the figure of a wider area than the report's, not its own"
            return dec
        own_terms = [(s, e) for s, e, ns in terms if level_metric in ns and lo <= s < hi]
        away = {phrases.qualified_away(doc, s, e) for s, e in own_terms}
        if own_terms and None not in away:
            # "Other (non-statutory) safeguarding enquiries: 87", "Enquiries concluded: 511"
            s, e = own_terms[0]
            dec.reason = f"counts {'/'.join(sorted(away))} {doc[s:e].text}, not {level_metric}"
            dec.uncounted = "other"
            return dec
        if category == "total" and dec.unit == "count" and phrases.part_of_whole(doc, lo, start):
            dec.reason = "a part (a fraction of a whole, or what accounted for it), not the total"
            dec.uncounted = "other"  # (and so is what it is compared with: "…, against 97")
            return dec
        if dec.unit == "count" and phrases.rate_base(doc, lo, start, end):
            dec.reason = "a rate (per so many), not a count"
            return dec
        if (
            category == "total"
            and not self.defs.by_name[level_metric].total
            and topic.category in self.defs.by_name[level_metric].categories
            and (
                points_back
                or phrases.part_of_before(sent)
                or phrases.of_them(doc, end)
                or labelled
                or start == sent.start  # "842 were booked": what the sentence before offered
            )
        ):
            # "The core programme offered 820 places. 796 of them were booked", "Last year the
            # programme offered 760 places": the category of the figure pointed back to
            category = topic.category
        kinds = self.defs.by_name[level_metric].categories
        said = {d.category for d in view.decided if d.promoted and d.category in kinds}
        # (not the whole of "2,207 of 3,827", which is more than that category)
        alone = not part and not (k > 0 and phrases.of_figure(doc, view.edges, k - 1))
        only_by = not self.defs.by_name[level_metric].total
        if category == "total" and only_by and alone and len(said) == 1:
            # "796 of them were booked and 731 people attended": the category its sentence
            # has given the figures before
            category = said.pop()
        if (
            category == "total"
            and only_by
            and not self._breakdown_total(view, k, self.defs.by_name[level_metric])
        ):
            dec.reason = f"{level_metric} exists only by category, and none is named beside it"
            return dec
        if first.get("high") is not None and not definition.ranges:
            dec.reason = "a range, and the metric is not printed as one"
            return dec
        if phrases.is_target(doc, start, end):
            dec.reason = "a target or threshold, not a value the year reached"
            return dec
        if phrases.earlier_report(doc, start, sent.start):
            dec.reason = "what an earlier report published, not this report's figure"
            return dec
        if category == "total" and superlative and not restates and not change:
            # "The busiest age band was people aged 80 to 89, with 644 concerns": the metric's
            # largest band, where a definition records it
            band = phrases.band_of(doc, sent.start, start)
            if band is None and not phrases.band_of(doc, sent.start, start, any_=True):
                band = phrases.band_of(doc, end, hi)  # "(702) related to people aged 80 to 89"
            peak_metric = self.defs.peak_metric.get(level_metric)
            if band and peak_metric and phrases.peak(doc, sent.start, hi) and dec.value is not None:
                dec.metric, dec.category, dec.promoted = peak_metric, band, True
                return dec
            dec.reason = "the largest or smallest part of a breakdown, not its total"
            return dec
        if own is not None and doc[own].lemma_ in phrases.DURATIONS and dec.unit == "count":
            dec.reason = f"a length of time ({doc[start : own + 1].text}), not a count"
            return dec
        # "231 concerns about people aged 18 to 25": a band after the figure, in its clause
        after_band = phrases.band_of(doc, end, hi, any_=True) and not phrases.clause_break(
            doc, end, hi
        )
        if (
            category == "total"
            and not change
            and (phrases.age_band(doc, sent.start, start) or after_band)
        ):
            dec.reason = "the figure of one age band, not the total"
            return dec
        # "One provider … accounted for 38 of the concerns": a part of what the term counts
        if (
            category == "total"
            and not change
            and dec.unit == "count"
            and phrases.part_of(doc, end, [(s, e) for s, e, ns in terms if level_metric in ns])
        ):
            dec.reason = f"a part of the {level_metric} it names, not their total"
            return dec
        dec.category = category
        if category != "total" and category not in self.defs.by_name[level_metric].categories:
            dec.new_label = next(
                (doc[s:e].text for s, e, m, c in cats if (m, c) == (level_metric, category)),
                inherited_label,
            )
        if change and dec.value is not None:
            dec.value = abs(dec.value) * change
        if dec.value is None:
            dec.reason = "no value"
            return dec
        dec.promoted = True
        dec.list_item = category != "total" and bool(
            phrases.list_label(doc, sent.start, start, end, sent.end)
        )
        return dec

    def _attached(
        self,
        view: Sentence,
        group,
        edges,
        own,
        named,
        unit,
        foreign,
        points_back,
        whole=False,
        part=False,
    ):
        """Metrics whose terms stand right beside the figure, nearest first. A figure that
        counts something no definition names ("2,310 calls about concerns") reaches no term
        after that noun. The whole of "84 of its 90 places were booked" counts its noun: a
        term inside the term it begins comes first."""
        doc, terms, cats, shares, norms = view.doc, view.terms, view.cats, view.shares, view.norms
        # a figure that names what it counts ("4 courses") is not claimed by a term before it;
        # a participle after it ("498 completed") names no thing
        counts_own = (
            foreign
            and not doc[own].lower_.endswith(("ed", "ing"))
            and doc[own].lemma_ not in self.written  # "to 69 incidents overall"
        )
        own = None if foreign else own
        start, end, lo, _hi = edges
        found: list[tuple[float, str]] = []
        # "31 out of 52 were confirmed as crimes": what follows a whole with no noun is said
        # of the part
        said_of_part = whole and phrases.bare_figure(doc, group[0]["end"])
        for s, e, names in terms:
            if s >= end and said_of_part:
                continue
            forward = (
                s >= end
                and s - end <= FORWARD
                and not phrases.blocked(group, end, s, doc)
                and not phrases.subordinate(doc, end, s)
                # ("rose by 8.1%, a little faster than concerns themselves": what it is
                # compared with)
                and not {"than", "compared", "versus", "against"} & {t.lower_ for t in doc[end:s]}
            )
            # "440 cases led to s42 enquiries" reaches past its noun; "40 staff went to
            # training about Section 42 enquiries" counts staff
            if (
                forward
                and own is not None
                and doc[own].lemma_ not in phrases.SUBJECTS
                and not (s <= own < e)
                and s > own + 2
            ):
                forward = False
            if forward and not foreign:
                # "places 48, bookings 45": a term across a comma is the next figure's
                commas = sum(t.text == "," for t in doc[end:s])
                gap = phrases.gap(doc, end, s) + commas - 0.5
                found += [(gap, n) for n in names]
                found += [(gap + 0.1, n) for n in view.inner.get((s, e), ())]
            elif (
                e <= start
                and not counts_own  # "Section 42 Enquiries (4 courses)" counts courses
                and start - e <= BACKWARD
                and s >= lo
                and not phrases.clause_break(doc, e, start, label_colon=True)
                and not phrases.partitive(doc, s, e, start)
            ):
                found += [(phrases.gap(doc, e, start), n) for n in names]
                found += [(phrases.gap(doc, e, start) + 0.1, n) for n in view.inner.get((s, e), ())]
            if own is not None and s <= own < e:
                inner = view.inner.get((s, e), ())
                # ("of 84 booked places": a participle before the noun says what the whole is)
                noun = whole and not phrases.participle_first(doc, s, e)
                found += [(-0.9 if noun and inner else -1, n) for n in names]
                found += [(-1 if noun else -0.9, n) for n in inner]
        # "531 concerns went on to an enquiry under s42", "512 led to a Section 42 enquiry":
        # the count is of what they led to
        # ("529 out of the 4,412 concerns led to an enquiry": the part is what they led to,
        # the whole is the concerns)
        after = None if whole else phrases.conversion(doc, end)
        if after is not None:
            later = [ns for s, _e, ns in terms if after <= s <= after + 4]
            aside = phrases.aside_between(doc, end, after)
            if later and (aside or part or not phrases.blocked(group, end, after, doc)):
                found = [(-2, n) for n in later[0]]
        # "11.5% of total concerns": a share of something
        # ("148 children, which is 52% of all plans": the whole group)
        percent = unit == "percent" or any(m["unit"] == "percent" for m in group)
        # "538 concerns led to a section 42 enquiry. That is 13.1% of all concerns": a
        # sentence that points back shares its paragraph's words
        said = norms[1] if points_back else norms[0]
        # ("just over half (53%) of all plans": past the bracket that holds it)
        # "Neglect's share of all plans dropped from 57% …": the share named before it
        if percent:
            for s, e, name in shares:
                noun = {t.lower_ for t in doc[max(s - 2, 0) : s]} & phrases.SHARE_NOUNS
                if (
                    noun
                    and e <= start
                    and start - e <= 6
                    and not phrases.blocked(group, e, start, doc)
                ):
                    found.append((phrases.gap(doc, e, start), name))
        past = end + 1 if end < len(doc) and doc[end].text == ")" else end
        if percent and past < len(doc) and doc[past].lower_ == "of":
            for s, _e, name in shares:
                with_ = self.defs.by_name[name].share_with
                if past < s <= past + 3 and (not with_ or _contains(said, with_)):
                    found.append((0, name))
        # a figure that counts a category of a metric its sentence names ("1710 crimes")
        # ("…, and sexual abuse for 5%": a label right before it, in its clause); of the
        # metrics one label is a category of, those a term beside the figure names, when
        # there are some ("Attendance on Think Family was 71 out of 84 booked places": not
        # the bookings)
        beside = {n for _d, n in found}
        for s, e, metric, _slug in cats:
            rivals = {m for a, b, m, _c in cats if (a, b) == (s, e)}
            if metric not in beside and rivals & beside:
                continue
            before = 0 <= start - e <= 2 and s >= lo and not phrases.clause_break(doc, e, start)
            if metric in named and (
                s <= (own if own is not None else -1) < e or 0 <= s - end <= 1 or before
            ):
                found.append((1, metric))
        return found

    @staticmethod
    def _reach(view: Sentence, k: int, own: int | None, mentions: list) -> int:
        """Where figure k's stretch ends for its category: the next figure's start, unless
        that figure only qualifies this one's noun ("74 practitioners from eleven agencies
        completed the Think Family course") and counts nothing a definition names."""
        hi = view.segment(k)[1]
        if own is None or k + 1 >= len(view.edges):
            return hi
        doc = view.doc
        start, end = view.edges[k + 1]
        if start != own + 2 or doc[own + 1].lower_ not in phrases.QUALIFYING:
            return hi
        theirs = phrases.own_noun(doc, end, view.segment(k + 1)[1])
        if theirs is None or any(s <= theirs < e for s, e, *_ in mentions):
            return hi
        return view.segment(k + 1)[1]

    def _shared(self, view: Sentence, k: int) -> set[str]:
        """The rates whose share-of words the sentence names; after an opening whole that is a
        figure ("Of the 4,506, 559 (12.4%) went on to an enquiry") also those that are shares
        of what that figure counts."""
        shared = {name for _s, _e, name in view.shares}
        whole = phrases.opening_whole(view.doc, view.span.start, view.edges[k][0])
        if whole is None:
            return shared
        for j, d in enumerate(view.decided):
            if d.metric and whole[0] <= view.edges[j][0] < whole[1]:
                counted = {_norm(t) for t in self.defs.by_name[d.metric].terms}
                shared |= {
                    r.name for r in self.defs.metric if counted & {_norm(t) for t in r.share_of}
                }
        return shared

    def _rate_of(self, metric: str, ctx, norms, shared: set[str]) -> tuple[str | None, str | None]:
        """The one rate definition that is a share of what its sentence names and is about
        ``metric``'s terms (s42 enquiries as a share of concerns)."""
        terms = self.defs.by_name[metric].terms
        rates = [
            d.name
            for d in self.defs.metric
            if d.name in shared  # its share-of words are in the sentence, as lemmas
            and "percent" in d.units
            and d.share_with
            and _contains(norms[0], d.share_with)
            and any(_contains(_norm(t), d.share_with) for t in terms)
            and self._applicable(d.name, ctx, norms)
        ]
        return (rates[0], None) if len(rates) == 1 else (None, "no rate")

    def _rank(self, found, change, unit, ctx, norms) -> tuple[str | None, str | None]:
        """The one metric of ``found`` that applies here, or None and the reason."""
        if change:
            found = [(d, self.defs.change_metric.get(n, "")) for d, n in found]
            if not any(n for _d, n in found):
                return None, "a change, and the metric has no change metric"
            found = [(d, n) for d, n in found if n]
        ranked = []
        for distance, name in sorted(set(found)):
            level = self._applicable(name, ctx, norms)
            if level and unit in self.defs.by_name[name].units:
                ranked.append((distance, -level, name))
        if not ranked:
            nearest = min(found)[1]
            return None, f"{nearest} does not apply here (partner, unit {unit} or context words)"
        ranked.sort()
        rivals = sorted({r[2] for r in ranked if r[:2] == ranked[0][:2]})
        # "1,402 concerns in the person's own home": a breakdown whose label is named is more
        # specific than the total of the same words
        labelled = [n for n in rivals if not self.defs.by_name[n].total]
        if len(rivals) > 1 and len(labelled) == 1:
            return labelled[0], None
        if len(rivals) > 1:
            return rivals[0], f"ambiguous: {' or '.join(rivals)}"
        return ranked[0][2], None

    def _category(
        self, metric, cats, edges, own, sent_first: int, claimed: set[int], doc: Doc
    ) -> str | None:
        """The breakdown category a figure is about: a label of the metric in the figure's own
        stretch of the sentence; "total" when the sentence names none. A label across a ";"
        is another clause's ("(312) than a year before; neglect is still the main reason"), and
        so is one in a purpose clause after it ("so that agencies can cascade the core course")."""
        start, end, lo, hi = edges
        mine = [
            (s, slug)
            for s, e, m, slug in cats
            if m == metric
            and not (
                s >= end
                and (
                    phrases.semicolon(doc, end, s)
                    or phrases.purpose(doc, end, s)
                    or phrases.subordinate(doc, end, s)  # "…, while emotional abuse grew"
                )
            )
            # ("residential homes accounted for 411 concerns and nursing homes for 267": the
            # label coordinated after it is the next figure's)
            and not (
                s >= end
                and "and" in {t.lower_ for t in doc[end:s]}
                and hi < len(doc)
                and e <= hi <= e + 2
                and doc[hi].like_num
            )
        ]
        if not mine:
            return "total"
        near = {slug for s, slug in mine if lo <= s < hi and s - end <= 6 and start - s <= 8}
        before = {slug for s, slug in mine if lo <= s < start and start - s <= 8}
        following = {
            slug
            for s, slug in mine
            if lo <= s < hi and s >= end and s - end <= 6 and "," not in doc[end:s].text
        }
        if len(before) == 1 and not following:
            # "Neglect accounted for 42% of all plans, and sexual abuse for 5%": the label
            # after the comma is the next clause's
            return before.pop()
        if len(near) == 1:
            return near.pop()
        if own is not None:
            at_own = {slug for s, e, m, slug in cats if m == metric and s <= own < e}
            if len(at_own) == 1:
                return at_own.pop()
        if len(near) > 1:
            after = sorted((s, slug) for s, slug in mine if s >= end and s < hi)
            return after[0][1] if after else None
        # a metric that exists only by category: the one label its stretch names, further off
        # ("91% of files audited in 2029/30 were graded Good or better")
        in_stretch = {slug for s, slug in mine if lo <= s < hi}
        if not self.defs.by_name[metric].total and len(in_stretch) == 1:
            return in_stretch.pop()
        # a label that opens the sentence before any figure ("Think family training, 75 places
        # …, 62 booked and 57 attended") is every figure's
        lead = {slug for s, slug in mine if s < sent_first}
        if len(lead) == 1:
            return lead.pop()
        # labels that sit beside other figures or far from this one ("3,455 …, made up of
        # 1710 crimes and 1745 non-crimes"): this one is their total
        return "total"

    def about(
        self, span: Span, terms: list, cats: list, ctx: BlockContext
    ) -> tuple[list[str], str | None]:
        """The metrics (and the one category) a sentence or heading without figures is about:
        "Neglect is still the main reason a plan is made." sets up "It was the category for
        124 children"."""
        metrics = {
            self._level(n) for s, _e, names in terms if span.start <= s < span.end for n in names
        }
        mine = self._level_applies
        metrics = {m for m in metrics if mine(m, ctx)}
        labels = {(m, c) for s, _e, m, c in cats if span.start <= s < span.end and mine(m, ctx)}
        # ("The youngest children are a large share.": a group of people named is no
        # breakdown's category)
        owners = {
            m
            for s, e, m, _c in cats
            if span.start <= s < span.end and mine(m, ctx) and not phrases.people(span.doc[s:e])
        }
        if not metrics and len(owners) == 1:
            metrics = owners
        slugs = {c for m, c in labels if m in metrics} or {c for _m, c in labels}
        return sorted(metrics), (slugs.pop() if len(slugs) == 1 else None)

    # --- periods --------------------------------------------------------------------------
    def _own_periods(self, sent, edges, periods, terms=()) -> dict[int, int]:
        """period index -> group index, for a period in a figure's own phrase ("… to 2,600
        in 2019/20", "the 285 children on plans a year earlier")."""
        in_term = {i for s, e, _n in terms for i in range(s, e)}
        owned = {}
        for k, (_start, end) in enumerate(edges):
            nxt = edges[k + 1][0] if k + 1 < len(edges) else sent.end
            for j, p in enumerate(periods):
                if p.base or j in owned or not (end <= p.start < nxt):
                    continue
                # "2039/40: 3,702 2040/41: 3,874": a period before a colon labels what follows
                if p.end < sent.end and sent.doc[p.end].text == ":":
                    continue
                words = [t.lower_ for t in sent.doc[end : p.start]]
                # "from 74 the year before", "against 308 a year earlier", "4,158 received
                # the year before"
                right_after = set(words) <= {"the", "a", ","} or (
                    len(words) <= 2 and words[0].endswith("ed") and set(words[1:]) <= {"the", "a"}
                )
                # "3,501, so the rise in 2030/31 was 4.1%": a comma ends the figure's phrase
                if "," in words and not right_after:
                    continue
                # "285 children on plans a year earlier": what it counts, then when
                counted = [
                    i
                    for i in range(end, p.start)
                    if not (sent.doc[i].lower_ in {"a", "the"} and i == p.start - 1)
                ]
                if p.relative and counted and p.start - end <= 6:
                    doc = sent.doc
                    if all(i in in_term or doc[i].lemma_ in phrases.SUBJECTS for i in counted):
                        owned[j] = k
                        break
                # "faster than the 5% rise we saw the year before": the period of a value the
                # sentence compares with, said in its own phrase
                compared_phrase = _compared(sent.doc, edges, k) and not any(
                    t.is_punct for t in sent.doc[end : p.start]
                )
                if p.start - end <= 5 and (
                    right_after
                    or compared_phrase
                    or any(w in phrases.PERIOD_INTRO for w in words[-2:])
                ):
                    owned[j] = k
                    break
        return owned

    def _period(
        self,
        k,
        edges,
        periods,
        owned,
        sent,
        ctx,
        paragraph: list[PeriodMention],
        is_change: bool = False,
        compared: frozenset[int] | set[int] = frozenset(),
    ) -> tuple[str, bool]:
        mine = [p for j, p in enumerate(periods) if owned.get(j) == k]
        if mine:
            return mine[0].period, True
        period, stated = self._period_said(
            k, edges, periods, owned, sent, ctx, paragraph, is_change, compared
        )
        start, end = edges[k]
        if k > 0 and phrases.was_before(sent.doc, start, edges[k - 1][1]) and not stated:
            return values.period_starting(int(period[:4]) - 1), True
        if (
            phrases.risen_from(sent.doc, start, sent.start)
            and not any(p.base for p in periods)
            and not (end < sent.end and sent.doc[end].lower_ == "to")
        ):
            # "the share … edged up from 12.2%": what it rose from is the year before's
            return values.period_starting(int(period[:4]) - 1), True
        return period, stated

    def _period_said(
        self,
        k,
        edges,
        periods,
        owned,
        sent,
        ctx,
        paragraph: list[PeriodMention],
        is_change: bool = False,
        compared: frozenset[int] | set[int] = frozenset(),
    ) -> tuple[str, bool]:
        start = edges[k][0]
        marks = {"(", "'s", "’s", ":"}
        right_before = [
            p
            for j, p in enumerate(periods)
            if p.end == start - 1
            and sent.doc[p.end].text in marks
            # "28 more than the 318 raised the year before (+8.8%)", "Change on last year: 12
            # fewer": a change is not about the period it is compared with
            and not (is_change and (owned.get(j, k) != k or p.base))
        ]
        if right_before:  # "in 2022/23 (3,612)", "last year's 3,310", "2024/25: 93%"
            return right_before[0].period, True
        # "up 6.2% (from 498)" on the previous year: what it rose from is the base year's
        prev = sent.doc[start - 1].lower_ if start > sent.start else ""
        bases = [p for p in periods if p.base]
        if prev == "from" and len({p.period for p in bases}) == 1:
            return bases[0].period, True
        # "compared with the year before, when there were 4,530"
        when = [
            p for p in periods if p.end <= start and phrases.when_clause(sent.doc, p.end, start)
        ]
        if when:
            return when[-1].period, True
        if k + 1 < len(edges) and _compared(sent.doc, edges, k):
            # "compared with 169 children and 55% a year earlier": values compared with, side
            # by side, share the period said after the last
            between = [t.lower_ for t in sent.doc[edges[k][1] : edges[k + 1][0]]]
            theirs = [p for j, p in enumerate(periods) if owned.get(j) == k + 1]
            if theirs and "and" in between and "," not in between and len(between) <= 4:
                return theirs[0].period, True
        if is_change and k > 0:
            # "down 4.7% on the 4,067 recorded in 2034/35, which had itself been a rise of 4.0%
            # on 3,912": a change in a relative clause is the year of the figure it is about
            between = {t.lower_ for t in sent.doc[edges[k - 1][1] : start]}
            # (or said before it: "2033/34's 4,390, which had itself been 6.6% higher")
            about = [
                p
                for j, p in enumerate(periods)
                if owned.get(j) == k - 1
                or (p.end == edges[k - 1][0] - 1 and sent.doc[p.end].text in {"'s", "’s"})
            ]
            if about and {"which", "itself"} <= between:
                return about[0].period, True
        free = [(j, p) for j, p in enumerate(periods) if not p.base and j not in owned]
        # a period earlier in the sentence scopes what follows, even when a figure owns it ("…
        # fell to 58 in 2022/23, and 61 per cent of them …")
        before = [
            p
            for j, p in enumerate(periods)
            if not p.base
            and p.end <= edges[k][0]
            and j not in compared
            and not phrases.semicolon(sent.doc, p.end, edges[k][0])  # "…in 2029/30; 36 booked"
            # "training, which became mandatory in 2031, stood at 91%": an aside's period
            and not phrases.in_aside(sent.doc, sent.start, p.start, edges[k][0])
            # "three reviews, against one in 2037/38, and two …": a compared value's period
            and not phrases.compared_period(sent.doc, sent.start, p.start)
        ]
        # "… for 2040/41 is 471, so this year's number is up 5.7%": the period whose figure
        # the clause is about, said just before it
        whose = [
            p
            for p in before
            if p.end < sent.end and sent.doc[p.end].text in {"'s", "’s"} and start - p.end <= 5
        ]
        if whose:
            return whose[-1].period, True
        if len({p.period for p in before}) > 1 and is_change:
            # "3,612 in 2025/26 and 3,804 in 2026/27, a rise of 5.3%": the change up to the later
            # (of the years named: "over the last four years: …, 4,260 in 2037/38, an increase
            # of 3.4% on the year before" is up to 2037/38)
            named_years = [p for p in before if not p.relative] or before
            return max(p.period for p in named_years), True
        if len({p.period for p in before}) > 1:
            # "61 … in 2024/25 compared with 66 in 2023/24, and 77% of them": the periods of
            # other figures do not say which this is; only an unclaimed one (opening the clause)
            before = [p for j, p in free if p.end <= edges[k][0]]
        if (
            before
            and is_change
            and phrases.consequence(sent.doc, sent.start, before[-1].end, edges[k][0])
        ):
            # "In 2035/36 there were 561 enquiries, so the number fell by 7.7%": the change
            # from the year that figure gives to the year after it
            y = int(before[-1].period[:4]) + 1
            return values.period_starting(y), True
        if before:
            return before[-1].period, True
        # a change compared with a period ("a fall of 11.4% on 2022-23", "2.3 per cent below
        # the 3,389 recorded in 2023/24") is about the year after it
        if is_change:
            # the periods of what it is compared with ("… down on the 4,297 of 2022/23")
            base_starts = {periods[j].start for j in compared}
            # ("13 fewer than the 287 on the same day a year before": the period said of the
            # figure it is compared with)
            doc = sent.doc
            for k2 in range(k + 1, len(edges)):
                if _compared(doc, edges, k2):
                    nxt = edges[k2 + 1][0] if k2 + 1 < len(edges) else sent.end
                    base_starts |= {p.start for p in periods if edges[k2][1] <= p.start < nxt}
            # (a base of its own stretch: not "an increase of 5.8% – and with 3,540 in 2037/38
            # (between 2037/38 and 2038/39 the rise was 4.6%)", another figure's)
            next_start = edges[k + 1][0] if k + 1 < len(edges) else sent.end
            bases = sorted(
                (
                    p
                    for p in periods
                    if p.start >= edges[k][1]
                    and ((p.base and p.start < next_start) or p.start in base_starts)
                ),
                key=lambda p: p.start,
            )
            if bases and bases[0].relative:
                # "up 6.4% on last year", "down 37 on two years ago": a change up to this year
                return ctx.report_period, True
            if bases:
                y = int(bases[0].period[:4]) + 1
                return values.period_starting(y), True
        # a period later in the sentence is the figure's only when no figure comes between
        # ("131 children, 52 percent … (last year: 50 percent)" is not about last year)
        # (not "two reviews, having commissioned none the year before": the period of a zero
        # in a clause of its own; "3 SARs and no child reviews in 2035/36" share theirs)
        after = [
            p
            for j, p in free
            if p.start >= edges[k][1] and not _other_clause(sent.doc, edges[k][1], p.start)
        ]
        if after and k == len(edges) - 1:
            return after[0].period, True
        # "In 2019/20 there were 102 CSE incidents. Of these, 35% …": a sentence that points
        # back is about the period of the sentence it points to
        if phrases.points_back(sent):
            before = sent.doc[: sent.start]
            last = next(reversed(list(before.sents)), None) if len(before) else None
            earlier = {
                p.period
                for p in paragraph
                if not p.base and last is not None and last.start <= p.start < last.end
            }
            if len(earlier) == 1:
                period = earlier.pop()
                drawn = any(t.lower_ in phrases.CONSEQUENCE for t in sent.doc[sent.start : start])
                if is_change and drawn:
                    # "In 2037/38, 498 did so. The number therefore grew by 6.2%": the change
                    # from that year to the next
                    y = int(period[:4]) + 1
                    return values.period_starting(y), True
                return period, True
        # "Local audit activity throughout 2021-2022 has … . Good outcomes … 90% of files":
        # a paragraph that opens by setting its year scopes the sentences after it
        opening = self._opening_period(sent, paragraph)
        if opening is not None:
            return opening, True
        if ctx.section_period:
            return ctx.section_period, True
        return ctx.report_period, False

    @staticmethod
    def _opening_period(sent: Span, paragraph: list[PeriodMention]) -> str | None:
        """The one year the paragraph's first sentence scopes before any figure ("In 2021/22,
        …", "… throughout 2021-2022 …"), for a later sentence of that paragraph."""
        doc = sent.doc
        first = next(iter(doc.sents), None)
        if first is None or sent.start < first.end:
            return None
        scoped = {
            p.period
            for p in paragraph
            if first.start <= p.start < first.end
            and not p.base
            and not p.relative
            and p.start > 0
            and doc[p.start - 1].lower_ in phrases.SCOPE_WORDS
            # before any figure: "171 children …, against 57% in 2028/29" compares, not scopes
            and not any(t.like_num for t in doc[first.start : p.start])
        }
        named = {p.period for p in paragraph if first.start <= p.start < first.end}
        return scoped.pop() if len(scoped) == 1 and named == scoped else None
