"""How many votes a decision needs, by body and date (Charter Arts. 18, 23 and 27).

The amendments to Arts. 23 and 27 (GA res. 1991 A and B (XVIII)) entered into force on 31 August 1965: from that day
the Charter speaks of fifteen members and of decisions by nine affirmative votes. But the four new elected seats were
first filled on 1 January 1966, and until then the eleven-member Council went on deciding by seven votes: resolution
218 (1965) was adopted on 23 November 1965 by 7 votes to none, with 4 abstentions. unvote follows that practice: the
Charter's seat count changes on 31 Aug 1965 (:func:`charter_seats`), the Council's threshold when the enlarged
Council first sat, 1 Jan 1966 (:func:`sc_required`).

>>> import datetime as dt
>>> sc_required(dt.date(1965, 11, 23)), sc_required(dt.date(1966, 1, 1))
(7, 9)
>>> ga_required(yes=116, no=20, important=False), ga_required(yes=116, no=20, important=True)
(69, 91)
"""

from __future__ import annotations

import datetime as dt

# GA res. 1991 (XVIII); entry into force of the amended Arts. 23 and 27.
AMENDMENT_IN_FORCE = dt.date(1965, 8, 31)
# The first year the Council sat with fifteen members, and the day its threshold became nine (see above).
FIRST_FIFTEEN_MEMBER_YEAR = 1966
THRESHOLD_SWITCH = dt.date(1966, 1, 1)


def sc_required(on: dt.date) -> int:
    """Affirmative votes the Security Council needs on ``on`` (Art. 27): 7 of 11 until 1965, 9 of 15 from 1966."""
    return 7 if on < THRESHOLD_SWITCH else 9


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
