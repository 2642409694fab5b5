"""How prose says things about a figure, word by word: changes ("a fall of 4%", "31 fewer"),
comparisons ("compared with 2022/23", "up from 88%"), targets, ages, what a figure counts, and
sentences that point back. Word lists and token tests the definitions' decisions are built from;
nothing here knows a metric.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

from .. import values
from ..values import MONTH_NAMES

if TYPE_CHECKING:
    from .definitions import PeriodMention

# "the highest number … were within the banding 80 – 89 – 599": a part, not the whole
SUPERLATIVES = {"highest", "largest", "lowest", "smallest", "most", "peak", "biggest"}
# superlatives of time say which figures, not which part: "the latest figures show …"
NOT_SUPERLATIVE = {"latest", "newest", "earliest", "best", "interest"}


AGE_BAND = re.compile(
    r"(?<![\d/.])\b(\d{1,3}) ?(?:-|–|to) ?(\d{1,3})\b(?![/.]?\d)"  # "18-25", "80 to 89"
    r"|\b(\d{1,3}) ?\+|\b(?:under|over) (\d{1,2})s?\b"  # "65+", "under 18s"
)
# what a figure counts when it is a length of time: "within 12 months", "3 weeks"
DURATIONS = {"minute", "hour", "day", "week", "month", "year", "fortnight"}


def age_band(doc: Doc, a: int, b: int) -> bool:
    """ "Young adults (18-25): 231 concerns", "people aged 80 to 89, with 644": an age band
    before a figure makes it that band's part of a count, not the count."""
    text = doc[a:b].text.lower()
    if band_of(doc, a, b):
        return True
    return any(
        (m[3] or m[4]) and re.search(r"\b(?:aged?|ages|people|adults|children)\b", text)
        for m in AGE_BAND.finditer(text)
    )


def band_of(doc: Doc, a: int, b: int, any_: bool = False) -> str | None:
    """The one age band named between a and b, as a category slug ("80 – 89" -> "80_89");
    with ``any_``, the first of any number of them."""
    bands = [
        f"{m[1]}_{m[2]}"
        for m in AGE_BAND.finditer(doc[a:b].text.lower())
        if m[1] and int(m[1]) < int(m[2]) <= 120
    ]
    if any_:
        return bands[0] if bands else None
    return bands[0] if len(set(bands)) == 1 else None


_AGED = re.compile(
    r"\baged\s+(?:(?:under|over|below|above)\s+(\w+)|(\w+)\s+(?:and|or)\s+(?:over|under|above|below))",
)


def aged_part(doc: Doc, a: int, b: int) -> str | None:
    """ "(38%) were aged under five": an open age band between a and b, a part of whoever is
    counted; "aged under 18" and "aged 18 and over" are all children or all adults."""
    for m in _AGED.finditer(doc[a:b].text.lower()):
        if (m[1] or m[2]) not in {"18", "eighteen"}:
            return m[0]
    return None


# superlatives that pick the smallest part, not the largest
LEAST = {"lowest", "smallest", "least", "fewest", "quietest", "rarest"}


def peak(doc: Doc, a: int, b: int) -> bool:
    """Does the superlative between a and b pick the largest part ("highest", "busiest",
    "more concerns than any other"), not the smallest?"""
    text = doc[a:b].text.lower()
    most = any(superlative(t) for t in doc[a:b])
    most = most or bool(re.search(r"\bmore\b[^.;]*\bthan any other\b", text))
    return most and not any(t.lower_ in LEAST for t in doc[a:b]) and "fewer than any" not in text


_OVER_TIME = re.compile(
    r"^(?:(?:level\s+|figure\s+|number\s+|total\s+)?(?:in|for|since|over)\s+(?:at\s+least\s+)?"
    r"(?:the\s+(?:last|past)\s+)?(?:\w+\s+)?(?:years?|decades?|months?)\b"
    r"|on\s+record\b|ever\b|since\s+records\s+began)",
    re.I,
)


def over_time(t: Token) -> bool:
    """ "the lowest in five years", "the highest on record": a superlative over time, which
    ranks a year among years, not a part of a breakdown."""
    return bool(_OVER_TIME.match(t.doc[t.i + 1 : t.i + 8].text))


# "received most frequently about people aged 80 to 89": the part said most often
HOW_OFTEN = {"frequently", "commonly", "often", "usually", "typically", "regularly"}


def superlative(t: Token) -> bool:
    """ "highest", "busiest", "commonest": a word that picks one part out of a breakdown (an
    adjective in -est whose lemma is its plain form)."""
    word = t.lower_
    if word == "least" and t.i and t.doc[t.i - 1].lower_ == "at":
        return False  # "at least 40": about, not a part
    if word == "most" and t.i + 1 < len(t.doc) and t.doc[t.i + 1].lower_ == "of":
        return False  # "162 households …, most of them after …": a majority, not a part
    if word == "most" and t.i + 1 < len(t.doc):
        how = t.doc[t.i + 1].lower_
        if how.endswith("ly") and how not in HOW_OFTEN:
            return False  # "the group we are watching most closely": how, not which part
    if word in SUPERLATIVES:
        return True
    return word.endswith("est") and t.lemma_ != word and word not in NOT_SUPERLATIVE


CHANGE_NOUNS = {
    "increase": 1,
    "rise": 1,
    "growth": 1,
    "uplift": 1,
    "reduction": -1,
    "decrease": -1,
    "fall": -1,
    "drop": -1,
    "decline": -1,
}
CHANGE_VERBS = {
    "increase": 1,
    "rise": 1,
    "grow": 1,
    "go": 0,
    "climb": 1,
    "reduce": -1,
    "decrease": -1,
    "fall": -1,
    "drop": -1,
    "decline": -1,
}
CHANGE_AFTER = {"more": 1, "fewer": -1, "less": -1, "higher": 1, "lower": -1, "extra": 1}
CHANGE_AFTER |= {"below": -1, "above": 1, "up": 1, "down": -1}
APPROX = {"approximately", "around", "about", "some", "almost", "nearly", "roughly", "just"}
APPROX |= {"over", "under", "c.", "circa", "a", "an", "of", "by", "the", "only"}
APPROX |= {"further", "another"}  # "up a further 3.1%", "down another 12"
# words between a figure and what it counts that do not change what is counted
MODIFIERS = {
    "new",
    "additional",
    "individual",
    "separate",
    "further",
    "total",
    "recorded",
    "reported",
    "known",
    "different",
    "local",
    "overall",
    "%",
    "per",
    "cent",
    "percent",
    "+",
    "(",
    ")",
    "or",
}
# nouns a figure may count on the way to its term: "440 cases led to s42 enquiries"
# the people and cases statistics count, as the noun right after a figure
SUBJECTS = {"case", "child", "children", "people", "person", "individual", "adult", "young"}
SUBJECTS |= {"family", "household", "referral", "victim", "resident", "practitioner"}


