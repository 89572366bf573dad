"""The R package **unvotes** 0.3.0 (``unvotes_cran/``): Voeten's GA roll calls 1946-2019 as three R data frames.

``data/un_votes.rda``, ``data/un_roll_calls.rda`` and ``data/un_roll_call_issues.rda`` are read with pyreadr; the
lossless ``*.csv.xz`` exports beside them are used only when an ``.rda`` is missing. Quirks handled here:

- Only yes, no and abstain votes are kept by the package: absences and non-members have no row.
- ``importantvote``, ``amend`` and ``para`` are 0/1 with NA where Voeten did not code them: booleans with nulls.
- ``rcid`` and ``session`` are stored as doubles; they are whole numbers and are returned as integers.
- ``country_code`` (ISO2) is NA for states without a current code (e.g. Yugoslavia, Czechoslovakia).

>>> from unvote.sources import unvotes
>>> data = unvotes.read("../shared/data/unvotes_cran")
>>> data.roll_calls.filter(rcid=5377).select("symbol", "date").row(0)
('A/RES/69/188', datetime.date(2014, 12, 18))
"""

from __future__ import annotations

import lzma
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import polars as pl
import pyreadr

from unvote.sources import SourceError, rollcall_key
from unvote.sources.csvrows import read_csv_text, read_text
from unvote.symbols import from_voeten_unres

SOURCE = "unvotes"

COLUMNS = {
    "un_roll_calls": ["rcid", "session", "importantvote", "date", "unres", "amend", "para", "short", "descr"],
    "un_votes": ["rcid", "country", "country_code", "vote"],
    "un_roll_call_issues": ["rcid", "short_name", "issue"],
}
VOTES = {"yes": "Y", "no": "N", "abstain": "A"}


class Unvotes(NamedTuple):
    """The roll calls, the member votes and the issue codes of the unvotes package."""

    roll_calls: pl.DataFrame
    votes: pl.DataFrame
    issues: pl.DataFrame


def read(directory: str | Path) -> Unvotes:
    """Read the unvotes package directory (the one holding ``data/*.rda``).

    >>> data = read("../shared/data/unvotes_cran")
    >>> data.votes.height, data.roll_calls.height, data.issues.height
    (869937, 6202, 5745)
    """
    directory = Path(directory)
    if not directory.is_dir():
        raise SourceError(directory, "the unvotes directory does not exist")
    calls = _table(directory, "un_roll_calls")
    issue_codes = _table(directory, "un_roll_call_issues")
    member_votes = _table(directory, "un_votes")

    roll_calls = calls.frame.select(
        pl.lit(SOURCE).alias("source"),
        calls.line(),
        calls.whole("rcid"),
        calls.whole("session"),
        calls.flag("importantvote").alias("important"),
        calls.date("date"),
        _text("unres"),
        _text("unres").map_elements(from_voeten_unres, return_dtype=pl.String).alias("symbol"),
        calls.flag("amend"),
        calls.flag("para"),
        *[_text(c) for c in ("short", "descr")],
    ).with_columns(rollcall_key(pl.col("rcid"), pl.col("date")))

    vote_text = member_votes.frame["vote"].cast(pl.String)
    member_votes.first_bad("vote", ~vote_text.is_in(list(VOTES)).fill_null(False), "yes, no or abstain")
    votes = member_votes.frame.select(
        pl.lit(SOURCE).alias("source"),
        member_votes.line(),
        member_votes.whole("rcid"),
        pl.col("country").cast(pl.String).alias("member"),
        pl.col("country_code").cast(pl.String).alias("member_iso2"),
        pl.lit(vote_text).replace_strict(VOTES).alias("vote"),
    )

    issues = issue_codes.frame.select(
        pl.lit(SOURCE).alias("source"),
        issue_codes.line(),
        issue_codes.whole("rcid"),
        pl.col("short_name").cast(pl.String),
        pl.col("issue").cast(pl.String),
    )
    return Unvotes(roll_calls=roll_calls, votes=votes, issues=issues)


def _text(column: str) -> pl.Expr:
    # Stray spaces and empty strings stand for no text: null, so the .rda and the CSV export read the same.
    text = pl.col(column).cast(pl.String).str.strip_chars()
    return pl.when(text != "").then(text).alias(column)


@dataclass(frozen=True)
class _Table:
    """One data frame as read, with where each row came from (row number in an .rda, line in a CSV export)."""

    path: Path
    frame: pl.DataFrame
    lines: list[int]

    def line(self) -> pl.Series:
        return pl.Series("line", self.lines, dtype=pl.Int32)

    def first_bad(self, column: str, bad: pl.Series, expected: str) -> None:
        if bad.any():
            i = int(bad.arg_max())
            raise SourceError(self.path, f"column {column!r} holds {self.frame[column][i]!r} where {expected} "
                                         f"is expected (row {i + 1})", self.lines[i])

    def whole(self, column: str) -> pl.Series:
        # rcid and session are stored as R doubles (and exported as 3.0): whole numbers, returned as integers.
        values = self.frame[column].cast(pl.Float64, strict=False)
        self.first_bad(column, (values.is_null() | (values != values.round(0))).fill_null(True), "a whole number")
        return values.cast(pl.Int32).alias(column)

    def flag(self, column: str) -> pl.Series:
        # Voeten's 0/1 codes with NA where a roll call was not coded: a boolean with nulls.
        values = self.frame[column].cast(pl.Float64, strict=False)
        self.first_bad(column, self.frame[column].is_not_null() & ~values.is_in([0.0, 1.0]).fill_null(False),
                       "0, 1 or NA")
        return (values == 1.0).alias(column)

    def date(self, column: str) -> pl.Series:
        values = self.frame[column]
        if values.dtype != pl.Date:
            values = values.cast(pl.String).str.to_date("%Y-%m-%d", strict=False)
        self.first_bad(column, values.is_null(), "a date (YYYY-MM-DD)")
        return values.alias(column)


def _table(directory: Path, name: str) -> _Table:
    """The data frame ``name`` from its .rda file, or from the .csv.xz export when the .rda is missing."""
    for rda in (directory / "data" / f"{name}.rda", directory / f"{name}.rda"):
        if rda.is_file():
            try:
                frames = pyreadr.read_r(str(rda))
            except (pyreadr.custom_errors.PyreadrError, pyreadr.custom_errors.LibrdataError, UnicodeDecodeError,
                    ValueError, OSError) as err:
                raise SourceError(rda, f"not a readable R data file ({err}): the file is truncated or corrupted") \
                    from None
            if name not in frames:
                raise SourceError(rda, f"the R data file does not hold the data frame {name!r}")
            frame = pl.from_pandas(frames[name])
            missing = [c for c in COLUMNS[name] if c not in frame.columns]
            if missing:
                raise SourceError(rda, f"the data frame {name!r} lacks the column(s) {', '.join(missing)}")
            return _Table(rda, frame, list(range(1, frame.height + 1)))
    xz = directory / f"{name}.csv.xz"
    if not xz.is_file():
        raise SourceError(directory / "data" / f"{name}.rda", f"the file does not exist (nor does {xz.name})")
    try:
        data = lzma.decompress(xz.read_bytes())
    except (lzma.LZMAError, EOFError) as err:
        raise SourceError(xz, f"not a readable xz file ({err}): the file is truncated or corrupted") from None
    table = read_csv_text(xz, read_text(xz, data), required=COLUMNS[name])
    # The export writes R's NA as an empty field.
    frame = table.frame.with_columns(pl.when(pl.col(c) != "").then(pl.col(c)).alias(c) for c in table.frame.columns)
    return _Table(xz, frame, table.lines)
