"""The checker's report: each statement with its verdict and evidence, as JSON, Markdown or a Rich terminal view.

Offsets (``start``, ``end``) are into :attr:`Report.text`, the story as a reader sees it; ``source_start`` and
``source_end`` are into the input as given (the HTML of a page), so a page can highlight the statement.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from rich.console import Console
from rich.table import Table
from rich.text import Text

from unvote.news.mention import Mention

_STYLE = {"supported": "green", "contradicted": "bold red", "not in the record": "yellow", "forecast": "cyan"}
_MARK = {"supported": "✔", "contradicted": "✘", "not in the record": "?", "forecast": "→"}


@dataclass
class StatementResult:
    """One checkable statement and its verdict."""

    kind: str
    start: int
    end: int
    source_start: int
    source_end: int
    text: str
    sentence: str
    claim: str
    verdict: str
    evidence: list[str] = field(default_factory=list)
    cannot_show: list[str] = field(default_factory=list)
    decisions: list[str] = field(default_factory=list)
    forecast: dict | None = None  # for a "forecast" verdict: the draft, P(adopted), P(vetoed) and by whom, the rules

    def to_json(self) -> dict:
        """The statement as a JSON-ready dict (``decisions`` are record ids, e.g. ``SC-DRAFT-S/2022/431``)."""
        return dict(self.__dict__)


@dataclass
class Report:
    """What :func:`unvote.news.check` found: the text, its publication date, mentions and judged statements."""

    text: str
    published: date | None
    published_from: str
    mentions: list[Mention]
    statements: list[StatementResult]

    def counts(self) -> dict[str, int]:
        """How many statements got each verdict."""
        out = {"supported": 0, "contradicted": 0, "not in the record": 0, "forecast": 0}
        for s in self.statements:
            out[s.verdict] += 1
        return out

    def to_json(self) -> dict:
        """A JSON-ready dict: every statement with character offsets, verdict and evidence."""
        return {"published": self.published.isoformat() if self.published else None,
                "published_from": self.published_from, "counts": self.counts(),
                "statements": [s.to_json() for s in self.statements],
                "mentions": [m.to_json() for m in self.mentions], "text": self.text}

    def to_markdown(self) -> str:
        """A Markdown report: a summary line, then one section per statement."""
        c = self.counts()
        lines = ["# Article check", "",
                 f"Published: {self.published or 'unknown'} ({self.published_from}). "
                 f"{c['supported']} supported, {c['contradicted']} contradicted, "
                 f"{c['not in the record']} not in the record, {c['forecast']} forecast.", ""]
        for i, s in enumerate(self.statements, 1):
            lines.append(f"## {i}. {_MARK[s.verdict]} {s.verdict}: “{s.text}” ({s.kind}, chars {s.start}–{s.end})")
            lines.append("")
            lines.append(f"> {s.sentence}")
            lines.append("")
            lines.append(f"Claim: {s.claim}")
            for e in s.evidence:
                lines.append(f"- {e}")
            for n in s.cannot_show:
                lines.append(f"- *The record cannot show:* {n}")
            lines.append("")
        return "\n".join(lines)

    def render(self, console: Console | None = None) -> None:
        """Print the report to a terminal with Rich."""
        console = console or Console()
        c = self.counts()
        console.print(Text.assemble(("Article check", "bold"), f"  published {self.published or 'unknown'} "
                                    f"({self.published_from}): ",
                                    (f"{c['supported']} supported", "green"), ", ",
                                    (f"{c['contradicted']} contradicted", "red"), ", ",
                                    (f"{c['not in the record']} not in the record", "yellow"), ", ",
                                    (f"{c['forecast']} forecast", "cyan")))
        table = Table(show_lines=True, expand=True)
        table.add_column("", width=2)
        table.add_column("statement", ratio=2)
        table.add_column("verdict and evidence", ratio=3)
        for s in self.statements:
            detail = Text()
            detail.append(s.verdict, style=_STYLE[s.verdict])
            detail.append(f"  ({s.claim})\n")
            for e in s.evidence:
                detail.append(f"• {e}\n")
            for n in s.cannot_show:
                detail.append(f"• cannot show: {n}\n", style="dim")
            quote = Text(s.sentence)
            offset = s.sentence.find(s.text)
            if offset >= 0:
                quote.stylize("bold underline", offset, offset + len(s.text))
            table.add_row(Text(_MARK[s.verdict], style=_STYLE[s.verdict]), quote, detail)
        console.print(table)
