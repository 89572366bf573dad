"""The State Department coincidence tables: CSVs mapped by column name, and the overall tables read from the PDFs."""

from __future__ import annotations

import shutil
from pathlib import Path

import polars as pl
import pytest

from unvote.analysis.coincidence import coincidence_expr
from unvote.sources import SourceError
from unvote.sources import state_dept


@pytest.fixture(scope="module")
def reports(shared_data) -> Path:
    """The State Department's published coincidence tables (CSVs and report PDFs)."""
    return shared_data / "state_dept_coincidence"


@pytest.fixture(scope="module")
def overall_2013(reports) -> pl.DataFrame:
    return state_dept.read_pdf(state_dept.report_path(reports, 2013))


@pytest.fixture(scope="module")
def overall_2022(reports) -> pl.DataFrame:
    return state_dept.read_pdf(state_dept.report_path(reports, 2022))


def row(table: pl.DataFrame, country: str) -> dict:
    return table.filter(pl.col("country") == country).row(0, named=True)


def test_csv_columns_are_mapped_by_name_whatever_their_order(reports):
    # 2020 prints PARTIAL before OPPOSITE; 2022 says OPPOSE; 2013 has ABSTAIN and no PARTIAL.
    afg_2020 = row(state_dept.read_csv(reports / "un-coincidence-2020.csv"), "Afghanistan")
    assert (afg_2020["same"], afg_2020["partial"], afg_2020["opposite"], afg_2020["absent"]) == (14, 11, 68, 7)
    afg_2022 = row(state_dept.read_csv(reports / "un-coincidence-2022.csv"), "Afghanistan")
    assert (afg_2022["opposite"], afg_2022["iso"], afg_2022["coincidence"]) == (36, "AFG", 42.0)
    t2013 = state_dept.read_csv(reports / "un-coincidence-2013.csv")
    assert t2013.height == 192 and set(t2013["table"]) == {"israel"}
    assert row(t2013, "Albania")["abstain"] == 5 and t2013["partial"].null_count() == 192


def test_the_overall_table_pages_are_found_by_a_text_scan(reports):
    assert state_dept.find_overall_pages(state_dept.report_path(reports, 2013)) == range(18, 22)


def test_pdf_reader_extracts_the_published_2013_figures(overall_2013):
    assert overall_2013.height == 192
    assert overall_2013["country"][0] == "Afghanistan" and overall_2013["country"][-1] == "Zimbabwe"
    canada = row(overall_2013, "Canada")
    assert (canada["same"], canada["opposite"], canada["abstain"], canada["absent"]) == (71, 8, 4, 0)
    assert canada["coincidence"] == 89.9 and canada["coincidence_with_consensus"] == 97.0
    assert row(overall_2013, "Russia")["coincidence"] == 44.8
    assert row(overall_2013, "China")["coincidence"] == 40.0
    # A name wrapped over two lines in the PDF comes back whole.
    assert "Central African Rep." in set(overall_2013["country"])


def test_pdf_and_csv_agree_where_both_hold_the_overall_table(reports, overall_2022):
    csv = state_dept.read_csv(reports / "un-coincidence-2022.csv")
    joined = overall_2022.join(csv, on="iso", suffix="_csv")
    assert joined.height == 192
    for column in ("same", "opposite", "partial", "absent", "coincidence"):
        assert (joined[column] == joined[f"{column}_csv"]).all(), column
    assert row(overall_2022, "Kiribati")["iso"] == "KIR"  # the name sits on the line above its numbers


def test_each_era_formula_gives_the_published_percentages_from_the_published_counts(reports, overall_2013,
                                                                                   overall_2022):
    # 1984–2016: same / (same + opposite), one decimal.
    got = overall_2013.select((coincidence_expr(2013) - pl.col("coincidence")).abs().max()).item()
    assert got <= 0.05 + 1e-9
    # 2017–2020: absences excluded; 2021 onward: absences score one half over all votes. Whole percents.
    for year, table in ((2017, state_dept.read_pdf(state_dept.report_path(reports, 2017))), (2022, overall_2022)):
        assert table.select((coincidence_expr(year) - pl.col("coincidence")).abs().max()).item() <= 0.5 + 1e-9


def test_a_damaged_pdf_or_csv_is_one_sentence_naming_the_file(reports, tmp_path):
    cut = tmp_path / "Voting-Practices-in-the-United-Nations-2013.pdf"
    cut.write_bytes(state_dept.report_path(reports, 2013).read_bytes()[:5000])
    with pytest.raises(SourceError, match="Voting-Practices-in-the-United-Nations-2013.pdf"):
        state_dept.read_pdf(cut)
    bad = tmp_path / "un-coincidence-2019.csv"
    shutil.copy(reports / "un-coincidence-2019.csv", bad)
    bad.write_text(bad.read_text().replace("Albania,ALB,40,", "Albania,ALB,forty,"))
    with pytest.raises(SourceError, match=r"un-coincidence-2019.csv, line 3: count 'forty'"):
        state_dept.read_csv(bad)


def test_pages_without_the_table_are_reported_with_their_page(reports):
    with pytest.raises(SourceError, match="does not reach Zimbabwe"):
        state_dept.read_pdf(state_dept.report_path(reports, 2013), pages=range(18, 20))
