"""Put the reconciled pieces together into the snapshot's tables, in a fixed order so rebuilds are byte-identical."""

from __future__ import annotations

import polars as pl

from unvote import members
from unvote.reconcile.ga import reconcile_ga
from unvote.reconcile.members import unmapped_names
from unvote.reconcile.quality import QualityReport
from unvote.reconcile.sc import reconcile_sc

DECISION_COLUMNS = {
    "id": pl.String, "body": pl.String, "date": pl.Date, "session": pl.Int32, "symbol": pl.String,
    "symbol_key": pl.String, "draft": pl.String, "meeting": pl.String, "kind": pl.String, "title": pl.String,
    "description": pl.String, "agenda": pl.String, "committee": pl.String, "issues": pl.List(pl.String),
    "important": pl.Boolean, "outcome": pl.String, "yes": pl.Int32, "no": pl.Int32, "abstain": pl.Int32,
    "non_voting": pl.Int32, "vetoed_by": pl.List(pl.String), "sponsors": pl.List(pl.String), "rcid": pl.Int32,
    "undl_record": pl.String, "sources": pl.List(pl.String), "outcome_source": pl.String, "topic": pl.String,
}


def reconcile(raw: dict) -> dict[str, pl.DataFrame]:
    """The snapshot's tables from the readers' output (a dict keyed by source name, as in ``build.SOURCES``)."""
    quality = QualityReport()
    ga_decisions, ga_votes = reconcile_ga(raw, quality)
    sc_decisions, sc_votes = reconcile_sc(raw, quality)
    decisions = pl.concat([_conform(ga_decisions), _conform(sc_decisions)])
    decisions = decisions.with_columns(sponsors=_sponsor_codes(decisions)).sort("date", "id")
    decisions = _outcome_sources(decisions, quality)
    votes = pl.concat([ga_votes, sc_votes]).select("decision_id", "member", "vote", "source")
    _report_unmapped(raw, quality)
    votes = _one_vote_each(votes.filter(pl.col("member").is_not_null()), quality).sort("decision_id", "member")
    return {
        "members": members.reference_members().sort("code"),
        "member_names": members.aliases().select(pl.col("alias").alias("name"), "code", "sources")
        .filter(pl.col("code").is_not_null()).sort("name", "code"),
        "decisions": decisions,
        "votes": votes,
        "sc_seats": raw["sc_membership"].sort("start", "member"),
        "quality": quality.frame(),
    }


def _outcome_sources(decisions: pl.DataFrame, quality: QualityReport) -> pl.DataFrame:
    """Say where each outcome comes from (``outcome_source``), and take the GA's from a source where one records it.

    No GA source records outcomes as such; but the UN Digital Library and the UN's resolution extracts list adopted
    resolutions only, so a roll call matched to one of their records was adopted, whatever its votes say. Other GA
    outcomes (amendments, paragraphs, failed drafts) can only be derived from the votes (``votes``). SC outcomes are
    the sources' own (a resolution number, the SC data's "Outcome results", the pages, the veto list).
    """
    listed = (pl.col("body") == "GA") & (pl.col("kind") == "resolution") & (
        pl.col("undl_record").is_not_null() | pl.col("sources").list.contains("unxml"))
    # Voeten files a motion for no action under the symbol of the resolution it targets (A/RES/52/22, 53/85, 63/307):
    # where the votes fail and the roll call's own description is of a motion, it is not the adoption vote.
    motion = listed & (pl.col("yes") <= pl.col("no")) & pl.col("description").str.contains(r"(?i)\bmotion\b").fill_null(False)
    for row in decisions.filter(motion).iter_rows(named=True):
        quality.add("GA motion filed under a resolution's symbol", row["id"], "kind", "voeten_meta vs undl_wide",
                    f"{row['yes']}-{row['no']}-{row['abstain']}: {row['description'][:160]}",
                    "a motion (no action), not the resolution's adoption: outcome from its own votes", row["outcome"])
    listed = listed & ~motion
    source = (pl.when(pl.col("body") == "SC").then(pl.col("sources").list.join(", "))
              .when(listed & pl.col("undl_record").is_not_null()).then(pl.lit("undl_wide"))
              .when(listed).then(pl.lit("unxml")).otherwise(pl.lit("votes")))
    decisions = decisions.with_columns(outcome_source=source)
    for row in decisions.filter(listed & (pl.col("outcome") != "adopted")).iter_rows(named=True):
        quality.add("outcome: adopted resolution, the votes say otherwise", row["id"], "outcome",
                    " vs ".join(filter(None, [row["outcome_source"], ", ".join(
                        s for s in row["sources"] if s != row["outcome_source"])])),
                    f"{row['yes']}-{row['no']}-{row['abstain']}",
                    "the source lists the resolution as adopted: outcome adopted; the roll call's votes are not those "
                    "of its adoption, or are missing", "adopted")
    return decisions.with_columns(outcome=pl.when(listed).then(pl.lit("adopted")).otherwise(pl.col("outcome")),
                                  kind=pl.when(motion).then(pl.lit("procedural")).otherwise(pl.col("kind")))


def _one_vote_each(votes: pl.DataFrame, quality: QualityReport) -> pl.DataFrame:
    """A member votes once on a decision: where a source lists a member twice (the SC data's 16- and 17-row
    decisions), the first row is kept and the repeat reported."""
    repeats = votes.filter(pl.len().over("decision_id", "member") > 1)
    for (decision_id, member), group in repeats.group_by("decision_id", "member", maintain_order=True):
        quality.add("member listed twice", decision_id, "votes", group["source"][0],
                    f"{member}: {','.join(group['vote'])}", "first row kept", group["vote"][0])
    return votes.unique(["decision_id", "member"], keep="first", maintain_order=True)


def _conform(frame: pl.DataFrame) -> pl.DataFrame:
    """The snapshot's decision columns, in order and with their types (a column a body lacks is null)."""
    return frame.select([(pl.col(c) if c in frame.columns else pl.lit(None)).cast(t).alias(c)
                         for c, t in DECISION_COLUMNS.items()])


def _sponsor_codes(decisions: pl.DataFrame) -> pl.Series:
    """Sponsors arrive as names (the UN's upper-case spellings, or the SC data's 'Submitted by'): map them to codes.
    A name that maps to no member (a committee, "President" for a President's text) is kept as printed."""
    out = []
    for names, day in zip(decisions["sponsors"], decisions["date"]):
        codes = [] if names is None else [members.code_for(n, day) or n for n in names]
        out.append(sorted(set(codes)))
    return pl.Series("sponsors", out, dtype=pl.List(pl.String))


def _report_unmapped(raw: dict, quality: QualityReport) -> None:
    """Every member spelling the sources use is mapped, or listed here."""
    frames = [raw["undl_wide"].votes, raw["unxml"].votes, raw["sc_voting"][1]]
    for frame in frames:
        source = frame["source"][0]
        for name in unmapped_names(frame):
            quality.add("member name not mapped", None, "member", source, name,
                        "votes under this spelling dropped (the spelling names no state)", None)
