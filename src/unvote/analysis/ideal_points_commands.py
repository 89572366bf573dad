"""``unvote ideal-points validate`` and ``unvote ideal-points show CODE``: the ideal-point estimator from the CLI
(added to the app by :func:`unvote.analysis.commands.register`)."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from unvote.cli_options import JsonOpt, SnapshotOpt

PUBLISHED = Path("ideal_points") / "IdealpointestimatesAll_Jun2024.csv"


def register_ideal_points(app: typer.Typer) -> None:
    """Add the ``ideal-points`` command group to the unvote app."""
    group = typer.Typer(help="Dynamic ordinal ideal points of General Assembly members.", no_args_is_help=True)
    group.command("validate")(validate)
    group.command("show")(show)
    app.add_typer(group, name="ideal-points")


def _fit(snapshot: Optional[Path], start: Optional[int], end: Optional[int]):
    from unvote.analysis.ideal_points import IdealPoints
    from unvote.cli import open_record
    from unvote.errors import UserError

    rec = open_record(snapshot)
    decisions = rec.decisions(body="GA")
    if start is not None:
        decisions = decisions.filter(decisions["session"] >= start)
    if end is not None:
        decisions = decisions.filter(decisions["session"] <= end)
    if decisions.height == 0:
        raise UserError(f"No General Assembly roll calls in sessions {start} to {end}.")
    votes = rec.votes(body="GA").select("decision_id", "member", "vote")
    return rec, IdealPoints().fit(votes, decisions)


def validate(
    data: Path = typer.Option(Path("../shared/data"), "--data", help="The raw data folder holding ideal_points/."),
    start: Optional[int] = typer.Option(None, "--from-session", help="First GA session to fit."),
    end: Optional[int] = typer.Option(None, "--to-session", help="Last GA session to fit."),
    as_json: bool = JsonOpt,
    snapshot: Optional[Path] = SnapshotOpt,
) -> None:
    """Fit the record and correlate with Bailey-Strezhnev-Voeten's session estimates, per session and overall."""
    import time

    from unvote.analysis.ideal_points import validate as compare
    from unvote.cli import console, frame_table, print_json
    from unvote.sources.ideal_points import read_sessions

    published = read_sessions(data / PUBLISHED)
    began = time.perf_counter()
    _, fitted = _fit(snapshot, start, end)
    seconds = time.perf_counter() - began
    result = compare(fitted.ideal_points_, published)
    table = result.per_session.with_columns([result.per_session[c].round(3) for c in ("r", "usa", "rus", "bsv_usa",
                                                                                      "bsv_rus")])
    since_1990 = table.filter(table["session"] >= 45)
    summary = {
        "overall_r": round(result.overall, 4),
        "member_sessions": result.members,
        "min_session_r": float(table["r"].min()),
        "min_session_r_since_1990": float(since_1990["r"].min()) if since_1990.height else None,
        "iterations": fitted.n_iter_,
        "converged": fitted.converged_,
        "seconds": round(seconds, 1),
    }
    if as_json:
        print_json({**summary, "sessions": table.to_dicts()})
        return
    console.print(frame_table(table, title="Ideal points against BSV (IdealPointAll), Pearson r per GA session"))
    console.print(
        f"Overall r = {summary['overall_r']:.4f} over {result.members} member-sessions; lowest session r = "
        f"{summary['min_session_r']:.3f} (since 1990: {summary['min_session_r_since_1990']}); "
        f"{fitted.n_iter_} iterations, {seconds:.1f} s."
    )


def show(
    code: str = typer.Argument(..., help="A member: ISO3 code or name."),
    start: Optional[int] = typer.Option(None, "--from-session", help="First GA session to fit."),
    end: Optional[int] = typer.Option(None, "--to-session", help="Last GA session to fit."),
    as_json: bool = JsonOpt,
    snapshot: Optional[Path] = SnapshotOpt,
) -> None:
    """One member's ideal point per session, with its standard error and 95% interval."""
    from unvote.cli import console, frame_table, print_json
    from unvote.errors import UserError

    rec, fitted = _fit(snapshot, start, end)
    member = rec.member_code(code)
    rows = fitted.ideal_points_.filter(fitted.ideal_points_["member"] == member).sort("session")
    if rows.height == 0:
        raise UserError(f"{member} cast no contested General Assembly vote in the sessions fitted.")
    rows = rows.with_columns([rows[c].round(3) for c in ("ideal_point", "se", "lower", "upper")])
    if as_json:
        print_json({"member": member, "sessions": rows.to_dicts()})
        return
    console.print(frame_table(rows, title=f"Ideal points of {member} by GA session (USA positive)"))
