"""The General Assembly readers (and the UNDL wide file, which holds GA and SC) on the real files in shared/data.

Facts asserted are those of PROVENANCE.md's spot checks and row counts; every reader is also fed a truncated and a
corrupted copy of its file and must answer with a SourceError naming that file.
"""

from __future__ import annotations

import shutil
import zipfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

import polars as pl
import pytest

from conftest import SHARED_DATA as DATA
from unvote.sources import SourceError, crosswalk, undl_wide, unvotes, unxml, voeten_meta, voeten_wide

pytestmark = pytest.mark.xdist_group("sources_ga")

UNDL = DATA / "undl_scraped_2022" / "UN DATA.csv.zip"
VOETEN_WIDE = DATA / "ga_voeten_wide_2024" / "ungaVoting_003.csv"
UNVOTES = DATA / "unvotes_cran"
VOETEN_META = DATA / "ga_rollcall_meta" / "un-project_un-votes" / "voeten_roll_calls_1946-2021_DERIVED.csv"
UNXML = DATA / "ga_rollcall_meta" / "unxml_GAresolutions" / "data_extract"
CROSSWALK = DATA / "ga_rollcall_meta" / "rcid_symbol_crosswalk_2020-01_to_2023-08_DERIVED.csv"

# Records from this date on are withheld today and will be published later in the same files: counts are asserted
# for the records before it, so the tests still hold once the update is taken in.
WITHHELD_FROM = date(2023, 9, 1)

# A/RES/69/188 (human rights in the DPRK, 2014-12-18): rcid 5377 in Voeten's numbering.
DPRK_2014 = "A/RES/69/188"
DPRK_2014_KEY = "5377-20141218"


@pytest.fixture(scope="module")
def undl() -> undl_wide.UndlWide:
    return undl_wide.read(UNDL)


@pytest.fixture(scope="module")
def wide() -> voeten_wide.VoetenWide:
    return voeten_wide.read(VOETEN_WIDE)


@pytest.fixture(scope="module")
def package() -> unvotes.Unvotes:
    return unvotes.read(UNVOTES)


@pytest.fixture(scope="module")
def meta() -> pl.DataFrame:
    return voeten_meta.read(VOETEN_META)


@pytest.fixture(scope="module")
def extracts() -> unxml.Unxml:
    return unxml.read(UNXML)


@pytest.fixture(scope="module")
def walk() -> pl.DataFrame:
    return crosswalk.read(CROSSWALK)


def tally(votes: pl.DataFrame) -> dict[str, int]:
    return dict(votes.group_by("vote").len().iter_rows())


# --- UNDL wide --------------------------------------------------------------------------------------------------


def test_undl_row_counts_match_provenance(undl):
    assert dict(undl.decisions.group_by("body").len().iter_rows()) == {"GA": 5238, "SC": 2617}
    assert undl.decisions["key"].is_unique().all()
    # Cell values in PROVENANCE: Y 681,677 · A 93,764 · X 80,867 · N 41,355; blanks give no row.
    assert tally(undl.votes) == {"Y": 681_677, "A": 93_764, "X": 80_867, "N": 41_355}


def test_undl_dprk_human_rights_2014(undl):
    row = undl.decisions.filter(symbol=DPRK_2014).row(0, named=True)
    assert (row["yes"], row["no"], row["abstain"], row["non_voting"]) == (116, 20, 53, 4)
    assert row["body"] == "GA" and row["date"] == date(2014, 12, 18) and not row["totals_zero"]
    votes = undl.votes.filter(key=row["key"])
    assert tally(votes) == {"Y": 116, "N": 20, "A": 53, "X": 4}
    no = set(votes.filter(vote="N")["member"])
    assert {"DEMOCRATIC PEOPLE'S REPUBLIC OF KOREA", "CHINA", "RUSSIAN FEDERATION"} <= no


def test_undl_printed_tallies_match_member_cells(undl):
    # ABSENT COUNT holds abstentions: summed A cells must equal it on every row.
    counted = undl.votes.group_by("key").agg(
        **{name: (pl.col("vote") == code).sum().cast(pl.Int32)
           for name, code in {"y": "Y", "n": "N", "a": "A", "x": "X"}.items()})
    both = undl.decisions.join(counted, on="key")
    assert both.height == undl.decisions.height
    assert both.filter((pl.col("yes") != pl.col("y")) | (pl.col("no") != pl.col("n"))
                       | (pl.col("abstain") != pl.col("a")) | (pl.col("non_voting") != pl.col("x"))).is_empty()


