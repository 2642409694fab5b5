"""Internal errors are written to a log file the user can attach to a bug report.

The terminal gets one line; the log gets the traceback (with its causes) and the versions
of everything that took part, so the report can be reproduced without asking back.
"""

from __future__ import annotations

import os
import platform
import sys
import traceback
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

import platformdirs

PACKAGES = ("wstextract", "pdfplumber", "pdfminer.six", "pypdfium2", "spacy", "pydantic")


def log_dir() -> Path:
    """``$WSTEXTRACT_LOG_DIR``, else the platform's user log folder."""
    return Path(os.environ.get("WSTEXTRACT_LOG_DIR") or platformdirs.user_log_path("wstextract"))


def versions() -> dict[str, str]:
    found = {"python": platform.python_version(), "platform": platform.platform()}
    for name in PACKAGES:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            found[name] = "not installed"
    return found


def write(error: BaseException, subject: object) -> Path:
    """Write ``error``'s traceback and the versions to a new log file; return its path."""
    folder = log_dir()
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S.%fZ")
    path = folder / f"internal-error-{stamp}-{os.getpid()}.log"
    lines = [
        f"wstextract internal error at {stamp} while processing {subject}",
        f"command: {' '.join(sys.argv)}",
        *(f"{k}: {v}" for k, v in versions().items()),
        "",
        "".join(traceback.format_exception(error)),
    ]
    path.write_text("\n".join(lines), encoding="utf-8")
    return path
