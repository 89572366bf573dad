"""The US State Department's "voting coincidence" with one member, in each of its historical formulas.

The yearly report "Voting Practices in the United Nations" compares every member's General Assembly votes with the
United States' (``docs/coincidence.md`` and ``../shared/docs/un-rules.md``). What it counts changed twice:

============ ======================================================================================================
report years what the reports say they did
============ ======================================================================================================
1984–2016    Recorded plenary votes of the year's (fall) session, paragraph and amendment votes included. Only the
             votes on which the US voted yes or no; per country: same, opposite, abstain, absent.
             Coincidence = same / (same + opposite).
2017–2020    "Final plenary votes" on whole resolutions in the calendar year (paragraph, amendment and procedural
             votes and resolutions adopted without a vote left out). Same (both yes, both no, both abstain) = 1,
             partial (one side abstains) = ½, opposite = 0; absences excluded from the divisor.
2021 onward  As 2017–2020, but "non-votes are scored as abstentions": an absence is ½ and the divisor is all votes.
============ ======================================================================================================
"""

from __future__ import annotations

import datetime
import re

import polars as pl

from unvote import members
from unvote.errors import UserError

# Roll calls the record holds that the report says were not recorded votes: "A/RES/72/245 12/24/2017 Rights of the
# child" is listed among the resolutions adopted without a vote (2017 report, p. 26), while Voeten's rcid 5591 records
# a 162-0-1 vote under that symbol.
NOT_IN_REPORT = {2017: ("A/RES/72/245",)}

# Years whose table scores a member's absence on a vote the US abstained on as "partial" (one side abstained), not as
# "absent": the 2020 report's counts for all 192 members follow this (Somalia: 10 such absences, printed as partial).
ABSENT_ON_US_ABSTENTION_IS_PARTIAL = frozenset({2020})

FORMULAS = {"votes_only": "1984–2016", "partial": "2017–2020", "partial_absent_half": "2021 onward"}
FIRST_YEAR = 1984
# The fall session of year Y is session Y - 1945 (the 1st opened in 1946).
_SESSION_OFFSET = 1945


def formula_for(year: int) -> str:
    """The name of the formula the State Department used for a report year.

    >>> formula_for(2013), formula_for(2019), formula_for(2022)
    ('votes_only', 'partial', 'partial_absent_half')
    """
    if year < FIRST_YEAR:
        raise UserError(f"The State Department's coincidence reports start with {FIRST_YEAR}, not {year}.")
    return "votes_only" if year <= 2016 else "partial" if year <= 2020 else "partial_absent_half"


def coincidence_expr(year: int) -> pl.Expr:
    """The year's formula over the columns ``same, opposite, partial, absent``, in percent (null with no vote counted).

    >>> pl.DataFrame({"same": [21], "opposite": [36], "partial": [9], "absent": [23]}).select(coincidence_expr(2022)).item()
    41.57303370786517

    That is Afghanistan in the 2022 report, (21 + 9/2 + 23/2) / 89, printed as 42%.
    """
    same, opposite, absent = (pl.col(c).cast(pl.Float64) for c in ("same", "opposite", "absent"))
    formula = formula_for(year)
    if formula == "votes_only":
        points, divisor = same, same + opposite
    else:
        partial = pl.col("partial").cast(pl.Float64)
        if formula == "partial":
            points, divisor = same + partial / 2, same + opposite + partial
        else:
            points, divisor = same + partial / 2 + absent / 2, same + opposite + partial + absent
    return pl.when(divisor > 0).then(points / divisor * 100).alias("coincidence")


def select_votes(votes: pl.DataFrame, year: int) -> pl.DataFrame:
    """The GA votes a year's report counted, from votes joined to their decisions (``Record.votes()`` columns).

    >>> select_votes(unvote.open().votes(body="GA", start="2021-01-01", end="2021-12-31"), 2021)["decision_id"].n_unique()
    86
    """
    in_year = (pl.col("date").dt.year() == year) & (pl.col("body") == "GA")
    if formula_for(year) == "votes_only":
        # "The 68th General Assembly in Fall 2013": that session's plenary recorded votes held in the year, every
        # kind of vote (the 2013 report lists "68/39 [partial vote]").
        return votes.filter(in_year & (pl.col("session") == year - _SESSION_OFFSET) & (pl.col("kind") != "procedural"))
    # "Final plenary votes are decisions on full resolutions": no paragraph, amendment or procedural votes.
    votes = votes.filter(in_year & (pl.col("kind") == "resolution")
                         & ~pl.col("symbol").is_in(NOT_IN_REPORT.get(year, ())))
    # One final vote per resolution: the record holds A/RES/72/164 twice (Voeten's rcids 5569 and 6006, one tally),
    # and the report counts each resolution once.
    first = (votes.select("decision_id", "symbol", "date").unique().sort("date", "decision_id")
             .unique(["symbol", "date"], keep="first", maintain_order=True))
    return votes.join(first.select("decision_id"), on="decision_id", how="semi")


