"""The names members went by on a date: for the presidency's alphabetical rotation and for plain-words explanations.

The rotation sorts the UN short names in force at the time, which are not always today's: Ceylon (1960-61) sorted
under C, the United Arab Republic (1961-62) under U, Upper Volta (1984) under U. ``historical_names.csv`` (beside this
module) lists such names, each with its dates and source; otherwise the name is today's UN short name from
:mod:`unvote.members`.

>>> import datetime as dt
>>> short_name("LKA", dt.date(1961, 1, 1)), short_name("LKA", dt.date(2022, 1, 1))
('Ceylon', 'Sri Lanka')
>>> join_names(["CHN", "RUS"], dt.date(2022, 5, 26))
'China and the Russian Federation'
"""

from __future__ import annotations

import csv
import datetime as dt
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from unvote.errors import NotFound
from unvote.members import name_of

HISTORICAL_NAMES = Path(__file__).with_name("historical_names.csv")

# Shorter forms for explanations; the rotation always uses the full UN short name.
_PLAIN = {
    "GBR": "United Kingdom",
    "USA": "United States",
    "SUN": "USSR",
}

# UN style puts "the" before these names (and before any whose main part names a republic, union or federation).
_WITH_ARTICLE = {"Netherlands", "Philippines", "Niger", "Sudan", "Congo", "Gambia", "Comoros", "Bahamas", "Maldives",
                 "USSR", "United Kingdom", "United States", "Holy See"}
_ARTICLE_WORDS = ("Republic", "Federation", "Union", "United", "Kingdom", "Islands", "States", "Emirates")


@lru_cache(maxsize=1)
def _historical() -> tuple[tuple[str, str, dt.date, dt.date], ...]:
    with open(HISTORICAL_NAMES, newline="", encoding="utf-8") as handle:
        return tuple((row["code"], row["name"], dt.date.fromisoformat(row["start"]), dt.date.fromisoformat(row["end"]))
                     for row in csv.DictReader(handle))


def short_name(code: str, on: dt.date | None = None) -> str:
    """The UN short name of ``code`` on ``on`` (today's name when ``on`` is None); the code itself if unknown."""
    if on is not None:
        for known, name, start, end in _historical():
            if known == code and start <= on <= end:
                return name
    try:
        return name_of(code)
    except NotFound:  # an unknown code: show the code rather than fail
        return code


def plain_name(code: str, on: dt.date | None = None) -> str:
    """A name for sentences: the short name, shortened for the United Kingdom, United States and USSR."""
    return _PLAIN.get(code) or short_name(code, on)


def with_article(name: str) -> str:
    """``'the Russian Federation'``, ``'the Niger'``, but ``'China'`` (UN editorial style)."""
    main = name.split(" (")[0]
    if main in _WITH_ARTICLE or any(word in main.split() for word in _ARTICLE_WORDS):
        return "the " + name
    return name


def join_names(codes: Iterable[str], on: dt.date | None = None) -> str:
    """Names in a sentence: ``'China and the Russian Federation'``, ``'France, the United Kingdom and the United States'``."""
    names = [with_article(plain_name(code, on)) for code in codes]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def rotation_key(name: str) -> str:
    """The key the English alphabetical order sorts on: accents dropped, case folded (``Côte`` sorts as ``cote``)."""
    plain = unicodedata.normalize("NFKD", name)
    return "".join(ch for ch in plain if not unicodedata.combining(ch)).casefold()
