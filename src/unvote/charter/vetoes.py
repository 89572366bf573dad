"""Every veto in the record: the drafts, who vetoed them, counts by member and decade, and the General Assembly's
follow-up since resolution 76/262 (26 April 2022), which has the Assembly meet within ten working days of a veto.

The record's General Assembly data are roll-call votes, so the debates themselves (which end without a vote) are not in
it: the follow-up lists the Assembly's recorded votes in the window after each veto, where there are any, and says
which were on the vetoed question (A/RES/ES-11/4 of 12 Oct 2022, twelve days after the veto of S/2022/720).

>>> import unvote
>>> history = veto_history(unvote.open())
>>> history.table.filter(pl.col("draft") == "S/2022/431")["vetoed_by"].item().to_list()
['CHN', 'RUS']
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import polars as pl

from unvote.charter.names import plain_name
from unvote.charter.outcome import outcome
from unvote.charter.permanent import permanent_members

# GA res. 76/262, adopted 26 Apr 2022: the President of the GA convenes a debate within ten working days of a veto.
STANDING_MANDATE = dt.date(2022, 4, 26)
# Ten working days fall within fourteen calendar days.
FOLLOW_UP_DAYS = 14


@dataclass(frozen=True)
class VetoHistory:
    """``table`` (one row per vetoed draft), ``by_member``, ``by_decade`` and ``ga_follow_up``."""

    table: pl.DataFrame
    by_member: pl.DataFrame
    by_decade: pl.DataFrame
    ga_follow_up: pl.DataFrame

    def to_dict(self) -> dict:
        def rows(frame: pl.DataFrame) -> list[dict]:
            return [{k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in r.items()} for r in frame.to_dicts()]

        return {"vetoes": rows(self.table), "by_member": rows(self.by_member), "by_decade": rows(self.by_decade),
                "ga_follow_up": rows(self.ga_follow_up)}


def veto_history(record, member: str | None = None, decade: int | None = None) -> VetoHistory:
    """The vetoes in ``record``, optionally only those cast by ``member`` (a code) or in ``decade`` (1940, 2010, ...)."""
    vetoed = record.sql("""
        select id, date, coalesce(draft, symbol, id) as draft, meeting,
               coalesce(agenda, title, description) as topic, vetoed_by, yes, no, abstain
        from decisions where body = 'SC' and outcome = 'vetoed' order by date, id""")
    table = vetoed.with_columns(
        decade=(pl.col("date").dt.year() // 10 * 10).cast(pl.Int32),
        tally=pl.when(pl.col("yes").is_not_null())
        .then(pl.format("{}-{}-{}", pl.col("yes"), pl.col("no"), pl.col("abstain").fill_null(0)))
        .otherwise(None),
    )
    table = table.with_columns(by_the_rules=pl.Series([_by_the_rules(r) for r in table.iter_rows(named=True)],
                                                      dtype=pl.String)).select(
        "date", "draft", "meeting", "topic", "vetoed_by", "tally", "by_the_rules", "decade", "id")
    if member:
        table = table.filter(pl.col("vetoed_by").list.contains(member.upper()))
    if decade is not None:
        table = table.filter(pl.col("decade") == decade)
    casts = table.explode("vetoed_by").rename({"vetoed_by": "member"}).drop_nulls("member")
    if member:
        casts = casts.filter(pl.col("member") == member.upper())
    by_member = (casts.group_by("member").agg(pl.len().alias("vetoes"), pl.col("date").min().alias("first"),
                                              pl.col("date").max().alias("last"))
                 .with_columns(name=pl.col("member").map_elements(plain_name, return_dtype=pl.String))
                 .sort("vetoes", descending=True)
                 .select("member", "name", "vetoes", "first", "last"))
    by_decade = (casts.group_by("decade", "member").len().sort("decade", "member")
                 .pivot(on="member", index="decade", values="len").fill_null(0).sort("decade")
                 if casts.height else pl.DataFrame({"decade": []}, schema={"decade": pl.Int32}))
    return VetoHistory(table, by_member, by_decade, _ga_follow_up(record, table))


def _by_the_rules(row: dict) -> str | None:
    """What the rules make of a recorded veto from its tally: ``vetoed``, or ``failed`` where the draft lacked the
    votes (S/10768 (1972): 3-3-9, which the UN pages call a Soviet veto); None without a tally."""
    if row["yes"] is None or row["no"] is None:
        return None
    against = [m for m in row["vetoed_by"] or [] if m in permanent_members(row["date"])][: row["no"]]
    return outcome("SC", row["date"], tally=(row["yes"], row["no"], row["abstain"] or 0),
                   permanent_against=against).status


# Words of an agenda that name no particular question, left out when matching a veto to a GA vote on the same question.
_GENERIC = {"letter", "dated", "from", "permanent", "representative", "united", "nations", "addressed", "president",
            "security", "council", "situation", "maintenance", "peace", "international", "threats", "question",
            "republic", "democratic", "people", "peoples", "the", "and", "of", "to", "in", "on", "for"}


def _distinctive_words(text: str | None) -> set[str]:
    """The words of an agenda or title that name its question: 'Ukraine', 'Korea', 'Middle', 'East', ..."""
    return {w.lower() for w in re.findall(r"[A-Za-z][A-Za-z'’-]{3,}", text or "")} - _GENERIC


def _ga_follow_up(record, table: pl.DataFrame) -> pl.DataFrame:
    """GA votes in the record within ten working days after each veto cast since 76/262.

    ``same_question`` is True when the GA vote's title or agenda shares a distinctive word with the veto's topic (the
    Council's agenda item): ES-11/4 on Ukraine twelve days after S/2022/720 is; a vote on Georgia's displaced persons
    that happened to fall in the window after the DPRK veto of 26 May 2022 is not.
    """
    recent = table.filter(pl.col("date") >= STANDING_MANDATE).select(
        pl.col("draft").alias("vetoed_draft"), pl.col("date").alias("veto_date"), pl.col("topic").alias("veto_topic"))
    ga = record.sql("select id, date, symbol, title, agenda from decisions where body = 'GA'")
    schema = {"vetoed_draft": pl.String, "veto_date": pl.Date, "id": pl.String, "date": pl.Date, "symbol": pl.String,
              "title": pl.String, "same_question": pl.Boolean}
    if recent.is_empty() or ga.is_empty():
        return pl.DataFrame(schema=schema)
    pairs = recent.join(ga, how="cross").filter(
        (pl.col("date") >= pl.col("veto_date"))
        & (pl.col("date") <= pl.col("veto_date") + pl.duration(days=FOLLOW_UP_DAYS)))
    same = [bool(_distinctive_words(r["veto_topic"]) & _distinctive_words(f"{r['title']} {r['agenda']}"))
            for r in pairs.iter_rows(named=True)]
    return pairs.with_columns(same_question=pl.Series(same, dtype=pl.Boolean)).select(list(schema)).sort(
        "veto_date", "date")
