"""The web explorer: HTML pages over :mod:`unvote.web.views`, each with a JSON twin under ``/api``.

>>> from fastapi.testclient import TestClient
>>> TestClient(create_app()).get("/api/decision/A/RES/69/188").json()["yes"]
116
"""

from __future__ import annotations

import datetime as dt
import json
import re
import threading
from collections import OrderedDict
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal, Optional
from urllib.parse import parse_qs

from fastapi import FastAPI, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from unvote.errors import NotFound, UserError
from unvote.record import Record
from unvote.web import charts, views, worldmap
from unvote.web.sql import MAX_ROWS, run_limited

HERE = Path(__file__).resolve().parent
SECURITY_HEADERS = {
    # Everything the pages use is served by the package itself: no CDN, no inline script or style.
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}
_RAW_HEADERS = [(k.lower().encode(), v.encode()) for k, v in SECURITY_HEADERS.items()]
Vote = Literal["Y", "N", "A", "X"]
MAX_BODY_BYTES = 1_000_000  # an article of 100,000 characters, urlencoded, is at most ~900 kB


class Simulation(BaseModel):
    """A decision (or, for the Council, a date) and the votes to change: member code -> Y, N, A or X."""

    symbol: Optional[str] = Field(None, min_length=1, max_length=80, examples=["S/2022/431"])
    date: Optional[str] = Field(None, min_length=4, max_length=10, examples=["2022-05-26"],
                                description="A draft on this date (every member yes unless changed), without symbol")
    body: Literal["SC", "GA"] = Field("SC", description="The body of a draft given by date")
    votes: dict[str, Vote] = Field(default_factory=dict, max_length=200, examples=[{"CHN": "A"}])


class DraftIn(BaseModel):
    """A draft put to the vote, described by what is known before it: the forecaster's input."""

    body: Literal["GA", "SC"] = Field(..., examples=["SC"])
    date: str = Field(..., min_length=4, max_length=10, examples=["2022-05-27"])
    title: str = Field("", max_length=views.MAX_DRAFT_TEXT)
    agenda: str = Field("", max_length=views.MAX_DRAFT_TEXT,
                        examples=["Non-proliferation/Democratic People’s Republic of Korea"])
    sponsors: list[str] = Field(default_factory=list, max_length=200, examples=[["USA"]])
    previous: str = Field("", max_length=80, examples=["S/2022/431"])
    issues: list[Literal[tuple(views.ISSUES)]] = Field(default_factory=list, max_length=len(views.ISSUES))
    kind: Literal[views.FORECAST_KINDS] = "resolution"
    important: bool = False


class Article(BaseModel):
    """An article to check: plain text or HTML, and its publication date when the text does not carry one."""

    text: str = Field(..., min_length=1, max_length=views.MAX_ARTICLE)
    date: Optional[str] = Field(None, max_length=10, examples=["2022-05-26"])


class SqlQuery(BaseModel):
    """One read-only SELECT over the tables decisions, votes, members, member_names, sc_seats, quality."""

    query: str = Field(..., min_length=1, max_length=10_000, examples=["select count(*) from votes"])
    max_rows: int = Field(1000, ge=1, le=MAX_ROWS)


class SecurityHeaders:
    """Pure ASGI middleware adding :data:`SECURITY_HEADERS` to every response (cheaper than BaseHTTPMiddleware)."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = list(message.get("headers", [])) + _RAW_HEADERS
            await send(message)

        await self.app(scope, receive, send_with_headers)


class BodyLimit:
    """Pure ASGI middleware refusing request bodies over ``MAX_BODY_BYTES`` (413) before anything reads them."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] == "http":
            length = dict(scope.get("headers", [])).get(b"content-length", b"0")
            if not length.isdigit() or int(length) > MAX_BODY_BYTES:
                message = f"The request body is over {MAX_BODY_BYTES // 1000} kB; check an article in parts."
                response = JSONResponse({"detail": message}, status_code=413)
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)