def coincidence_counts(votes: pl.DataFrame, year: int, with_: str = "USA") -> pl.DataFrame:
    """Per member: same / opposite / partial / abstain / absent counts and the coincidence (%) with ``with_``.

    ``votes`` are the selected votes (:func:`select_votes`). Each member's row covers the decisions where it had a
    vote to cast (a row in the votes table); the comparison member itself is left out.
    """
    formula = formula_for(year)
    reference = votes.filter(pl.col("member") == with_).select("decision_id", pl.col("vote").alias("ref"))
    if reference.is_empty():
        raise UserError(f"{with_} cast no vote in the General Assembly votes of {year} that the record holds.")
    if formula == "votes_only":
        reference = reference.filter(pl.col("ref").is_in(["Y", "N"]))
    elif formula == "partial":
        # 2017–2020: "votes on which either the United States or the country ... did not cast a vote" are excluded.
        reference = reference.filter(pl.col("ref") != "X")
    else:
        # 2021 onward: "non-votes are scored as abstentions", the comparison member's own included.
        reference = reference.with_columns(pl.col("ref").replace("X", "A"))
    pairs = votes.filter(pl.col("member") != with_).join(reference, on="decision_id", how="inner")
    vote, ref = pl.col("vote"), pl.col("ref")
    partial = ((vote == "A") & ref.is_in(["Y", "N"])) | (vote.is_in(["Y", "N"]) & (ref == "A"))
    absent = vote == "X"
    if year in ABSENT_ON_US_ABSTENTION_IS_PARTIAL:
        partial = partial | (absent & (ref == "A"))
        absent = absent & (ref != "A")
    counted = pairs.group_by("member").agg(
        same=((vote == ref) & vote.is_in(["Y", "N", "A"])).sum().cast(pl.Int32),
        opposite=(((vote == "Y") & (ref == "N")) | ((vote == "N") & (ref == "Y"))).sum().cast(pl.Int32),
        partial=partial.sum().cast(pl.Int32),
        abstain=(vote == "A").sum().cast(pl.Int32),
        absent=absent.sum().cast(pl.Int32),
        votes=pl.len().cast(pl.Int32),
    )
    if formula == "votes_only":
        counted = counted.with_columns(partial=pl.lit(None, dtype=pl.Int32))
    else:
        counted = counted.with_columns(abstain=pl.lit(None, dtype=pl.Int32))
    return counted.with_columns(coincidence_expr(year)).select("member", "same", "opposite", "partial", "abstain", "absent", "votes", "coincidence").sort("member")


def coincidence_table(record, year: int, with_: str = "USA") -> pl.DataFrame:
    """The State Department's coincidence table for a year, computed from the record's votes.

    Columns: ``member`` (code), ``name``, ``same``, ``opposite``, ``partial`` (2017 on), ``abstain`` (to 2016),
    ``absent``, ``votes`` (the decisions counted for the member), ``coincidence`` (percent, unrounded; the reports
    print one decimal to 2016 and whole percents from 2017).

    >>> t = coincidence_table(unvote.open(), 2021)
    >>> t.filter(member="ISR").select("same", "opposite", "partial", "absent").row(0)
    (72, 1, 11, 2)
    """
    code = record.member_code(with_)
    votes = record.votes(body="GA", start=f"{year}-01-01", end=f"{year}-12-31")
    table = coincidence_counts(select_votes(votes, year), year, code)
    names = record.members().select(pl.col("code").alias("member"), "name")
    return table.join(names, on="member", how="left").select("member", "name", pl.exclude("member", "name"))


def round_as_published(year: int) -> pl.Expr:
    """The published precision: one decimal to 2016, whole percents from 2017 (half away from zero)."""
    digits = 1 if year <= 2016 else 0
    scale = 10 ** digits
    return ((pl.col("coincidence") * scale + 0.5 + 1e-9).floor() / scale).alias("coincidence_printed")


def published_code(name: str, year: int) -> str | None:
    """The member code for a country name as a report prints it ("Central African Rep.", "Syrian Arab Republic (Syria)").

    >>> published_code("Czech Republic (Czechia)", 2017)
    'CZE'
    """
    day = datetime.date(year, 12, 1)
    outside = re.sub(r"\s*\(.*?\)\s*", " ", name).strip()
    inside = re.findall(r"\((.*?)\)", name)
    for candidate in (name, name.replace("Rep.", "Republic"), outside, *inside,
                      name.replace("Republic of Congo", "Republic of the Congo")):
        code = members.code_for(candidate, day)
        if code:
            return code
    return None


def compare_with_published(computed: pl.DataFrame, published: pl.DataFrame, year: int) -> pl.DataFrame:
    """Join a computed table to a published one (``unvote.sources.state_dept``) by member code, with match flags.

    Adds ``counts_match`` (every count equal) and ``coincidence_match`` (equal at the published precision).
    """
    if "iso" in published.columns:
        codes = [published_code(name, year) or iso for iso, name in zip(published["iso"], published["country"])]
    else:
        codes = [published_code(name, year) for name in published["country"]]
    published = published.with_columns(member=pl.Series(codes, dtype=pl.Utf8))
    computed = computed.with_columns(round_as_published(year))
    counts = ["same", "opposite", "absent", "abstain" if year <= 2016 else "partial"]
    joined = published.join(computed, on="member", how="left", suffix="_record")
    return joined.with_columns(
        counts_match=pl.all_horizontal([(pl.col(c) == pl.col(f"{c}_record")).fill_null(False) for c in counts]),
        coincidence_match=((pl.col("coincidence") - pl.col("coincidence_printed")).abs() < 1e-6).fill_null(False),
    )
