"""The explorer's JSON API and pages on the bundled record: facts of the record, and 4xx (never 5xx) on bad input."""

from __future__ import annotations

import asyncio
import doctest

import pytest
from fastapi.testclient import TestClient

from unvote.web import app, charts, sql, views, worldmap
from unvote.web.app import SECURITY_HEADERS, BytesCache, create_app


@pytest.fixture(scope="module")
def client(record) -> TestClient:
    return TestClient(create_app(record))


def test_decision_json_has_the_tally_and_the_rules_explanation(client):
    data = client.get("/api/decision/A/RES/69/188").json()
    assert (data["yes"], data["no"], data["abstain"]) == (116, 20, 53)
    assert data["rules"]["status"] == "adopted"
    assert data["undl_url"] == "https://digitallibrary.un.org/record/820106"
    assert sum(v["vote"] == "Y" for v in data["votes"]) == 116
    csv = client.get("/api/decision/A/RES/69/188", params={"format": "csv"})
    assert csv.headers["content-disposition"] == 'attachment; filename="A_RES_69_188-votes.csv"'
    lines = csv.text.splitlines()
    assert lines[0] == "member,name,vote" and sum(line.endswith(",Y") for line in lines) == 116


def test_vetoed_draft_names_its_vetoers(client):
    data = client.get("/api/decision/S/2022/431").json()
    assert data["vetoed_by_names"] == ["China", "Russian Federation"]
    assert data["rules"]["vetoed_by"] == ["CHN", "RUS"]
    page = client.get("/decision/S/2022/431")
    assert "vetoed by China, Russian Federation" in page.text


def test_a_procedural_council_decision_is_not_judged_vetoed(client):
    """S/RES/2623 (2022) called the emergency special session on Ukraine: 11-1-3 with Russia against, adopted
    because no veto applies to a procedural decision (Art. 27(2))."""
    data = client.get("/api/decision/S/RES/2623 (2022)").json()
    assert (data["yes"], data["no"], data["abstain"], data["outcome"]) == (11, 1, 3, "adopted")
    assert data["rules"]["status"] == "adopted" and data["rules"]["vetoed_by"] == []
    assert "procedural" in data["rules"]["explanation"]


def test_simulated_abstention_by_china_leaves_only_the_russian_veto(client):
    data = client.post("/api/simulate", json={"symbol": "S/2022/431", "votes": {"CHN": "A"}}).json()
    assert data["recorded"]["vetoed_by"] == ["CHN", "RUS"]
    assert data["simulated"]["vetoed_by"] == ["RUS"]
    assert "abstention of China is not a veto" in data["simulated"]["explanation"]
    both = client.post("/api/simulate", json={"symbol": "S/2022/431", "votes": {"CHN": "A", "RUS": "A"}}).json()
    assert both["simulated"]["status"] == "adopted"


def test_search_finds_decisions_and_members_by_any_name(client):
    data = client.get("/api/search", params={"q": "Korea"}).json()
    labels = {d["label"] for d in data["decisions"]}
    assert "S/2022/431" in labels
    assert {"PRK", "KOR"} <= {m["code"] for m in data["members"]}
    assert client.get("/api/member/USSR").json()["code"] == "SUN"
    first = client.get("/api/search", params={"q": "Korea", "limit": 5}).json()
    second = client.get("/api/search", params={"q": "Korea", "limit": 5, "page": 2}).json()
    assert first["more"] and len(second["decisions"]) == 5
    assert first["decisions"][-1]["date"] >= second["decisions"][0]["date"]
    assert not {d["label"] for d in first["decisions"]} & {d["label"] for d in second["decisions"]}
    csv = client.get("/api/search", params={"q": "Korea", "limit": 5, "format": "csv"})
    assert csv.text.splitlines()[0] == "label,body,date,title,outcome,tally" and len(csv.text.splitlines()) == 6


def test_council_month_has_fifteen_members_and_a_president(client):
    data = client.get("/api/council/2022-05").json()
    assert len(data["members"]) == 15 and data["required"] == 9
    assert data["president"]["code"] == "USA"
    assert client.get("/api/council/1950-01").json()["required"] == 7
    first = client.get("/api/council/1946-02").json()  # rule 18's monthly rotation began in 1947
    assert len(first["members"]) == 11 and first["president"] is None
    assert "1947-01" in first["president_unknown"]