def test_undl_security_council_rows(undl):
    sc = undl.decisions.filter(body="SC")
    assert sc.filter(symbol="S/RES/2323(2016)").select("number", "year").row(0) == (2323, 2016)
    assert sorted(sc["number"]) == list(range(1, 2618))
    # Every SC row has 11 (before 1966) or 15 voters.
    sizes = undl.votes.join(sc.select("key"), on="key").group_by("key").len()
    assert set(sizes["len"]) == {11, 15}


def test_undl_zero_totals_are_kept_and_flagged(undl):
    zero = undl.decisions.filter("totals_zero")
    assert zero.height > 0
    assert set(zero["body"]) == {"GA", "SC"}
    assert (zero["total"] == zero["non_voting"]).all()
    assert set(undl.votes.join(zero.select("key"), on="key")["vote"]) == {"X"}


def test_undl_keeps_member_spellings_and_year_only_dates(undl):
    members = set(undl.votes["member"])
    assert {" UNITED KINGDOM", "Aa UNITED STATES", "CHILEs ", "UNITED KINGDOM", "USSR"} <= members
    year_only = undl.decisions.filter(pl.col("date").is_null())
    assert sorted(year_only["year"]) == [1977, 2011]


# --- Voeten wide --------------------------------------------------------------------------------------------------


def test_voeten_wide_holds_the_release_minus_the_withheld(wide):
    # 6,551 roll calls in the 2024 release, less the 88 dated from 2023-09-01 on that are withheld: 6,463.
    assert wide.decisions.filter(pl.col("date") < WITHHELD_FROM).height == 6551 - 88
    assert wide.decisions["key"].is_unique().all()


def test_voeten_wide_dprk_human_rights_2014(wide):
    assert wide.decisions.filter(key=DPRK_2014_KEY)["rcid"].to_list() == [5377]
    votes = wide.votes.filter(key=DPRK_2014_KEY)
    assert tally(votes) == {"Y": 116, "N": 20, "A": 53, "X": 4}
    assert votes.filter(member_code="PRK")["vote"].to_list() == ["N"]


def test_voeten_wide_reads_float_codes_and_issue_flags(wide):
    # MNE and YEM print some codes as 1.0: they must still yield votes, all in Y/N/A/X.
    assert set(wide.votes["vote"]) == {"Y", "N", "A", "X"}
    assert wide.votes.filter(member_code="MNE").height > 0
    flags = wide.decisions.select(pl.col("issues").list.explode()).to_series().drop_nulls().value_counts()
    assert set(flags["issues"]) == {"me", "nu", "di", "hr", "co", "ec"}
    assert wide.decisions.filter(key=DPRK_2014_KEY)["issues"].to_list() == [["hr"]]


# --- unvotes -------------------------------------------------------------------------------------------------------


def test_unvotes_row_counts_match_provenance(package):
    assert package.votes.height == 869_937
    assert package.roll_calls.height == 6_202
    assert package.issues.height == 5_745
    assert tally(package.votes) == {"Y": 693_544, "A": 110_893, "N": 65_500}


def test_unvotes_dprk_human_rights_2014(package):
    call = package.roll_calls.filter(rcid=5377).row(0, named=True)
    assert (call["unres"], call["symbol"], call["date"], call["session"]) == ("R/69/188", DPRK_2014,
                                                                              date(2014, 12, 18), 69)
    assert tally(package.votes.filter(rcid=5377)) == {"Y": 116, "N": 20, "A": 53}


def test_unvotes_falls_back_to_csv_exports(package, tmp_path):
    # No roll-call or issue .rda: the lossless CSV exports beside them must give the same frames.
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "un_votes.rda").symlink_to(UNVOTES / "data" / "un_votes.rda")
    for name in ("un_roll_calls", "un_roll_call_issues"):
        (tmp_path / f"{name}.csv.xz").symlink_to(UNVOTES / f"{name}.csv.xz")
    fallback = unvotes.read(tmp_path)
    assert fallback.roll_calls.drop("line").equals(package.roll_calls.drop("line"))
    assert fallback.issues.drop("line").equals(package.issues.drop("line"))


# --- Voeten metadata, UNxml, crosswalk ------------------------------------------------------------------------------


