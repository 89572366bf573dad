"""The data-quality report: every disagreement between sources, with the rule that settled it."""

from __future__ import annotations

from dataclasses import dataclass, field

import polars as pl

SCHEMA = {"check": pl.String, "decision_id": pl.String, "field": pl.String, "sources": pl.String,
          "values": pl.String, "rule": pl.String, "chosen": pl.String}


@dataclass
class QualityReport:
    """Collects disagreements while the build reconciles; ``frame()`` gives the ``quality`` table."""

    rows: list[dict[str, str | None]] = field(default_factory=list)

    def add(self, check: str, decision_id: str | None, field_: str, sources: str, values: str, rule: str,
            chosen: str | None) -> None:
        self.rows.append({"check": check, "decision_id": decision_id, "field": field_, "sources": sources,
                          "values": values, "rule": rule, "chosen": chosen})

    def add_frame(self, frame: pl.DataFrame) -> None:
        """Add many rows at once (a frame with the report's columns)."""
        self.rows.extend(frame.select(list(SCHEMA)).cast(SCHEMA).to_dicts())

    def frame(self) -> pl.DataFrame:
        return pl.DataFrame(self.rows, schema=SCHEMA).sort("check", "decision_id", "field", "values", nulls_last=True)
