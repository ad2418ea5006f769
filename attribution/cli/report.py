"""Write the article's report, with its reviews applied, in each format asked for (every
format of the report registry, or all)."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from .. import desk, report, workflow
from .analysis import add_analysis_options
from .reviews import ARTICLE_HELP, add_store_options, reviewed, reviewer


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", help=ARTICLE_HELP)
    parser.add_argument(
        "--final",
        action="store_true",
        help="refuse (exit 2, listing them) while any attribution is unreviewed",
    )
    parser.add_argument(
        "--format",
        action="append",
        dest="formats",
        default=[],
        choices=(*report.REGISTRY, "all"),
        help="repeatable",
    )
    parser.add_argument("--out", type=Path, required=True, help="folder to write into")
    parser.add_argument(
        "--desk",
        default=os.environ.get("ATTRIBUTION_DESK", "Fact-checking desk"),
        help="the publisher named in the report and ClaimReview",
    )
    parser.add_argument("--url", help="where the fact-check is published (ClaimReview url)")
    parser.add_argument(
        "--reviewer",
        default=None,
        help=f"who exports, where ${desk.DESK_ENV} names the desk's roles "
        "(default: $ATTRIBUTION_REVIEWER or $USER)",
    )
    add_store_options(parser, machine=True)
    add_analysis_options(parser)


def run(args: argparse.Namespace) -> int:
    every = "all" in args.formats or not args.formats
    formats = list(report.REGISTRY) if every else list(dict.fromkeys(args.formats))
    state = reviewed(args, args.file)
    if args.final:
        workflow.require_final(state)
    workflow.require_export(state, reviewer(args, signs=False))
    written = report.write(
        state,
        formats,
        args.out,
        generated_at=workflow.report_time(),
        publication=report.Publication(desk=args.desk, url=args.url),
        stem=state.analysis.meta.stem,
    )
    for path in written:
        print(path)
    return 0
