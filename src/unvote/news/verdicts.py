"""Verdicts: each claim set against the record and the rules, with the evidence, and what the record cannot show.

The verdicts on what happened are ``supported``, ``contradicted`` and ``not in the record``. A wrong "supported" is
worse than "not in the record", so a claim is judged only when it is linked to exactly one decision (or is a rule the
Charter fixes); anything less is "not in the record", with the reason.

A statement about a vote still to come gets the verdict ``forecast``: the record cannot support or contradict it, so
it is set against :mod:`unvote.forecast` and the rules of that day instead (see :mod:`unvote.news.forecasting`). Only
when the rules themselves rule it out (a state with no veto "certain to veto") is it ``contradicted``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

import polars as pl

from unvote.charter.composition import council_on
from unvote.charter.permanent import permanent_members
from unvote.charter.presidency import president
from unvote.charter.thresholds import charter_seats
from unvote.errors import UserError
from unvote.members import historical_code, members_on, name_of
from unvote.forecast.draft import Draft
from unvote.news.forecasting import check_forecast, forecast_day
from unvote.news.linking import SPOKEN_OF_LAST, Link, claim_body, names_subject, subject_words
from unvote.news.mention import Mention
from unvote.news.statements import Claim
from unvote.record import Decision, Record

SUPPORTED, CONTRADICTED, NOT_IN_RECORD, FORECAST = "supported", "contradicted", "not in the record", "forecast"
VOTE_WORDS = {"Y": "voted yes", "N": "voted no", "A": "abstained", "X": "was absent or did not vote", "veto": "vetoed"}


@dataclass
class Verdict:
    """The verdict on one claim, the evidence for it, and the decisions it rests on."""

    verdict: str
    evidence: list[str] = field(default_factory=list)
    cannot_show: list[str] = field(default_factory=list)
    decisions: list[str] = field(default_factory=list)
    forecast: dict | None = None
    draft: Draft | None = None  # the draft a forecast was made for (the next forecast on the same item reuses it)


def judge(claim: Claim, found: Link, rec: Record, published: date | None,
          article_mentions: list[Mention] | None = None, forecasts: bool = True,
          earlier_draft: Draft | None = None) -> Verdict:
    """The verdict on ``claim`` given what it links to (``article_mentions``: the whole story's, for forecasts;
    ``forecasts=False`` skips running the forecaster, which does not change any verdict; ``earlier_draft``: the draft
    an earlier forecast in the story was about)."""
    judges = {
        "tally": _tally, "outcome": _outcome, "member_vote": _member_vote, "body_size": _body_size,
        "permanent_count": _permanent_count, "permanent_member": _permanent_member, "presidency": _presidency,
        "unrecorded": _unrecorded,
    }
    if claim.kind == "forecast":
        verdict = _forecast(claim, rec, published, article_mentions or [], forecasts, earlier_draft)
    elif found.decision is None and found.alternatives and claim.kind in ("tally", "outcome", "member_vote"):
        verdict = _each_alternative(claim, found, rec, published, judges[claim.kind])
    else:
        verdict = judges[claim.kind](claim, found, rec, published)
    # Rules need no decision, so why a decision could not be found is beside the point for them.
    notes = found.notes if claim.kind in ("tally", "outcome", "member_vote") else []
    verdict.cannot_show = list(dict.fromkeys(notes + verdict.cannot_show))
    if found.followed_by and claim.kind in ("tally", "outcome", "member_vote"):
        for d in found.followed_by:
            verdict.evidence.append(f"The plenary then voted on {_describe(d)}.")
            verdict.decisions.append(d.id)
    return verdict


def _each_alternative(claim: Claim, found: Link, rec: Record, published: date | None, judge_one) -> Verdict:
    """Several votes fit and the story does not say which (two drafts vetoed the same day, 7-2-2 each): whichever it
    meant, the verdict is the same if every one of them gives it; otherwise the claim is not judged."""
    verdicts = [judge_one(claim, Link([d], found.how), rec, published) for d in found.alternatives]
    first = verdicts[0].verdict
    if first == NOT_IN_RECORD or any(v.verdict != first for v in verdicts):
        return _not_linked(found, {"tally": "Tally", "outcome": "Outcome"}.get(claim.kind, "How members voted"))
    labels = ", ".join(d.label for d in found.alternatives)
    evidence = [f"The story does not say which of {len(verdicts)} votes it means ({labels}); each shows the same."]
    for v in verdicts:
        evidence.extend(v.evidence)
    return Verdict(first, evidence, decisions=[d for v in verdicts for d in v.decisions])


def _describe(d: Decision) -> str:
    tally = d.tally if d.yes is not None else "no recorded tally"
    veto = f", vetoed by {', '.join(d.vetoed_by)}" if d.vetoed_by else ""
    return f"{d.label} ({d.body}, {d.date.isoformat()}): {d.outcome} {tally}{veto}"


def _not_linked(found: Link, what: str) -> Verdict:
    reason = "the claim could not be tied to one recorded decision" if not found.committee else \
        "the record holds no committee votes"
    return Verdict(NOT_IN_RECORD, cannot_show=[f"{what}: {reason}."])


def _tally(claim: Claim, found: Link, rec: Record, published: date | None) -> Verdict:
    d = found.decision
    if d is None:
        return _not_linked(found, "Tally")
    if d.yes is None:
        return Verdict(NOT_IN_RECORD, [f"{_describe(d)}."], ["The record has no tally for this decision."], [d.id])
    evidence = [f"{_describe(d)}."]
    if claim.value == "unanimous":
        ok = d.no == 0 and d.abstain == 0 and (d.yes or 0) > 0
        return Verdict(SUPPORTED if ok else CONTRADICTED, evidence, decisions=[d.id])
    yes, no, abstain = claim.value
    recorded = (d.yes, d.no, d.abstain)
    stated = [(s, r) for s, r in zip((yes, no, abstain), recorded) if s is not None]
    if all(s == r for s, r in stated):
        return Verdict(SUPPORTED, evidence, decisions=[d.id])
    # Sources disagree on some tallies (a printed tally against a count of member votes): a claim that matches
    # another source's figure is not contradicted by the record.
    other = _other_source_tallies(rec, d.id)
    claimed = "-".join("?" if v is None else str(v) for v in (yes, no, abstain))
    if any(_tally_matches(claim.value, t) for t in other):
        return Verdict(NOT_IN_RECORD, evidence + [f"Another source gives {claimed}."],
                       ["The sources disagree on this tally."], [d.id])
    return Verdict(CONTRADICTED, evidence + [f"The story says {claimed}."], decisions=[d.id])


def _other_source_tallies(rec: Record, decision_id: str) -> list[tuple[int, ...]]:
    q = rec.quality().filter((pl.col("decision_id") == decision_id) & (pl.col("field") == "tally"))
    out = []
    for value in q["values"].to_list():
        for m in re.finditer(r"(\d+)-(\d+)-(\d+)", value or ""):
            out.append(tuple(int(x) for x in m.groups()))
    return out


def _tally_matches(claimed: tuple, recorded: tuple[int, ...]) -> bool:
    return all(c is None or c == r for c, r in zip(claimed, recorded))


def _outcome(claim: Claim, found: Link, rec: Record, published: date | None) -> Verdict:
    d = found.decision
    if d is None:
        return _not_linked(found, "Outcome")
    evidence = [f"{_describe(d)}."]
    said = claim.value
    fits = {"adopted": d.outcome == "adopted", "failed": d.outcome in ("failed", "vetoed"),
            "vetoed": d.outcome == "vetoed"}[said]
    if not fits:
        if said == "vetoed" and d.outcome == "failed":
            evidence.append("It failed for want of votes: no permanent member's no vote decided it, so it was not "
                            "a veto.")
        return Verdict(CONTRADICTED, evidence, decisions=[d.id])
    dates = [m.value for m in claim.of_kind("date", carry=False)]
    if dates and found.how == "symbol" and not any(lo <= d.date <= hi for lo, hi in dates):
        evidence.append(f"The story dates it {dates[0][0]}" + (f" to {dates[0][1]}" if dates[0][1] != dates[0][0]
                                                               else "") + f"; the record dates it {d.date}.")
        return Verdict(CONTRADICTED, evidence, decisions=[d.id])
    return Verdict(SUPPORTED, evidence, decisions=[d.id])


def _member_vote(claim: Claim, found: Link, rec: Record, published: date | None) -> Verdict:
    d = found.decision
    if d is None:
        return _not_linked(found, "How members voted")
    votes = dict(zip(d.votes["member"].to_list(), d.votes["vote"].to_list()))
    evidence, wrong, unknown = [], [], []
    for code in claim.members:
        code = historical_code(code, d.date)
        vote = votes.get(code)
        if claim.value == "veto":
            if code in d.vetoed_by:
                evidence.append(f"{name_of(code)} vetoed {d.label}.")
            else:
                wrong.append(code)
                cast = VOTE_WORDS.get(vote, "had no vote") if vote else "had no vote (not on the Council)"
                evidence.append(f"{name_of(code)} {cast} on {d.label}; it did not veto it.")
            continue
        if vote is None and claim.value == "N" and code in d.vetoed_by:
            # A veto is a permanent member's no vote: the record names the vetoing members even where it has no
            # member votes (most Council votes before the 1990s).
            evidence.append(f"{name_of(code)} vetoed {d.label}: its vote was a no.")
            continue
        if vote is None and d.body == "SC" and not d.votes.height and found.how != SPOKEN_OF_LAST \
                and code not in council_on(d.date).codes:
            # The record has no member votes for most Council votes before the 1990s, but it knows who sat.
            wrong.append(code)
            evidence.append(f"{name_of(code)} was not on the Council on {d.date}.")
            continue
        if vote is None:
            if d.body == "SC" and d.votes.height and found.how != SPOKEN_OF_LAST:
                wrong.append(code)
                evidence.append(f"{name_of(code)} was not on the Council on {d.date}.")
            else:
                # Linked only as the vote the story spoke of last, a state with no seat means the story has moved
                # on to another vote: not a contradiction.
                unknown.append(code)
            continue
        if vote == claim.value:
            evidence.append(f"{name_of(code)} {VOTE_WORDS[vote]} on {d.label}.")
        else:
            wrong.append(code)
            evidence.append(f"{name_of(code)} {VOTE_WORDS[vote]} on {d.label}, not as the story says.")
    if claim.value == "veto" and d.vetoed_by and not wrong:
        evidence.append(f"{d.label} was vetoed by {', '.join(name_of(c) for c in d.vetoed_by)}.")
    if wrong:
        return Verdict(CONTRADICTED, evidence, decisions=[d.id])
    if unknown or not claim.members:
        return Verdict(NOT_IN_RECORD, evidence, [f"The record has no vote for {', '.join(unknown)}."], [d.id])
    return Verdict(SUPPORTED, evidence, decisions=[d.id])


def _claim_date(claim: Claim, found: Link, published: date | None) -> date | None:
    if found.decision is not None:
        return found.decision.date
    days = [m.value for m in claim.of_kind("date", carry=False)]
    if days and days[0][0] == days[0][1]:
        return days[0][0]
    if days and published is None:
        return days[0][1]
    return published


def _body_size(claim: Claim, found: Link, rec: Record, published: date | None) -> Verdict:
    on = _claim_date(claim, found, published)
    if on is None:
        return Verdict(NOT_IN_RECORD, cannot_show=["No date to judge the body's size on (give --date)."])
    noun = claim.text.lower()
    if "assembly" in noun:
        size, source = len(members_on(on)), "members of the General Assembly (unvote.members)"
    elif "council" in noun and "rights" not in noun or claim_body(claim) == "SC":
        size, source = charter_seats(on), "Council seats under Charter Art. 23 (11 until 31 Aug 1965, 15 since)"
    else:
        return Verdict(NOT_IN_RECORD, cannot_show=["The size of this body is not in the record."])
    evidence = [f"On {on}: {size} {source}."]
    return Verdict(SUPPORTED if claim.value == size else CONTRADICTED, evidence)


def _permanent_count(claim: Claim, found: Link, rec: Record, published: date | None) -> Verdict:
    evidence = ["The Council has five permanent members (Charter Art. 23)."]
    return Verdict(SUPPORTED if claim.value == 5 else CONTRADICTED, evidence)


def _permanent_member(claim: Claim, found: Link, rec: Record, published: date | None) -> Verdict:
    on = _claim_date(claim, found, published) or date.today()
    permanent = set(permanent_members(on))
    evidence, wrong = [], []
    for code in claim.members:
        code = historical_code(code, on)
        if code in permanent:
            evidence.append(f"{name_of(code)} held a permanent seat on {on}.")
        else:
            wrong.append(code)
            evidence.append(f"{name_of(code)} did not hold a permanent seat on {on}.")
    return Verdict(CONTRADICTED if wrong else SUPPORTED, evidence)


def _presidency(claim: Claim, found: Link, rec: Record, published: date | None) -> Verdict:
    body = claim_body(claim)
    if body not in (None, "SC") and "council" not in claim.sentence.text.lower():
        return Verdict(NOT_IN_RECORD, cannot_show=["Only the Security Council's presidency is in the rules."])
    months = [m.value for m in claim.of_kind("date", carry=False)
              if (m.value[0].year, m.value[0].month) == (m.value[1].year, m.value[1].month)]
    month = months[0][0] if months else published
    if month is None:
        return Verdict(NOT_IN_RECORD, cannot_show=["No month to look the presidency up by (give --date)."])
    try:
        p = president(month)
    except UserError as e:
        return Verdict(NOT_IN_RECORD, cannot_show=[str(e)])
    evidence = [f"President of the Security Council in {p.label}: {p.name} ({p.basis})."]
    said = claim.members[0]
    return Verdict(SUPPORTED if historical_code(said, month) == p.code else CONTRADICTED, evidence)


def _forecast(claim: Claim, rec: Record, published: date | None, article_mentions: list[Mention],
              compute: bool, earlier_draft: Draft | None) -> Verdict:
    result = check_forecast(claim, rec, published, article_mentions, compute, earlier_draft)
    evidence = list(result.evidence)
    on = forecast_day(claim, published)
    if claim.value == "veto" and on is not None:
        for code in claim.members:
            if historical_code(code, on) in result.veto_holders:
                evidence.extend(_earlier_votes(rec, code, claim, on))
    verdict = CONTRADICTED if result.contradicted_by_rules else FORECAST
    return Verdict(verdict, evidence, result.cannot_show, result.followed_by, forecast=result.to_json(),
                   draft=result.draft)


def _earlier_votes(rec: Record, code: str, claim: Claim, on: date) -> list[str]:
    """How a member voted on earlier Council drafts on the same item (the states the story is about)."""
    subjects = [m.value for m in claim.mentions + claim.context if m.kind == "member" and m.value not in claim.members]
    words = subject_words(subjects)
    if not words:
        return []
    past = rec.votes(body="SC", member=code, end=on)
    agenda = rec.decisions(body="SC", end=on).filter(names_subject(words)).select("id")
    past = past.filter(pl.col("decision_id").is_in(agenda["id"].to_list()))
    if past.is_empty():
        return []
    counts = past["vote"].value_counts()
    parts = ", ".join(f"{VOTE_WORDS[v]} {n}" for v, n in counts.sort("vote").iter_rows())
    vetoes = rec.decisions(body="SC", end=on, outcome="vetoed").filter(
        pl.col("id").is_in(agenda["id"].to_list()) & pl.col("vetoed_by").list.contains(code))
    return [f"On earlier Council votes on the item ({past.height} of them), {name_of(code)} {parts}; it vetoed "
            f"{vetoes.height}."]


def _unrecorded(claim: Claim, found: Link, rec: Record, published: date | None) -> Verdict:
    return Verdict(NOT_IN_RECORD, cannot_show=["Negotiations and consultations behind closed doors are not recorded; "
                                               "the record holds only the votes taken in public meetings."])

