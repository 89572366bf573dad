"""Reader for ``sc_vetoes_wpdl/unsc_vetoes_1946_sept2022.csv``: the Dag Hammarskjöld Library's list of vetoed drafts.

One row per vetoed draft, 1946 to July 2022. Quirks: dates are ``M/D/YYYY``; before the Council numbered its drafts the
``draft`` column repeats a meeting record (``S/PV.23``); in 2020 (votes by letter) ``meeting_record`` holds two letter
symbols on two lines. The vetoing members are named ``USSR``, ``Russia``, ``USA``, ``UK``, ``China``, ``France``
in ``member_veto1..3``; the dummy columns (``China`` ... ``UK``) must agree with them, and a row where they do not is
flagged (``flags``), not dropped.

>>> vetoes = read("../shared/data/sc_vetoes_wpdl/unsc_vetoes_1946_sept2022.csv")
>>> vetoes.filter(pl.col("draft") == "S/2022/431")["vetoed_by"].to_list()
[['China', 'Russia']]
"""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

import polars as pl

from unvote.sources import SourceError
from unvote.sources.csvrows import read_csv

SOURCE = "sc_vetoes"
VETOERS = ["member_veto1", "member_veto2", "member_veto3"]
DUMMIES = ["China", "France", "Russia", "USSR", "USA", "UK"]
COLUMNS = ["year", "date", "draft", "meeting_record", "agenda_item", "crisis_topic", "region", *VETOERS, *DUMMIES]


def read(path: str | Path) -> pl.DataFrame:
    """The veto list: ``source, line, key, body, date, draft, meeting, agenda, topic, region, outcome, vetoed_by, flags``.

    ``key`` is the draft symbol (or the meeting record where the list gives no draft, with `` #line`` where
    one meeting saw several vetoes); ``vetoed_by`` lists the names
    as spelled, sorted.
    """
    path = Path(path)
    # The file has no final line break, so a cut shows as a short last row (which csvrows rejects).
    table = read_csv(path, COLUMNS)
    if table.frame.is_empty():
        raise SourceError(path, "the file has a header but no vetoes", 2)
    records = []
    for line, row in zip(table.lines, table.frame.iter_rows(named=True)):
        try:
            day = datetime.strptime(row["date"].strip(), "%m/%d/%Y").date()
        except ValueError:
            raise SourceError(path, f"date {row['date']!r} is not M/D/YYYY", line) from None
        if row["year"].strip() != str(day.year):
            raise SourceError(path, f"year {row['year']!r} disagrees with the date {row['date']!r}", line)
        vetoed_by = sorted(n.strip() for n in (row[c] for c in VETOERS) if n and n.strip())
        if not vetoed_by:
            raise SourceError(path, "no vetoing member named", line)
        unknown = [n for n in vetoed_by if n not in DUMMIES]
        if unknown:
            raise SourceError(path, f"vetoing member {unknown[0]!r} is not a permanent member", line)
        flags = []
        dummies = sorted(c for c in DUMMIES if row[c].strip() == "1")
        if dummies != vetoed_by:
            flags.append(f"dummy columns name {', '.join(dummies) or 'nobody'}")
        draft = re.sub(r"\s+", " ", row["draft"]).strip()
        meetings = [m for m in re.split(r"\s*\n\s*", row["meeting_record"].strip()) if m]
        if not draft:
            raise SourceError(path, "empty draft symbol", line)
        records.append({
            "source": SOURCE, "line": line, "key": draft, "body": "SC", "date": day,
            "draft": draft if not draft.upper().startswith("S/PV") else None,
            "meeting": "; ".join(meetings) or None,
            "agenda": re.sub(r"\s+", " ", row["agenda_item"]).strip() or None,
            "topic": row["crisis_topic"].strip() or None, "region": row["region"].strip() or None,
            "outcome": "vetoed", "vetoed_by": vetoed_by, "flags": flags,
        })
    # Several 1946-47 vetoes at one meeting share the meeting record in place of a draft: number them by line.
    keys = [r["key"] for r in records]
    for r in records:
        if keys.count(r["key"]) > 1:
            r["key"] = f"{r['key']} #{r['line']}"
    return pl.DataFrame(records, schema={
        "source": pl.String, "line": pl.Int64, "key": pl.String, "body": pl.String, "date": pl.Date,
        "draft": pl.String, "meeting": pl.String, "agenda": pl.String, "topic": pl.String, "region": pl.String,
        "outcome": pl.String, "vetoed_by": pl.List(pl.String), "flags": pl.List(pl.String),
    })
