"""The ``unvote`` command line: a thin face over :mod:`unvote.record`, :mod:`unvote.build` and the packages' commands.

Every read command takes ``--json``. Errors a user can cause print one sentence and exit with code 2.
"""

from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path
from typing import Any, Optional

import typer
from rich.console import Console
from rich.panel import Panel
from rich.table import Table

from unvote.cli_options import JsonOpt, SnapshotOpt
from unvote.errors import UserError

app = typer.Typer(help="How the United Nations decides, on the real record of its votes.", no_args_is_help=True,
                  add_completion=False, pretty_exceptions_enable=False)
data_app = typer.Typer(help="Build, inspect and check the bundled snapshot.", no_args_is_help=True)
app.add_typer(data_app, name="data")

console = Console()
err_console = Console(stderr=True)

VOTE_STYLE = {"Y": "green", "N": "red", "A": "yellow", "X": "dim"}


def open_record(path: Optional[Path] = None):
    import unvote

    return unvote.open(path)


def print_json(value: Any) -> None:
    """Print a JSON document to standard output (dates as ISO strings)."""
    sys.stdout.write(json.dumps(value, default=str, ensure_ascii=False, indent=2) + "\n")


def frame_table(frame, title: str | None = None, limit: int | None = None) -> Table:
    """A Rich table of a Polars frame (the first ``limit`` rows)."""
    table = Table(title=title, show_lines=False, header_style="bold")
    for column in frame.columns:
        table.add_column(column)
    rows = frame.head(limit) if limit else frame
    for row in rows.iter_rows():
        table.add_row(*["" if v is None else (", ".join(map(str, v)) if isinstance(v, list) else str(v)) for v in row])
    return table


# --- reading the record --------------------------------------------------------------------------------------------
@app.command()
def show(symbol: str = typer.Argument(..., help="Resolution or draft symbol, e.g. A/RES/69/188 or S/2022/431."),
         as_json: bool = JsonOpt, snapshot: Optional[Path] = SnapshotOpt) -> None:
    """Show one decision: tally, outcome, vetoes and each member's vote."""
    rec = open_record(snapshot)
    d = rec.decision(symbol)
    if as_json:
        print_json(d.to_dict())
        return
    vetoed = ", ".join(rec.name_of(c) for c in d.vetoed_by)
    lines = [f"[bold]{d.label}[/bold]  {d.body}  {d.date}",
             d.title or "",
             f"Outcome: [bold]{d.outcome}[/bold]" + (f" (vetoed by {vetoed})" if vetoed else ""),
             f"Yes {d.yes} · No {d.no} · Abstain {d.abstain} · Not voting {d.non_voting}"]
    if d.draft and d.symbol:
        lines.append(f"Draft: {d.draft}")
    row = d.row
    if row.get("agenda"):
        lines.append(f"Agenda: {row['agenda']}")
    if row.get("sponsors"):
        lines.append("Sponsors: " + ", ".join(row["sponsors"]))
    lines.append("Sources: " + ", ".join(row.get("sources") or []))
    console.print(Panel("\n".join(lines), expand=False))
    table = Table(header_style="bold")
    for col in ("member", "name", "vote"):
        table.add_column(col)
    order = {"N": 0, "A": 1, "X": 2, "Y": 3} if d.body == "GA" else {"Y": 0, "N": 1, "A": 2, "X": 3}
    for member, name, vote in sorted(d.votes.iter_rows(), key=lambda r: (order.get(r[2], 9), r[1] or "")):
        table.add_row(member, name or "", f"[{VOTE_STYLE.get(vote, '')}]{vote}[/]")
    if d.votes.height:
        console.print(table)
    else:
        console.print("No member-by-member votes are recorded for this decision; the tally comes from "
                      + ", ".join(row.get("sources") or []) + ".")