def people(span: Span) -> bool:
    """ "children", "Adults", "young people": the words name a group of people, which a
    statistic counts, not one breakdown's category."""
    return all(t.lemma_.lower() in SUBJECTS or t.lower_ in SUBJECTS for t in span)


GENERIC = {
    "case",
    "practitioner",
    "professional",
    "staff",
    "worker",
    "participant",
    "attendee",
    "delegate",
    "member",
    "family",
    "household",
    "people",
    "person",
    "individual",
    "referral",
    "child",
    "adult",
    "young",
    "episode",
    "time",
    "instance",
    "record",
    "one",
    "which",
    "that",
    "were",
    "was",
    "be",
    "have",
    "had",
    "having",
    "lead",
    "led",
    "result",
    "resulted",
    "end",
    "ended",
    "in",
    "to",
    "with",
    "of",
    "these",
    "those",
    "them",
    "being",
    "highlight",
    "identify",
    "make",
    "up",
}
ANAPHORA = {
    "the number",
    "this",
    "it",
    "that",
    "these",
    "the figure",
    "the total",
    "this figure",
    "of these",
    "of them",
    "of those",
    "of which",
}
# "531 concerns went on to an enquiry under s42": what the figure counts is what it LED TO.
# Each verb (as its lemma) with the word sequences that may follow it.
CONVERSION = {
    "lead": [("to",)],
    "result": [("in",)],
    "progress": [("to",)],
    "convert": [("to",), ("into",)],
    "proceed": [("to",)],
    "go": [("on", "to")],
    "become": [()],
    "end": [("with",), ("in",), ("up", "with"), ("up", "as")],  # "ended with a confirmed crime"
}


def conversion(doc: Doc, end: int) -> int | None:
    """The token after "went on to" / "led to" / "resulted in" when one follows the figure
    within a few words in its clause ("512 went on to a Section 42 enquiry"), else None. "Of
    them" and a companion set off by dashes or brackets do not count ("31 of them – 58% – led
    to a confirmed crime")."""
    skipped = 0
    for i in range(end, min(len(doc), end + 10)):
        t = doc[i]
        if t.text in {",", ";", ":"}:
            return None
        if t.lower_ in ASIDE_WORDS or t.like_num:
            skipped += 1
            continue
        if i - end - skipped >= 4:
            return None
        for follow in CONVERSION.get(t.lemma_, ()):
            after = [x.lower_ for x in doc[i + 1 : i + 1 + len(follow)]]
            if list(follow) == after:
                return i + 1 + len(follow)
    return None


def aside_between(doc: Doc, a: int, b: int) -> bool:
    """Every number between two places sits in an aside set off by dashes or brackets ("31 of
    them – 58% – led to")."""
    nums = [t.i for t in doc[a:b] if t.like_num]
    marks = [t.i for t in doc[a:b] if t.text in {"–", "—", "(", ")"}]
    return bool(nums) and len(marks) >= 2 and marks[0] < min(nums) and max(nums) < marks[-1]


ASIDE_WORDS = {"of", "them", "these", "those", "–", "—", "(", ")", "%", "or"}
TIME_INTRO = {"compared", "by", "until", "before", "after"}  # "89% by the end of Q4"
PERIOD_INTRO = {"in", "during", "for", "over", "throughout", "across", "between", "at", "as", "of"}
BASE_WORDS = {"compared", "than", "v", "vs", "v.", "vs.", "versus", "v's", "against", "since"}
BASE_WORDS |= {"above", "below"}  # "5% above 2022/23 levels"
ZERO_WORDS = {"no": 0, "none": 0, "zero": 0, "nil": 0}


YEARS = re.compile(r"\b(?:19|20)\d\d(?:\s*[/-]\s*(?:19|20)?\d\d)?\b")
OPENING_PERIOD = re.compile(
    r"^(?:(?:in|during|for|over|by|throughout) (?:19|20)\d\d(?: ?/ ?\d\d+)?"
    r"|\w+ years? ago|(?:last|the previous|the preceding) year|the year before) "
)


def points_back(sent: Span) -> bool:
    """Does the sentence open by pointing back ("The number …", "Of these, …", "It …")?"""
    text = sent.text.lower()
    openers = [text]
    lead, comma, _rest = text[:40].partition(",")
    # "The year before, the total had risen …"; not "CSE incidents: 61 in 2025/26, of which
    # 66% …", whose "of which" is the clause before it
    compared = lead.split(" ", 1)[0] in {"compared", "against", "set"}  # "Compared with the 285 …,"
    if comma and (compared or not re.search(r"\d", YEARS.sub(" ", lead))):
        openers.append(text.split(",", 1)[1])
    for opener in openers:
        opener = " ".join(re.findall(r"[a-z0-9/]+", opener)) + " "
        # "In 2027/28 the figure was 3,690": a period before the words that point back
        opener = OPENING_PERIOD.sub("", opener)
        if any(opener.startswith(a + " ") for a in ANAPHORA):
            return True
    return False


def part_of_before(sent: Span) -> bool:
    """ "Of those core places, 300 …", "Of these, 36 …": the sentence counts a part of what the
    sentence before counted."""
    return bool(re.match(r"(?:of|out of)\s+(?:these|those|them|which)\b", sent.text.lower()))


