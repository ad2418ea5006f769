"""Analyse every NAME.txt of a gold folder and score it against NAME.json as score.py does
(quote detection, speakers, end-to-end)."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..evaluate import format_report, load_gold, score
from ..io import read_path
from .analysis import add_analysis_options, analyses


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("gold", type=Path, help="folder with NAME.txt and NAME.json files")
    parser.add_argument(
        "--verbose", action="store_true", help="list misses, spurious quotes and wrong speakers"
    )
    add_analysis_options(parser)


def run(args: argparse.Namespace) -> int:
    gold = load_gold(args.gold)
    articles = [read_path(args.gold / doc["text_file"]) for doc in gold.values()]
    system = {
        Path(name).stem: analysis.contract_record(name)["quotes"]
        for name, analysis in analyses(args, iter(articles))
    }
    print(format_report(score(gold, system, verbose=args.verbose)))
    return 0
