"""The Security Council's decisions, reconciled: every adopted resolution and every failed draft the sources list.

Sources and what each is trusted for (each disagreement is counted in the quality report):
- member votes: the SC voting data (1994 on) where it has the decision, else the UN Digital Library's (1946–2021);
- tallies: counted from member votes; where no source has member votes (failed drafts before 1994, resolutions
  after the UNDL file ends and before the SC data has them), the tally printed on the UN's "Security Council actions"
  pages;
- vetoes: a permanent member's no on a draft that failed; the Dag Hammarskjöld Library veto list (via WPDL) and the
  UN pages name the vetoing members where no member votes exist;
- dates: the UNDL's for resolutions, else the SC data's, else the UN pages'.
"""

from __future__ import annotations

import polars as pl

from unvote import members
from unvote.charter.permanent import EVER_PERMANENT
from unvote.charter.source_errors import source_errors
from unvote.reconcile.members import map_names_by_date
from unvote.reconcile.quality import QualityReport
from unvote.reconcile.tally import report_printed_tallies, tally_of
from unvote.symbols import symbol_key

_EMPTY = pl.lit([], dtype=pl.List(pl.String))
# The veto list writes "S/471 and S/471/Add.1", "S/3710 (as amended)": the first symbol is the draft.
_DRAFT_KEY = pl.col("draft").str.extract(r"(S/[0-9A-Za-z./]+)").map_elements(symbol_key, return_dtype=pl.String)


def reconcile_sc(raw: dict, quality: QualityReport) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The Council's decisions and votes tables (snapshot schema) from the raw sources."""
    scv_decisions, scv_votes = raw["sc_voting"]
    actions = _actions(raw["sc_actions"])
    resolutions, res_votes = _resolutions(raw["undl_wide"], scv_decisions, scv_votes, actions, raw["sc_membership"],
                                          quality)
    drafts, draft_votes = _failed_drafts(scv_decisions, scv_votes, actions, raw["vetoes"], quality)
    decisions = pl.concat([resolutions, drafts], how="diagonal_relaxed")
    votes = pl.concat([res_votes, draft_votes])
    counted = tally_of(votes)
    decisions = decisions.join(counted, left_on="id", right_on="decision_id", how="left", suffix="_counted")
    decisions = decisions.with_columns(
        [pl.coalesce(f"{c}_counted", c).alias(c) for c in ("yes", "no", "abstain", "non_voting")]
    ).with_columns(body=pl.lit("SC"), kind=pl.lit("resolution"), symbol_key=pl.col("symbol").map_elements(
        symbol_key, return_dtype=pl.String), issues=_EMPTY, session=pl.lit(None, dtype=pl.Int32))
    # Adopted without a vote (UNDL's zero totals) is no disagreement; nor is a tally only the pages print.
    printed = pl.col("yes_counted").is_not_null() & ~pl.col("totals_zero").fill_null(False)
    for src in ("undl", "pages"):
        report_printed_tallies(decisions, src, src, "counted from member votes", quality, printed)
    _report_traced_errors(decisions, quality)
    return decisions, votes


def _report_traced_errors(decisions: pl.DataFrame, quality: QualityReport) -> None:
    """Outcomes a source records against its own tally, traced one by one (``charter/source_errors.csv``)."""
    present = set(decisions["id"])
    for error in source_errors():
        if error["decision_id"] in present:
            quality.add("outcome: source error", error["decision_id"], "outcome", f"{error['source']} ({error['file']})",
                        error["error"], f"kept as the source records it; {error['evidence']}", None)


def _actions(frame: pl.DataFrame) -> pl.DataFrame:
    """The UN pages' decisions, one row each, with a lookup key for the draft or resolution."""
    # One cell of a page can hold several decisions (three drafts vetoed at one meeting): number the rows.
    return frame.with_columns(
        a_row=pl.int_range(pl.len()).cast(pl.String),
        number=pl.col("symbol").str.extract(r"S/RES/(\d+)").cast(pl.Int32),
        draft_key=pl.col("draft").map_elements(symbol_key, return_dtype=pl.String),
    )


