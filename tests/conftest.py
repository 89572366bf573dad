"""Shared fixtures: the raw data folder beside the repo and the bundled snapshot."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = Path(os.environ.get("UNVOTE_SHARED_DATA", REPO.parent / "shared" / "data"))


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """``../shared/data``: the raw sources."""
    if not SHARED_DATA.is_dir():
        pytest.fail(f"the raw data folder {SHARED_DATA} is missing (set UNVOTE_SHARED_DATA)")
    return SHARED_DATA


@pytest.fixture(scope="session")
def record():
    """The bundled snapshot, opened once for the session."""
    import unvote

    return unvote.open()


@pytest.fixture(scope="session")
def seats(shared_data):
    """The Security Council's seats table built from the raw sources (as the snapshot build does)."""
    from unvote.charter.composition import seats_table

    return seats_table(shared_data)