def test_member_votes_page_and_csv(client):
    first = client.get("/api/member/CHN/votes", params={"per_page": 5}).json()
    assert len(first["rows"]) == 5 and first["total"] > 5
    dates = [r["date"] for r in first["rows"]]
    assert dates == sorted(dates, reverse=True)
    csv = client.get("/api/member/CHN/votes", params={"per_page": 5, "format": "csv"})
    assert csv.headers["content-type"].startswith("text/csv")
    assert csv.text.splitlines()[0] == "date,body,label,title,vote,outcome"


@pytest.mark.parametrize(("method", "url", "body", "status"), [
    ("get", "/api/decision/A/RES/99999/1", None, 404),
    ("get", "/decision/NOT-A-SYMBOL", None, 404),
    ("get", "/api/member/Narnia", None, 404),
    ("get", "/api/council/2022-13", None, 422),
    ("get", "/api/council/yesterday", None, 422),
    ("get", "/council/1066-10", None, 422),
    ("get", "/api/search", None, 422),
    ("get", "/api/search?q=%20", None, 422),
    ("get", "/api/search?q=Korea&limit=200&page=26", None, 422),
    ("get", "/api/member/CHN/votes?page=0", None, 422),
    ("get", "/api/member/CHN/votes?format=xml", None, 422),
    ("post", "/api/simulate", {"symbol": "S/2022/431", "votes": {"CHN": "maybe"}}, 422),
    ("post", "/api/simulate", {"symbol": "S/2022/431", "votes": {"DEU": "Y"}}, 422),
    ("post", "/api/simulate", {"symbol": "S/1/1", "votes": {}}, 404),
    ("post", "/api/simulate", {"votes": {}}, 422),
    ("get", "/simulate?symbol=S/2022/431&v_CHN=Q", None, 422),
    ("post", "/api/simulate", {"votes": {"CHN": "N"}}, 422),
    ("post", "/api/simulate", {"date": "1950-06-27", "votes": {"CHN": "N"}}, 422),  # the PRC had no seat in 1950
    ("post", "/api/simulate", {"date": "yesterday"}, 422),
    ("get", "/api/nope", None, 404),
    ("get", "/api/member/Narnia/agreement", None, 404),
    ("get", "/api/member/PRK/agreement?partner=Narnia", None, 404),
    ("get", "/api/member/PRK/agreement?measure=vibes", None, 422),
    ("get", "/api/member/Narnia/ideal-points", None, 404),
    ("get", "/api/member/Narnia/council", None, 404),
    ("get", "/api/vetoes?decade=1955", None, 422),
    ("get", "/api/vetoes?decade=1800", None, 422),
    ("get", "/api/vetoes?member=Narnia", None, 404),
    ("get", "/api/vetoes?per_page=0", None, 422),
    ("get", "/council/2022-05?decade=abc", None, 422),
    ("post", "/api/forecast", {"body": "SC", "date": "1900-01-01", "title": "x"}, 422),
    ("post", "/api/forecast", {"body": "SC", "date": "2022-13-01", "title": "x"}, 422),
    ("post", "/api/forecast", {"body": "UN", "date": "2022-05-27", "title": "x"}, 422),
    ("post", "/api/forecast", {"body": "SC", "date": "2022-05-27"}, 422),  # nothing describes the draft
    ("post", "/api/forecast", {"body": "SC", "date": "2022-05-27", "title": "x", "kind": "law"}, 422),
    ("post", "/api/forecast", {"body": "SC", "date": "2022-05-27", "title": "x", "issues": ["zz"]}, 422),
    ("post", "/api/forecast", {"body": "SC", "date": "2022-05-27", "title": "x", "sponsors": ["Narnia"]}, 404),
    ("post", "/api/forecast", {"body": "SC", "date": "2022-05-27", "previous": "S/1/1"}, 404),
    ("get", "/forecast?body=SC&date=2022-99-01&title=x", None, 422),
    ("post", "/api/check", {"text": ""}, 422),
    ("post", "/api/check", {"text": "   "}, 422),
    ("post", "/api/check", {"text": "China vetoed it.", "date": "someday"}, 422),
    ("post", "/api/check", {"text": "x" * 100_001}, 422),
    ("post", "/api/sql", {"query": "select 1", "max_rows": 0}, 422),
    ("post", "/api/sql", {"query": ""}, 422),
    ("post", "/api/sql", {"query": "select * from nowhere"}, 422),
    ("get", "/sql?q=drop+table+votes", None, 422),
])
def test_bad_input_gets_a_clear_4xx(client, method, url, body, status):
    response = client.request(method, url, json=body)
    assert response.status_code == status
    if url.startswith("/api"):
        message = response.json()["detail"]
        assert isinstance(message, str) and message.endswith(".") and "Traceback" not in message


