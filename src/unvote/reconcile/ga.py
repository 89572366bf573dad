"""The General Assembly's roll calls, reconciled.

The backbone is Voeten's roll-call data (the wide 2024 release): every recorded plenary vote, amendments and paragraph
votes included, with each member's vote. Onto it go the roll-call metadata (session, symbol, amendment and paragraph
flags, important-question flag, titles) from the unvotes package (to 2019) and the un-project extract (to 2021-03),
the symbols of 2020–2023 from the crosswalk, the UN Digital Library's titles, record numbers and printed tallies, and
the UN's machine-readable resolutions (sessions 74–77: agenda items, committees, sponsors, draft symbols).

Rules that settle disagreements (each one counted in the quality report):
- member votes: Voeten's, mapped to the state that sat on the date (the file harmonised the USSR into RUS, …),
  except where Voeten has a member absent and the UN's record (UNDL) has its vote: a vote beats an absence;
- tallies: counted from those member votes; a printed tally that differs is reported;
- dates: Voeten's; a UNDL date that is Voeten's with day and month swapped is reported as such;
- titles: the UN's own (UNxml, then UNDL, then the crosswalk), else Voeten's short description; an amendment or
  paragraph vote with neither takes the title of the resolution it belongs to.
"""

from __future__ import annotations

import polars as pl

from unvote import members
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
        # The crosswalk gives the UN extract's one record "A/RES/75/254 A-C" to each of Voeten's four roll calls on
        # it; Voeten's own "[A]", "[B]", "[C]" say which part each one was, so a part letter is kept.
        symbol=pl.when(pl.col("cw_symbol").str.contains(r"\s[A-Z]-[A-Z]$") & pl.col("symbol").str.contains(r"\[[A-Z]\]$"))
        .then(pl.col("symbol")).otherwise(pl.coalesce("cw_symbol", "symbol")),
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

    d, votes, undl_only_votes = _attach_undl(d, raw["undl_wide"], votes, quality)
    votes = pl.concat([votes, undl_only_votes])
    recorded = _recorded_unxml(raw["unxml"])
    d = _attach_unxml(d, recorded)
    unxml_only, unxml_only_votes = _unxml_only(d, recorded, raw["unxml"].votes, quality)
    d = pl.concat([d, unxml_only], how="diagonal_relaxed")
    votes = pl.concat([votes, unxml_only_votes])

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
        sponsors=pl.col("sponsors_raw"),  # names as the UN extract prints them; record.py maps them to codes
    )
    return _titles_of_parts(d, raw["unxml"], quality), votes


