"""Analyse articles (.txt, .html, .docx, or an http(s) link to the page; '-' or nothing reads
stdin)."""

from __future__ import annotations

import argparse
import json

from ..render import render_table
from .analysis import add_analysis_options, analyses, sources


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="*", help="articles (files or links) to analyse")
    parser.add_argument(
        "--format",
        choices=("table", "json", "jsonl"),
        default="table",
        help="table for reading, json for one document, jsonl for many "
        "(the output contract of FORMAT.md)",
    )
    add_analysis_options(parser)


def run(args: argparse.Namespace) -> int:
    analysed = list(analyses(args, sources(args.files)))
    if args.format == "jsonl":
        for source, analysis in analysed:
            print(json.dumps(analysis.contract_record(source), ensure_ascii=False))
    elif args.format == "json":
        payload = [a.model_dump(mode="json") for _, a in analysed]
        print(
            json.dumps(payload[0] if len(payload) == 1 else payload, ensure_ascii=False, indent=2)
        )
    else:
        for source, analysis in analysed:
            print(render_table(source, analysis))
    return 0