def test_security_headers_on_pages_api_and_errors(client):
    for url in ("/", "/api/decision/S/2022/431", "/api/member/Narnia", "/static/style.css", "/map/world.svg",
                "/api/nope", "/check"):
        headers = client.get(url).headers
        for name, value in SECURITY_HEADERS.items():
            assert headers[name] == value


def test_oversized_bodies_are_refused_before_reading(client):
    response = client.post("/api/check", content=b"x" * 1_000_001, headers={"content-type": "application/json"})
    assert response.status_code == 413 and "check an article in parts" in response.json()["detail"]
    assert response.headers["X-Frame-Options"] == "DENY"


def test_page_cache_keeps_the_most_recently_used():
    computed = []
    cache = BytesCache(lambda key: computed.append(key) or key.encode(), size=2)

    async def visit(keys):
        return [await cache.get(key) for key in keys]

    assert asyncio.run(visit(["a", "b", "a", "c", "a", "b"])) == [b"a", b"b", b"a", b"c", b"a", b"b"]
    assert computed == ["a", "b", "c", "b"]  # "a", read again before "c" came, outlived "b"


def test_pages_credit_the_sources_and_use_no_outside_assets(client):
    html = client.get("/decision/A/RES/69/188").text
    assert "© United Nations" in html and "CC0" in html
    assert "http://" not in html.replace("https://digitallibrary.un.org", "")
    assert "https://" not in html.replace("https://digitallibrary.un.org", "")


def test_openapi_lists_every_api_route(client):
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/api/search", "/api/decision/{symbol}", "/api/member/{name}", "/api/council/{month}",
            "/api/simulate", "/api/member/{name}/agreement", "/api/member/{name}/ideal-points",
            "/api/member/{name}/council", "/api/member/{name}/votes-by-year", "/api/vetoes", "/api/forecast",
            "/api/check", "/api/sql"} <= set(paths)


# --- the member page's data ----------------------------------------------------------------------------------------

def test_agreement_with_the_permanent_members_and_a_chosen_partner(client):
    data = client.get("/api/member/PRK/agreement", params={"partner": "Japan"}).json()
    series = {s["member"]: {p["year"]: p for p in s["points"]} for s in data["series"]}
    assert data["partners"] == ["JPN"] and {"USA", "CHN", "RUS", "GBR", "FRA", "JPN"} <= set(series)
    # The DPRK votes with China far more often than with the United States, year after year.
    shared = set(series["CHN"]) & set(series["USA"])
    assert len(shared) >= 30
    assert all(series["CHN"][y]["value"] > series["USA"][y]["value"] for y in shared)
    assert all(p["n"] >= 10 and 0 <= p["value"] <= 1 for s in series.values() for p in s.values())
    # The DPRK was admitted on 17 September 1991 and the USSR last voted that December: one shared year at most.
    assert set(series.get("SUN", {})) <= {1991}
    india = {s["member"]: s["points"] for s in client.get("/api/member/India/agreement").json()["series"]}
    assert max(p["year"] for p in india["SUN"]) == 1991 and min(p["year"] for p in india["RUS"]) >= 1991
    csv = client.get("/api/member/PRK/agreement", params={"format": "csv"})
    assert csv.text.splitlines()[0] == "member,other,year,value,n"


def test_ideal_points_place_the_united_states_far_from_the_dprk(client):
    usa = {r["session"]: r for r in client.get("/api/member/USA/ideal-points").json()["rows"]}
    prk = {r["session"]: r for r in client.get("/api/member/North Korea/ideal-points").json()["rows"]}
    assert min(prk) == 46  # the DPRK's first session as a member
    for session in set(usa) & set(prk):
        assert usa[session]["lower"] > prk[session]["upper"]
    assert all(r["lower"] <= r["ideal_point"] <= r["upper"] for r in usa.values())


def test_council_terms_and_presidencies_of_a_member(client):
    japan = client.get("/api/member/JPN/council").json()
    assert {"start": "2023-01-01", "end": "2024-12-31", "permanent": False} in japan["terms"]
    assert "2023-01" in {p["month"] for p in japan["presidencies"]}  # as the Council's own records have it
    # Every month a member presided falls within one of its terms.
    for p in japan["presidencies"]:
        assert any(t["start"][:7] <= p["month"] <= t["end"][:7] for t in japan["terms"])
    assert client.get("/api/member/PRK/council").json() == {"member": "PRK", "terms": [], "presidencies": []}


