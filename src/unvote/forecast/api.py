"""The Python face of forecasting: one call from a draft to the member table and the outcome."""

from __future__ import annotations

import datetime as dt
import json
import threading
import tomllib
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from unvote.errors import UserError
from unvote.forecast.draft import Draft
from unvote.forecast.model import Forecaster, record_key
from unvote.forecast.outcome import OutcomeForecast, explained, forecast_outcome
from unvote.record import Record


@dataclass(frozen=True)
class Forecast:
    """A draft, each member's vote probabilities (with names), and the outcome forecast."""

    draft: Draft
    members: pl.DataFrame
    outcome: OutcomeForecast
    model_version: str
    seed: int

    def to_dict(self) -> dict:
        return {"draft": self.draft.to_dict(), "model_version": self.model_version, "seed": self.seed,
                "members": self.members.to_dicts(), "outcome": self.outcome.to_dict()}


_FITTED: OrderedDict[tuple[str, dt.date, int], Forecaster] = OrderedDict()
_FITTED_LOCK = threading.Lock()
FITTED_CACHE_SIZE = 16  # fitted models kept (about 12 MB each); the web and the article checker ask for few dates


def fitted_model(rec: Record, until: dt.date, seed: int = 20231) -> Forecaster:
    """The forecaster fitted on every decision before ``until``, fitted once per (record, cut-off, seed) and kept.

    A fit is deterministic, so a kept model forecasts exactly what a fresh one would; the faces (web explorer,
    article checker) forecast many drafts on a few dates and would otherwise refit for each.

    >>> fitted_model(rec, dt.date(2022, 5, 27)) is fitted_model(rec, dt.date(2022, 5, 27))
    True
    """
    key = (record_key(rec), until, seed)
    with _FITTED_LOCK:
        if key in _FITTED:
            _FITTED.move_to_end(key)
            return _FITTED[key]
    model = Forecaster(seed=seed).fit(rec, until=until)  # outside the lock: a fit takes seconds
    with _FITTED_LOCK:
        _FITTED[key] = model
        while len(_FITTED) > FITTED_CACHE_SIZE:
            _FITTED.popitem(last=False)
    return model


def forecast_draft(rec: Record, draft: Draft, seed: int = 20231) -> Forecast:
    """Fit on everything before the draft's date (or reuse that fit, see :func:`fitted_model`) and forecast it.

    >>> forecast_draft(rec, draft_like(rec, "S/2022/431")).outcome.p_vetoed > 0.5
    True
    """
    model = fitted_model(rec, draft.date, seed)
    probs = model.predict_proba(draft)
    result = forecast_outcome(draft, probs, seed=seed)
    result = explained(draft, result, probs, model.previous_votes(draft, probs["member"].to_list()), rec.name_of)
    names = probs.with_columns(pl.col("member").map_elements(rec.name_of, return_dtype=pl.String).alias("name"))
    return Forecast(draft, names.sort("p_yes"), result, Forecaster.version, seed)


def read_draft_file(path: Path) -> Draft:
    """A draft from a TOML or JSON file with the fields of :class:`Draft`."""
    try:
        text = Path(path).read_text()
        data = tomllib.loads(text) if Path(path).suffix == ".toml" else json.loads(text)
    except (OSError, ValueError) as error:
        raise UserError(f"Cannot read the draft file {path}: {error}.") from None
    allowed = set(Draft.__dataclass_fields__)
    unknown = set(data) - allowed
    if unknown:
        raise UserError(f"The draft file {path} has unknown fields: {', '.join(sorted(unknown))}.")
    return Draft(**data)
