"""Reader for ``sc_voting_1994_2025/sc_voting.csv``: Security Council votes member by member, 1994 on.

One row per member's vote on one draft; the file's ``ID`` column numbers the decisions. Quirks handled here:

- ``Resolution`` is printed ``893 (1994)``, ``Resolution 2665 (2022)``, ``S/RES/2673 (2023)``, ``2541 (2020`` or
  ``Missing``; all become ``S/RES/893 (1994)`` (or null).
- ``Draft`` holds free text around the symbol (``S/1995/790 orally revised ...``, ``S/2016/1077; S/2016/1057``,
  ``s/2004/25``, ``S/2005-554``); ``draft`` is the first symbol, ``draft_text`` the cell as printed. Typos such as
  ``S/20016/636`` are kept as printed.
- In a few of the last rows ``Resolution`` and ``Draft`` are swapped: detected by their shapes and swapped back
  (flag ``resolution/draft swapped``).
- ``Meeting`` is ``3326``, ``S/PV.9214``, ``PV.8891``, ``S/PV9180`` or ``V175`` (a 2020 vote by letter): the PV forms
  become ``S/PV.n``, the others stay as printed.
- 21 decisions in the full file (19 in this copy) do not have exactly 15 rows (``n_rows``); the six decisions the
  file numbers 75-80 repeat vetoed drafts of 1995-1999 with the outcome "Adopted unanimously" (flag ``draft shared
  with another decision``). 1995 dates often have day and month swapped. The reader keeps what the file says; the
  build reconciles.

>>> decisions, votes = read("../shared/data/sc_voting_1994_2025/sc_voting.csv")
>>> decisions.filter(pl.col("draft") == "S/2022/431").select("outcome", "yes", "no", "abstain").row(0)
('vetoed', 13, 2, 0)
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import polars as pl

from unvote.sources import SourceError
from unvote.sources.csvrows import read_csv_text, read_text
from unvote.symbols import sc_resolution_symbol

SOURCE = "sc_voting"
COLUMNS = ["Year", "Date,", "Resolution", "Meeting", "Draft", "Agenda item", "Category", "Region", "Submitted by",
           "Outcome results", "Vote", "Member State", "ID", "Topic"]
VOTES = {"Yes": "Y", "No": "N", "Abstain": "A"}
# "Outcome results" -> unvote's outcome.
OUTCOMES = (("Adopted", "adopted"), ("Not adopted - veto", "vetoed"), ("Not adopted - failed", "failed"))

_RESOLUTION = re.compile(r"^(?:Resolution\s+|S/RES/)?(\d+)\s*\((\d{4})\)?$", re.IGNORECASE)
_DRAFT = re.compile(r"\bS/(\d{3,5})[/-](\d+)", re.IGNORECASE)


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\xa0", " ")).strip()


def resolution_symbol(text: str) -> str | None:
    """``S/RES/893 (1994)`` from any of the file's spellings; None for a blank or ``Missing`` cell.

    >>> resolution_symbol("Resolution 2665 (2022)"), resolution_symbol("2541 (2020"), resolution_symbol("Missing")
    ('S/RES/2665 (2022)', 'S/RES/2541 (2020)', None)
    """
    m = _RESOLUTION.match(_clean(text))
    return sc_resolution_symbol(int(m.group(1)), int(m.group(2))) if m else None


def draft_symbol(text: str) -> str | None:
    """The first draft symbol in a ``Draft`` cell, spaced the UN's way: ``'s/2005/261'`` gives ``'S/2005/261'``."""
    m = _DRAFT.search(text)
    return f"S/{m.group(1)}/{m.group(2)}" if m else None


def meeting_symbol(text: str) -> str | None:
    """``S/PV.3326`` for ``3326``, ``PV.8891`` or ``S/PV9180``; other forms (``V175``) as printed."""
    text = _clean(text)
    if not text:
        return None
    m = re.fullmatch(r"(?:S/)?(?:PV\.?)?(\d+)", text, re.IGNORECASE)
    return f"S/PV.{m.group(1)}" if m else text


def _outcome(path: Path, line: int, text: str) -> str:
    for prefix, outcome in OUTCOMES:
        if text.startswith(prefix):
            return outcome
    raise SourceError(path, f"'Outcome results' {text!r} is not an outcome this reader knows", line)


def _sponsors(text: str) -> list[str]:
    """The 'Submitted by' cell as names. Names are comma- (sometimes semicolon-) separated; "Mexico and the United
    Kingdom" is split where both halves are known spellings. Cells carry Excel's line-break escape (``_x000D_``) and
    vote counts in brackets ("Zimbabwe (97)"); "President" (once "President?") marks a President's text.

    >>> _sponsors("Spain_x000D_ and Sweden., Zimbabwe (97); President?; -none-")
    ['Spain', 'Sweden', 'Zimbabwe', 'President']
    """
    from unvote.members import is_known_spelling

    names: list[str] = []
    for part in re.split(r"[;,]", text.replace("_x000D_", " ")):
        part = re.sub(r"\s*\(\d+\)$", "", _clean(part)).strip(" .")
        if not part or part == "-none-":
            continue
        if part.startswith("President"):
            part = "President"
        pieces = part.split(" and ")
        if len(pieces) == 2 and not is_known_spelling(part) and all(is_known_spelling(p) for p in pieces):
            names.extend(pieces)
        else:
            names.append(part)
    return names