def _titles_of_parts(d: pl.DataFrame, unxml, quality: QualityReport) -> pl.DataFrame:
    """An amendment or a separate vote on a paragraph is taken on a draft resolution: one with no title of its own
    takes the title and agenda item of the resolution it belongs to (the roll call on the whole, else the UN
    extract's record of it, which lists the resolutions adopted without a vote too)."""
    whole = (d.filter((pl.col("kind") == "resolution") & pl.col("title").is_not_null())
             .select("symbol_key", parent_title="title", parent_agenda="agenda")
             .unique("symbol_key", keep="first", maintain_order=True))
    extract = unxml.resolutions.select(
        symbol_key=pl.col("symbol").map_elements(symbol_key, return_dtype=pl.String), parent_title="title",
        parent_agenda="agenda_item_name").unique("symbol_key", keep="first", maintain_order=True)
    parents = pl.concat([whole, extract.join(whole, on="symbol_key", how="anti")])
    untitled = pl.col("kind").is_in(["amendment", "paragraph"]) & pl.col("title").is_null()
    d = d.join(parents, on="symbol_key", how="left")
    for id_, symbol, title in d.filter(untitled & pl.col("parent_title").is_not_null()).select(
            "id", "symbol", "parent_title").iter_rows():
        quality.add("GA part vote titled from its resolution", id_, "title", "voeten_wide",
                    f"a vote on part of {symbol}, untitled", "the title and agenda item of the resolution", title)
    return d.with_columns(title=pl.when(untitled).then(pl.col("parent_title")).otherwise(pl.col("title")),
                          agenda=pl.when(untitled).then(pl.col("parent_agenda")).otherwise(pl.col("agenda"))
                          ).drop("parent_title", "parent_agenda")


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
                 quality: QualityReport) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    """Match the UNDL's GA rows to roll calls by symbol (and date), take their titles and record numbers, and the
    votes of members Voeten has as absent. Returns the decisions, the member votes, and the UNDL-only votes."""
    u = undl.decisions.filter(pl.col("body") == "GA").with_columns(
        u_key=pl.col("symbol").map_elements(symbol_key, return_dtype=pl.String),
        undl_title=pl.col("title").str.replace(UNDL_TITLE_SUFFIX, "").str.strip_chars())
    # Several roll calls share a symbol (amendments, paragraphs, then the whole): UNDL records the vote on the whole.
    cand = d.filter(pl.col("kind") == "resolution").select("id", "symbol_key", pl.col("date").alias("v_date"))
    pairs = u.join(cand, left_on="u_key", right_on="symbol_key", how="inner").with_columns(
        day_gap=(pl.col("date") - pl.col("v_date")).dt.total_days().abs().fill_null(9999))
    best = pairs.sort("day_gap", "id").unique("key", keep="first", maintain_order=True)
    best = best.sort("day_gap", "key").unique("id", keep="first", maintain_order=True)
    early = _match_early_by_votes(u.join(best.select("key"), on="key", how="anti"),
                                  d.join(best.select("id"), on="id", how="anti"), undl.votes, votes, quality)
    best = pl.concat([best, early.select(best.columns)])

    for row in best.filter(pl.col("day_gap") > 0).iter_rows(named=True):
        check = "date: UNDL day and month swapped" if _swapped(row["date"], row["v_date"]) else "date: sources differ"
        quality.add(check, row["id"], "date", "undl_wide vs voeten_wide", f"{row['date']} vs {row['v_date']}",
                    "Voeten's date kept", str(row["v_date"]))

    # UNDL's member votes on the matched roll calls, as codes: the spellings are mapped once for both uses.
    matched_votes = map_names_by_date(undl.votes.join(best.select("key", "id", "date"), on="key")).filter(
        pl.col("member").is_not_null()).select(pl.col("id").alias("decision_id"), "member",
                                               pl.col("vote").alias("undl_vote"))
    votes = _votes_over_absences(matched_votes, votes, quality)
    _report_member_votes(best, matched_votes, votes, quality)
    keep = best.select("id", "key", "undl_title", pl.col("yes").alias("undl_yes"), pl.col("no").alias("undl_no"),
                       pl.col("abstain").alias("undl_abstain"), pl.col("undl_record"))
    d = d.join(keep.drop("key"), on="id", how="left")
    d = d.with_columns(sources=pl.when(pl.col("undl_record").is_not_null())
                       .then(pl.col("sources").list.concat(pl.lit(["undl_wide"]))).otherwise(pl.col("sources")))
    extra, extra_votes = _undl_only(u.join(best.select("key"), on="key", how="anti"), undl, d, votes, quality)
    return pl.concat([d, extra], how="diagonal_relaxed"), votes, extra_votes


# Before the 31st session Voeten's codes are not UN symbols and his dates often sit days or weeks from the UN's (the
# same roll call is dated 1957-02-05 by Voeten and 1957-02-02 by UNDL), so a UNDL vote of those years is matched to
# the Voeten roll call, within this many days, whose member votes agree with it best.
EARLY_UNTIL = pl.date(1976, 9, 1)
EARLY_WINDOW_DAYS = 31
# Symbol-matched pairs of those years agree on 98% of member votes on average (the two sources transcribe a few
# votes differently); two different roll calls of a day rarely agree on more than 90% (blocs split on parts).
EARLY_MIN_AGREEMENT = 0.9
EARLY_MAX_TALLY_GAP = 3