def _resolutions(undl, scv: pl.DataFrame, scv_votes: pl.DataFrame, actions: pl.DataFrame, seats: pl.DataFrame,
                 quality: QualityReport) -> tuple[pl.DataFrame, pl.DataFrame]:
    u = undl.decisions.filter(pl.col("body") == "SC").select(
        "number", pl.col("date").alias("u_date"), pl.col("symbol").alias("u_symbol"), pl.col("title").alias("u_title"),
        pl.col("yes").alias("undl_yes"), pl.col("no").alias("undl_no"), pl.col("abstain").alias("undl_abstain"),
        "totals_zero", "undl_record", pl.col("key").alias("u_key"))
    s = scv.filter(pl.col("symbol").is_not_null()).with_columns(
        number=pl.col("symbol").str.extract(r"S/RES/(\d+)").cast(pl.Int32)
    ).unique("number", keep="first", maintain_order=True).select(
        "number", pl.col("date").alias("s_date"), pl.col("symbol").alias("s_symbol"), "draft", "meeting",
        pl.col("agenda").alias("s_agenda"), pl.col("submitted_by").alias("sponsors"), pl.col("key").alias("s_key"),
        pl.col("topic"))
    a = actions.filter(pl.col("number").is_not_null()).unique("number", keep="first", maintain_order=True).select(
        "number", pl.col("date").alias("a_date"), pl.col("symbol").alias("a_symbol"),
        pl.col("meeting").alias("a_meeting"), pl.col("agenda").alias("a_agenda"),
        pl.col("yes").alias("pages_yes"), pl.col("no").alias("pages_no"), pl.col("abstain").alias("pages_abstain"))
    numbers = pl.concat([u.select("number"), s.select("number"), a.select("number")]).unique().drop_nulls()
    r = numbers.join(u, on="number", how="left").join(s, on="number", how="left").join(a, on="number", how="left")
    r = r.with_columns(
        id=pl.format("SC-RES-{}", "number"),
        date=pl.coalesce("u_date", "a_date", "s_date"),  # the SC data often swaps day and month
        symbol=pl.coalesce("s_symbol", "a_symbol", "u_symbol"),
        title=pl.col("u_title"),
        agenda=pl.coalesce("s_agenda", "a_agenda"),
        meeting=pl.coalesce("meeting", "a_meeting"),
        outcome=pl.lit("adopted"), vetoed_by=_EMPTY,
        sources=pl.concat_list(pl.when(pl.col("u_key").is_not_null()).then(pl.lit("undl_wide")),
                               pl.when(pl.col("s_key").is_not_null()).then(pl.lit("sc_voting")),
                               pl.when(pl.col("a_symbol").is_not_null()).then(pl.lit("sc_actions"))).list.drop_nulls(),
    ).sort("number")
    # Resolution symbols carry their year: write them the UN's way, S/RES/2397 (2017).
    r = r.with_columns(symbol=pl.format("S/RES/{} ({})", "number", pl.col("date").dt.year()).fill_null(pl.col("symbol")))
    for row in r.filter(pl.col("u_date").is_not_null() & pl.col("s_date").is_not_null()
                        & (pl.col("u_date") != pl.col("s_date"))).iter_rows(named=True):
        quality.add("date: sources differ", row["id"], "date", "undl_wide vs sc_voting",
                    f"{row['u_date']} vs {row['s_date']}", "the UN Digital Library's date kept", str(row["u_date"]))

    # Member votes: the SC data where it has the resolution, else UNDL's.
    sv = scv_votes.join(r.select(pl.col("s_key").alias("key"), "id", "date").drop_nulls("key"), on="key")
    sv = map_names_by_date(sv).select(pl.col("id").alias("decision_id"), "member", "vote",
                                      pl.lit("sc_voting").alias("source"))
    uv = undl.votes.join(r.select(pl.col("u_key").alias("key"), "id", "date", "totals_zero").drop_nulls("key"),
                         on="key")
    # A resolution adopted without a vote is printed with zero totals and every member X: no votes were cast.
    zero = uv.filter(pl.col("totals_zero")).select("id").unique()
    for (ident,) in zero.sort("id").iter_rows():
        quality.add("UNDL totals all zero", ident, "tally", "undl_wide",
                    "0-0-0 with every member X", "no member votes taken from UNDL (adopted without a vote)", None)
    uv = map_names_by_date(uv.filter(~pl.col("totals_zero"))).select(
        pl.col("id").alias("decision_id"), "member", "vote", pl.lit("undl_wide").alias("source"))
    _compare_member_votes(sv, uv, quality)
    # The SC data names members who did not sit on the Council that day for some decisions (most of 1995): there
    # UNDL's votes, which name the members who sat, are kept instead; where UNDL has none, the SC data's votes are
    # dropped (they are another decision's), leaving the tally the UN pages print.
    unseated = _votes_by_non_members(sv, r.select(pl.col("id").alias("decision_id"), "date"), seats)
    has_undl = uv.select("decision_id").unique()
    use_undl = unseated.join(has_undl, on="decision_id", how="semi")
    for (ident,) in use_undl.sort("decision_id").iter_rows():
        quality.add("SC data names non-members", ident, "votes", "sc_voting vs sc_membership",
                    "a voter not on the Council that day", "UNDL's member votes kept", "undl_wide")
    for (ident,) in unseated.join(has_undl, on="decision_id", how="anti").sort("decision_id").iter_rows():
        quality.add("SC data names non-members", ident, "votes", "sc_voting vs sc_membership",
                    "a voter not on the Council that day, and no UNDL votes",
                    "the SC data's member votes dropped; the tally the UN pages print kept", "sc_actions")
    # Where the SC data's votes contradict the tally both UNDL and the UN pages print, and UNDL's own member votes
    # give that tally, the SC data is the odd one out (S/RES/1093 and 1094 (1997): a US no that no other source has).
    outvoted = _outvoted_member_votes(sv, uv, r)
    for (ident,) in outvoted.sort("decision_id").iter_rows():
        quality.add("SC data votes contradict every printed tally", ident, "votes", "sc_voting vs undl_wide, sc_actions",
                    "the SC data's votes give another tally than UNDL and the UN pages print",
                    "UNDL's member votes kept (they give the printed tally)", "undl_wide")
    sv = sv.join(unseated, on="decision_id", how="anti").join(outvoted, on="decision_id", how="anti")
    votes = pl.concat([sv, uv.join(sv.select("decision_id").unique(), on="decision_id", how="anti")])
    r = r.with_columns(
        yes=pl.col("pages_yes"), no=pl.col("pages_no"), abstain=pl.col("pages_abstain"),
        non_voting=pl.lit(None, dtype=pl.Int32))
    return r, votes


