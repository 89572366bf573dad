"""Reader for ``un_sc_actions_html/``: the UN's yearly pages "Meetings conducted by the Security Council in <year>".

Each page is one HTML table: meeting record, date (day and month only; the year is the page's), topic (and from 1994
a press-release column) and "Security Council Outcome / Vote". One outcome cell can hold several decisions:

    S/RES/65 (1948) 9-0-2  S/RES/64 (1948) 8-0-3
    Draft resolution S/2022/431 vetoed by China, Russian Federation 13-0-2
    Draft resolution S/PV.190 vetoed by USSR 9-2-0        (1940s drafts carry the meeting record as their symbol)
    S/RES/2560 (2020) adopted unanimously / without vote / communiqué / S/PRST/2021/9

:func:`read` returns one row per resolution or failed draft (presidential statements, communiqués and elections are
not votes and are skipped). Tallies are kept exactly as the page prints them, even where the page is wrong (it
prints 13-0-2 for S/2022/431, which failed 13-2-0): the build compares them with the other sources. Quirks handled:
rows with empty meeting and date cells continue the meeting above (a second agenda item); ``rowspan`` cells;
dates such as ``12-13 June``, ``30/31 November`` or ``4 + 5 March`` (the first day is kept) and ``3 Sep.``; the
2020 page for votes by letter (``scact2020_covid_table_en.html``), whose title says 2021 but whose votes are 2020's,
has no meeting records but two letter columns, kept in ``letters``.

>>> actions = read("../shared/data/un_sc_actions_html")
>>> actions.filter(pl.col("draft") == "S/2022/431").select("outcome", "yes", "no", "abstain", "vetoed_by").row(0)
('vetoed', 13, 0, 2, ['China', 'Russian Federation'])
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import polars as pl
from selectolax.lexbor import LexborHTMLParser

from unvote.sources import SourceError
from unvote.sources.csvrows import read_text
from unvote.symbols import sc_resolution_symbol

SOURCE = "sc_actions"
PAGE = re.compile(r"^scact(\d{4})(_covid)?_table_en\.html$")
MONTHS = {m: i for i, m in enumerate(["january", "february", "march", "april", "may", "june", "july", "august",
                                       "september", "october", "november", "december"], start=1)}

_RES = r"S/RES/\s*(?P<number>\d+)\s*\(\s*(?P<year>\d{4})\s*\)?"
# A failed draft: an optional "Draft resolution" lead, the symbol, then (before any other decision) the outcome.
_FAIL = (r"(?:(?:Power Four )?draft resolutions?\s+)?(?P<draft>S/(?:\d{4}/\d+|PV\.\d+|\d+)(?:/Rev\.\d+)?)"
         r"(?P<gap>(?:(?!S/RES/|draft resolution).){0,140}?)\b(?P<how>vetoed|(?:was )?not adopted|failed)")
DECISION = re.compile(f"(?P<res>{_RES})|(?P<fail>{_FAIL})", re.IGNORECASE)
TALLY = re.compile(r"(?<![\d/.])(\d{1,2})\s*-\s*(\d{1,2})\s*-\s*(\d{1,2})(?![\d/])")
VETOERS = re.compile(r"vetoed\s+by\s+(?:the\s+)?(?P<names>.+?)(?=\s*\d{1,2}\s*-\s*\d|\s*$|\s*\()", re.IGNORECASE)


def _text(node) -> str:
    return re.sub(r"\s+", " ", node.text(separator=" ")).strip()


def _day(path: Path, line: int, text: str, year: int) -> date | None:
    """``3 December``, ``12-13 June``, ``4 + 5 March``, ``30/31 November``, ``3 Sep.`` -> a date in ``year``."""
    m = re.match(r"(\d{1,2})(?:\s*[-/+]\s*\d{1,2})?\s+([A-Za-z]+)\.?", text)
    if not m:
        return None
    month = next((n for name, n in MONTHS.items() if name.startswith(m.group(2).lower()[:3])), None)
    if month is None:
        raise SourceError(path, f"date {text!r} names no month", line)
    try:
        return date(year, month, int(m.group(1)))
    except ValueError:
        raise SourceError(path, f"date {text!r} is not a day of {year}", line) from None


def _vetoers(segment: str) -> list[str]:
    m = VETOERS.search(segment)
    if not m:
        return []
    names = re.split(r"\s*,\s*|\s+and\s+", m.group("names").strip(" .,;"))
    return [n.removeprefix("the ").strip() for n in names if n.strip()]


def decisions_in(cell: str) -> list[dict]:
    """The decisions printed in one outcome cell, in order.

    >>> [(d["symbol"], d["yes"], d["no"], d["abstain"]) for d in decisions_in("S/RES/65 (1948) 9-0-2 S/RES/64 (1948) 8-0-3")]
    [('S/RES/65 (1948)', 9, 0, 2), ('S/RES/64 (1948)', 8, 0, 3)]
    """
    found = list(DECISION.finditer(cell))
    out = []
    for i, m in enumerate(found):
        end = found[i + 1].start() if i + 1 < len(found) else len(cell)
        segment = cell[m.start():end].strip()
        tally = TALLY.search(cell, m.end(), end)
        yes = no = abstain = None
        if tally:
            yes, no, abstain = (int(g) for g in tally.groups())
        if m.group("res"):
            symbol = sc_resolution_symbol(int(m.group("number")), int(m.group("year")))
            out.append({"symbol": symbol, "draft": None, "outcome": "adopted", "vetoed_by": [],
                        "yes": yes, "no": no, "abstain": abstain, "segment": segment})
        else:
            vetoed = m.group("how").lower() == "vetoed"
            out.append({"symbol": None, "draft": re.sub(r"\s+", "", m.group("draft")),
                        "outcome": "vetoed" if vetoed else "failed",
                        "vetoed_by": _vetoers(segment) if vetoed else [],
                        "yes": yes, "no": no, "abstain": abstain, "segment": segment})
    return out


def _grid(path: Path, html: str) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The table's header and its data rows as (index of the ``<tr>``, text cells), ``rowspan`` cells repeated."""
    tree = LexborHTMLParser(html)
    tables = tree.css("table")
    if not tables:
        raise SourceError(path, "no table in the page: not a 'Security Council actions' page or a truncated file")
    rows = tables[0].css("tr")
    header: list[str] = []
    data: list[tuple[int, list[str]]] = []
    pending: dict[int, tuple[int, str]] = {}  # column -> (rows still to fill, text)
    for index, row in enumerate(rows):
        # Some pages put a rowspan meeting and date in <th> cells within data rows: take th and td in order.
        tds = [child for child in row.iter() if child.tag in ("td", "th")]
        if not header:
            if len(tds) >= 4 and all(child.tag == "th" for child in tds):
                header = [_text(th) for th in tds]
            continue
        if not tds:
            continue
        cells: list[str] = []
        queue = list(tds)
        column = 0
        while queue or column in pending:
            if column in pending:
                left, text = pending[column]
                cells.append(text)
                pending[column] = (left - 1, text)
                if left - 1 == 0:
                    del pending[column]
            else:
                td = queue.pop(0)
                text = _text(td)
                span = int(td.attributes.get("rowspan") or 1)
                if span > 1:
                    pending[column] = (span - 1, text)
                cells.append(text)
            column += 1
        data.append((index, cells))
    if not header:
        raise SourceError(path, "the table has no header row (Meeting Record, Date, ...): truncated or not this page")
    return header, data