@app.command()
def member(name: str = typer.Argument(..., help="Code or any name, e.g. PRK, 'North Korea', USSR."),
           body: Optional[str] = typer.Option(None, help="GA or SC."),
           start: Optional[str] = typer.Option(None, help="From this date (YYYY, YYYY-MM or YYYY-MM-DD)."),
           end: Optional[str] = typer.Option(None, help="Until this date."),
           issue: Optional[str] = typer.Option(None, help="Issue code: me, nu, di, hr, co, ec."),
           limit: int = typer.Option(20, help="How many of the latest votes to list."),
           as_json: bool = JsonOpt, snapshot: Optional[Path] = SnapshotOpt) -> None:
    """Show a member's record: names, admission, and how it voted."""
    import polars as pl

    rec = open_record(snapshot)
    m = rec.member(name)
    votes = rec.votes(body=body, start=start, end=end, member=m.code, issue=issue)
    summary = votes.group_by("body", "vote").len().sort("body", "vote")
    latest = votes.sort("date", descending=True).head(limit).select("date", "body", "symbol", "draft", "vote", "title")
    if as_json:
        print_json({"member": m.to_dict(), "summary": summary.to_dicts(), "latest": latest.to_dicts()})
        return
    console.print(Panel(f"[bold]{m.name}[/bold] ({m.code})\nAdmitted: {m.admitted or '—'}"
                        + (f" · Left: {m.left} · Successor: {m.successor}" if m.left else "")
                        + f"\nRegional group: {m.regional_group or '—'}\nNames in the sources: " + "; ".join(m.names),
                        expand=False))
    pivot = summary.pivot(on="vote", index="body", values="len").fill_null(0) if summary.height else summary
    console.print(frame_table(pivot, title="Votes cast"))
    console.print(frame_table(latest.with_columns(pl.col("title").str.slice(0, 70)), title="Latest votes"))


@app.command()
def search(text: str = typer.Argument(..., help="Words to find in titles, symbols and agenda items."),
           body: Optional[str] = typer.Option(None, help="GA or SC."),
           limit: int = typer.Option(20, help="At most this many results."),
           as_json: bool = JsonOpt, snapshot: Optional[Path] = SnapshotOpt) -> None:
    """Full-text search over decision titles."""
    import polars as pl

    rec = open_record(snapshot)
    hits = rec.search(text, limit=limit, body=body).select("date", "body", "symbol", "draft", "outcome", "yes", "no",
                                                           "abstain", "title")
    if as_json:
        print_json(hits.to_dicts())
        return
    if not hits.height:
        console.print(f"No decision matches {text!r}.")
        raise typer.Exit(1)
    console.print(frame_table(hits.with_columns(pl.col("title").str.slice(0, 80))))


@app.command()
def sql(query: str = typer.Argument(..., help="One SELECT over decisions, votes, members, member_names, sc_seats, quality."),
        as_json: bool = JsonOpt, snapshot: Optional[Path] = SnapshotOpt) -> None:
    """Run a read-only SQL query (DuckDB) over the record."""
    result = open_record(snapshot).sql(query)
    if as_json:
        print_json(result.to_dicts())
    else:
        console.print(frame_table(result, limit=200))
        if result.height > 200:
            console.print(f"… {result.height - 200} more rows (use --json or export).")


@app.command()
def export(table: str = typer.Argument(..., help="decisions, votes or members."),
           out: Path = typer.Option(..., "--out", "-o", help="File to write; the format follows its extension."),
           fmt: Optional[str] = typer.Option(None, "--format", help="csv, parquet or json (default: from --out)."),
           body: Optional[str] = typer.Option(None, help="GA or SC."),
           start: Optional[str] = typer.Option(None), end: Optional[str] = typer.Option(None),
           member: Optional[str] = typer.Option(None, help="Only this member's votes (votes table)."),
           issue: Optional[str] = typer.Option(None), snapshot: Optional[Path] = SnapshotOpt) -> None:
    """Export a table (filtered) as CSV, Parquet or JSON."""
    rec = open_record(snapshot)
    fmt = (fmt or out.suffix.lstrip(".")).lower()
    if fmt not in ("csv", "parquet", "json"):
        raise UserError(f"Unknown export format {fmt!r}: use csv, parquet or json.")
    if table == "decisions":
        frame = rec.decisions(body=body, start=start, end=end, issue=issue)
    elif table == "votes":
        frame = rec.votes(body=body, start=start, end=end, member=member, issue=issue)
    elif table == "members":
        frame = rec.members()
    else:
        raise UserError(f"Unknown table {table!r}: use decisions, votes or members.")
    from unvote.files import write_atomically

    write_atomically(out, lambda tmp: _write_frame(frame, tmp, fmt))
    err_console.print(f"Wrote {frame.height} rows to {out}.")


