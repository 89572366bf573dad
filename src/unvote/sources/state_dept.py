"""The US State Department's "Voting Practices in the United Nations" coincidence tables (2013–2022).

Two raw forms sit in ``shared/data/state_dept_coincidence/``:

* ``un-coincidence-YYYY.csv`` (one per year). Their headers change between years (``PARTIAL`` from 2017, ``ISO`` from
  2018, ``PARTIAL`` before ``OPPOSITE`` in 2020–21, ``OPPOSE`` in 2022), so columns are mapped by name. The files for
  2013–2017 hold only the Israel-related sub-table; 2018–2022 hold the overall table.
* ``PDFs/*.pdf``, the reports themselves (no 2018 report). The overall table per country, which the 2013–2017 CSVs
  lack, is read from them with pdfplumber. A quick text scan (pypdfium2, which pdfplumber already depends on) finds
  the pages of that table, so only those few pages go through pdfplumber's slower layout analysis.

Both readers return one row per country and table with the columns ``year, table, country`` (as printed), ``iso``
(where printed), ``same, opposite, partial, abstain, absent`` (Int32; ``partial`` is null before 2017 and ``abstain``
from 2017, as in the reports), ``coincidence`` (percent, as printed), ``coincidence_with_consensus`` (percent,
2013–2016 PDFs only), ``source`` and ``line`` (CSV line, or PDF page number counting from 1).
"""

from __future__ import annotations

import re
from pathlib import Path

import polars as pl

from unvote.sources import SourceError

SOURCE_CSV = "state_dept_csv"
SOURCE_PDF = "state_dept_pdf"

# PROVENANCE: the 2013–2017 CSVs carry the Israel-related sub-table only (18 or 21 votes per country).
_CSV_ISRAEL_ONLY_YEARS = range(2013, 2018)

_COUNT_COLUMNS = ("same", "opposite", "partial", "abstain", "absent")
_HEADER_NAMES = {"same": "same", "opposite": "opposite", "oppose": "opposite", "partial": "partial",
                 "abstain": "abstain", "absent": "absent"}

SCHEMA = {
    "year": pl.Int32, "table": pl.Utf8, "country": pl.Utf8, "iso": pl.Utf8,
    "same": pl.Int32, "opposite": pl.Int32, "partial": pl.Int32, "abstain": pl.Int32, "absent": pl.Int32,
    "coincidence": pl.Float64, "coincidence_with_consensus": pl.Float64, "source": pl.Utf8, "line": pl.Int32,
}


def _year_of(path: Path) -> int:
    match = re.search(r"(19|20)\d\d", path.name)
    if not match:
        raise SourceError(path, "no year in the file name")
    return int(match.group(0))


def read_csv(path: str | Path) -> pl.DataFrame:
    """Read one ``un-coincidence-YYYY.csv`` table.

    >>> read_csv("../shared/data/state_dept_coincidence/un-coincidence-2021.csv").row(1, named=True)["coincidence"]
    66.0
    """
    path = Path(path)
    year = _year_of(path)
    try:
        raw = pl.read_csv(path, encoding="utf8-lossy", infer_schema_length=0)
    except Exception as exc:  # polars raises several types for unreadable CSV
        raise SourceError(path, f"not a readable CSV ({exc.__class__.__name__})") from exc
    # A UTF-8 byte-order mark starts some of the files' first header.
    columns = {name.lstrip("\ufeff").strip().lower(): name for name in raw.columns}
    if "country" not in columns or "same" not in columns or "coincidence" not in columns:
        raise SourceError(path, "missing one of the columns COUNTRY, SAME, COINCIDENCE", line=1)
    rows = []
    for index, record in enumerate(raw.iter_rows(named=True)):
        line = index + 2
        row = {"year": year, "table": "israel" if year in _CSV_ISRAEL_ONLY_YEARS else "overall",
               "country": record[columns["country"]].strip(), "iso": record.get(columns.get("iso", ""), None),
               "coincidence_with_consensus": None, "source": SOURCE_CSV, "line": line}
        for header, column in _HEADER_NAMES.items():
            if header in columns:
                row[column] = _integer(record[columns[header]], path, line)
        value = (record[columns["coincidence"]] or "").strip()
        try:
            # "No Votes" (2017, a member absent for every vote) has no coincidence.
            row["coincidence"] = None if value.lower() in ("no votes", "n/a", "") else round(float(value) * 100, 6)
        except ValueError as exc:
            raise SourceError(path, f"coincidence {value!r} is not a number", line=line) from exc
        rows.append(row)
    return pl.DataFrame(rows, schema=SCHEMA)


