"""One reader per raw source in ``shared/data``. Each knows its own file's quirks and nothing of the others.

Every reader module exposes ``read(path) -> polars.DataFrame`` (or a small dataclass of frames) in the tidy shapes
described in ``docs/architecture.md``, and raises :class:`SourceError` naming the file (and line, where known) when
the file is malformed. Readers never map member names to codes: that is the reconciler's job (``unvote.members``).
"""

from __future__ import annotations

from pathlib import Path


class SourceError(Exception):
    """A raw source file could not be read. The message names the file and, where known, the line."""

    def __init__(self, path: str | Path, problem: str, line: int | None = None):
        self.path = Path(path)
        self.problem = problem
        self.line = line
        where = f"{self.path}" + (f", line {line}" if line is not None else "")
        super().__init__(f"{where}: {problem}")


# Vote codes used everywhere in unvote: yes, no, abstain, and X for present-not-voting or absent.
VOTE_CODES = ("Y", "N", "A", "X")
