"""One reader per raw source in ``shared/data``. Each knows its own file's quirks and nothing of the others.

Every reader module exposes ``read(path) -> polars.DataFrame`` (or a small dataclass of frames) in the tidy shapes
described in ``docs/architecture.md``, and raises :class:`SourceError` naming the file (and line, where known) when
the file is malformed. Readers never map member names to codes: that is the reconciler's job (``unvote.members``).
"""

from __future__ import annotations

from pathlib import Path

import polars as pl


class SourceError(Exception):
    """A raw source file could not be read. The message names the file and, where known, the line."""

    def __init__(self, path: str | Path, problem: str, line: int | None = None):
        self.path = Path(path)
        self.problem = problem
        self.line = line
        where = f"{self.path}" + (f", line {line}" if line is not None else "")
        super().__init__(f"{where}: {problem}")


def source_files(directory: str | Path, pattern: str, what: str) -> list[Path]:
    """The files of a source folder matching ``pattern``, sorted; a missing folder, or one without such a file, is a
    :class:`SourceError` (``what`` names the files in the message)."""
    directory = Path(directory)
    if not directory.is_dir():
        raise SourceError(directory, "the directory does not exist")
    files = sorted(directory.glob(pattern))
    if not files:
        raise SourceError(directory, f"no {what} in the directory")
    return files


# Vote codes used everywhere in unvote: yes, no, abstain, and X for present-not-voting or absent.
VOTE_CODES = ("Y", "N", "A", "X")


def rollcall_key(rcid: pl.Expr, date: pl.Expr) -> pl.Expr:
    """The key of a Voeten roll call, ``f"{rcid}-{date:%Y%m%d}"``, shared by every reader of his data so the
    reconciler can join them: rcid alone is not unique across his full release (the withheld 2023 rows reuse 411,
    427, 449 and 495 of the 1950s). ``date`` is a ``pl.Date`` expression.

    >>> import datetime as dt
    >>> pl.select(rollcall_key(pl.lit(5377), pl.lit(dt.date(2014, 12, 18)))).item()
    '5377-20141218'
    """
    return pl.format("{}-{}", rcid, date.dt.strftime("%Y%m%d")).alias("key")
