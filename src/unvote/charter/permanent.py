"""The five permanent seats (Charter Art. 23) and who held each of them when.

Two seats changed hands: China's passed from the Republic of China (TWN) to the People's Republic of China (CHN) when
the General Assembly adopted res. 2758 (XXVI) on 25 October 1971; the Soviet Union's (SUN) passed to the Russian
Federation (RUS) on 24 December 1991, the day of President Yeltsin's letter to the Secretary-General.

>>> import datetime as dt
>>> permanent_members(dt.date(1971, 10, 24))
('FRA', 'GBR', 'SUN', 'TWN', 'USA')
>>> holder("China", dt.date(1971, 10, 25))
'CHN'
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from unvote.errors import UserError

# The Charter entered into force on 24 October 1945; the Council first met on 17 January 1946.
CHARTER_IN_FORCE = dt.date(1945, 10, 24)
OPEN_END = dt.date(9999, 12, 31)


@dataclass(frozen=True)
class PermanentHolding:
    """One member's holding of a permanent seat, ``start`` to ``end`` inclusive."""

    seat: str
    member: str
    start: dt.date
    end: dt.date
    source: str


PERMANENT_HOLDINGS: tuple[PermanentHolding, ...] = (
    PermanentHolding("China", "TWN", CHARTER_IN_FORCE, dt.date(1971, 10, 24), "Charter Art. 23; GA res. 2758 (XXVI)"),
    PermanentHolding("China", "CHN", dt.date(1971, 10, 25), OPEN_END, "GA res. 2758 (XXVI), 25 Oct 1971"),
    PermanentHolding("France", "FRA", CHARTER_IN_FORCE, OPEN_END, "Charter Art. 23"),
    PermanentHolding("USSR", "SUN", CHARTER_IN_FORCE, dt.date(1991, 12, 23), "Charter Art. 23"),
    PermanentHolding("USSR", "RUS", dt.date(1991, 12, 24), OPEN_END,
                     "Letter of the President of the Russian Federation to the Secretary-General, 24 Dec 1991"),
    PermanentHolding("United Kingdom", "GBR", CHARTER_IN_FORCE, OPEN_END, "Charter Art. 23"),
    PermanentHolding("United States", "USA", CHARTER_IN_FORCE, OPEN_END, "Charter Art. 23"),
)

# Every code that has ever held a permanent seat.
EVER_PERMANENT = frozenset(h.member for h in PERMANENT_HOLDINGS)


def permanent_members(on: dt.date) -> tuple[str, ...]:
    """The codes of the five permanent members on ``on``, sorted."""
    if on < CHARTER_IN_FORCE:
        raise UserError(f"{on.isoformat()} is before the Charter entered into force (24 October 1945).")
    return tuple(sorted(h.member for h in PERMANENT_HOLDINGS if h.start <= on <= h.end))


def holder(seat: str, on: dt.date) -> str:
    """Who held the permanent ``seat`` ('China', 'France', 'USSR', 'United Kingdom', 'United States') on ``on``."""
    for h in PERMANENT_HOLDINGS:
        if h.seat.lower() == seat.lower() and h.start <= on <= h.end:
            return h.member
    raise UserError(f"No permanent seat called {seat!r} on {on.isoformat()}.")
