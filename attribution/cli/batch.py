"""Analyse every document of INPUT (a folder, a glob in quotes, a text file of links, one per
line, or a JSON Lines file of {id, text or url, title?, date?}) into RESULT, one line per
document with its quotes or its error. A rerun skips the ids RESULT already holds, so an
interrupted run resumes; Ctrl-C leaves RESULT valid. Models: $ATTRIBUTION_MODELS or
bundled."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .. import batch, settings
from ..errors import InputError
from . import EXIT_INTERRUPTED


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("input", help="a folder, a glob such as 'archive/**/*.txt', or .jsonl")
    parser.add_argument("--out", type=Path, required=True, help="RESULT (JSON Lines)")
    parser.add_argument(
        "--workers", type=int, default=1, help="processes (local) or tasks in flight per worker"
    )
    parser.add_argument("--engine", choices=("local", "dask"), default="local")
    parser.add_argument("--scheduler", help="the Dask scheduler's address (tcp://host:8786)")
    parser.add_argument(
        "--parquet", action="store_true", help="also write RESULT as Parquet (needs pyarrow)"
    )
    parser.add_argument("--quiet", action="store_true", help="no progress line")


def run(args: argparse.Namespace) -> int:
    if args.workers < 1:
        raise InputError("--workers must be 1 or more")
    settings.configure_logging(timestamps=False)  # failed documents and the summary
    total, todo = batch.tasks(args.input)
    progress = batch.Progress(total, every=0.5 if sys.stderr.isatty() else 10.0)
    try:
        summary = batch.run(
            todo,
            args.out,
            workers=args.workers,
            engine=args.engine,
            scheduler=args.scheduler,
            on_record=None if args.quiet else progress,
        )
    finally:
        progress.close()
    if args.parquet and not summary.interrupted:
        batch.write_parquet(args.out)
    if summary.interrupted:
        print(f"attribution: interrupted; {args.out} is valid, rerun to resume", file=sys.stderr)
        return EXIT_INTERRUPTED
    return 0
