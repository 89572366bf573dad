"""The UN's machine-readable GA resolutions (``ga_rollcall_meta/unxml_GAresolutions/data_extract/*.json``).

JSON Lines, one object per adopted resolution (with or without a vote), one file per session (``74.json``,
``ES-11.json``, ...). Every ``*.json`` file present is read, so a newly published session is taken in as it is.
Quirks handled here:

- ``adoption_date`` is ``2019-10-10 00:00:00`` in 74.json and ``7 October 2022`` elsewhere, sometimes with a
  non-breaking space.
- Tally fields are strings, and ``N.A.`` (74.json) where others print 0: ``N.A.`` is read as null.
- A few name lists are incomplete or doubled (A/RES/75/254 A-C has none, A/RES/75/290 A lists every vote twice,
  A/RES/77/293 misses an abstention). The lists are kept as printed, except that an exact repeat of a
  (resolution, member, vote) is dropped; ``duplicate_votes_dropped`` on the resolution says how many.
- Member names are upper case and spelled variously (TÜRKİYE, TURKIYE, TURKEY): kept as printed.
- Only adopted resolutions are covered: no amendment, paragraph or failed votes.

>>> from unvote.sources import unxml
>>> ga = unxml.read("../shared/data/ga_rollcall_meta/unxml_GAresolutions/data_extract")
>>> ga.resolutions.filter(symbol="A/RES/77/1").select("date", "recorded").row(0)
(datetime.date(2022, 10, 7), False)
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from pathlib import Path
from typing import Any, NamedTuple

import polars as pl

from unvote.sources import SourceError, source_files
from unvote.sources.csvrows import read_text

SOURCE = "unxml"

REQUIRED = ["symbol", "resolution_number", "title", "session", "adoption_date", "originating_document", "committee",
            "agenda_item", "agenda_item_name", "adoption_type", "MS_in_favour_count", "MS_against_count",
            "MS_abstaining_count", "pv", "MS_in_favour", "MS_against", "MS_abstaining", "sponsors",
            "additional_sponsors", "subjects"]
LISTS = {"MS_in_favour": "Y", "MS_against": "N", "MS_abstaining": "A"}
COUNTS = {"MS_in_favour_count": "yes", "MS_against_count": "no", "MS_abstaining_count": "abstain"}
RECORDED = "By a recorded vote"
DATE_FORMATS = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d", "%d %B %Y")

RESOLUTION_SCHEMA = {
    "source": pl.String, "file": pl.String, "line": pl.Int32, "body": pl.String, "symbol": pl.String,
    "resolution_number": pl.String, "title": pl.String, "session": pl.String, "date": pl.Date,
    "meeting": pl.String, "adoption_meeting": pl.String, "draft": pl.String, "committee": pl.String,
    "agenda_item": pl.String, "agenda_item_name": pl.String, "adoption_type": pl.String, "recorded": pl.Boolean,
    "yes": pl.Int32, "no": pl.Int32, "abstain": pl.Int32, "sponsors": pl.List(pl.String),
    "additional_sponsors": pl.List(pl.String), "subjects": pl.List(pl.String), "duplicate_votes_dropped": pl.Int32,
}
VOTE_SCHEMA = {"source": pl.String, "file": pl.String, "line": pl.Int32, "symbol": pl.String, "member": pl.String,
               "vote": pl.String}


class Unxml(NamedTuple):
    """The resolutions (one row each, recorded vote or not) and the member votes named in their lists."""

    resolutions: pl.DataFrame
    votes: pl.DataFrame


def read(directory: str | Path) -> Unxml:
    """Read every ``*.json`` extract in ``directory``.

    >>> ga = read("../shared/data/ga_rollcall_meta/unxml_GAresolutions/data_extract")
    >>> ga.resolutions.filter(symbol="A/RES/75/290 A").select("yes", "abstain", "duplicate_votes_dropped").row(0)
    (90, 47, 137)
    """
    resolutions: list[dict[str, Any]] = []
    votes: list[dict[str, Any]] = []
    for path in source_files(directory, "*.json", "*.json extract"):
        _read_file(path, resolutions, votes)
    return Unxml(resolutions=pl.DataFrame(resolutions, schema=RESOLUTION_SCHEMA),
                 votes=pl.DataFrame(votes, schema=VOTE_SCHEMA))


def parse_date(text: str) -> date | None:
    """``'7\\u00a0October 2022'`` or ``'2019-10-10 00:00:00'`` as a date; ``None`` if neither form.

    >>> parse_date("7\\u00a0October 2022"), parse_date("2019-10-10 00:00:00")
    (datetime.date(2022, 10, 7), datetime.date(2019, 10, 10))
    """
    text = re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip()
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def _read_file(path: Path, resolutions: list[dict[str, Any]], votes: list[dict[str, Any]]) -> None:
    for number, raw in enumerate(read_text(path).splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            record = json.loads(raw)
        except json.JSONDecodeError as err:
            raise SourceError(path, f"the line is not a JSON object ({err.msg}); the file is truncated or "
                                    "corrupted", number) from None
        resolution, listed = _resolution(path, number, record)
        seen: set[tuple[str, str]] = set()
        dropped = 0
        for member, vote in listed:
            # A/RES/75/290 A lists every vote twice: keep one.
            if (member, vote) in seen:
                dropped += 1
                continue
            seen.add((member, vote))
            votes.append({"source": SOURCE, "file": path.name, "line": number, "symbol": resolution["symbol"],
                          "member": member, "vote": vote})
        resolution["duplicate_votes_dropped"] = dropped
        resolutions.append(resolution)


def _resolution(path: Path, line: int, record: Any) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """One resolution row and its listed (member, vote) pairs, after checking the object's fields and types."""
    if not isinstance(record, dict):
        raise SourceError(path, "the line is not a JSON object", line)
    missing = [k for k in REQUIRED if k not in record]
    if missing:
        raise SourceError(path, f"the object lacks the field(s) {', '.join(missing)}", line)

    def text(key: str) -> str:
        value = record[key]
        if not isinstance(value, str):
            raise SourceError(path, f"field {key!r} holds {value!r} where text is expected", line)
        return value.strip()

    def names(key: str) -> list[str]:
        value = record[key]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise SourceError(path, f"field {key!r} holds {value!r} where a list of names is expected", line)
        return [v.strip() for v in value]

    def count(key: str) -> int | None:
        value = text(key)
        if value == "N.A.":
            return None
        if not value.isdigit():
            raise SourceError(path, f"field {key!r} holds {value!r} where a count or N.A. is expected", line)
        return int(value)

    adopted = parse_date(text("adoption_date"))
    if adopted is None:
        raise SourceError(path, f"adoption_date {record['adoption_date']!r} is not a date", line)
    subjects = record["subjects"]
    # UNBIS subjects come as [term, thesaurus] pairs: keep the term.
    if not isinstance(subjects, list) or not all(isinstance(s, list) and s and isinstance(s[0], str)
                                                 for s in subjects):
        raise SourceError(path, f"field 'subjects' holds {subjects!r} where [term, thesaurus] pairs are expected",
                          line)
    resolution = {
        "source": SOURCE, "file": path.name, "line": line, "body": "GA",
        "symbol": text("symbol"), "resolution_number": text("resolution_number"), "title": text("title"),
        "session": text("session"), "date": adopted, "meeting": text("pv"),
        "adoption_meeting": text("adoption_meeting") if "adoption_meeting" in record else None,
        "draft": text("originating_document"), "committee": text("committee"), "agenda_item": text("agenda_item"),
        "agenda_item_name": text("agenda_item_name"), "adoption_type": text("adoption_type"),
        "recorded": text("adoption_type") == RECORDED,
        **{name: count(key) for key, name in COUNTS.items()},
        "sponsors": _states(names("sponsors")), "additional_sponsors": _states(names("additional_sponsors")),
        "subjects": [s[0].strip() for s in subjects],
    }
    listed = [(member, vote) for key, vote in LISTS.items() for member in names(key)]
    return resolution, listed


def _states(sponsors: list[str]) -> list[str]:
    """The sponsoring states as the extract names them. A group's chair is printed "EGYPT (ON BEHALF OF THE STATES
    MEMBERS ... OF ARAB STATES)": the state is the sponsor. "SUBMITTED BY THE CHAIR OF THE COMMITTEE" names none.

    >>> _states(["CUBA, ON BEHALF OF THE STATES MEMBERS OF THE MOVEMENT OF NON-ALIGNED COUNTRIES",
    ...          "SUBMITTED BY THE CHAIR OF THE COMMITTEE", "JAPAN"])
    ['CUBA', 'JAPAN']
    """
    states = [re.split(r"\s*[(,]\s*ON BEHALF OF", name, maxsplit=1, flags=re.IGNORECASE)[0].strip()
              for name in sponsors if not name.upper().startswith("SUBMITTED BY")]
    return [state for state in states if state]
