"""The one family of failures a user can cause: the command and the dashboard catch its base,
so a new kind of failure is one line, never a traceback, without either of them changing."""

from __future__ import annotations

import ast
import inspect

import pytest

from attribution import cli, errors, nlp

from .conftest import ROOT, SEED


def test_every_failure_the_tool_names_is_an_attribution_error():
    kinds = [
        k for _, k in inspect.getmembers(errors, inspect.isclass) if k.__module__ == errors.__name__
    ]
    assert len(kinds) >= 8
    assert all(issubclass(kind, errors.AttributionError) for kind in kinds)


def test_no_module_defines_an_error_of_its_own_outside_the_family():
    """A module's private signal (web's `_Failed`, caught where it is raised) is no error
    a user sees; a public one would escape the command's and the page's catch."""
    defined = {
        f"{path.name}:{node.name}"
        for path in (ROOT / "attribution").rglob("*.py")
        if path.name != "errors.py"
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.ClassDef)
        and not node.name.startswith("_")
        and any(getattr(base, "id", "").endswith(("Error", "Exception")) for base in node.bases)
    }
    assert defined == set()


class Unforeseen(errors.AttributionError):
    """A kind of failure added after the command was written."""


def test_the_command_reports_any_kind_of_the_family_in_one_line(monkeypatch, capsys):
    def refuse(*args, **kwargs):
        raise Unforeseen("the models are being replaced: try again in a minute")

    monkeypatch.setattr(nlp, "pipeline", refuse)
    assert cli.main(["analyze", str(SEED)]) == cli.EXIT_USAGE
    assert capsys.readouterr().err == (
        "attribution: the models are being replaced: try again in a minute\n"
    )


def test_a_failure_outside_the_family_is_a_bug_and_keeps_its_traceback(monkeypatch):
    def fail(*args, **kwargs):
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr(nlp, "pipeline", fail)
    with pytest.raises(ZeroDivisionError):
        cli.main(["analyze", str(SEED)])