def of_them(doc: Doc, end: int) -> bool:
    """ "796 of them were booked": the figure ending at ``end`` is a part of what was counted
    before."""
    words = [t.lower_ for t in doc[end : end + 2]]
    return len(words) == 2 and words[0] == "of" and words[1] in {"them", "these", "those"}


# a sentence that opens with its change has left out what changed: the sentence before's
ELLIPTICAL = {"up", "down", "rising", "falling", "rose", "fell", "increased", "decreased"}
ELLIPTICAL |= {"a rise", "a fall", "an increase", "a decrease", "a reduction", "a drop"}


def elliptical_change(sent: Span) -> bool:
    """ "Up 6.4% on last year (4,335).", "Down 37 (8.7 per cent) on two years ago.": the
    subject is the previous sentence's."""
    words = " ".join(t.lower_ for t in sent[:2] if t.is_alpha)
    if bool(words) and (words.split(" ")[0] in ELLIPTICAL or words in ELLIPTICAL):
        return True
    # "Change on last year: 12 fewer children.", "Rise since 2030/31: 9%": a change as a label
    colon = next((t.i for t in sent[:7] if t.text == ":"), None)
    label = sent.doc[sent.start : colon] if colon is not None else []
    return any(t.lemma_ in CHANGE_NOUNS or t.lower_ == "change" for t in label)


COMPARISON = {"compared", "with", "to", "from", "than", "against", "versus", "vs", "v", "in"}
COMPARISON |= {"on", "the", "and", "or", "up", "down", "of", "'s", "’s", "itself", "was"}


WHEN = {",", "when", "there", "was", "were", "it", "stood", "at", "had", "been", "the", "we"}
WHEN |= {"figure", "number", "total", "recorded", "received", "saw", "they", "numbered"}


def when_clause(doc: Doc, a: int, b: int) -> bool:
    """ ", when there were" between a period and a figure: the figure is that period's."""
    words = [t.lower_ for t in doc[a:b]]
    if "when" in words and set(words) <= WHEN:
        return True
    # "than in 2033/34, when there were 1,102 and the rate stood at 26.3%": the clause that
    # "when" opens right after the period goes on to its end
    opens = words[:1] == ["when"] or words[:2] == [",", "when"]
    return opens and not any(w in {";", ":", "(", ")", "but", "while", "whereas"} for w in words)


def restatement(doc: Doc, a: int, b: int, periods: list[PeriodMention]) -> bool:
    """Between the previous figure and this one only a period and words of comparison
    ("… (last year: 50 percent)", "in 2022/23 (3,612)", "on last year's 3,310"): this figure is
    the same quantity for another period."""
    in_period = {i for p in periods if a <= p.start and p.end <= b for i in range(p.start, p.end)}
    if not in_period:
        return False
    # "52 percent of all plans (last year: 50 percent)": what follows the bracket
    opened = [i for i in range(a, b) if doc[i].text in {"(", ";"} and i < min(in_period)]
    a = opened[-1] + 1 if opened else a
    # "(49 the year before), and 31 of them": the bracket that held the period has closed;
    # "down from 71 in 2038/39; 45 of them": a new clause
    if any(doc[i].text in {")", ";"} for i in range(max(in_period), b)):
        return False
    allowed = COMPARISON | set(CHANGE_AFTER)
    return all(i in in_period or doc[i].is_punct or doc[i].lower_ in allowed for i in range(a, b))


def adjacent(doc: Doc, label: tuple[int, int], figure: tuple[int, int]) -> bool:
    """A label printed right against a figure, with at most punctuation between ("1710
    crimes", "Criminal Exploitation – 23")."""
    (s, e), (a, b) = label, figure
    between = doc[e:a] if e <= a else doc[b:s] if b <= s else None
    return between is not None and all(t.is_punct for t in between)


def gap(doc: Doc, a: int, b: int) -> int:
    """Words between two token offsets, not counting punctuation."""
    return sum(1 for t in doc[a:b] if not t.is_punct)


def blocked(group, end, s, doc) -> bool:
    return any(t.like_num and not t.is_alpha for t in doc[end:s]) or clause_break(doc, end, s)


def part_of(doc: Doc, end: int, terms: list[tuple[int, int]]) -> bool:
    """ "38 of the concerns", "12 of these referrals": the figure is part of what a term right
    after "of the" counts."""
    i = end
    if i >= len(doc) or doc[i].lower_ != "of":
        return False
    i += 1
    while i < len(doc) and doc[i].lower_ in {"the", "these", "those", "all", "its", "their"}:
        i += 1
    return i > end + 1 and any(s == i for s, _e in terms)


def of_figure(doc: Doc, edges: list[tuple[int, int]], k: int) -> bool:
    """ "2,207 of 3,827", "84 of its 90 places", "131 out of 284 children": figure k is a part
    of the figure right after it, which is the whole."""
    if k + 1 >= len(edges):
        return False
    end, nxt = edges[k][1], edges[k + 1][0]
    words = [t.lower_ for t in doc[end:nxt]]
    if words[:2] == ["out", "of"]:
        words = words[1:]
    return bool(words) and words[0] == "of" and set(words[1:]) <= {"its", "the", "their", "our"}


def bare_figure(doc: Doc, end: int) -> bool:
    """ "31 out of 52 were confirmed": no noun after the figure, which counts what the text
    around it does."""
    return end >= len(doc) or not doc[end].is_alpha or doc[end].is_stop


def participle_first(doc: Doc, s: int, e: int) -> bool:
    """ "booked places", "completed referrals": a term of several words opening with a
    participle, which says what its noun is (not, like "places booked", what was done to
    some of them)."""
    return e - s > 1 and doc[s].lower_.endswith("ed")


def partitive(doc: Doc, s: int, e: int, figure: int) -> bool:
    """ "Of the concerns raised, 512 …": the term names the whole the figure is part of."""
    i = s - 1
    while i >= 0 and doc[i].lower_ in {"the", "all", "these", "those", "total", "its", "their"}:
        i -= 1
    return i >= 0 and doc[i].lower_ == "of" and any(t.text == "," for t in doc[e:figure])


