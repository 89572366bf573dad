"""Schemathesis drives every /api operation from the OpenAPI document with generated input: never a 5xx."""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, settings

import unvote
from unvote.web.app import create_app

schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(unvote.open()))


@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_never_answers_5xx(case):
    response = case.call()
    assert response.status_code < 500, f"{case.method} {case.formatted_path}: {response.status_code} {response.text[:200]}"
    if response.status_code >= 400:
        assert isinstance(response.json()["detail"], str)