def _write_frame(frame, path: Path, fmt: str) -> None:
    import polars as pl

    if fmt == "parquet":
        frame.write_parquet(path)
    elif fmt == "json":
        frame.write_json(path)
    else:
        flat = frame.with_columns([pl.col(c).list.join(";") for c, t in frame.schema.items() if isinstance(t, pl.List)])
        flat.write_csv(path)


# --- the snapshot --------------------------------------------------------------------------------------------------
@data_app.command("build")
def data_build(source: Path = typer.Option(..., "--from", help="The raw data folder (../shared/data)."),
               to: Optional[Path] = typer.Option(None, "--to", help="Snapshot folder to replace (default: the bundled one).")) -> None:
    """Build the snapshot from the raw sources; the same command takes in newer raw files."""
    from unvote.build import build

    manifest = build(source, to, console=err_console)
    counts = manifest["counts"]
    err_console.print(f"Snapshot built: {counts['decisions']} decisions, {counts['votes']} votes, "
                      f"last record {manifest['coverage']['last_record']}.")


@data_app.command("report")
def data_report(as_json: bool = JsonOpt, detail: bool = typer.Option(False, help="List every disagreement."),
                snapshot: Optional[Path] = SnapshotOpt) -> None:
    """The data-quality report: disagreements between sources and the rule that settled each."""
    import polars as pl

    quality = open_record(snapshot).quality()
    summary = quality.group_by("check", "rule").len().sort("len", descending=True)
    if as_json:
        print_json({"summary": summary.to_dicts(), "rows": quality.to_dicts() if detail else None})
        return
    console.print(frame_table(summary.rename({"len": "count"}), title="Disagreements between sources"))
    if detail:
        console.print(frame_table(quality.with_columns(pl.col("values").str.slice(0, 60))))


@data_app.command("info")
def data_info(as_json: bool = JsonOpt, snapshot: Optional[Path] = SnapshotOpt) -> None:
    """What the snapshot holds: coverage, row counts and the sources with their checksums."""
    manifest = open_record(snapshot).manifest
    if as_json:
        print_json(manifest)
        return
    cov = manifest["coverage"]
    console.print(Panel("\n".join([f"Built: {manifest['built_at']} by unvote {manifest['unvote_version']}",
                                   f"Records: {cov['first_record']} to {cov['last_record']}",
                                   *(f"{k}: {v}" for k, v in manifest["counts"].items()),
                                   *(f"{k}: {v}" for k, v in cov.items() if k not in ('first_record', 'last_record'))]),
                        title="unvote snapshot", expand=False))
    table = Table("source", "files", "sha256 (first file)", header_style="bold")
    for name, src in manifest["sources"].items():
        table.add_row(name, str(len(src["files"])), src["files"][0]["sha256"][:16] if src["files"] else "")
    console.print(table)


@app.command()
def demo(snapshot: Optional[Path] = SnapshotOpt) -> None:
    """A short tour of the record."""
    from unvote.demo import run_demo

    run_demo(open_record(snapshot), console)


# The packages add their own commands: the CLI holds no logic of its own.
for _module in ("unvote.charter.commands", "unvote.analysis.commands", "unvote.forecast.commands",
                "unvote.news.commands", "unvote.web.commands"):
    importlib.import_module(_module).register(app)


def main() -> None:
    """Console entry point: run the app, turning errors a user can cause into one sentence and exit code 2."""
    from unvote.sources import SourceError

    try:
        app()
    except UserError as exc:
        err_console.print(f"[red]Error:[/red] {exc}", highlight=False)
        sys.exit(exc.exit_code)
    except SourceError as exc:
        err_console.print(f"[red]Error:[/red] {exc}", highlight=False)
        sys.exit(1)
    except BrokenPipeError:
        sys.exit(0)