def opening_whole(doc: Doc, sent_start: int, figure: int) -> tuple[int, int] | None:
    """ "Of the concerns about adults, 57 were linked to hoarding", "Of the 538 enquiries, 212
    …": the sentence opens by naming a whole, and the figure after its comma counts a part of
    it. The (start, end) of the phrase naming the whole, or None."""
    i = sent_start
    if i < len(doc) and doc[i].lower_ == "out" and i + 1 < len(doc) and doc[i + 1].lower_ == "of":
        i += 1
    if i >= figure or doc[i].lower_ != "of":
        return None
    if i + 1 < len(doc) and doc[i + 1].lower_ not in {"the", "all", "our", "its", "their"}:
        return None  # "Of these, …" is a part of the sentence before's figure (part_of_before)
    comma = next((t.i for t in doc[i + 1 : figure] if t.text == ","), None)
    if comma is None or any(t.text in {";", ":"} for t in doc[comma:figure]):
        return None
    return (i + 1, comma)


TIMES = {"quarter", "period", "half", "q1", "q2", "q3", "q4"}
# a part of the city: "In the Bilston and Ettingshall area alone", "in Heath Town ward"
PLACES = {"ward", "wards", "locality", "neighbourhood", "estate", "township", "postcode"}


def one_place(doc: Doc, a: int, b: int) -> bool:
    """Does the stretch name one part of the area the report covers ("… area alone", "in the
    Park ward")? Then a figure in it is that place's, not the total."""
    words = [t for t in doc[a:b] if not t.is_punct]
    for k, t in enumerate(words):
        before = words[k - 1] if k else None
        # "In Bilston alone", not "in this year alone" or "in March alone"
        placed = (
            before is not None
            and before.is_alpha
            and not before.is_stop
            and before.lemma_ not in DURATIONS | TIMES
            and before.lower_ not in MONTH_NAMES
        )
        if t.lower_ == "alone" and placed:
            return True
        if t.lower_ in PLACES and before is not None and before.is_title:
            return True
    return False


def accounted_for(doc: Doc, i: int) -> bool:
    """ "just 14 homes accounted for more than half of them": the words from ``i`` say that what
    a figure counts accounted for a part of something."""
    words = [t.lemma_ for t in doc[i : i + 3]]
    return words[:2] == ["account", "for"] or words[1:3] == ["account", "for"]


def one_of_them(doc: Doc, a: int, start: int, end: int) -> bool:
    """ "One provider of supported living accounted for 38 of the concerns", "a single home
    raised 12 of them": the part one of something had, not the breakdown's figure."""
    if end >= len(doc) or doc[end].lower_ != "of":
        return False
    words = list(doc[a:start])
    for k, t in enumerate(words[:-1]):
        single = t.lower_ == "one" or (t.lower_ == "single" and k and words[k - 1].lower_ == "a")
        if single and words[k + 1].is_alpha and not words[k + 1].is_stop:
            return True
    return False


def than_any_other_place(doc: Doc, a: int, b: int) -> bool:
    """ "96 concerns …, more than in any other ward": the figure ranks one place among places."""
    words = [t.lower_ for t in doc[a:b]]
    return any(
        words[k : k + 2] == ["any", "other"] and words[k + 2] in PLACES
        for k in range(len(words) - 2)
    )


# the wider areas a report compares itself with: a figure for one of them is not the area's own
WIDER_AREAS = {"region", "england", "country", "nation", "uk", "force"}
WIDE = {"force-wide", "region-wide", "nationwide", "nationally", "regionally", "countrywide"}
BENCHMARK_AREAS = {"regional", "national", "england", "statistical", "comparator"}
ORGANISATIONS = {"police", "fire", "ambulance", "service", "trust", "combined", "nhs"}


INVOLVING = {"involving", "concerning", "affecting", "about", "covering"}


def said_of(doc: Doc, a: int, start: int, end: int) -> bool:
    """ "618 episodes involving 241 children", "…, and 83% of those children": the figure at
    ``start`` describes the one before it (which ended at ``a``)."""
    words = [t.lower_ for t in doc[a:start]]
    if len(words) <= 2 and words[-1:] and words[-1] in INVOLVING:
        return True
    after = [t.lower_ for t in doc[end : end + 2]]
    return after[:1] == ["of"] and after[1:] in (["those"], ["these"], ["them"])


def running_total(doc: Doc, end: int, b: int, sent_start: int = 0, start: int = 0) -> bool:
    """ "seven SARs since 2039", "1,900 places since the programme began", "Since 2039: 7
    SARs in total": a total over the years since then, not one year's figure."""
    # (a sentence that opens with it; not "as in every year since 2019, the 80 to 89 band …")
    before = [t.lower_ for t in doc[sent_start:start]]
    if before[:1] == ["since"] and len(before) > 1 and YEARS.fullmatch(before[1]):
        return ";" not in before
    for t in doc[end : min(b, end + 5)]:
        if t.text in {",", ";", "(", ")"}:
            return False
        if t.lower_ == "since":
            return True
    return False


def wider_area(doc: Doc, a: int, start: int, end: int, b: int) -> bool:
    """Does the figure at ``start:end`` have a wider area than the report's in its clause
    ("across the West Midlands force area", "Force-wide comparison", "In England, …")? A
    benchmark, not the metric. "West Midlands Police" names an organisation, not an area. The
    clause runs back to a ";" before the figure and on to a "," or ";" after it ("… 13.2%;
    nationally the figure was …" is another clause's)."""
    a = max([a, *(t.i + 1 for t in doc[a:start] if t.text == ";")])
    b = min([b, *(t.i for t in doc[end:b] if t.text in {";", ","})])
    words = [t for t in doc[a:b] if not t.is_space]
    lowered = {t.lower_ for t in words}
    if lowered & BENCHMARK_AREAS and lowered & {"average", "averages", "neighbours"}:
        return True  # "The regional average conversion rate was 24.3%"
    for t in doc[a:start]:
        # "below the England rate, which is close to 30%": a wider area's measure, named before
        # the figure with no other figure between (not "our 12% is below the England rate")
        nxt = doc[t.i + 1].lower_ if t.i + 1 < len(doc) else ""
        between = doc[t.i + 1 : start]
        if (
            t.lower_ in BENCHMARK_AREAS
            and nxt in {"rate", "rates", "figure", "figures", "level", "levels"}
            and not any(w.like_num and not w.is_alpha for w in between)
        ):
            return True
    for k, t in enumerate(words):
        nxt = words[k + 1].lower_ if k + 1 < len(words) else ""
        if t.lower_ in WIDE or (t.lower_ in {"force", "region"} and nxt in {"-", "wide"}):
            return True
        if t.lower_ not in {"across", "in", "throughout", "for"}:
            continue
        rest = [w.lower_ for w in words[k + 1 : k + 5] if w.lower_ not in {"the", "whole"}]
        if rest[:1] and rest[0] in WIDER_AREAS - {"force"}:
            return True
        if rest[:2] == ["west", "midlands"] and (
            rest[2:3] in (["force"], ["region"], ["area"]) or not set(rest[2:3]) & ORGANISATIONS
        ):
            return True
    return False


