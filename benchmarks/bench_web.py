"""Loopback load test of the web explorer: requests/s and p50/p99 latency at 50 concurrent connections.

Starts a real ``unvote serve`` on a free port, then for each URL runs 50 concurrent httpx clients for a bounded time
(default 10 s each; the whole run stays under 30 s) and prints one line per URL.

    .venv/bin/python benchmarks/bench_web.py [--seconds 10] [--concurrency 50]
"""

from __future__ import annotations

import argparse
import asyncio
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx

URLS = ("/decision/A/RES/69/188", "/api/decision/A/RES/69/188")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(port: int) -> subprocess.Popen:
    script = Path(sys.executable).with_name("unvote")
    command = [str(script)] if script.exists() else [sys.executable, "-c", "from unvote.cli import app; app()"]
    process = subprocess.Popen(command + ["serve", "--port", str(port)])
    for _ in range(300):
        try:
            if httpx.get(f"http://127.0.0.1:{port}/openapi.json", timeout=1).status_code == 200:
                return process
        except httpx.TransportError:
            time.sleep(0.1)
    process.terminate()
    raise SystemExit("unvote serve did not start")


async def load(base: str, path: str, seconds: float, concurrency: int) -> tuple[int, int, list[float], float]:
    """Requests done, failures, latencies (s) and elapsed time for ``concurrency`` workers hitting ``path``."""
    latencies: list[float] = []
    failures = 0
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30) as client:
        await client.get(path)  # warm the caches before timing
        stop = time.perf_counter() + seconds

        async def worker() -> None:
            nonlocal failures
            while time.perf_counter() < stop:
                t0 = time.perf_counter()
                response = await client.get(path)
                latencies.append(time.perf_counter() - t0)
                failures += response.status_code != 200

        start = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        return len(latencies), failures, latencies, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10.0, help="seconds of load per URL")
    parser.add_argument("--concurrency", type=int, default=50)
    args = parser.parse_args()
    port = free_port()
    server = start_server(port)
    try:
        for path in URLS:
            n, failed, lat, elapsed = asyncio.run(load(f"http://127.0.0.1:{port}", path, args.seconds, args.concurrency))
            q = statistics.quantiles(lat, n=100)
            print(f"{path:32s} {n / elapsed:7.1f} req/s  p50 {q[49] * 1000:6.1f} ms  p99 {q[98] * 1000:6.1f} ms  "
                  f"({n} requests, {failed} not 200, {args.concurrency} connections)")
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