def _match_early_by_votes(unmatched: pl.DataFrame, candidates: pl.DataFrame, undl_votes: pl.DataFrame,
                          votes: pl.DataFrame, quality: QualityReport) -> pl.DataFrame:
    """Pair the UNDL votes before 1976 that no symbol matched with Voeten roll calls by member votes, one to one.

    A pair needs a date within ``EARLY_WINDOW_DAYS``, tallies within ``EARLY_MAX_TALLY_GAP`` votes and at least
    ``EARLY_MIN_AGREEMENT`` of the members voting alike; pairs are taken best first (agreement, then tally gap, then
    day gap). Returns rows shaped like the symbol matches (``id``, ``v_date``, ``day_gap`` added to UNDL's columns).
    """
    early = unmatched.filter(pl.col("date") < EARLY_UNTIL)
    counted = tally_of(votes).rename({"decision_id": "id", "yes": "v_yes", "no": "v_no", "abstain": "v_abstain"})
    cand = candidates.filter(pl.col("date") < EARLY_UNTIL + pl.duration(days=EARLY_WINDOW_DAYS)).select(
        "id", pl.col("date").alias("v_date")).join(counted, on="id")
    pairs = early.join_where(cand, (pl.col("date") - pl.col("v_date")).dt.total_days().abs() <= EARLY_WINDOW_DAYS)
    pairs = pairs.with_columns(
        day_gap=(pl.col("date") - pl.col("v_date")).dt.total_days().abs(),
        tally_gap=(pl.col("yes") - pl.col("v_yes")).abs() + (pl.col("no") - pl.col("v_no")).abs()
        + (pl.col("abstain") - pl.col("v_abstain")).abs(),
    ).filter(pl.col("tally_gap") <= EARLY_MAX_TALLY_GAP)
    uv = map_names_by_date(undl_votes.join(early.select("key", "date"), on="key")).filter(
        pl.col("member").is_not_null()).select("key", "member", pl.col("vote").alias("undl_vote")).unique(
        ["key", "member"])
    alike = (pairs.select("key", "id").join(uv, on="key")
             .join(votes.select(pl.col("decision_id").alias("id"), "member", "vote"), on=["id", "member"])
             .group_by("key", "id").agg(agreement=(pl.col("undl_vote") == pl.col("vote")).mean()))
    ranked = (pairs.join(alike, on=["key", "id"]).filter(pl.col("agreement") >= EARLY_MIN_AGREEMENT)
              .sort(["agreement", "tally_gap", "day_gap", "key", "id"], descending=[True, False, False, False, False]))
    taken_keys: set[str] = set()
    taken_ids: set[str] = set()
    chosen = []
    for i, (key, id_) in enumerate(ranked.select("key", "id").iter_rows()):
        if key not in taken_keys and id_ not in taken_ids:
            taken_keys.add(key)
            taken_ids.add(id_)
            chosen.append(i)
    best = ranked[chosen]
    for row in best.iter_rows(named=True):
        quality.add("GA vote matched by member votes (before 1976)", row["id"], "decision", "undl_wide vs voeten_wide",
                    f"{row['symbol']} {row['date']}: {row['agreement']:.0%} of members alike, tallies "
                    f"{row['tally_gap']} apart, {row['day_gap']} days apart",
                    "the same roll call (Voeten's codes before 1976 are not UN symbols)", row["id"])
    return best


def _swapped(a, b) -> bool:
    """True if date ``a`` is date ``b`` with day and month exchanged."""
    return a is not None and a.day <= 12 and (a.year, a.day, a.month) == (b.year, b.month, b.day)


