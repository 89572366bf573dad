"""Which decisions of the record were procedural (Charter Art. 27(2)), as data with a source for each.

No source of the record marks a Council vote as procedural, yet a procedural decision passes with nine (seven before
1966) affirmative votes whatever a permanent member votes. ``procedural_decisions.csv`` (beside this module) lists the
decisions held procedural, each with the kind of question (adoption of the agenda, an invitation, calling an emergency
special session of the General Assembly under Uniting for Peace, GA res. 377 A (V)) and the source that says so. The
same table holds the one decision the Charter itself exempts from the veto: fixing a review conference, by 'a vote of
any seven members' (Art. 109(3), S/RES/110 (1955)).

>>> held = procedural_decisions()
>>> held["SC-RES-2623"].rule, held["SC-RES-2623"].date.isoformat()
('Art. 27(2)', '2022-02-27')
>>> is_procedural("SC-RES-119"), is_procedural("SC-RES-1718")
(True, False)
"""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from unvote.symbols import parse_sc_resolution, symbol_key

PROCEDURAL_DECISIONS = Path(__file__).with_name("procedural_decisions.csv")


@dataclass(frozen=True)
class Procedural:
    """A decision held procedural: its record id, symbol, date, the article, what it decided and the source."""

    id: str
    decision: str
    date: dt.date
    rule: str
    question: str
    source: str


def _record_id(symbol: str) -> str:
    """``S/RES/119 (1956)`` -> ``SC-RES-119`` (the snapshot's id); a draft symbol -> ``SC-DRAFT-<symbol key>``."""
    resolution = parse_sc_resolution(symbol)
    return f"SC-RES-{resolution[0]}" if resolution else f"SC-DRAFT-{symbol_key(symbol)}"


@lru_cache(maxsize=1)
def procedural_decisions() -> dict[str, Procedural]:
    """Every decision of ``procedural_decisions.csv``, keyed by the snapshot's decision id."""
    with open(PROCEDURAL_DECISIONS, newline="", encoding="utf-8") as handle:
        rows = [Procedural(_record_id(r["decision"]), r["decision"], dt.date.fromisoformat(r["date"]), r["rule"],
                           r["question"], r["source"]) for r in csv.DictReader(handle)]
    return {row.id: row for row in rows}


def is_procedural(decision_id: str, kind: str | None = None) -> bool:
    """True when a decision is held procedural, so no veto applies: a procedural motion in the record (its ``kind``),
    or a decision listed in ``procedural_decisions.csv`` under its snapshot id."""
    return kind == "procedural" or decision_id in procedural_decisions()

