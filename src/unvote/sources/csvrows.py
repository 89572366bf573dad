"""Strict CSV reading shared by the readers of comma-separated sources.

Polars reads a CSV fast but forgives what a reader must not: a row cut short by a truncated download comes back
padded with nulls. Here every record must have exactly the header's number of fields, quotes must close, and every
record keeps the line it starts on, so a :class:`~unvote.sources.SourceError` can point at it.

>>> table = read_csv_text("data.csv", "rcid,date\\n3,1946-01-01\\n", required=["rcid", "date"])
>>> table.frame.to_dicts(), table.lines
([{'rcid': '3', 'date': '1946-01-01'}], [2])
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from unvote.sources import SourceError


@dataclass(frozen=True)
class CsvTable:
    """A CSV file as text: ``frame`` holds every cell as a string ('' where blank); ``lines`` the 1-based line
    on which each record starts."""

    frame: pl.DataFrame
    lines: list[int]


def read_text(path: str | Path, data: bytes | None = None) -> str:
    """The file (or ``data`` read from it) decoded as UTF-8, with a byte-order mark dropped."""
    if data is None:
        try:
            data = Path(path).read_bytes()
        except FileNotFoundError:
            raise SourceError(path, "the file does not exist") from None
        except OSError as err:
            raise SourceError(path, f"the file cannot be read ({err.strerror or err})") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise SourceError(path, f"the file is not UTF-8 text (bad byte at offset {err.start}): it is corrupted",
                          line) from None


def read_csv_text(path: str | Path, text: str, required: Sequence[str]) -> CsvTable:
    """Parse ``text`` (the contents of ``path``) strictly; ``required`` columns must be in the header."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader)
    except StopIteration:
        raise SourceError(path, "the file is empty") from None
    except csv.Error as err:
        raise SourceError(path, f"the header cannot be parsed ({err})", 1) from None
    missing = [c for c in required if c not in header]
    if missing:
        raise SourceError(path, f"the header lacks the column(s) {', '.join(missing)}: not the expected file "
                                "or a corrupted header", 1)
    if len(set(header)) != len(header):
        twice = sorted({c for c in header if header.count(c) > 1})
        raise SourceError(path, f"the header names a column twice ({', '.join(twice)})", 1)
    rows: list[list[str]] = []
    lines: list[int] = []
    start = reader.line_num + 1
    try:
        for row in reader:
            if not row:
                # A blank line carries no record (some exports end with one).
                start = reader.line_num + 1
                continue
            if len(row) != len(header):
                cut = "; the file looks cut short" if reader.line_num == text.count("\n") + 1 else ""
                raise SourceError(path, f"the row has {len(row)} fields where the header has {len(header)}{cut}",
                                  start)
            rows.append(row)
            lines.append(start)
            start = reader.line_num + 1
    except csv.Error as err:
        # An unterminated quote runs to the end of the file: the classic sign of a truncated download.
        raise SourceError(path, f"the row cannot be parsed ({err}); the file is truncated or corrupted",
                          start) from None
    frame = pl.DataFrame(rows, schema={c: pl.String for c in header}, orient="row") if rows else \
        pl.DataFrame(schema={c: pl.String for c in header})
    return CsvTable(frame=frame, lines=lines)


def read_csv(path: str | Path, required: Sequence[str]) -> CsvTable:
    """Read a UTF-8 CSV file strictly (see :func:`read_csv_text`)."""
    return read_csv_text(path, read_text(path), required)


def bad_value(path: str | Path, table: CsvTable, column: str, ok: pl.Expr, expected: str) -> None:
    """Raise a :class:`SourceError` at the first row where ``ok`` is false for ``column``."""
    flags = table.frame.select(ok.fill_null(False).alias("ok"))["ok"]
    if flags.all():
        return
    i = int((~flags).arg_max())
    value = table.frame[column][i]
    raise SourceError(path, f"column {column!r} holds {value!r} where {expected} is expected", table.lines[i])
