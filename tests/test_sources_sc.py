"""Readers for the Security Council and membership sources, on the real files (and on damaged copies of them)."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import polars as pl
import pytest

from conftest import SHARED_DATA as DATA
from unvote import members
from unvote.sources import SourceError, regional_groups, sc_actions, sc_voting, un_members, vetoes

SC_VOTING = DATA / "sc_voting_1994_2025" / "sc_voting.csv"
VETOES = DATA / "sc_vetoes_wpdl" / "unsc_vetoes_1946_sept2022.csv"
ACTIONS = DATA / "un_sc_actions_html"
MEMBERS = DATA / "un_members" / "un_members.csv"
GROUPS = DATA / "un_regional_groups"


@pytest.fixture(scope="module")
def voting():
    return sc_voting.read(SC_VOTING)


@pytest.fixture(scope="module")
def actions():
    return sc_actions.read(ACTIONS)


# --- sc_voting -------------------------------------------------------------------------------------------------

def test_s_2022_431_failed_13_2_with_china_and_russia_against(voting):
    decisions, votes = voting
    row = decisions.filter(pl.col("key") == "S/2022/431").row(0, named=True)
    assert (row["outcome"], row["yes"], row["no"], row["abstain"]) == ("vetoed", 13, 2, 0)
    assert row["date"] == date(2022, 5, 26) and row["meeting"] == "S/PV.9048" and row["symbol"] is None
    against = votes.filter((pl.col("key") == "S/2022/431") & (pl.col("vote") == "N"))["member"].sort().to_list()
    assert against == ["China", "Russian Federation"]


@pytest.mark.parametrize("symbol", ["S/RES/1718 (2006)", "S/RES/2397 (2017)"])
def test_unanimous_dprk_sanctions(voting, symbol):
    decisions, votes = voting
    row = decisions.filter(pl.col("symbol") == symbol).row(0, named=True)
    assert (row["yes"], row["no"], row["abstain"], row["n_rows"]) == (15, 0, 0, 15)
    assert votes.filter(pl.col("key") == row["key"])["vote"].unique().to_list() == ["Y"]


def test_counts_after_the_withheld_records(voting):
    decisions, votes = voting
    # The full file had 1,997 decisions (112 failed: 67 vetoed, 45 short of votes); 116 from 2023-09-01 are withheld.
    assert decisions.height == 1997 - 116 == decisions["key"].n_unique()
    assert votes.height == 28199
    outcomes = dict(decisions.group_by("outcome").len().rows())
    assert outcomes == {"adopted": 1799, "vetoed": 53, "failed": 29}
    assert decisions["date"].max() < date(2023, 9, 1)


def test_quirks_are_flagged_not_hidden(voting):
    decisions, _ = voting
    # Decisions without exactly 15 member rows: 21 in the full file, 19 before the withheld part.
    assert decisions.filter(pl.col("n_rows") != 15).height == 19
    # IDs 75-80 repeat vetoed drafts of 1995-99 as "Adopted unanimously", with no resolution number.
    repeats = decisions.filter(pl.col("flags").list.contains("adopted without a resolution number")
                               & pl.col("flags").list.contains("draft shared with another decision"))
    assert sorted(repeats["source_id"].to_list()) == [75, 76, 77, 78, 79, 80]
    assert decisions.filter(pl.col("symbol") == "S/RES/2541 (2020)").height == 1  # printed "2541 (2020"
    assert decisions.filter(pl.col("meeting") == "S/PV.9180").height >= 1  # printed "S/PV9180"


def test_swapped_resolution_and_draft_are_put_back(tmp_path):
    lines = SC_VOTING.read_text(encoding="utf-8").splitlines()
    header, rows = lines[0], [line for line in lines[1:] if ",2695 (2023),S/PV.9409,S/2023/641," in line]
    assert len(rows) == 15
    swapped = [r.replace("2695 (2023),S/PV.9409,S/2023/641", "S/2023/641,S/PV.9409,2695 (2023)") for r in rows]
    path = tmp_path / "sc_voting.csv"
    path.write_text("\n".join([header, *swapped]) + "\n", encoding="utf-8")
    decisions, _ = sc_voting.read(path)
    row = decisions.row(0, named=True)
    assert (row["symbol"], row["draft"], row["flags"]) == ("S/RES/2695 (2023)", "S/2023/641",
                                                           ["resolution/draft swapped"])


def test_every_sc_voting_member_name_maps(voting):
    _, votes = voting
    assert [n for n in votes["member"].unique() if members.code_for(n) is None] == []


# --- veto list -------------------------------------------------------------------------------------------------

def test_veto_list():
    table = vetoes.read(VETOES)
    assert table.height == 214 and table["key"].n_unique() == 214
    row = table.filter(pl.col("draft") == "S/2022/431").row(0, named=True)
    assert row["vetoed_by"] == ["China", "Russia"] and row["meeting"] == "S/PV.9048"
    assert row["date"] == date(2022, 5, 26)
    assert table["date"].min() == date(1946, 2, 16) and table["date"].max() == date(2022, 7, 8)
    names = {n for names in table["vetoed_by"] for n in names}
    assert names == {"China", "France", "Russia", "USSR", "USA", "UK"}
    assert all(members.code_for(n) for n in names)


# --- Security Council actions pages ----------------------------------------------------------------------------

def test_actions_cover_resolutions_1_to_2640(actions):
    numbers = actions.filter(pl.col("symbol").is_not_null())["symbol"].str.extract(r"S/RES/(\d+)").cast(int)
    assert numbers.min() == 1 and numbers.max() == 2640  # the 2022 page ends on 30 June 2022
    # The 1990 and 1991 pages print 663 and 701 twice where 666 and 695 were meant.
    assert set(range(1, 2641)) - set(numbers) == {666, 695}


def test_actions_s_2022_431_keeps_the_page_tally(actions):
    row = actions.filter(pl.col("draft") == "S/2022/431").row(0, named=True)
    assert row["outcome"] == "vetoed" and row["vetoed_by"] == ["China", "Russian Federation"]
    assert (row["yes"], row["no"], row["abstain"]) == (13, 0, 2)  # as printed; the vote was 13-2-0
    assert row["date"] == date(2022, 5, 26) and row["meeting"] == "S/PV.9048"


def test_actions_counts_per_decade(actions):
    per_decade = dict(actions.group_by((pl.col("year") // 10 * 10)).len().rows())
    assert per_decade == {1940: 156, 1950: 107, 1960: 177, 1970: 223, 1980: 231, 1990: 651, 2000: 638,
                          2010: 631, 2020: 148}
    assert actions["date"].null_count() == 0 and actions["key"].n_unique() == actions.height
    # Meetings held in the 1940s with several drafts in one cell, and votes by letter in 2020.
    at_49 = actions.filter(pl.col("meeting") == "S/PV.49")
    assert sorted(at_49["outcome"]) == ["adopted", "vetoed", "vetoed", "vetoed"]
    covid = actions.filter(pl.col("page") == "scact2020_covid_table_en.html")
    # 41 of its 53 decisions were taken by letter, without a meeting record.
    assert covid.height == 53 and covid["meeting"].null_count() == 41
    assert covid.filter(pl.col("symbol") == "S/RES/2560 (2020)")["letters"].item().to_list() == [
        "S/2020/1311", "S/2020/1305"]


def test_actions_adopted_without_vote_have_no_tally(actions):
    row = actions.filter(pl.col("symbol") == "S/RES/1 (1946)").row(0, named=True)
    assert row["yes"] is None and "without vote" in row["decision_text"]
    row = actions.filter(pl.col("symbol") == "S/RES/65 (1948)").row(0, named=True)
    assert (row["yes"], row["no"], row["abstain"]) == (9, 0, 2)


def test_actions_take_in_a_new_year_without_code_change(tmp_path):
    for name in ("scact2021_table_en.html", "scact2022_table_en.html"):
        shutil.copy(ACTIONS / name, tmp_path / name)
    page = (ACTIONS / "scact2022_table_en.html").read_text(encoding="utf-8")
    (tmp_path / "scact2023_table_en.html").write_text(page.replace("in 2022", "in 2023"), encoding="utf-8")
    frame = sc_actions.read(tmp_path)
    assert set(frame["year"]) == {2021, 2022, 2023}
    assert frame.filter(pl.col("year") == 2023)["date"].min().year == 2023


def test_veto_table_page():
    table = sc_actions.read_veto_table(ACTIONS / "scact_veto_table_en.html")
    assert table.height == 213
    assert table.filter(pl.col("draft") == "S/2022/431")["vetoed_by"].item().to_list() == [
        "China", "Russian Federation"]
    assert table.filter(pl.col("draft_text") == "S/PV.23")["date"].item() == date(1946, 2, 16)
    assert date(1986, 1, 30) in table["date"].to_list()  # printed "30 January 86"


# --- members and regional groups ---------------------------------------------------------------------------------

def test_un_members():
    table = un_members.read(MEMBERS)
    assert table.height == 193 and table["member"].n_unique() == 193
    assert not table["member"].str.contains(r"\[").any()
    assert table.filter(pl.col("member") == "South Sudan")["admitted"].item() == date(2011, 7, 14)
    assert all(members.code_for(n) for n in table["member"])


def test_regional_groups():
    table = regional_groups.read(GROUPS)
    assert dict(table.group_by("group").len().rows()) == {
        "AFRICANGROUP": 54, "ASIAPACIFICGROUP": 58, "EEG": 23, "GRULAC": 33, "WEOG": 29}
    assert table.filter(pl.col("member") == "Norway")["iso2"].item() == "NO"  # quoted 'NO' in the file
    assert table["iso2"].n_unique() == 193


# --- damaged files -----------------------------------------------------------------------------------------------

def _truncate(src: Path, dst: Path, fraction: float) -> Path:
    data = src.read_bytes()
    dst.write_bytes(data[: int(len(data) * fraction)])
    return dst


@pytest.mark.parametrize("fraction", [0.5, 0.7311])
def test_truncated_sc_voting_names_file_and_line(tmp_path, fraction):
    path = _truncate(SC_VOTING, tmp_path / "sc_voting.csv", fraction)
    with pytest.raises(SourceError, match=r"sc_voting\.csv, line \d+"):
        sc_voting.read(path)


def test_corrupted_veto_list(tmp_path):
    path = tmp_path / "vetoes.csv"
    text = VETOES.read_text(encoding="utf-8").replace("5/26/2022", "26/5/2022")
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SourceError, match=r"vetoes\.csv, line 217: date '26/5/2022'"):
        vetoes.read(path)


def test_missing_files_and_directories(tmp_path):
    with pytest.raises(SourceError, match="does not exist"):
        sc_voting.read(tmp_path / "nope.csv")
    with pytest.raises(SourceError, match="does not exist"):
        sc_actions.read(tmp_path / "nope")
    with pytest.raises(SourceError, match="no 'scact"):
        sc_actions.read(tmp_path)
    with pytest.raises(SourceError, match="no regional group"):
        regional_groups.read(tmp_path)


def test_truncated_actions_page(tmp_path):
    path = _truncate(ACTIONS / "scact1990_table_en.html", tmp_path / "scact1990_table_en.html", 0.6)
    with pytest.raises(SourceError, match=r"scact1990_table_en\.html, line \d+: .*truncated"):
        sc_actions.read(tmp_path)


def test_corrupted_members_and_groups(tmp_path):
    path = tmp_path / "un_members.csv"
    path.write_text(MEMBERS.read_text(encoding="utf-8").replace("19 November 1946", "19 Novembre 1946", 1),
                    encoding="utf-8")
    with pytest.raises(SourceError, match=r"un_members\.csv, line 2: date of admission"):
        un_members.read(path)
    group = _truncate(GROUPS / "EEG.yaml", tmp_path / "EEG.yaml", 0.5)
    with pytest.raises(SourceError, match=r"EEG\.yaml"):
        regional_groups.read_group(group)


def test_every_vetoer_name_on_the_pages_maps(actions):
    table = sc_actions.read_veto_table(ACTIONS / "scact_veto_table_en.html")
    names = {n for frame in (actions, table) for names in frame["vetoed_by"] for n in names}
    assert {"USSR", "USA", "United States", "UK", "Russian Federation", "China", "France"} <= names
    assert [n for n in names if members.code_for(n) is None] == []
