"""Shared fixtures. Tests that read ../shared (the dev set) skip where it is absent.

`pytest --slow` also runs the tests marked slow and gives each property test thousands of
generated cases instead of a few hundred; the summary says how many cases ran and failed.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from attribution import resources

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DEV = SHARED / "eval" / "dev"
SEED = ROOT / "seeds" / "000_60e8134fa0df8206.txt"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def postgres():
    """One PostgreSQL server for the session (tests/postgres.py)."""
    from . import postgres as pg

    if pg.binaries() is None:
        pytest.skip("PostgreSQL is not installed (scripts/test.sh installs it)")
    with pg.running() as server:
        yield server


@pytest.fixture(params=["sqlite", "postgresql"])
def store_location(request, tmp_path):
    """A new, empty review store on each backend: a file, or a database of the server."""
    if request.param == "sqlite":
        return tmp_path / "reviews.sqlite3"
    return request.getfixturevalue("postgres").new_database()


def run_cli(*args: str, **options) -> subprocess.CompletedProcess:
    """`attribution ARGS` as a user runs it, from the checkout (options go to subprocess)."""
    return subprocess.run(
        [sys.executable, "-m", "attribution", *args],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
        **options,
    )


def streamlit_option(name: str) -> str:
    """A Streamlit setting as Streamlit itself reads it, started where `streamlit run` is
    (the checkout, with its .streamlit/config.toml)."""
    return subprocess.run(
        [sys.executable, "-c", f"from streamlit import config; print(config.get_option({name!r}))"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    ).stdout.strip()


def open_dashboard(language: str | None = "en"):
    """The app script run once under Streamlit's AppTest, in `language` (most tests read the
    English labels); None leaves the page its default language."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300)
    if language is not None:
        at.query_params["lang"] = language
    return at.run()


def dev_articles() -> list[Path]:
    return sorted(DEV.glob("*.txt")) if DEV.is_dir() else []


needs_shared = pytest.mark.skipif(
    not DEV.is_dir(),
    reason="../shared/eval/dev is not here (a user's clone): the dev articles are not in the repo",
)


def one_clear_line(status: int, stderr: str | bytes) -> str:
    """How the command line refuses: exit status 2 and one line on stderr, no traceback."""
    err = stderr.decode() if isinstance(stderr, bytes) else stderr
    assert status == 2, err
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1, err
    return err


@pytest.fixture(scope="session")
def data():
    return resources.load()


# Generated cases run, by test: property tests count each case they check.
GENERATED: Counter[str] = Counter()
_SLOW = {"on": False}

# Every case runs the Stanza models (a few ms): no deadline, and no health check that would
# call a slow case a bug. The default run is the same every time; --slow explores anew.
settings.register_profile(
    "default",
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "slow",
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def pytest_addoption(parser):
    parser.addoption(
        "--slow",
        action="store_true",
        help="run the slow tests too, and thousands of generated cases per property test",
    )


def pytest_configure(config):
    _SLOW["on"] = config.getoption("--slow")
    settings.load_profile("slow" if _SLOW["on"] else "default")


def pytest_collection_modifyitems(config, items):
    if _SLOW["on"]:
        return
    skip = pytest.mark.skip(reason="slow: run with pytest --slow")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


def cases(default: int, slow: int) -> int:
    """How many cases a property test generates: a few in the default run, many with --slow."""
    return slow if _SLOW["on"] else default


def count_case() -> None:
    """Count one generated case for the summary (called by each property test's body)."""
    GENERATED[os.environ["PYTEST_CURRENT_TEST"].rsplit(" ", 1)[0]] += 1


def pytest_terminal_summary(terminalreporter):
    if not GENERATED:
        return
    failed = {report.nodeid for report in terminalreporter.stats.get("failed", [])}
    terminalreporter.write_sep(
        "-",
        f"generated cases: {sum(GENERATED.values())} run by {len(GENERATED)} property tests; "
        f"{len(failed & set(GENERATED))} of those tests failed",
    )