def _page_text(path: Path) -> str:
    """The page as text; a page cut short (no closing ``</html>``) or not UTF-8 is an error."""
    html = read_text(path)
    # The saved pages end with </table>, </body> or </html> (the veto list has no </table>); a cut page ends mid-row.
    if not re.search(r"</(?:table|body|html)>\s*$", html, re.IGNORECASE):
        raise SourceError(path, "the page does not end with </table> or </html>: the file is truncated",
                          html.count("\n") + 1)
    return html


def _lines(html: str) -> list[int]:
    """1-based line of each ``<tr`` in the page, in order."""
    return [html.count("\n", 0, m.start()) + 1 for m in re.finditer(r"<tr\b", html, re.IGNORECASE)]


def read_page(path: str | Path) -> pl.DataFrame:
    """One yearly page: ``source, line, key, body, date, year, meeting, letters, agenda, symbol, draft, outcome, yes,
    no, abstain, vetoed_by, decision_text, text, page`` (``text`` is the whole outcome cell as printed,
    ``decision_text`` the part of it about this decision, ``page`` the file's name)."""
    path = Path(path)
    m = PAGE.match(path.name)
    if not m:
        raise SourceError(path, "not a 'scact<year>_table_en.html' page")
    year = int(m.group(1))
    html = _page_text(path)
    header, rows = _grid(path, html)
    lines = _lines(html)

    def column(*names: str) -> int | None:
        for i, h in enumerate(header):
            if any(h.lower().startswith(n) for n in names):
                return i
        return None

    meeting_col, date_col, topic_col = column("meeting"), column("date"), column("topic")
    outcome_col = column("security council outcome")
    letter_cols = [i for i, h in enumerate(header) if h.lower().startswith("letter")]
    if date_col is None or outcome_col is None or topic_col is None:
        raise SourceError(path, f"the table header {header} lacks Date, Topic or Outcome columns", 1)

    records = []
    meeting = day = None
    for index, cells in rows:
        line = lines[index] if index < len(lines) else None
        if len(cells) <= outcome_col:
            continue  # a note row spanning the table ("Document links will work once ...")
        meeting_text = cells[meeting_col] if meeting_col is not None else ""
        date_text = cells[date_col]
        if meeting_text or date_text:  # empty cells continue the meeting above
            found = re.search(r"S/PV\.\s*\d+", meeting_text)
            meeting = re.sub(r"\s+", "", found.group(0)) if found else None
            day = _day(path, line, date_text, year) if date_text else None
        for d in decisions_in(cells[outcome_col]):
            records.append({
                "source": SOURCE, "line": line, "key": d["symbol"] or d["draft"], "body": "SC", "date": day,
                "year": year, "meeting": meeting, "letters": [cells[i] for i in letter_cols if cells[i]],
                "agenda": cells[topic_col] or None, "symbol": d["symbol"], "draft": d["draft"],
                "outcome": d["outcome"], "yes": d["yes"], "no": d["no"], "abstain": d["abstain"],
                "vetoed_by": d["vetoed_by"], "decision_text": d["segment"], "text": cells[outcome_col],
                "page": path.name,
            })
    return pl.DataFrame(records, schema=SCHEMA)


