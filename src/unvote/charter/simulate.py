"""What if? Change votes on a real decision, or compose a Council draft for a date, and see what the rules make of it.

Besides the outcome and its reason, a simulation names the *pivotal* members (each single member whose change of vote
alone would flip adoption) and the *veto players* (permanent members whose no alone would defeat a draft that has the
votes).

>>> sim = simulate("S/2022/431", changes={"CHN": "A", "RUS": "A"})
>>> sim.outcome.status, sim.recorded.status
('adopted', 'vetoed')
>>> sim = simulate(compose("2022-05-26", {"CHN": "N", "RUS": "N"}))
>>> sim.outcome.vetoed_by
('CHN', 'RUS')
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

import unvote
from unvote.charter.composition import council_on
from unvote.charter.names import plain_name
from unvote.charter.outcome import Outcome, outcome
from unvote.charter.permanent import permanent_members
from unvote.charter.procedural import is_procedural
from unvote.dates import parse_date
from unvote.errors import UserError
from unvote.members import members_on
from unvote.sources import VOTE_CODES


@dataclass(frozen=True)
class Draft:
    """A vote to simulate: body, date, every member's vote, and the kind of question."""

    body: str
    date: dt.date
    votes: Mapping[str, str]
    procedural: bool = False
    important: bool = False
    label: str = "a draft"


@dataclass(frozen=True)
class Pivot:
    """A member whose change from ``vote`` to ``to`` alone would turn the outcome into ``status``."""

    member: str
    name: str
    vote: str
    to: str
    status: str


@dataclass(frozen=True)
class Simulation:
    """The outcome of a (changed) vote, the recorded one it came from, and who could have changed it."""

    draft: Draft
    outcome: Outcome
    recorded: Outcome | None
    changes: Mapping[str, str] = field(default_factory=dict)
    pivotal: tuple[Pivot, ...] = ()
    veto_players: tuple[str, ...] = ()

    def to_dict(self) -> dict:
        return {
            "draft": self.draft.label, "body": self.draft.body, "date": self.draft.date.isoformat(),
            "changes": dict(self.changes), "outcome": self.outcome.to_dict(),
            "recorded": self.recorded.to_dict() if self.recorded else None,
            "pivotal": [p.__dict__ for p in self.pivotal], "veto_players": list(self.veto_players),
        }


def compose(date: dt.date | str, votes: Mapping[str, str] | None = None, default: str = "Y",
            procedural: bool = False, body: str = "SC") -> Draft:
    """A draft on ``date`` in the Council (or, with ``body="GA"``, the Assembly): every member of that day votes
    ``default`` except those named in ``votes``.

    >>> compose("2022-05-26", {"CHN": "N"}).votes["CHN"]
    'N'
    >>> len(compose("2022-05-26", body="GA").votes)
    193
    """
    on = parse_date(date)
    if body == "GA":
        voters = list(members_on(on))
    else:
        council = council_on(on)
        if not council.complete:
            raise UserError(f"The Council's membership on {on.isoformat()} is not fully known, so a draft cannot be "
                            "composed.")
        voters = list(council.codes)
    full = {code: default.upper() for code in voters}
    for code, vote in _checked(votes or {}, set(voters), on).items():
        full[code] = vote
    return Draft(body, on, full, procedural=procedural, label=f"a draft of {on.isoformat()}")


def from_decision(decision) -> Draft:
    """The draft of a recorded decision (a symbol, or a :class:`unvote.record.Decision`) with its member votes."""
    if isinstance(decision, str):
        decision = unvote.open().decision(decision)
    row = decision.row
    votes = {r["member"]: r["vote"] for r in decision.votes.iter_rows(named=True)}
    if not votes:
        raise UserError(f"The record has no member-by-member votes for {decision.symbol or decision.draft or decision.id}, "
                        "only the tally, so single votes cannot be changed; compose a draft with --date and --votes.")
    if decision.body == "SC":
        # Members of the Council who are not in the vote list were absent.
        for code in council_on(decision.date).codes:
            votes.setdefault(code, "X")
    label = decision.symbol or decision.draft or decision.id
    # The record's ``important`` is Voeten's importantvote (the US State Department's list of important votes), not
    # an important question under Art. 18(2); the record does not say which questions needed two-thirds.
    return Draft(decision.body, decision.date, votes, procedural=is_procedural(decision.id, row["kind"]), label=label)


def _checked(changes: Mapping[str, str], members: set[str], on: dt.date) -> dict[str, str]:
    checked = {}
    for code, vote in changes.items():
        code, vote = code.strip().upper(), vote.strip().upper()
        if vote not in VOTE_CODES:
            raise UserError(f"Vote {vote!r} for {code} is not one of Y, N, A, X.")
        if code not in members:
            raise UserError(f"{code} did not vote in that body on {on.isoformat()}; members were {', '.join(sorted(members))}.")
        checked[code] = vote
    return checked


def _decide(draft: Draft, votes: Mapping[str, str]) -> Outcome:
    return outcome(draft.body, draft.date, votes=votes, procedural=draft.procedural, important=draft.important)


def simulate(decision_or_draft, changes: Mapping[str, str] | None = None) -> Simulation:
    """Apply ``changes`` (member code -> Y/N/A/X) to a decision or draft and explain the result.

    ``decision_or_draft`` is a symbol (``"S/2022/431"``), a :class:`unvote.record.Decision` or a :class:`Draft`.
    """
    draft = decision_or_draft if isinstance(decision_or_draft, Draft) else from_decision(decision_or_draft)
    changes = _checked(changes or {}, set(draft.votes), draft.date)
    recorded = _decide(draft, draft.votes)
    votes = {**draft.votes, **changes}
    result = _decide(draft, votes)
    return Simulation(draft, result, recorded if changes else None, changes, pivotal_members(draft, votes, result),
                      veto_players(draft, votes))


def pivotal_members(draft: Draft, votes: Mapping[str, str], result: Outcome) -> tuple[Pivot, ...]:
    """Every single member, and the vote, that alone would flip adoption (first flipping vote in Y, A, X, N order)."""
    pivots = []
    for member, vote in sorted(votes.items()):
        for other in ("Y", "A", "X", "N"):
            if other == vote:
                continue
            flipped = _decide(draft, {**votes, member: other})
            if flipped.adopted != result.adopted:
                pivots.append(Pivot(member, plain_name(member, draft.date), vote, other, flipped.status))
                break
    return tuple(pivots)


def veto_players(draft: Draft, votes: Mapping[str, str]) -> tuple[str, ...]:
    """Permanent members whose no alone would leave the draft vetoed (none for the GA or procedural questions)."""
    if draft.body != "SC" or draft.procedural:
        return ()
    return tuple(m for m in permanent_members(draft.date) if m in votes
                 and _decide(draft, {**votes, m: "N"}).status == "vetoed")
