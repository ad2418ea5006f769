"""For every quote of the article: the best-matching passage of the source, a score, the
words omitted, added and changed, and a verdict band (verbatim, minor_edits,
substantially_changed, not_found)."""

from __future__ import annotations

import argparse
import json

from ..io import read_source
from ..render import render_verification
from ..verify import verify
from .analysis import add_analysis_options
from .reviews import ARTICLE_HELP, add_store_options, reviewed


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("article", help=ARTICLE_HELP)
    parser.add_argument(
        "--source", required=True, help="the original statement (.txt, .html, .docx or a link)"
    )
    parser.add_argument("--format", choices=("table", "json"), default="table")
    add_store_options(parser, machine=True)
    add_analysis_options(parser)


def run(args: argparse.Namespace) -> int:
    results = verify(reviewed(args, args.article).applied(), read_source(args.source).text)
    if args.format == "json":
        dumped = [r.model_dump(mode="json") for r in results]
        print(json.dumps(dumped, ensure_ascii=False, indent=2))
    elif results:
        print(render_verification(results))
    return 0
