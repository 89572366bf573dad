"""Schemathesis drives every /api operation from the OpenAPI document with generated input: never a 5xx.

``POST /api/forecast`` is left out: each valid draft refits the forecaster (seconds of CPU), so generated drafts would
take minutes; its validation is tested case by case in test_web_api.py.
"""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, settings

import unvote
from unvote.web.app import create_app

schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(unvote.open())).exclude(path="/api/forecast")


@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_never_answers_5xx(case):
    response = case.call()
    assert response.status_code < 500, f"{case.method} {case.formatted_path}: {response.status_code} {response.text[:200]}"
    if response.status_code >= 400:
        assert isinstance(response.json()["detail"], str)