def read(path: str | Path) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Read ``sc_voting.csv`` into ``(decisions, votes)``.

    decisions: ``source, line, key, source_id, body, date, year, symbol, draft, draft_text, meeting, agenda, category,
    region, submitted_by, topic, outcome, outcome_text, yes, no, abstain, n_rows, flags``; ``line`` is the first line
    of the decision, ``key`` the draft symbol (``S/2022/431``; with `` #ID`` appended where two decisions share a
    draft or a decision has none). yes/no/abstain are counted from the member rows.
    votes: ``source, line, key, member, vote`` (Y/N/A), member names as spelled.
    """
    path = Path(path)
    text = read_text(path)
    if text and not text.endswith("\n"):
        # The export ends every row with a line break; a cut inside the last field would otherwise pass unseen.
        raise SourceError(path, "the last row has no line break: the file is truncated", text.count("\n") + 1)
    table = read_csv_text(path, text, COLUMNS)
    frame, lines = table.frame, table.lines
    if frame.is_empty():
        raise SourceError(path, "the file has a header but no votes", 2)

    groups: dict[str, list[int]] = {}
    for i, decision_id in enumerate(frame["ID"].to_list()):
        if not decision_id.strip().isdigit():
            raise SourceError(path, f"ID {decision_id!r} is not a decision number", lines[i])
        groups.setdefault(decision_id.strip(), []).append(i)

    rows = frame.rows(named=True)
    decisions = []
    votes = []
    for decision_id, members in groups.items():
        first = rows[members[0]]
        line = lines[members[0]]
        flags: list[str] = []
        resolution_text, draft_text = _clean(first["Resolution"]), _clean(first["Draft"])
        if draft_symbol(resolution_text) and resolution_symbol(draft_text):
            resolution_text, draft_text = draft_text, resolution_text
            flags.append("resolution/draft swapped")
        symbol = resolution_symbol(resolution_text)
        draft = draft_symbol(draft_text)
        if resolution_text and resolution_text != "Missing" and symbol is None:
            raise SourceError(path, f"Resolution {resolution_text!r} is not a resolution number", line)
        try:
            day = date.fromisoformat(first["Date,"].strip())
        except ValueError:
            raise SourceError(path, f"date {first['Date,']!r} is not YYYY-MM-DD", line) from None
        outcome_text = _clean(first["Outcome results"])
        tally = {"Y": 0, "N": 0, "A": 0}
        for i in members:
            row = rows[i]
            vote = VOTES.get(row["Vote"].strip())
            if vote is None:
                raise SourceError(path, f"vote {row['Vote']!r} is not Yes, No or Abstain", lines[i])
            member = _clean(row["Member State"])
            if not member:
                raise SourceError(path, "empty member name", lines[i])
            tally[vote] += 1
            votes.append((lines[i], decision_id, member, vote))
        if len(members) != 15:
            flags.append(f"{len(members)} member rows")
        if symbol is None and outcome_text.startswith("Adopted"):
            flags.append("adopted without a resolution number")
        decisions.append({
            "source": SOURCE, "line": line, "source_id": int(decision_id), "body": "SC", "date": day,
            "year": int(first["Year"]) if first["Year"].strip().isdigit() else None,
            "symbol": symbol, "draft": draft, "draft_text": draft_text or None,
            "meeting": meeting_symbol(first["Meeting"]), "agenda": _clean(first["Agenda item"]) or None,
            "category": _clean(first["Category"]) or None, "region": _clean(first["Region"]) or None,
            "submitted_by": _sponsors(first["Submitted by"]), "topic": _clean(first["Topic"]) or None,
            "outcome": _outcome(path, line, outcome_text), "outcome_text": outcome_text,
            "yes": tally["Y"], "no": tally["N"], "abstain": tally["A"], "n_rows": len(members), "flags": flags,
        })

    # The key is the draft symbol; where it cannot identify the decision alone, the file's ID is added.
    drafts = [d["draft"] for d in decisions]
    for d in decisions:
        if d["draft"] is None:
            d["key"] = f"#{d['source_id']}"
            d["flags"].append("no draft symbol")
        elif drafts.count(d["draft"]) > 1:
            d["key"] = f"{d['draft']} #{d['source_id']}"
            d["flags"].append("draft shared with another decision")
        else:
            d["key"] = d["draft"]
    keys = {str(d["source_id"]): d["key"] for d in decisions}

    decision_frame = pl.DataFrame(decisions, schema={
        "source": pl.String, "line": pl.Int64, "source_id": pl.Int64, "body": pl.String, "date": pl.Date,
        "year": pl.Int32, "symbol": pl.String, "draft": pl.String, "draft_text": pl.String, "meeting": pl.String,
        "agenda": pl.String, "category": pl.String, "region": pl.String, "submitted_by": pl.List(pl.String),
        "topic": pl.String, "outcome": pl.String, "outcome_text": pl.String, "yes": pl.Int32, "no": pl.Int32,
        "abstain": pl.Int32, "n_rows": pl.Int32, "flags": pl.List(pl.String), "key": pl.String,
    }).select("source", "line", "key", pl.exclude("source", "line", "key")).sort("line")
    vote_frame = pl.DataFrame(
        [(SOURCE, line, keys[i], member, vote) for line, i, member, vote in votes],
        schema={"source": pl.String, "line": pl.Int64, "key": pl.String, "member": pl.String, "vote": pl.String},
        orient="row",
    )
    return decision_frame, vote_frame
