"""The General Assembly's roll calls, reconciled.

The backbone is Voeten's roll-call data (the wide 2024 release): every recorded plenary vote, amendments and paragraph
votes included, with each member's vote. Onto it go the roll-call metadata (session, symbol, amendment and paragraph
flags, important-question flag, titles) from the unvotes package (to 2019) and the un-project extract (to 2021-03),
the symbols of 2020–2023 from the crosswalk, the UN Digital Library's titles, record numbers and printed tallies, and
the UN's machine-readable resolutions (sessions 74–77: agenda items, committees, sponsors, draft symbols).

Rules that settle disagreements (each one counted in the quality report):
- member votes: Voeten's, mapped to the state that sat on the date (the file harmonised the USSR into RUS, …);
- tallies: counted from those member votes; a printed tally that differs is reported;
- dates: Voeten's; a UNDL date that is Voeten's with day and month swapped is reported as such;
- titles: the UN's own (UNxml, then UNDL, then the crosswalk), else Voeten's short description.
"""

from __future__ import annotations

import polars as pl

from unvote.reconcile.members import map_codes_by_date, map_names_by_date
from unvote.reconcile.quality import QualityReport
from unvote.reconcile.tally import report_printed_tallies, tally_of
from unvote.symbols import symbol_key

UNDL_TITLE_SUFFIX = r"\s*:\s*(resolution\s*/\s*)?adopted by the General Assembly.*$"


def ga_session(date_col: pl.Expr) -> pl.Expr:
    """The regular session a date falls in (sessions open in September): 2014-12-18 is in the 69th."""
    return (date_col.dt.year() - 1945 - (date_col.dt.month() < 9).cast(pl.Int32)).cast(pl.Int32)


def reconcile_ga(raw: dict, quality: QualityReport) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The GA's decisions and votes tables (snapshot schema) from the raw sources."""
    vw = raw["voeten_wide"]
    base = vw.decisions.select("key", "rcid", "date", "issues").with_columns(
        id=pl.format("GA-{}-{}", pl.col("rcid"), pl.col("date").dt.strftime("%Y%m%d")))

    votes = vw.votes.join(base.select("key", "id", "date"), on="key").select(
        pl.col("id").alias("decision_id"), "date", pl.col("member_code").alias("code"), "vote")
    votes = map_codes_by_date(votes).select("decision_id", "member", "vote", pl.lit("voeten_wide").alias("source"))
    votes = _fill_from_unvotes(votes, base, raw["unvotes"], quality)

    # Roll-call metadata: unvotes to 2019, the un-project extract adds 2020 and early 2021. Keyed on (rcid, date).
    meta_cols = ["key", "session", "important", "symbol", "amend", "para", "short", "descr"]
    unv = raw["unvotes"].roll_calls.select(meta_cols).with_columns(meta_source=pl.lit("unvotes"))
    vm = raw["voeten_meta"].select(meta_cols).with_columns(meta_source=pl.lit("voeten_meta"))
    meta = pl.concat([unv, vm.join(unv.select("key"), on="key", how="anti")], how="vertical_relaxed")
    issues = raw["unvotes"].issues.group_by("rcid").agg(pl.col("short_name").unique().sort().alias("unvotes_issues"))
    cw = raw["crosswalk"].select("key", pl.col("symbol").alias("cw_symbol"), pl.col("title").alias("cw_title"))

    d = (base.join(meta, on="key", how="left").join(cw, on="key", how="left")
         .join(issues, on="rcid", how="left"))
    d = d.with_columns(
        session=pl.coalesce("session", ga_session(pl.col("date"))),
        symbol=pl.coalesce("cw_symbol", "symbol"),
        issues=pl.concat_list(pl.col("issues"), pl.col("unvotes_issues").fill_null([])).list.unique().list.sort(),
    ).with_columns(
        kind=pl.when(pl.col("amend")).then(pl.lit("amendment"))
        .when(pl.col("para")).then(pl.lit("paragraph"))
        .when(pl.col("symbol").is_not_null()).then(pl.lit("resolution"))
        .otherwise(pl.lit("other")),
        symbol_key=pl.col("symbol").map_elements(symbol_key, return_dtype=pl.String),
        sources=pl.concat_list(pl.lit("voeten_wide"), pl.col("meta_source"),
                               pl.when(pl.col("cw_symbol").is_not_null()).then(pl.lit("crosswalk"))).list.drop_nulls(),
    )

    d, undl_only_votes = _attach_undl(d, raw["undl_wide"], votes, quality)
    votes = pl.concat([votes, undl_only_votes])
    d = _attach_unxml(d, raw["unxml"], quality)

    counted = tally_of(votes)
    d = d.join(counted, left_on="id", right_on="decision_id", how="left")
    for src in ("undl", "unxml"):
        report_printed_tallies(d, src, f"{src} vs voeten_wide", "counted from Voeten's member votes", quality)
    # Voeten's data holds only the GA's recorded votes; a roll call in it was put to the vote. Whether the
    # proposal carried is decided by the rules (charter) from the votes: majority of those present and voting.
    d = d.with_columns(
        title=pl.coalesce("unxml_title", "undl_title", "cw_title", pl.col("short").str.to_titlecase()),
        outcome=pl.when(pl.col("yes") > pl.col("no")).then(pl.lit("adopted")).otherwise(pl.lit("failed")),
        body=pl.lit("GA"), vetoed_by=pl.lit([], dtype=pl.List(pl.String)),
        rcid=pl.col("rcid").cast(pl.Int32), meeting=pl.lit(None, dtype=pl.String),
        description=pl.col("descr"),
    )
    return d, votes


