"""Plots: the files are real PNG / SVG / standalone HTML, and the charts hold the record's values."""

from __future__ import annotations

import doctest
import re
import struct
import sys
import xml.etree.ElementTree as ET

import polars as pl
import pytest

import unvote
from unvote.analysis import plots as plots_module
from unvote.analysis.agreement import agreement_matrix
from unvote.analysis.plots import (agreement_chart, heatmap_chart, ideal_points_chart, ideal_points_of, save,
                                   vote_map_chart)
from unvote.errors import NotFound, UserError

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def usa_chart(record):
    return agreement_chart(record, "USA", ["ISR", "Russian Federation"], period="2010-2023")


def test_agreement_chart_holds_each_years_agreement(record, usa_chart):
    rows = {(r["other"], r["year"]): r for r in usa_chart.data.values}
    assert {other for other, _ in rows} == {"ISR", "RUS"}
    # The same number computed another way: the agreement matrix of 2014's votes alone.
    matrix = agreement_matrix(record.votes(body="GA", start="2014-01-01", end="2014-12-31"))
    assert rows[("ISR", 2014)]["agreement"] == pytest.approx(matrix.loc["USA", "ISR"])
    assert rows[("RUS", 2014)]["agreement"] == pytest.approx(matrix.loc["USA", "RUS"])
    assert rows[("ISR", 2014)]["agreement"] > rows[("RUS", 2014)]["agreement"]
    # 2023 holds only a handful of roll calls in the record: below the floor of 10 shared votes, so left out.
    assert max(year for _, year in rows) == 2022


def test_png_svg_and_standalone_html(usa_chart, tmp_path):
    png = save(usa_chart, tmp_path / "a.png")
    data = png.read_bytes()
    assert data[:8] == PNG_SIGNATURE
    width, height = struct.unpack(">II", data[16:24])  # the IHDR chunk: the 2x-scaled size of the chart
    assert width > 1000 and height > 500
    svg = save(usa_chart, tmp_path / "a.svg")
    root = ET.parse(svg).getroot()
    assert root.tag.endswith("svg")
    assert "ISR" in svg.read_text() and "RUS" in svg.read_text()
    html = save(usa_chart, tmp_path / "a.html").read_text()
    # Standalone: the Vega libraries are inside the page, nothing is loaded from a CDN.
    assert "vegaEmbed" in html and "cdn.jsdelivr" not in html
    assert not re.search(r"""(src|href)=["']https?:|from ["']https?:|import\(["']https?:""", html)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.html", "a.png", "a.svg"]  # no temporary files left


def test_save_refuses_bad_paths(usa_chart, tmp_path):
    with pytest.raises(UserError, match=r"\.png, \.svg or \.html"):
        save(usa_chart, tmp_path / "a.pdf")
    with pytest.raises(UserError, match="does not exist"):
        save(usa_chart, tmp_path / "missing" / "a.png")
    assert list(tmp_path.iterdir()) == []


def test_vote_map_of_a_res_69_188(record):
    chart = vote_map_chart(record, "A/RES/69/188")
    props = [f["properties"] for f in chart.data.values]
    by_shape = {p["shape"]: p for p in props if p["shape"]}
    decision = record.decision("A/RES/69/188")
    yes = set(decision.votes.filter(pl.col("vote") == "Y")["member"])
    # Every yes voter colours its territory, but Tuvalu (no shape at 1:50m): 116 - 1 members.
    assert {p["member"] for p in props if p["vote"] == "yes"} == yes - {"TUV"}
    assert len(yes) == 116
    assert {p["member"] for p in props if p["vote"] == "no"} == set(
        decision.votes.filter(pl.col("vote") == "N")["member"])
    assert by_shape["PRK"]["vote"] == "no" and by_shape["USA"]["vote"] == "yes" and by_shape["IND"]["vote"] == "abstain"
    assert by_shape["GRL"]["vote"] == "yes"  # Greenland shows Denmark's vote
    assert by_shape["ESH"]["vote"] == "not a member"
    spec = chart.to_dict(validate=False)
    assert spec["title"]["text"].startswith("A/RES/69/188, 18 December 2014: 116-20-53")
    assert spec["projection"]["type"] == "equalEarth"


def test_map_of_a_council_veto_greys_the_members_off_the_council(record):
    chart = vote_map_chart(record, "S/2022/431")
    by_shape = {f["properties"]["shape"]: f["properties"]["vote"] for f in chart.data.values}
    assert by_shape["RUS"] == by_shape["CHN"] == "no" and by_shape["USA"] == by_shape["IND"] == "yes"
    assert by_shape["DEU"] == by_shape["AUS"] == "not on the Council"
    assert chart.to_dict(validate=False)["title"]["text"].endswith("13-2-0 (yes-no-abstain), vetoed by CHN, RUS")


