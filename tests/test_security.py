"""Security review of the dashboard and the reports.

- Article text, file names and reviewers' words reach HTML only escaped: a hostile article,
  reviewed with hostile words, goes through every function that makes HTML (found by name,
  so a new one cannot be left out), and no element, attribute or script URL of its own
  survives. The HTML comes from jinja2 templates that escape whatever they print: the scan
  reaches every template and macro, no template turns escaping off, and only
  report/templating.py makes `Markup`. Every call of the page (app.py, attribution/page/)
  that shows text as Markdown or HTML is read from the source, and each of its parts must go
  through an escaping function or a checked renderer.
- Uploads are size-limited: Streamlit's own limit matches `attribution.io.MAX_BYTES`.
- The seed picker reads only the files of seeds/, whatever value the browser sends.
"""

from __future__ import annotations

import ast
import inspect
import re
import tomllib
from collections.abc import Callable
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path

import pytest
from jinja2 import nodes
from streamlit.proto.WidgetStates_pb2 import WidgetState
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Selectbox

from attribution import analyze, dashboard, io
from attribution.api import compare
from attribution.compare import readout, statements
from attribution.report import Publication, build, templating
from attribution.report import comparison as comparison_report
from attribution.report import html as report_html
from attribution.review import ActionKind, ReviewAction, ReviewedAnalysis, Verdict, apply
from attribution.workflow import WorkspaceEntry

from .conftest import ROOT, open_dashboard, streamlit_option

# The dashboard: app.py and the page it runs.
PAGE = [ROOT / "app.py", *sorted((ROOT / "attribution" / "page").glob("*.py"))]


def _page_sources() -> dict[str, str]:
    return {path.name: path.read_text(encoding="utf-8") for path in PAGE}


SEEDS = ROOT / "seeds"
MODULES = (dashboard, report_html, comparison_report)


def hostile(where: str) -> str:
    """Markup that would run, or break out of an attribute, were it not escaped."""
    return f"\"'><img src=x onerror=alert('{where}')><script>alert('{where}')</script>"


def benign(where: str) -> str:
    return f"fjala {where}"


def reviewed_article(payload: Callable[[str], str]) -> ReviewedAnalysis:
    """An article with the payload in its title, file name, quotes and narration, reviewed
    with it too: reviewer, corrected speaker, note, verdict, a quote added by hand."""
    text = (
        f"Titulli {payload('title')}\n\n"
        f"“{payload('quote')} Nuk do të heqim dorë nga 30 për qind e taksave”, tha ministri.\n\n"
        f"Kryeministri tha se qeveria {payload('clause')} do të ulë taksat me 5 për qind në "
        "vitin 2024.\n\nSipas Bankës Botërore, buxheti u rrit me 12 milionë euro."
    )
    analysis = analyze(io.from_text(text, source=f"{payload('file')}.txt"))
    first, claim = analysis.quotes[0], analysis.claims[0]
    reviewer = payload("reviewer")

    def action(kind: ActionKind, start: int, end: int, **details) -> ReviewAction:
        return ReviewAction(
            kind=kind, start=start, end=end, reviewer=reviewer, at=datetime.now(UTC), **details
        )

    verdict = Verdict(rating=2, explanation=payload("verdict"))
    added = text.index("buxheti")
    return apply(
        analysis,
        [
            action(ActionKind.SPEAKER, first.start, first.end, speaker=payload("speaker")),
            action(ActionKind.NOTE, first.start, first.end, note=payload("note")),
            action(ActionKind.VERDICT, first.start, first.end, verdict=verdict),
            action(ActionKind.NOTE, claim.start, claim.end, note=payload("claim note")),
            action(ActionKind.VERDICT, claim.start, claim.end, verdict=verdict),
            action(ActionKind.ADD, added, added + 7, type="direct", speaker=payload("added")),
        ],
    )


def _article_html(state: ReviewedAnalysis) -> str:
    colours = dashboard.speaker_colours(state)
    return dashboard.article_html(state, state.quotes, colours, state.quotes[0].quote.id)


def _claims_article_html(state: ReviewedAnalysis) -> str:
    colours = dashboard.speaker_colours(state)
    return dashboard.claims_article_html(state, state.claims, colours, state.claims[0].claim.id)


def _comparison(state: ReviewedAnalysis):
    side_a = statements([state.analysis], side=None)
    side_b = readout(state.analysis.text, name="Palë B", source=state.analysis.meta.source)
    return compare(side_a, side_b, a_name=state.analysis.meta.title or "A", b_name="Palë B")


