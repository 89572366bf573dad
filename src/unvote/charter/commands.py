"""Command-line commands of unvote.charter, added to the main app by unvote.cli.

``unvote council 2022-05`` · ``unvote simulate S/2022/431 --set CHN=A`` · ``unvote simulate --date 2022-05-26 --votes
CHN=N,RUS=N`` · ``unvote replay`` · ``unvote vetoes --member CHN --decade 2010``; each takes ``--json``.
"""

from __future__ import annotations

import re
from typing import Optional

import polars as pl
import typer

from unvote.cli_options import JsonOpt
from unvote.errors import UserError


def _parse_votes(pairs: list[str]) -> dict[str, str]:
    """``["CHN=A", "RUS=N,USA=Y"]`` -> ``{"CHN": "A", "RUS": "N", "USA": "Y"}``."""
    votes = {}
    for item in ",".join(pairs).split(","):
        item = item.strip()
        if not item:
            continue
        match = re.fullmatch(r"([A-Za-z]{3})\s*=\s*([YNAXynax])", item)
        if not match:
            raise UserError(f"{item!r} is not a vote; write CODE=V with V one of Y, N, A, X, for example CHN=A.")
        votes[match.group(1).upper()] = match.group(2).upper()
    return votes


def council(when: str = typer.Argument(..., help="A month (2022-05) or a day (2022-05-26)."),
            as_json: bool = JsonOpt) -> None:
    """The Security Council in a month: members, president and the votes a decision needs."""
    from unvote.cli import console, frame_table, print_json
    from unvote.charter.composition import council_on
    from unvote.charter.presidency import president
    from unvote.dates import parse_date

    day = parse_date(when, "month or day")
    members = council_on(day)
    try:
        chair = president(day)
    except UserError as exc:
        chair, chair_note = None, str(exc)
    else:
        chair_note = f"{chair.name} ({'computed by ' if chair.basis.startswith('rule') else 'from the record: '}{chair.source})"
    if as_json:
        print_json({**members.to_dict(), "president": chair.to_dict() if chair else None,
                     "president_note": None if chair else chair_note,
                     "thresholds": {"non_procedural": f"{members.required} yes votes including the concurring votes "
                                    "of the permanent members", "procedural": f"{members.required} yes votes"}})
        return
    frame = pl.DataFrame([{"code": m.code, "name": m.name, "seat": "permanent" if m.permanent else "elected",
                           "term": "" if m.permanent else f"{m.start.year}-{m.end.year}",
                           "president": "◆" if chair and m.code == chair.code else ""} for m in members.members])
    console.print(frame_table(frame, title=f"Security Council on {day.isoformat()}"))
    if not members.complete:
        console.print(f"Only {members.size} members are known for this date; the data do not cover every seat yet.")
    console.print(f"President for {day.year}-{day.month:02d}: {chair_note}")
    console.print(f"A decision needs {members.required} yes votes of {members.size}; on substance no permanent member may "
                  "vote no (an abstention or absence is not a veto).")


def simulate(symbol: Optional[str] = typer.Argument(None, help="A decision to change, e.g. S/2022/431."),
             set_: list[str] = typer.Option([], "--set", help="A changed vote, CODE=V (Y, N, A, X); repeatable."),
             date: Optional[str] = typer.Option(None, "--date", help="Compose a Council draft for this day instead."),
             votes: list[str] = typer.Option([], "--votes", help="With --date: votes other than yes, e.g. CHN=N,RUS=N."),
             procedural: bool = typer.Option(False, "--procedural", help="With --date: a procedural question (no veto)."),
             as_json: bool = JsonOpt) -> None:
    """What if? Change votes on a real decision, or compose a draft, and see the outcome and who could change it."""
    from unvote.cli import console, frame_table, print_json
    from unvote.charter import simulate as sim

    if (symbol is None) == (date is None):
        raise UserError("Give either a decision's symbol or --date for a composed draft.")
    if symbol is not None:
        result = sim.simulate(symbol, _parse_votes(set_))
    else:
        result = sim.simulate(sim.compose(date, _parse_votes(votes + set_), procedural=procedural))
    if as_json:
        print_json(result.to_dict())
        return
    out = result.outcome
    console.print(f"[bold]{result.draft.label}[/bold] ({result.draft.body}, {result.draft.date.isoformat()})")
    if result.changes:
        console.print("Changed: " + ", ".join(f"{k}={v}" for k, v in result.changes.items()))
        if result.recorded:
            console.print(f"As recorded: {result.recorded.explanation}")
    console.print(f"[bold]{out.status.upper()}[/bold] {out.yes}-{out.no}-{out.abstain}. {out.explanation}")
    if result.pivotal:
        console.print("Pivotal: " + "; ".join(f"{p.name} ({p.vote}→{p.to} makes it {p.status})" for p in result.pivotal))
    else:
        console.print("No single member could have changed the outcome alone.")
    if result.veto_players:
        console.print("Veto players: " + ", ".join(result.veto_players))