def test_map_of_a_cold_war_vote_colours_kazakhstan_with_the_ussr(record):
    decision = record.decisions(body="GA", start="1980-01-01", end="1980-12-31").row(0, named=True)
    votes = dict(record.votes(body="GA", start=decision["date"], end=decision["date"])
                 .filter(pl.col("decision_id") == decision["id"]).select("member", "vote").iter_rows())
    chart = vote_map_chart(record, decision["id"])
    kaz = next(f["properties"] for f in chart.data.values if f["properties"]["shape"] == "KAZ")
    assert kaz["member"] == "SUN"
    assert kaz["vote"] == plots_module.MAP_LEGEND[votes["SUN"]]


def test_heatmap_is_ordered_by_bloc(record):
    chart = heatmap_chart(record, "2020")
    strip, heat = chart.hconcat
    order = [r["member"] for r in strip.data.values]
    blocs = [int(r["bloc"].split(".")[0]) for r in strip.data.values]
    assert blocs == sorted(blocs) and len(set(order)) == len(order)
    cells = {(c["member"], c["other"]): c["agreement"] for c in heat.data.values}
    assert len(cells) == len(order) ** 2
    assert cells[("USA", "USA")] == 1.0 and cells[("USA", "ISR")] == cells[("ISR", "USA")] > 0.9
    # USA and Israel form a bloc of their own in 2020, apart from Western Europe.
    bloc = dict(zip(order, blocs))
    assert bloc["USA"] == bloc["ISR"] != bloc["FRA"]
    assert heat.to_dict(validate=False)["encoding"]["x"]["sort"] == order


def test_ideal_points_chart_has_bands(record):
    points = ideal_points_of(record, ["USA", "Russian Federation", "China", "USSR"])
    chart = ideal_points_chart(points, ["USA", "RUS", "CHN", "SUN"], {"USA": "United States"})
    rows = chart.data.values
    assert {r["member"] for r in rows} == {"USA", "RUS", "CHN", "SUN"}
    assert all(r["lower"] < r["ideal_point"] < r["upper"] and r["year"] == r["session"] + 1945 for r in rows)
    at = {(r["member"], r["session"]): r["ideal_point"] for r in rows}
    # The scale puts the USA on the positive side, and every other permanent member below it in every session.
    assert all(at[("USA", s)] > at[(m, s)] for (m, s) in at if m != "USA")
    assert max(s for m, s in at if m == "SUN") == 46 and min(s for m, s in at if m == "RUS") == 46
    with pytest.raises(UserError, match="No ideal points for SSD"):
        ideal_points_chart(points, ["USA", "SSD"])
    eighties = ideal_points_chart(points, ["USA", "SUN"], period="1980s").data.values
    assert {r["year"] for r in eighties} == set(range(1980, 1990))
    assert {r["session"] for r in eighties} == set(range(35, 45))
    with pytest.raises(UserError, match="No ideal points for RUS: no contested General Assembly vote in 1980-1989"):
        ideal_points_chart(points, ["USA", "RUS"], period="1980s")


def test_agreement_chart_needs_members_it_knows(record):
    with pytest.raises(NotFound):
        agreement_chart(record, "USA", ["Atlantis"])
    with pytest.raises(UserError, match="at least one other member"):
        agreement_chart(record, "USA", ["USA"])
    with pytest.raises(UserError, match="Unknown agreement measure"):
        agreement_chart(record, "USA", ["ISR"], measure="cosine")
    with pytest.raises(UserError, match="shared no year of 10 or more"):
        agreement_chart(record, "USA", ["SSD"], period="2023")


def test_cli_writes_a_map(tmp_path, monkeypatch, capsys):
    from unvote.cli import main

    out = tmp_path / "map.svg"
    monkeypatch.setattr(sys, "argv", ["unvote", "plot", "map", "A/RES/69/188", "--out", str(out)])
    with pytest.raises(SystemExit) as exit_:
        main()
    assert exit_.value.code == 0 and f"Wrote {out}" in " ".join(capsys.readouterr().err.split())
    root = ET.parse(out).getroot()
    assert root.tag.endswith("svg") and len(root.findall(".//{http://www.w3.org/2000/svg}path")) > 200


@pytest.mark.parametrize("args, message", [
    (["plot", "agreement", "USA", "--with", "RUS", "--out", "{tmp}/a.gif"], ".png, .svg or .html"),
    (["plot", "heatmap", "--period", "the sixties", "--out", "{tmp}/h.png"], "is not a period"),
    (["plot", "ideal-points", "USA,Atlantis", "--out", "{tmp}/i.png"], "'Atlantis' not found"),
    (["partners", "SSD", "--period", "1980s"], "SSD cast no General Assembly vote in 1980-1989"),
])
def test_cli_bad_input_is_one_sentence_and_exit_2(args, message, tmp_path, monkeypatch, capsys):
    from unvote.cli import main

    monkeypatch.setattr(sys, "argv", ["unvote", *(a.replace("{tmp}", str(tmp_path)) for a in args)])
    with pytest.raises(SystemExit) as exit_:
        main()
    err = " ".join(capsys.readouterr().err.split())
    assert exit_.value.code == 2 and message in err and "Traceback" not in err
    assert list(tmp_path.iterdir()) == []


def test_docstring_examples():
    result = doctest.testmod(plots_module, extraglobs={"unvote": unvote}, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0
