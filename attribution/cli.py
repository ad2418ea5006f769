"""The `attribution` command: a thin layer over `attribution.analyze`.

Every failure the user can cause (a missing file, a binary file, a bad data file, missing
models) ends in one line on stderr and exit status 2, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from pydantic import ValidationError

from . import __version__, batch, desk, nlp, workflow
from .api import analyze, canonical_side, side_named
from .api import compare as api_compare
from .errors import AttributionError, InputError
from .io import SourceDoc, decode_text, from_text, read_limited, read_path, read_source
from .model import Analysis
from .ratings import load_scale
from .render import render_history, render_review, render_table, render_workspace
from .resources import load
from .review import ActionKind, Check, CheckKind, ReviewAction, ReviewedAnalysis, Verdict, apply
from .sentences import excerpt
from .store import STORE_ENV, Store
from .web import is_url

EXIT_USAGE = 2
_ARTICLE_HELP = "the article: a file, an http(s) link, or @ID from `review --list`"
REPORT_FORMATS = ("json", "csv", "md", "html", "claimreview")


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "run"):
        parser.print_help()
        return EXIT_USAGE
    try:
        return args.run(args)
    except AttributionError as exc:
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
        description="Analyse articles (.txt, .html, .docx, or an http(s) link to the page; "
        "'-' or nothing reads stdin).",
    )
    analyze_cmd.add_argument("files", nargs="*", help="articles (files or links) to analyse")
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

    review_cmd = commands.add_parser(
        "review",
        help="list or review an article's quotes (kept in the review store)",
        description="Without actions, list the article's quotes and their review state. "
        "Actions are saved one by one as they apply, in this order: confirm, reject, speaker, "
        "side, type, add, note, rate, check. Quote ids are those the listing shows (q1, q2, …; "
        "a1, … for quotes a reviewer added). An edited text of a stored article (the same link, or "
        "a text close to a stored one) takes that article's reviews along. --list shows "
        "every article in the store; open one again as @ID.",
    )
    review_cmd.add_argument("file", nargs="?", help=_ARTICLE_HELP)
    review_cmd.add_argument(
        "--list", action="store_true", help="every article in the store and its progress"
    )
    _add_store_options(review_cmd)
    review_cmd.add_argument(
        "--reviewer", default=None, help="who reviews (default: $ATTRIBUTION_REVIEWER or $USER)"
    )
    review_cmd.add_argument("--confirm", action="append", default=[], metavar="ID")
    review_cmd.add_argument("--reject", action="append", default=[], metavar="ID")
    review_cmd.add_argument(
        "--speaker",
        action="append",
        default=[],
        nargs=2,
        metavar=("ID", "NAME"),
        help="correct the speaker; the same ID again names a joint speaker",
    )
    review_cmd.add_argument(
        "--side",
        action="append",
        default=[],
        nargs=2,
        metavar=("ID_OR_SPEAKER", "SIDE"),
        help="the side of a quote's speaker or of a speaker named, for all their quotes "
        "(Rusia or Russia)",
    )
    review_cmd.add_argument(
        "--type",
        action="append",
        default=[],
        nargs=2,
        metavar=("ID", "TYPE"),
        help="direct or indirect",
    )
    review_cmd.add_argument(
        "--add",
        action="append",
        default=[],
        nargs=3,
        metavar=("START", "END", "SPEAKER"),
        help="a quote the tool missed, by character offsets",
    )
    review_cmd.add_argument(
        "--add-type",
        choices=("direct", "indirect"),
        default="direct",
        help="the type of the quotes given with --add (default direct)",
    )
    review_cmd.add_argument("--note", action="append", default=[], nargs=2, metavar=("ID", "TEXT"))
    review_cmd.add_argument(
        "--rate",
        action="append",
        default=[],
        nargs=3,
        metavar=("ID", "RATING", "EXPLANATION"),
        help="a claim rating of a claim or a quote (is what it says true?) on the desk's scale: "
        "1 (false) to 5 (true), misleading, unverifiable, or a name of --ratings",
    )
    review_cmd.add_argument(
        "--verdict", action="append", default=[], nargs=3, help=argparse.SUPPRESS
    )  # the name --rate had before attribution checks and claim ratings were told apart
    review_cmd.add_argument(
        "--check",
        action="append",
        default=[],
        nargs="+",
        metavar=("ID", "KIND [NOTE]"),
        help="an attribution check of a quote (was it said, by this speaker, in these words?): "
        + ", ".join(CheckKind),
    )
    review_cmd.add_argument(
        "--ratings", type=Path, help="the desk's rating scale (YAML like data/ratings.sq.yaml)"
    )
    review_cmd.add_argument("--history", metavar="ID", help="show every action on one quote")
    review_cmd.add_argument(
        "--import",
        dest="import_file",
        type=Path,
        metavar="JSONL",
        help="record actions exported from another store",
    )
    review_cmd.add_argument(
        "--export", action="store_true", help="print every action on this article as JSON lines"
    )
    _add_analysis_options(review_cmd)
    review_cmd.set_defaults(run=_run_review)

    report_cmd = commands.add_parser(
        "report",
        help="write the reviewed attribution report",
        description="Write the article's report, with its reviews applied, in each format "
        "asked for (json, csv, md, html, claimreview, or all).",
    )
    report_cmd.add_argument("file", help=_ARTICLE_HELP)
    report_cmd.add_argument(
        "--final",
        action="store_true",
        help="refuse (exit 2, listing them) while any attribution is unreviewed",
    )
    report_cmd.add_argument(
        "--format",
        action="append",
        dest="formats",
        default=[],
        choices=(*REPORT_FORMATS, "all"),
        help="repeatable",
    )
    report_cmd.add_argument("--out", type=Path, required=True, help="folder to write into")
    report_cmd.add_argument(
        "--desk",
        default=os.environ.get("ATTRIBUTION_DESK", "Fact-checking desk"),
        help="the publisher named in the report and ClaimReview",
    )
    report_cmd.add_argument("--url", help="where the fact-check is published (ClaimReview url)")
    report_cmd.add_argument(
        "--reviewer",
        default=None,
        help=f"who exports, where ${desk.DESK_ENV} names the desk's roles "
        "(default: $ATTRIBUTION_REVIEWER or $USER)",
    )
    _add_store_options(report_cmd, machine=True)
    _add_analysis_options(report_cmd)
    report_cmd.set_defaults(run=_run_report)

    compare_cmd = commands.add_parser(
        "compare",
        help="compare two sides' readouts: what both say, what only one says",
        description="Choose each side by speaker (--a Kremlini), by side (--a-side Russia) "
        "in the articles given, or as a whole document that is one side's readout "
        "(--a-doc kremlin.txt --a-name Kremlin).",
    )
    compare_cmd.add_argument(
        "files", nargs="*", help="articles (files or links) to take quotes from"
    )
    for side in ("a", "b"):
        group = compare_cmd.add_mutually_exclusive_group(required=True)
        group.add_argument(
            f"--{side}",
            dest=f"{side}_speaker",
            metavar="SPEAKER",
            help=f"side {side.upper()} is this speaker's quotes",
        )
        group.add_argument(
            f"--{side}-side",
            dest=f"{side}_side",
            metavar="SIDE",
            help=f"side {side.upper()} is every quote of this side (a country)",
        )
        group.add_argument(
            f"--{side}-doc",
            dest=f"{side}_doc",
            metavar="FILE",
            help=f"side {side.upper()} is this whole readout",
        )
        compare_cmd.add_argument(
            f"--{side}-name",
            dest=f"{side}_name",
            help=f"what to call side {side.upper()} in the output",
        )
    compare_cmd.add_argument("--format", choices=("md", "json", "html"), default="md")
    compare_cmd.add_argument(
        "--include-optional",
        action="store_true",
        help="count beliefs, pledges and hearsay as statements too",
    )
    _add_store_options(compare_cmd, machine=True)
    _add_analysis_options(compare_cmd)
    compare_cmd.set_defaults(run=_run_compare)

    verify_cmd = commands.add_parser(
        "verify",
        help="check an article's quotes against the original statement",
        description="For every quote of the article: the best-matching passage of the "
        "source, a score, the words omitted, added and changed, and a verdict band "
        "(verbatim, minor_edits, substantially_changed, not_found).",
    )
    verify_cmd.add_argument("article", help=_ARTICLE_HELP)
    verify_cmd.add_argument(
        "--source", required=True, help="the original statement (.txt, .html, .docx or a link)"
    )
    verify_cmd.add_argument("--format", choices=("table", "json"), default="table")
    _add_store_options(verify_cmd, machine=True)
    _add_analysis_options(verify_cmd)
    verify_cmd.set_defaults(run=_run_verify)

    batch_cmd = commands.add_parser(
        "batch",
        help="analyse an archive into one JSON Lines record per document",
        description="Analyse every document of INPUT (a folder, a glob in quotes, a text file "
        "of links, one per line, or a JSON Lines file of {id, text or url, title?, date?}) "
        "into RESULT, one line per document with its "
        "quotes or its error. A rerun skips the ids RESULT already holds, so an interrupted "
        "run resumes; Ctrl-C leaves RESULT valid. Models: $ATTRIBUTION_MODELS or bundled.",
    )
    batch_cmd.add_argument("input", help="a folder, a glob such as 'archive/**/*.txt', or .jsonl")
    batch_cmd.add_argument("--out", type=Path, required=True, help="RESULT (JSON Lines)")
    batch_cmd.add_argument(
        "--workers", type=int, default=1, help="processes (local) or tasks in flight per worker"
    )
    batch_cmd.add_argument("--engine", choices=("local", "dask"), default="local")
    batch_cmd.add_argument("--scheduler", help="the Dask scheduler's address (tcp://host:8786)")
    batch_cmd.add_argument(
        "--parquet", action="store_true", help="also write RESULT as Parquet (needs pyarrow)"
    )
    batch_cmd.add_argument("--quiet", action="store_true", help="no progress line")
    batch_cmd.set_defaults(run=_run_batch)

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


def _add_store_options(parser: argparse.ArgumentParser, *, machine: bool = False) -> None:
    parser.add_argument(
        "--store",
        help=f"review store: a file, or a postgresql:// address (default: ${STORE_ENV} or "
        "the user data folder)",
    )
    parser.add_argument(
        "--outlet", help="the article's outlet, where the file does not say it (reports name it)"
    )
    parser.add_argument(
        "--article-url", help="the article's address, where it was not loaded from its link"
    )
    if machine:
        parser.add_argument(
            "--machine",
            action="store_true",
            help="the machine's analysis as it is, without the reviews (and without the store)",
        )


# ---------------------------------------------------------------------------- commands


def _run_analyze(args: argparse.Namespace) -> int:
    analyses = list(_analyses(args, _sources(args.files)))
    if args.format == "jsonl":
        for source, analysis in analyses:
            print(json.dumps(batch.contract_record(source, analysis), ensure_ascii=False))
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
        Path(name).stem: batch.contract_record(name, analysis)["quotes"]
        for name, analysis in _analyses(args, iter(sources))
    }
    result = score(gold, system, verbose=args.verbose)
    print(format_report(result))
    return 0


def _run_review(args: argparse.Namespace) -> int:
    store = Store(args.store)
    if args.list:
        print(render_workspace(workflow.workspace(store)))
        return 0
    if args.file is None:
        raise InputError("review: give the article (a file, a link or @ID), or --list")
    source = _article(args, args.file, store)
    state = workflow.open_article(source, store, **_analysis_kwargs(args))
    if args.import_file is not None:
        actions = _read_actions(args.import_file)
        state = workflow.import_actions(store, state, actions, by=_reviewer(args, signs=False))
    steps = _review_steps(args)
    if steps:
        reviewer = _reviewer(args)
        for kind, options in steps:
            state = workflow.act(store, state, kind, reviewer=reviewer, **options)
    if args.export:
        for action in store.actions(state.analysis.meta.sha256):
            print(action.model_dump_json())
    elif args.history:
        print(render_history(state, args.history))
    else:
        print(render_review(state))
    return 0


def _review_steps(args: argparse.Namespace) -> list[tuple[ActionKind, dict]]:
    steps: list[tuple[ActionKind, dict]] = []
    steps += [(ActionKind.CONFIRM, {"quote_id": q}) for q in args.confirm]
    steps += [(ActionKind.REJECT, {"quote_id": q}) for q in args.reject]
    named: dict[str, list[str]] = {}
    for quote_id, name in args.speaker:  # one action per quote, its speakers in order
        named.setdefault(quote_id, []).append(name)
    steps += [
        (ActionKind.SPEAKER, {"quote_id": q, "speaker": names[0], "joint": names[1:]})
        for q, names in named.items()
    ]
    resources = load(extra_gazetteers=args.gazetteer)
    for target, side in args.side:  # a quote id, or the name of one of the speakers
        by = "quote_id" if re.fullmatch(r"[qac]\d+", target) else "speaker"
        steps.append(
            (ActionKind.SIDE, {by: target, "side": canonical_side(side, resources=resources)})
        )
    for quote_id, kind in args.type:
        if kind not in ("direct", "indirect"):
            raise InputError(f"--type {quote_id} {kind}: the type is direct or indirect")
        steps.append((ActionKind.TYPE, {"quote_id": quote_id, "quote_type": kind}))
    for start, end, speaker in args.add:
        if not (start.isdigit() and end.isdigit()):
            raise InputError(f"--add {start} {end}: offsets are whole numbers")
        steps.append(
            (
                ActionKind.ADD,
                {"span": (int(start), int(end)), "speaker": speaker, "quote_type": args.add_type},
            )
        )
    steps += [(ActionKind.NOTE, {"quote_id": q, "note": t}) for q, t in args.note]
    scale = load_scale(args.ratings)
    for quote_id, rating, explanation in [*args.verdict, *args.rate]:
        if not explanation.strip():
            raise InputError(f"--rate {quote_id}: a rating needs an explanation (it is published)")
        try:
            verdict = Verdict.on(scale, rating, explanation.strip())
        except ValueError as exc:
            raise InputError(f"--rate {quote_id}: {exc}") from None
        steps.append((ActionKind.VERDICT, {"quote_id": quote_id, "verdict": verdict}))
    for quote_id, kind, *note in args.check:
        if len(note) > 1 or kind not in set(CheckKind):
            kinds = ", ".join(CheckKind)
            raise InputError(f"--check {quote_id} KIND [NOTE]: KIND is one of {kinds}")
        check = Check(kind=kind, note=note[0].strip() if note and note[0].strip() else None)
        steps.append((ActionKind.CHECK, {"quote_id": quote_id, "check": check}))
    return steps


def _reviewer(args: argparse.Namespace, *, signs: bool = True) -> desk.Reviewer:
    """Who acts, with the role the desk's file gives them (every role without a file). A
    name is needed where it signs new reviews; an import's and an export's are not signed."""
    name = args.reviewer or workflow.default_reviewer()
    if not name and not signs and desk.load() == desk.SINGLE_USER:
        name = "anonymous"
    if not name:
        raise InputError("say who reviews: --reviewer NAME (or set ATTRIBUTION_REVIEWER)")
    return workflow.as_reviewer(name)


def _read_actions(path: Path) -> list[ReviewAction]:
    actions = []
    for number, line in enumerate(read_path(path).text.splitlines(), 1):
        if line.strip():
            try:
                actions.append(ReviewAction.model_validate_json(line))
            except ValidationError as exc:
                raise InputError(
                    f"{path}:{number}: not a review action ({exc.errors()[0]['msg']})"
                ) from None
    return actions


def _run_report(args: argparse.Namespace) -> int:
    formats = (
        list(REPORT_FORMATS)
        if "all" in args.formats or not args.formats
        else list(dict.fromkeys(args.formats))
    )
    state = _state(args, args.file)
    if args.final:
        workflow.require_final(state)
    workflow.require_export(state, _reviewer(args, signs=False))
    from . import report  # the renderers: only for this command

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


def _run_compare(args: argparse.Namespace) -> int:
    from .compare import readout, statements
    from .report import comparison as report_comparison

    needs_articles = any(getattr(args, f"{s}_doc") is None for s in ("a", "b"))
    if needs_articles and not args.files:
        raise InputError("give the articles to take the quotes from (or --a-doc/--b-doc)")
    analyses = [_state(args, name).applied() for name in args.files]
    resources = load(extra_gazetteers=args.gazetteer)
    chosen, names, sides = {}, {}, []
    for side in ("a", "b"):
        speaker, country, doc = (getattr(args, f"{side}_{k}") for k in ("speaker", "side", "doc"))
        named_by_file = Path(doc).stem if doc and not is_url(doc) else None
        name = getattr(args, f"{side}_name") or speaker or country or named_by_file or side
        if doc is not None:
            source = read_source(doc)
            chosen[side] = readout(source.text, name=name, source=source.meta.label)
        else:
            if country is not None:
                country = side_named(country, analyses, resources=resources)
            chosen[side] = statements(
                analyses, speaker=speaker, side=country, include_optional=args.include_optional
            )
            if not chosen[side]:
                raise InputError(
                    f"side {side.upper()} ({name}) has no statements in these articles"
                )
        names[side] = name
        sides.append(country or name)
    comparison = api_compare(
        chosen["a"],
        chosen["b"],
        a_name=names["a"],
        b_name=names["b"],
        sides=sides,
        resources=resources,
    )
    if args.format == "json":
        print(comparison.model_dump_json(indent=2))
    elif args.format == "html":
        print(report_comparison.html(comparison), end="")
    else:
        print(report_comparison.markdown(comparison))
    return 0


def _run_verify(args: argparse.Namespace) -> int:
    from .verify import verify

    results = verify(_state(args, args.article).applied(), read_source(args.source).text)
    if args.format == "json":
        print(
            json.dumps([r.model_dump(mode="json") for r in results], ensure_ascii=False, indent=2)
        )
        return 0
    for result in results:
        lines = [
            f"{result.quote_id:>4} {result.type:<8} {result.band.value:<22} "
            f"{result.score:5.1f}  “{excerpt(result.quote, 70)}”"
        ]
        diff = result.diff
        lines += [f"       omitted: {' '.join(diff.omitted)}"] if diff.omitted else []
        lines += [f"       added: {' '.join(diff.added)}"] if diff.added else []
        lines += (
            [f"       changed: {', '.join(f'{a} → {b}' for a, b in diff.changed)}"]
            if diff.changed
            else []
        )
        lines += [f"       ! {reason}" for reason in result.reasons]
        lines.append(
            f"       proposed check: {result.proposed_check.value} "
            f"(attribution review ARTICLE --check {result.quote_id} {result.proposed_check.value})"
        )
        print("\n".join(lines))
    return 0


def _run_batch(args: argparse.Namespace) -> int:
    if args.workers < 1:
        raise InputError("--workers must be 1 or more")
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
    print(
        f"{summary.written} documents written ({summary.errors} with errors), "
        f"{summary.skipped} already done, {summary.words:,} words in {summary.seconds:.1f} s",
        file=sys.stderr,
    )
    if summary.interrupted:
        print(f"attribution: interrupted; {args.out} is valid, rerun to resume", file=sys.stderr)
        return 130
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


def _sources(names: Sequence[str]) -> Iterator[SourceDoc]:
    if not names or list(names) == ["-"]:
        data = read_limited(sys.stdin.buffer, source="stdin")
        yield from_text(decode_text(data, source="stdin"), source="stdin")
        return
    for name in names:  # check every file before the slow part starts
        if not is_url(name) and not Path(name).exists():
            raise InputError(f"{name}: no such file")
    for name in names:
        yield read_source(name)


def _article(args: argparse.Namespace, name: str, store: Store | None) -> SourceDoc:
    """An article named on the command line (a file, a link, @ID of the store), with the
    outlet and address a desk gives where the file does not carry them."""
    if name.startswith("@"):
        if store is None:
            raise InputError(
                f"{name}: an @ID names an article of the review store (not with --machine)"
            )
        source = workflow.reopen(store, store.resolve(name[1:]))
    else:
        source = read_source(name)
    given = {"outlet": args.outlet, "url": args.article_url}
    given = {key: value for key, value in given.items() if value}
    if not given:
        return source
    return source.model_copy(update={"meta": source.meta.model_copy(update=given)})


def _state(args: argparse.Namespace, name: str) -> ReviewedAnalysis:
    """The article with its reviews applied, or with none under --machine (no store then)."""
    if args.machine:
        return apply(analyze(_article(args, name, None), **_analysis_kwargs(args)), [])
    store = Store(args.store)
    return workflow.open_article(_article(args, name, store), store, **_analysis_kwargs(args))


def _analysis_kwargs(args: argparse.Namespace) -> dict:
    return {
        "resources": load(extra_gazetteers=args.gazetteer),
        "processors": tuple(p.strip() for p in args.processors.split(",") if p.strip()),
        "models": args.models,
    }


def _analyses(
    args: argparse.Namespace, sources: Iterator[SourceDoc]
) -> Iterator[tuple[str, Analysis]]:
    options = _analysis_kwargs(args)
    for source in sources:
        yield source.meta.source or "stdin", analyze(source, **options)


if __name__ == "__main__":
    sys.exit(main())
