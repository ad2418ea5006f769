"""What the dashboard shows of an analysis, without a browser: marks, nesting, filters."""

from __future__ import annotations

import re

from attribution import analyze, dashboard
from attribution.review import apply

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
