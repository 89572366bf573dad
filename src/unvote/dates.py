"""Dates and months as users type them: ``2022-05-26``, ``2022-05`` or ``2022`` (the first day of the period).

One reader for every face (CLI options, the web's parameters, article dates), so a date means the same everywhere.

>>> parse_date("2022-05-26"), parse_date("2022-05"), end_of("2022-05")
(datetime.date(2022, 5, 26), datetime.date(2022, 5, 1), datetime.date(2022, 5, 31))
>>> as_month("2022-05")
(2022, 5)
"""

from __future__ import annotations

import datetime as dt
import re

from unvote.errors import UserError

_DATE = re.compile(r"(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?")


def parse_date(value: str | dt.date | None, what: str = "date") -> dt.date | None:
    """A date from ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY`` (the first day of the period), a ``date`` or a
    ``datetime``; ``None`` stays ``None``. Anything else raises :class:`UserError` naming ``what``."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    m = _DATE.fullmatch(text)
    if not m:
        raise UserError(f"The {what} {text!r} is not a date: write YYYY-MM-DD, for example 2022-05-26.")
    try:
        return dt.date(int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1))
    except ValueError as exc:
        raise UserError(f"The {what} {text!r} is not a date (not a valid date on the calendar: {exc}).") from None


def end_of(value: str | dt.date | None) -> dt.date | None:
    """The last day of the period ``YYYY`` or ``YYYY-MM`` names (a full date, or a ``date``, is returned as is)."""
    if value is None or isinstance(value, dt.date):
        return value
    start = parse_date(value)
    parts = str(value).strip().count("-")
    if parts == 0:
        return dt.date(start.year, 12, 31)
    if parts == 1:
        following = dt.date(start.year + (start.month == 12), start.month % 12 + 1, 1)
        return following - dt.timedelta(days=1)
    return start


def as_month(value: str | dt.date) -> tuple[int, int]:
    """(year, month) from ``YYYY-MM`` text or a date; a bad one raises :class:`UserError`."""
    if isinstance(value, dt.date):
        return value.year, value.month
    text = str(value).strip()
    match = re.fullmatch(r"(\d{4})-(\d{1,2})", text)
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise UserError(f"{text!r} is not a month; write it as YYYY-MM, for example 2022-05.")
    return int(match.group(1)), int(match.group(2))
