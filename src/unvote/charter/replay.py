"""Replay: run every decision in the record through the rules and compare with the outcome the sources record.

Each decision is decided from its member-by-member votes where the record has them, else from its printed tally (for
a Council draft, with the vetoing members the veto list names). Council decisions held procedural are data
(:mod:`unvote.charter.procedural`), as is the Council's transition of 1965 (:mod:`unvote.charter.thresholds`). Where
the rules and the record disagree the report gives the most likely cause, checked against the data, and the rows of
the quality report that trace it to a source (``traced``).

Only outcomes a source records can test the rules. For the General Assembly that is the adopted resolutions (the UN
Digital Library and the UN's resolution extracts list adopted resolutions only); the outcome of every other GA roll
call (amendments, paragraphs, failed drafts) is derived from its own votes in the snapshot (``outcome_source`` =
``votes``), so replaying it would test nothing: those are counted as not checkable.

>>> import unvote
>>> report = replay(unvote.open())
>>> report.summary.filter(pl.col("body") == "SC")["agreement"].min() > 0.9
True
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from unvote.charter.composition import council_on
from unvote.charter.outcome import Outcome, outcome
from unvote.charter.permanent import permanent_members
from unvote.charter.procedural import procedural_decisions
from unvote.charter.thresholds import ga_required, practice_on, sc_required

ROW_SCHEMA = {"id": pl.String, "body": pl.String, "date": pl.Date, "decade": pl.Int32, "label": pl.String,
              "basis": pl.String, "recorded": pl.String, "outcome_source": pl.String, "computed": pl.String,
              "agrees": pl.Boolean, "checkable": pl.Boolean, "rule_data": pl.String, "cause": pl.String,
              "traced": pl.String}
# Checks of the quality report that trace an outcome's disagreement with the rules to a source.
TRACING_CHECKS = ("outcome: source error", "outcome: adopted resolution, the votes say otherwise",
                  "SC data names non-members", "SC data votes contradict every printed tally",
                  "veto list draft on another day", "vetoing members differ", "UNDL totals all zero")
DERIVED = "votes"


@dataclass(frozen=True)
class ReplayReport:
    """Every decision replayed (``rows``), agreement by body and decade (``summary``) and the disagreements."""

    rows: pl.DataFrame

    @property
    def checked(self) -> pl.DataFrame:
        return self.rows.filter(pl.col("checkable"))

    @property
    def mismatches(self) -> pl.DataFrame:
        """Checkable decisions whose computed outcome differs from the recorded one, with the cause."""
        return self.checked.filter(~pl.col("agrees")).sort("date")

    @property
    def unchecked(self) -> pl.DataFrame:
        """Decisions the rules cannot be run on (no tally and no votes in any source)."""
        return self.rows.filter(~pl.col("checkable"))

    @property
    def summary(self) -> pl.DataFrame:
        """``body, decade, decisions, checked, agree, agreement`` (agreement = agree / checked)."""
        return (self.rows.group_by("body", "decade")
                .agg(pl.len().alias("decisions"), pl.col("checkable").sum().alias("checked"),
                     (pl.col("agrees") & pl.col("checkable")).sum().alias("agree"))
                .with_columns(agreement=pl.col("agree") / pl.col("checked"))
                .sort("body", "decade"))

    def totals(self) -> pl.DataFrame:
        """Agreement by body over all decades; ``traced``: mismatches the quality report traces to a source."""
        mismatch = pl.col("checkable") & ~pl.col("agrees")
        return (self.rows.group_by("body")
                .agg(pl.len().alias("decisions"), pl.col("checkable").sum().alias("checked"),
                     (pl.col("agrees") & pl.col("checkable")).sum().alias("agree"),
                     (mismatch & pl.col("traced").is_not_null()).sum().alias("traced"),
                     (mismatch & pl.col("traced").is_null()).sum().alias("untraced"))
                .with_columns(agreement=pl.col("agree") / pl.col("checked"),
                              agree_or_traced=(pl.col("agree") + pl.col("traced")) / pl.col("checked"))
                .sort("body"))

    def unchecked_reasons(self) -> pl.DataFrame:
        """Why decisions could not be checked: ``body, cause, decisions``."""
        return self.unchecked.group_by("body", "cause").agg(pl.len().alias("decisions")).sort("body", "cause")

    def to_dict(self) -> dict:
        return {"totals": self.totals().to_dicts(), "summary": self.summary.to_dicts(),
                "mismatches": [{**row, "date": row["date"].isoformat()} for row in self.mismatches.to_dicts()],
                "unchecked": self.unchecked.height, "unchecked_reasons": self.unchecked_reasons().to_dicts()}


def replay(record) -> ReplayReport:
    """Replay every SC and GA decision of ``record`` (an :class:`unvote.record.Record`)."""
    decisions = record.sql("select * from decisions")
    counts = record.sql("""
        select decision_id as id,
               count(*) filter (where vote = 'Y') as v_yes, count(*) filter (where vote = 'N') as v_no,
               count(*) filter (where vote = 'A') as v_abstain, count(*) filter (where vote = 'X') as v_non_voting,
               list(member order by member) filter (where vote = 'N') as v_no_members,
               list(member order by member) as v_members, string_agg(distinct source, ', ') as v_source
        from votes group by decision_id""")
    # Tallies other sources print where they differ from the member votes (the build's quality report).
    printed = record.sql("""
        select decision_id as id, string_agg("check" || ': ' || "values", '; ') as printed_elsewhere
        from quality where field = 'tally' and "check" like '%printed differs from member votes%'
        group by decision_id""")
    checks = ", ".join(f"'{check}'" for check in TRACING_CHECKS)
    traces = record.sql(f"""
        select decision_id as id,
               string_agg("check" || ' [' || sources || ']: ' || "values" || ' -> ' || rule, '; '
                          order by "check") as traced
        from quality where "check" in ({checks}) and decision_id is not null group by decision_id""")
    frame = decisions.join(counts, on="id", how="left").join(printed, on="id", how="left")
    seats = record.sc_seats()
    rows = [_replay_one(row, seats) for row in frame.iter_rows(named=True)]
    replayed = pl.DataFrame(rows, schema={k: v for k, v in ROW_SCHEMA.items() if k != "traced"})
    # A trace only matters where the rules and the record disagree.
    replayed = replayed.join(traces, on="id", how="left").with_columns(
        traced=pl.when(pl.col("checkable") & ~pl.col("agrees")).then(pl.col("traced")))
    return ReplayReport(replayed.select(list(ROW_SCHEMA)))


def _label(row: dict) -> str:
    return row["symbol"] or row["draft"] or row["id"]


def _replay_one(row: dict, seats: pl.DataFrame) -> dict:
    body, on = row["body"], row["date"]
    source = row["outcome_source"]
    base = {"id": row["id"], "body": body, "date": on, "decade": on.year // 10 * 10, "label": _label(row),
            "recorded": row["outcome"], "outcome_source": source, "rule_data": None}
    has_votes = row["v_yes"] is not None
    has_tally = row["yes"] is not None and row["no"] is not None
    if not has_votes and not has_tally:
        return {**base, "basis": "none", "computed": None, "agrees": False, "checkable": False,
                "cause": "no tally and no member votes in any source"}
    if has_votes:
        tally = (row["v_yes"], row["v_no"], row["v_abstain"], row["v_non_voting"])
        against = [m for m in (row["v_no_members"] or []) if m in permanent_members(on)] if body == "SC" else None
        basis = "votes"
    else:
        tally = (row["yes"], row["no"], row["abstain"] or 0, row["non_voting"] or 0)
        against = list(row["vetoed_by"] or []) if body == "SC" else None
        basis = "tally"
    if body == "SC":
        held = procedural_decisions().get(row["id"])
        procedural = row["kind"] == "procedural" or held is not None
        practice = practice_on(on)
        notes = [f"procedural ({held.rule}): {held.question} [{held.source}]" if held else None,
                 f"Council of {practice.seats} deciding by {practice.required} [{practice.source}]" if practice else None]
        base["rule_data"] = "; ".join(n for n in notes if n) or None
        result = outcome("SC", on, tally=tally, procedural=procedural, permanent_against=against)
    else:
        result = outcome("GA", on, tally=tally)
        if source in (None, DERIVED):
            return {**base, "basis": basis, "computed": result.status, "agrees": result.status == row["outcome"],
                    "checkable": False, "cause": "outcome derived from these votes (no source records it): no test"}
    agrees = result.status == row["outcome"]
    cause = "" if agrees else _cause(row, result, basis if basis == "tally" else f"votes ({row['v_source']})", seats)
    return {**base, "basis": basis, "computed": result.status, "agrees": agrees, "checkable": True, "cause": cause}


def _not_on_council(row: dict, seats: pl.DataFrame) -> list[str]:
    """Members with a vote on a Council decision who did not sit on the Council that day (by the record's seats)."""
    members = row["v_members"]
    if not members:
        return []
    council = council_on(row["date"], seats)
    return sorted(set(members) - set(council.codes)) if council.complete else []


def _cause(row: dict, result: Outcome, basis: str, seats: pl.DataFrame) -> str:
    """The most likely reason the rules and the record disagree, in words, from what the data shows."""
    tally = f"{result.yes}-{result.no}-{result.abstain}"
    recorded = row["outcome"]
    printed = (row["yes"], row["no"], row["abstain"])
    other = (f"; the printed tally is {printed[0]}-{printed[1]}-{printed[2]}"
             if basis == "votes" and printed[0] is not None and printed != (result.yes, result.no, result.abstain) else "")
    if row["printed_elsewhere"]:
        other += f" (quality report: {row['printed_elsewhere']})"
    if row["body"] == "GA":
        if recorded == "failed" and result.adopted and result.yes < ga_required(result.yes, result.no, True):
            return (f"{tally} is a simple majority but short of two-thirds ({ga_required(result.yes, result.no, True)}): "
                    "an important question under Art. 18(2), which the record does not flag")
        if recorded == "adopted" and result.yes + result.no == 0:
            return (f"{row['outcome_source']} lists {_label(row)} as adopted, but its {basis} have no yes or no "
                    f"vote ({tally}): the source's record of the vote is empty{other}")
        if recorded == "adopted" and not result.adopted and row["outcome_source"] not in (None, DERIVED):
            return (f"{row['outcome_source']} lists {_label(row)} as adopted, but this roll call's {basis} give "
                    f"{tally}: it is not the vote that adopted the resolution (a separate vote under the same "
                    f"symbol), or its votes are wrong{other}")
        if recorded == "adopted" and result.yes == result.no:
            return f"a tie ({tally}) rejects under rule 95, yet the source records it as adopted{other}"
        return f"the {basis} give {tally}, which the rules make {result.status}, but the source records {recorded}{other}"
    required = sc_required(row["date"])
    strangers = _not_on_council(row, seats)
    if strangers:
        return (f"the {basis} name members not on the Council that day ({', '.join(strangers)}): the member votes are "
                f"wrong in that source, and give {tally}{other}")
    if recorded == "adopted" and result.yes + result.no + result.abstain == 0:
        return f"adopted without a vote: the source prints 0-0-0{other}"
    if recorded == "adopted" and result.status == "vetoed" and row["printed_elsewhere"]:
        return (f"the {basis} give {tally} with a no from {', '.join(result.vetoed_by)}, but other sources print a "
                f"different tally: an error in the member votes{other}")
    if recorded == "adopted" and result.status == "vetoed":
        return (f"adopted {tally} over a no from {', '.join(result.vetoed_by)}: only a procedural decision escapes the "
                "veto (Art. 27(2)), such as calling an emergency special session or inviting a representative, and "
                f"this one is not in procedural_decisions.csv{other}")
    if recorded == "adopted":
        return f"only {result.yes} yes votes in the {basis} ({tally}), {required} required{other}"
    if recorded == "vetoed" and result.status == "failed":
        vetoers = ", ".join(row["vetoed_by"] or []) or "a permanent member"
        return (f"the veto list counts {vetoers}'s no as a veto, but {tally} is short of the {required} yes votes "
                f"required: by the rules it failed for want of votes{other}")
    if recorded == "vetoed" and result.status == "adopted":
        named = ", ".join(row["vetoed_by"] or [])
        return f"the {basis} ({tally}) show no no vote from the vetoing member(s) {named}{other}"
    if recorded == "failed" and result.status == "vetoed":
        return (f"{tally} met the {required} required and {', '.join(result.vetoed_by)} voted no: a veto by the "
                f"rules, recorded only as failed{other}")
    if recorded == "failed" and result.adopted:
        hint = "; the tally may be printed the wrong way round" if result.no < required <= result.yes and result.no > 0 else ""
        return f"{tally} meets the {required} required with no permanent member against, yet recorded as failed{hint}{other}"
    return f"the {basis} give {tally}: {result.status} by the rules, {recorded} in the record{other}"