def test_votes_by_year_add_up_to_the_members_ga_votes(client, record):
    rows = client.get("/api/member/PRK/votes-by-year").json()["rows"]
    assert sum(r["Y"] + r["N"] + r["A"] + r["X"] for r in rows) == record.votes(body="GA", member="PRK").height
    assert rows[0]["year"] == 1991


def test_member_page_draws_the_charts_and_lists_terms(client):
    html = client.get("/member/JPN", params={"partner": "IND, Brazil"}).text  # the page's form: one field
    assert html.count('<svg class="chart"') == 3
    assert 'value="IND, BRA"' in html and "</span>BRA</li>" in html
    assert "Elected, 2023-01-01 to 2024-12-31" in html
    assert 'href="/council/2023-01"' in html


# --- vetoes, simulator by date, map --------------------------------------------------------------------------------

def test_veto_history_filters_and_pages(client):
    usa = client.get("/api/vetoes", params={"member": "United States", "decade": 2010}).json()
    assert usa["total"] == 3 and {r["draft"] for r in usa["rows"]} == {"S/2011/24", "S/2017/1060", "S/2018/516"}
    every = client.get("/api/vetoes", params={"per_page": 10}).json()
    assert len(every["rows"]) == 10 and every["total"] > 200
    dates = [r["date"] for r in every["rows"]]
    assert dates == sorted(dates, reverse=True)
    assert every["by_member"][0] == {**every["by_member"][0], "member": "SUN", "name": "USSR"}
    page2 = client.get("/api/vetoes", params={"per_page": 10, "page": 2}).json()
    assert not {r["id"] for r in page2["rows"]} & {r["id"] for r in every["rows"]}
    korea = client.get("/api/vetoes", params={"decade": 2020, "per_page": 500}).json()
    assert next(r for r in korea["rows"] if r["draft"] == "S/2022/431")["vetoed_by"] == ["CHN", "RUS"]
    csv = client.get("/api/vetoes", params={"member": "USA", "decade": 2010, "format": "csv"})
    assert csv.headers["content-type"].startswith("text/csv") and len(csv.text.splitlines()) == 4
    html = client.get("/council/2022-05", params={"member": "USA", "decade": "2010"}).text
    assert "3 vetoed drafts with a veto by USA in the 2010s." in html


def test_simulating_a_council_draft_on_a_date(client):
    data = client.post("/api/simulate", json={"date": "2022-05-26", "votes": {"CHN": "N"}}).json()
    assert len(data["votes"]) == 15 and data["simulated"]["vetoed_by"] == ["CHN"]
    assert data["recorded"]["status"] == "adopted"  # every member yes, before the change
    html = client.get("/simulate", params={"date": "2022-05-26", "v_RUS": "N"}).text
    assert "vetoed by Russian Federation" in html
    assert "Pivotal: Russian Federation (no → yes: adopted)" in html  # its no alone defeats the draft
    ga = client.post("/api/simulate", json={"date": "2014-12-18", "body": "GA", "votes": {"PRK": "N"}}).json()
    assert len(ga["votes"]) == 193 and ga["simulated"]["status"] == "adopted" and ga["pivotal"] == []
    assert client.post("/api/simulate", json={"date": "2014-12-18", "body": "UN"}).status_code == 422


def test_decision_map_colours_each_shape_with_its_members_vote(client):
    shapes = {s["shape"]: s for s in client.get("/api/decision/A/RES/69/188").json()["map"]["shapes"]}
    assert (shapes["PRK"]["vote"], shapes["USA"]["vote"], shapes["KOR"]["vote"]) == ("N", "Y", "Y")
    assert shapes["GRL"]["vote"] == "Y" and "Denmark" in shapes["GRL"]["title"]  # Greenland votes through Denmark
    old = {s["shape"]: s for s in client.get("/api/decision/S/RES/82(1950)").json()["map"]["shapes"]}
    assert old["RUS"]["vote"] == "X" and "Soviet" in old["RUS"]["title"]  # the USSR was absent on 25 June 1950
    assert old["UKR"]["vote"] == "none"  # the Ukrainian SSR was a member of its own, not on the Council
    html = client.get("/decision/A/RES/69/188").text
    assert html.count('<use href="/map/world.svg#') == len(shapes)
    svg = client.get("/map/world.svg")
    assert svg.headers["content-type"] == "image/svg+xml" and b'<path id="PRK"' in svg.content


# --- forecast, checker ---------------------------------------------------------------------------------------------

# The draft that became S/RES/83 (1950), two days after S/RES/82: the forecaster fits on 1946-1950 only, so it is quick.
KOREA_1950 = {"body": "SC", "date": "1950-06-27", "title": "Complaint of aggression upon the Republic of Korea",
              "sponsors": ["USA"], "previous": "S/RES/82(1950)"}


