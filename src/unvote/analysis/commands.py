"""Command-line commands of unvote.analysis, added to the main app by unvote.cli."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from unvote.cli_options import JsonOpt, SnapshotOpt

IssueOpt = typer.Option(None, "--issue", help="Only votes on one issue: me, nu, di, hr, co, ec.")
MeasureOpt = typer.Option("voeten", "--measure", help="voeten, identical or kappa.")
OutOpt = typer.Option(..., "--out", help="The file to write: .png, .svg or .html (standalone, no network).")


def register(app: typer.Typer) -> None:
    """Add this package's commands to the unvote app."""
    from unvote.analysis.ideal_points_commands import register_ideal_points

    app.command("coincidence")(coincidence)
    register_ideal_points(app)
    app.command("blocs")(blocs)
    app.command("bloc-history")(bloc_history)
    app.command("partners")(partners)
    plot = typer.Typer(help="Charts written to PNG, SVG or standalone HTML (--out).", no_args_is_help=True)
    plot.command("agreement")(plot_agreement)
    plot.command("ideal-points")(plot_ideal_points)
    plot.command("heatmap")(plot_heatmap)
    plot.command("map")(plot_map)
    app.add_typer(plot, name="plot")


def coincidence(
    year: int = typer.Option(..., "--year", help="Report year (calendar year of the votes)."),
    with_: str = typer.Option("USA", "--with", help="The member to compare with (code or name)."),
    as_json: bool = JsonOpt,
    snapshot: Optional[Path] = SnapshotOpt,
) -> None:
    """The State Department's voting coincidence with a member, per country, in that year's formula."""
    from unvote.analysis.coincidence import FORMULAS, coincidence_table, formula_for
    from unvote.cli import console, frame_table, open_record, print_json

    rec = open_record(snapshot)
    table = coincidence_table(rec, year, with_)
    formula = formula_for(year)
    if as_json:
        print_json({"year": year, "with": rec.member_code(with_), "formula": formula, "rows": table.to_dicts()})
        return
    shown = table.drop([c for c in ("partial", "abstain") if table[c].null_count() == table.height])
    shown = shown.with_columns(shown["coincidence"].round(1)).sort("coincidence", descending=True, nulls_last=True)
    console.print(frame_table(shown, title=f"Voting coincidence with {rec.member_code(with_)}, {year} "
                                           f"({formula}: the {FORMULAS[formula]} formula)"))


# --- blocs and partners ----------------------------------------------------------------------------------------------
def blocs(
    period: str = typer.Option("2015-2019", "--period", help="Years: 2020, 2015-2019 or a decade such as 1980s."),
    k: Optional[int] = typer.Option(None, "--k", help="Number of blocs (default: the best silhouette, 2 to 8)."),
    measure: str = MeasureOpt,
    issue: Optional[str] = IssueOpt,
    as_json: bool = JsonOpt,
    snapshot: Optional[Path] = SnapshotOpt,
) -> None:
    """Groups of General Assembly members that vote alike in a period, each named by its best-known members."""
    import polars as pl

    from unvote.analysis.blocs import find_blocs
    from unvote.cli import console, frame_table, open_record, print_json

    found = find_blocs(open_record(snapshot), period, n_blocs=k, measure=measure, issue=issue)
    if as_json:
        print_json(found.to_dict())
        return
    shown = found.summary.select("bloc", "name", "size", "cohesion", pl.col("members").list.join(" "))
    console.print(frame_table(shown, title=f"Voting blocs in the General Assembly, {found.period} ({found.roll_calls} "
                                           f"roll calls): {found.n_blocs} blocs, silhouette {found.silhouette:.2f}"))
    if found.roll_calls < 30:
        console.print(f"Only {found.roll_calls} roll calls: blocs of so few votes are fragile; widen the period.")
    between = found.members.filter(pl.col("silhouette") < 0.1).sort("silhouette")
    if between.height:
        console.print("Between blocs (silhouette below 0.1): " + ", ".join(
            f"{r['member']} ({r['silhouette']:.2f})" for r in between.iter_rows(named=True)))
    if found.excluded:
        console.print(f"Left out for voting in under a quarter of the roll calls: {', '.join(found.excluded)}.")


def bloc_history(
    start: int = typer.Option(1946, "--from", help="First year."),
    end: Optional[int] = typer.Option(None, "--to", help="Last year (default: the record's last)."),
    every: int = typer.Option(10, "--every", help="Years per period (10: calendar decades)."),
    k: Optional[int] = typer.Option(None, "--k", help="Number of blocs in every period (default: best silhouette)."),
    issue: Optional[str] = IssueOpt,
    as_json: bool = JsonOpt,
    snapshot: Optional[Path] = SnapshotOpt,
) -> None:
    """Blocs period by period, numbered consistently over time, and the members that switched bloc."""
    import polars as pl

    from unvote.analysis.blocs import bloc_history as history_of
    from unvote.analysis.blocs import bloc_stability, bloc_switches, last_ga_year, spans
    from unvote.cli import console, frame_table, open_record, print_json
    from unvote.errors import UserError

    rec = open_record(snapshot)
    last = end if end is not None else last_ga_year(rec)
    if start > last:
        raise UserError(f"The first year {start} is after the last year {last}.")
    history = history_of(rec, spans(start, last, every), n_blocs=k, issue=issue)
    switches = bloc_switches(history, dict(rec.members().select("code", "successor").drop_nulls().iter_rows()))
    table = (history.group_by("period", "bloc", "bloc_name", maintain_order=True)
             .agg(pl.len().alias("size")).sort("period", "bloc"))
    stability = bloc_stability(history)
    if as_json:
        print_json({"blocs": table.to_dicts(), "members": history.to_dicts(), "switches": switches.to_dicts(),
                    "stability": stability.to_dicts()})
        return
    console.print(frame_table(table, title="Voting blocs by period (a bloc keeps its number while it lasts)"))
    console.print(frame_table(stability.with_columns(pl.col("ari").round(2)),
                              title="From one period to the next (ari: adjusted Rand index, 1 = the same blocs)"))
    console.print(frame_table(switches.select("from_member", "member", "from_period", "to_period", "from_name",
                                              "to_name"),
                              title=f"Members that switched bloc ({switches.height})"))