def replay_command(as_json: bool = JsonOpt,
                   body: Optional[str] = typer.Option(None, "--body", help="SC or GA only.")) -> None:
    """Run every decision in the record through the rules; agreement by body and decade, and every mismatch."""
    from unvote.cli import console, frame_table, print_json
    import unvote
    from unvote.charter.replay import ReplayReport, replay

    report = replay(unvote.open())
    if body:
        if body.upper() not in ("SC", "GA"):
            raise UserError(f"Body must be SC or GA, not {body!r}.")
        report = ReplayReport(report.rows.filter(pl.col("body") == body.upper()))
    if as_json:
        print_json(report.to_dict())
        return
    fmt = pl.col("agreement").round(4)
    totals = report.totals().select("body", "decisions", "checked", "agree", "traced", "untraced", fmt)
    console.print(frame_table(totals, title="Agreement of the rules with the record (traced: mismatches the quality "
                                       "report traces to a source)"))
    console.print(frame_table(report.summary.with_columns(fmt), title="By body and decade"))
    console.print(frame_table(report.unchecked_reasons(), title="Not checkable"))
    if report.rows.filter(pl.col("body") == "GA").height:
        console.print("GA: no source records General Assembly outcomes as such. The UN Digital Library and the UN's "
                      "resolution extracts list adopted resolutions only, so the adopted resolutions are checked "
                      "against the rules; every other GA outcome (amendments, paragraphs, failed drafts) is derived "
                      "from its own votes in the snapshot and is not a test of the rules.")
    mismatches = report.mismatches
    traced = mismatches.filter(pl.col("traced").is_not_null()).height
    console.print(f"{mismatches.height} mismatches, {traced} of them traced to a source in the quality report "
                  "(unvote data report).")
    if mismatches.height:
        console.print(frame_table(mismatches.select("date", "label", "recorded", "computed", "cause", "traced"),
                             title="Mismatches"))


def vetoes(member: Optional[str] = typer.Option(None, "--member", help="Only vetoes cast by this member (code)."),
           decade: Optional[int] = typer.Option(None, "--decade", help="Only this decade, e.g. 2010."),
           as_json: bool = JsonOpt) -> None:
    """Every veto: date, draft, topic, vetoing members and tally; counts by member and decade."""
    from unvote.cli import console, frame_table, print_json
    import unvote
    from unvote.charter.permanent import EVER_PERMANENT
    from unvote.charter.vetoes import veto_history

    if member and member.upper() not in EVER_PERMANENT:
        raise UserError(f"{member!r} never held a permanent seat; use one of {', '.join(sorted(EVER_PERMANENT))}.")
    if decade is not None and (decade % 10 or not 1940 <= decade <= 2100):
        raise UserError(f"{decade} is not a decade; write its first year, for example 2010.")
    history = veto_history(unvote.open(), member=member, decade=decade)
    if as_json:
        print_json(history.to_dict())
        return
    shown = history.table.with_columns(pl.col("topic").str.slice(0, 60)).drop("decade", "id")
    console.print(frame_table(shown, title=f"{history.table.height} vetoed drafts"))
    console.print(frame_table(history.by_member, title="Vetoes by member"))
    console.print(frame_table(history.by_decade, title="Vetoes by decade"))
    if history.ga_follow_up.height:
        console.print(frame_table(history.ga_follow_up.drop("id"),
                             title="GA votes within ten working days of a veto (res. 76/262)"))
    console.print("Since res. 76/262 (26 Apr 2022) the GA debates each veto within ten working days; the debates end "
                  "without a vote and the record holds roll calls only, so it shows them only where the Assembly "
                  "also voted (same_question: the GA vote is on the vetoed question).")


def register(app: typer.Typer) -> None:
    """Add this package's commands to the unvote app."""
    app.command("council")(council)
    app.command("simulate")(simulate)
    app.command("replay")(replay_command)
    app.command("vetoes")(vetoes)