def _undl_only(unmatched: pl.DataFrame, undl, d: pl.DataFrame, votes: pl.DataFrame,
               quality: QualityReport) -> tuple[pl.DataFrame, pl.DataFrame]:
    """UNDL's GA votes that match no Voeten roll call, by symbol or (before 1976) by member votes: votes Voeten
    lacks. Each is added with UNDL's member votes, unless a Voeten roll call on the same day has the same tally (then
    it is the same vote under another symbol) or it has no full date."""
    counted = tally_of(votes).join(d.select(pl.col("id").alias("decision_id"), "date"), on="decision_id")
    same = unmatched.join(counted, on=["date", "yes", "no", "abstain"], how="semi")
    added = unmatched.filter(pl.col("date").is_not_null()).join(same.select("key"), on="key", how="anti")
    same_keys = set(same["key"])
    for row in unmatched.join(added.select("key"), on="key", how="anti").iter_rows(named=True):
        reason = ("not added: a Voeten roll call that day has the same tally (the same vote under another symbol)"
                  if row["key"] in same_keys else "not added: UNDL gives only the year")
        quality.add("GA vote in UNDL only", None, "decision", "undl_wide", f"{row['symbol']} {row['date']}", reason, None)
    for row in added.iter_rows(named=True):
        quality.add("GA vote in UNDL only", f"GA-UNDL-{row['key']}", "decision", "undl_wide",
                    f"{row['symbol']} {row['date']}", "added with UNDL's member votes (no Voeten roll call)", None)
    added_votes = map_names_by_date(undl.votes.join(added.select("key", "date"), on="key"))
    added_votes = added_votes.filter(pl.col("member").is_not_null()).select(
        pl.format("GA-UNDL-{}", "key").alias("decision_id"), "member", "vote", pl.lit("undl_wide").alias("source"))
    return added.select(
        pl.format("GA-UNDL-{}", "key").alias("id"), "date", session=ga_session(pl.col("date")), symbol="symbol",
        # UNDL records votes on whole resolutions and their parts; a few early ones are on a paragraph
        # ("A/RES/63(I)[PARA.2]").
        symbol_key="u_key", kind=pl.when(pl.col("symbol").str.contains(r"(?i)\[PARA")).then(pl.lit("paragraph"))
        .otherwise(pl.lit("resolution")), undl_title="undl_title", undl_record="undl_record",
        undl_yes="yes", undl_no="no", undl_abstain="abstain", issues=pl.lit([], dtype=pl.List(pl.String)),
        sources=pl.lit(["undl_wide"])), added_votes


def _votes_over_absences(undl_votes: pl.DataFrame, votes: pl.DataFrame, quality: QualityReport) -> pl.DataFrame:
    """Where Voeten has a member absent (X) and the UN's record of the same roll call (``undl_votes``: decision_id,
    member, undl_vote) has its yes, no or abstention, take the UN's: the official tally counts votes cast after the
    roll call was taken (Algeria on A/RES/71/290, Zimbabwe on four votes of 2017), which Voeten's file leaves as
    absences."""
    uv = undl_votes.filter(pl.col("undl_vote").is_in(["Y", "N", "A"])).unique(
        ["decision_id", "member"], keep="first", maintain_order=True)
    taken = votes.filter(pl.col("vote") == "X").join(uv, on=["decision_id", "member"]).select(
        "decision_id", "member", pl.col("undl_vote").alias("vote"), pl.lit("undl_wide").alias("source"))
    per = taken.group_by("decision_id").agg(pl.format("{}:{}", "member", "vote").sort().str.join(" "))
    for decision_id, changed in per.sort("decision_id").iter_rows():
        quality.add("member votes: absent in Voeten, voted in UNDL", decision_id, "votes", "undl_wide vs voeten_wide",
                    changed, "a recorded vote beats an absence: UNDL's vote taken", "undl_wide")
    kept = votes.join(taken.select("decision_id", "member"), on=["decision_id", "member"], how="anti")
    return pl.concat([kept, taken])


