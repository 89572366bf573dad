"""The DERIVED roll-call-to-symbol crosswalk for 2020-01 to 2023-08
(``ga_rollcall_meta/rcid_symbol_crosswalk_2020-01_to_2023-08_DERIVED.csv``).

One row per roll call of the Voeten wide file in that span (261), matched to the UNxml recorded vote with the same
date and tallies. Quirks handled here:

- rcid 9079 (A/RES/74/267) has no UNxml match: its symbol and title come from Voeten (``voeten_unres``,
  ``voeten_short``); ``symbol_from`` says which source gave the symbol.
- ``country_agreement`` is blank where the UNxml name lists are incomplete: null.
- rcid alone is not unique in Voeten's full release, so the key is ``f"{rcid}-{date:%Y%m%d}"`` as in
  :func:`unvote.sources.rollcall_key`.

>>> from unvote.sources import crosswalk
>>> walk = crosswalk.read("../shared/data/ga_rollcall_meta/rcid_symbol_crosswalk_2020-01_to_2023-08_DERIVED.csv")
>>> walk.filter(rcid=9332)["symbol"][0]
'A/RES/77/129'
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from unvote.sources import rollcall_key
from unvote.sources.csvrows import bad_value, read_csv

SOURCE = "crosswalk"

REQUIRED = ["rcid", "date", "voeten_unres", "voeten_short", "symbol", "title", "country_agreement"]


def read(csv_path: str | Path) -> pl.DataFrame:
    """Read the crosswalk: ``source, line, key, rcid, date, symbol, symbol_from, title, country_agreement``.

    >>> walk = read("../shared/data/ga_rollcall_meta/rcid_symbol_crosswalk_2020-01_to_2023-08_DERIVED.csv")
    >>> walk.filter(rcid=9079).select("symbol", "symbol_from").row(0)
    ('A/RES/74/267', 'voeten')
    """
    path = Path(csv_path)
    table = read_csv(path, required=REQUIRED)
    bad_value(path, table, "rcid", pl.col("rcid").str.contains(r"^\d+$"), "a roll-call number")
    bad_value(path, table, "date", pl.col("date").str.to_date("%Y-%m-%d", strict=False).is_not_null(),
              "a date (YYYY-MM-DD)")
    bad_value(path, table, "country_agreement",
              (pl.col("country_agreement") == "") | pl.col("country_agreement").cast(pl.Float64, strict=False)
              .is_between(0.0, 1.0), "a share between 0 and 1, or blank")
    bad_value(path, table, "symbol", (pl.col("symbol") != "") | (pl.col("voeten_unres") != ""),
              "a symbol (or a voeten_unres beside it)")

    def present(column: str) -> pl.Expr:
        return pl.when(pl.col(column).str.strip_chars() != "").then(pl.col(column).str.strip_chars())

    return table.frame.select(
        pl.lit(SOURCE).alias("source"),
        pl.Series("line", table.lines, dtype=pl.Int32),
        rollcall_key(pl.col("rcid").cast(pl.Int32), pl.col("date").str.to_date("%Y-%m-%d")),
        pl.col("rcid").cast(pl.Int32),
        pl.col("date").str.to_date("%Y-%m-%d"),
        pl.coalesce(present("symbol"), present("voeten_unres")).alias("symbol"),
        pl.when(present("symbol").is_not_null()).then(pl.lit("unxml")).otherwise(pl.lit("voeten"))
        .alias("symbol_from"),
        pl.coalesce(present("title"), present("voeten_short")).alias("title"),
        present("country_agreement").cast(pl.Float64).alias("country_agreement"),
    )
