"""The presidency by rotation, checked against months the record (or the UN's own pages) confirms.

The chain has two fixed rows (``presidency_record.csv``): the anchor of January 1947 and January 1990. Every month
asserted here is *computed* from those by the rule; none is itself a row of the file.
"""

from __future__ import annotations

import polars as pl
import pytest

from unvote.charter.composition import council_on
from unvote.charter.presidency import president, presidencies, recorded_months
from unvote.errors import UserError

CONFIRMED = [
    ("1950-06", "IND", "Sir Benegal Rau presided when resolution 82 was adopted (25 June 1950)"),
    ("1950-08", "SUN", "Malik ended the Soviet boycott by taking the chair on 1 August 1950"),
    ("1981-12", "UGA", "S/PV.2321 (21 Dec 1981), President Otunnu (Uganda)"),
    ("1990-08", "ROU", "S/PV.2932 (2 Aug 1990), President Munteanu (Romania)"),
    ("1990-12", "YEM", "verbatim record of 8 Dec 1990, President Al-Ashtal (Yemen)"),
    ("1992-01", "GBR", "S/PV.3046 (31 Jan 1992), the summit chaired by John Major"),
    ("1997-12", "CRI", "Costa Rica's assessment of its presidency, December 1997"),
    ("1998-07", "RUS", "the Russian Federation's assessment, July 1998"),
    ("1998-10", "GBR", "the United Kingdom's assessment, October 1998"),
    ("1998-11", "USA", "the United States' assessment, November 1998"),
    ("1999-01", "BRA", "Brazil's assessment, January 1999"),
    ("1999-10", "RUS", "the Russian Federation's assessment, October 1999"),
    ("2001-08", "COL", "Colombia's assessment of August 2001"),
    ("2002-12", "COL", "Colombia's assessment of December 2002"),
    ("2009-05", "RUS", "S/PV.6131 (28 May 2009), President Churkin"),
    ("2022-02", "RUS", "the Russian Federation presided when S/2022/155 was vetoed (25 Feb 2022)"),
    ("2022-05", "USA", "S/2022/431 was voted on 26 May 2022 under the US presidency"),
    ("2022-06", "ALB", "Albania, June 2022"),
    ("2023-01", "JPN", "Japan, January 2023"),
    ("2023-05", "CHE", "Switzerland, May 2023"),
    ("2023-12", "ECU", "Ecuador, December 2023"),
]

# un.org, "Security Council Presidency in 2015".
UN_ORG_2015 = ["CHL", "CHN", "FRA", "JOR", "LTU", "MYS", "NZL", "NGA", "RUS", "ESP", "GBR", "USA"]



@pytest.mark.parametrize("month, code, why", CONFIRMED)
def test_confirmed_presidencies(seats, month, code, why):
    assert month not in {f"{y}-{m:02d}" for y, m in recorded_months()}, "a confirmed month must not be a fixed row"
    assert president(month, seats).code == code, why


def test_the_whole_of_2015_matches_the_un_page(seats):
    assert [president(f"2015-{m:02d}", seats).code for m in range(1, 13)] == UN_ORG_2015


def test_each_member_presides_in_turn_and_january_follows_december(seats):
    table = presidencies(seats)
    # 2024 members in alphabetical order, starting after Ecuador (December 2023).
    assert table.filter(pl.col("month").str.starts_with("2024"))["member"].to_list() == [
        "FRA", "GUY", "JPN", "MLT", "MOZ", "KOR", "RUS", "SLE", "SVN", "CHE", "GBR", "USA"]
    assert president("2024-06", seats).name == "Republic of Korea"  # sorted under R, not K


def test_old_names_sort_where_they_then_stood(seats):
    # Ceylon (1960-61) sorted under C; today's Sri Lanka would sort under S.
    names = [m.name for m in council_on("1961-03-01", seats).members]
    assert names.index("Ceylon") == 0


def test_months_outside_the_computable_range_are_user_errors(seats):
    with pytest.raises(UserError, match="S/RES/14"):
        president("1946-05", seats)
    with pytest.raises(UserError, match="not complete"):
        president("2027-03", seats)
    with pytest.raises(UserError, match="not a month"):
        president("May 2022", seats)


def test_every_month_has_a_basis_and_a_source(seats):
    table = presidencies(seats)
    assert table.height == (2026 - 1947 + 1) * 12
    assert set(table["basis"]) == {"rule", "record", "rule (unconfirmed)"}
    # The months of 1982-89 are computed, but the record shows the order slipped once in them (no source names it).
    doubtful = table.filter(pl.col("basis") == "rule (unconfirmed)")["month"]
    assert (doubtful.min(), doubtful.max(), doubtful.len()) == ("1982-01", "1989-12", 96)
    assert table.filter(pl.col("basis") == "record").height == len(recorded_months())
