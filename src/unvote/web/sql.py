"""SQL from users, bounded: one read-only SELECT over the record, at most ``max_rows`` rows and ``seconds`` of time.

:meth:`unvote.record.Record.sql` already refuses anything but a single SELECT and runs it on a DuckDB connection with
external access disabled and its configuration locked (no files, no network). This adds what a public endpoint
needs on top: a row cap (one row more is fetched to tell the caller the answer was cut) and a time limit enforced by
``interrupt()`` from a timer thread (``Record.sql``'s ``timeout``).

>>> import unvote
>>> answer = run_limited(unvote.open(), "select symbol, yes from decisions where symbol = 'A/RES/69/188'")
>>> answer["columns"], answer["rows"], answer["truncated"]
(['symbol', 'yes'], [['A/RES/69/188', 116]], False)
"""

from __future__ import annotations

import datetime as dt
import time
from typing import Any

from unvote.errors import UserError
from unvote.record import Record

MAX_ROWS = 10_000
MAX_SECONDS = 2.0


def _cell(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return str(value)
    if isinstance(value, (bytes, bytearray)):
        return value.hex()
    if isinstance(value, (list, tuple)):
        return [_cell(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _cell(v) for k, v in value.items()}
    if isinstance(value, float) and value != value:  # NaN is not JSON
        return None
    return value


def run_limited(record: Record, query: str, max_rows: int = 1000, seconds: float = MAX_SECONDS) -> dict[str, Any]:
    """``{"columns", "rows", "truncated", "elapsed_ms"}`` for one SELECT, or :class:`UserError` if it is refused,
    fails, or runs longer than ``seconds``."""
    if not 1 <= max_rows <= MAX_ROWS:
        raise UserError(f"Ask for 1 to {MAX_ROWS} rows.")
    if "\x00" in query:
        raise UserError("The SQL contains a NUL character.")
    started = time.perf_counter()
    frame = record.sql(query, limit=max_rows + 1, timeout=seconds)
    elapsed = time.perf_counter() - started
    truncated = frame.height > max_rows
    rows = [[_cell(v) for v in row] for row in frame.head(max_rows).iter_rows()]
    return {"columns": frame.columns, "rows": rows, "truncated": truncated, "max_rows": max_rows,
            "elapsed_ms": round(elapsed * 1000, 1)}
