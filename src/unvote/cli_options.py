"""The options many ``unvote`` commands share, in a module of their own: the packages' command modules need them
when their functions are defined, and :mod:`unvote.cli` imports those modules, so the options cannot live there."""

from __future__ import annotations

import typer

JsonOpt = typer.Option(False, "--json", help="Print JSON instead of tables.")
SnapshotOpt = typer.Option(None, "--snapshot", help="A snapshot directory other than the bundled one.")
