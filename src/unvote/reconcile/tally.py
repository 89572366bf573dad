"""Tallies: counted from member votes, and compared with the tallies the sources print."""

from __future__ import annotations

import polars as pl

from unvote.reconcile.quality import QualityReport


def tally_of(votes: pl.DataFrame, key: str = "decision_id") -> pl.DataFrame:
    """Yes / no / abstain / not-voting counts per decision, counted from member votes."""
    return votes.group_by(key).agg(
        yes=(pl.col("vote") == "Y").sum().cast(pl.Int32),
        no=(pl.col("vote") == "N").sum().cast(pl.Int32),
        abstain=(pl.col("vote") == "A").sum().cast(pl.Int32),
        non_voting=(pl.col("vote") == "X").sum().cast(pl.Int32),
    )


def report_printed_tallies(decisions: pl.DataFrame, prefix: str, sources: str, rule: str, quality: QualityReport,
                           where: pl.Expr = pl.lit(True)) -> None:
    """Report each decision (among ``where``) whose printed ``<prefix>_yes/_no/_abstain`` differ from its tally."""
    y, n, a = f"{prefix}_yes", f"{prefix}_no", f"{prefix}_abstain"
    differs = (pl.col(y) != pl.col("yes")) | (pl.col(n) != pl.col("no")) | (pl.col(a) != pl.col("abstain"))
    for row in decisions.filter(pl.col(y).is_not_null() & where & differs).iter_rows(named=True):
        counted = f"{row['yes']}-{row['no']}-{row['abstain']}"
        quality.add(f"tally: {prefix} printed differs from member votes", row["id"], "tally", sources,
                    f"{row[y]}-{row[n]}-{row[a]} vs {counted}", rule, counted)