def _workspace_html(state: ReviewedAnalysis) -> str:
    reviewer = state.quotes[0].reviewer  # a hostile name, also the outlet here
    entry = WorkspaceEntry(
        sha256=state.analysis.meta.sha256,
        meta=state.analysis.meta.model_copy(update={"outlet": reviewer}),
        versions=2,
        reviewed=1,
        total=len(state.quotes),
        last_action=state.quotes[0].history[-1],
    )
    return dashboard.workspace_html([entry])


# Every function that makes HTML, with how to call it on a reviewed article.
RENDERERS: dict[str, Callable[[ReviewedAnalysis], str]] = {
    "dashboard.groups_html": lambda s: dashboard.groups_html(
        s.quotes, dashboard.speaker_colours(s)
    ),
    "dashboard.article_html": _article_html,
    "dashboard.legend_html": lambda s: dashboard.legend_html(dashboard.speaker_colours(s)),
    "dashboard.workspace_html": _workspace_html,
    "dashboard.item_html": lambda s: "".join(dashboard.item_html(q, "#ccc") for q in s.quotes),
    "dashboard.claims_article_html": _claims_article_html,
    "dashboard.claim_html": lambda s: "".join(
        dashboard.claim_html(c, dashboard.speaker_colours(s)) for c in s.claims
    ),
    "report.html.render": lambda s: report_html.render(
        build(s, generated_at=datetime.now(UTC)),
        Publication(desk=s.quotes[0].reviewer, url=s.quotes[0].reviewer),
    ),
    "report.comparison.html": lambda s: comparison_report.html(_comparison(s)),
    "report.comparison.html_body": lambda s: comparison_report.html_body(_comparison(s)),
}


def test_every_function_that_makes_html_is_checked():
    found = {
        f"{module.__name__.removeprefix('attribution.')}.{name}"
        for module in MODULES
        for name, function in inspect.getmembers(module, inspect.isfunction)
        if function.__module__ == module.__name__
        and not name.startswith("_")
        and ("html" in name.split("_") or (module is report_html and name == "render"))
    }
    assert found == set(RENDERERS)


