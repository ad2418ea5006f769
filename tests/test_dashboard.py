"""What the dashboard shows of an analysis, without a browser: marks, nesting, filters; and
the page's Markdown, through AppTest."""

from __future__ import annotations

import re

import pytest

from attribution import analyze, dashboard, io
from attribution.report.markdown import WORD_JOINER
from attribution.report.markdown import escape as markdown_text
from attribution.review import apply

from .conftest import open_dashboard

NESTED = "Ministri tha se qeveria “nuk do të tërhiqet” nga reforma <e> drejtësisë."


def _state(text: str):
    return apply(analyze(text), [])


def test_a_partial_quote_inside_an_indirect_one_is_cut_not_nested():
    state = _state(NESTED)
    html = dashboard.article_html(state, state.quotes, dashboard.speaker_colours(state))
    assert "<span><span" not in html and html.count("<span") == html.count("</span>")
    titles = re.findall(r'title="(q\d) ', html)
    assert titles == ["q1", "q2", "q1"]  # the inner quote takes its own colour and title
    assert re.sub(r"<[^>]+>", "", html).replace("&lt;", "<").replace("&gt;", ">") == NESTED


def test_the_text_of_every_piece_is_escaped():
    state = _state(NESTED)
    html = dashboard.article_html(state, state.quotes, dashboard.speaker_colours(state))
    assert "<e>" not in html and "&lt;e&gt;" in html


def test_filters_keep_by_side_speaker_type_state_and_confidence():
    state = _state("“Jemi gati”, tha Kremlini. Turqia tha se bisedimet vazhdojnë.")
    keep = dashboard.QuoteFilter(sides=frozenset({"Russia"}))
    assert [dashboard.speaker_of(q) for q in state.quotes if keep.keeps(q)] == ["Kremlini"]
    keep = dashboard.QuoteFilter(types=frozenset({"indirect"}), min_confidence=0.5)
    assert [dashboard.speaker_of(q) for q in state.quotes if keep.keeps(q)] == ["Turqia"]
    assert not dashboard.QuoteFilter(states=frozenset({"confirmed"})).keeps(state.quotes[0])


def test_groups_by_side_then_speaker_with_one_colour_each():
    state = _state("“Jemi gati”, tha Kremlini. Turqia tha se bisedimet vazhdojnë.")
    colours = dashboard.speaker_colours(state)
    groups = dashboard.groups(state.quotes, colours)
    assert [(g.side, g.speaker) for g in groups] == [("Russia", "Kremlini"), ("Turkey", "Turqia")]
    assert len({g.colour for g in groups}) == 2


# ------------------------------------------------------------------------------ the page

# `$…$` is math wherever Streamlit reads Markdown, `# ` a heading, an address a link.
MARKDOWN_ARTICLE = (
    "# Çmimi $x$ në www.lajme.al\n\n"
    "“Nafta kushton $2 për litër, # jo më shumë”, tha ministri i Financave.\n"
)


@pytest.fixture
def own_store(tmp_path, monkeypatch):
    """A new review store, its workspace this test's alone."""
    monkeypatch.setenv("ATTRIBUTION_STORE", str(tmp_path / "reviews.sqlite3"))


def test_article_and_reviewer_text_is_escaped_in_the_pages_markdown(own_store):
    """The title (a subheader, the workspace's radio), and the reviewer's name and note in
    the history table are Markdown to Streamlit: each is escaped, `$` too. The comparison's
    multiselect shows plain text, so it shows the title as it is."""
    sha = io.from_text(MARKDOWN_ARTICLE, source="pasted text").meta.sha256
    title = "# Çmimi $x$ në www.lajme.al"
    at = open_dashboard().toggle(key="adding").set_value(True).run()
    at.text_area(key="pasted").input(MARKDOWN_ARTICLE).run()
    next(b for b in at.button if b.label == "Analyse pasted text").click().run()
    assert not at.exception, at.exception
    assert at.subheader[0].value == markdown_text(title)
    assert at.subheader[0].value.startswith(r"\# Çmimi \$x\$ në www" + WORD_JOINER)
    (option,) = [o for o in at.radio(key="current").options if sha[:8] in o]
    assert option.startswith(markdown_text(title))

    at.text_input(key="reviewer").input("ana $z$").run()
    at.selectbox(key=f"selected-{sha}").select("q1").run()
    at.toggle(key=f"more-{sha}-q1").set_value(True).run()
    at.text_input(key=f"note-{sha}-q1").input("# shënim për $2").run()
    at.button(key=f"add-note-{sha}-q1").click().run()
    assert not at.exception, at.exception
    (row,) = at.table[0].value.to_dict("records")
    assert row["who"] == r"ana \$z\$" and row["value"] == r"\# shënim për \$2"

    at.session_state["view"] = "Compare"
    at.run()
    assert any(o.startswith(title) for o in at.multiselect(key="cmp-articles").options)


def test_the_workspace_never_shows_another_stores_articles(tmp_path, monkeypatch):
    """Two stores with one article each have the same revision: the page's cache of the
    workspace is keyed on the store too."""
    from attribution import workflow
    from attribution.page import session
    from attribution.store import Store

    shown = {}
    for name, text in [("one", "Ai tha se po."), ("two", "Ajo tha se jo.")]:
        location = tmp_path / f"{name}.sqlite3"
        workflow.open_article(io.from_text(text, source=name), Store(location))
        monkeypatch.setenv("ATTRIBUTION_STORE", str(location))
        shown[name] = [entry.meta.source for entry in session.workspace()]
    assert shown == {"one": ["one"], "two": ["two"]}
