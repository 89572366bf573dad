"""A draft resolution described only by what is known before the vote: the forecaster's input."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field

from unvote.errors import UserError
from unvote.dates import parse_date
from unvote.record import Record


@dataclass(frozen=True)
class Draft:
    """A draft put to the vote: no tally, no outcome.

    ``previous`` is the symbol of an earlier version (last year's GA resolution, the SC mandate being renewed, or a
    failed draft being put again).

    >>> Draft(body="SC", date=dt.date(2022, 5, 27), agenda="Non-proliferation/Democratic People’s Republic of Korea",
    ...       sponsors=("USA",), previous="S/2022/431").body
    'SC'
    """

    body: str
    date: dt.date
    title: str = ""
    agenda: str = ""
    issues: tuple[str, ...] = ()
    sponsors: tuple[str, ...] = ()
    previous: str | None = None
    kind: str = "resolution"
    important: bool = False
    symbol: str | None = field(default=None, compare=False)  # the decision it was made from, if any (for reports)
    topic: str = ""  # SC: the subject finer than the agenda item ("Middle East (Syria)"); see Forecaster.item_key

    def __post_init__(self) -> None:
        body = (self.body or "").upper()
        if body not in ("GA", "SC"):
            raise UserError(f"A draft's body must be GA or SC, not {self.body!r}.")
        object.__setattr__(self, "body", body)
        object.__setattr__(self, "date", parse_date(self.date, "draft date"))
        object.__setattr__(self, "issues", tuple(self.issues or ()))
        object.__setattr__(self, "sponsors", tuple(self.sponsors or ()))
        if not (self.title or self.agenda or self.previous):
            raise UserError("Describe the draft with at least a title, an agenda item or a previous symbol.")

    @property
    def text(self) -> str:
        """Title and agenda item together: what the text similarity reads."""
        return " ".join(part for part in (self.title, self.agenda) if part)

    def to_dict(self) -> dict:
        data = asdict(self)
        data["date"] = self.date.isoformat()
        data["issues"], data["sponsors"] = list(self.issues), list(self.sponsors)
        return data


def draft_from_decision(rec: Record, symbol: str) -> Draft:
    """The decision ``symbol`` as a draft on its own date, stripped of its votes and outcome (for backtests).

    >>> draft_from_decision(rec, "S/2022/431").sponsors
    ('USA',)
    """
    row = rec.decision(symbol).row
    return _draft_of_row(row, row["date"])


def draft_like(rec: Record, symbol: str, date: dt.date | str | None = None) -> Draft:
    """A re-run of decision ``symbol``: the same draft put again on ``date`` (default: the next day), with the
    decision itself as its previous version.

    >>> draft_like(rec, "S/2022/431").date
    datetime.date(2022, 5, 27)
    """
    row = rec.decision(symbol).row
    on = parse_date(date, "draft date") if date is not None else row["date"] + dt.timedelta(days=1)
    if on <= row["date"]:
        raise UserError(f"A re-run of {symbol} must come after its vote on {row['date'].isoformat()}.")
    previous = row["symbol"] or row["draft"]
    return _draft_of_row(row, on, previous=previous)


def _draft_of_row(row: dict, on: dt.date, previous: str | None = None) -> Draft:
    title = row["title"] or ""
    if row["body"] == "SC" and previous is None:
        # The record titles only adopted Council resolutions ("Security Council resolution 2426 (2018) [on ...]");
        # a failed draft has none, so a title would tell a backtest the outcome before the vote.
        title = ""
    if not (title or row["agenda"] or previous):
        title = row["symbol"] or row["draft"] or row["id"]  # a few GA roll calls carry neither title nor agenda
    return Draft(body=row["body"], date=on, title=title, agenda=row["agenda"] or "",
                 issues=tuple(row["issues"] or ()), sponsors=tuple(row["sponsors"] or ()), previous=previous,
                 kind=row["kind"] or "resolution", important=bool(row["important"]), topic=row.get("topic") or "",
                 symbol=row["symbol"] or row["draft"] or row["id"])
