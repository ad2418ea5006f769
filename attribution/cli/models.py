"""Where the Stanza models in use are and how they scored, or the official ones fetched."""

from __future__ import annotations

import argparse
from pathlib import Path

from .. import nlp


def add_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(title="actions")
    info = actions.add_parser("info", help="where the models are and how they scored")
    info.add_argument("--models", type=Path, help="a model folder (default: bundled)")
    info.set_defaults(run=show)
    download = actions.add_parser(
        "download",
        help="fetch the official Stanza 'sq' models (needs internet)",
        description="Download the official Stanza Albanian models; use them with "
        f"--models DIR or ${nlp.MODELS_ENV}=DIR.",
    )
    download.add_argument(
        "--dir",
        type=Path,
        default=Path("~/stanza_resources"),
        help="where to put them (default: ~/stanza_resources)",
    )
    download.set_defaults(run=fetch)


def show(args: argparse.Namespace) -> int:
    directory = nlp.models_dir(args.models)
    print(f"models: {directory}")
    print(f"version: {nlp.models_version(directory)}")
    scores = directory / "scores.json"
    if scores.exists():
        print(scores.read_text(encoding="utf-8").strip())
    return 0


def fetch(args: argparse.Namespace) -> int:
    target = nlp.download_official(args.dir)
    print(f"downloaded the Stanza 'sq' models to {target}; use them with --models {target}")
    return 0