def _fill_from_unvotes(votes: pl.DataFrame, base: pl.DataFrame, unvotes, quality: QualityReport) -> pl.DataFrame:
    """Add the votes of states the wide file dropped (it "removed countries entirely absorbed by their successors":
    Czechoslovakia, East Germany, the two Yemens, Zanzibar) from the unvotes package, which kept Voeten's original
    states. unvotes has no absences, so those states' absences stay unrecorded."""
    keys = unvotes.roll_calls.select("rcid", "key")
    uv = (unvotes.votes.join(keys, on="rcid").join(base.select("key", "id", "date"), on="key")
          .select(pl.col("id").alias("decision_id"), "date", "member", "vote"))
    uv = map_names_by_date(uv).filter(pl.col("member").is_not_null())
    extra = uv.join(votes, on=["decision_id", "member"], how="anti").select(
        "decision_id", "member", "vote", pl.lit("unvotes").alias("source"))
    for member, n in extra.group_by("member").len().sort("member").iter_rows():
        quality.add("member votes missing from the wide file", None, "votes", "unvotes vs voeten_wide",
                    f"{member}: {n} votes", "taken from unvotes (Voeten's original release)", "unvotes")
    return pl.concat([votes, extra])


def _attach_undl(d: pl.DataFrame, undl, votes: pl.DataFrame,
                 quality: QualityReport) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Match the UNDL's GA rows to roll calls by symbol (and date), take their titles and record numbers."""
    u = undl.decisions.filter(pl.col("body") == "GA").with_columns(
        u_key=pl.col("symbol").map_elements(symbol_key, return_dtype=pl.String),
        undl_title=pl.col("title").str.replace(UNDL_TITLE_SUFFIX, "").str.strip_chars())
    # Several roll calls share a symbol (amendments, paragraphs, then the whole): UNDL records the vote on the whole.
    cand = d.filter(pl.col("kind") == "resolution").select("id", "symbol_key", pl.col("date").alias("v_date"))
    pairs = u.join(cand, left_on="u_key", right_on="symbol_key", how="inner").with_columns(
        day_gap=(pl.col("date") - pl.col("v_date")).dt.total_days().abs().fill_null(9999))
    best = pairs.sort("day_gap", "id").unique("key", keep="first", maintain_order=True)
    best = best.sort("day_gap", "key").unique("id", keep="first", maintain_order=True)

    for row in best.filter(pl.col("day_gap") > 0).iter_rows(named=True):
        check = "date: UNDL day and month swapped" if _swapped(row["date"], row["v_date"]) else "date: sources differ"
        quality.add(check, row["id"], "date", "undl_wide vs voeten_wide", f"{row['date']} vs {row['v_date']}",
                    "Voeten's date kept", str(row["v_date"]))

    _report_member_votes(best, undl.votes, votes, quality)
    keep = best.select("id", "key", "undl_title", pl.col("yes").alias("undl_yes"), pl.col("no").alias("undl_no"),
                       pl.col("abstain").alias("undl_abstain"), pl.col("undl_record"))
    d = d.join(keep.drop("key"), on="id", how="left")
    d = d.with_columns(sources=pl.when(pl.col("undl_record").is_not_null())
                       .then(pl.col("sources").list.concat(pl.lit(["undl_wide"]))).otherwise(pl.col("sources")))
    extra, extra_votes = _undl_only(u.join(best.select("key"), on="key", how="anti"), undl, d, votes, quality)
    return pl.concat([d, extra], how="diagonal_relaxed"), extra_votes


def _swapped(a, b) -> bool:
    """True if date ``a`` is date ``b`` with day and month exchanged."""
    return a is not None and a.day <= 12 and (a.year, a.day, a.month) == (b.year, b.month, b.day)