def _votes_by_non_members(votes: pl.DataFrame, dates: pl.DataFrame, seats: pl.DataFrame) -> pl.DataFrame:
    """The decisions whose member votes include a state that held no Council seat on the decision's date."""
    v = votes.join(dates, on="decision_id").join(seats.select("member", "start", "end"), on="member", how="left")
    seated = v.with_columns(ok=(pl.col("start") <= pl.col("date")) & (pl.col("date") <= pl.col("end")))
    per_vote = seated.group_by("decision_id", "member").agg(pl.col("ok").fill_null(False).any())
    return per_vote.filter(~pl.col("ok")).select("decision_id").unique()


def _outvoted_member_votes(sv: pl.DataFrame, uv: pl.DataFrame, r: pl.DataFrame) -> pl.DataFrame:
    """Decisions whose SC-data tally differs from UNDL's and the pages' printed tallies while UNDL's votes give both."""
    printed = r.select(pl.col("id").alias("decision_id"), "undl_yes", "undl_no", "undl_abstain", "pages_yes",
                       "pages_no", "pages_abstain")
    counts = tally_of(sv).join(tally_of(uv), on="decision_id", suffix="_votes_undl").join(printed, on="decision_id")

    def same(counted: str, shown: str) -> pl.Expr:
        return pl.all_horizontal(pl.col(f"{k}{counted}") == pl.col(f"{shown}{k}") for k in ("yes", "no", "abstain"))

    return counts.filter(~same("", "undl_") & ~same("", "pages_") & same("_votes_undl", "undl_")
                         & same("_votes_undl", "pages_")).select("decision_id")


