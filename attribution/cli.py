"""The `attribution` command: a thin layer over `attribution.analyze`.

Every failure the user can cause (a missing file, a binary file, a bad data file, missing
models) ends in one line on stderr and exit status 2, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from . import __version__, nlp
from .api import analyze
from .io import InputError, SourceDoc, from_text, read_path
from .model import Analysis
from .resources import ResourceError, load

EXIT_USAGE = 2


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "run"):
        parser.print_help()
        return EXIT_USAGE
    try:
        return args.run(args)
    except (InputError, nlp.ModelError, ResourceError) as exc:
        print(f"attribution: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("attribution: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="attribution",
        description="Who said what, how and where, in Albanian news articles.",
    )
    parser.add_argument("--version", action="version", version=f"attribution {__version__}")
    commands = parser.add_subparsers(title="commands")

    analyze_cmd = commands.add_parser(
        "analyze",
        help="find every quote and its speaker",
        description="Analyse articles (.txt, .html, .docx; '-' or nothing reads stdin).",
    )
    analyze_cmd.add_argument("files", nargs="*", type=Path, help="articles to analyse")
    analyze_cmd.add_argument(
        "--format",
        choices=("table", "json", "jsonl"),
        default="table",
        help="table for reading, json for one document, jsonl for many "
        "(the output contract of FORMAT.md)",
    )
    _add_analysis_options(analyze_cmd)
    analyze_cmd.set_defaults(run=_run_analyze)

    eval_cmd = commands.add_parser(
        "eval",
        help="score the analysis against a gold folder",
        description="Analyse every NAME.txt of a gold folder and score it against NAME.json "
        "as score.py does (quote detection, speakers, end-to-end).",
    )
    eval_cmd.add_argument("gold", type=Path, help="folder with NAME.txt and NAME.json files")
    eval_cmd.add_argument(
        "--verbose", action="store_true", help="list misses, spurious quotes and wrong speakers"
    )
    _add_analysis_options(eval_cmd)
    eval_cmd.set_defaults(run=_run_eval)

    models_cmd = commands.add_parser("models", help="the Stanza models in use")
    models_sub = models_cmd.add_subparsers(title="actions")
    info = models_sub.add_parser("info", help="where the models are and how they scored")
    info.add_argument("--models", type=Path, help="a model folder (default: bundled)")
    info.set_defaults(run=_run_models_info)
    download = models_sub.add_parser(
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
    download.set_defaults(run=_run_models_download)
    return parser


def _add_analysis_options(parser: argparse.ArgumentParser) -> None:
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


# ---------------------------------------------------------------------------- commands


def _run_analyze(args: argparse.Namespace) -> int:
    analyses = list(_analyses(args, _sources(args.files)))
    if args.format == "jsonl":
        for source, analysis in analyses:
            print(json.dumps(contract_record(source, analysis), ensure_ascii=False))
    elif args.format == "json":
        payload = [a.model_dump(mode="json") for _, a in analyses]
        print(
            json.dumps(payload[0] if len(payload) == 1 else payload, ensure_ascii=False, indent=2)
        )
    else:
        for source, analysis in analyses:
            print(render_table(source, analysis))
    return 0


def _run_eval(args: argparse.Namespace) -> int:
    from .evaluate import format_report, load_gold, score

    gold = load_gold(args.gold)
    sources = [read_path(args.gold / doc["text_file"]) for doc in gold.values()]
    system = {
        Path(name).stem: contract_record(name, analysis)["quotes"]
        for name, analysis in _analyses(args, iter(sources))
    }
    result = score(gold, system, verbose=args.verbose)
    print(format_report(result))
    return 0


def _run_models_info(args: argparse.Namespace) -> int:
    directory = nlp.models_dir(args.models)
    print(f"models: {directory}")
    print(f"version: {nlp.models_version(directory)}")
    scores = directory / "scores.json"
    if scores.exists():
        print(scores.read_text(encoding="utf-8").strip())
    return 0


def _run_models_download(args: argparse.Namespace) -> int:
    target = nlp.download_official(args.dir)
    print(f"downloaded the Stanza 'sq' models to {target}; use them with --models {target}")
    return 0


# ---------------------------------------------------------------------------- helpers


def _sources(files: Sequence[Path]) -> Iterator[SourceDoc]:
    if not files or [str(f) for f in files] == ["-"]:
        data = sys.stdin.buffer.read()
        from .io import decode_text

        yield from_text(decode_text(data, source="stdin"), source="stdin")
        return
    paths = list(files)
    for path in paths:  # check every file before the slow part starts
        if not path.exists():
            raise InputError(f"{path}: no such file")
    for path in paths:
        yield read_path(path)


def _analyses(
    args: argparse.Namespace, sources: Iterator[SourceDoc]
) -> Iterator[tuple[str, Analysis]]:
    resources = load(extra_gazetteers=args.gazetteer)
    processors = tuple(p.strip() for p in args.processors.split(",") if p.strip())
    for source in sources:
        yield (
            source.meta.source or "stdin",
            analyze(source, resources=resources, processors=processors, models=args.models),
        )


def contract_record(source: str, analysis: Analysis) -> dict:
    """One line of the output contract (FORMAT.md): the source and its quotes."""
    return {
        "source": source,
        "quotes": [q.model_dump(mode="json", exclude_none=True) for q in analysis.quotes],
        "speakers": [s.model_dump(mode="json", exclude_none=True) for s in analysis.speakers],
        "warnings": [w.model_dump(mode="json") for w in analysis.warnings],
    }


def render_table(source: str, analysis: Analysis) -> str:
    lines = [f"# {source}" + (f" — {analysis.meta.title}" if analysis.meta.title else "")]
    if not analysis.quotes:
        lines.append("(no quotes found)")
    for quote in analysis.quotes:
        speaker = quote.speaker.name if quote.speaker else "—"
        side = f" [{quote.speaker.side}]" if quote.speaker and quote.speaker.side else ""
        cue = quote.cue.text if quote.cue else "—"
        excerpt = quote.text if len(quote.text) <= 70 else quote.text[:67] + "…"
        flag = " (optional)" if quote.optional else ""
        lines.append(
            f"{quote.id:>4} {quote.type:<8} {quote.start:>6}-{quote.end:<6} "
            f"{speaker}{side} · {cue}{flag}\n       “{excerpt}”"
        )
    for warning in analysis.warnings:
        lines.append(f"  ! {warning.message} (at {warning.start})")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
