"""Command-line commands of unvote.analysis, added to the main app by unvote.cli."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer


def register(app: typer.Typer) -> None:
    """Add this package's commands to the unvote app."""
    from unvote.analysis.ideal_points_commands import register_ideal_points

    app.command("coincidence")(coincidence)
    register_ideal_points(app)


def coincidence(
    year: int = typer.Option(..., "--year", help="Report year (calendar year of the votes)."),
    with_: str = typer.Option("USA", "--with", help="The member to compare with (code or name)."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of tables."),
    snapshot: Optional[Path] = typer.Option(None, "--snapshot", help="A snapshot directory other than the bundled one."),
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
