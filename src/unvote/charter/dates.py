"""Reading the dates and months users type: ``2022-05-26``, ``2022-05``, a :class:`datetime.date`.

>>> as_date("2022-05-26")
datetime.date(2022, 5, 26)
>>> as_month("2022-05")
(2022, 5)
"""

from __future__ import annotations

import datetime as dt
import re

from unvote.errors import UserError


def as_date(value: dt.date | str) -> dt.date:
    """A date from a ``date``, a ``datetime`` or ISO text (``YYYY-MM-DD``); a bad one raises :class:`UserError`."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise UserError(f"{text!r} is not a date; write it as YYYY-MM-DD, for example 2022-05-26.") from None


def as_month(value: str | dt.date) -> tuple[int, int]:
    """(year, month) from ``YYYY-MM`` text or a date; a bad one raises :class:`UserError`."""
    if isinstance(value, dt.date):
        return value.year, value.month
    text = str(value).strip()
    match = re.fullmatch(r"(\d{4})-(\d{1,2})", text)
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise UserError(f"{text!r} is not a month; write it as YYYY-MM, for example 2022-05.")
    return int(match.group(1)), int(match.group(2))
