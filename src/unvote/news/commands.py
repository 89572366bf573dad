"""Command-line commands of unvote.news, added to the main app by unvote.cli.

``unvote check story.html`` · ``cat story.txt | unvote check - --date 2022-05-26 --format json`` ·
``unvote check story.txt --no-forecasts``
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer

from unvote.errors import UserError

FORMATS = ("text", "markdown", "json")


def read_input(article: str) -> str:
    """The text of ``article``: a file path, or ``-`` for standard input; an unreadable file is a UserError."""
    if article == "-":
        return sys.stdin.read()
    path = Path(article)
    if not path.is_file():
        raise UserError(f"No article file at {article!r} (give a text or HTML file, or - for standard input).")
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise UserError(f"{article} is not UTF-8 text; save the story as UTF-8 text or HTML.") from None


def check_command(
        article: str = typer.Argument(..., help="A text or HTML file with the story, or - for standard input."),
        date: Optional[str] = typer.Option(None, "--date", help="Publication date YYYY-MM-DD, when the story "
                                                                  "carries none (overrides the dateline)."),
        fmt: str = typer.Option("text", "--format", help="text (terminal report), markdown or json."),
        forecasts: bool = typer.Option(True, "--forecasts/--no-forecasts",
                                       help="Run the forecaster on statements about votes still to come (it fits "
                                            "a model on the record before the story's date; verdicts do not change)."),
) -> None:
    """Check a news story about a UN vote against the record: each statement supported, contradicted or not in
    the record, with the evidence."""
    from unvote.cli import console, print_json
    from unvote.dates import parse_date
    from unvote.news.check import check

    if fmt not in FORMATS:
        raise UserError(f"Unknown format {fmt!r}: use text, markdown or json.")
    published = parse_date(date, "publication date")
    report = check(read_input(article), published, forecasts=forecasts)
    if fmt == "json":
        print_json(report.to_json())
    elif fmt == "markdown":
        sys.stdout.write(report.to_markdown() + "\n")
    else:
        report.render(console)


def register(app: typer.Typer) -> None:
    """Add this package's commands to the unvote app."""
    app.command("check")(check_command)