def test_voeten_meta_agrees_with_unvotes(meta, package):
    assert meta.height == 6_299 and meta["key"].is_unique().all()
    shared = meta.join(package.roll_calls, on="key", suffix="_pkg")
    assert shared.height == 6_202
    assert shared.filter(pl.col("symbol").ne_missing(pl.col("symbol_pkg"))).is_empty()
    row = meta.filter(rcid=5377).row(0, named=True)
    assert (row["yes"], row["no"], row["abstain"], row["symbol"]) == (116, 20, 53, DPRK_2014)
    # From 2020 on importantvote is NA: null, not False.
    assert meta.filter(pl.col("date") >= date(2020, 1, 1))["important"].null_count() == \
        meta.filter(pl.col("date") >= date(2020, 1, 1)).height


def test_unxml_reads_every_file_and_both_date_formats(extracts):
    shared = extracts.resolutions.filter(pl.col("date") < WITHHELD_FROM)
    per_file = dict(shared.group_by("file").len().iter_rows())
    assert per_file == {"74.json": 266, "75.json": 337, "76.json": 310, "77.json": 338, "ES-11.json": 6,
                        "S-32.json": 1}
    dates = dict(extracts.resolutions.select("symbol", "date").iter_rows())
    assert dates["A/RES/74/1"] == date(2019, 10, 10)       # "2019-10-10 00:00:00"
    assert dates["A/RES/77/1"] == date(2022, 10, 7)        # "7 October 2022"
    assert dates["A/RES/ES-11/2"] == date(2022, 3, 24)     # "24\u00a0March 2022"
    assert extracts.resolutions["date"].null_count() == 0


def test_unxml_counts_lists_and_duplicates(extracts):
    res = extracts.resolutions
    assert res.filter("recorded", pl.col("date") < WITHHELD_FROM).height == 90 + 100 + 80 + 87 + 6
    # "N.A." is not zero: null, and only in 74.json.
    na_files = set(res.filter(pl.col("no").is_null())["file"])
    assert "74.json" in na_files and not na_files & {"75.json", "76.json", "77.json", "ES-11.json"}
    doubled = res.filter(symbol="A/RES/75/290 A").row(0, named=True)
    assert doubled["duplicate_votes_dropped"] == 137
    assert tally(extracts.votes.filter(symbol="A/RES/75/290 A")) == {"Y": doubled["yes"], "A": doubled["abstain"]}
    assert extracts.votes.filter(symbol="A/RES/75/254 A-C").is_empty()
    # No member is listed twice for one resolution (a member in two lists would be kept: a conflict, not a repeat).
    assert extracts.votes.select("symbol", "member").is_unique().all()


def test_crosswalk_maps_the_wide_file(walk, wide):
    assert walk.filter(pl.col("date") < WITHHELD_FROM).height == 261
    assert walk["symbol"].null_count() == 0
    assert dict(walk.select("rcid", "symbol").iter_rows())[9332] == "A/RES/77/129"
    assert dict(walk.select("rcid", "symbol").iter_rows())[9405] == "A/RES/77/130"
    assert walk.filter(rcid=9079).select("symbol", "symbol_from").row(0) == ("A/RES/74/267", "voeten")
    # Every crosswalk row is a roll call of the wide file, on (rcid, date).
    assert walk.join(wide.decisions, on="key", how="anti").is_empty()


# --- bad files ------------------------------------------------------------------------------------------------------


def _cut_mid_row(data: bytes) -> bytes:
    """The data cut in the middle of a row two thirds of the way in (a truncated download)."""
    at = len(data) * 2 // 3
    end_of_line = data.index(b"\n", at)
    return data[: (at + end_of_line) // 2]


def _corrupt(data: bytes) -> bytes:
    """Garbage bytes written over the middle of the data."""
    at = len(data) // 2
    return data[:at] + b"\xff\xfe\x00garbage\x9c" + data[at + 12:]


def _copy_undl(tmp_path: Path, change: Callable[[bytes], bytes]) -> Path:
    with zipfile.ZipFile(UNDL) as archive:
        text = archive.read("UN DATA.csv")
    target = tmp_path / "UN DATA.csv.zip"
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("UN DATA.csv", change(text))
    return target


def _copy_file(source: Path, tmp_path: Path, change: Callable[[bytes], bytes]) -> Path:
    target = tmp_path / source.name
    target.write_bytes(change(source.read_bytes()))
    return target


def _copy_unxml(tmp_path: Path, change: Callable[[bytes], bytes]) -> Path:
    target = tmp_path / "data_extract"
    shutil.copytree(UNXML, target)
    path = target / "76.json"
    path.chmod(0o644)
    path.write_bytes(change(path.read_bytes()))
    return target


def _copy_unvotes(tmp_path: Path, change: Callable[[bytes], bytes]) -> Path:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "un_votes.rda").symlink_to(UNVOTES / "data" / "un_votes.rda")
    (tmp_path / "data" / "un_roll_call_issues.rda").symlink_to(UNVOTES / "data" / "un_roll_call_issues.rda")
    calls = tmp_path / "data" / "un_roll_calls.rda"
    calls.write_bytes(change((UNVOTES / "data" / "un_roll_calls.rda").read_bytes()))
    return tmp_path


