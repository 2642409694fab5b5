"""Benchmark: many researchers at once on a served database.

Clients, each a thread, request what a researcher's browser requests: a dashboard page and the
SQL of each of its charts (datasette-dashboards fetches chart data as JSON), and the compare
query. They run against a real ``wstextract serve`` process for a fixed time; the result is
every request's latency and every error. A benchmark, printed by ``wstextract bench-serve``:
no test asserts a latency.
"""

from __future__ import annotations

import contextlib
import re
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from . import errors, serve

# the explorer as a researcher first opens it from the home page, and the compare query's example
EXPLORER = {"metric": "cse_incidents", "category": "total", "unit": "count"}
COMPARE = "/{db}/compare_metric.json?metric=cse_incidents&category=total&unit=count&_shape=array"


@dataclass(frozen=True)
class Request:
    kind: str  # what a researcher is doing: "dashboard headline", "chart", "compare"
    path: str


def fill_optional_clauses(query: str, params: dict[str, str]) -> str:
    """``[[ and metric = :metric ]]`` kept when ``metric`` is given, dropped when not: what
    datasette-dashboards does before it sends a chart's SQL."""

    def keep(m: re.Match) -> str:
        return m[1] if all(p in params for p in re.findall(r":(\w+)", m[1])) else ""

    return re.sub(r"\[\[(.*?)\]\]", keep, query)


def requests_for(db_path: Path) -> list[Request]:
    """Every dashboard page with the SQL of its charts and filters, then the compare query."""
    name = db_path.stem
    dashboards = serve.build_metadata(db_path)["plugins"]["datasette-dashboards"]
    found = []
    for slug, dashboard in dashboards.items():
        params = EXPLORER if dashboard.get("filters") else {}
        query_string = "?" + urllib.parse.urlencode(params) if params else ""
        found.append(Request(f"dashboard {slug}", f"/-/dashboards/{slug}{query_string}"))
        for chart in dashboard.get("charts", {}).values():
            sql = fill_optional_clauses(chart["query"], params)
            found.append(
                Request(
                    "chart",
                    f"/{chart['db']}.json?"
                    + urllib.parse.urlencode({"sql": sql, **params, "_shape": "array"}),
                )
            )
    found.append(Request("compare", COMPARE.format(db=name)))
    return found


@dataclass
class Outcome:
    latencies: dict[str, list[float]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def count(self) -> int:
        return sum(map(len, self.latencies.values()))

    def percentile(self, kind: str | None, p: int) -> float:
        """The ``p``-th percentile latency in seconds, of one kind of request or of all."""
        values = self.latencies[kind] if kind else [v for vs in self.latencies.values() for v in vs]
        if p >= 100 or len(values) < 2:
            return max(values, default=0.0)
        return statistics.quantiles(values, n=100, method="inclusive")[p - 1]


def load(base: str, requests: list[Request], clients: int, seconds: float) -> Outcome:
    """``clients`` threads, each going round ``requests`` (from its own starting point) for
    ``seconds``; a non-200 answer or a failed connection is an error."""
    outcome = Outcome()
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds

    def client(offset: int) -> None:
        i = offset
        while time.monotonic() < stop_at:
            request = requests[i % len(requests)]
            i += 1
            started = time.perf_counter()
            try:
                with urllib.request.urlopen(base + request.path, timeout=60) as response:
                    response.read()
                    problem = None if response.status == 200 else f"HTTP {response.status}"
            except (urllib.error.URLError, OSError) as e:
                problem = str(e)
            took = time.perf_counter() - started
            with lock:
                if problem:
                    outcome.errors.append(f"{request.kind} {request.path[:80]}: {problem}")
                else:
                    outcome.latencies.setdefault(request.kind, []).append(took)

    threads = [threading.Thread(target=client, args=(n * 7,)) for n in range(clients)]
    started = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    outcome.seconds = time.monotonic() - started
    return outcome


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def serving(db_path: Path) -> Iterator[str]:
    """A real ``wstextract serve`` of ``db_path`` on a free port, stopped (SIGTERM) on exit;
    yields its base URL."""
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    command = [sys.executable, "-m", "wstextract", "serve", "--db", str(db_path)]
    proc = subprocess.Popen(
        [*command, "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        for _ in range(150):
            if proc.poll() is not None:
                raise errors.WstError(
                    f"{db_path}: `wstextract serve` exited with {proc.returncode}"
                )
            try:
                urllib.request.urlopen(base + "/-/versions.json", timeout=1).close()
                break
            except OSError:
                time.sleep(0.2)
        else:
            raise errors.WstError(f"{db_path}: Datasette did not answer within 30 s")
        yield base
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def run(db_path: Path, clients: int = 16, seconds: float = 30) -> Outcome:
    """Serve ``db_path`` and load it; raises ``FileMissing`` if there is no database."""
    if not db_path.is_file():
        raise errors.FileMissing(f"{db_path}: no database here; run `wstextract ingest` first")
    requests = requests_for(db_path)
    with serving(db_path) as base:
        return load(base, requests, clients, seconds)
