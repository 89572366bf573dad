"""Who presided over the Security Council in a month (Provisional Rules of Procedure, rules 18 and 20).

Rule 18: the presidency is held in turn by the members in the English alphabetical order of their names, one calendar
month each. The order runs on across years: January goes to the first member, in the new year's list, whose name comes
after December's president (wrapping round from Z to A).

The rotation is computed, not stored: it is anchored on a fact and chained month by month. ``presidency_record.csv``
(beside this module) holds the anchor and every month the record fixes otherwise than the rule would, each with its
source; the chain restarts from each of its rows. ``presidency_unconfirmed.csv`` names the ranges of computed months
that are known to be unreliable (1982-89: the order slipped once, in a month no source in the data names); such
months have the basis ``rule (unconfirmed)``. The anchor is January 1947: in 1946 presidencies ran from the 17th of
one month to the 16th of the next, and S/RES/14 (1946) suspended rule 18 so that the rotation would begin with the
elected terms on 1 January 1947, with Australia, first in the alphabet.

>>> president("2022-05").code
'USA'
>>> [president(f"2023-{m:02d}").name for m in (1, 5, 12)]
['Japan', 'Switzerland', 'Ecuador']
"""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import polars as pl

from unvote.charter.composition import Council, council_on
from unvote.charter.names import rotation_key, short_name
from unvote.dates import as_month
from unvote.errors import UserError

PRESIDENCY_RECORD = Path(__file__).with_name("presidency_record.csv")
# Ranges of months the rule computes but no source confirms, with the reason (the slip of 1982-89).
PRESIDENCY_UNCONFIRMED = Path(__file__).with_name("presidency_unconfirmed.csv")


@dataclass(frozen=True)
class Presidency:
    """The president of one month, and how unvote knows it (``rule``: computed by rotation; ``record``: a source)."""

    year: int
    month: int
    code: str
    name: str
    basis: str
    source: str

    @property
    def label(self) -> str:
        return f"{self.year}-{self.month:02d}"

    def to_dict(self) -> dict:
        return {"month": self.label, "code": self.code, "name": self.name, "basis": self.basis, "source": self.source}


@lru_cache(maxsize=1)
def recorded_months() -> dict[tuple[int, int], tuple[str, str]]:
    """The anchor and exceptions: ``{(year, month): (code, source)}`` from ``presidency_record.csv``."""
    with open(PRESIDENCY_RECORD, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    return {as_month(row["month"]): (row["member"], row["source"]) for row in rows}


@lru_cache(maxsize=1)
def unconfirmed_ranges() -> tuple[tuple[tuple[int, int], tuple[int, int], str], ...]:
    """``((start, end, reason), ...)`` from ``presidency_unconfirmed.csv``, months as ``(year, month)``."""
    with open(PRESIDENCY_UNCONFIRMED, newline="", encoding="utf-8") as handle:
        return tuple((as_month(r["start"]), as_month(r["end"]), r["reason"]) for r in csv.DictReader(handle))


def _unconfirmed(year: int, month: int) -> str | None:
    return next((reason for start, end, reason in unconfirmed_ranges() if start <= (year, month) <= end), None)


def _next_month(year: int, month: int) -> tuple[int, int]:
    return (year + 1, 1) if month == 12 else (year, month + 1)


def next_in_rotation(council: Council, previous_name: str) -> str:
    """The code of the member that follows ``previous_name`` in ``council``'s alphabetical order (wrapping round)."""
    previous_key = rotation_key(previous_name)
    ordered = council.members  # already in alphabetical order
    for member in ordered:
        if rotation_key(member.name) > previous_key:
            return member.code
    return ordered[0].code


def president(month: str | dt.date, seats_frame: pl.DataFrame | None = None) -> Presidency:
    """The president of the Council in ``month`` (``YYYY-MM`` or any date in the month).

    >>> president("1950-08").name          # Malik ended the Soviet boycott by taking the chair on 1 August 1950
    'Union of Soviet Socialist Republics'
    """
    year, number = as_month(month)
    table = _chain(seats_frame)
    hit = table.get((year, number))
    if hit is None:
        first = min(table)
        if (year, number) < first:
            raise UserError(f"unvote computes the presidency from {first[0]}-{first[1]:02d}, when the monthly "
                            "rotation by calendar month began (S/RES/14 (1946)).")
        raise UserError(f"The Council's membership for {year} is not complete in the data, so its presidency "
                        f"for {year}-{number:02d} cannot be computed.")
    return hit


def presidencies(seats_frame: pl.DataFrame | None = None) -> pl.DataFrame:
    """Every month's president: ``month, member, name, basis, source``."""
    rows = [p.to_dict() for p in _chain(seats_frame).values()]
    return pl.DataFrame(rows, schema={"month": pl.String, "code": pl.String, "name": pl.String, "basis": pl.String,
                                      "source": pl.String}).rename({"code": "member"})


_CHAINS: dict[object, dict[tuple[int, int], Presidency]] = {}


def _chain(seats_frame: pl.DataFrame | None) -> dict[tuple[int, int], Presidency]:
    """The chain for a seats table, computed once per distinct table (its content, not its identity)."""
    key = None if seats_frame is None else (seats_frame.height, int(seats_frame.hash_rows().sum()))
    if key not in _CHAINS:
        _CHAINS[key] = _compute_chain(seats_frame)
    return _CHAINS[key]


def _compute_chain(seats_frame: pl.DataFrame | None) -> dict[tuple[int, int], Presidency]:
    """Chain the rotation from the anchor until the first month whose Council is not fully known."""
    recorded = recorded_months()
    year, month = min(recorded)
    chain: dict[tuple[int, int], Presidency] = {}
    previous: Presidency | None = None
    chained_from = ""
    while True:
        on = dt.date(year, month, 1)
        council = council_on(on, seats_frame)
        if not council.complete:
            return chain
        if (year, month) in recorded:
            code, source = recorded[(year, month)]
            if code not in council:
                raise UserError(f"presidency_record.csv gives {code} for {year}-{month:02d}, not a member then.")
            current = Presidency(year, month, code, short_name(code, on), "record", source)
            chained_from = current.label
        else:
            assert previous is not None
            code = next_in_rotation(council, previous.name)
            doubt = _unconfirmed(year, month)
            current = Presidency(year, month, code, short_name(code, on), "rule (unconfirmed)" if doubt else "rule",
                                 f"rule 18 rotation, chained from {chained_from}" + (f"; {doubt}" if doubt else ""))
        chain[(year, month)] = current
        previous = current
        year, month = _next_month(year, month)