SCHEMA = {
    "source": pl.String, "line": pl.Int64, "key": pl.String, "body": pl.String, "date": pl.Date, "year": pl.Int32,
    "meeting": pl.String, "letters": pl.List(pl.String), "agenda": pl.String, "symbol": pl.String, "draft": pl.String,
    "outcome": pl.String, "yes": pl.Int32, "no": pl.Int32, "abstain": pl.Int32, "vetoed_by": pl.List(pl.String),
    "decision_text": pl.String, "text": pl.String, "page": pl.String,
}


def read(directory: str | Path) -> pl.DataFrame:
    """Every yearly page in ``directory`` (whatever years are present), in page order; see :func:`read_page`.

    ``key`` is the resolution symbol or the failed draft's symbol, with `` #n`` added where a symbol repeats.
    """
    directory = Path(directory)
    if not directory.is_dir():
        raise SourceError(directory, "the directory does not exist")
    pages = sorted(p for p in directory.iterdir() if PAGE.match(p.name))
    if not pages:
        raise SourceError(directory, "no 'scact<year>_table_en.html' pages in the directory")
    return _number_repeated_keys(pl.concat([read_page(p) for p in pages]))


def _number_repeated_keys(frame: pl.DataFrame) -> pl.DataFrame:
    """`` #1``, `` #2``, ... added to a key that repeats: several 1946-47 drafts go by their meeting record (three
    vetoes at S/PV.49)."""
    ordinal = pl.int_range(1, pl.len() + 1).over("key")
    return frame.with_columns(
        pl.when(pl.len().over("key") > 1).then(pl.col("key") + " #" + ordinal.cast(pl.String))
        .otherwise(pl.col("key")).alias("key"))