# what makes a counted thing another kind or another stage of it: "Other (non-statutory)
# safeguarding enquiries: 87", "Enquiries concluded in the year: 511"
STAGES = {"concluded", "closed", "ended", "ceased", "withdrawn", "discontinued"}


def qualified_away(doc: Doc, s: int, e: int) -> str | None:
    """The word that makes the term at ``s:e`` count something else than the metric, if any:
    "other" before it (past a bracketed aside) or a stage after or before it."""
    i = s - 1
    if i >= 0 and doc[i].text == ")":
        while i >= 0 and doc[i].text != "(":
            i -= 1
        i -= 1
    if i >= 0 and doc[i].lower_ == "other":
        return "other"
    if e < len(doc) and doc[e].lower_ in STAGES:
        return doc[e].lower_
    if s > 0 and doc[s - 1].lower_ in STAGES:
        return doc[s - 1].lower_
    return None


def rate_base(doc: Doc, a: int, start: int, end: int) -> bool:
    """Is the figure a rate ("47.1 per 10,000 children", "Children on plans per 10,000:
    47.1")? Then it is not a count of anything."""
    after = doc[end : min(len(doc), end + 2)]
    if any(t.lower_ == "per" and t.i + 1 < len(doc) and doc[t.i + 1].like_num for t in after):
        return True
    # "16 children per social worker": a ratio
    if any(t.lower_ == "per" for t in doc[end : min(len(doc), end + 3)]):
        return True
    for t in doc[max(a, start - 10) : start]:
        if t.lower_ == "per" and t.i + 1 < start and doc[t.i + 1].like_num:
            between = doc[t.i + 2 : start]
            return not any(w.like_num or w.text in {";", ","} for w in between)
    return False


LIST_SEPARATORS = {"–", "—", "-", ":"}
# labels of a list item that are not a part of what the list breaks down
NOT_A_PART = {"average", "england", "national", "regional", "region", "midlands", "benchmark"}
NOT_A_PART |= {"emergency", "phone", "telephone", "tel", "call", "contact", "helpline", "email"}


def list_label(doc: Doc, sent_start: int, start: int, end: int, sent_end: int) -> str | None:
    """The label of a list item that is only a label and its figure ("Cuckooing – 5 (5%)",
    "County lines: 12"), or None."""
    words = doc[sent_start : start - 1]
    if start - 1 <= sent_start or doc[start - 1].text not in LIST_SEPARATORS:
        return None
    if not 1 <= len(words) <= 6 or not words[0].is_title:
        return None
    if not all(t.is_alpha or t.text in {"/", "-", "&", ","} for t in words):
        return None
    if words[0].lower_ in {"total", "all", "overall"}:
        return None  # the list's total, not a part of it
    if any(t.lemma_ in TARGET_WORDS | NOT_A_PART for t in words):
        return None  # "Our local target: 90%", "England: 31%", "Emergency: 999"
    rest = [t for t in doc[end:sent_end] if not t.is_punct]
    if rest and not (len(rest) == 2 and rest[1].text == "%"):  # only "(5%)" may follow
        return None
    return words.text


def named_before(doc: Doc, nouns: set[str]) -> list[tuple[int, int]]:
    """Names in Title Case right before one of ``nouns`` ("the new Professional Curiosity
    course" -> "Professional Curiosity"), as token spans; a name opening a sentence must be
    more than its first word."""
    out = []
    for t in doc:
        if t.lemma_ not in nouns or not t.i:
            continue
        s = t.i
        while s > t.i - 4 and s and doc[s - 1].is_alpha and doc[s - 1].is_title:
            if doc[s - 1].is_stop:  # "The Professional Curiosity course"
                break
            s -= 1
        if s < t.i and not (doc[s].is_sent_start and t.i - s == 1):
            out.append((s, t.i))
    return out


def in_aside(doc: Doc, sent_start: int, at: int, figure: int) -> bool:
    """Is the place ``at`` inside a relative clause set off by commas (", which became
    mandatory in 2031,") that closes before the figure?"""
    opening = next(
        (
            i
            for i in range(at - 1, sent_start, -1)
            if doc[i].lower_ in {"which", "who"} and doc[i - 1].text == ","
        ),
        None,
    )
    if opening is None or any(t.text == "," for t in doc[opening:at]):
        return False
    return any(t.text == "," for t in doc[at:figure])


def semicolon(doc: Doc, a: int, b: int) -> bool:
    """A ";" between two places: they are in different clauses of the sentence."""
    return any(t.text == ";" for t in doc[a:b])


# "Nearly a third of the children on plans (92)", "more than half of concerns (2,207 …)": a
# share of a whole, so the figure is a part of it
FRACTIONS = {"half", "third", "thirds", "quarter", "quarters", "fifth", "fifths", "majority"}
FRACTIONS |= {"minority", "tenth", "tenths"}


