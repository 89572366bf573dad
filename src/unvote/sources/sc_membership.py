"""Readers for ``sc_membership/``: who held an elected seat on the Security Council, year by year.

Three files, three readers:

- ``security_council_non_permanent.csv`` (un.org "Countries Elected Members", 1946-2019): one row per member and
  year. Quirks: country names carry a trailing space, and the year 2000 is printed ``2e3`` (a spreadsheet's float).
- ``elected_2015_2027.csv``: one row per term (``term_start``..``term_end``, calendar years), from the GA's yearly
  elections. Split terms (Italy 2017, Netherlands 2018) are single-year rows.
- ``sc_members_by_year_DERIVED.csv``: the members seen voting each year in two vote files, for cross-checks only.
  Its own ``source`` column (which vote file) is returned as ``observed_in``.

>>> from pathlib import Path
>>> elected = read_elected(Path("../shared/data/sc_membership/elected_2015_2027.csv"))
>>> elected.filter(pl.col("term_start") == 2023)["member"].to_list()
['Ecuador', 'Japan', 'Malta', 'Mozambique', 'Switzerland']
"""

from __future__ import annotations

import csv
from pathlib import Path

import polars as pl

from unvote.sources import SourceError

NON_PERMANENT = "security_council_non_permanent.csv"
ELECTED = "elected_2015_2027.csv"
OBSERVED = "sc_members_by_year_DERIVED.csv"

SOURCE_NON_PERMANENT = "sc_membership/security_council_non_permanent.csv"
SOURCE_ELECTED = "sc_membership/elected_2015_2027.csv"
SOURCE_OBSERVED = "sc_membership/sc_members_by_year_DERIVED.csv"


def _rows(path: Path, expected: list[str]) -> list[tuple[int, dict[str, str]]]:
    """The file's rows as (line, row) pairs, after checking that the header names the expected columns."""
    try:
        with open(path, newline="", encoding="utf-8-sig") as handle:
            reader = csv.DictReader(handle)
            header = [name.strip() for name in (reader.fieldnames or [])]
            missing = [name for name in expected if name not in header]
            if missing:
                raise SourceError(path, f"missing column(s) {', '.join(missing)}; header is {header}", line=1)
            reader.fieldnames = header
            # csv counts physical lines, so quoted fields with newlines still give the right line number.
            return [(reader.line_num, row) for row in reader]
    except FileNotFoundError:
        raise SourceError(path, "file not found") from None
    except UnicodeDecodeError as err:
        raise SourceError(path, f"not UTF-8 text ({err.reason})") from None


def _year(path: Path, line: int, column: str, text: str | None) -> int:
    """A year from a cell; ``2e3`` (how the un.org export prints 2000) is read as 2000."""
    value = (text or "").strip()
    try:
        number = float(value)
    except ValueError:
        raise SourceError(path, f"{column} {value!r} is not a year", line=line) from None
    if number != int(number) or not 1945 <= number <= 2100:
        raise SourceError(path, f"{column} {value!r} is not a year", line=line)
    return int(number)


def _name(path: Path, line: int, text: str | None) -> str:
    name = (text or "").strip()
    if not name:
        raise SourceError(path, "empty country name", line=line)
    return name


def read_non_permanent(path: Path) -> pl.DataFrame:
    """Elected members by year, 1946-2019: ``source, line, member, year, tenure, year_of_tenure``.

    >>> read_non_permanent(Path("../shared/data/sc_membership/security_council_non_permanent.csv")).height
    660
    """
    path = Path(path)
    records = []
    for line, row in _rows(path, ["country", "which_tenure", "year", "year_of_tenure"]):
        records.append({
            "source": SOURCE_NON_PERMANENT,
            "line": line,
            "member": _name(path, line, row["country"]),
            "year": _year(path, line, "year", row["year"]),
            "tenure": _count(path, line, "which_tenure", row["which_tenure"]),
            "year_of_tenure": _count(path, line, "year_of_tenure", row["year_of_tenure"]),
        })
    return pl.DataFrame(records, schema=_NON_PERMANENT_SCHEMA)


