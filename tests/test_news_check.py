"""The article checker against the record: verdicts on the project's own wire-style articles."""

import json
from datetime import date
from pathlib import Path

import pytest

import unvote
from unvote.news import check
from unvote.news.evaluate import evaluate
from unvote.news.reading import read_article

ARTICLES = Path(__file__).parent / "articles"


@pytest.fixture(scope="module")
def rec():
    return unvote.open()


@pytest.fixture(scope="module")
def evaluation(rec):
    return evaluate(ARTICLES, rec)


def test_expected_files_point_at_their_quotes():
    files = sorted(ARTICLES.glob("*.expected.json"))
    assert len(files) >= 10
    for path in files:
        expected = json.loads(path.read_text(encoding="utf-8"))
        text = read_article((ARTICLES / expected["article"]).read_text(encoding="utf-8")).text
        for s in expected["statements"]:
            assert text[s["start"]:s["end"]] == s["quote"], (path.name, s["quote"])
            assert s["verdict"] in ("supported", "contradicted", "not in the record", "forecast")


def test_no_wrong_supported_and_contradicted_is_exercised(evaluation):
    # A wrong "supported" is the worst mistake the checker can make.
    assert evaluation.predicted["supported"] >= 40
    assert evaluation.precision("supported") == 1.0
    assert evaluation.predicted["contradicted"] >= 8
    assert evaluation.precision("contradicted") >= 0.9
    assert evaluation.recall() >= 0.85


def test_the_wrong_facts_are_contradicted_with_the_record(rec):
    report = check((ARTICLES / "04-sc-veto-wrong-facts.txt").read_text(encoding="utf-8"), record=rec,
                   forecasts=False)
    by_kind = {s.kind: s for s in report.statements if s.verdict == "contradicted"}
    assert set(by_kind) == {"member_vote", "tally", "body_size", "presidency"}
    assert "France voted yes on S/2022/431; it did not veto it." in by_kind["member_vote"].evidence
    assert by_kind["member_vote"].decisions == ["SC-DRAFT-S/2022/431"]
    assert any("United States of America" in e for e in by_kind["presidency"].evidence)


def test_committee_votes_are_not_in_the_record_but_link_to_the_plenary(rec):
    report = check((ARTICLES / "02-third-committee.txt").read_text(encoding="utf-8"), record=rec,
                   forecasts=False)
    [tally] = [s for s in report.statements if s.kind == "tally"]
    assert tally.verdict == "not in the record"
    assert "GA-5377-20141218" in tally.decisions  # A/RES/69/188, the plenary vote that followed
    assert any("committee votes" in n for n in tally.cannot_show)


def test_a_forecast_gets_its_own_verdict_unless_the_rules_rule_it_out(rec):
    report = check((ARTICLES / "12-council-background.txt").read_text(encoding="utf-8"), record=rec,
                   forecasts=False)
    forecasts = [s for s in report.statements if s.kind == "forecast"]
    germany = [s for s in forecasts if "Germany" in s.claim]
    assert germany and germany[0].verdict == "contradicted"
    assert any("Germany is not a permanent member" in e for e in germany[0].evidence)
    others = [s for s in forecasts if s not in germany]
    assert others and all(s.verdict == "forecast" for s in others)
    assert all(s.forecast["veto_holders"] == ["CHN", "FRA", "GBR", "RUS", "USA"] for s in forecasts)


def test_a_forecast_carries_the_forecasters_probabilities_and_the_rules(rec):
    text = ("UNITED NATIONS, May 25, 2022 (Wire) - The United States will put a draft resolution imposing new "
            "sanctions on North Korea to a vote in the Security Council on Thursday.")
    [s] = check(text, record=rec).statements
    assert s.verdict == "forecast" and s.kind == "forecast"
    f = s.forecast
    assert f["draft"]["body"] == "SC" and "Korea" in f["draft"]["agenda"] and f["draft"]["sponsors"] == ["USA"]
    assert f["draft"]["date"] == "2022-05-25"  # fitted on the record before the story, never after it
    assert 0 <= f["p_vetoed"] <= 1 and abs(f["p_adopted"] + f["p_vetoed"] + f["p_failed"] - 1) < 1e-3
    assert set(f["p_veto_by"]) <= set(f["veto_holders"])
    assert f["president"]["code"] == "USA"  # the United States presided in May 2022
    assert f["followed_by"] == ["SC-DRAFT-S/2022/431"]  # hindsight: vetoed the next day
    assert any(e.startswith("Forecast (unvote.forecast") for e in s.evidence)
    assert "forecast" in report_json_verdicts(check(text, record=rec, forecasts=False))


def report_json_verdicts(report) -> set[str]:
    return {s["verdict"] for s in report.to_json()["statements"]}


def test_soviet_absence_is_not_a_veto(rec):
    text = "LAKE SUCCESS, June 27, 1950 - The Soviet Union was absent when resolution 83 was adopted 7 to 1."
    verdicts = {(s.kind, s.verdict) for s in check(text, record=rec).statements}
    assert ("member_vote", "supported") in verdicts
    assert ("tally", "supported") in verdicts


def test_html_offsets_map_back_to_the_page(rec):
    raw = (ARTICLES / "03-sc-veto-dprk-2022.html").read_text(encoding="utf-8")
    report = check(raw, record=rec, forecasts=False)
    for s in report.statements:
        assert report.text[s.start:s.end] == s.text
        assert raw[s.source_start:s.source_end].replace("&nbsp;", " ") == s.text.replace("–", "&ndash;") or \
            s.text.split()[-1] in raw[s.source_start:s.source_end]
    assert report.to_json()["published"] == "2022-05-26"
    assert "# Article check" in report.to_markdown()


def test_given_date_overrides_and_relative_dates_follow_it(rec):
    text = "The Security Council on Friday adopted resolution 2397 unanimously."
    report = check(text, date(2017, 12, 23), rec)
    assert {s.verdict for s in report.statements} == {"supported"}
    wrong_day = check(text, date(2017, 12, 30), rec)  # "Friday" is then 29 Dec, not 22 Dec
    assert "contradicted" in {s.verdict for s in wrong_day.statements if s.kind == "outcome"}
