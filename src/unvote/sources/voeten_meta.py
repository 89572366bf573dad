"""Voeten's roll-call metadata through March 2021, from the un-project split of ``UNVotes.csv``
(``ga_rollcall_meta/un-project_un-votes/voeten_roll_calls_1946-2021_DERIVED.csv``).

One row per roll call (6,299): the 6,202 of the unvotes package plus rcid 9079 (A/RES/74/267) and session 75 up to
2021-03-03. Quirks handled here:

- Missing values are the text ``NA`` (R's), and ``unres``/``short`` are sometimes empty: both become null.
- For 2020 ``short`` = ``descr`` = the resolution title with a trailing space, and ``importantvote`` is NA.
- ``unres`` is Voeten's shorthand (``R/69/188``) for older votes and a UN symbol (``A/RES/75/4``) for 2020 on; the
  ``symbol`` column holds the UN form in both cases.

>>> from unvote.sources import voeten_meta
>>> meta = voeten_meta.read(
...     "../shared/data/ga_rollcall_meta/un-project_un-votes/voeten_roll_calls_1946-2021_DERIVED.csv")
>>> meta.filter(rcid=5377).select("symbol", "yes", "no", "abstain").row(0)
('A/RES/69/188', 116, 20, 53)
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from unvote.sources import rollcall_key
from unvote.sources.csvrows import bad_value, read_csv
from unvote.symbols import from_voeten_unres

SOURCE = "voeten_meta"

ISSUES = ["me", "nu", "di", "hr", "co", "ec"]
REQUIRED = ["rcid", "session", "abstain", "yes", "no", "importantvote", "date", "unres", "amend", "para", "short",
            "descr", *ISSUES]
MISSING = ["", "NA"]


def read(csv_path: str | Path) -> pl.DataFrame:
    """Read the roll-call metadata: one row per roll call, keyed like the Voeten wide file (``rcid-yyyymmdd``).

    >>> meta = read("../shared/data/ga_rollcall_meta/un-project_un-votes/voeten_roll_calls_1946-2021_DERIVED.csv")
    >>> meta.height, meta["date"].max()
    (6299, datetime.date(2021, 3, 3))
    """
    path = Path(csv_path)
    table = read_csv(path, required=REQUIRED)

    def present(column: str) -> pl.Expr:
        return pl.when(~pl.col(column).str.strip_chars().is_in(MISSING)).then(pl.col(column).str.strip_chars())

    whole = r"^\d+$"
    bad_value(path, table, "rcid", pl.col("rcid").str.contains(whole), "a roll-call number")
    bad_value(path, table, "session", pl.col("session").str.contains(whole), "a session number")
    bad_value(path, table, "date", pl.col("date").str.to_date("%Y-%m-%d", strict=False).is_not_null(),
              "a date (YYYY-MM-DD)")
    for column in ("yes", "no", "abstain"):
        bad_value(path, table, column, pl.col(column).str.contains(whole) | pl.col(column).is_in(MISSING),
                  "a count or NA")
    for column in ("importantvote", "amend", "para", *ISSUES):
        bad_value(path, table, column, pl.col(column).is_in(["0", "1", *MISSING]), "0, 1 or NA")

    return table.frame.select(
        pl.lit(SOURCE).alias("source"),
        pl.Series("line", table.lines, dtype=pl.Int32),
        rollcall_key(pl.col("rcid").cast(pl.Int32), pl.col("date").str.to_date("%Y-%m-%d")),
        pl.lit("GA").alias("body"),
        pl.col("rcid").cast(pl.Int32),
        pl.col("date").str.to_date("%Y-%m-%d"),
        pl.col("session").cast(pl.Int32),
        *[present(c).cast(pl.Int32).alias(c) for c in ("yes", "no", "abstain")],
        (present("importantvote") == "1").alias("important"),
        present("unres").alias("unres"),
        present("unres").map_elements(from_voeten_unres, return_dtype=pl.String).alias("symbol"),
        (present("amend") == "1").alias("amend"),
        (present("para") == "1").alias("para"),
        present("short").alias("short"),
        present("descr").alias("descr"),
        pl.concat_list([pl.when(pl.col(f) == "1").then(pl.lit(f)) for f in ISSUES]).list.drop_nulls()
        .alias("issues"),
    )
