"""Dates in a story: the publication date, and every date the text names, resolved to a window of days.

Relative dates ("on Tuesday", "this week", "earlier this year", "last month", "in May") are resolved against the
publication date. A weekday or a bare month points back in time in a sentence about the past and forward in a
sentence about the future ("will vote on Tuesday").

>>> [(d.text, d.value) for d in find_dates("The council voted on Thursday.", date(2022, 5, 27))]
[('on Thursday', (datetime.date(2022, 5, 26), datetime.date(2022, 5, 26)))]
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from unvote.news.mention import Mention

# Every spelling _MONTH accepts ("Sept.", "Jun", "January") starts with the month's three-letter abbreviation.
_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_abbr) if name}
_MONTH = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|" \
         r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
_WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"

_DAY_MONTH_YEAR = re.compile(rf"\b(\d{{1,2}}) ({_MONTH}),? (\d{{4}})\b")
_MONTH_DAY_YEAR = re.compile(rf"\b({_MONTH}) (\d{{1,2}})(?:st|nd|rd|th)?,? (\d{{4}})\b")
_MONTH_DAY = re.compile(rf"\b({_MONTH}) (\d{{1,2}})(?:st|nd|rd|th)?\b(?!,? \d{{4}})(?![\d:])")
_DAY_MONTH = re.compile(rf"\b(\d{{1,2}}) ({_MONTH})\b(?!,? \d{{4}})")
_MONTH_YEAR = re.compile(rf"\b(?:in |of |since |until |by )?({_MONTH}) (\d{{4}})\b")
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_IN_MONTH = re.compile(rf"\b(?:in|since|during|until|by|for|of|this|last|next|early|late|mid-?) ((?:early |late |mid-?)?)"
                       rf"({_MONTH})\b(?! \d)")
_YEAR = re.compile(r"\b(?i:in|since|of|during|by) (19[4-9]\d|20\d\d)\b")
_WEEKDAY_RE = re.compile(rf"\b(?:((?i:on|last|next|this|late on|early on|since|by|until)) )?({_WEEKDAY})\b")
_RELATIVE = re.compile(
    r"\b(today|yesterday|tomorrow|tonight|this week|last week|next week|earlier this week|later this week|"
    r"this month|last month|next month|earlier this month|later this month|"
    r"this year|last year|next year|earlier this year|later this year|a year ago|a week ago|"
    r"(?:two|three|four|five|six|\d+) (?:days|weeks|months|years) ago|the previous day|the day before|a day earlier)\b",
    re.I)
# "would have condemned" tells of the past ("a draft that would have condemned settlements").
_FUTURE = re.compile(r"\b(will|would(?! have)|shall|is to|are to|is set to|are set to|expected|plans?|planned|"
                     r"scheduled|next|upcoming|coming|likely|could(?! have)|may(?! have)|might(?! have)|intends?|aims?|"
                     r"due to|sure to|poised)\b")
# "withdraw by Jan. 15", "until 10 July": a deadline, which points forward and is not when the vote took place.
_DEADLINE = re.compile(r"\b(?:by|until|till|before|no later than|deadline of)\s+(?:the )?$", re.I)
# "UNITED NATIONS, Dec. 19, 2019 (Wire) - …": the date the story was filed, not when its events happened.
_DATELINE_PLACE = re.compile(r"(?:^|\n)[A-Z][A-Z .'’-]+,\s*$")
# A verb in the past right after the date ("on Friday vetoed", "on Monday called for") fixes the clause's tense.
_PAST_VERB_AFTER = re.compile(r"\W{0,3}(?:\w+ly )?\w+ed\b")
_NUMBER_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6}


def dateline_date(text: str, year_hint: int | None = None) -> date | None:
    """The publication date printed at the top of a story, if any.

    Wire datelines often leave out the year ("SEOUL, Dec 18 (Wire) -"); ``year_hint`` fills it in.

    >>> dateline_date("UNITED NATIONS, May 26, 2022 (Wire) - The council ...")
    datetime.date(2022, 5, 26)
    >>> dateline_date("SEOUL, Dec 18 (Wire) - ...", year_hint=2014)
    datetime.date(2014, 12, 18)
    """
    head = text[:400]
    for m in _ISO.finditer(head):
        found = _safe_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if found:
            return found
    for pattern, order in ((_MONTH_DAY_YEAR, "mdy"), (_DAY_MONTH_YEAR, "dmy")):
        m = pattern.search(head)
        if m:
            month, day = (m.group(1), m.group(2)) if order == "mdy" else (m.group(2), m.group(1))
            found = _safe_date(int(m.group(3)), _month(month), int(day))
            if found:
                return found
    if year_hint:
        m = re.search(rf"^[A-Z][A-Za-z .,'-]*?,? ({_MONTH}) (\d{{1,2}})\b", head, re.M)
        if m:
            return _safe_date(year_hint, _month(m.group(1)), int(m.group(2)))
    return None


def find_dates(text: str, published: date | None) -> list[Mention]:
    """Every date mention in ``text`` with its window ``(first day, last day)`` as the mention's value.

    Mentions that need a publication date to resolve are skipped when ``published`` is ``None``.
    """
    found: list[Mention] = []
    taken: list[tuple[int, int]] = []

    def add(m: re.Match, lo: date | None, hi: date | None, group: int = 0) -> None:
        start, end = m.start(group), m.end(group)
        if lo is None or hi is None or any(s < end and start < e for s, e in taken):
            return
        taken.append((start, end))
        detail = "deadline" if _DEADLINE.search(text[max(0, start - 20):start]) else \
            "dateline" if _DATELINE_PLACE.search(text[max(0, start - 40):start]) else ""
        found.append(Mention("date", start, end, text[start:end], (lo, hi), detail))

    for m in _ISO.finditer(text):
        d = _safe_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        add(m, d, d)
    for m in _MONTH_DAY_YEAR.finditer(text):
        d = _safe_date(int(m.group(3)), _month(m.group(1)), int(m.group(2)))
        add(m, d, d)
    for m in _DAY_MONTH_YEAR.finditer(text):
        d = _safe_date(int(m.group(3)), _month(m.group(2)), int(m.group(1)))
        add(m, d, d)
    for m in _MONTH_YEAR.finditer(text):
        year, month = int(m.group(2)), _month(m.group(1))
        add(m, date(year, month, 1), _month_end(year, month), 1 if m.group(0)[0].islower() else 0)
    for m in _YEAR.finditer(text):
        year = int(m.group(1))
        add(m, date(year, 1, 1), date(year, 12, 31), 1)
    if published is None:
        return sorted(found, key=lambda x: x.start)
    for m in _MONTH_DAY.finditer(text):
        future = _is_future(text, m.start(), m.end()) or bool(_DEADLINE.search(text[max(0, m.start() - 20):m.start()]))
        d = _nearest_day(published, _month(m.group(1)), int(m.group(2)), future)
        add(m, d, d)
    for m in _DAY_MONTH.finditer(text):
        future = _is_future(text, m.start(), m.end()) or bool(_DEADLINE.search(text[max(0, m.start() - 20):m.start()]))
        d = _nearest_day(published, _month(m.group(2)), int(m.group(1)), future)
        add(m, d, d)
    for m in _RELATIVE.finditer(text):
        lo_hi = _relative(m.group(1).lower(), published)
        if lo_hi:
            add(m, *lo_hi)
    for m in _WEEKDAY_RE.finditer(text):
        d = _weekday(published, _WEEKDAYS[m.group(2).lower()], (m.group(1) or "").lower(),
                     _is_future(text, m.start(), m.end()))
        add(m, d, d)
    for m in _IN_MONTH.finditer(text):
        month = _month(m.group(2))
        lead = m.group(0).split()[0].lower()
        future = _is_future(text, m.start()) or lead == "next"
        year = published.year
        if lead == "last":
            year = year - 1 if month >= published.month else year
        elif lead == "this":
            pass
        elif future and month < published.month:
            year += 1
        elif not future and month > published.month:
            year -= 1
        add(m, date(year, month, 1), _month_end(year, month), 0)
    return sorted(found, key=lambda x: x.start)


def _is_future(text: str, at: int, end_of_date: int | None = None) -> bool:
    """Whether the clause around ``at`` speaks of the future: a future marker before the date, or after it unless a
    verb in the past follows the date directly."""
    start = max(text.rfind(". ", 0, at), text.rfind("\n", 0, at), text.rfind(";", 0, at), 0)
    end_candidates = [i for i in (text.find(". ", at), text.find("\n", at), text.find(";", at)) if i >= 0]
    end = min(end_candidates) if end_candidates else len(text)
    if _FUTURE.search(text[start:at]):
        return True
    if end_of_date is not None and _PAST_VERB_AFTER.match(text, end_of_date):
        return False
    return bool(_FUTURE.search(text[at:end]))


def _relative(phrase: str, p: date) -> tuple[date, date] | None:
    monday = p - timedelta(days=p.weekday())
    month_start = p.replace(day=1)
    table = {
        "today": (p, p), "tonight": (p, p), "yesterday": (p - timedelta(1), p - timedelta(1)),
        "tomorrow": (p + timedelta(1), p + timedelta(1)),
        "the previous day": (p - timedelta(1), p - timedelta(1)), "the day before": (p - timedelta(1), p - timedelta(1)),
        "a day earlier": (p - timedelta(1), p - timedelta(1)),
        "this week": (monday, monday + timedelta(6)), "earlier this week": (monday, p),
        "later this week": (p, monday + timedelta(6)),
        "last week": (monday - timedelta(7), monday - timedelta(1)),
        "next week": (monday + timedelta(7), monday + timedelta(13)),
        "a week ago": (p - timedelta(7), p - timedelta(7)),
        "this month": (month_start, _month_end(p.year, p.month)), "earlier this month": (month_start, p),
        "later this month": (p, _month_end(p.year, p.month)),
        "this year": (date(p.year, 1, 1), date(p.year, 12, 31)), "earlier this year": (date(p.year, 1, 1), p),
        "later this year": (p, date(p.year, 12, 31)),
        "last year": (date(p.year - 1, 1, 1), date(p.year - 1, 12, 31)),
        "next year": (date(p.year + 1, 1, 1), date(p.year + 1, 12, 31)),
        "a year ago": (_add_months(p, -12), _add_months(p, -12)),
    }
    if phrase in ("last month", "next month"):
        first = _add_months(month_start, -1 if phrase == "last month" else 1)
        return first, _month_end(first.year, first.month)
    if phrase in table:
        return table[phrase]
    m = re.fullmatch(r"(\w+) (days|weeks|months|years) ago", phrase)
    if m:
        n = int(m.group(1)) if m.group(1).isdigit() else _NUMBER_WORDS.get(m.group(1), 0)
        if m.group(2) == "days":
            d = p - timedelta(days=n)
            return d, d
        if m.group(2) == "weeks":
            d = p - timedelta(weeks=n)
            return d - timedelta(3), d + timedelta(3)
        months = n * (12 if m.group(2) == "years" else 1)
        d = _add_months(p, -months)
        return d - timedelta(31), d + timedelta(31)
    return None


def _weekday(p: date, weekday: int, lead: str, future: bool) -> date:
    """The day a weekday names: the latest such day up to ``p`` (``p`` itself counts) unless it looks forward."""
    if lead == "next" or (future and lead not in ("last", "since")):
        ahead = (weekday - p.weekday()) % 7
        return p + timedelta(days=ahead)
    back = (p.weekday() - weekday) % 7
    if lead == "last" and back == 0:
        back = 7
    return p - timedelta(days=back)


def _nearest_day(p: date, month: int, day: int, future: bool) -> date | None:
    d = _safe_date(p.year, month, day)
    if d is None:
        return None
    if future and d < p - timedelta(days=31):
        return _safe_date(p.year + 1, month, day)
    if not future and d > p + timedelta(days=1):
        return _safe_date(p.year - 1, month, day)
    return d


def _month(name: str) -> int:
    return _MONTHS[name[:3].lower()]


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _add_months(d: date, months: int) -> date:
    index = d.year * 12 + d.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(d.day, calendar.monthrange(year, month + 1)[1]))


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None
