"""What the commands that read the review store share: the store's options, who acts, and
an article with its reviews applied."""

from __future__ import annotations

import argparse

from .. import desk, workflow
from ..api import analyze
from ..errors import InputError
from ..io import SourceDoc, read_source
from ..review import ReviewedAnalysis, apply
from ..store import STORE_ENV, Store
from .analysis import analysis_options

ARTICLE_HELP = "the article: a file, an http(s) link, or @ID from `review --list`"


def add_store_options(parser: argparse.ArgumentParser, *, machine: bool = False) -> None:
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


def reviewer(args: argparse.Namespace, *, signs: bool = True) -> desk.Reviewer:
    """Who acts, with the role the desk's file gives them (every role without a file). A
    name is needed where it signs new reviews; an import's and an export's are not signed."""
    name = args.reviewer or workflow.default_reviewer()
    if not name and not signs and desk.load() == desk.SINGLE_USER:
        name = "anonymous"
    if not name:
        raise InputError("say who reviews: --reviewer NAME (or set ATTRIBUTION_REVIEWER)")
    return workflow.as_reviewer(name)


def article(args: argparse.Namespace, name: str, store: Store | None) -> SourceDoc:
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


def reviewed(args: argparse.Namespace, name: str) -> ReviewedAnalysis:
    """The article with its reviews applied, or with none under --machine (no store then)."""
    if args.machine:
        return apply(analyze(article(args, name, None), **analysis_options(args)), [])
    store = Store(args.store)
    return workflow.open_article(article(args, name, store), store, **analysis_options(args))
