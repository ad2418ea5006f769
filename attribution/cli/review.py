"""Without actions, list the article's quotes and their review state. Actions are saved one
by one as they apply, in this order: confirm, reject, speaker, side, type, add, note, rate,
check. Quote ids are those the listing shows (q1, q2, …; a1, … for quotes a reviewer added).
An edited text of a stored article (the same link, or a text close to a stored one) takes
that article's reviews along. --list shows every article in the store; open one again as
@ID."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from pydantic import ValidationError

from .. import workflow
from ..api import canonical_side
from ..errors import InputError
from ..io import read_path
from ..ratings import load_scale
from ..render import render_history, render_review, render_workspace
from ..review import ActionKind, Check, CheckKind, ReviewAction, Verdict
from ..store import Store
from .analysis import add_analysis_options, analysis_options, desk_resources
from .reviews import ARTICLE_HELP, add_store_options, article, reviewer

_QUOTE_ID = re.compile(r"[qac]\d+")  # q1 found, a1 added by a reviewer, c1 a claim


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", nargs="?", help=ARTICLE_HELP)
    parser.add_argument(
        "--list", action="store_true", help="every article in the store and its progress"
    )
    add_store_options(parser)
    parser.add_argument(
        "--reviewer", default=None, help="who reviews (default: $ATTRIBUTION_REVIEWER or $USER)"
    )
    _add_actions(parser)
    parser.add_argument(
        "--ratings", type=Path, help="the desk's rating scale (YAML like data/ratings.sq.yaml)"
    )
    parser.add_argument("--history", metavar="ID", help="show every action on one quote")
    parser.add_argument(
        "--import",
        dest="import_file",
        type=Path,
        metavar="JSONL",
        help="record actions exported from another store",
    )
    parser.add_argument(
        "--export", action="store_true", help="print every action on this article as JSON lines"
    )
    add_analysis_options(parser)


def _add_actions(parser: argparse.ArgumentParser) -> None:
    def action(flag: str, metavar: str | tuple[str, ...], help: str | None = None, **more):
        nargs = len(metavar) if isinstance(metavar, tuple) else None
        parser.add_argument(
            flag, action="append", default=[], metavar=metavar, nargs=nargs, help=help, **more
        )

    action("--confirm", "ID")
    action("--reject", "ID")
    action(
        "--speaker",
        ("ID", "NAME"),
        "correct the speaker; the same ID again names a joint speaker",
    )
    action(
        "--side",
        ("ID_OR_SPEAKER", "SIDE"),
        "the side of a quote's speaker or of a speaker named, for all their quotes "
        "(Rusia or Russia)",
    )
    action("--type", ("ID", "TYPE"), "direct or indirect")
    action("--add", ("START", "END", "SPEAKER"), "a quote the tool missed, by character offsets")
    parser.add_argument(
        "--add-type",
        choices=("direct", "indirect"),
        default="direct",
        help="the type of the quotes given with --add (default direct)",
    )
    action("--note", ("ID", "TEXT"))
    action(
        "--rate",
        ("ID", "RATING", "EXPLANATION"),
        "a claim rating of a claim or a quote (is what it says true?) on the desk's scale: "
        "1 (false) to 5 (true), misleading, unverifiable, or a name of --ratings",
    )
    # the name --rate had before attribution checks and claim ratings were told apart
    parser.add_argument("--verdict", action="append", default=[], nargs=3, help=argparse.SUPPRESS)
    parser.add_argument(
        "--check",
        action="append",
        default=[],
        nargs="+",
        metavar=("ID", "KIND [NOTE]"),
        help="an attribution check of a quote (was it said, by this speaker, in these words?): "
        + ", ".join(CheckKind),
    )


def run(args: argparse.Namespace) -> int:
    store = Store(args.store)
    if args.list:
        print(render_workspace(workflow.workspace(store)))
        return 0
    if args.file is None:
        raise InputError("review: give the article (a file, a link or @ID), or --list")
    state = workflow.open_article(article(args, args.file, store), store, **analysis_options(args))
    if args.import_file is not None:
        actions = _read_actions(args.import_file)
        state = workflow.import_actions(store, state, actions, by=reviewer(args, signs=False))
    steps = _steps(args)
    if steps:
        acting = reviewer(args)
        for kind, options in steps:
            state = workflow.act(store, state, kind, reviewer=acting, **options)
    if args.export:
        for action in store.actions(state.analysis.meta.sha256):
            print(action.model_dump_json())
    elif args.history:
        print(render_history(state, args.history))
    else:
        print(render_review(state))
    return 0


def _steps(args: argparse.Namespace) -> list[tuple[ActionKind, dict]]:
    """The actions asked for, checked and in the order they are saved."""
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
    resources = desk_resources(args)
    for target, side in args.side:  # a quote id, or the name of one of the speakers
        by = "quote_id" if _QUOTE_ID.fullmatch(target) else "speaker"
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
        span = (int(start), int(end))
        steps.append(
            (ActionKind.ADD, {"span": span, "speaker": speaker, "quote_type": args.add_type})
        )
    steps += [(ActionKind.NOTE, {"quote_id": q, "note": t}) for q, t in args.note]
    steps += _ratings(args)
    steps += _checks(args)
    return steps


def _ratings(args: argparse.Namespace) -> list[tuple[ActionKind, dict]]:
    scale = load_scale(args.ratings)
    steps = []
    for quote_id, rating, explanation in [*args.verdict, *args.rate]:
        if not explanation.strip():
            raise InputError(f"--rate {quote_id}: a rating needs an explanation (it is published)")
        try:
            verdict = Verdict.on(scale, rating, explanation.strip())
        except ValueError as exc:
            raise InputError(f"--rate {quote_id}: {exc}") from None
        steps.append((ActionKind.VERDICT, {"quote_id": quote_id, "verdict": verdict}))
    return steps


def _checks(args: argparse.Namespace) -> list[tuple[ActionKind, dict]]:
    steps = []
    for quote_id, kind, *note in args.check:
        if len(note) > 1 or kind not in set(CheckKind):
            kinds = ", ".join(CheckKind)
            raise InputError(f"--check {quote_id} KIND [NOTE]: KIND is one of {kinds}")
        check = Check(kind=kind, note=note[0].strip() if note and note[0].strip() else None)
        steps.append((ActionKind.CHECK, {"quote_id": quote_id, "check": check}))
    return steps


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