VETO_PAGE = "scact_veto_table_en.html"


def read_veto_table(path: str | Path) -> pl.DataFrame:
    """The Dag Hammarskjöld Library's veto list page (``scact_veto_table_en.html``): one row per table row.

    Columns ``source, line, key, body, date, draft, draft_text, meeting, agenda, outcome, vetoed_by`` (names as
    printed: ``China``, ``Russian Federation``, ``USSR``, ``USA``, ``UK``, ``France``). Dates such as
    ``12-13 December 1973`` keep the first day; ``30 January 86`` is 1986.

    >>> table = read_veto_table("../shared/data/un_sc_actions_html/scact_veto_table_en.html")
    >>> table.filter(pl.col("draft") == "S/2022/431")["vetoed_by"].to_list()
    [['China', 'Russian Federation']]
    """
    path = Path(path)
    html = _page_text(path)
    tables = LexborHTMLParser(html).css("table")
    if not tables:
        raise SourceError(path, "no table in the page")
    lines = _lines(html)
    records = []
    header_seen = False
    for index, row in enumerate(tables[0].css("tr")):
        cells = [child for child in row.iter() if child.tag in ("td", "th")]
        texts = [_text(c) for c in cells]
        if not header_seen:
            header_seen = len(texts) == 5 and texts[0].lower() == "date" and texts[1].lower() == "draft"
            continue
        line = lines[index] if index < len(lines) else None
        if len(cells) != 5:
            raise SourceError(path, f"a veto row has {len(cells)} cells where 5 are expected", line)
        m = re.match(r"(\d{1,2})(?:\s*-\s*\d{1,2})?\s+([A-Za-z]+)\s+(\d{4}|\d{2})$", texts[0])
        month = MONTHS.get(m.group(2).lower()) if m else None
        if not m or month is None:
            raise SourceError(path, f"date {texts[0]!r} is not 'day Month year'", line)
        year = int(m.group(3)) if len(m.group(3)) == 4 else 1900 + int(m.group(3))  # "30 January 86"
        draft = re.search(r"S/(?:\d{4}/\d+|PV\.\d+|\d+)(?:/Rev\.\d+)?", texts[1])
        names = [n.strip() for part in cells[4].text(separator="\n").split("\n") for n in part.split(",")]
        records.append({
            "source": "sc_veto_table", "line": line, "key": draft.group(0) if draft else texts[1], "body": "SC",
            "date": date(year, month, int(m.group(1))), "draft": draft.group(0) if draft else None,
            "draft_text": texts[1], "meeting": texts[2] or None, "agenda": texts[3] or None, "outcome": "vetoed",
            "vetoed_by": [n for n in names if n],
        })
    if not header_seen:
        raise SourceError(path, "no 'Date, Draft, ...' header row: not the veto list page")
    return _number_repeated_keys(pl.DataFrame(records, schema={
        "source": pl.String, "line": pl.Int64, "key": pl.String, "body": pl.String, "date": pl.Date,
        "draft": pl.String, "draft_text": pl.String, "meeting": pl.String, "agenda": pl.String,
        "outcome": pl.String, "vetoed_by": pl.List(pl.String)}))
