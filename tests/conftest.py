"""Shared fixtures. Tests that read ../shared (the dev set) skip where it is absent."""

from __future__ import annotations

from pathlib import Path

import pytest

from attribution import resources

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DEV = SHARED / "eval" / "dev"
SEED = ROOT / "seeds" / "000_60e8134fa0df8206.txt"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def dev_articles() -> list[Path]:
    return sorted(DEV.glob("*.txt")) if DEV.is_dir() else []


needs_shared = pytest.mark.skipif(
    not DEV.is_dir(),
    reason="../shared/eval/dev is not here (a user's clone): the dev articles are not in the repo",
)


@pytest.fixture(scope="session")
def data():
    return resources.load()
