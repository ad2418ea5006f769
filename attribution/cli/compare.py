"""Choose each side by speaker (--a Kremlini), by side (--a-side Russia) in the articles given,
or as a whole document that is one side's readout (--a-doc kremlin.txt --a-name Kremlin)."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..api import compare, side_named
from ..compare import Statement, readout, statements
from ..errors import InputError
from ..io import read_source
from ..model import Analysis
from ..report import comparison as comparison_report
from ..resources import Resources
from ..web import is_url
from .analysis import add_analysis_options, desk_resources
from .reviews import add_store_options, reviewed

SIDES = ("a", "b")
# How a side is chosen: --a SPEAKER, --a-side SIDE or --a-doc FILE (and the same for b).
WAYS_TO_CHOOSE = (
    ("", "speaker", "SPEAKER", "this speaker's quotes"),
    ("-side", "side", "SIDE", "every quote of this side (a country)"),
    ("-doc", "doc", "FILE", "this whole readout"),
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="*", help="articles (files or links) to take quotes from")
    for side in SIDES:
        group = parser.add_mutually_exclusive_group(required=True)
        for suffix, kind, metavar, what in WAYS_TO_CHOOSE:
            group.add_argument(
                f"--{side}{suffix}",
                dest=f"{side}_{kind}",
                metavar=metavar,
                help=f"side {side.upper()} is {what}",
            )
        parser.add_argument(
            f"--{side}-name",
            dest=f"{side}_name",
            help=f"what to call side {side.upper()} in the output",
        )
    parser.add_argument("--format", choices=("md", "json", "html"), default="md")
    parser.add_argument(
        "--include-optional",
        action="store_true",
        help="count beliefs, pledges and hearsay as statements too",
    )
    add_store_options(parser, machine=True)
    add_analysis_options(parser)


def run(args: argparse.Namespace) -> int:
    needs_articles = any(getattr(args, f"{side}_doc") is None for side in SIDES)
    if needs_articles and not args.files:
        raise InputError("give the articles to take the quotes from (or --a-doc/--b-doc)")
    analyses = [reviewed(args, name).applied() for name in args.files]
    resources = desk_resources(args)
    chosen = {side: _side(args, side, analyses, resources) for side in SIDES}
    (a_name, a_side, a), (b_name, b_side, b) = chosen["a"], chosen["b"]
    comparison = compare(
        a, b, a_name=a_name, b_name=b_name, sides=[a_side, b_side], resources=resources
    )
    if args.format == "json":
        print(comparison.model_dump_json(indent=2))
    elif args.format == "html":
        print(comparison_report.html(comparison), end="")
    else:
        print(comparison_report.markdown(comparison))
    return 0


def _side(
    args: argparse.Namespace, side: str, analyses: list[Analysis], resources: Resources
) -> tuple[str, str, list[Statement]]:
    """One side: what it is called, which side (country) it is, and its statements."""
    speaker, country, doc = (getattr(args, f"{side}_{k}") for k in ("speaker", "side", "doc"))
    named_by_file = Path(doc).stem if doc and not is_url(doc) else None
    name = getattr(args, f"{side}_name") or speaker or country or named_by_file or side
    if doc is not None:
        source = read_source(doc)
        return name, name, readout(source.text, name=name, source=source.meta.label)
    if country is not None:
        country = side_named(country, analyses, resources=resources)
    found = statements(
        analyses, speaker=speaker, side=country, include_optional=args.include_optional
    )
    if not found:
        raise InputError(f"side {side.upper()} ({name}) has no statements in these articles")
    return name, country or name, found