class BytesCache:
    """A bounded LRU of rendered responses; a miss is computed in the thread pool so the event loop never blocks on it.

    The record is read-only, so a decision's page never changes; errors are not cached. Only the event loop reads and
    writes ``items`` (the thread pool only computes), so they need no lock.
    """

    def __init__(self, compute: Callable[[str], bytes], size: int = 512) -> None:
        self.compute, self.size = compute, size
        self.items: OrderedDict[str, bytes] = OrderedDict()

    async def get(self, key: str) -> bytes:
        hit = self.items.get(key)
        if hit is not None:
            self.items.move_to_end(key)
            return hit
        value = await run_in_threadpool(self.compute, key)
        self.items[key] = value
        if len(self.items) > self.size:
            self.items.popitem(last=False)
        return value


def csv_response(rows: list[dict[str, Any]], filename: str) -> Response:
    return PlainTextResponse(views.rows_as_csv(rows), media_type="text/csv",
                             headers={"Content-Disposition": f'attachment; filename="{filename}"'})


def create_app(record: Optional[Record] = None) -> FastAPI:
    """The explorer over ``record`` (the bundled snapshot when None); serve it with uvicorn or ``unvote serve``."""
    if record is None:
        import unvote

        record = unvote.open()
    app = FastAPI(title="unvote", summary="How the United Nations decides, on the real record of its votes.",
                  docs_url=None, redoc_url=None)
    app.add_middleware(BodyLimit)
    app.add_middleware(SecurityHeaders)  # added last, so outermost: the headers go on the 413 too
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    templates.env.globals["vote_words"] = views.VOTE_WORDS
    templates.env.globals["issues"] = views.ISSUES
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    def decision_data(symbol: str) -> dict[str, Any]:
        data = views.decision_view(record, symbol)
        votes = {v["member"]: v["vote"] for v in data["votes"]}
        names = {v["member"]: v["name"] for v in data["votes"]}
        data["map"] = worldmap.map_view(votes, dt.date.fromisoformat(data["date"]), names) if votes else None
        return data

    # A forecast for a new date fits the model on the record before it (seconds of CPU; forecast.api keeps the fit):
    # one at a time, so two requests for one date fit once, and the recent answers kept for reloads.
    forecast_lock = threading.Lock()

    @lru_cache(maxsize=256)
    def forecast(body: str, date: str, title: str, agenda: str, sponsors: tuple[str, ...], previous: str,
                 issues: tuple[str, ...], kind: str, important: bool) -> dict[str, Any]:
        with forecast_lock:
            return views.forecast_view(record, body, date, title, agenda, sponsors, previous, issues, kind, important)

    decision_json = BytesCache(lambda symbol: json.dumps(decision_data(symbol)).encode())
    decision_html = BytesCache(lambda symbol: templates.get_template("decision.html").render(
        d=decision_data(symbol)).encode())

    def page(request: Request, name: str, context: dict[str, Any], status: int = 200) -> HTMLResponse:
        return templates.TemplateResponse(request, name, context, status_code=status)

    def error(request: Request, status: int, message: str) -> Response:
        if request.url.path.startswith("/api/") or request.url.path == "/openapi.json":
            return JSONResponse({"detail": message}, status_code=status)
        return page(request, "error.html", {"status": status, "message": message}, status)

    @app.exception_handler(UserError)
    async def user_error(request: Request, exc: UserError) -> Response:
        return error(request, 404 if isinstance(exc, NotFound) else 422, str(exc))

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError) -> Response:
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(p) for p in first.get("loc", ()) if p != "body")
        return error(request, 422, f"Bad value for {where or 'the request'}: {first.get('msg', 'invalid')}.")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        message = "No such page." if exc.status_code == 404 else f"{exc.detail}."
        return error(request, exc.status_code, message)

    # --- JSON ----------------------------------------------------------------------------------------------------
    @app.get("/api/search", tags=["api"], response_model=None)
    def api_search(q: str = Query(..., min_length=1, max_length=200), limit: int = Query(20, ge=1, le=200),
                   page: int = Query(1, ge=1, le=5000), format: Literal["json", "csv"] = "json") -> dict | Response:
        """Decisions whose title, symbol or agenda hold every word of ``q`` (newest first, ``limit`` a page; ``more``
        says whether another page follows), and members named like it."""
        data = views.search_view(record, q, limit, page)
        return csv_response(data["decisions"], "search.csv") if format == "csv" else data

    @app.get("/api/decision/{symbol:path}", tags=["api"], response_class=JSONResponse)
    async def api_decision(symbol: str, format: Literal["json", "csv"] = "json") -> Response:
        """A decision, its votes, the rules' outcome with the explanation, and the world map's vote by shape
        (``format=csv``: the member votes as CSV)."""
        if format == "csv":
            data = await run_in_threadpool(views.decision_view, record, symbol)
            return csv_response(data["votes"], re.sub(r"[^A-Za-z0-9._-]+", "_", data["label"]) + "-votes.csv")
        return Response(await decision_json.get(symbol), media_type="application/json")

    @app.get("/api/member/{name}/votes", tags=["api"], response_model=None)
    def api_member_votes(name: str, page: int = Query(1, ge=1, le=100_000), per_page: int = Query(50, ge=1, le=500),
                         format: Literal["json", "csv"] = "json") -> dict | Response:
        """One page of a member's votes, newest first (``format=csv`` for a CSV download)."""
        data = views.member_votes(record, name, page, per_page)
        return csv_response(data["rows"], f"{data['member']}-votes.csv") if format == "csv" else data

    @app.get("/api/member/{name}/votes-by-year", tags=["api"], response_model=None)
    def api_member_votes_by_year(name: str, format: Literal["json", "csv"] = "json") -> dict | Response:
        """A member's General Assembly votes counted by year: yes, no, abstain, did not vote, and the yes share."""
        data = views.votes_by_year(record, name)
        return csv_response(data["rows"], f"{data['member']}-votes-by-year.csv") if format == "csv" else data

    @app.get("/api/member/{name}/agreement", tags=["api"], response_model=None)
    def api_member_agreement(name: str, partner: list[str] = Query([], max_length=views.MAX_PARTNERS),
                             measure: Literal["voeten", "identical", "kappa"] = "voeten",
                             format: Literal["json", "csv"] = "json") -> dict | Response:
        """Yearly General Assembly agreement with the permanent members and up to eight chosen partners."""
        data = views.agreement_view(record, name, tuple(partner), measure)
        if format == "csv":
            rows = [{"member": data["member"], "other": s["member"], **p} for s in data["series"] for p in s["points"]]
            return csv_response(rows, f"{data['member']}-agreement.csv")
        return data

    @app.get("/api/member/{name}/ideal-points", tags=["api"], response_model=None)
    def api_member_ideal_points(name: str, format: Literal["json", "csv"] = "json") -> dict | Response:
        """A member's General Assembly ideal point per session, with its interval."""
        data = views.ideal_points_view(record, name)
        return csv_response(data["rows"], f"{data['member']}-ideal-points.csv") if format == "csv" else data

    @app.get("/api/member/{name}/council", tags=["api"])
    def api_member_council(name: str) -> dict:
        """A member's Security Council terms and the months it presided."""
        return views.council_terms(record, name)

    @app.get("/api/member/{name}", tags=["api"])
    def api_member(name: str) -> dict:
        """A member by code or any name it has had, with a summary of its votes."""
        return views.member_view(record, name)

    @app.get("/api/council/{month}", tags=["api"])
    def api_council(month: str) -> dict:
        """The Security Council in a month (YYYY-MM): members, president, votes required."""
        return views.council_view(month)

    @app.get("/api/vetoes", tags=["api"], response_model=None)
    def api_vetoes(member: str = Query("", max_length=80), decade: Optional[int] = Query(None, ge=1940, le=2090),
                   page: int = Query(1, ge=1, le=100_000), per_page: int = Query(50, ge=1, le=500),
                   format: Literal["json", "csv"] = "json") -> dict | Response:
        """The veto history, newest first, optionally one member's or one decade's, with counts by member."""
        data = views.vetoes_view(record, member, decade, page, per_page)
        if format == "csv":
            rows = [{**r, "vetoed_by": " ".join(r["vetoed_by"]), "vetoed_by_names": "; ".join(r["vetoed_by_names"])}
                    for r in data["rows"]]
            return csv_response(rows, "vetoes.csv")
        return data

    @app.post("/api/simulate", tags=["api"])
    def api_simulate(simulation: Simulation) -> dict:
        """Change some members' votes on a decision (or on a Council draft of a date) and see what the rules make of it."""
        return views.simulate_view(record, simulation.symbol, simulation.votes, simulation.date, simulation.body)

    @app.post("/api/forecast", tags=["api"])
    def api_forecast(draft: DraftIn) -> dict:
        """Each member's vote probabilities and the outcome probabilities for a described draft."""
        return forecast(draft.body, draft.date, draft.title, draft.agenda, tuple(draft.sponsors), draft.previous,
                        tuple(draft.issues), draft.kind, draft.important)

    @app.post("/api/check", tags=["api"])
    def api_check(article: Article) -> dict:
        """Each checkable statement of an article with its verdict against the record and the evidence."""
        return views.check_view(record, article.text, article.date)

    @app.post("/api/sql", tags=["api"], response_model=None)
    def api_sql(sql: SqlQuery, format: Literal["json", "csv"] = "json") -> dict | Response:
        """One read-only SELECT (DuckDB) over the record, at most ``max_rows`` rows and two seconds."""
        data = run_limited(record, sql.query, sql.max_rows)
        if format == "csv":
            return csv_response([dict(zip(data["columns"], row)) for row in data["rows"]], "query.csv")
        return data

    @app.get("/map/world.svg", include_in_schema=False)
    def world_map() -> Response:
        return Response(worldmap.base_svg(), media_type="image/svg+xml",
                        headers={"Cache-Control": "public, max-age=86400"})

    # --- pages ---------------------------------------------------------------------------------------------------
    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def home(request: Request, q: str = Query("", max_length=200), page_number: int = Query(1, ge=1, le=100, alias="page")):
        results = views.search_view(record, q, 50, page_number) if q.strip() else None
        return page(request, "home.html", {"q": q, "results": results})

    @app.get("/decision/{symbol:path}", response_class=HTMLResponse, include_in_schema=False)
    async def decision_page(symbol: str):
        return HTMLResponse(await decision_html.get(symbol))

    @lru_cache(maxsize=256)
    def member_data(name: str, partners: tuple[str, ...]) -> dict[str, Any]:
        """Everything on a member page but the page of votes: the same for every visit (the record is read-only)."""
        by_year = views.votes_by_year(record, name)
        agreement = views.agreement_view(record, name, partners)
        ideal = views.ideal_points_view(record, name)
        return {
            "m": views.member_view(record, name), "by_year": by_year, "agreement": agreement, "ideal": ideal,
            "council": views.council_terms(record, name), "partners": ", ".join(agreement["partners"]),
            "year_chart": charts.line_chart({"yes share": [(r["year"], r["yes_share"]) for r in by_year["rows"]
                                                           if r["yes_share"] is not None]}, y_range=(0.0, 1.0)),
            "agreement_chart": charts.line_chart({s["member"]: [(p["year"], p["value"]) for p in s["points"]]
                                                  for s in agreement["series"]}, y_range=(0.0, 1.0)),
            "ideal_chart": charts.line_chart({"ideal point": [(r["session"], r["ideal_point"]) for r in ideal["rows"]]},
                                             bands={"interval": [(r["session"], r["lower"], r["upper"])
                                                                 for r in ideal["rows"]]}),
        }

    @app.get("/member/{name}", response_class=HTMLResponse, include_in_schema=False)
    def member_page(request: Request, name: str, page_number: int = Query(1, ge=1, le=100_000, alias="page"),
                    partner: list[str] = Query([], max_length=views.MAX_PARTNERS)):
        # The form sends partners as one comma-separated field; links and the API repeat ?partner=.
        partners = tuple(p.strip() for field in partner for p in field.split(",") if p.strip())
        return page(request, "member.html", {**member_data(name, partners),
                                             "votes": views.member_votes(record, name, page_number, 50)})

    @app.get("/council", include_in_schema=False)
    def council_default(month: str = Query("", max_length=20)):
        return RedirectResponse(f"/council/{month.strip() or '2022-05'}", status_code=303)

    @app.get("/council/{month}", response_class=HTMLResponse, include_in_schema=False)
    def council_page(request: Request, month: str, member: str = Query("", max_length=80),
                     decade: str = Query("", max_length=4), page_number: int = Query(1, ge=1, le=100_000, alias="page")):
        if decade.strip() and not decade.strip().isdigit():
            raise UserError(f"A decade is written like 1940 or 2010, not {decade!r}.")
        vetoes = views.vetoes_view(record, member, int(decade) if decade.strip() else None, page_number, 25)
        return page(request, "council.html", {"c": views.council_view(month), "v": vetoes,
                                              "filter_member": member, "filter_decade": decade})

    @app.get("/simulate", response_class=HTMLResponse, include_in_schema=False)
    def simulate_page(request: Request, symbol: str = Query("", max_length=80), date: str = Query("", max_length=10),
                      body: Literal["SC", "GA"] = "SC"):
        if not symbol.strip() and not date.strip():
            return page(request, "simulate.html", {"s": None, "symbol": "", "date": "", "body": body})
        changes = {k[2:]: v for k, v in request.query_params.items() if k.startswith("v_")}
        s = views.simulate_view(record, symbol or None, changes, date or None, body)
        return page(request, "simulate.html", {"s": s, "symbol": symbol, "date": date, "body": body})

    @app.get("/forecast", response_class=HTMLResponse, include_in_schema=False)
    def forecast_page(request: Request, body: str = Query("", max_length=2), date: str = Query("", max_length=10),
                      title: str = Query("", max_length=views.MAX_DRAFT_TEXT),
                      agenda: str = Query("", max_length=views.MAX_DRAFT_TEXT),
                      sponsors: str = Query("", max_length=2000), previous: str = Query("", max_length=80),
                      issue: list[str] = Query([], max_length=len(views.ISSUES)),
                      kind: str = Query("resolution", max_length=20), important: bool = False):
        form = {"body": body, "date": date, "title": title, "agenda": agenda, "sponsors": sponsors,
                "previous": previous, "issue": issue, "kind": kind, "important": important}
        result = None
        if body.strip() or date.strip():
            result = forecast(body, date, title, agenda, tuple(s.strip() for s in sponsors.split(",") if s.strip()),
                              previous, tuple(issue), kind, important)
        return page(request, "forecast.html", {"f": result, "form": form, "kinds": views.FORECAST_KINDS})

    @app.get("/check", response_class=HTMLResponse, include_in_schema=False)
    def check_form(request: Request):
        return page(request, "check.html", {"r": None, "text": "", "date": ""})

    @app.post("/check", response_class=HTMLResponse, include_in_schema=False)
    async def check_page(request: Request):
        # An urlencoded form, read by hand: FastAPI's Form() needs python-multipart, which the project does not ship.
        raw = await request.body()
        if len(raw) > MAX_BODY_BYTES:
            raise UserError(f"The article is longer than {views.MAX_ARTICLE:,} characters; check it in parts.")
        fields = parse_qs(raw.decode("utf-8", errors="replace"), max_num_fields=10)
        text, date = fields.get("text", [""])[0], fields.get("date", [""])[0]
        report = await run_in_threadpool(views.check_view, record, text, date)
        return page(request, "check.html", {"r": report, "text": text, "date": date})

    @app.get("/sql", response_class=HTMLResponse, include_in_schema=False)
    def sql_page(request: Request, q: str = Query("", max_length=10_000)):
        result = run_limited(record, q, 200) if q.strip() else None
        return page(request, "sql.html", {"q": q, "result": result})

    return app
