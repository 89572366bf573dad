"""Facts of the record, read through the Python API from the bundled snapshot."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from unvote.errors import NotFound, UserError


def test_dprk_human_rights_2014(record):
    d = record.decision("A/RES/69/188")
    assert (d.date, d.yes, d.no, d.abstain, d.outcome) == (dt.date(2014, 12, 18), 116, 20, 53, "adopted")
    no = set(d.votes.filter(pl.col("vote") == "N")["member"])
    assert {"PRK", "CHN", "RUS"} <= no and len(no) == 20
    assert "Democratic People's Republic of Korea" in d.title


@pytest.mark.parametrize("symbol", ["S/RES/1718 (2006)", "S/RES/2397 (2017)", "s/res/2397(2017)", "S/RES/2397"])
def test_sanctions_on_dprk_unanimous(record, symbol):
    d = record.decision(symbol)
    assert (d.yes, d.no, d.abstain, d.outcome) == (15, 0, 0, "adopted")
    assert d.votes.height == 15 and set(d.votes["vote"]) == {"Y"}


def test_korea_1950_adopted_with_ussr_absent(record):
    d = record.decision("S/RES/83(1950)")
    assert (d.yes, d.no, d.abstain, d.outcome) == (7, 1, 0, "adopted")
    votes = dict(d.votes.select("member", "vote").iter_rows())
    assert votes["SUN"] == "X" and votes["YUG"] == "N" and votes["TWN"] == "Y"


def test_s_2022_431_vetoed_by_china_and_russia(record):
    d = record.decision("S/2022/431")
    assert (d.date, d.yes, d.no, d.abstain) == (dt.date(2022, 5, 26), 13, 2, 0)
    assert d.outcome == "vetoed" and d.vetoed_by == ["CHN", "RUS"]
    assert d.symbol is None and d.draft == "S/2022/431"


def test_coverage_matches_the_sources(record):
    cov = record.manifest["coverage"]
    # Voeten's file holds 6,551 roll calls, 88 of them withheld (dated 2023-09-01 on); UNDL and the UN's extract add
    # the votes Voeten lacks, each one listed in the quality report.
    ga = record.decisions(body="GA")
    assert ga.filter(pl.col("rcid").is_not_null()).height == 6551 - 88
    added = record.quality().filter(pl.col("rule").str.starts_with("added with"))
    assert cov["ga_roll_calls"] == 6551 - 88 + added.height and added.height > 100
    assert record.decision("A/RES/ES-11/1").tally == "141-5-35"  # only the UN's extract holds this vote
    assert cov["sc_resolution_numbers"] == "1-2695" and cov["sc_resolutions"] == 2695
    assert cov["last_record"] < "2023-09-01"
    sc = record.decisions(body="SC")
    numbers = sc.filter(pl.col("id").str.starts_with("SC-RES-"))["id"].str.extract(r"(\d+)$").cast(int)
    assert sorted(numbers) == list(range(1, 2696))


def test_failed_drafts_cover_every_source(record):
    # Every failed draft of the SC voting data (1994 to Aug 2023) is in the record with its outcome.
    failed = record.decisions(body="SC", start="1994").filter(pl.col("outcome") != "adopted")
    assert failed.filter(pl.col("outcome") == "vetoed").height >= 50
    for draft, outcome in [("S/2014/348", "vetoed"), ("S/2022/231", "failed"), ("S/2022/720", "vetoed")]:
        assert record.decision(draft).outcome == outcome


def test_lookup_by_any_member_name(record):
    assert record.member("North Korea").code == "PRK"
    assert record.member("USSR").code == "SUN"
    assert record.member("USSR").successor == "RUS"
    assert record.member("prk").name == "Democratic People's Republic of Korea"


def test_votes_filters(record):
    v = record.votes(member="PRK", body="GA", start="2014-12-18", end="2014-12-18")
    assert v.filter(pl.col("symbol") == "A/RES/69/188")["vote"].to_list() == ["N"]
    sc2022 = record.decisions(body="SC", start="2022", end="2022", outcome="vetoed")
    assert "S/2022/431" in sc2022["draft"].to_list()
    assert record.votes(body="GA", issue="hr", start="2014", end="2014").height > 0


def test_search_titles(record):
    hits = record.search("Democratic People's Republic of Korea human rights", body="GA")
    assert "A/RES/69/188" in hits["symbol"].to_list()


def test_sql_is_read_only(record):
    n = record.sql("select count(*) from decisions where body = 'SC' and id like 'SC-RES-%'").item()
    assert n == 2695
    with pytest.raises(UserError):
        record.sql("drop table votes")
    with pytest.raises(UserError):
        record.sql("select * from read_csv('/etc/passwd')")


def test_unknown_symbol_suggests_close_matches(record):
    with pytest.raises(NotFound) as err:
        record.decision("A/RES/69/1888")
    assert "A/RES/69/188" in err.value.suggestions


def test_to_pandas(record):
    assert record.decisions(body="SC", start="2022", end="2022").to_pandas().shape[0] > 50


def test_sponsors_are_member_codes(record):
    # The UN extract names the GA's sponsors from session 74 (Cuba alone puts the embargo resolution); the SC data
    # names a draft's submitters from 1994 (the United States put S/2022/431).
    assert record.decision("A/RES/75/289").row["sponsors"] == ["CUB"]
    assert record.decision("S/2022/431").row["sponsors"] == ["USA"]
    ga = record.decisions(body="GA", session=76)
    assert ga.filter(pl.col("sponsors").list.len() > 0).height > 50
    assert record.decision("S/2022/431").row["topic"] == "Non-proliferation/DPRK"


def test_sql_timeout_stops_a_long_query(record):
    with pytest.raises(UserError, match="ran longer than 0.2 s"):
        record.sql("select count(*) from range(100000000000)", timeout=0.2)
    assert record.sql("select 1 as one", timeout=0.2).item() == 1  # the connection is usable afterwards


def test_a_paragraph_vote_without_a_title_takes_its_resolutions(record):
    """Voeten's file leaves most recent separate paragraph votes untitled; the two votes on paragraphs of A/RES/72/38
    (4 December 2017) are on "Nuclear disarmament", as the roll call on the whole resolution is."""
    votes = record.decisions(body="GA").filter(pl.col("symbol") == "A/RES/72/38").sort("kind")
    assert votes.select("kind", "title").rows() == [("paragraph", "Nuclear disarmament")] * 2 + [
        ("resolution", "Nuclear disarmament")]
    assert record.quality().filter(pl.col("decision_id") == "GA-5983-20171204")["check"].to_list() == [
        "GA part vote titled from its resolution"]
