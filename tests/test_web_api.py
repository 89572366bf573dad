"""The explorer's JSON API and pages on the bundled record: facts of the record, and 4xx (never 5xx) on bad input."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from unvote.web.app import SECURITY_HEADERS, create_app


@pytest.fixture(scope="module")
def client(record) -> TestClient:
    return TestClient(create_app(record))


def test_decision_json_has_the_tally_and_the_rules_explanation(client):
    data = client.get("/api/decision/A/RES/69/188").json()
    assert (data["yes"], data["no"], data["abstain"]) == (116, 20, 53)
    assert data["rules"]["status"] == "adopted"
    assert data["undl_url"] == "https://digitallibrary.un.org/record/820106"
    assert sum(v["vote"] == "Y" for v in data["votes"]) == 116


def test_vetoed_draft_names_its_vetoers(client):
    data = client.get("/api/decision/S/2022/431").json()
    assert data["vetoed_by_names"] == ["China", "Russian Federation"]
    assert data["rules"]["vetoed_by"] == ["CHN", "RUS"]
    page = client.get("/decision/S/2022/431")
    assert "vetoed by China, Russian Federation" in page.text


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


def test_council_month_has_fifteen_members_and_a_president(client):
    data = client.get("/api/council/2022-05").json()
    assert len(data["members"]) == 15 and data["required"] == 9
    assert data["president"]["code"] == "USA"
    assert client.get("/api/council/1950-01").json()["required"] == 7


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
    ("get", "/api/member/CHN/votes?page=0", None, 422),
    ("get", "/api/member/CHN/votes?format=xml", None, 422),
    ("post", "/api/simulate", {"symbol": "S/2022/431", "votes": {"CHN": "maybe"}}, 422),
    ("post", "/api/simulate", {"symbol": "S/2022/431", "votes": {"DEU": "Y"}}, 422),
    ("post", "/api/simulate", {"symbol": "S/1/1", "votes": {}}, 404),
    ("post", "/api/simulate", {"votes": {}}, 422),
    ("get", "/simulate?symbol=S/2022/431&v_CHN=Q", None, 422),
])
def test_bad_input_gets_a_clear_4xx(client, method, url, body, status):
    response = client.request(method, url, json=body)
    assert response.status_code == status
    if url.startswith("/api"):
        message = response.json()["detail"]
        assert isinstance(message, str) and message.endswith(".") and "Traceback" not in message


def test_security_headers_on_pages_api_and_errors(client):
    for url in ("/", "/api/decision/S/2022/431", "/api/member/Narnia", "/static/style.css"):
        headers = client.get(url).headers
        for name, value in SECURITY_HEADERS.items():
            assert headers[name] == value


def test_pages_credit_the_sources_and_use_no_outside_assets(client):
    html = client.get("/decision/A/RES/69/188").text
    assert "© United Nations" in html and "CC0" in html
    assert "http://" not in html.replace("https://digitallibrary.un.org", "")
    assert "https://" not in html.replace("https://digitallibrary.un.org", "")


def test_openapi_lists_every_api_route(client):
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/api/search", "/api/decision/{symbol}", "/api/member/{name}", "/api/council/{month}",
            "/api/simulate"} <= set(paths)
