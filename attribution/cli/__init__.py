"""The `attribution` command: a thin layer over the public API, one module per command.

Every failure the user can cause (an `AttributionError`) ends in one line on stderr and exit
status 2, never a traceback. Only the module of the command asked for is imported, so
`attribution analyze` starts without the review store, the batch engine or the report
renderers.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from .. import __version__
from ..errors import AttributionError

EXIT_USAGE = 2
EXIT_INTERRUPTED = 130

# Each command, its one line in `attribution --help`, and its module in this package.
COMMANDS: dict[str, tuple[str, str]] = {
    "analyze": ("find every quote and its speaker", "analyze"),
    "eval": ("score the analysis against a gold folder", "score"),
    "review": ("list or review an article's quotes (kept in the review store)", "review"),
    "report": ("write the reviewed attribution report", "report"),
    "compare": ("compare two sides' readouts: what both say, what only one says", "compare"),
    "verify": ("check an article's quotes against the original statement", "verify"),
    "batch": ("analyse an archive into one JSON Lines record per document", "batch"),
    "models": ("the Stanza models in use", "models"),
    "dashboard": ("open the dashboard in a browser (the dashboard extra)", "dashboard"),
}


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(_command_in(arguments))
    args = parser.parse_args(arguments)
    if getattr(args, "run", None) is None:
        parser.print_help()
        return EXIT_USAGE
    try:
        return args.run(args)
    except AttributionError as exc:
        print(f"attribution: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("attribution: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        return 0


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The whole command line; the options of COMMAND (every command's without one)."""
    parser = argparse.ArgumentParser(
        prog="attribution",
        description="Who said what, how and where, in Albanian news articles.",
    )
    parser.add_argument("--version", action="version", version=f"attribution {__version__}")
    commands = parser.add_subparsers(title="commands")
    for name, (summary, module_name) in COMMANDS.items():
        if command is not None and name != command:
            commands.add_parser(name, help=summary)
            continue
        module = importlib.import_module(f".{module_name}", __name__)
        chosen = commands.add_parser(name, help=summary, description=module.__doc__)
        module.add_arguments(chosen)
        chosen.set_defaults(run=getattr(module, "run", None))
    return parser


def _command_in(arguments: list[str]) -> str | None:
    """The command named: the first word that is no option (the top level takes no values)."""
    first = next((a for a in arguments if not a.startswith("-")), None)
    return first if first in COMMANDS else None
