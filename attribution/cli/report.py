"""Write the article's report, with its reviews applied, in each format asked for (every
format of the report registry, or all)."""

from __future__ import annotations

import argparse
from pathlib import Path

from .. import desk, report, workflow
from .analysis import add_analysis_options
from .reviews import ARTICLE_HELP, add_store_options, reviewed, reviewer

DEFAULT_PUBLISHER = "Fact-checking desk"


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
        help="the publisher named in the report and ClaimReview (default: the name in "
        f"${desk.DESK_ENV}'s file, else {DEFAULT_PUBLISHER!r})",
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
        publication=report.Publication(
            desk=args.desk or desk.load().name or DEFAULT_PUBLISHER, url=args.url
        ),
        stem=state.analysis.meta.stem,
    )
    for path in written:
        print(path)
    return 0