def _wrong_header(data: bytes) -> bytes:
    first, rest = data.split(b"\n", 1)
    return first.replace(b"date", b"dtae", 1) + b"\n" + rest


READERS = {
    "undl_wide": (undl_wide.read, _copy_undl, "UN DATA.csv.zip"),
    "voeten_wide": (voeten_wide.read, lambda t, c: _copy_file(VOETEN_WIDE, t, c), VOETEN_WIDE.name),
    "voeten_meta": (voeten_meta.read, lambda t, c: _copy_file(VOETEN_META, t, c), VOETEN_META.name),
    "crosswalk": (crosswalk.read, lambda t, c: _copy_file(CROSSWALK, t, c), CROSSWALK.name),
    "unxml": (unxml.read, _copy_unxml, "76.json"),
    "unvotes": (unvotes.read, _copy_unvotes, "un_roll_calls.rda"),
}


@pytest.mark.parametrize("reader", sorted(READERS))
@pytest.mark.parametrize("damage", [_cut_mid_row, _corrupt], ids=["truncated", "corrupted"])
def test_damaged_file_gives_source_error_naming_it(reader, damage, tmp_path):
    read, copy, name = READERS[reader]
    if reader == "unvotes" and damage is _cut_mid_row:
        damage = lambda data: data[: len(data) // 2]  # noqa: E731 - a binary file has no rows to cut through
    path = copy(tmp_path, damage)
    with pytest.raises(SourceError) as err:
        read(path)
    assert name in str(err.value)


@pytest.mark.parametrize("reader", ["voeten_wide", "voeten_meta", "crosswalk"])
def test_wrong_header_names_the_file_and_line_1(reader, tmp_path):
    read, copy, name = READERS[reader]
    with pytest.raises(SourceError) as err:
        read(copy(tmp_path, _wrong_header))
    assert name in str(err.value) and err.value.line == 1


def _bad_first_rcid(data: bytes) -> bytes:
    """The first data row's rcid (the first field) made text: a value of the wrong type."""
    header, rest = data.split(b"\n", 1)
    return header + b"\nx" + rest


@pytest.mark.parametrize("reader", ["voeten_wide", "voeten_meta", "crosswalk"])
def test_value_of_wrong_type_names_file_and_line(reader, tmp_path):
    read, copy, name = READERS[reader]
    with pytest.raises(SourceError, match="'rcid' holds 'x") as err:
        read(copy(tmp_path, _bad_first_rcid))
    assert name in str(err.value) and err.value.line == 2


def test_unxml_count_of_wrong_type_is_located(tmp_path):
    target = _copy_unxml(tmp_path, lambda data: data.replace(b'"MS_against_count": "', b'"MS_against_count": "lots', 1))
    with pytest.raises(SourceError, match="MS_against_count") as err:
        unxml.read(target)
    assert "76.json" in str(err.value) and err.value.line == 1


def test_unvotes_rcid_of_wrong_type_is_located(tmp_path):
    import pyreadr

    calls = pyreadr.read_r(str(UNVOTES / "data" / "un_roll_calls.rda"))["un_roll_calls"]
    calls["rcid"] = calls["rcid"].astype(str)
    calls.loc[3, "rcid"] = "x6"
    (tmp_path / "data").mkdir()
    pyreadr.write_rdata(str(tmp_path / "data" / "un_roll_calls.rda"), calls, df_name="un_roll_calls")
    for name in ("un_votes", "un_roll_call_issues"):
        (tmp_path / "data" / f"{name}.rda").symlink_to(UNVOTES / "data" / f"{name}.rda")
    with pytest.raises(SourceError, match="'x6'") as err:
        unvotes.read(tmp_path)
    assert "un_roll_calls.rda" in str(err.value) and err.value.line == 4


def test_undl_truncated_archive_and_bad_vote_code(tmp_path):
    cut = tmp_path / "cut.zip"
    cut.write_bytes(UNDL.read_bytes()[:100_000])
    with pytest.raises(SourceError, match="cut.zip"):
        undl_wide.read(cut)
    bad = _copy_undl(tmp_path, lambda data: data.replace(b",Y,Y,Y,", b",Y,Q,Y,", 1))
    with pytest.raises(SourceError, match="'Q'") as err:
        undl_wide.read(bad)
    assert err.value.line == 2


def test_voeten_wide_truncation_is_located(tmp_path):
    path = _copy_file(VOETEN_WIDE, tmp_path, _cut_mid_row)
    with pytest.raises(SourceError, match="cut short") as err:
        voeten_wide.read(path)
    assert err.value.line == path.read_bytes().count(b"\n") + 1


def test_unxml_bad_date_is_located(tmp_path):
    target = _copy_unxml(tmp_path, lambda data: data.replace(b'"adoption_date": "', b'"adoption_date": "3x ', 1))
    with pytest.raises(SourceError, match="is not a date") as err:
        unxml.read(target)
    assert "76.json" in str(err.value) and err.value.line == 1


@pytest.mark.parametrize("reader", sorted(READERS))
def test_missing_file_gives_source_error(reader, tmp_path):
    read = READERS[reader][0]
    with pytest.raises(SourceError) as err:
        read(tmp_path / "absent" / "nothing.here")
    assert "nothing.here" in str(err.value)


def test_csv_rows_doctest_shape():
    from unvote.sources.csvrows import read_csv_text

    table = read_csv_text("x.csv", 'a,b\n1,"two\nlines"\n3,4\n', required=["a"])
    assert table.lines == [2, 4]
    assert table.frame.to_dicts() == [{"a": "1", "b": "two\nlines"}, {"a": "3", "b": "4"}]
    with pytest.raises(SourceError, match="x.csv, line 4"):
        read_csv_text("x.csv", 'a,b\n1,2\n3,4\n5', required=["a"])


# The reconciled GA record (reconcile/ga.py), on the bundled snapshot (conftest's ``record``).


def test_votes_only_the_un_extract_holds_are_in_the_record(record):
    # Voeten's file lacks the emergency session on Ukraine; the UN's extract names who voted yes, no and abstained,
    # and every other member of the day is recorded as not voting (Venezuela had lost its vote under Art. 19).
    ga = record.decisions(body="GA")
    es11 = ga.filter(pl.col("symbol").str.starts_with("A/RES/ES-11/"))
    assert es11.height == 6 and set(es11["sources"].list.first()) == {"unxml"}
    first = es11.filter(symbol="A/RES/ES-11/1").row(0, named=True)
    assert (first["yes"], first["no"], first["abstain"], first["non_voting"]) == (141, 5, 35, 12)
    votes = dict(record.votes(body="GA", start="2022-03-02", end="2022-03-02").select("member", "vote").iter_rows())
    assert (votes["USA"], votes["RUS"], votes["CHN"], votes["VEN"]) == ("Y", "N", "A", "X")
    assert len(votes) == 193


def test_early_undl_votes_are_matched_to_voeten_by_member_votes(record):
    # UNDL's A/RES/1125(XI) of 1957-02-02 is Voeten's rcid 495, dated 1957-02-05 and coded "A/RES/1094 (XI) B".
    ga = record.decisions(body="GA")
    assert ga.filter(undl_record="669324")["id"].to_list() == ["GA-495-19570205"]
    matched = record.quality().filter(pl.col("check") == "GA vote matched by member votes (before 1976)")
    assert matched.height > 500
    # The few early UNDL votes no Voeten roll call matches are added, each with its member votes.
    early_added = ga.filter(pl.col("id").str.starts_with("GA-UNDL") & (pl.col("date") < date(1976, 9, 1)))
    assert 0 < early_added.height < 60
    assert (early_added["yes"] + early_added["no"] + early_added["abstain"] > 0).all()


def test_a_vote_in_the_un_record_beats_an_absence_in_voetens(record):
    # Zimbabwe's vote on A/RES/71/292 was recorded after the roll call: Voeten has it absent, UNDL has its yes.
    row = record.sql("select v.vote, v.source from votes v join decisions d on d.id = v.decision_id "
                     "where d.symbol = 'A/RES/71/292' and v.member = 'ZWE'")
    assert row.rows() == [("Y", "undl_wide")]


def test_budget_parts_keep_their_letters(record):
    # A/RES/75/254 was voted as parts A, B and C and as a whole; the UN extract's "A-C" named all four.
    symbols = record.decisions(body="GA").filter(pl.col("symbol").str.starts_with("A/RES/75/254"))["symbol"]
    assert sorted(symbols) == ["A/RES/75/254 A-C", "A/RES/75/254[A]", "A/RES/75/254[B]", "A/RES/75/254[C]"]
