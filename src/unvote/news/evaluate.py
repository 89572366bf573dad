"""Precision of the checker's verdicts over the project's own test articles (``tests/articles``).

Each article has a ``.expected.json`` beside it: the statements a careful human would check, with the verdict they
would give. A predicted statement matches an expected one of the same kind whose span overlaps it. Precision of a
verdict is the share of the checker's statements with that verdict that a human gave the same verdict; statements
the human did not list count against precision. ``forecast`` (a statement about a vote still to come) is counted on
its own line and kept out of the decisive precision: it is a probability, not a finding. Run
``python -m unvote.news.evaluate [DIR ...]`` (several folders are summed; a folder or a list of files).

>>> e = evaluate("tests/articles")            # doctest: +SKIP
>>> e.precision("supported")                  # doctest: +SKIP
1.0
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from unvote.news.check import check
from unvote.news.verdicts import CONTRADICTED, FORECAST, NOT_IN_RECORD, SUPPORTED
from unvote.record import Record

VERDICTS = (SUPPORTED, CONTRADICTED, NOT_IN_RECORD, FORECAST)


@dataclass
class Evaluation:
    """Counts over a set of articles: ``predicted[v]``, ``correct[v]`` and ``expected[v]`` per verdict."""

    predicted: dict[str, int] = field(default_factory=lambda: dict.fromkeys(VERDICTS, 0))
    correct: dict[str, int] = field(default_factory=lambda: dict.fromkeys(VERDICTS, 0))
    expected: dict[str, int] = field(default_factory=lambda: dict.fromkeys(VERDICTS, 0))
    mistakes: list[str] = field(default_factory=list)

    def precision(self, verdict: str) -> float | None:
        """Share of the checker's ``verdict`` statements that a human gave the same verdict."""
        n = self.predicted[verdict]
        return self.correct[verdict] / n if n else None

    def recall(self) -> float:
        """Share of the human's statements the checker found and judged the same way."""
        total = sum(self.expected.values())
        return sum(self.correct.values()) / total if total else 0.0

    def summary(self) -> str:
        lines = []
        for v in VERDICTS:
            p = self.precision(v)
            lines.append(f"{v:18} predicted {self.predicted[v]:3}  correct {self.correct[v]:3}  "
                         f"precision {'n/a' if p is None else f'{p:.2f}'}  (expected {self.expected[v]})")
        decisive = self.predicted[SUPPORTED] + self.predicted[CONTRADICTED]
        right = self.correct[SUPPORTED] + self.correct[CONTRADICTED]
        lines.append(f"decisive verdicts (supported + contradicted): precision {right}/{decisive}"
                     + (f" = {right / decisive:.2f}" if decisive else ""))
        lines.append(f"expected statements found with the same verdict: {sum(self.correct.values())}/"
                     f"{sum(self.expected.values())} = {self.recall():.2f}")
        lines.extend("  " + m for m in self.mistakes)
        return "\n".join(lines)


def expected_files(directory: str | Path) -> list[Path]:
    """The ``.expected.json`` files of a folder (or the one file given)."""
    path = Path(directory)
    return [path] if path.is_file() else sorted(path.glob("*.expected.json"))


def evaluate(directory: str | Path, record: Record | None = None, forecasts: bool = False) -> Evaluation:
    """Check every article in ``directory`` that has an ``.expected.json`` and count agreements with it.

    The forecaster is not run by default: no verdict depends on its probabilities, and each forecast fits a model."""
    out = Evaluation()
    for expected_path in expected_files(directory):
        expected = json.loads(expected_path.read_text(encoding="utf-8"))
        article = expected_path.with_name(expected["article"])
        report = check(article.read_text(encoding="utf-8"), date.fromisoformat(expected["published"]), record,
                       forecasts=forecasts)
        wanted = expected["statements"]
        for w in wanted:
            out.expected[w["verdict"]] += 1
        used: set[int] = set()
        for s in report.statements:
            out.predicted[s.verdict] += 1
            match = next((i for i, w in enumerate(wanted) if i not in used and w["kind"] == s.kind
                          and w["start"] < s.end and s.start < w["end"]), None)
            if match is None:
                if s.verdict != NOT_IN_RECORD:
                    out.mistakes.append(f"{article.name}: unlisted {s.kind} {s.text!r} judged {s.verdict}")
                continue
            used.add(match)
            if wanted[match]["verdict"] == s.verdict:
                out.correct[s.verdict] += 1
            else:
                out.mistakes.append(f"{article.name}: {s.kind} {s.text!r} judged {s.verdict}, "
                                    f"expected {wanted[match]['verdict']}")
    return out


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    for directory in args or ["tests/articles"]:
        print(f"## {directory}")
        print(evaluate(directory).summary())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
