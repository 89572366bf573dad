"""The command line, run as a user runs it: a real process, its output and its exit code."""

from __future__ import annotations

import json
import subprocess
import sys

import polars as pl

UNVOTE = [sys.executable, "-c", "from unvote.cli import main; main()"]


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*UNVOTE, *args], capture_output=True, text=True, timeout=120)


def test_show_prints_tally_and_vetoes():
    out = run("show", "S/2022/431")
    assert out.returncode == 0
    text = " ".join(out.stdout.split())
    assert "vetoed by China, Russian Federation" in text and "Yes 13 · No 2 · Abstain 0" in text


def test_show_json():
    data = json.loads(run("show", "A/RES/69/188", "--json").stdout)
    assert (data["yes"], data["no"], data["abstain"], data["date"]) == (116, 20, 53, "2014-12-18")
    assert {v["member"] for v in data["votes"] if v["vote"] == "N"} >= {"PRK", "CHN", "RUS"}


def test_unknown_symbol_is_one_sentence_and_exit_2():
    out = run("show", "A/RES/69/1888")
    assert out.returncode == 2
    assert "not found" in out.stderr and "A/RES/69/188" in out.stderr and "Traceback" not in out.stderr


def test_bad_date_is_a_user_error():
    out = run("member", "PRK", "--start", "2014-13-45")
    assert out.returncode == 2 and "not a valid date" in " ".join(out.stderr.split())


def test_member_search_sql():
    member = json.loads(run("member", "North Korea", "--body", "GA", "--json").stdout)
    assert member["member"]["code"] == "PRK"
    hits = json.loads(run("search", "human rights Korea", "--body", "GA", "--json").stdout)
    assert any(h["symbol"] == "A/RES/69/188" for h in hits)
    rows = json.loads(run("sql", "select count(*) as n from decisions where outcome = 'vetoed'", "--json").stdout)
    assert rows[0]["n"] > 200
    assert run("sql", "delete from votes").returncode == 2


def test_export_formats(tmp_path):
    for fmt in ("csv", "parquet", "json"):
        out = tmp_path / f"sc2022.{fmt}"
        result = run("export", "decisions", "--body", "SC", "--start", "2022", "--end", "2022", "--out", str(out))
        assert result.returncode == 0, result.stderr
    frame = pl.read_parquet(tmp_path / "sc2022.parquet")
    assert "S/2022/431" in frame["draft"].to_list()
    assert run("export", "decisions", "--out", str(tmp_path / "x.xlsx")).returncode == 2
    assert not list(tmp_path.glob(".*"))  # no temporary file left behind


def test_data_info_and_report():
    info = json.loads(run("data", "info", "--json").stdout)
    assert info["coverage"]["sc_resolution_numbers"] == "1-2695"
    assert {"undl_wide", "voeten_wide", "sc_voting", "vetoes", "sc_actions"} <= set(info["sources"])
    report = json.loads(run("data", "report", "--json").stdout)
    checks = {row["check"] for row in report["summary"]}
    assert "UNDL totals all zero" in checks and "tally: pages printed differs from member votes" in checks


def test_demo_tours_the_record_the_rules_and_the_analysis():
    out = run("demo")
    assert out.returncode == 0
    text = " ".join(out.stdout.split())
    assert "adopted 116-20-53" in text and "vetoed by China, Russian Federation" in text
    # The rules: with China abstaining the draft still fails, on Russia's veto alone.
    assert "What if China had abstained? Not adopted" in text and "the abstention of China is not a veto" in text
    assert "closest Israel" in text