def part_of_whole(doc: Doc, lo: int, start: int) -> bool:
    """A fraction word and "of" before the figure in its stretch ("a third of the children on
    plans (92)"), or "accounted for" right before it ("they accounted for 96 concerns"): the
    figure is a part of a whole."""
    if start - 2 >= lo and doc[start - 2].lemma_ == "account" and doc[start - 1].lower_ == "for":
        return True
    words = [t.lower_ for t in doc[lo:start]]
    return any(a in FRACTIONS and b == "of" for a, b in itertools.pairwise(words))


# "In 2021/22, …", "throughout 2021-2022": words that make a year the scope of what follows
SCOPE_WORDS = {"in", "during", "throughout", "over", "for"}

# "practitioners from eleven agencies", "children in 14 schools": a phrase that qualifies a noun
QUALIFYING = {"from", "in", "across", "at"}

PURPOSE = {("so", "that"), ("in", "order"), ("so", "as")}


def purpose(doc: Doc, a: int, b: int) -> bool:
    """A purpose clause opens between two places ("… completed the course so that agencies can
    cascade the core course"): what it names is what is aimed at, not what was counted."""
    return bool(PURPOSE & set(itertools.pairwise(t.lower_ for t in doc[a:b])))


def clause_break(doc: Doc, a: int, b: int, label_colon: bool = False) -> bool:
    """A ";" or ":" between two places ends the clause, except the colon of a label and its
    value ("Section 42 enquiries: 498")."""
    between = doc[a:b]
    if label_colon and all(t.is_punct for t in between):
        return False
    return any(t.text in {";", ":"} for t in between)


_WORDS = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen"
_WORDS += " fifteen sixteen seventeen eighteen nineteen"
WORD_NUMBERS = {w: i for i, w in enumerate(_WORDS.split(" "))}


def small_count(t: Token) -> int:
    """ "two", "12": a token's whole number under twenty in words, or in digits; else 0."""
    return WORD_NUMBERS.get(t.lower_) or (int(t.text) if t.text.isdecimal() else 0)


WINDOW_UNITS = {"day": 365, "week": 52, "month": 12, "quarter": 4}


def short_window(doc: Doc, end: int, sent_end: int) -> str | None:
    """ "after 11 concerns in six weeks", "38 referrals over three months": the figure counts
    a stretch shorter than the reporting year, a part of it. The stretch's words, or None."""
    words = doc[end : min(sent_end, end + 5)]
    for i, t in enumerate(words):
        if t.text in {",", ";", ":", "("}:
            return None
        if t.lower_ not in {"in", "over", "within", "during"} or i + 2 >= len(words):
            continue
        n_tok, unit = words[i + 1], words[i + 2]
        n = 1 if n_tok.lower_ == "a" else small_count(n_tok)  # "in a week", "over six weeks"
        per_year = WINDOW_UNITS.get(unit.lemma_.lower())
        if n and per_year and n < per_year:
            return doc[t.i : unit.i + 1].text
    return None


_QUARTER = re.compile(
    r"\b(?:quarter\s*[1-4]|q[1-4]|(?:first|second|third|fourth|final)\s+quarter)\b", re.I
)
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_MONTH_RANGE = re.compile(rf"\b({_MONTH})(?:\s+\d{{4}})?\s*(?:to|–|-|until)\s*({_MONTH})\b", re.I)
_ONE_MONTH = re.compile(rf"^\W*{_MONTH}\s+(?:19|20)\d\d\s*$", re.I)


def part_of_year(text: str) -> str | None:
    """ "Quarter 2", "Q3", "the first quarter", "April to June", "May 2038": the words naming a
    stretch shorter than a reporting year, lower-cased, or None."""
    m = _QUARTER.search(text) or _ONE_MONTH.match(text)
    if m:
        return m[0].strip().lower()
    m = _MONTH_RANGE.search(text)
    if not m:
        return None
    first, last = values.month_number(m[1]), values.month_number(m[2])
    return m[0].lower() if first and last and (last - first) % 12 + 1 < 12 else None


def within_year_scope(sent: Span) -> str | None:
    """ "Quarter 2 (July to September 2038): 1,094 concerns", "May 2038: …": a sentence that
    opens by naming a stretch shorter than the reporting year, so its figures are parts of the
    year. The stretch's words, or None."""
    colon = next((t.i for t in sent[:16] if t.is_punct and t.text.endswith(":")), None)
    if colon is None:
        return None
    opening = sent.doc[sent.start : colon].text + sent.doc[colon].text[:-1]  # "(… 2038):"
    return opening if part_of_year(opening) else None


def parts_of_year(headings: Sequence[str]) -> set[str]:
    """The headings whose sections each cover one stretch of the year among others ("Quarter 1
    by the numbers"; "Bulletin 2 – Summer 2039 (July to September)" beside "Bulletin 1 – …
    (April to June)"), so their figures are parts of the year. A quarter is always a part; a
    lone "October 2032 to March 2033" is the one window a report has for its figures."""
    named = {h: part_of_year(h) for h in headings}
    named = {h: stretch for h, stretch in named.items() if stretch}
    if len(set(named.values())) > 1:
        return set(named)
    return {h for h in named if _QUARTER.search(h)}


AVERAGE_WORDS = {"average", "averaged", "averaging", "mean", "median"}


def not_a_total(doc: Doc, start: int, sent_start: int) -> str | None:
    """ "caseloads … stood at 16 children" after "average", "a dip-sample of 100 concerns":
    a count that is a mean or a sample, never the number counted. What it is, or None."""
    before = []
    for t in reversed(doc[max(sent_start, start - 12) : start]):
        if t.text in {",", ";", ":"} or (t.like_num and not t.is_alpha):
            break
        before.append(t.lower_)
    if AVERAGE_WORDS & set(before):
        return "an average"
    if before[:1] == ["sample"] or before[:2] == ["of", "sample"]:  # "dip-sample 100 concerns"
        return "a sample"
    return None


def compared_period(doc: Doc, sent_start: int, start: int) -> bool:
    """ "against one in 2037/38", "compared with 2037/38": the period of what a figure is
    compared with, in the few words before it."""
    for t in reversed(doc[max(sent_start, start - 4) : start]):
        if t.text in {",", ";", ":"}:
            return False
        if t.lower_ in {"against", "compared", "versus", "vs", "than"}:
            return True
    return False