def _report_member_votes(best: pl.DataFrame, undl_votes: pl.DataFrame, votes: pl.DataFrame,
                         quality: QualityReport) -> None:
    """Count, per matched decision, the members whose vote differs between UNDL (``undl_votes``) and Voeten."""
    # UNDL leaves non-members blank but marks members who did not vote X; Voeten marks absent members 8 (X) too.
    cmp = undl_votes.unique(["decision_id", "member"]).join(
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


def _recorded_unxml(unxml) -> pl.DataFrame:
    """The UN extract's resolutions adopted by a recorded vote, one per symbol key (``u_key``), with every sponsor
    (first and additional) in ``sponsors_raw``."""
    return unxml.resolutions.filter(pl.col("recorded")).with_columns(
        u_key=pl.col("symbol").map_elements(symbol_key, return_dtype=pl.String),
        sponsors_raw=pl.concat_list(pl.col("sponsors").fill_null([]), pl.col("additional_sponsors").fill_null([])),
    ).unique("u_key", keep="first", maintain_order=True)


def _attach_unxml(d: pl.DataFrame, recorded: pl.DataFrame) -> pl.DataFrame:
    """Agenda items, committees, sponsors and draft symbols from the UN's machine-readable resolutions."""
    cols = recorded.select("u_key", pl.col("title").alias("unxml_title"), pl.col("agenda_item_name").alias("agenda"),
                           pl.col("committee"), pl.col("draft"), pl.col("meeting").alias("unxml_meeting"),
                           "sponsors_raw", pl.col("yes").alias("unxml_yes"), pl.col("no").alias("unxml_no"),
                           pl.col("abstain").alias("unxml_abstain"))
    is_whole = pl.col("kind") == "resolution"
    d = d.join(cols, left_on="symbol_key", right_on="u_key", how="left").with_columns(
        [pl.when(is_whole).then(pl.col(c)).alias(c) for c in cols.columns if c != "u_key"])
    return d.with_columns(sources=pl.when(pl.col("unxml_title").is_not_null())
                          .then(pl.col("sources").list.concat(pl.lit(["unxml"]))).otherwise(pl.col("sources")))


def _unxml_only(d: pl.DataFrame, recorded: pl.DataFrame, unxml_votes: pl.DataFrame,
                quality: QualityReport) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Recorded votes in the UN's machine-readable resolutions that no other source holds (Voeten's file lacks
    A/RES/ES-11/1-6 and three votes of mid-2022). The extract names the members voting yes, no and abstaining;
    every other member of the day did not vote (X), as in UNDL's records."""
    added = (recorded.join(d.filter(pl.col("symbol_key").is_not_null()).select("symbol_key"), left_on="u_key",
                           right_on="symbol_key", how="anti").sort("date", "u_key")
             .with_columns(id=pl.format("GA-UNXML-{}", "u_key")))
    named = map_names_by_date(unxml_votes.join(added.select("symbol", "id", "date"), on="symbol"))
    named = named.filter(pl.col("member").is_not_null()).unique(["id", "member"], keep="first", maintain_order=True)
    seated = pl.DataFrame([(id_, code) for id_, day in added.select("id", "date").iter_rows()
                           for code in members.members_on(day)], schema=["id", "member"], orient="row")
    absent = seated.join(named, on=["id", "member"], how="anti").with_columns(vote=pl.lit("X"))
    votes = pl.concat([named.select("id", "member", "vote"), absent]).select(
        pl.col("id").alias("decision_id"), "member", "vote", pl.lit("unxml").alias("source")).sort(
        "decision_id", "member")
    for row in added.iter_rows(named=True):
        quality.add("GA vote in UNxml only", row["id"], "decision", "unxml", f"{row['symbol']} {row['date']}",
                    "added with the extract's lists of members (the rest of the day's members as not voting)", None)
    decisions = added.select(
        "id", "date", session=ga_session(pl.col("date")), symbol="symbol", symbol_key="u_key",
        kind=pl.lit("resolution"), unxml_title="title", agenda="agenda_item_name", committee="committee",
        draft="draft", unxml_meeting="meeting", sponsors_raw="sponsors_raw",
        unxml_yes="yes", unxml_no="no", unxml_abstain="abstain", issues=pl.lit([], dtype=pl.List(pl.String)),
        sources=pl.lit(["unxml"]))
    return decisions, votes