def _compare_member_votes(sv: pl.DataFrame, uv: pl.DataFrame, quality: QualityReport) -> None:
    both = sv.select("decision_id").unique().join(uv.select("decision_id").unique(), on="decision_id")
    cmp = (sv.join(both, on="decision_id").select("decision_id", "member", pl.col("vote").alias("scv"))
           .join(uv.join(both, on="decision_id").select("decision_id", "member", pl.col("vote").alias("undl")),
                 on=["decision_id", "member"], how="full", coalesce=True))
    # The SC data lists the 15 members' votes only; UNDL's X (absent or not voting) has no row there.
    diff = cmp.filter(pl.col("scv").fill_null("X") != pl.col("undl").fill_null("X"))
    per = diff.group_by("decision_id").agg(ex=pl.format("{}:{}/{}", "member", pl.col("undl").fill_null("-"),
                                                        pl.col("scv").fill_null("-")).sort().str.join(" "))
    for row in per.sort("decision_id").iter_rows(named=True):
        quality.add("member votes: UNDL and SC data differ", row["decision_id"], "votes", "undl_wide vs sc_voting",
                    row["ex"] + " (member:UNDL/SC data)", "the SC data's votes kept", "sc_voting")


def _failed_drafts(scv: pl.DataFrame, scv_votes: pl.DataFrame, actions: pl.DataFrame, vetoes: pl.DataFrame,
                   quality: QualityReport) -> tuple[pl.DataFrame, pl.DataFrame]:
    # The SC data (1994 on): member votes, so the vetoing members are those of the P5 who voted no.
    s = scv.filter(pl.col("outcome") != "adopted").with_columns(
        draft_key=pl.col("draft").map_elements(symbol_key, return_dtype=pl.String))
    s_votes = map_names_by_date(scv_votes.join(s.select("key", "date"), on="key"))
    a = actions.filter(pl.col("number").is_null() & pl.col("draft").is_not_null())

    # Which page row is which SC-data row: the same draft symbol (and both after 1994).
    a_match = a.join(s.select("draft_key", pl.col("key").alias("s_key")), on="draft_key", how="left")
    a_only = a_match.filter(pl.col("s_key").is_null())

    rows = [s.select("key", "date", "draft", "meeting", "agenda", pl.col("submitted_by").alias("sponsors"),
                     "outcome", pl.col("key").alias("s_key"), pl.lit(None, dtype=pl.String).alias("a_line"),
                     pl.lit("sc_voting").alias("primary"), "topic"),
            a_only.select(pl.col("draft_key").alias("key"), "date", "draft", "meeting", "agenda",
                          pl.lit(None, dtype=pl.List(pl.String)).alias("sponsors"), "outcome",
                          pl.lit(None, dtype=pl.String).alias("s_key"), pl.col("a_row").alias("a_line"),
                          pl.lit("sc_actions").alias("primary"), pl.lit(None, dtype=pl.String).alias("topic"))]
    d = pl.concat(rows, how="vertical_relaxed").sort("date", "key")
    # A draft put to the vote more than once: its later votes are numbered (SC-DRAFT-<key>-2, ...).
    first_id = pl.format("SC-DRAFT-{}", pl.col("key").map_elements(symbol_key, return_dtype=pl.String))
    d = d.with_columns(seq=pl.int_range(pl.len()).over("key")).with_columns(
        id=pl.when(pl.col("seq") == 0).then(first_id).otherwise(pl.format("{}-{}", first_id, pl.col("seq") + 1)))

    # Tallies and vetoers from the UN pages, where they are the only source.
    page = a.with_columns(pl.col("a_row").alias("a_line")).select(
        "a_line", pl.col("yes").alias("pages_yes"), pl.col("no").alias("pages_no"),
        pl.col("abstain").alias("pages_abstain"), pl.col("vetoed_by").alias("pages_vetoed_by"))
    d = d.join(page, on="a_line", how="left")
    page_by_draft = a_match.filter(pl.col("s_key").is_not_null()).unique("s_key").select(
        "s_key", pl.col("yes").alias("p_yes"), pl.col("no").alias("p_no"), pl.col("abstain").alias("p_abstain"))
    d = d.join(page_by_draft, on="s_key", how="left").with_columns(
        yes=pl.coalesce("pages_yes", "p_yes"), no=pl.coalesce("pages_no", "p_no"),
        abstain=pl.coalesce("pages_abstain", "p_abstain"), non_voting=pl.lit(None, dtype=pl.Int32))
    d = _drop_repeated_page_cells(d, quality)

    votes = s_votes.join(d.select(pl.col("s_key").alias("key"), "id").drop_nulls("key"), on="key").select(
        pl.col("id").alias("decision_id"), "member", "vote", pl.lit("sc_voting").alias("source"))
    from_votes = votes.filter(pl.col("member").is_in(list(EVER_PERMANENT)) & (pl.col("vote") == "N")).group_by(
        "decision_id").agg(pl.col("member").sort().alias("p5_no"))
    d = d.join(from_votes, left_on="id", right_on="decision_id", how="left")
    d = _attach_veto_list(d, vetoes, quality)
    vetoed_by = pl.coalesce(
        pl.when(pl.col("outcome") == "vetoed").then(pl.col("p5_no")),
        pl.col("veto_list"), pl.col("pages_vetoed_codes"))
    d = d.with_columns(vetoed_by=vetoed_by.fill_null([])).with_columns(
        outcome=pl.when(pl.col("vetoed_by").list.len() > 0).then(pl.lit("vetoed")).otherwise(pl.lit("failed")),
        symbol=pl.lit(None, dtype=pl.String),
        sources=pl.concat_list(pl.col("primary"), pl.when(pl.col("veto_list").is_not_null()).then(pl.lit("vetoes")))
        .list.drop_nulls())
    return d, votes


