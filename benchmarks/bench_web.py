"""Loopback load test of the web explorer: requests/s and p50/p99 latency at 50 concurrent connections.

Starts a real ``unvote serve`` on a free loopback port, then for each URL keeps ``--concurrency`` keep-alive
connections busy for ``--seconds`` (bounded in time and count; the whole run stays well under 60 s) and prints one line
per URL and client.

Two clients, so that the figures say something about the server and not the client: ``raw`` is a minimal HTTP/1.1
client on asyncio streams (a few microseconds of client work per request), ``httpx`` is httpx.AsyncClient (about a
millisecond of client work per request, which on a 2-core machine shared with the server caps the rate it can measure).

    .venv/bin/python benchmarks/bench_web.py [--seconds 8] [--concurrency 50] [--client raw|httpx|both]
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
MAX_REQUESTS = 200_000  # a hard bound on the number of requests per URL, whatever the rate


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


async def _raw_get(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, request: bytes) -> int:
    """One keep-alive GET on an open connection; the status code (the body is read and dropped)."""
    writer.write(request)
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head[9:12])
    length = 0
    for line in head.split(b"\r\n"):
        if line[:15].lower() == b"content-length:":
            length = int(line[15:])
    await reader.readexactly(length)
    return status


async def load_raw(port: int, path: str, seconds: float, concurrency: int) -> tuple[int, int, list[float], float]:
    """Requests done, failures, latencies (s) and elapsed time, with ``concurrency`` raw keep-alive connections."""
    request = f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode()
    latencies: list[float] = []
    failures = 0
    connections = [await asyncio.open_connection("127.0.0.1", port, limit=2**22) for _ in range(concurrency)]
    await _raw_get(*connections[0], request)  # warm the caches before timing
    stop = time.perf_counter() + seconds

    async def worker(reader, writer) -> None:
        nonlocal failures
        while time.perf_counter() < stop and len(latencies) < MAX_REQUESTS:
            t0 = time.perf_counter()
            status = await _raw_get(reader, writer, request)
            latencies.append(time.perf_counter() - t0)
            failures += status != 200

    start = time.perf_counter()
    await asyncio.gather(*(worker(r, w) for r, w in connections))
    elapsed = time.perf_counter() - start
    for _, writer in connections:
        writer.close()
    return len(latencies), failures, latencies, elapsed


async def load_httpx(port: int, path: str, seconds: float, concurrency: int) -> tuple[int, int, list[float], float]:
    """The same with httpx.AsyncClient."""
    latencies: list[float] = []
    failures = 0
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", limits=limits, timeout=30) as client:
        await client.get(path)
        stop = time.perf_counter() + seconds

        async def worker() -> None:
            nonlocal failures
            while time.perf_counter() < stop and len(latencies) < MAX_REQUESTS:
                t0 = time.perf_counter()
                response = await client.get(path)
                latencies.append(time.perf_counter() - t0)
                failures += response.status_code != 200

        start = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        return len(latencies), failures, latencies, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=8.0, help="seconds of load per URL and client")
    parser.add_argument("--concurrency", type=int, default=50)
    parser.add_argument("--client", choices=("raw", "httpx", "both"), default="both")
    parser.add_argument("--port", type=int, default=None,
                        help="load a server already listening on this loopback port instead of starting one")
    args = parser.parse_args()
    port = args.port or free_port()
    server = None if args.port else start_server(port)
    clients = {"raw": load_raw, "httpx": load_httpx}
    chosen = ("raw", "httpx") if args.client == "both" else (args.client,)
    rates: dict[tuple[str, str], float] = {}
    try:
        for path in URLS:
            for name in chosen:
                n, failed, lat, elapsed = asyncio.run(clients[name](port, path, args.seconds, args.concurrency))
                q = statistics.quantiles(lat, n=100)
                rates[path, name] = n / elapsed
                print(f"{path:28s} {name:5s} {n / elapsed:7.1f} req/s  p50 {q[49] * 1000:6.1f} ms  "
                      f"p99 {q[98] * 1000:6.1f} ms  ({n} requests, {failed} not 200, {args.concurrency} connections)",
                      flush=True)
        if len(chosen) == 2:
            for path in URLS:
                ratio = rates[path, "raw"] / rates[path, "httpx"]
                print(f"{path:28s} the raw client measured {ratio:.1f}x the rate httpx did: "
                      "the difference is client CPU, not the server")
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=10)


if __name__ == "__main__":
    main()
