"""Member states of the United Nations: codes, every spelling the sources use, and who held a seat on a date.

Codes are ISO 3166-1 alpha-3; states that no longer exist keep their ISO 3166-3 alpha-3 codes (SUN, YUG, SCG, CSK,
DDR, YMD), plus three conventional codes ISO never assigned: TWN for the Republic of China while it held the China
seat, YAR for North Yemen (ISO kept YEM for unified Yemen; Voeten's ideal points use YAR too) and ZAN for Zanzibar.

The two curated tables live in ``unvote/reference``: ``members.csv`` (one row per state that has voted in the GA or
SC since 1946) and ``member_aliases.csv`` (every spelling seen in a raw source, mapped to a code).

>>> code_for("Russia")
'RUS'
>>> code_for("CHINA", date(1960, 1, 1)), code_for("CHINA", date(1980, 1, 1))
('TWN', 'CHN')
>>> historical_code("SRB", date(1999, 3, 1))
'SCG'
>>> name_of("PRK")
"Democratic People's Republic of Korea"
"""

from __future__ import annotations

import csv
import re
import unicodedata
from datetime import date
from functools import lru_cache
from importlib import resources

import polars as pl

from unvote.errors import NotFound

# Seats held in turn by different states: (code, first day it held the seat). A harmonised code (the Voeten wide file
# writes RUS for the USSR and SRB for Yugoslavia) means whichever of these sat on the date.
SEAT_LINES: tuple[tuple[tuple[str, date], ...], ...] = (
    (("SUN", date(1945, 10, 24)), ("RUS", date(1991, 12, 24))),  # Yeltsin's letter of 24 Dec 1991
    # GA res 2758 was adopted late on 25 Oct 1971, after the ROC delegation had voted on the day's earlier motions.
    (("TWN", date(1945, 10, 24)), ("CHN", date(1971, 10, 26))),
    (("YAR", date(1947, 9, 30)), ("YEM", date(1990, 5, 22))),
    # The FRY was proclaimed on 27 Apr 1992 and voted as "Yugoslavia" (UNDL: Aug-Sep 1992, then 2000-2002).
    (("YUG", date(1945, 10, 24)), ("SCG", date(1992, 4, 27)), ("SRB", date(2006, 6, 3))),
    (("CSK", date(1945, 10, 24)), ("CZE", date(1993, 1, 1))),
)

# Codes whose *name* the next holder kept using, so a source's label can mean the later state: UNDL labels the
# Russian Federation's vote of 31 Dec 1991 "USSR"; the FRY sat as "Yugoslavia" until 2003 and Serbia continued it.
_NAME_CARRIED_FORWARD = {"SUN", "YUG", "SCG"}


def normalise(name: str) -> str:
    """The lookup key for a spelling: case, accents, spaces and punctuation removed.

    >>> normalise("  Côte d’Ivoire ") == normalise("COTE D'IVOIRE")
    True
    """
    folded = unicodedata.normalize("NFKD", name.casefold())
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]", "", folded)


def _read_reference(filename: str) -> list[dict[str, str]]:
    text = resources.files("unvote.reference").joinpath(filename).read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines(keepends=True)))


@lru_cache(maxsize=1)
def reference_members() -> pl.DataFrame:
    """The curated member table: code, name, iso2, admitted, left, successor, regional_group, seat_from, note.

    ``admitted`` is the UN's admission date (a continuing state keeps its predecessor's: RUS 1945-10-24);
    ``seat_from`` is the day the code itself began to hold the seat (RUS 1991-12-24); ``left`` is the first day
    the state no longer held it.

    >>> reference_members().filter(pl.col("left").is_null()).height
    193
    """
    rows = _read_reference("members.csv")
    frame = pl.DataFrame(rows, schema={k: pl.String for k in rows[0]})
    dates = ["admitted", "left", "seat_from"]
    return frame.with_columns(
        [pl.when(pl.col(c) == "").then(None).otherwise(pl.col(c)).str.to_date("%Y-%m-%d").alias(c) for c in dates]
        + [pl.when(pl.col(c) == "").then(None).otherwise(pl.col(c)).alias(c)
           for c in ("iso2", "successor", "note")]
    )


