"""Run the dashboard (a checkout's `app.py`) on a free local port, for tests and benchmarks.

A context manager, so the server is stopped however the caller ends.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def dashboard(
    app: Path,
    *,
    store: Path | str,
    timeout: float = 120,
    env: dict[str, str] | None = None,
    port: int | None = None,
    options: Sequence[str] = (),
) -> Iterator[str]:
    """Start `streamlit run APP` with its own review store (and ENV added to the server's
    environment, OPTIONS to its command line: `--secrets.files=…`), on PORT or a free one;
    yield its URL once it answers."""
    port = port or free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "attribution.launch",  # `streamlit run`, the models loaded first
            str(app),
            "--server.headless=true",
            f"--server.port={port}",
            "--server.address=127.0.0.1",
            "--browser.gatherUsageStats=false",
            *options,
        ],
        cwd=app.parent,
        env={**os.environ, **(env or {}), "ATTRIBUTION_STORE": str(store)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(url, process, timeout)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=30)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_healthy(url: str, process: subprocess.Popen, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited: {process.stderr.read().decode()[-2000:]}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise TimeoutError(f"streamlit did not answer at {url} within {timeout:.0f} s")