SUBORDINATORS = {"while", "whilst", "whereas", "although", "though", "despite", "unlike"}


def subordinate(doc: Doc, a: int, b: int) -> bool:
    """ "fell by 7.7% even as concerns rose", "… while referrals grew": a clause of contrast
    starts between two places; a term in it says nothing of the figure before."""
    words = [t.lower_ for t in doc[a:b]]
    return bool(SUBORDINATORS & {*words}) or any(
        x == "even" and y in {"as", "though", "if"} for x, y in itertools.pairwise(words)
    )


CONSEQUENCE = {"so", "therefore", "thus", "hence", "meaning"}


def consequence(doc: Doc, sent_start: int, a: int, b: int) -> bool:
    """ "In 2035/36 there were 561, so the number fell by 7.7%", "There were 486 enquiries in
    2038/39, so the number rose by 7.6%": a figure of the year, then (after the period at
    ``a``) a clause drawing what followed from it."""
    said = [i for i in range(a, b) if doc[i].lower_ in CONSEQUENCE]
    return bool(said) and any(t.like_num and not t.is_alpha for t in doc[sent_start : said[0]])


TARGET_WORDS = {"target", "aim", "goal", "threshold", "benchmark", "ambition", "aspire"}
TARGET_WORDS |= {"commit", "pledge"}  # "commits partners to hearing from at least 200 children"
FUTURE_WORDS = {"will", "plan", "intend", "expect", "hope", "forecast", "project", "want", "seek"}
FUTURE_WORDS |= {"commit", "pledge", "promise"}


def is_target(doc: Doc, start: int, end: int) -> bool:
    """ "(target 90%)", "a target of 95%", "95% target", "we aim to reach 98%": what was aimed
    at, not reached. Looks back through the figure's own clause, up to 16 words ("Our aim
    is to bring the number of children on a plan back below 330")."""
    before = []
    for t in reversed(doc[max(0, start - 20) : start]):
        if (t.text in {",", ";", ":", "("} and before) or (t.like_num and not t.is_alpha):
            break  # "against a target of 90%, we reached 93%": another clause's figure
        if not t.is_punct:
            before.append(t.lemma_)
        if len(before) == 16:
            break
    after = doc[end].lemma_ if end < len(doc) else ""  # "95% target", not "91% (target"
    return bool(TARGET_WORDS & {*before, after})


EARLIER = {"last", "previous", "earlier", "prior"}


def earlier_report(doc: Doc, start: int, sent_start: int) -> bool:
    """ "Last year's report gave 468 enquiries", "(… last yr's report said 468)": what an
    earlier report published, which this one may have corrected."""
    words = []
    for t in reversed(doc[max(sent_start, start - 10) : start]):
        if t.text in {";", "("} or t.like_num:
            break
        words.insert(0, t.lemma_)
    for i, w in enumerate(words):
        if w == "report" and i > 0:
            before = words[max(0, i - 3) : i]
            if EARLIER & set(before) and "this" not in before:
                return True
    return False


def forward_looking(doc: Doc, start: int, sent_start: int) -> bool:
    """ "We will reach 98% by 2028/29", "we expect 40 places": the clause before the figure
    speaks of what is to come."""
    for t in reversed(doc[sent_start:start]):
        # "cut incidents from 66 to 50 by 2026/27": the figure it starts from is in the clause
        starting_point = 0 < t.i < len(doc) - 1 and doc[t.i - 1].lower_ == "from"
        if starting_point and doc[t.i + 1].lower_ == "to":
            continue
        if t.text in {";", ":"} or (t.like_num and not t.is_alpha):
            return False
        if t.lemma_ in FUTURE_WORDS | TARGET_WORDS:
            return True
    return False


def verbal(doc: Doc, i: int) -> bool:
    """A word in -ing that opens a phrase ("relating to adults", "involving children"), not a
    noun's modifier ("missing episodes")."""
    return (
        doc[i].lower_.endswith("ing")
        and i + 1 < len(doc)
        and doc[i + 1].lower_ in {"to", "with", "from", "on", "about"}
    )


def noun_run(doc: Doc, a: int, b: int) -> bool:
    """Only content words from a to b: one noun phrase ("domestic abuse sessions")."""
    return all(t.is_alpha and not t.is_stop for t in doc[a:b])


def own_noun(doc: Doc, end: int, hi: int, in_period: set[int] = frozenset()) -> int | None:
    """The first content word after a figure ("3 other police officers" -> "police"): what it
    counts, if the prose says so right there."""
    for i in range(end, min(hi, end + 4)):
        t = doc[i]
        if i in in_period:
            return None  # "from 74 the year before"
        if t.lower_ in BASE_WORDS | TIME_INTRO or t.lower_ in PERIOD_INTRO - {"of"}:
            return None  # a new phrase starts: "93% to 100% during the year", "89% by the end"
        if t.text in {",", ";", ":", "–", "—", "(", ")"}:
            # "a rise of 3.2 per cent, and the fourth …", "91% (target 95%)", "plans under more
            # than one category (4) are small numbers"
            return None
        if t.lower_ == "on" and i + 1 < len(doc) and doc[i + 1].lower_ == "average":
            return None  # "88% on average across the year's audits"
        if t.lower_ in {"and", "but"}:
            return None  # "down 5.4% and comprises 2,019 crimes": what follows is another clause
        if t.lemma_ in DURATIONS and i + 1 < len(doc) and doc[i + 1].lower_ == "on":
            return None  # "up 5.7% year on year", "yr on yr": compared with the year before
        if t.lower_ in MODIFIERS or t.is_punct or (t.is_stop and t.is_alpha):
            continue
        # "the 287 on the same day a year before": when, not what it counts
        timed = t.lemma_ in DURATIONS and any(w.lower_ in {"on", "at"} for w in doc[end:i])
        return i if t.is_alpha and not timed else None
    return None


# "Neglect's share of all plans", "the proportion of concerns": a percent's whole, said first
SHARE_NOUNS = {"share", "proportion", "percentage"}

REFERENTS = {("the", "number"), ("the", "figure"), ("the", "total"), ("this", "figure")}
REFERENTS |= {("this", "number"), ("that", "number"), ("that", "figure")}


