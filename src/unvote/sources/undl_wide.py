"""The UN Digital Library voting records scraped into one wide CSV (``undl_scraped_2022/UN DATA.csv.zip``).

One row per recorded vote (5,238 General Assembly votes and 2,617 Security Council resolutions, 1946-2021), eleven
metadata columns and one column per member-state name. Quirks handled here:

- ``ABSENT COUNT`` holds the *abstentions* and ``NO-VOTE COUNT`` the members present not voting or absent
  (PROVENANCE checked it on A/RES/69/188: 116-20-53, 4 non-voting).
- Resolutions adopted without a vote are printed with yes = no = abstain = 0 and every member ``X``; they are kept
  as printed and flagged ``totals_zero`` so the build can decide.
- Two GA rows give only a year as their date (``2011``, ``1977``): ``date`` is null there and ``year`` holds it.
- Member columns keep the file's spellings, stray letters included (``' UNITED KINGDOM'``, ``'Aa UNITED STATES'``,
  ``'CHILEs '``); ``unvote.members`` maps them. A blank cell means "not a member then" and gives no vote row.

>>> from unvote.sources import undl_wide
>>> undl = undl_wide.read("../shared/data/undl_scraped_2022/UN DATA.csv.zip")
>>> undl.decisions.filter(symbol="A/RES/69/188").select("yes", "no", "abstain", "non_voting").row(0)
(116, 20, 53, 4)
"""

from __future__ import annotations

import zipfile
import zlib
from pathlib import Path
from typing import NamedTuple

import polars as pl

from unvote.sources import VOTE_CODES, SourceError
from unvote.sources.csvrows import bad_value, read_csv_text, read_text

SOURCE = "undl_wide"

METADATA = ["Council", "Date", "Title", "Resolution", "TOTAL VOTES", "NO-VOTE COUNT", "ABSENT COUNT", "NO COUNT",
            "YES COUNT", "Link", "token"]
BODIES = {"General Assembly": "GA", "Security Council": "SC"}
COUNTS = {"YES COUNT": "yes", "NO COUNT": "no", "ABSENT COUNT": "abstain", "NO-VOTE COUNT": "non_voting",
          "TOTAL VOTES": "total"}


class UndlWide(NamedTuple):
    """The decisions (one row per recorded vote) and the votes (one row per member and decision)."""

    decisions: pl.DataFrame
    votes: pl.DataFrame


def read(zip_path: str | Path) -> UndlWide:
    """Read the zipped UNDL wide file.

    >>> undl = read("../shared/data/undl_scraped_2022/UN DATA.csv.zip")
    >>> undl.decisions.group_by("body").len().sort("body").rows()
    [('GA', 5238), ('SC', 2617)]
    """
    path = Path(zip_path)
    table = read_csv_text(path, read_text(path, _csv_bytes(path)), required=METADATA)
    frame = table.frame.with_columns(line=pl.Series(table.lines, dtype=pl.Int32))

    bad_value(path, table, "Council", pl.col("Council").is_in(list(BODIES)), "'General Assembly' or 'Security Council'")
    for column in COUNTS:
        bad_value(path, table, column, pl.col(column).str.contains(r"^\d+$"), "a whole number")
    full_date = pl.col("Date").str.contains(r"^\d{4}-\d{2}-\d{2}$")
    bad_value(path, table, "Date", full_date & pl.col("Date").str.to_date("%Y-%m-%d", strict=False).is_not_null()
              | pl.col("Date").str.contains(r"^\d{4}$"), "a date (YYYY-MM-DD, or a bare year)")
    bad_value(path, table, "token", pl.col("token").str.contains(r"^\d+$"), "a UNDL record number")

    members = [c for c in table.frame.columns if c not in METADATA]
    is_sc = pl.col("Council") == "Security Council"
    decisions = frame.select(
        pl.lit(SOURCE).alias("source"),
        "line",
        pl.col("token").alias("key"),
        pl.col("Council").replace_strict(BODIES).alias("body"),
        pl.col("Date").str.to_date("%Y-%m-%d", strict=False).alias("date"),
        # The SC symbol carries the resolution's year; for the GA, the printed date's year.
        pl.when(is_sc).then(pl.col("Resolution").str.extract(r"\((\d{4})\)\s*$").cast(pl.Int32))
        .otherwise(pl.col("Date").str.slice(0, 4).cast(pl.Int32)).alias("year"),
        pl.when(is_sc).then(pl.col("Resolution").str.extract(r"^S/RES/(\d+)").cast(pl.Int32)).alias("number"),
        pl.col("Resolution").alias("symbol"),
        pl.col("Title").alias("title"),
        *[pl.col(column).cast(pl.Int32).alias(name) for column, name in COUNTS.items()],
        pl.col("token").alias("undl_record"),
        pl.col("Link").alias("link"),
    ).with_columns(
        # Adopted without a vote: the scrape records every member as X and all three tallies as 0.
        totals_zero=(pl.col("yes") + pl.col("no") + pl.col("abstain")) == 0,
    )

    votes = (
        frame.select(pl.col("token").alias("key"), "line", *members)
        .unpivot(index=["key", "line"], on=members, variable_name="member", value_name="vote")
        .filter(pl.col("vote") != "")
    )
    bad = votes.filter(~pl.col("vote").is_in(VOTE_CODES)).sort("line")
    if bad.height:
        member, vote, line = bad.row(0, named=True)["member"], bad["vote"][0], bad["line"][0]
        raise SourceError(path, f"column {member!r} holds {vote!r} where a vote code (Y, N, A, X) or blank "
                                "is expected", int(line))
    votes = votes.select(pl.lit(SOURCE).alias("source"), "line", "key", "member", "vote")
    return UndlWide(decisions=decisions, votes=votes)


def _csv_bytes(path: Path) -> bytes:
    """The bytes of the one CSV member of the zip archive."""
    try:
        with zipfile.ZipFile(path) as archive:
            names = [n for n in archive.namelist() if n.lower().endswith(".csv")]
            if len(names) != 1:
                raise SourceError(path, f"the archive should hold one CSV file, it holds {len(names)}")
            return archive.read(names[0])
    except FileNotFoundError:
        raise SourceError(path, "the file does not exist") from None
    except (zipfile.BadZipFile, zlib.error, EOFError) as err:
        raise SourceError(path, f"not a readable zip archive ({err}): the file is truncated or corrupted") from None
    except OSError as err:
        raise SourceError(path, f"the file cannot be read ({err.strerror or err})") from None
