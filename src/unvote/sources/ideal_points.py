"""Readers for the Bailey–Strezhnev–Voeten ideal-point estimates in ``ideal_points/``, kept for validation.

Two files, two shapes:

* ``IdealpointestimatesAll_Jun2024.csv`` (by GA session, 1–78): ``ccode, session, NVotesAll, IdealPointAll``, the
  quantiles ``QO%All … Q100%All``, ``iso3c, Countryname`` and agreement with six powers; missing values are ``NA``;
  the first column is R's unnamed row number.
* ``Idealpointestimates1946-2025.tab`` (by calendar year, tab-separated): ``ccode, iso3c, Countryname, year,
  NVotesFP, IdealPointFP, Q5%FP … Q95%FP`` (the "fixed-point" release).

Both come out in one shape: ``source, line, member_code, member, period, n_votes, ideal_point, q05, q50, q95``, with
``period`` the session (session file) or the year (year file). BSV code the Soviet Union as ``RUS`` and Yugoslavia,
Serbia and Montenegro and Serbia alike as ``YUG``; the codes are kept as printed.

>>> est = read_sessions("../shared/data/ideal_points/IdealpointestimatesAll_Jun2024.csv")
>>> est.filter((pl.col("member_code") == "USA") & (pl.col("period") == 1))["ideal_point"].round(3).to_list()
[1.676]
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from unvote.sources import SourceError
from unvote.sources.csvrows import read_csv_text, read_text

SOURCE_SESSIONS = "bsv_sessions"
SOURCE_YEARS = "bsv_years"
_SESSION_COLUMNS = {"iso3c": "member_code", "Countryname": "member", "session": "period", "NVotesAll": "n_votes",
                    "IdealPointAll": "ideal_point", "Q5%All": "q05", "Q50%All": "q50", "Q95%All": "q95"}
_YEAR_COLUMNS = {"iso3c": "member_code", "Countryname": "member", "year": "period", "NVotesFP": "n_votes",
                 "IdealPointFP": "ideal_point", "Q5%FP": "q05", "Q50%FP": "q50", "Q95%FP": "q95"}


def read_sessions(path: str | Path) -> pl.DataFrame:
    """BSV's estimates by General Assembly session (``IdealpointestimatesAll_Jun2024.csv``)."""
    path = Path(path)
    return _read(path, read_text(path), _SESSION_COLUMNS, SOURCE_SESSIONS)


def read_years(path: str | Path) -> pl.DataFrame:
    """BSV's estimates by calendar year (``Idealpointestimates1946-2025.tab``, tab-separated)."""
    path = Path(path)
    # The tab file has no quoting; turning tabs into commas is safe only when no field holds a comma or a quote.
    text = read_text(path)
    for number, row in enumerate(text.splitlines(), start=1):
        if "," in row or '"' in row:
            raise SourceError(path, "a field holds a comma or a quote, which this tab-separated file never has", number)
    return _read(path, text.replace("\t", ","), _YEAR_COLUMNS, SOURCE_YEARS)


def _read(path: Path, text: str, columns: dict[str, str], source: str) -> pl.DataFrame:
    table = read_csv_text(path, text, required=list(columns))
    frame = table.frame.select([pl.col(raw).alias(name) for raw, name in columns.items()]).with_columns(
        pl.Series("line", table.lines, dtype=pl.Int64)
    )
    numbers = {"period": pl.Int64, "n_votes": pl.Int64, "ideal_point": pl.Float64, "q05": pl.Float64,
               "q50": pl.Float64, "q95": pl.Float64}
    for column, dtype in numbers.items():
        text_value = pl.col(column).str.strip_chars()
        parsed = pl.when(text_value.is_in(["NA", ""])).then(None).otherwise(text_value).cast(dtype, strict=False)
        bad = frame.filter(parsed.is_null() & ~text_value.is_in(["NA", ""]))
        if bad.height:
            raw = next(k for k, v in columns.items() if v == column)
            raise SourceError(path, f"column {raw!r} holds {bad[column][0]!r} where a number is expected",
                              int(bad["line"][0]))
        frame = frame.with_columns(parsed.alias(column))
    missing = frame.filter(pl.col("member_code").str.strip_chars() == "")
    if missing.height:
        raise SourceError(path, "a row has no iso3c code", int(missing["line"][0]))
    return frame.select(
        pl.lit(source).alias("source"), "line", "member_code", "member", "period", "n_votes", "ideal_point",
        "q05", "q50", "q95",
    ).sort("period", "member_code")
