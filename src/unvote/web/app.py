"""The web explorer: HTML pages over :mod:`unvote.web.views`, each with a JSON twin under ``/api``.

>>> from fastapi.testclient import TestClient
>>> TestClient(create_app()).get("/api/decision/A/RES/69/188").json()["yes"]
116
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any, Literal, Optional

from fastapi import FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from pydantic import BaseModel, Field

from unvote.errors import NotFound, UserError
from unvote.record import Record
from unvote.web import views

HERE = Path(__file__).resolve().parent
SECURITY_HEADERS = {
    # Everything the pages use is served by the package itself: no CDN, no inline script or style.
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}
Vote = Literal["Y", "N", "A", "X"]


class Simulation(BaseModel):
    """A decision and the votes to change: member code -> Y, N, A or X."""

    symbol: str = Field(..., min_length=1, max_length=80, examples=["S/2022/431"])
    votes: dict[str, Vote] = Field(default_factory=dict, examples=[{"CHN": "A"}])


def create_app(record: Optional[Record] = None) -> FastAPI:
    """The explorer over ``record`` (the bundled snapshot when None); serve it with uvicorn or ``unvote serve``."""
    if record is None:
        import unvote

        record = unvote.open()
    app = FastAPI(title="unvote", summary="How the United Nations decides, on the real record of its votes.",
                  docs_url=None, redoc_url=None)
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    templates.env.globals["vote_words"] = views.VOTE_WORDS
    # The record is read-only, so a decision's view never changes: keep the recent ones (errors are not cached).
    decision_view = lru_cache(maxsize=2048)(lambda symbol: views.decision_view(record, symbol))
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    def page(request: Request, name: str, context: dict[str, Any], status: int = 200) -> HTMLResponse:
        return templates.TemplateResponse(request, name, context, status_code=status)

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        response = await call_next(request)
        response.headers.update(SECURITY_HEADERS)
        return response

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

    # --- JSON ----------------------------------------------------------------------------------------------------
    @app.get("/api/search", tags=["api"])
    def api_search(q: str = Query(..., min_length=1, max_length=200), limit: int = Query(20, ge=1, le=200)) -> dict:
        """Decisions whose title, symbol or agenda hold every word of ``q``, and members named like it."""
        return views.search_view(record, q, limit)

    @app.get("/api/decision/{symbol:path}", tags=["api"], response_class=JSONResponse)
    def api_decision(symbol: str) -> JSONResponse:
        """A decision, its votes and the rules' outcome with the explanation."""
        return JSONResponse(decision_view(symbol))

    @app.get("/api/member/{name}/votes", tags=["api"], response_model=None)
    def api_member_votes(name: str, page: int = Query(1, ge=1, le=100_000), per_page: int = Query(50, ge=1, le=500),
                         format: Literal["json", "csv"] = "json") -> dict | Response:
        """One page of a member's votes, newest first (``format=csv`` for a CSV download)."""
        data = views.member_votes(record, name, page, per_page)
        if format == "csv":
            return PlainTextResponse(views.rows_as_csv(data["rows"]), media_type="text/csv",
                                     headers={"Content-Disposition": f'attachment; filename="{data["member"]}-votes.csv"'})
        return data

    @app.get("/api/member/{name}", tags=["api"])
    def api_member(name: str) -> dict:
        """A member by code or any name it has had, with a summary of its votes."""
        return views.member_view(record, name)

    @app.get("/api/council/{month}", tags=["api"])
    def api_council(month: str) -> dict:
        """The Security Council in a month (YYYY-MM): members, president, votes required."""
        return views.council_view(month)

    @app.post("/api/simulate", tags=["api"])
    def api_simulate(simulation: Simulation) -> dict:
        """Change some members' votes on a decision and see what the rules make of it."""
        return views.simulate_view(record, simulation.symbol, simulation.votes)

    # --- pages ---------------------------------------------------------------------------------------------------
    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def home(request: Request, q: str = Query("", max_length=200)):
        results = views.search_view(record, q) if q.strip() else None
        return page(request, "home.html", {"q": q, "results": results})

    @lru_cache(maxsize=512)
    def decision_html(symbol: str) -> str:
        return templates.get_template("decision.html").render(d=decision_view(symbol), **templates.env.globals)

    @app.get("/decision/{symbol:path}", response_class=HTMLResponse, include_in_schema=False)
    def decision_page(symbol: str):
        return HTMLResponse(decision_html(symbol))

    @app.get("/member/{name}", response_class=HTMLResponse, include_in_schema=False)
    def member_page(request: Request, name: str, page_number: int = Query(1, ge=1, le=100_000, alias="page")):
        return page(request, "member.html", {"m": views.member_view(record, name),
                                             "votes": views.member_votes(record, name, page_number, 50)})

    @app.get("/council", include_in_schema=False)
    def council_default(month: str = Query("", max_length=20)):
        return RedirectResponse(f"/council/{month.strip() or '2022-05'}", status_code=303)

    @app.get("/council/{month}", response_class=HTMLResponse, include_in_schema=False)
    def council_page(request: Request, month: str):
        return page(request, "council.html", {"c": views.council_view(month)})

    @app.get("/simulate", response_class=HTMLResponse, include_in_schema=False)
    def simulate_page(request: Request, symbol: str = Query("", max_length=80)):
        if not symbol.strip():
            return page(request, "simulate.html", {"s": None, "symbol": ""})
        changes = {k[2:]: v for k, v in request.query_params.items() if k.startswith("v_")}
        return page(request, "simulate.html", {"s": views.simulate_view(record, symbol, changes), "symbol": symbol})

    return app