def partners(
    member: str = typer.Argument(..., help="A member: code or name."),
    period: Optional[str] = typer.Option(None, "--period", help="Years: 2020, 2010-2019 or 1980s (default: all)."),
    n: int = typer.Option(5, "--n", help="How many on each side."),
    measure: str = MeasureOpt,
    issue: Optional[str] = IssueOpt,
    as_json: bool = JsonOpt,
    snapshot: Optional[Path] = SnapshotOpt,
) -> None:
    """A member's closest and farthest partners in the General Assembly over a period."""
    from unvote.analysis.blocs import partners as partners_of
    from unvote.cli import console, frame_table, open_record, print_json

    rec = open_record(snapshot)
    table = partners_of(rec, member, period, n=n, measure=measure, issue=issue)
    code = rec.member_code(member)
    if as_json:
        print_json({"member": code, "period": period, "issue": issue, "measure": measure,
                    "partners": table.to_dicts()})
        return
    span = (f", {period}" if period else "") + (f", issue {issue}" if issue else "")
    for side in ("closest", "farthest"):
        console.print(frame_table(table.filter(table["side"] == side).drop("side"),
                                  title=f"{side.capitalize()} partners of {code}{span} ({measure} agreement)"))


# --- plots -----------------------------------------------------------------------------------------------------------


def _write(chart, out: Path) -> None:
    from unvote.analysis.plots import save
    from unvote.cli import err_console

    save(chart, out)
    err_console.print(f"Wrote {out}.")


def _check_out(out: Path) -> None:
    """Refuse a bad file name before the work, not after it."""
    from unvote.analysis.plots import FORMATS
    from unvote.errors import UserError

    if out.suffix.lower() not in FORMATS:
        raise UserError(f"Cannot write {out.name!r}: the file name must end in .png, .svg or .html.")
    if not out.parent.is_dir():
        raise UserError(f"The folder {out.parent} does not exist.")


def plot_agreement(
    member: str = typer.Argument(..., help="A member: code or name."),
    with_: str = typer.Option(..., "--with", help="Members to compare with, comma-separated: RUS,CHN,FRA."),
    period: Optional[str] = typer.Option(None, "--period", help="Years: 1990-2020 or 1980s (default: all)."),
    measure: str = MeasureOpt,
    issue: Optional[str] = IssueOpt,
    out: Path = OutOpt,
    snapshot: Optional[Path] = SnapshotOpt,
) -> None:
    """A member's agreement with chosen others in the General Assembly, year by year."""
    from unvote.analysis.plots import agreement_chart
    from unvote.cli import open_record

    _check_out(out)
    chart = agreement_chart(open_record(snapshot), member, with_.split(","), period=period, measure=measure,
                            issue=issue)
    _write(chart, out)


def plot_ideal_points(
    members: str = typer.Argument(..., help="Members, comma-separated: USA,RUS,CHN."),
    period: Optional[str] = typer.Option(None, "--period", help="Years the sessions opened: 1990-2020 or 1980s."),
    out: Path = OutOpt,
    snapshot: Optional[Path] = SnapshotOpt,
) -> None:
    """Ideal-point trajectories by GA session with their 95% bands."""
    from unvote.analysis.plots import member_codes, ideal_points_chart, ideal_points_of
    from unvote.cli import open_record

    _check_out(out)
    rec = open_record(snapshot)
    codes = member_codes(rec, members.split(","))
    chart = ideal_points_chart(ideal_points_of(rec, codes), codes, {c: rec.name_of(c) for c in codes}, period=period)
    _write(chart, out)


def plot_heatmap(
    period: str = typer.Option(..., "--period", help="Years: 2020, 2015-2019 or a decade such as 1980s."),
    k: Optional[int] = typer.Option(None, "--k", help="Number of blocs (default: the best silhouette)."),
    measure: str = MeasureOpt,
    issue: Optional[str] = IssueOpt,
    out: Path = OutOpt,
    snapshot: Optional[Path] = SnapshotOpt,
) -> None:
    """The agreement matrix of a period as a heat map, members ordered by bloc."""
    from unvote.analysis.plots import heatmap_chart
    from unvote.cli import open_record

    _check_out(out)
    _write(heatmap_chart(open_record(snapshot), period, n_blocs=k, measure=measure, issue=issue), out)


def plot_map(
    symbol: str = typer.Argument(..., help="A resolution or draft symbol, e.g. A/RES/69/188."),
    out: Path = OutOpt,
    snapshot: Optional[Path] = SnapshotOpt,
) -> None:
    """A world map of one vote: each territory in the colour of its member's vote on the day."""
    from unvote.analysis.plots import vote_map_chart
    from unvote.cli import open_record

    _check_out(out)
    _write(vote_map_chart(open_record(snapshot), symbol), out)