def _integer(value: str | None, path: Path, line: int) -> int | None:
    if value is None or value.strip() == "":
        return None
    try:
        return int(value)
    except ValueError as exc:
        raise SourceError(path, f"count {value!r} is not a whole number", line=line) from exc


# The overall table's heading in each report generation: 2013–16 "Key: Votes Only = ...", 2017 "all 93 final plenary
# votes", 2019–22 "... ON ALL CONTESTED VOTES".
_OVERALL_HEADING = re.compile(r"Votes\s+Only\s*=|all\s+\d+\s+final\s+plenary\s+votes|ALL\s+CONTESTED\s+VOTES", re.I)
_COLUMN_HEADER = re.compile(r"\bsame\s+(opposite|oppose|partial)\b", re.I)
# Every table is alphabetical and ends with Zimbabwe.
_LAST_ROW = re.compile(r"Zimbabwe\s+(?:[A-Z]{3}\s+)?\d+\s+\d+")


def find_overall_pages(path: str | Path) -> range:
    """The pages (0-based) of a report's overall country table, found by a quick text scan.

    >>> find_overall_pages("../shared/data/state_dept_coincidence/PDFs/Voting-Practices-in-the-United-Nations-2013.pdf")
    range(18, 22)
    """
    import pypdfium2

    path = Path(path)
    try:
        document = pypdfium2.PdfDocument(path)
    except Exception as exc:  # pypdfium2 raises PdfiumError and OSError subclasses
        raise SourceError(path, f"not a readable PDF ({exc})") from exc
    try:
        texts = [document[i].get_textpage().get_text_range() for i in range(len(document))]
    finally:
        document.close()
    for start, text in enumerate(texts):
        if not _OVERALL_HEADING.search(text):
            continue
        # The table of contents names the section too; the real heading has the column header on its page or the next.
        if not any(_COLUMN_HEADER.search(t) for t in texts[start:start + 2]):
            continue
        for end in range(start, len(texts)):
            if _LAST_ROW.search(texts[end]):
                return range(start, end + 1)
        raise SourceError(path, "the overall table does not end with Zimbabwe", line=start + 1)
    raise SourceError(path, "no overall coincidence table found")


_ROW = re.compile(
    r"^(?P<name>.*?)\s*(?:\b(?P<iso>[A-Z]{3})\s+)?(?P<counts>\d+\s+\d+\s+\d+\s+\d+)\s+"
    r"(?P<pct>\d+(?:\.\d+)?%|N/A)(?:\s+(?P<pct2>\d+(?:\.\d+)?%))?\s*$"
)


def read_pdf(path: str | Path, pages: range | list[int] | None = None) -> pl.DataFrame:
    """Read the overall coincidence table of one report PDF (``pages`` 0-based; found by a text scan if omitted).

    >>> t = read_pdf("../shared/data/state_dept_coincidence/PDFs/Voting-Practices-in-the-United-Nations-2013.pdf")
    >>> t.filter(pl.col("country") == "Canada").select("same", "opposite", "abstain", "absent", "coincidence").row(0)
    (71, 8, 4, 0, 89.9)
    """
    import pdfplumber

    path = Path(path)
    year = _year_of(path)
    pages = list(find_overall_pages(path) if pages is None else pages)
    try:
        pdf = pdfplumber.open(path)
    except Exception as exc:
        raise SourceError(path, f"not a readable PDF ({exc})") from exc
    rows: list[dict] = []
    order: list[str] | None = None
    pending = ""  # a country name wrapped onto the line(s) before its numbers
    with pdf:
        for page_number in pages:
            if not 0 <= page_number < len(pdf.pages):
                raise SourceError(path, f"page {page_number + 1} is out of range", line=page_number + 1)
            text = pdf.pages[page_number].extract_text() or ""
            for text_line in text.splitlines():
                text_line = text_line.strip()
                if order is None or _COLUMN_HEADER.search(text_line):
                    header = _column_order(text_line)
                    if header:
                        order, pending = header, ""
                        continue
                if order is None:
                    continue
                match = _ROW.match(text_line)
                if match is None:
                    if rows and _name_is_cut(rows[-1]["country"]) and _is_name_fragment(text_line):
                        # "Macedonia (the former Yugoslav" / "Republic of)"; "United Kingdom of Great Britain and" /
                        # "Northern Ireland": the wrapped end of a name comes after its numbers.
                        rows[-1]["country"] += " " + text_line
                    elif _is_name_fragment(text_line):
                        pending = f"{pending} {text_line}".strip()
                    else:
                        pending = ""
                    continue
                rows.append(_pdf_row(match, order, pending, year, page_number + 1, path))
                pending = ""
                if rows[-1]["country"].startswith("Zimbabwe"):
                    return pl.DataFrame(rows, schema=SCHEMA)
    raise SourceError(path, f"the table on pages {pages[0] + 1}–{pages[-1] + 1} does not reach Zimbabwe",
                      line=pages[-1] + 1)


