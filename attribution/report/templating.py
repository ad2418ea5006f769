"""The HTML the package makes (the HTML report, the comparison page, the dashboard's pieces)
comes from the jinja2 templates in report/templates/, through this one environment.

Autoescape is on for every template, so text from an article or a reviewer is escaped
wherever a template puts it, without a call anyone could forget; StrictUndefined makes a name
that a template uses and its caller does not give fail at once, instead of printing nothing.
HTML that is meant (a highlight, a bold cue inside a translated message) is made by a
template's macro, or here, from escaped parts: nowhere else builds `Markup`.
"""

from __future__ import annotations

from functools import cache

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape


@cache
def environment() -> Environment:
    """One per process: each template is compiled once, and never looked for again on disk
    (the templates are package data)."""
    env = Environment(
        loader=PackageLoader("attribution.report", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        auto_reload=False,
    )
    env.globals["message"] = message
    return env


def render(name: str, /, **values: object) -> str:
    return str(environment().get_template(name).render(**values))


def macro(name: str, macro_name: str):
    """One macro of a template, to call from Python (it returns its HTML as Markup)."""
    return getattr(environment().get_template(name).module, macro_name)


def message(template: str, /, **values: object) -> Markup:
    """A translated message as HTML: the message and each value escaped, but for a value
    that is HTML already (what a macro returned)."""
    return escape(template).format(**values)


def style(css: str) -> Markup:
    """A style sheet of the package's own, for a `<style>` element: it holds no `<`, so it
    cannot close the element."""
    if "<" in css:
        raise ValueError("a style sheet with '<' could close its <style> element")
    return Markup(css)
