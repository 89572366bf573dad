"""Mapping the sources' member codes and spellings to the snapshot's codes, date by date, in bulk.

``unvote.members`` knows one name or code at a time; here each distinct (name, date) pair is looked up once, which
keeps a million votes quick.
"""

from __future__ import annotations

import polars as pl

from unvote import members


def map_codes_by_date(frame: pl.DataFrame, code: str = "code", on: str = "date") -> pl.DataFrame:
    """Add ``member``: the state that held ``code`` on the date (RUS before 24 Dec 1991 is the USSR, SUN)."""
    pairs = frame.select(code, on).unique()
    mapped = [members.historical_code(c, d) for c, d in pairs.iter_rows()]
    pairs = pairs.with_columns(member=pl.Series(mapped, dtype=pl.String))
    return frame.join(pairs, on=[code, on], how="left")


def map_names_by_date(frame: pl.DataFrame, name: str = "member", on: str = "date") -> pl.DataFrame:
    """Replace the spelling in ``name`` by the member's code on the date (None where a spelling is unknowable)."""
    pairs = frame.select(name, on).unique()
    mapped = [members.code_for(n, d) for n, d in pairs.iter_rows()]
    pairs = pairs.with_columns(_code=pl.Series(mapped, dtype=pl.String))
    return frame.join(pairs, on=[name, on], how="left").drop(name).rename({"_code": name})


def unmapped_names(frame: pl.DataFrame, name: str = "member") -> list[str]:
    """The spellings in ``frame`` that map to no member."""
    return sorted(n for n in frame[name].unique().drop_nulls() if members.code_for(n) is None)