def _drop_repeated_page_cells(d: pl.DataFrame, quality: QualityReport) -> pl.DataFrame:
    """Drop a page row that repeats an earlier failed draft with the same tally on a later day.

    The pages copy a cell into another meeting's row now and then: S/11400 (vetoed 31 July 1974, Cyprus) reappears
    under 30 Oct 1974 (South Africa), S/5407 (3 Sept 1963, Palestine) under 13 Sept 1963 (Southern Rhodesia), each
    with the same tally; the veto list has each draft once.
    """
    tally = pl.concat_str("yes", "no", "abstain", separator="-")
    first = pl.col("seq") == 0
    # Rows keyed by a meeting (drafts of 1946-50 the pages name only by meeting) are distinct drafts of one day.
    repeated = ((pl.col("primary") == "sc_actions") & ~first & pl.col("draft").is_not_null()
                & ~pl.col("key").str.starts_with("S/PV") & (pl.col("date") != pl.col("date").filter(first).first().over("key"))
                & (tally == tally.filter(first).first().over("key")))
    for row in d.filter(repeated).iter_rows(named=True):
        quality.add("pages repeat a draft", row["id"], "decision", "sc_actions",
                    f"{row['draft']} {row['yes']}-{row['no']}-{row['abstain']} again on {row['date']}",
                    "the repeated cell dropped; the draft's first listing kept", None)
    return d.filter(~repeated)


