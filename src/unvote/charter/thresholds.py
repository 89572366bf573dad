"""How many votes a decision needs, by body and date (Charter Arts. 18, 23 and 27).

The amendments to Arts. 23 and 27 (GA res. 1991 A and B (XVIII)) entered into force on 31 August 1965: from that day
the Charter speaks of fifteen members and of decisions by nine affirmative votes. The four new elected seats were
first filled on 1 January 1966, so for the last four months of 1965 eleven members sat under the new rule of nine.
unvote models it that way: the seat count follows who sat (:mod:`unvote.charter.composition`), the threshold follows
the Charter in force (this module).

>>> import datetime as dt
>>> sc_required(dt.date(1965, 8, 30)), sc_required(dt.date(1965, 8, 31))
(7, 9)
>>> ga_required(yes=116, no=20, important=False), ga_required(yes=116, no=20, important=True)
(69, 91)
"""

from __future__ import annotations

import datetime as dt

# GA res. 1991 (XVIII); entry into force of the amended Arts. 23 and 27.
AMENDMENT_IN_FORCE = dt.date(1965, 8, 31)
# The first year the Council sat with fifteen members.
FIRST_FIFTEEN_MEMBER_YEAR = 1966


def sc_required(on: dt.date) -> int:
    """Affirmative votes the Security Council needs on ``on``: 7 (of 11) before 31 Aug 1965, 9 from then (Art. 27)."""
    return 7 if on < AMENDMENT_IN_FORCE else 9


def charter_seats(on: dt.date) -> int:
    """Seats the Charter gives the Council on ``on``: 11 before 31 Aug 1965, 15 from then (Art. 23)."""
    return 11 if on < AMENDMENT_IN_FORCE else 15


def ga_required(yes: int, no: int, important: bool) -> int:
    """Yes votes the General Assembly needs, given the members present and voting (yes + no; Art. 18, rule 86).

    A simple majority is more than half, so a tie rejects (rule 95); an important question needs two-thirds.
    With nobody present and voting, one yes vote would be needed.
    """
    voting = yes + no
    if important:
        return max(1, -(-2 * voting // 3))
    return voting // 2 + 1
