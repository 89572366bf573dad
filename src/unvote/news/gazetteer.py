"""Member states named in a story, under any of their names: official names, short names, demonyms, capitals.

The names news writers use but the UN's lists do not ("N. Korea", "Pyongyang", "Washington", "Chinese", "the
North") live in ``gazetteer.csv`` beside this module; the official names come from :func:`unvote.members.code_for`.

>>> [(m.text, m.value) for m in find_members("Pyongyang fired a missile; Washington and Beijing traded blame.")]
[('Pyongyang', 'PRK'), ('Washington', 'USA'), ('Beijing', 'CHN')]
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from unvote.members import code_for, historical_code
from unvote.news.mention import Mention

GAZETTEER_CSV = Path(__file__).with_name("gazetteer.csv")
# A run of capitalised words, with the small words official names contain ("Republic of Korea", "Bosnia and
# Herzegovina", "Lao People's Democratic Republic"), that may be an official name the gazetteer does not list.
_CAPITALISED_RUN = re.compile(r"\b(?:[A-Z][\w'’.-]*|of|and|the|de|d'Ivoire)(?:\s+(?:[A-Z][\w'’.-]*|of|and|the|de|"
                              r"d'Ivoire|\(\w[\w\s]*\)))*")


@dataclass(frozen=True)
class GazetteerEntry:
    """One way of naming a member: ``name`` (as written), ``code`` (ISO3), ``kind`` (name, demonym, capital,
    metonym, abbreviation) and ``context`` (codes of which one must also be named, for "the North")."""

    name: str
    code: str
    kind: str
    context: tuple[str, ...]


@lru_cache(maxsize=1)
def gazetteer() -> tuple[GazetteerEntry, ...]:
    """The entries of ``gazetteer.csv``, longest name first so "North Korean" wins over "North Korea"."""
    with GAZETTEER_CSV.open(encoding="utf-8", newline="") as handle:
        rows = [GazetteerEntry(r["name"], r["code"], r["kind"], tuple(c for c in r["context"].split("|") if c))
                for r in csv.DictReader(handle)]
    return tuple(sorted(rows, key=lambda e: -len(e.name)))


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern:
    parts = []
    for entry in gazetteer():
        name = re.escape(entry.name)
        if entry.name.startswith("the "):
            name = "[Tt]he " + re.escape(entry.name[4:])
        parts.append(name)
    return re.compile(r"(?<![\w.])(?:" + "|".join(parts) + r")(?![\w])")


def find_members(text: str, on: date | None = None) -> list[Mention]:
    """Member states named in ``text``, each a ``member`` mention with the ISO3 code as value.

    ``on`` is the date the story speaks of: before 24 Dec 1991 "Russia" and "Moscow" are the USSR.
    """
    by_name = {e.name.lower(): e for e in gazetteer()}
    found: list[Mention] = []
    pending: list[tuple[Mention, GazetteerEntry]] = []
    for m in _pattern().finditer(text):
        entry = by_name[m.group(0).lower()]
        code = entry.code
        if code == "RUS" and on is not None:
            # The Russian Federation took over the USSR's seat on 24 Dec 1991: before that "Moscow" is the USSR.
            code = historical_code(code, on)
        mention = Mention("member", m.start(), m.end(), m.group(0), code, entry.kind)
        if entry.context:
            pending.append((mention, entry))
        else:
            found.append(mention)
    found.extend(_official_names(text, found))
    named = {m.value for m in found}
    found.extend(m for m, entry in pending if named & set(entry.context))
    return sorted(found, key=lambda m: m.start)


def _official_names(text: str, known: list[Mention]) -> list[Mention]:
    """Names the gazetteer does not list, looked up with :func:`unvote.members.code_for` ("Syrian Arab Republic")."""
    taken = [(m.start, m.end) for m in known]
    found = []
    for run in _CAPITALISED_RUN.finditer(text):
        words = list(re.finditer(r"\S+", run.group(0)))
        i = 0
        while i < len(words):
            hit = None
            for j in range(len(words), i, -1):
                if j - i == 1 and words[i].group(0)[0].islower():
                    continue
                start, end = run.start() + words[i].start(), run.start() + words[j - 1].end()
                name = text[start:end].rstrip(".,")
                end = start + len(name)
                if name.split()[0].lower() in ("of", "and", "the") or any(s < end and start < e for s, e in taken):
                    continue
                code = _official_code(name)
                if code:
                    hit = (start, end, name, code, j)
                    break
            if hit:
                found.append(Mention("member", hit[0], hit[1], hit[2], hit[3], "name"))
                taken.append((hit[0], hit[1]))
                i = hit[4]
            else:
                i += 1
    return found


def _official_code(name: str) -> str | None:
    if len(name) < 4 or name in _NOT_STATES:
        return None
    return code_for(name)


# Capitalised words that name no state but that a tolerant name lookup might match.
_NOT_STATES = {"Security Council", "General Assembly", "United Nations", "The", "Council", "Assembly", "Committee"}
