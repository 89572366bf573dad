"""Command-line commands of unvote.forecast, added to the main app by unvote.cli."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add this package's commands to the unvote app."""
