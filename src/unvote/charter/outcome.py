"""The outcome of a vote, and why, by the Charter's rules (Arts. 18 and 27) and the bodies' rules of procedure.

Security Council: a decision needs 9 affirmative votes (7 while the Council had 11 members, until 1965: see
:mod:`unvote.charter.thresholds`). On a non-procedural question a
permanent member's *no* is a veto, but only when the draft otherwise had the votes: a draft short of the required yes
votes fails "for want of votes" even if a permanent member also voted no. A permanent member that abstains or is absent
does not veto (practice since 1946, ICJ Namibia opinion 1971). A party to a dispute may have to abstain (Art. 27(3)).

General Assembly: a majority of the members present and voting (yes + no; abstainers are not voting), two-thirds on
important questions; an equally divided vote rejects.

>>> result = outcome("SC", "2022-05-26", tally=(13, 2, 0), permanent_against=("CHN", "RUS"))
>>> result.status, result.vetoed_by
('vetoed', ('CHN', 'RUS'))
>>> print(result.explanation)
Not adopted: 13 votes in favour met the 9 required, but China and the Russian Federation, permanent members, voted against (veto).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field, replace

from unvote.charter.names import join_names
from unvote.charter.permanent import permanent_members
from unvote.charter.thresholds import ga_required, sc_required, sc_seats
from unvote.dates import parse_date
from unvote.errors import UserError
from unvote.sources import VOTE_CODES

BODIES = ("SC", "GA")
STATUSES = ("adopted", "vetoed", "failed")


@dataclass(frozen=True)
class Outcome:
    """What the rules make of a vote: adopted or not, and the reason in plain words."""

    body: str
    date: dt.date
    adopted: bool
    status: str
    vetoed_by: tuple[str, ...]
    yes: int
    no: int
    abstain: int
    non_voting: int
    required: int
    procedural: bool = False
    important: bool = False
    explanation: str = ""
    # Codes of permanent members that voted no, abstained, or did not vote (SC, where the votes are known).
    permanent_against: tuple[str, ...] = field(default=())
    permanent_abstaining: tuple[str, ...] = field(default=())
    permanent_absent: tuple[str, ...] = field(default=())

    def to_dict(self) -> dict:
        """A JSON-ready dict (dates as ISO text)."""
        data = asdict(self)
        data["date"] = self.date.isoformat()
        for key, value in data.items():
            if isinstance(value, tuple):
                data[key] = list(value)
        return data


def outcome(body: str, date: dt.date | str, votes: Mapping[str, str] | None = None,
            tally: Iterable[int] | Mapping[str, int] | None = None, procedural: bool = False,
            important: bool = False, parties_to_dispute: Iterable[str] = (),
            permanent_against: Iterable[str] | None = None, seats: int | None = None) -> Outcome:
    """Apply the rules to a vote given member by member (``votes``) or as a tally.

    ``votes`` maps member codes to ``Y``/``N``/``A``/``X``. For the Council, seats with no entry count as absent.
    ``tally`` is ``(yes, no, abstain[, non_voting])`` or a mapping with those keys. With a Council tally, say which
    permanent members voted no with ``permanent_against`` (where a source names them); without it, none is assumed.
    ``parties_to_dispute`` (codes) abstain by obligation (Art. 27(3)): their votes are set aside.
    ``seats`` overrides the Council's seat count on the date (:func:`unvote.charter.thresholds.sc_seats`).

    >>> outcome("SC", "1950-06-27", tally=(7, 1, 0, 2)).status   # S/RES/83 (1950): Yugoslavia no, USSR absent
    'adopted'
    >>> outcome("GA", "2014-12-18", tally=(116, 20, 53)).required
    69
    """
    body = (body or "").upper()
    if body not in BODIES:
        raise UserError(f"Body must be SC or GA, not {body!r}.")
    on = parse_date(date)
    if (votes is None) == (tally is None):
        raise UserError("Give either the votes member by member or the tally, not both or neither.")
    parties = frozenset(code.upper() for code in parties_to_dispute)
    if body == "SC":
        return _security_council(on, votes, tally, procedural, parties, permanent_against, seats)
    if parties:
        raise UserError("Obligatory abstention of parties to a dispute is a Security Council rule (Art. 27(3)).")
    return _general_assembly(on, votes, tally, important)


def _clean_votes(votes: Mapping[str, str]) -> dict[str, str]:
    cleaned = {}
    for member, vote in votes.items():
        code = (vote or "").strip().upper()[:1]
        if code not in VOTE_CODES:
            raise UserError(f"Vote {vote!r} for {member} is not one of Y, N, A, X.")
        cleaned[member.strip().upper()] = code
    return cleaned


def _tally(tally: Iterable[int] | Mapping[str, int]) -> tuple[int, int, int, int]:
    if isinstance(tally, Mapping):
        values = [tally.get(key, 0) or 0 for key in ("yes", "no", "abstain", "non_voting")]
    else:
        values = list(tally)
        if len(values) not in (3, 4):
            raise UserError("A tally is yes, no, abstain and optionally non-voting: three or four numbers.")
        values += [0] * (4 - len(values))
    if any(not isinstance(v, int) or v < 0 for v in values):
        raise UserError(f"A tally needs whole numbers of zero or more, not {values}.")
    return values[0], values[1], values[2], values[3]


def _security_council(on: dt.date, votes, tally, procedural: bool, parties: frozenset[str],
                      permanent_against, seats: int | None) -> Outcome:
    required = sc_required(on)
    permanent = permanent_members(on)
    if seats is None:
        seats = sc_seats(on)
    if votes is not None:
        cast = {m: v for m, v in _clean_votes(votes).items() if m not in parties}
        if len(cast) + len(parties) > seats:
            raise UserError(f"{len(cast) + len(parties)} votes given, but the Council had {seats} seats on {on}.")
        yes = sum(v == "Y" for v in cast.values())
        no = sum(v == "N" for v in cast.values())
        abstain = sum(v == "A" for v in cast.values()) + len(parties)
        non_voting = seats - yes - no - abstain
        against = tuple(m for m in permanent if cast.get(m) == "N")
        abstaining = tuple(m for m in permanent if cast.get(m) == "A" or m in parties)
        absent = tuple(m for m in permanent if m not in parties and cast.get(m, "X") == "X")
    else:
        yes, no, abstain, non_voting = _tally(tally)
        against = tuple(sorted(m.upper() for m in (permanent_against or ()) if m.upper() not in parties))
        if len(against) > no:
            raise UserError(f"{len(against)} permanent members named as voting no, but the tally has {no} no votes.")
        abstaining, absent = (), ()
    enough = yes >= required
    if procedural:
        status = "adopted" if enough else "failed"
        vetoed_by: tuple[str, ...] = ()
    elif not enough:
        status, vetoed_by = "failed", ()
    elif against:
        status, vetoed_by = "vetoed", against
    else:
        status, vetoed_by = "adopted", ()
    result = Outcome("SC", on, status == "adopted", status, vetoed_by, yes, no, abstain, non_voting, required,
                     procedural, False, "", against, abstaining, absent)
    return _with_explanation(result, parties, known_votes=votes is not None or permanent_against is not None or no == 0)


def _general_assembly(on: dt.date, votes, tally, important: bool) -> Outcome:
    if votes is not None:
        cast = _clean_votes(votes)
        yes, no, abstain, non_voting = (sum(v == code for v in cast.values()) for code in VOTE_CODES)
    else:
        yes, no, abstain, non_voting = _tally(tally)
    required = ga_required(yes, no, important)
    status = "adopted" if yes >= required else "failed"
    result = Outcome("GA", on, status == "adopted", status, (), yes, no, abstain, non_voting, required, False,
                     important)
    return _with_explanation(result, frozenset(), known_votes=True)


def _votes_phrase(n: int) -> str:
    return f"{n} vote{'s' if n != 1 else ''} in favour"


def _with_explanation(result: Outcome, parties: frozenset[str], known_votes: bool) -> Outcome:
    return replace(result, explanation=explain(result, parties, known_votes))


def explain(result: Outcome, parties: Iterable[str] = (), known_votes: bool = True) -> str:
    """The reason for ``result`` in plain words (what :attr:`Outcome.explanation` holds)."""
    if result.body == "GA":
        return _explain_ga(result)
    on = result.date
    favour = _votes_phrase(result.yes)
    notes = []
    for codes, what in ((result.permanent_abstaining, "abstention"), (result.permanent_absent, "absence")):
        if len(codes) == 1:
            notes.append(f"the {what} of {join_names(codes, on)} is not a veto")
        elif codes:
            notes.append(f"the {what}s of {join_names(codes, on)} are not vetoes")
    parties = sorted(parties)
    if parties:
        notes.append(f"{join_names(parties, on)}, as {'parties' if len(parties) > 1 else 'a party'} to the dispute, "
                     "abstained as Art. 27(3) requires")
    tail = ("; " + "; ".join(notes)) if notes else ""
    if result.procedural:
        if result.permanent_against:
            verb = "votes are" if len(result.permanent_against) > 1 else "vote is"
            notes.insert(0, f"the no {verb} of {join_names(result.permanent_against, on)} no veto on a procedural question")
            tail = "; " + "; ".join(notes)
        met = "met" if result.adopted else "fell short of"
        head = "Adopted" if result.adopted else "Not adopted"
        return f"{head}: a procedural decision, where no veto applies (Art. 27(2)); {favour} {met} the {result.required} required{tail}."
    if result.status == "failed":
        text = f"Not adopted for want of votes: {favour}, short of the {result.required} required"
        if result.permanent_against:
            who = join_names(result.permanent_against, on)
            verb = "votes" if len(result.permanent_against) > 1 else "vote"
            text += f"; the no {verb} of {who} did not decide it, so {'they are' if len(result.permanent_against) > 1 else 'it is'} not a veto"
        return text + tail + "."
    if result.status == "vetoed":
        who = join_names(result.vetoed_by, on)
        role = "permanent members" if len(result.vetoed_by) > 1 else "a permanent member"
        return f"Not adopted: {favour} met the {result.required} required, but {who}, {role}, voted against (veto){tail}."
    if known_votes:
        text = f"Adopted: {favour} met the {result.required} required, and no permanent member voted against"
    else:
        text = (f"Adopted: {favour} met the {result.required} required; the tally alone does not say whether a "
                "permanent member voted against, and none is assumed to have")
    return text + tail + "."


def _explain_ga(result: Outcome) -> str:
    voting = result.yes + result.no
    kind = "two-thirds" if result.important else "a majority"
    abstained = (f"; {result.abstain} abstention{'s' if result.abstain != 1 else ''} do not count"
                 if result.abstain else "")
    if result.adopted:
        return (f"Adopted: {result.yes} in favour to {result.no} against met the {result.required} required, "
                f"{kind} of the {voting} members present and voting{abstained}.")
    if not result.important and result.yes == result.no:
        return (f"Not adopted: {result.yes} in favour and {result.no} against; an equally divided vote rejects the "
                f"proposal (rule 95){abstained}.")
    return (f"Not adopted: {result.yes} in favour, short of the {result.required} required, {kind} of the "
            f"{voting} members present and voting{abstained}.")
