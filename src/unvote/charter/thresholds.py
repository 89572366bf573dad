"""How many votes a decision needs, by body and date (Charter Arts. 18, 23 and 27), and how the Council practised it.

The Charter's rule is a rule by date: the amendments to Arts. 23 and 27 (GA res. 1991 A (XVIII)) entered into force
on 31 August 1965, and from that day the Charter speaks of fifteen members deciding by nine affirmative votes
(:func:`charter_seats`, :func:`charter_required`). The Council's practice lagged: the four new elected seats were first
filled on 1 January 1966, and until then the eleven members who sat went on deciding by seven votes (resolution 218
(1965) was adopted on 23 November 1965 by 7 votes to none, with 4 abstentions). That transition is data, not code:
each row of ``council_practice.csv`` (beside this module) is a period in which the Council sat and decided otherwise
than the Charter's text of the day, with its source. :func:`sc_seats` and :func:`sc_required` give what the Council
actually had and needed: the Charter's figures, except in such a period.

>>> import datetime as dt
>>> charter_required(dt.date(1965, 11, 23)), sc_required(dt.date(1965, 11, 23)), sc_required(dt.date(1966, 1, 1))
(9, 7, 9)
>>> ga_required(yes=116, no=20, important=False), ga_required(yes=116, no=20, important=True)
(69, 91)
"""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

# GA res. 1991 (XVIII); entry into force of the amended Arts. 23 and 27.
AMENDMENT_IN_FORCE = dt.date(1965, 8, 31)
COUNCIL_PRACTICE = Path(__file__).with_name("council_practice.csv")


@dataclass(frozen=True)
class Practice:
    """A period (``start`` to ``end`` inclusive) in which the Council sat with ``seats`` members deciding by ``required``."""

    start: dt.date
    end: dt.date
    seats: int
    required: int
    source: str


def charter_seats(on: dt.date) -> int:
    """Seats the Charter gives the Council on ``on``: 11 before 31 Aug 1965, 15 from then (Art. 23)."""
    return 11 if on < AMENDMENT_IN_FORCE else 15


def charter_required(on: dt.date) -> int:
    """Affirmative votes the Charter's text requires on ``on`` (Art. 27(2), (3)): 7 before 31 Aug 1965, 9 from then."""
    return 7 if on < AMENDMENT_IN_FORCE else 9


@lru_cache(maxsize=1)
def practices() -> tuple[Practice, ...]:
    """The periods of ``council_practice.csv``: where the Council sat and decided otherwise than the Charter's text."""
    with open(COUNCIL_PRACTICE, newline="", encoding="utf-8") as handle:
        return tuple(Practice(dt.date.fromisoformat(row["start"]), dt.date.fromisoformat(row["end"]), int(row["seats"]),
                              int(row["required"]), row["source"]) for row in csv.DictReader(handle))


def practice_on(on: dt.date) -> Practice | None:
    """The recorded practice in force on ``on``, or None where the Council followed the Charter's text."""
    return next((p for p in practices() if p.start <= on <= p.end), None)


def sc_seats(on: dt.date) -> int:
    """Seats the Council had on ``on``: the Charter's, except in a period of ``council_practice.csv`` (11 until 1965)."""
    found = practice_on(on)
    return found.seats if found else charter_seats(on)


def sc_required(on: dt.date) -> int:
    """Affirmative votes the Council needed on ``on``: the Charter's, except in a period of ``council_practice.csv``."""
    found = practice_on(on)
    return found.required if found else charter_required(on)


def ga_required(yes: int, no: int, important: bool) -> int:
    """Yes votes the General Assembly needs, given the members present and voting (yes + no; Art. 18, rule 86).

    A simple majority is more than half, so a tie rejects (rule 95); an important question needs two-thirds.
    With nobody present and voting, one yes vote would be needed.
    """
    voting = yes + no
    if important:
        return max(1, -(-2 * voting // 3))
    return voting // 2 + 1