def _attach_veto_list(d: pl.DataFrame, vetoes: pl.DataFrame, quality: QualityReport) -> pl.DataFrame:
    """Vetoing members from the veto list, matched by draft symbol, else by date and order on that date."""
    v = vetoes.with_columns(
        veto_list=pl.col("vetoed_by").map_elements(
            lambda names: sorted({members.code_for(n) or n for n in names}), return_dtype=pl.List(pl.String)),
        draft_key=_DRAFT_KEY)
    v = v.with_columns(veto_list=pl.struct("veto_list", "date").map_elements(
        lambda r: sorted({members.historical_code(c, r["date"]) for c in r["veto_list"]}),
        return_dtype=pl.List(pl.String)))
    # Pages' vetoers (names) to codes, for drafts the veto list misses.
    d = d.with_columns(pages_vetoed_codes=pl.struct("pages_vetoed_by", "date").map_elements(
        lambda r: sorted({members.historical_code(members.code_for(n) or n, r["date"])
                          for n in (r["pages_vetoed_by"] or [])}) or None, return_dtype=pl.List(pl.String)))
    d = d.with_columns(draft_key=_DRAFT_KEY, nth=pl.int_range(pl.len()).over("date"))
    by_draft = v.filter(pl.col("draft_key").is_not_null()).unique("draft_key", keep="first")
    d = d.join(by_draft.select("draft_key", "veto_list", pl.col("line").alias("veto_line"),
                               pl.col("date").alias("veto_date")), on="draft_key", how="left")
    # Two votes can carry one draft symbol (a draft put to the vote twice; or the SC data's S/2020/667 both for the
    # draft vetoed on 10 July 2020 and for a Russian draft of 8-9 July written as 7 Sept): the list's vetoers go only
    # to the vote nearest the list's date.
    gap = (pl.col("date") - pl.col("veto_date")).abs()
    other_day = pl.col("veto_list").is_not_null() & (pl.len().over("draft_key") > 1) & (
        gap > gap.min().over("draft_key"))
    for row in d.filter(other_day).iter_rows(named=True):
        quality.add("veto list draft on another day", row["id"], "vetoed_by", "vetoes vs sc_voting, sc_actions",
                    f"{row['draft']} vetoed {row['veto_date']} ({','.join(row['veto_list'])}); this vote {row['date']}",
                    "the veto list's vetoers given only to the nearest vote on that draft symbol", None)
    d = d.with_columns(veto_list=pl.when(other_day).then(None).otherwise(pl.col("veto_list")),
                       veto_line=pl.when(other_day).then(None).otherwise(pl.col("veto_line"))).drop("veto_date")
    # Drafts the veto list names only by meeting (1946–1950s): pair them in order with that day's vetoed drafts.
    rest = v.filter(pl.col("draft_key").is_null()).with_columns(nth=pl.int_range(pl.len()).over("date"))
    pending = d.filter(pl.col("veto_list").is_null() & (pl.col("outcome") == "vetoed")).with_columns(
        nth=pl.int_range(pl.len()).over("date"))
    paired = pending.select("id", "date", "nth").join(
        rest.select("date", "nth", pl.col("veto_list").alias("vl2"), pl.col("line").alias("veto_line2")),
        on=["date", "nth"], how="inner")
    d = d.join(paired.select("id", "vl2", "veto_line2"), on="id", how="left").with_columns(
        veto_list=pl.coalesce("veto_list", "vl2"), veto_line=pl.coalesce("veto_line", "veto_line2")).drop(
        "vl2", "veto_line2", "nth")
    used = set(d["veto_line"].drop_nulls())
    for row in v.filter(~pl.col("line").is_in(list(used))).iter_rows(named=True):
        quality.add("veto in the veto list only", None, "decision", "vetoes",
                    f"{row['date']} {row['draft'] or row['meeting']} {','.join(row['veto_list'])}",
                    "not added: no failed draft on that day in the UN pages or the SC data", None)
    both = d.filter(pl.col("veto_list").is_not_null() & pl.col("p5_no").is_not_null()
                    & (pl.col("veto_list") != pl.col("p5_no")))
    for row in both.iter_rows(named=True):
        quality.add("vetoing members differ", row["id"], "vetoed_by", "vetoes vs sc_voting",
                    f"{row['veto_list']} vs {row['p5_no']}", "permanent members voting no (SC data) kept",
                    ",".join(row["p5_no"]))
    return d
