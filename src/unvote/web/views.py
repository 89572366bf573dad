"""What each page shows, as plain JSON-ready dicts: the HTML pages and their ``/api`` twins render the same dict.

>>> import unvote
>>> decision_view(unvote.open(), "A/RES/69/188")["yes"]
116
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from typing import Any

import polars as pl

from unvote.charter.composition import council_on
from unvote.charter.outcome import Outcome, outcome
from unvote.charter.presidency import president
from unvote.charter.simulate import simulate
from unvote.dates import as_month
from unvote.errors import UserError
from unvote.record import Decision, Record

UNDL_RECORD_URL = "https://digitallibrary.un.org/record/{}"
VOTE_WORDS = {"Y": "yes", "N": "no", "A": "abstain", "X": "did not vote"}
MAX_PER_PAGE = 500


def _rules_outcome(decision: Decision) -> Outcome | None:
    """The rules' verdict on a decision's votes (member by member when known, else its tally); None without a tally."""
    votes = dict(zip(decision.votes["member"], decision.votes["vote"]))
    try:
        if votes:
            return outcome(decision.body, decision.date, votes=votes)
        if decision.yes is None or decision.no is None:
            return None
        tally = (decision.yes, decision.no, decision.abstain or 0, decision.non_voting or 0)
        if decision.body == "SC":
            return outcome("SC", decision.date, tally=tally, permanent_against=decision.vetoed_by)
        return outcome("GA", decision.date, tally=tally)
    except UserError:
        # A vote the rules cannot judge (e.g. a Council seat count the charter module does not know): show no verdict.
        return None


def _outcome_dict(result: Outcome | None, record: Record) -> dict[str, Any] | None:
    if result is None:
        return None
    data = result.to_dict()
    data["vetoed_by_names"] = [record.name_of(code) for code in result.vetoed_by]
    return data


def decision_view(record: Record, symbol: str) -> dict[str, Any]:
    """The decision page: the record's row, its votes, the rules' outcome and explanation, and links to sources."""
    decision = record.decision(symbol)
    data = decision.to_dict()
    data["label"] = decision.label
    data["vetoed_by_names"] = [record.name_of(code) for code in decision.vetoed_by]
    data["undl_url"] = UNDL_RECORD_URL.format(int(data["undl_record"])) if data.get("undl_record") else None
    data["rules"] = _outcome_dict(_rules_outcome(decision), record)
    return data


def search_view(record: Record, query: str, limit: int = 20) -> dict[str, Any]:
    """Decisions whose title, symbol or agenda hold every word, and members whose code or any name matches."""
    text = query.strip()
    if not text:
        raise UserError("Give at least one word to search for.")
    try:
        frame = record.search(text, limit=limit)
    except UserError:
        frame = record.decisions().head(0)  # no words, only punctuation: no decisions, maybe a member code
    decisions = [{"label": r["symbol"] or r["draft"] or r["id"], "body": r["body"], "date": r["date"].isoformat(),
                  "title": r["title"] or r["agenda"] or "", "outcome": r["outcome"],
                  "tally": f"{r['yes']}-{r['no']}-{r['abstain']}"}
                 for r in frame.iter_rows(named=True)]
    members = _matching_members(record, text)
    return {"query": text, "decisions": decisions, "members": members}


def _matching_members(record: Record, text: str) -> list[dict[str, str]]:
    folded = text.casefold()
    found: dict[str, str] = {}
    try:
        code = record.member_code(text)
        found[code] = record.name_of(code)
    except UserError:
        pass
    for row in record.members().iter_rows(named=True):
        if folded in row["name"].casefold():
            found.setdefault(row["code"], row["name"])
    for row in record.member_names().iter_rows(named=True):  # every name a member has had
        if folded in row["name"].casefold():
            found.setdefault(row["code"], record.name_of(row["code"]))
    return [{"code": code, "name": name} for code, name in list(found.items())[:20]]


def member_view(record: Record, name: str) -> dict[str, Any]:
    """A member: its names, dates, and how often it voted yes, no, abstained or was absent in each body."""
    member = record.member(name)
    votes = record.votes(member=member.code)
    summary: dict[str, dict[str, int]] = {}
    for body, vote, n in votes.group_by(["body", "vote"]).len().iter_rows():
        summary.setdefault(body, {"Y": 0, "N": 0, "A": 0, "X": 0})[vote] = n
    data = member.to_dict()
    data["summary"] = summary
    data["votes_total"] = votes.height
    data["first_vote"] = votes["date"].min().isoformat() if votes.height else None
    data["last_vote"] = votes["date"].max().isoformat() if votes.height else None
    return data


def member_votes(record: Record, name: str, page: int = 1, per_page: int = 50) -> dict[str, Any]:
    """One page of a member's votes, newest first."""
    if page < 1 or not 1 <= per_page <= MAX_PER_PAGE:
        raise UserError(f"Pages start at 1 and hold 1 to {MAX_PER_PAGE} rows.")
    code = record.member_code(name)
    votes = record.votes(member=code).sort("date", descending=True)
    rows = votes.slice((page - 1) * per_page, per_page).select(
        "date", "body", pl.coalesce("symbol", "draft", "decision_id").alias("label"), "title", "vote", "outcome")
    return {"member": code, "page": page, "per_page": per_page, "total": votes.height,
            "rows": [{**r, "date": r["date"].isoformat()} for r in rows.iter_rows(named=True)]}


def rows_as_csv(rows: list[dict[str, Any]]) -> str:
    """Rows of a table as CSV text (header from the first row's keys)."""
    out = io.StringIO()
    if rows:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return out.getvalue()


def council_view(month: str) -> dict[str, Any]:
    """The Security Council in a month (``YYYY-MM``): members on its first day, the president and the threshold."""
    year, number = as_month(month)
    if not 1946 <= year <= 2100:
        raise UserError(f"{month!r} is outside the Council's history; give a month from 1946-01 on.")
    council = council_on(f"{year:04d}-{number:02d}-01")
    data = council.to_dict()
    data["month"] = f"{year:04d}-{number:02d}"
    data["president"] = president(data["month"]).to_dict()
    return data


def simulate_view(record: Record, symbol: str, changes: Mapping[str, str]) -> dict[str, Any]:
    """A decision's votes with some members' votes changed, and what the rules make of them, before and after."""
    decision = record.decision(symbol)
    sim = simulate(decision, changes)
    original = sim.draft.votes
    votes = {**original, **sim.changes}
    return {"symbol": decision.label, "body": decision.body, "date": decision.date.isoformat(),
            "title": decision.title or decision.row.get("agenda") or "",
            "votes": [{"member": c, "name": record.name_of(c), "vote": v, "changed": v != original[c]}
                      for c, v in votes.items()],
            "recorded": _outcome_dict(sim.recorded or sim.outcome, record),
            "simulated": _outcome_dict(sim.outcome, record)}
