"""The sc_membership readers on the real files in shared/data, and their answers to broken copies."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from unvote.sources import SourceError, sc_membership


@pytest.fixture(scope="module")
def folder(shared_data) -> Path:
    """``shared/data/sc_membership``."""
    return shared_data / "sc_membership"


def test_non_permanent_reads_every_row_and_fixes_the_year_2000(folder):
    frame = sc_membership.read_non_permanent(folder / sc_membership.NON_PERMANENT)
    assert frame.height == 660
    # The file prints 2000 as "2e3"; ten members sat that year.
    assert frame.filter(pl.col("year") == 2000).height == 10
    assert sorted(frame.filter(pl.col("year") == 2000)["member"])[:2] == ["Argentina", "Bangladesh"]
    # Names come without the file's trailing spaces.
    assert not frame["member"].str.ends_with(" ").any()
    assert frame["line"].min() == 2


def test_elected_terms_and_the_split_terms(folder):
    terms = sc_membership.read_elected(folder / sc_membership.ELECTED)
    assert terms.filter(pl.col("term_start") == 2023)["member"].to_list() == [
        "Ecuador", "Japan", "Malta", "Mozambique", "Switzerland"]
    italy = terms.filter(pl.col("member") == "Italy").row(0, named=True)
    assert (italy["term_start"], italy["term_end"]) == (2017, 2017)


def test_six_then_ten_elected_members_every_year(shared_data):
    years = sc_membership.elected_by_year(shared_data)
    counts = dict(years.group_by("year").len().iter_rows())
    assert all(counts[y] == 6 for y in range(1946, 1966))
    assert all(counts[y] == 10 for y in range(1966, 2027))
    assert counts[2027] == 5  # only the members elected in 2025 are known


def test_the_two_files_agree_where_they_overlap(folder):
    old = sc_membership.read_non_permanent(folder / sc_membership.NON_PERMANENT)
    new = (sc_membership.read_elected(folder / sc_membership.ELECTED)
           .with_columns(year=pl.int_ranges("term_start", pl.col("term_end") + 1)).explode("year"))
    for year in range(2016, 2020):
        assert set(old.filter(pl.col("year") == year)["member"]) == set(new.filter(pl.col("year") == year)["member"])


def test_observed_members_keep_their_vote_file(folder):
    observed = sc_membership.read_observed(folder / sc_membership.OBSERVED)
    germany = observed.filter(pl.col("member") == "GERMANY, FEDERAL REPUBLIC OF")
    assert germany.height == 4  # the quoted name with a comma is one field
    assert set(observed["observed_in"].str.split("/").list.first()) == {"undl_scraped_2022", "sc_voting_1994_2025"}


@pytest.mark.parametrize("reader, filename", [
    (sc_membership.read_non_permanent, sc_membership.NON_PERMANENT),
    (sc_membership.read_elected, sc_membership.ELECTED),
    (sc_membership.read_observed, sc_membership.OBSERVED),
])
def test_a_corrupted_year_names_file_and_line(tmp_path, folder, reader, filename):
    lines = (folder / filename).read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    year_column = "term_start" if "term_start" in header else "year"
    fields = lines[5].split(",")
    fields[header.index(year_column)] = "MMXX"
    lines[5] = ",".join(fields)
    broken = tmp_path / filename
    broken.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(SourceError) as err:
        reader(broken)
    assert err.value.line == 6 and err.value.path == broken
    assert "MMXX" in str(err.value)


def test_a_missing_column_or_file_is_a_source_error(tmp_path):
    bad = tmp_path / "elected.csv"
    bad.write_text("country,start\nMalta,2023\n", encoding="utf-8")
    with pytest.raises(SourceError, match="missing column"):
        sc_membership.read_elected(bad)
    with pytest.raises(SourceError, match="file not found"):
        sc_membership.read_elected(tmp_path / "absent.csv")