@lru_cache(maxsize=1)
def aliases() -> pl.DataFrame:
    """Every spelling seen in a source (and a few common English names): alias, code, note, sources.

    ``code`` is null for a spelling that names no state (UNDL's ``DONOTKNOW`` column).

    >>> aliases().filter(pl.col("alias") == "TKAZAKHSTAN")["code"].item()
    'KAZ'
    """
    rows = _read_reference("member_aliases.csv")
    return pl.DataFrame(rows, schema={k: pl.String for k in rows[0]}).with_columns(
        pl.when(pl.col("code") == "").then(None).otherwise(pl.col("code")).alias("code")
    )


@lru_cache(maxsize=1)
def _lookup() -> dict[str, str | None]:
    table: dict[str, str | None] = {}
    for row in reference_members().iter_rows(named=True):
        table[normalise(row["name"])] = row["code"]
        table[normalise(row["code"])] = row["code"]
    for alias, code in aliases().select("alias", "code").iter_rows():
        table[normalise(alias)] = code
    return table


def _key(name: str) -> str:
    """The lookup key of a listed spelling: the name's own, else the name without a leading "the" (the UN writes
    "the Niger", "the Bahamas", "THE NIGER"; the lists hold "Niger", "Bahamas")."""
    key = normalise(name)
    if key not in _lookup() and re.match(r"(?i)\s*the\s", name):
        return normalise(re.sub(r"(?i)^\s*the\s+", "", name))
    return key


def is_known_spelling(name: str) -> bool:
    """True if ``name`` is a listed spelling, including those that name no state (``DONOTKNOW``).

    >>> is_known_spelling("the Niger"), is_known_spelling("Niger"), is_known_spelling("Thailand")
    (True, True, True)
    """
    return _key(name) in _lookup()


def code_for(name: str, on: date | None = None) -> str | None:
    """The member code for any spelling in any source, or ``None`` for an unknown (or unknowable) name.

    With ``on``, the code of the state that held that seat on the date: ``code_for("CHINA", date(1960, 1, 1))``
    gives ``'TWN'``, ``code_for("YEMEN", date(1980, 1, 1))`` gives ``'YAR'``. ISO3 codes are accepted as names.
    """
    code = _lookup().get(_key(name))
    if code is None or on is None:
        return code
    return historical_code(code, on)


def historical_code(code: str, on: date) -> str:
    """The state that actually held ``code``'s seat on ``on``.

    Harmonised codes go back to their predecessors (RUS before 1991-12-24 is SUN; SRB before 1992-04-27 is YUG,
    then SCG until 2006-06-03; CZE before 1993 is CSK; YEM before 1990-05-22 is YAR; CHN through 1971-10-25 is TWN).
    A historical code moves forward only where the next state kept its name (SUN, YUG, SCG). DEU before 1990 stays
    DEU (West Germany); any other code is returned unchanged.

    >>> historical_code("RUS", date(1980, 1, 1)), historical_code("YUG", date(2001, 1, 1))
    ('SUN', 'SCG')
    """
    for line in SEAT_LINES:
        codes = [c for c, _ in line]
        if code not in codes:
            continue
        holder = codes[0]
        for candidate, start in line:
            if on >= start:
                holder = candidate
        moves_forward = codes.index(holder) > codes.index(code)
        if moves_forward and code not in _NAME_CARRIED_FORWARD:
            return code
        return holder
    return code


def name_of(code: str) -> str:
    """The UN short name for a code: ``name_of("GBR") == 'United Kingdom of Great Britain and Northern Ireland'``."""
    match = reference_members().filter(pl.col("code") == code.upper())
    if match.is_empty():
        raise NotFound("member code", code, _closest(code))
    return match["name"].item()


def members_on(on: date) -> list[str]:
    """Codes of the states that held a seat in the General Assembly on ``on`` (sorted).

    >>> len(members_on(date(1946, 1, 1))), len(members_on(date(2024, 1, 1)))
    (51, 193)
    """
    frame = reference_members().filter(
        (pl.col("seat_from") <= on) & (pl.col("left").is_null() | (pl.col("left") > on))
    )
    return sorted(frame["code"].to_list())


def _closest(query: str) -> list[str]:
    import difflib

    return difflib.get_close_matches(query.upper(), reference_members()["code"].to_list(), n=3)
