"""Command-line commands of unvote.web, added to the main app by unvote.cli."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from unvote.cli_options import SnapshotOpt


def register(app: typer.Typer) -> None:
    """Add this package's commands to the unvote app."""

    @app.command()
    def serve(host: str = typer.Option("127.0.0.1", help="Address to bind; only loopback unless you say otherwise."),
              port: int = typer.Option(8000, min=1, max=65535, help="Port to listen on."),
              snapshot: Optional[Path] = SnapshotOpt) -> None:
        """Start the web explorer (pages and their JSON at /api, OpenAPI at /openapi.json)."""
        # Imported here so that `unvote --help` does not pay for FastAPI and uvicorn.
        import ipaddress

        import uvicorn

        import unvote
        from unvote.web.app import create_app

        try:
            loopback = host == "localhost" or ipaddress.ip_address(host).is_loopback
        except ValueError:
            loopback = False
        if not loopback:
            # The explorer has no login: anyone who can reach the address can use it (read-only, bounded SQL).
            typer.echo(f"Warning: serving on {host}, reachable beyond this machine; the explorer has no login.", err=True)
        typer.echo(f"unvote explorer on http://{host}:{port}/ (Ctrl+C to stop)", err=True)
        uvicorn.run(create_app(unvote.open(snapshot)), host=host, port=port, log_level="warning")
