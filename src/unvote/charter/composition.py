"""Who sat on the Security Council on a date (Charter Art. 23).

Five permanent seats (:mod:`unvote.charter.permanent`) and the elected seats: six until 1965, ten from 1966, each held
for calendar years. The elected terms come from ``sc_membership/`` (un.org's list for 1946-2019, the GA's elections
for 2016-2027). The amendment of Art. 23 entered into force on 31 Aug 1965, but the four new seats were first filled
on 1 Jan 1966: unvote seats eleven members until 31 Dec 1965, deciding by seven votes as the record shows the Council
did (the transition is a row of ``council_practice.csv``; see :mod:`unvote.charter.thresholds`).

>>> council = council_on("2022-05-26")
>>> council.size, council.required, council.permanent
(15, 9, ('CHN', 'FRA', 'GBR', 'RUS', 'USA'))
>>> council_on("1950-06-27").elected
('CUB', 'ECU', 'EGY', 'IND', 'NOR', 'YUG')
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import polars as pl

import unvote
from unvote.charter.names import rotation_key, short_name
from unvote.charter.permanent import PERMANENT_HOLDINGS
from unvote.charter.thresholds import charter_seats, sc_required, sc_seats
from unvote.dates import parse_date
from unvote.errors import UserError
from unvote.members import SEAT_LINES, code_for
from unvote.sources import SourceError
from unvote.sources import sc_membership

# The Council's first meeting was on 17 January 1946; the first elected terms are counted from 1 January 1946.
FIRST_DAY = dt.date(1946, 1, 1)

SEATS_SCHEMA = {"member": pl.String, "start": pl.Date, "end": pl.Date, "permanent": pl.Boolean, "source": pl.String}


@dataclass(frozen=True)
class CouncilMember:
    """One member of the Council on a date."""

    code: str
    name: str
    permanent: bool
    start: dt.date
    end: dt.date


@dataclass(frozen=True)
class Council:
    """The Council on a date: its members (in the English alphabetical order of their names) and its threshold."""

    date: dt.date
    members: tuple[CouncilMember, ...]
    charter_seats: int
    required: int

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(m.code for m in self.members)

    @property
    def permanent(self) -> tuple[str, ...]:
        return tuple(sorted(m.code for m in self.members if m.permanent))

    @property
    def elected(self) -> tuple[str, ...]:
        return tuple(sorted(m.code for m in self.members if not m.permanent))

    @property
    def size(self) -> int:
        return len(self.members)

    @property
    def complete(self) -> bool:
        """True when every seat the Council had that day is known (11 until 1965, 15 from 1966; see ``sc_seats``)."""
        return self.size == sc_seats(self.date)

    def __contains__(self, code: object) -> bool:
        return code in self.codes

    def to_dict(self) -> dict:
        return {"date": self.date.isoformat(), "charter_seats": self.charter_seats, "required": self.required,
                "complete": self.complete,
                "members": [{"code": m.code, "name": m.name, "permanent": m.permanent,
                             "start": m.start.isoformat(), "end": m.end.isoformat()} for m in self.members]}


def seats_table(data_dir: Path) -> pl.DataFrame:
    """Every seat held, as the snapshot's ``sc_seats``: ``member, start, end, permanent, source`` (end inclusive).

    ``data_dir`` is ``shared/data`` or its ``sc_membership`` folder. Consecutive years of one member make one term;
    a member whose code changed mid-term (Yemen, 22 May 1990) gets one row per code.

    >>> seats = seats_table(Path("../shared/data"))
    >>> seats.filter(pl.col("member") == "SUN").row(0)
    ('SUN', datetime.date(1945, 10, 24), datetime.date(1991, 12, 23), True, 'Charter Art. 23')
    """
    years = sc_membership.elected_by_year(Path(data_dir))
    rows = []
    for record in years.iter_rows(named=True):
        year, name = record["year"], record["member"]
        first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
        start_code, end_code = code_for(name, first), code_for(name, last)
        if start_code is None or end_code is None:
            raise SourceError(record["source"], f"member {name!r} is not a known member name", line=record["line"])
        where = f"{record['source']}:{record['line']}"
        if start_code == end_code:
            rows.append((start_code, first, last, where))
            continue
        change = _first_day_held(end_code)
        rows.append((start_code, first, change - dt.timedelta(days=1), where))
        rows.append((end_code, change, last, where))
    elected = _merge_consecutive(rows)
    permanent = [{"member": h.member, "start": h.start, "end": h.end, "permanent": True, "source": h.source}
                 for h in PERMANENT_HOLDINGS]
    return pl.DataFrame(permanent + elected, schema=SEATS_SCHEMA).sort("start", "member")


def _first_day_held(code: str) -> dt.date:
    """The day ``code`` took over a seat another state held (:data:`unvote.members.SEAT_LINES`): YEM, 22 May 1990."""
    return next(start for line in SEAT_LINES for held, start in line if held == code)


def _merge_consecutive(rows: list[tuple[str, dt.date, dt.date, str]]) -> list[dict]:
    """One row per unbroken term: a year that starts the day after the member's previous row ended extends it."""
    merged: list[dict] = []
    last_by_member: dict[str, dict] = {}
    for code, start, end, where in sorted(rows, key=lambda r: (r[1], r[0])):
        previous = last_by_member.get(code)
        if previous and previous["end"] + dt.timedelta(days=1) == start:
            previous["end"] = end
            previous["source"] = _join_lines(previous["source"], where)
            continue
        row = {"member": code, "start": start, "end": end, "permanent": False, "source": where}
        merged.append(row)
        last_by_member[code] = row
    return merged


def _join_lines(first: str, second: str) -> str:
    """``file:24`` + ``file:25`` -> ``file:24-25``; different files are listed with a semicolon."""
    file_a, _, line_a = first.rpartition(":")
    file_b, _, line_b = second.rpartition(":")
    if file_a == file_b:
        return f"{file_a}:{line_a.split('-')[0]}-{line_b}"
    return f"{first}; {second}"


@lru_cache(maxsize=1)
def seats() -> pl.DataFrame:
    """The seats table of the bundled snapshot (``sc_seats``, written by :func:`seats_table` at build time)."""
    return unvote.open().sc_seats()


def council_on(date: dt.date | str, seats_frame: pl.DataFrame | None = None) -> Council:
    """The Council on ``date``: members sorted in the English alphabetical order of their names then in use.

    ``seats_frame`` defaults to :func:`seats` (the snapshot's ``sc_seats``).

    >>> [m.name for m in council_on("1961-03-01").members][:3]
    ['Ceylon', 'Chile', 'China']
    """
    on = parse_date(date)
    if on < FIRST_DAY:
        raise UserError(f"{on.isoformat()} is before the Security Council first sat (January 1946).")
    frame = seats() if seats_frame is None else seats_frame
    sitting = frame.filter((pl.col("start") <= on) & (pl.col("end") >= on))
    members = [CouncilMember(row["member"], short_name(row["member"], on), row["permanent"], row["start"], row["end"])
               for row in sitting.iter_rows(named=True)]
    members.sort(key=lambda m: rotation_key(m.name))
    return Council(on, tuple(members), charter_seats(on), sc_required(on))

