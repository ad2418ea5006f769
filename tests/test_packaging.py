"""What a desk installs: the wheel holds everything the tool reads at run time, and its
metadata asks for no more than the core needs (the dashboard, Parquet and Dask are extras)."""

from __future__ import annotations

import email
import shutil
import subprocess
import sys
import tomllib
import zipfile
from importlib.metadata import version

import pytest

import attribution

from .conftest import ROOT

LEFT_OUT = shutil.ignore_patterns(
    ".git", ".venv", "build", "dist", "*.egg-info", "__pycache__", "reports", "training"
)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    """The wheel built from a copy of the checkout, as `pip install .` would build it."""
    scratch = tmp_path_factory.mktemp("wheel")
    shutil.copytree(ROOT, scratch / "src", ignore=LEFT_OUT)
    subprocess.run(
        [
            *(sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation"),
            *("--wheel-dir", str(scratch / "out"), str(scratch / "src")),
        ],
        check=True,
        capture_output=True,
        timeout=600,
    )
    (built,) = (scratch / "out").glob("attribution-*.whl")
    return zipfile.ZipFile(built)


def _metadata(wheel: zipfile.ZipFile) -> email.message.Message:
    (name,) = [n for n in wheel.namelist() if n.endswith(".dist-info/METADATA")]
    return email.message_from_bytes(wheel.read(name))


def test_the_wheel_holds_what_the_tool_reads_at_run_time(wheel):
    names = set(wheel.namelist())
    for needed in [
        "attribution/py.typed",
        "attribution/page/app.py",  # what `attribution dashboard` runs
        "attribution/models/sq/tokenize.pt",
        "attribution/models/sq/mwt.pt",
        "attribution/data/cues.sq.yaml",
        "attribution/data/rules.sq.yaml",
        "attribution/data/offices.sq.json",
        "attribution/locale/sq/LC_MESSAGES/attribution.mo",
        "attribution/report/report.schema.json",
    ]:
        assert needed in names, needed
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)


def test_the_core_needs_no_dashboard_and_pins_no_torch_build(wheel):
    requires = _metadata(wheel).get_all("Requires-Dist")
    core = [r for r in requires if "extra ==" not in r]
    assert not [r for r in core if r.startswith(("streamlit", "Authlib", "pyarrow", "dask"))]
    (torch,) = [r for r in core if r.startswith("torch")]
    assert "<" not in torch and "==" not in torch
    by_extra: dict[str, list[str]] = {}
    for r in requires:
        if "extra ==" in r:
            by_extra.setdefault(r.split("extra ==")[1].strip(' "'), []).append(r.split(";")[0])
    assert "streamlit>=1.55" in by_extra["dashboard"]
    assert "pyarrow>=15" in by_extra["parquet"] and by_extra["dask"]


def test_one_version_everywhere(wheel):
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert _metadata(wheel)["Version"] == declared["version"]
    assert attribution.__version__ == version("attribution") == declared["version"]
    assert declared["version"] not in (ROOT / "attribution" / "__init__.py").read_text()
