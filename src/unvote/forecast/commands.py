"""Command-line commands of unvote.forecast, added to the main app by unvote.cli."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from unvote.cli_options import JsonOpt


def register(app: typer.Typer) -> None:
    """Add this package's commands to the unvote app."""

    @app.command("forecast")
    def forecast(like: Optional[str] = typer.Option(None, "--like", help="Forecast a re-run of this known decision."),
                 body: Optional[str] = typer.Option(None, "--body", help="GA or SC (a new draft)."),
                 date: Optional[str] = typer.Option(None, "--date", help="Vote date (default: the day after --like)."),
                 title: str = typer.Option("", "--title", help="Draft title."),
                 agenda: str = typer.Option("", "--agenda", help="Agenda item."),
                 sponsor: list[str] = typer.Option([], "--sponsor", help="Sponsor code (repeatable)."),
                 previous: Optional[str] = typer.Option(None, "--previous", help="Symbol of an earlier version."),
                 draft_file: Optional[Path] = typer.Option(None, "--file", help="A draft as TOML or JSON."),
                 seed: int = typer.Option(20231, "--seed"),
                 as_json: bool = JsonOpt) -> None:
        """How each member will vote on a draft, and whether it will pass."""
        from unvote.cli import console, frame_table, open_record, print_json
        from unvote.errors import UserError
        from unvote.forecast.api import forecast_draft, read_draft_file
        from unvote.forecast.draft import Draft, draft_like

        rec = open_record()
        if like:
            draft = draft_like(rec, like, date)
        elif draft_file:
            draft = read_draft_file(draft_file)
        else:
            if not body or not date:
                raise UserError("Give --like SYMBOL, --file, or a new draft with --body, --date and --title or "
                                "--agenda.")
            draft = Draft(body=body, date=date, title=title, agenda=agenda, sponsors=tuple(sponsor),
                          previous=previous)
        result = forecast_draft(rec, draft, seed=seed)
        if as_json:
            print_json(result.to_dict())
            return
        console.print(frame_table(result.members.select(
            "member", "name", *[result.members[c].round(3).alias(c) for c in
                                ("p_yes", "p_no", "p_abstain", "p_absent")]),
            title=f"{draft.body} draft, {draft.date}: {draft.title or draft.agenda}"))
        o = result.outcome
        console.print(f"P(adopted) {o.p_adopted:.3f}  P(vetoed) {o.p_vetoed:.3f}  P(failed) {o.p_failed:.3f}")
        if o.p_veto_by:
            console.print("P(veto by): " + ", ".join(f"{k} {v:.3f}" for k, v in o.p_veto_by.items() if v >= 0.001))
        console.print(o.explanation)

    @app.command("backtest")
    def backtest(body: Optional[str] = typer.Option(None, "--body", help="GA or SC (default both)."),
                 sessions: str = typer.Option("60-77", "--sessions", help="GA sessions, e.g. 70-77."),
                 years: str = typer.Option("2000-2023", "--years", help="SC years, e.g. 2010-2023."),
                 since: Optional[str] = typer.Option(
                     None, "--since", help="Only decisions from this date, in every session and year after it."),
                 output: Optional[Path] = typer.Option(
                     None, "--output", help="Default docs/forecast-evaluation.md (with --since: "
                                            "docs/forecast-evaluation-since-DATE.md)."),
                 seed: int = typer.Option(20231, "--seed"),
                 as_json: bool = JsonOpt) -> None:
        """Rolling-origin backtest against baselines; writes docs/forecast-evaluation.md."""
        import sys

        from unvote.cli import open_record, print_json
        from unvote.errors import UserError
        from unvote.files import write_atomically
        from unvote.forecast.backtest import evaluate
        from unvote.forecast.report import markdown, write_plots
        from unvote.dates import parse_date

        b = body.upper() if body else None
        if b not in (None, "GA", "SC"):
            raise UserError(f"Unknown body {body!r}: use GA or SC.")
        result = evaluate(open_record(), b, _span(sessions, "--sessions"), _span(years, "--years"),
                          parse_date(since, "--since") if since else None, seed)
        command = "unvote backtest " + " ".join(sys.argv[2:]) if len(sys.argv) > 2 else "unvote backtest"
        if output is None:
            name = f"forecast-evaluation-since-{result['since'].isoformat()}.md" if result["since"] else \
                "forecast-evaluation.md"
            output = Path("docs") / name
        output.parent.mkdir(parents=True, exist_ok=True)
        plots = write_plots(result, output.parent / "img")
        text = markdown(result, command.strip(), plots, relative_to=output.parent) + "\n"
        write_atomically(output, lambda tmp: tmp.write_text(text))
        if as_json:
            keys = ("GA", "GA 70", "GA 70 tally oracle", "SC", "SC P5", "SC per P5", "SC vetoes", "SC vetoes 2010",
                    "SC 2010 first vetoes")
            print_json({k: v for k, v in result.items() if k in keys})
        else:
            typer.echo(text)


def _span(text: str, option: str) -> range:
    """``70-77`` -> range(70, 78); ``77`` -> range(77, 78)."""
    from unvote.errors import UserError

    try:
        low, _, high = text.partition("-")
        return range(int(low), int(high or low) + 1)
    except ValueError:
        raise UserError(f"{option} must be a number or a range like 70-77, not {text!r}.") from None
