"""Reader for ``un_members/un_members.csv``: the 193 member states and their admission dates (Wikipedia's table).

Quirks: names and dates carry Wikipedia footnote markers (``Afghanistan[a]``, ``28 September 1950[o]``), removed
here and kept in ``footnotes``; dates are ``19 November 1946``; names are in Wikipedia's order (``Plurinational State
of Bolivia``), kept as spelled.

>>> members = read("../shared/data/un_members/un_members.csv")
>>> members.height, members.filter(pl.col("member") == "Indonesia")["admitted"].item()
(193, datetime.date(1950, 9, 28))
"""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

import polars as pl

from unvote.sources import SourceError
from unvote.sources.csvrows import read_csv

SOURCE = "un_members"
FOOTNOTE = re.compile(r"\[\w{1,3}\]")


def read(path: str | Path) -> pl.DataFrame:
    """``source, line, member, admitted, original_member, footnotes, see_also``."""
    path = Path(path)
    table = read_csv(path, ["Member state", "Date of admission", "Original member", "See also"])
    if table.frame.is_empty():
        raise SourceError(path, "the file has a header but no members", 2)
    records = []
    for line, row in zip(table.lines, table.frame.iter_rows(named=True)):
        raw_name, raw_date = row["Member state"], row["Date of admission"]
        name = FOOTNOTE.sub("", raw_name).strip()
        if not name:
            raise SourceError(path, "empty member name", line)
        try:
            admitted = datetime.strptime(FOOTNOTE.sub("", raw_date).strip(), "%d %B %Y").date()
        except ValueError:
            raise SourceError(path, f"date of admission {raw_date!r} is not 'day Month year'", line) from None
        records.append({
            "source": SOURCE, "line": line, "member": name, "admitted": admitted,
            "original_member": bool(row["Original member"].strip()),
            "footnotes": FOOTNOTE.findall(raw_name + raw_date), "see_also": row["See also"].strip() or None,
        })
    return pl.DataFrame(records, schema={
        "source": pl.String, "line": pl.Int64, "member": pl.String, "admitted": pl.Date,
        "original_member": pl.Boolean, "footnotes": pl.List(pl.String), "see_also": pl.String})