def refers_back(doc: Doc, a: int, b: int, reach: int = 3) -> bool:
    """ "There were 517 enquiries in 2039/40, so the number rose by 8.1%": the subject of the
    figure at ``b`` is "the number", said a few words before it, which is the figure before."""
    words = [t.lower_ for t in doc[a:b]]
    # (up to a few words on: "the figure rose again in 2032/33 to 4,388")
    return any(
        (words[i], words[i + 1]) in REFERENTS and len(words) - (i + 2) <= reach
        for i in range(len(words) - 1)
    )


def risen_from(doc: Doc, start: int, sent_start: int) -> bool:
    """ "edged up from 12.2%", "fell from 71", "down from 70": the figure at ``start`` is what
    a change started from."""
    if start - 2 < sent_start or doc[start - 1].lower_ != "from":
        return False
    before = doc[start - 2]
    return before.lower_ in {"up", "down"} or bool(CHANGE_VERBS.get(before.lemma_))


def was_before(doc: Doc, start: int, sent_start: int) -> bool:
    """ "Neglect: 152 (was 169)", "114 (up from 111)", "41 (vs 40)": a bracketed value the
    figure before it is compared with, the year before's."""
    words = [t.lower_ for t in doc[max(sent_start, start - 3) : start]]
    if "(" not in words:
        return False
    after = words[len(words) - words[::-1].index("(") :]
    return after in (
        ["was"],
        ["from"],
        ["vs"],
        ["vs."],
        ["versus"],
        ["up", "from"],
        ["down", "from"],
    )


def unsigned_change(doc: Doc, end: int) -> bool:
    """ "(↑ 4.7% on 3,802 in 2039/40)" with its arrow lost: a percent "on" what it is compared
    with is a change, and nothing says which way."""
    words = [t for t in doc[end : end + 3]]
    if len(words) < 2 or words[0].lower_ != "on":
        return False
    nxt = words[1]
    return (nxt.like_num and not nxt.is_alpha) or nxt.lower_ in {"last", "the", "previous"}


COPULA = {"was", "is", "were", "are", "been"}
SUBJECT_OF = {"the", "this", "that", "its", "overall", "annual", "'s", "’s"}


def change(doc: Doc, start: int, end: int, sent_start: int) -> int:
    """+1 / -1 when the figure states a change ("an increase of 9.3%", "31 fewer", "down 12%",
    "a 20% reduction", "(+8.8%)"), 0 for a level ("has risen to 3,455")."""
    sign = doc[start].text
    if len(sign) > 1 and sign[0] in "+−-" and sign[1].isdecimal():
        return 1 if sign[0] == "+" else -1  # a signed figure is a change: "+8.8%", "−12"
    i = start - 1
    while i >= sent_start and doc[i].lower_ in APPROX and doc[i].lower_ not in {"of", "by"}:
        i -= 1
    if i >= sent_start and doc[i].lower_ == "to":
        return 0  # "rose to 4,297", "fell by 10% to 3,800": the level reached
    if i >= sent_start and doc[i].lower_ in COPULA:
        # "the rise in 2030/31 was 4.1%", "The increase on last year was 6%": a change is
        # the subject the figure is said of
        for j in range(i - 1, max(sent_start, i - 7) - 1, -1):
            number = doc[j].like_num and not doc[j].is_alpha and not YEARS.fullmatch(doc[j].text)
            if doc[j].text in {",", ";", ":"} or number:
                break
            if doc[j].lemma_ in CHANGE_NOUNS and j > sent_start and doc[j - 1].lower_ in SUBJECT_OF:
                return CHANGE_NOUNS[doc[j].lemma_]
    if i >= sent_start:
        word = doc[i].lower_
        made = i - 1 >= sent_start and doc[i - 1].lemma_ in {"make", "end", "take", "set"}
        if word in {"up", "down"} and not made:
            return 1 if word == "up" else -1
        if doc[i].lemma_ in CHANGE_VERBS and CHANGE_VERBS[doc[i].lemma_] and i == start - 1:
            return CHANGE_VERBS[doc[i].lemma_]  # "had risen 7.3%", "fell 12%"
        if word in {"of", "by"} and i - 1 >= sent_start:
            j = i - 1
            lemma = doc[j].lemma_
            if lemma in CHANGE_NOUNS:
                return CHANGE_NOUNS[lemma]
            if lemma in CHANGE_VERBS and doc[j].lower_ not in {"go"}:
                return CHANGE_VERBS[lemma] or 0
            made = j - 1 >= sent_start and doc[j - 1].lemma_ in {"make", "end", "take", "set"}
            if doc[j].lower_ in {"up", "down"} and not made:
                return 1 if doc[j].lower_ == "up" else -1
    j = end
    while j < len(doc) and (doc[j].lower_ in {"%", "per", "cent", "percent", ")", "("}):
        j += 1
    # "(69 case) reduction": skip a companion's own unit word
    if j < len(doc) and doc[j].lemma_ in {"case", "child", "person", "people"}:
        k = j + 1
        if k < len(doc) and doc[k].text == ")":
            j = k + 1
    if j < len(doc):
        lemma = doc[j].lemma_
        if lemma in CHANGE_NOUNS:
            return CHANGE_NOUNS[lemma]
        if doc[j].lower_ in CHANGE_AFTER:
            nxt = doc[j + 1].lower_ if j + 1 < len(doc) else ""
            bracketed = doc[j - 1].text == "(" and j + 1 < len(doc) and doc[j + 1].like_num
            if bracketed:
                return 0  # "4,105 (up 4.9%)": the change is the bracketed figure
            if nxt in {"from", "on"} and doc[j].lower_ in {"up", "down", "above", "below"}:
                return 0  # "rose to 4,297, up from 3,800": a level, then what it was
            bound = nxt == "than" and j + 2 < len(doc) and doc[j + 2].like_num
            if not bound:  # "31 fewer children", "223 fewer than in 2022/23"; not "fewer than 5"
                return CHANGE_AFTER[doc[j].lower_]
    return 0