def test_forecast_of_a_council_draft_is_a_distribution_over_members_and_outcomes(client):
    data = client.post("/api/forecast", json=KOREA_1950).json()
    members = {m["member"]: m for m in data["members"]}
    assert set(members) == {m["code"] for m in client.get("/api/council/1950-06").json()["members"]}
    for m in members.values():
        assert abs(m["p_yes"] + m["p_no"] + m["p_abstain"] + m["p_absent"] - 1) < 1e-6
    out = data["outcome"]
    assert abs(out["p_adopted"] + out["p_vetoed"] + out["p_failed"] - 1) < 1e-6
    assert set(out["p_veto_by"]) <= {"TWN", "FRA", "GBR", "SUN", "USA"}  # the permanent members of 1950
    assert data["draft"]["previous"] == "S/RES/82 (1950)"  # the record's label of the symbol given
    # The page renders the same (cached) forecast from the same description.
    html = client.get("/forecast", params={**KOREA_1950, "sponsors": "USA"}).text
    assert 'id="p-vetoed"' in html and "Union of Soviet Socialist Republics" in html


ARTICLE = ("UNITED NATIONS, May 26, 2022 (Wire) - China and Russia on Thursday vetoed a U.S. draft resolution on "
           "North Korea. The other 13 members of the 15-member Security Council voted in favour. "
           "France also vetoed it.")


def test_check_api_and_page_highlight_each_statement(client):
    report = client.post("/api/check", json={"text": ARTICLE}).json()
    verdicts = {s["text"]: s["verdict"] for s in report["statements"]}
    assert verdicts["China and Russia on Thursday vetoed"] == "supported"
    assert "contradicted" in {v for t, v in verdicts.items() if t.startswith("France")}
    assert "".join(seg["text"] for seg in report["segments"]) == report["text"]
    html = client.post("/check", data={"text": ARTICLE}).text
    assert '<mark class="supported"' in html and '<mark class="contradicted"' in html


# --- SQL -------------------------------------------------------------------------------------------------------------

def test_sql_answers_a_select(client):
    data = client.post("/api/sql", json={"query": "select yes, no, abstain from decisions "
                                                  "where symbol = 'A/RES/69/188'"}).json()
    assert data["columns"] == ["yes", "no", "abstain"] and data["rows"] == [[116, 20, 53]]
    assert data["truncated"] is False
    csv = client.post("/api/sql", params={"format": "csv"}, json={"query": "select 1 as one"})
    assert csv.text.splitlines() == ["one", "1"]


def test_sql_caps_the_rows(client):
    data = client.post("/api/sql", json={"query": "select * from votes", "max_rows": 7}).json()
    assert len(data["rows"]) == 7 and data["truncated"] is True
    assert client.post("/api/sql", json={"query": "select 1", "max_rows": 10_001}).status_code == 422


def test_sql_stops_a_query_that_runs_too_long(client):
    response = client.post("/api/sql", json={"query": "select count(*) from votes a, votes b"})
    assert response.status_code == 422
    assert response.json()["detail"] == "The SQL query ran longer than 2 s and was stopped."
    assert client.post("/api/sql", json={"query": "select count(*) from members"}).status_code == 200


@pytest.mark.parametrize("query", [
    "drop table votes", "delete from votes", "insert into members values ('X')", "update votes set vote = 'Y'",
    "create table t as select 1", "copy votes to '/tmp/votes.csv'", "attach '/tmp/x.duckdb'", "install httpfs",
    "set enable_external_access = true", "select 1; drop table votes", "pragma database_list",
])
def test_sql_refuses_anything_but_one_select(client, query):
    response = client.post("/api/sql", json={"query": query})
    assert response.status_code == 422
    assert response.json()["detail"] == "Only a single read-only SELECT query is allowed."


@pytest.mark.parametrize("query", [
    "select * from read_csv('/etc/passwd')", "select * from read_parquet('/work/*.parquet')", "select * from glob('/*')",
    "select * from read_text('/etc/hostname')", "select * from 'https://example.org/x.csv'",
])
def test_sql_refuses_files_and_network(client, query):
    response = client.post("/api/sql", json={"query": query})
    assert response.status_code == 422
    assert "disabled" in response.json()["detail"] or "failed" in response.json()["detail"]


@pytest.mark.parametrize("module", [app, views, charts, sql, worldmap], ids=lambda m: m.__name__)
def test_docstring_examples(module, record):
    result = doctest.testmod(module, extraglobs={"rec": record}, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0
