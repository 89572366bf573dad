"""Member states: every spelling in every raw source maps to a code, and the codes follow the seats through time."""

from __future__ import annotations

import csv
import glob
import io
import json
import lzma
import re
import zipfile
from datetime import date
from pathlib import Path

import polars as pl
import pytest

from unvote import members
from unvote.errors import NotFound

# The only spellings in the sources that name no state: listed in member_aliases.csv with an empty code.
UNKNOWABLE = {"DONOTKNOW"}


def _spellings(data: Path) -> dict[str, str]:
    """Every member spelling in the raw files under ``data``, with the file it was read from."""
    found: dict[str, str] = {}

    def add(name: str | None, where: str) -> None:
        if name:
            found.setdefault(name, where)

    with zipfile.ZipFile(data / "undl_scraped_2022" / "UN DATA.csv.zip") as z:
        header = next(csv.reader(io.TextIOWrapper(z.open("UN DATA.csv"), encoding="utf-8-sig")))
    for name in header[11:]:
        add(name, "UN DATA.csv header")
    sc = pl.read_csv(data / "sc_voting_1994_2025" / "sc_voting.csv", infer_schema=False, columns=["Member State"])
    for name in sc["Member State"].unique():
        add(name, "sc_voting.csv")
    with lzma.open(data / "unvotes_cran" / "un_votes.csv.xz", "rb") as fh:
        unvotes = pl.read_csv(fh.read(), columns=["country"], infer_schema=False)
    for name in unvotes["country"].unique():
        add(name, "un_votes.csv.xz")
    for path in glob.glob(str(data / "state_dept_coincidence" / "*.csv")):
        with open(path, encoding="utf-8-sig") as fh:
            for row in csv.DictReader(fh):
                add(row["COUNTRY"], path)
    with open(data / "sc_vetoes_wpdl" / "unsc_vetoes_1946_sept2022.csv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            for col in ("member_veto1", "member_veto2", "member_veto3"):
                add(row[col], "unsc_vetoes")
    for path in glob.glob(str(data / "sc_membership" / "*.csv")):
        with open(path, encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                add(row.get("country") or row.get("member"), path)
    for path in glob.glob(str(data / "ga_rollcall_meta" / "unxml_GAresolutions" / "data_extract" / "*.json")):
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    record = json.loads(line)
                    for col in ("MS_in_favour", "MS_against", "MS_abstaining"):
                        names = record.get(col)
                        for name in names if isinstance(names, list) else []:  # "N.A." in some rows
                            add(name, path)
    with open(data / "un_members" / "un_members.csv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            add(re.sub(r"\[\w+\]", "", row["Member state"]).strip(), "un_members.csv")
    for path in ("Idealpointestimates1946-2025.tab", "IdealpointestimatesAll_Jun2024.csv"):
        sep = "\t" if path.endswith(".tab") else ","
        frame = pl.read_csv(data / "ideal_points" / path, separator=sep, infer_schema=False, columns=["Countryname"])
        for name in frame["Countryname"].unique():
            add(name, path)
    return found


def test_every_spelling_in_every_source_maps_to_a_code(shared_data):
    spellings = _spellings(shared_data)
    assert len(spellings) > 600
    unmapped = sorted(name for name in spellings if members.code_for(name) is None and name not in UNKNOWABLE)
    assert unmapped == []
    for name in UNKNOWABLE:
        assert members.is_known_spelling(name) and members.code_for(name) is None


def test_junk_headers_of_the_undl_file_map():
    assert members.code_for(" UNITED KINGDOM") == "GBR"
    assert members.code_for("Aa UNITED STATES") == "USA"
    assert members.code_for("CHILEs ") == "CHL"
    assert members.code_for("AY DENMARK") == "DNK"
    assert members.code_for("TKAZAKHSTAN") == "KAZ"
    assert members.code_for("SERBIAMONTENEGRO") == "SCG"


def test_spellings_are_case_accent_and_space_insensitive():
    for name in ("TÜRKİYE", "TURKIYE", "Türkiye", "turkey"):
        assert members.code_for(name) == "TUR"
    assert members.code_for("NETHERLANDS (KINGDOM OF THE)") == "NLD"
    assert members.code_for("Côte d’Ivoire") == members.code_for("COTE D'IVOIRE") == "CIV"
    assert members.code_for("Lao People?s Democratic Republic") == "LAO"
    assert members.code_for("Democratic People’s\nRepublic of Korea") == "PRK"


@pytest.mark.parametrize("name,code", [
    ("North Korea", "PRK"), ("South Korea", "KOR"), ("Russia", "RUS"), ("Iran", "IRN"), ("Syria", "SYR"),
    ("Vietnam", "VNM"), ("Bolivia", "BOL"), ("Venezuela", "VEN"), ("Tanzania", "TZA"), ("Laos", "LAO"),
    ("Moldova", "MDA"), ("Czech Republic", "CZE"), ("Ivory Coast", "CIV"), ("Swaziland", "SWZ"), ("Burma", "MMR"),
    ("USA", "USA"), ("UK", "GBR"), ("Upper Volta", "BFA"), ("Zaire", "COD"), ("Ceylon", "LKA"),
])
def test_common_names(name, code):
    assert members.code_for(name) == code


def test_names_that_depend_on_the_date():
    # The Republic of China held the China seat until GA res 2758 of 25 Oct 1971.
    assert members.code_for("CHINA", date(1971, 10, 25)) == "TWN"
    assert members.code_for("CHINA", date(1971, 11, 9)) == "CHN"
    assert members.code_for("CHINA") == "CHN"
    assert members.code_for("YEMEN", date(1980, 6, 1)) == "YAR"
    assert members.code_for("YEMEN", date(1991, 6, 1)) == "YEM"
    # UNDL labels the Russian Federation's vote on S/RES/725 (31 Dec 1991) "USSR".
    assert members.code_for("USSR", date(1991, 12, 31)) == "RUS"
    assert members.code_for("USSR", date(1991, 12, 20)) == "SUN"
    # The FRY voted as "Yugoslavia" in 1992 and again after its admission on 1 Nov 2000.
    assert members.code_for("YUGOSLAVIA", date(1985, 1, 1)) == "YUG"
    assert members.code_for("YUGOSLAVIA", date(2002, 12, 20)) == "SCG"
    assert members.code_for("Taiwan", date(2001, 1, 1)) == "TWN"


def test_historical_codes_for_harmonised_ones():
    h = members.historical_code
    assert h("RUS", date(1991, 12, 23)) == "SUN" and h("RUS", date(1991, 12, 24)) == "RUS"
    assert h("SRB", date(1991, 1, 1)) == "YUG"
    assert h("SRB", date(1999, 1, 1)) == "SCG" and h("SRB", date(2006, 6, 3)) == "SRB"
    assert h("DEU", date(1980, 1, 1)) == "DEU"
    assert h("CZE", date(1992, 12, 31)) == "CSK" and h("CZE", date(1993, 1, 19)) == "CZE"
    assert h("YEM", date(1990, 5, 21)) == "YAR"
    assert h("CHN", date(1971, 10, 25)) == "TWN"
    assert h("SVK", date(1980, 1, 1)) == "SVK"
    assert h("FRA", date(1950, 1, 1)) == "FRA"


def test_undl_columns_agree_with_the_seat_dates(shared_data):
    """The UNDL file keeps USSR, YUGOSLAVIA, CZECHOSLOVAKIA columns: their votes fall in the dates the codes allow."""
    with zipfile.ZipFile(shared_data / "undl_scraped_2022" / "UN DATA.csv.zip") as z:
        frame = pl.read_csv(z.read("UN DATA.csv"), infer_schema=False,
                            columns=["Date", "USSR", "RUSSIAN FEDERATION", "CZECHOSLOVAKIA", "YUGOSLAVIA",
                                     "GERMAN DEMOCRATIC REPUBLIC", "DEMOCRATIC YEMEN"])
    # One UNDL row has the date "2011" only; it is none of these columns' votes.
    frame = frame.with_columns(pl.col("Date").str.to_date("%Y-%m-%d", strict=False))

    def dates(col: str) -> list[date]:
        return frame.filter(pl.col(col).is_not_null() & pl.col("Date").is_not_null())["Date"].to_list()

    assert {members.code_for("RUSSIAN FEDERATION", d) for d in dates("RUSSIAN FEDERATION")} == {"RUS"}
    assert {members.code_for("USSR", d) for d in dates("USSR")} == {"SUN", "RUS"}  # RUS only for 31 Dec 1991
    assert {members.code_for("CZECHOSLOVAKIA", d) for d in dates("CZECHOSLOVAKIA")} == {"CSK"}
    assert {members.code_for("YUGOSLAVIA", d) for d in dates("YUGOSLAVIA")} == {"YUG", "SCG"}
    for col in ("GERMAN DEMOCRATIC REPUBLIC", "DEMOCRATIC YEMEN"):
        code = members.code_for(col)
        row = members.reference_members().filter(pl.col("code") == code).row(0, named=True)
        assert all(row["admitted"] <= d < row["left"] for d in dates(col))


def test_193_current_members_with_groups():
    table = members.reference_members()
    current = table.filter(pl.col("left").is_null())
    assert current.height == 193
    assert current["code"].n_unique() == 193 and current["iso2"].n_unique() == 193
    assert current.group_by("regional_group").len().sort("regional_group").rows() == [
        ("AG", 54), ("APG", 54), ("EEG", 23), ("GRULAC", 33), ("WEOG", 29)]
    assert len(members.members_on(date(2024, 1, 1))) == 193
    assert len(members.members_on(date(1946, 1, 1))) == 51


def test_historical_states():
    table = members.reference_members()
    for code, successor in [("SUN", "RUS"), ("YUG", "SCG"), ("SCG", "SRB"), ("CSK", "CZE"), ("DDR", "DEU"),
                            ("YMD", "YEM"), ("YAR", "YEM"), ("TWN", "CHN"), ("ZAN", "TZA")]:
        row = table.filter(pl.col("code") == code).row(0, named=True)
        assert row["successor"] == successor and row["left"] is not None
    # Admission dates come from the UN list with Wikipedia's footnote markers removed.
    assert table.filter(pl.col("code") == "IDN")["admitted"].item() == date(1950, 9, 28)
    assert table.filter(pl.col("code") == "SSD")["admitted"].item() == date(2011, 7, 14)


def test_names():
    assert members.name_of("RUS") == "Russian Federation"
    assert members.name_of("GBR") == "United Kingdom of Great Britain and Northern Ireland"
    assert members.name_of("USA") == "United States of America"
    assert members.name_of("KOR") == "Republic of Korea"
    assert members.name_of("PRK") == "Democratic People's Republic of Korea"
    with pytest.raises(NotFound):
        members.name_of("XXZ")


def test_no_spelling_maps_to_two_codes():
    keys = members.aliases().with_columns(
        pl.col("alias").map_elements(members.normalise, return_dtype=pl.String).alias("key"))
    clashes = keys.group_by("key").agg(pl.col("code").n_unique().alias("n")).filter(pl.col("n") > 1)
    assert clashes.is_empty()
    codes = set(members.reference_members()["code"])
    assert set(members.aliases()["code"].drop_nulls()) <= codes
