"""Erik Voeten's GA roll calls reshaped wide (``ga_voeten_wide_2024/ungaVoting_003.csv``, 1946 to 2024).

One row per roll call: ``rcid, date``, the six issue flags (``me nu di hr co ec`` as ``TRUE``/``FALSE``), then one
column per member as an ISO3 code. Quirks handled here:

- ``rcid`` is not unique across the full release (the withheld 2023 rows reuse 411, 427, 449, 495 from the 1950s),
  so the key is ``f"{rcid}-{date:%Y%m%d}"`` (:func:`unvote.sources.rollcall_key`).
- Vote codes: 1 yes, 2 abstain, 3 no, 8 absent, 9 not a member (no vote row). Two columns (MNE, YEM) print some codes
  as floats (``1.0``); they are read as the same codes.
- The codes are the repo's harmonised ones (USSR under RUS, Yugoslavia under SRB, ...): ``unvote.members`` turns a
  code and a date into the state that sat then. The ``amend``/``para`` flags were dropped by the repo.

>>> from unvote.sources import voeten_wide
>>> wide = voeten_wide.read("../shared/data/ga_voeten_wide_2024/ungaVoting_003.csv")
>>> wide.decisions.filter(rcid=5377).select("key", "date").row(0)
('5377-20141218', datetime.date(2014, 12, 18))
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

import polars as pl

from unvote.sources import SourceError, rollcall_key
from unvote.sources.csvrows import bad_value, read_csv

SOURCE = "voeten_wide"

ISSUES = ["me", "nu", "di", "hr", "co", "ec"]
METADATA = ["rcid", "date", *ISSUES]
# Voeten's codes; 9 (not a member) gives no row.
VOTES = {"1": "Y", "2": "A", "3": "N", "8": "X"}
NOT_A_MEMBER = "9"


class VoetenWide(NamedTuple):
    """The roll calls (one row each) and the votes (one row per member present in the UN at the time)."""

    decisions: pl.DataFrame
    votes: pl.DataFrame


def read(csv_path: str | Path) -> VoetenWide:
    """Read the wide Voeten file.

    >>> wide = read("../shared/data/ga_voeten_wide_2024/ungaVoting_003.csv")
    >>> wide.votes.filter(key="5377-20141218").group_by("vote").len().sort("vote").rows()
    [('A', 53), ('N', 20), ('X', 4), ('Y', 116)]
    """
    path = Path(csv_path)
    table = read_csv(path, required=METADATA)
    bad_value(path, table, "rcid", pl.col("rcid").str.contains(r"^\d+$"), "a roll-call number")
    bad_value(path, table, "date", pl.col("date").str.to_date("%Y-%m-%d", strict=False).is_not_null(),
              "a date (YYYY-MM-DD)")
    for flag in ISSUES:
        bad_value(path, table, flag, pl.col(flag).is_in(["TRUE", "FALSE"]), "TRUE or FALSE")

    frame = table.frame.with_columns(
        line=pl.Series(table.lines, dtype=pl.Int32),
        rcid=pl.col("rcid").cast(pl.Int32),
        date=pl.col("date").str.to_date("%Y-%m-%d"),
    ).with_columns(rollcall_key(pl.col("rcid"), pl.col("date")))
    duplicated = frame.filter(pl.col("key").is_duplicated())
    if duplicated.height:
        raise SourceError(path, f"roll call {duplicated['key'][0]} appears twice", int(duplicated["line"][-1]))

    decisions = frame.select(
        pl.lit(SOURCE).alias("source"),
        "line",
        "key",
        pl.lit("GA").alias("body"),
        "rcid",
        "date",
        pl.concat_list([pl.when(pl.col(f) == "TRUE").then(pl.lit(f)) for f in ISSUES]).list.drop_nulls()
        .alias("issues"),
    )

    members = [c for c in table.frame.columns if c not in METADATA]
    long = (
        frame.select("key", "line", *members)
        .unpivot(index=["key", "line"], on=members, variable_name="member_code", value_name="code")
        # MNE and YEM print some codes as floats: 1.0 is 1.
        .with_columns(code=pl.col("code").str.replace(r"\.0$", ""))
    )
    bad = long.filter(~pl.col("code").is_in([*VOTES, NOT_A_MEMBER])).sort("line")
    if bad.height:
        row = bad.row(0, named=True)
        raise SourceError(path, f"column {row['member_code']!r} holds {row['code']!r} where a vote code "
                                "(1, 2, 3, 8 or 9) is expected", int(row["line"]))
    votes = long.filter(pl.col("code") != NOT_A_MEMBER).select(
        pl.lit(SOURCE).alias("source"), "line", "key", "member_code",
        pl.col("code").replace_strict(VOTES).alias("vote"),
    )
    return VoetenWide(decisions=decisions, votes=votes)
