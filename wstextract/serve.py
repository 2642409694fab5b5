"""Publish a wstextract database with Datasette: read-only, documented, with dashboards.

The metadata Datasette shows is assembled at start-up from files kept in the repository, so
there is one source for each fact: ``db/metadata.yml`` (home page, facets, canned queries,
dashboards), ``schemas/data-dictionary.md`` (every table and column description) and the
database itself with ``corpus/manifest.toml`` (which reports are in, their source and licence).
"""

from __future__ import annotations

import ctypes
import html
import json
import re
import signal
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

from . import errors
from .corpus import build as corpus_build

PROJECT_ROOT = Path(__file__).resolve().parents[1]
METADATA_TEMPLATE = PROJECT_ROOT / "db" / "metadata.yml"
DATA_DICTIONARY = PROJECT_ROOT / "schemas" / "data-dictionary.md"
PLACEHOLDER = "__DB__"


def read_data_dictionary(path: Path = DATA_DICTIONARY) -> dict[str, dict]:
    """Table -> {"description": first paragraph, "columns": {column: meaning}}."""
    text = path.read_text(encoding="utf-8")
    tables = {}
    for m in re.finditer(r"^## `(\w+)`\n\n(.*?)(?=^## |\Z)", text, re.S | re.M):
        body = m[2]
        description = " ".join(body.split("\n\n")[0].split())
        columns = {
            c: meaning.strip()
            for c, meaning in re.findall(r"^\| `(\w+)` \| [^|]* \| (.*) \|$", body, re.M)
        }
        tables[m[1]] = {"description": description, "columns": columns}
    return tables


def _read_only(db_path: Path, live: bool) -> sqlite3.Connection:
    """Immutable, as Datasette serves it: even mode=ro would create -wal and -shm files beside
    a WAL database; only a database still being written to (--live) needs the WAL read."""
    mode = "mode=ro" if live else "immutable=1"
    return sqlite3.connect(f"file:{db_path}?{mode}", uri=True)


def _reports_html(db_path: Path, live: bool = False) -> str:
    try:
        with _read_only(db_path, live) as conn:
            rows = conn.execute(
                "select id, period, title, pages, source_file, sha256 from reports order by period"
            ).fetchall()
    except sqlite3.Error:
        return "<p>No reports stored yet: run <code>wstextract ingest</code>.</p>"
    manifest = {e.sha256: e for e in corpus_build.load_manifest()}
    items = []
    for report_id, period, title, pages, source_file, sha256 in rows:
        entry = manifest.get(sha256)
        if entry is None:
            provenance = "Ingested from a file outside the bundled corpus."
        else:
            licence = f" Licence: {html.escape(entry.licence)}." if entry.licence else ""
            provenance = html.escape(entry.provenance) + licence
        items.append(
            f"<li><strong>{html.escape(report_id)}</strong> ({html.escape(period)}): "
            f"{html.escape(title)}, {pages} pages, from "
            f"<code>{html.escape(source_file)}</code> (sha256 {sha256[:12]}…). "
            f"{provenance}</li>"
        )
    return "<p>Reports in this database:</p><ul>" + "".join(items) + "</ul>"


def build_metadata(db_path: Path, live: bool = False) -> dict:
    """Datasette metadata for ``db_path``, whatever its file is called."""
    name = db_path.stem
    data = yaml.safe_load(METADATA_TEMPLATE.read_text(encoding="utf-8").replace(PLACEHOLDER, name))
    database = data["databases"][name]
    tables = database.setdefault("tables", {})
    for table, doc in read_data_dictionary().items():
        entry = tables.setdefault(table, {})
        entry.setdefault("description", doc["description"])
        entry.setdefault("columns", doc["columns"])
    reports = _reports_html(db_path, live)
    database["description_html"] = reports
    data["description_html"] += "\n" + reports  # the home page says what is in the database
    return data


def datasette_command(
    db_path: Path, metadata_path: Path, host: str, port: int, live: bool = False
) -> list[str]:
    """The datasette command line. Immutable (-i) by default: nothing can write through the
    web, while SQL (which dashboards need) stays allowed. ``live`` serves a database that is
    still being ingested into: Datasette then reads it through read-only connections, each
    query seeing only committed reports (WAL snapshots); writes are refused all the same."""
    mode = [str(db_path)] if live else ["-i", str(db_path)]
    return [
        sys.executable,
        "-m",
        "datasette",
        "serve",
        *mode,
        "--metadata",
        str(metadata_path),
        "-h",
        host,
        "-p",
        str(port),
        "--setting",
        "sql_time_limit_ms",
        "3000",
        # a live database changes under the browser (an ingest, a correction): never let it
        # reuse an answer Datasette said it may cache for 5 s
        *(["--setting", "default_cache_ttl", "0"] if live else []),
    ]


STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT, signal.SIGHUP)


def _die_with_parent() -> None:
    """In the Datasette child (Linux): be sent SIGTERM if ``wstextract serve`` itself dies,
    even by SIGKILL, so no server is left holding the port."""
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def run_until_stopped(command: list[str]) -> int:
    """Run ``command`` and wait for it; SIGTERM, SIGINT or SIGHUP to us is passed on to it and
    we wait for it to stop (a service manager's stop, ``docker stop`` and Ctrl-C all end the
    server, not only its parent)."""
    child = subprocess.Popen(
        command, preexec_fn=_die_with_parent if sys.platform == "linux" else None
    )

    def forward(signum: int, frame: object) -> None:
        child.send_signal(signum)

    previous = {s: signal.signal(s, forward) for s in STOP_SIGNALS}
    try:
        return child.wait()
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)
        if child.poll() is None:  # we are leaving for another reason: stop it all the same
            child.terminate()
            try:
                child.wait(timeout=10)
            except subprocess.TimeoutExpired:
                child.kill()
                child.wait()


def _check_views(db_path: Path, live: bool) -> None:
    """Refuse a database whose views an older wstextract wrote: its dashboards and canned
    queries would fail on every page ("no such column: corrected")."""
    try:
        with _read_only(db_path, live) as conn:
            tables = {r[0] for r in conn.execute("select name from sqlite_master")}
            if "metric_answers" in tables:
                conn.execute("select corrected, original_value from metric_answers limit 0")
    except sqlite3.OperationalError as e:
        raise errors.BadInput(
            f"{db_path}: its views were written by an older wstextract ({e}); ingest its "
            "reports again into a new --db (for the demo database: delete it, then `make demo`)"
        ) from e
    except sqlite3.DatabaseError as e:
        raise errors.BadInput(f"{db_path}: not a SQLite database ({e})") from e


def serve(db_path: Path, host: str = "127.0.0.1", port: int = 8001, live: bool = False) -> int:
    """Run Datasette until it is stopped; returns its exit code."""
    if not db_path.is_file():
        raise errors.FileMissing(f"{db_path}: no database here; run `wstextract ingest` first")
    _check_views(db_path, live)
    with tempfile.TemporaryDirectory() as tmp:
        metadata_path = Path(tmp) / "metadata.json"
        metadata_path.write_text(
            json.dumps(build_metadata(db_path, live), indent=2), encoding="utf-8"
        )
        return run_until_stopped(datasette_command(db_path, metadata_path, host, port, live))
