"""Open the dashboard in a browser: the page shipped in the package, its models loaded before
the server starts. It serves this computer only unless --address says otherwise (a desk's
server, with sign-in configured: see the README). Streamlit options go after --."""

from __future__ import annotations

import argparse
import importlib.util
from pathlib import Path

from .. import launch
from ..errors import InputError

SCRIPT = Path(__file__).resolve().parents[1] / "page" / "app.py"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--seeds",
        type=Path,
        help="a folder of .txt articles open from the start (default: ./seeds where it exists)",
    )
    parser.add_argument("--port", type=int, default=8501, help="(default: %(default)s)")
    parser.add_argument(
        "--address", default="127.0.0.1", help="where it listens (default: this computer only)"
    )
    parser.add_argument(
        "options",
        nargs="*",
        metavar="STREAMLIT_OPTION",
        help="more Streamlit options, after --: -- --secrets.files desk.toml",
    )


def run(args: argparse.Namespace) -> int:
    if importlib.util.find_spec("streamlit") is None:
        raise InputError("the dashboard needs Streamlit: pip install 'attribution[dashboard]'")
    seeds = args.seeds or (Path("seeds") if Path("seeds").is_dir() else None)
    if seeds is not None and not seeds.is_dir():
        raise InputError(f"{seeds}: no such folder of seed articles")
    script_args = ["--", "--seeds", str(seeds.resolve())] if seeds is not None else []
    launch.main(
        [
            str(SCRIPT),
            f"--server.port={args.port}",
            f"--server.address={args.address}",
            *args.options,
            *script_args,
        ]
    )
    return 0
