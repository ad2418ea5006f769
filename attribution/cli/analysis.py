"""What the analysing commands share: the analysis options and the articles they read
(files, links, `-` for stdin). Nothing here opens the review store."""

from __future__ import annotations

import argparse
import functools
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from .. import nlp
from ..api import analyze
from ..errors import InputError
from ..io import SourceDoc, decode_text, from_text, read_limited, read_source
from ..model import Analysis
from ..resources import Resources, load
from ..web import is_url


def add_analysis_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--gazetteer",
        type=Path,
        action="append",
        default=[],
        help="a desk's own gazetteer YAML laid over the bundled one (repeatable)",
    )
    parser.add_argument(
        "--models", type=Path, help=f"Stanza model folder (default: ${nlp.MODELS_ENV} or bundled)"
    )
    parser.add_argument(
        "--processors",
        default=",".join(nlp.DEFAULT_PROCESSORS),
        help="Stanza processors (default: %(default)s; add pos,lemma for the "
        "lemma fallback of cue matching)",
    )


def desk_resources(args: argparse.Namespace) -> Resources:
    """The bundled data with the desk's gazetteers (--gazetteer) laid over it."""
    return _resources(tuple(args.gazetteer))


@functools.cache
def _resources(gazetteers: tuple[Path, ...]) -> Resources:
    """Read once per command, however many articles it analyses."""
    return load(extra_gazetteers=gazetteers)


def analysis_options(args: argparse.Namespace) -> dict:
    """The keywords of `attribution.analyze` that the analysis options give."""
    return {
        "resources": desk_resources(args),
        "processors": tuple(p.strip() for p in args.processors.split(",") if p.strip()),
        "models": args.models,
    }


def sources(names: Sequence[str]) -> Iterator[SourceDoc]:
    """The articles named, or stdin without names; every file is checked before the slow
    part starts."""
    if not names or list(names) == ["-"]:
        data = read_limited(sys.stdin.buffer, source="stdin")
        yield from_text(decode_text(data, source="stdin"), source="stdin")
        return
    for name in names:
        if not is_url(name) and not Path(name).exists():
            raise InputError(f"{name}: no such file")
    for name in names:
        yield read_source(name)


def analyses(
    args: argparse.Namespace, articles: Iterator[SourceDoc]
) -> Iterator[tuple[str, Analysis]]:
    """Each article's name (its file or link) and its analysis under the analysis options."""
    options = analysis_options(args)
    for source in articles:
        yield source.meta.source or "stdin", analyze(source, **options)