class _Markup(HTMLParser):
    """The elements, attributes and text of a piece of HTML, as a browser would read them."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.tags: set[str] = set()
        self.attributes: list[tuple[str, str]] = []
        self.shown: list[str] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.attributes += [(name, value or "") for name, value in attrs]

    def handle_data(self, data):
        self.shown.append(data)


@pytest.fixture(scope="module")
def articles() -> tuple[ReviewedAnalysis, ReviewedAnalysis]:
    return reviewed_article(hostile), reviewed_article(benign)


@pytest.mark.parametrize("renderer", list(RENDERERS))
def test_hostile_words_are_shown_as_text_never_as_markup(renderer, articles):
    hostile_state, benign_state = articles
    page = _Markup(RENDERERS[renderer](hostile_state))
    twin = _Markup(RENDERERS[renderer](benign_state))  # the same page with plain words
    assert page.tags <= twin.tags, page.tags - twin.tags
    assert {name for name, _ in page.attributes} <= {name for name, _ in twin.attributes}
    for name, value in page.attributes:
        if name in {"href", "src", "action"}:
            assert not value.strip().lower().startswith("javascript:"), (name, value)
    assert "<script>alert(" in "".join(page.shown)  # displayed, as the article has it


TEMPLATES = Path(templating.__file__).parent / "templates"


def test_the_scan_reaches_every_template_and_macro(articles, monkeypatch):
    """The renderers above make their HTML with the templates: a template or a macro that
    none of them reaches would be left out of the scan."""
    environment = templating.environment()
    loaded: set[str] = set()
    called: set[str] = set()
    get_template, macro = environment.get_template, templating.macro

    def loading(name, *args, **kwargs):
        loaded.add(name)
        return get_template(name, *args, **kwargs)

    def calling(template: str, name: str):
        called.add(name)
        return macro(template, name)

    monkeypatch.setattr(environment, "get_template", loading)
    monkeypatch.setattr(templating, "macro", calling)
    for render in RENDERERS.values():
        render(articles[0])
    files = {path.name for path in TEMPLATES.glob("*.j2")}
    assert len(files) >= 4 and loaded == files
    defined, used = set(), set(called)
    for name in files:
        tree = environment.parse(environment.loader.get_source(environment, name)[0])
        defined |= {found.name for found in tree.find_all(nodes.Macro)}
        used |= {c.node.name for c in tree.find_all(nodes.Call) if isinstance(c.node, nodes.Name)}
    assert defined - used == set()


def _makes_markup(node: ast.AST) -> bool:
    """`Markup(…)`, which a template prints as it is; or jinja2 itself, whose environment
    could be made without autoescape."""
    if isinstance(node, ast.Call):
        return ast.unparse(node.func).split(".")[-1] == "Markup"
    return isinstance(node, ast.Import | ast.ImportFrom) and "jinja2" in ast.unparse(node)


def test_markup_is_made_in_one_place_and_no_template_turns_escaping_off():
    makers = {
        path.relative_to(ROOT).as_posix()
        for path in sorted((ROOT / "attribution").rglob("*.py"))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if _makes_markup(node)
    }
    assert makers == {"attribution/report/templating.py"}
    for path in TEMPLATES.glob("*.j2"):
        source = path.read_text(encoding="utf-8")
        assert not re.search(r"\|\s*safe\b|autoescape\s+false|Markup", source), path.name


# ------------------------------------------------------------------- the page

# Streamlit calls that show their argument as Markdown (or, st.html, as HTML).
SHOWS_MARKUP = {
    "html",
    "markdown",
    "write",
    "title",
    "header",
    "subheader",
    "caption",
    "error",
    "warning",
    "info",
    "success",
    "toast",
    "table",  # its cells
}
ESCAPERS = {"markdown_text", "escape"}  # report.markdown.escape, html.escape
CHECKED_RENDERERS = {  # module alias in the page -> its functions checked above
    "dashboard": {name.split(".")[-1] for name in RENDERERS if name.startswith("dashboard.")},
    "comparison_report": {"html_body"},
}
STYLE_SHEETS = {"dashboard.STYLE", "comparison_report.PAIR_STYLE"}
# Translations of a value that give the value back as it is when the catalog has none: as safe
# as what they are given.
TRANSLATED_AS_GIVEN = {"term"}
# What the page shows unescaped that holds no article or reviewer text, and why.
SAFE_AS_IS = {
    "quote_id": "an id the tool made (q1…, a1…); the panel looks it up among the quotes",
    "item.status.value": "a review state, one of an enum's values",
    "i18n.role(reviewer.role.value)": "a role's name from the catalog, one of an enum's values",
    "name": "the letter of a comparison side, A or B",
    "heading": "a panel heading: fixed words and counts",
    "a.at.strftime('%Y-%m-%d %H:%M')": "when a review action was recorded",
    "a.kind.value": "a review action's kind, one of an enum's values",
    "a.identity.subject": "who signed in, as the desk's own sign-in provider names them",
    "a.identity.issuer": "the desk's own sign-in provider",
}


def _is_message(node: ast.expr | None) -> bool:
    """`_("…")` or `ngettext("…", "…", n)`: words of the project's own catalog, which
    test_i18n keeps free of markup."""
    return (
        isinstance(node, ast.Call)
        and ast.unparse(node.func) in {"_", "ngettext"}
        and isinstance(node.args[0], ast.Constant)
    )


def _call_values(call: ast.Call) -> list[ast.expr]:
    return [*call.args, *(keyword.value for keyword in call.keywords)]


def _streamlit_calls(tree: ast.Module) -> list[ast.Call]:
    """Calls that show markup: st.X, st.sidebar.X, a column's or container's X, and the
    `getattr(st, level)(…)` of a flash message; not a module of ours that has a `markdown`."""
    ours = {
        alias.asname or alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
    }
    calls = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        function = node.func
        if isinstance(function, ast.Attribute) and function.attr in SHOWS_MARKUP:
            receiver = ast.unparse(function.value)
            if receiver.split(".")[0] not in ours:
                calls.append(node)
        elif isinstance(function, ast.Call) and ast.unparse(function.func) == "getattr":
            calls.append(node)
    return calls


def _unescaped(node: ast.expr) -> list[str]:
    """The parts of an expression that could carry article text to the page unescaped."""
    if isinstance(node, ast.Constant):
        return []
    if isinstance(node, ast.JoinedStr):
        return [part for value in node.values for part in _unescaped(value)]
    if isinstance(node, ast.FormattedValue):
        return _unescaped(node.value)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _unescaped(node.left) + _unescaped(node.right)
    if isinstance(node, ast.IfExp):
        return _unescaped(node.body) + _unescaped(node.orelse)
    if isinstance(node, ast.ListComp):  # a table's rows
        return _unescaped(node.elt)
    if isinstance(node, ast.Dict):  # a row: its column names and cells
        return [part for value in [*node.keys, *node.values] for part in _unescaped(value)]
    if _is_message(node):
        return []
    if isinstance(node, ast.Call) and _is_message(getattr(node.func, "value", None)):
        return [part for value in _call_values(node) for part in _unescaped(value)]  # .format
    if isinstance(node, ast.Call) and ast.unparse(node.func) in TRANSLATED_AS_GIVEN:
        return [part for value in _call_values(node) for part in _unescaped(value)]
    source = ast.unparse(node)
    if source in STYLE_SHEETS or source in SAFE_AS_IS:
        return []
    if isinstance(node, ast.Call):
        function = ast.unparse(node.func)
        module, _, name = function.rpartition(".")
        if function in ESCAPERS or function == "len" or name in CHECKED_RENDERERS.get(module, ()):
            return []
        if function == "''.join":  # "".join(renderer(item) for item in …)
            return _unescaped(node.args[0].elt)
    return [source]


def test_every_markdown_or_html_call_in_the_app_escapes_what_it_shows():
    calls = {name: _streamlit_calls(ast.parse(source)) for name, source in _page_sources().items()}
    assert sum(map(len, calls.values())) >= 10  # the scan finds the calls (would pass on none)
    unescaped = {
        f"{name} line {call.lineno}: {ast.unparse(call)}": parts
        for name, found in calls.items()
        for call in found
        if (parts := [p for arg in call.args for p in _unescaped(arg)])
    }
    assert not unescaped


def test_the_app_never_lets_markup_through_unescaped():
    sources = _page_sources().values()
    keywords = {
        k.arg
        for source in sources
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Call)
        for k in node.keywords
    }
    assert "unsafe_allow_html" not in keywords
    assert not any("components" in source for source in sources)  # no st.components iframes


# ------------------------------------------------------------------------ uploads


def test_streamlit_refuses_uploads_over_the_tools_own_limit():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["maxUploadSize"] * 1024 * 1024 == io.MAX_BYTES  # Streamlit's MB
    assert int(streamlit_option("server.maxUploadSize")) * 1024 * 1024 == io.MAX_BYTES


def test_no_uploader_raises_the_limit():
    uploaders = [
        node
        for source in _page_sources().values()
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Call) and ast.unparse(node.func).endswith("file_uploader")
    ]
    assert uploaders
    assert all(k.arg != "max_upload_size" for node in uploaders for k in node.keywords)


# ------------------------------------------------------------------------ the seed picker


def _sent_by_a_crafted_client(selectbox: Selectbox, value: str) -> None:
    """Make the widget send `value`, as a client that writes its own messages could: the
    browser sends the chosen option as a string, and nothing stops it sending another."""

    class Crafted(Selectbox):
        @property
        def _widget_state(self) -> WidgetState:
            return WidgetState(id=self.id, string_value=value)

    selectbox.__class__ = Crafted


@pytest.fixture
def picker(tmp_path, monkeypatch) -> AppTest:
    monkeypatch.setenv("ATTRIBUTION_STORE", str(tmp_path / "reviews.sqlite3"))
    return open_dashboard().toggle(key="adding").set_value(True).run()


def _open_seed(at: AppTest) -> list[str]:
    next(b for b in at.button if b.label == "Open seed").click().run()
    assert not at.exception, at.exception
    return [source.meta.source for source in at.session_state["articles"].values()]


def test_the_seed_picker_offers_the_files_of_seeds_only(picker):
    assert picker.selectbox(key="seed_choice").options == sorted(
        p.name for p in SEEDS.glob("*.txt")
    )
    picker.selectbox(key="seed_choice").set_value(picker.selectbox(key="seed_choice").options[0])
    assert all(source.startswith(str(SEEDS)) for source in _open_seed(picker))


@pytest.mark.parametrize("sent", ["../README.md", "/etc/passwd", "../seeds/../app.py"])
def test_the_seed_picker_reads_nothing_outside_seeds(picker, sent):
    _sent_by_a_crafted_client(picker.selectbox(key="seed_choice"), sent)
    outside = [s for s in _open_seed(picker) if Path(s).resolve().parent != SEEDS.resolve()]
    assert not outside, outside
    assert [e.value for e in picker.sidebar.error] == ["no such seed article"]