def _undl_only(unmatched: pl.DataFrame, undl, d: pl.DataFrame, votes: pl.DataFrame,
               quality: QualityReport) -> tuple[pl.DataFrame, pl.DataFrame]:
    """UNDL's GA votes that match no Voeten roll call by symbol. From the 31st session (1976) on, symbols are
    reliable in both sources, so such a vote is one Voeten lacks: it is added with UNDL's member votes, unless a
    Voeten roll call on the same day has the same tally (then it is the same vote under another symbol). Before 1976,
    Voeten's codes are not the UN's symbols, so an unmatched vote cannot be told from a duplicate: it is reported."""
    counted = tally_of(votes).join(d.select(pl.col("id").alias("decision_id"), "date"), on="decision_id")
    same = unmatched.join(counted, on=["date", "yes", "no", "abstain"], how="semi")
    modern = pl.col("date") >= pl.date(1976, 9, 1)
    added = unmatched.filter(modern & pl.col("date").is_not_null()).join(same.select("key"), on="key", how="anti")
    for row in unmatched.join(added.select("key"), on="key", how="anti").iter_rows(named=True):
        reason = ("not added: a Voeten roll call that day has the same tally (the same vote under another symbol)"
                  if row["key"] in set(same["key"]) else
                  "not added: before 1976 Voeten's codes are not UN symbols, so it may duplicate a roll call")
        quality.add("GA vote in UNDL only", None, "decision", "undl_wide", f"{row['symbol']} {row['date']}", reason, None)
    for row in added.iter_rows(named=True):
        quality.add("GA vote in UNDL only", f"GA-UNDL-{row['key']}", "decision", "undl_wide",
                    f"{row['symbol']} {row['date']}", "added with UNDL's member votes (no Voeten roll call)", None)
    added_votes = map_names_by_date(undl.votes.join(added.select("key", "date"), on="key"))
    added_votes = added_votes.filter(pl.col("member").is_not_null()).select(
        pl.format("GA-UNDL-{}", "key").alias("decision_id"), "member", "vote", pl.lit("undl_wide").alias("source"))
    return added.select(
        pl.format("GA-UNDL-{}", "key").alias("id"), "date", session=ga_session(pl.col("date")), symbol="symbol",
        symbol_key="u_key", kind=pl.lit("resolution"), undl_title="undl_title", undl_record="undl_record",
        undl_yes="yes", undl_no="no", undl_abstain="abstain", issues=pl.lit([], dtype=pl.List(pl.String)),
        sources=pl.lit(["undl_wide"])), added_votes


def _report_member_votes(best: pl.DataFrame, undl_votes: pl.DataFrame, votes: pl.DataFrame,
                         quality: QualityReport) -> None:
    """Count, per matched decision, the members whose vote differs between UNDL and Voeten."""
    uv = undl_votes.join(best.select("key", "id", "date"), on="key").rename({"id": "decision_id"})
    uv = map_names_by_date(uv).filter(pl.col("member").is_not_null())
    # UNDL leaves non-members blank but marks members who did not vote X; Voeten marks absent members 8 (X) too.
    cmp = uv.select("decision_id", "member", pl.col("vote").alias("undl_vote")).unique(["decision_id", "member"]).join(
        votes.select("decision_id", "member", "vote"), on=["decision_id", "member"], how="full", coalesce=True)
    cmp = cmp.filter(pl.col("decision_id").is_in(best["id"].implode()))
    diff = cmp.filter(pl.col("undl_vote").fill_null("-") != pl.col("vote").fill_null("-"))
    per = diff.group_by("decision_id").agg(
        n=pl.len(), examples=pl.format("{}:{}/{}", "member", pl.col("undl_vote").fill_null("-"),
                                       pl.col("vote").fill_null("-")).sort().head(6).str.join(" "))
    for row in per.sort("decision_id").iter_rows(named=True):
        quality.add("member votes: UNDL and Voeten differ", row["decision_id"], "votes", "undl_wide vs voeten_wide",
                    f"{row['n']} members differ (member:UNDL/Voeten) {row['examples']}", "Voeten's votes kept",
                    "voeten_wide")


def _attach_unxml(d: pl.DataFrame, unxml, quality: QualityReport) -> pl.DataFrame:
    """Agenda items, committees, sponsors and draft symbols from the UN's machine-readable resolutions."""
    r = unxml.resolutions.filter(pl.col("recorded")).with_columns(
        u_key=pl.col("symbol").map_elements(symbol_key, return_dtype=pl.String))
    r = r.unique("u_key", keep="first", maintain_order=True)
    cols = r.select("u_key", pl.col("title").alias("unxml_title"), pl.col("agenda_item_name").alias("agenda"),
                    pl.col("committee"), pl.col("draft"), pl.col("meeting").alias("unxml_meeting"),
                    pl.concat_list(pl.col("sponsors").fill_null([]), pl.col("additional_sponsors").fill_null([]))
                    .alias("sponsors_raw"),
                    pl.col("yes").alias("unxml_yes"), pl.col("no").alias("unxml_no"),
                    pl.col("abstain").alias("unxml_abstain"))
    is_whole = pl.col("kind") == "resolution"
    d = d.join(cols, left_on="symbol_key", right_on="u_key", how="left").with_columns(
        [pl.when(is_whole).then(pl.col(c)).alias(c) for c in cols.columns if c != "u_key"])
    return d.with_columns(sources=pl.when(pl.col("unxml_title").is_not_null())
                          .then(pl.col("sources").list.concat(pl.lit(["unxml"]))).otherwise(pl.col("sources")))