def _count(path: Path, line: int, column: str, text: str | None) -> int:
    value = (text or "").strip()
    if not value.isdigit():
        raise SourceError(path, f"{column} {value!r} is not a whole number", line=line)
    return int(value)


_NON_PERMANENT_SCHEMA = {"source": pl.String, "line": pl.Int32, "member": pl.String, "year": pl.Int32,
                         "tenure": pl.Int32, "year_of_tenure": pl.Int32}
_ELECTED_SCHEMA = {"source": pl.String, "line": pl.Int32, "member": pl.String, "term_start": pl.Int32,
                   "term_end": pl.Int32, "election_year": pl.Int32}
_OBSERVED_SCHEMA = {"source": pl.String, "line": pl.Int32, "year": pl.Int32, "member": pl.String,
                    "n_recorded_votes": pl.Int32, "observed_in": pl.String}


def read_elected(path: Path) -> pl.DataFrame:
    """Elected terms from 2015: ``source, line, member, term_start, term_end, election_year`` (calendar years)."""
    path = Path(path)
    records = []
    for line, row in _rows(path, ["country", "term_start", "term_end", "election_year"]):
        start = _year(path, line, "term_start", row["term_start"])
        end = _year(path, line, "term_end", row["term_end"])
        if end < start:
            raise SourceError(path, f"term ends ({end}) before it starts ({start})", line=line)
        records.append({
            "source": SOURCE_ELECTED,
            "line": line,
            "member": _name(path, line, row["country"]),
            "term_start": start,
            "term_end": end,
            "election_year": _year(path, line, "election_year", row["election_year"]),
        })
    return pl.DataFrame(records, schema=_ELECTED_SCHEMA)


def read_observed(path: Path) -> pl.DataFrame:
    """Members seen voting each year: ``source, line, year, member, n_recorded_votes, observed_in``."""
    path = Path(path)
    records = []
    for line, row in _rows(path, ["year", "member", "n_recorded_votes", "source"]):
        records.append({
            "source": SOURCE_OBSERVED,
            "line": line,
            "year": _year(path, line, "year", row["year"]),
            "member": _name(path, line, row["member"]),
            "n_recorded_votes": _count(path, line, "n_recorded_votes", row["n_recorded_votes"]),
            "observed_in": (row["source"] or "").strip(),
        })
    return pl.DataFrame(records, schema=_OBSERVED_SCHEMA)


def elected_by_year(data_dir: Path) -> pl.DataFrame:
    """One row per elected member and year from both membership files: ``source, line, member, year``.

    From 2016 the newer file wins (it is complete from then); for 2016-2019, which both cover, the two agree (a test
    checks it).
    ``data_dir`` is the ``shared/data`` folder (or its ``sc_membership`` subfolder).
    """
    folder = _folder(data_dir)
    old = read_non_permanent(folder / NON_PERMANENT).select("source", "line", "member", "year")
    terms = read_elected(folder / ELECTED)
    new = (terms.with_columns(year=pl.int_ranges("term_start", pl.col("term_end") + 1, dtype=pl.Int32))
           .explode("year").select("source", "line", "member", "year"))
    # Half the elected seats change each year, so the newer file holds every seat only from the year after its
    # first term starts (its 2015 has just the five members elected in 2014).
    first_new = int(terms["term_start"].min()) + 1 if terms.height else 10_000
    return pl.concat([old.filter(pl.col("year") < first_new), new.filter(pl.col("year") >= first_new)]).sort(
        "year", "member")


def _folder(data_dir: Path) -> Path:
    data_dir = Path(data_dir)
    return data_dir if (data_dir / ELECTED).exists() or data_dir.name == "sc_membership" else data_dir / "sc_membership"