def _column_order(line: str) -> list[str] | None:
    words = [_HEADER_NAMES[w.lower()] for w in re.findall(r"[A-Za-z]+", line) if w.lower() in _HEADER_NAMES]
    return words if len(words) == 4 and words[0] == "same" else None


def _name_is_cut(name: str) -> bool:
    return name.count("(") > name.count(")") or name.rsplit(" ", 1)[-1] in ("and", "of", "the", "The")


def _is_name_fragment(line: str) -> bool:
    # Running heads, page numbers and notes are not country names; a wrapped name is short, with no digits or colon.
    return bool(line) and len(line) < 40 and not re.search(
        r"\d|:|UNCLASSIFIED|Voting Practices|COUNTRY|Coincidence|^ONLY\b|CONSENSUS", line, re.I)


def _pdf_row(match: re.Match, order: list[str], pending: str, year: int, page: int, path: Path) -> dict:
    name = f"{pending} {match.group('name')}".strip()
    if not name:
        name = match.group("iso") or ""
    if not name:
        raise SourceError(path, f"a table row without a country name: {match.group(0)!r}", line=page)
    row = {"year": year, "table": "overall", "country": name, "iso": match.group("iso"),
           "source": SOURCE_PDF, "line": page, "partial": None, "abstain": None}
    for column, count in zip(order, match.group("counts").split()):
        row[column] = int(count)
    pct = match.group("pct")
    row["coincidence"] = None if pct == "N/A" else float(pct.rstrip("%"))
    row["coincidence_with_consensus"] = float(match.group("pct2").rstrip("%")) if match.group("pct2") else None
    return row


def report_path(directory: str | Path, year: int) -> Path:
    """The report PDF for a year in the ``state_dept_coincidence`` folder (no report for 2018).

    >>> report_path("../shared/data/state_dept_coincidence", 2021).name
    'Report-Voting-Practices-in-the-United-Nations-2021.pdf'
    """
    directory = Path(directory)
    matches = sorted((directory / "PDFs").glob(f"*{year}.pdf"))
    if not matches:
        raise SourceError(directory / "PDFs", f"no report PDF for {year}")
    return matches[0]


def read(directory: str | Path) -> pl.DataFrame:
    """Every table of the folder: each CSV, and the overall table of each report PDF (the slow part: about a minute).

    >>> read("../shared/data/state_dept_coincidence").group_by("source", "table").len().sort("source", "table").rows()
    [('state_dept_csv', 'israel', 960), ('state_dept_csv', 'overall', 960), ('state_dept_pdf', 'overall', 1737)]
    """
    directory = Path(directory)
    frames = [read_csv(p) for p in sorted(directory.glob("un-coincidence-*.csv"))]
    frames += [read_pdf(p) for p in sorted((directory / "PDFs").glob("*.pdf"))]
    return pl.concat(frames)


def published_overall(directory: str | Path, year: int) -> pl.DataFrame:
    """The published overall table for a year: the report PDF, or the CSV where there is no PDF (2018).

    >>> published_overall("../shared/data/state_dept_coincidence", 2018).height
    192
    """
    directory = Path(directory)
    csv = directory / f"un-coincidence-{year}.csv"
    if year not in _CSV_ISRAEL_ONLY_YEARS and csv.exists() and not list((directory / "PDFs").glob(f"*{year}.pdf")):
        return read_csv(csv)
    return read_pdf(report_path(directory, year))
