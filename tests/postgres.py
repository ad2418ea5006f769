"""A real PostgreSQL server for the tests, started from Debian's binaries.

`initdb` into a temporary folder, then `postgres` on a free local port with its socket in
that folder. PostgreSQL refuses to run as root, so under root the folder is handed to the
unprivileged user `nobody` and the server runs as it. Each test takes a database of its own.
"""

from __future__ import annotations

import contextlib
import glob
import itertools
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from attribution.serve import free_port

UNPRIVILEGED = "nobody"
START_TIMEOUT_S = 60


def binaries() -> Path | None:
    """The folder of initdb and postgres (Debian keeps them out of PATH), or None."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(os.path.realpath(initdb)).parent if initdb else None


@dataclass
class Server:
    port: int
    folder: Path
    process: subprocess.Popen
    _names: Iterator[int] = field(default_factory=lambda: itertools.count(1))

    def url(self, database: str = "postgres", user: str = "postgres") -> str:
        return f"postgresql://{user}@127.0.0.1:{self.port}/{database}"

    def sql(self, statement: str, database: str = "postgres") -> None:
        import psycopg

        with psycopg.connect(self.url(database), autocommit=True) as connection:
            connection.execute(statement)

    def new_database(self) -> str:
        """A fresh, empty database's address."""
        name = f"store_{next(self._names)}"
        self.sql(f"CREATE DATABASE {name}")
        return self.url(name)


def _as_server_user() -> dict:
    return {"user": UNPRIVILEGED} if os.geteuid() == 0 else {}


@contextlib.contextmanager
def running() -> Iterator[Server]:
    """A server in a new folder of /tmp (pytest's own folders are closed to other users),
    removed with everything in it when the block ends."""
    bin_dir = binaries()
    assert bin_dir is not None
    folder = Path(tempfile.mkdtemp(prefix="attribution-pg-"))
    if os.geteuid() == 0:
        shutil.chown(folder, UNPRIVILEGED)
    data = folder / "data"
    subprocess.run(
        [bin_dir / "initdb", "-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8"],
        check=True,
        capture_output=True,
        **_as_server_user(),
    )
    port = free_port()
    log = (folder / "server.log").open("wb")
    process = subprocess.Popen(
        [
            bin_dir / "postgres",
            "-D", data,
            "-p", str(port),
            "-k", folder,
            "-c", "listen_addresses=127.0.0.1",
            "-c", "max_connections=200",
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
        **_as_server_user(),
    )  # fmt: skip
    server = Server(port=port, folder=folder, process=process)
    try:
        _wait_until_ready(server)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()
        shutil.rmtree(folder, ignore_errors=True)


def _wait_until_ready(server: Server) -> None:
    import psycopg

    deadline = time.monotonic() + START_TIMEOUT_S
    while True:
        try:
            psycopg.connect(server.url(), connect_timeout=2).close()
            return
        except psycopg.OperationalError:
            if server.process.poll() is not None or time.monotonic() > deadline:
                log = (server.folder / "server.log").read_text(errors="replace")
                raise RuntimeError(f"PostgreSQL did not start:\n{log}") from None
            time.sleep(0.2)
