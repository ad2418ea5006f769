"""Markdown escaping (`report.markdown.escape`), read back by real renderers.

Article and reviewer text is put into Markdown in the places the reports and the page put it
(a line of its own, a `> ` quote, a heading, a list item, bold, a table cell, the line after a
paragraph) and rendered by markdown-it-py as GFM with linkify (fuzzy links and e-mail too) and
dollar math, and by cmark-gfm, GitHub's own. The escaped text adds no element that the same
place with a plain word lacks (no heading, list, rule, code, table, link, image, math or HTML),
and reads as the text itself. Streamlit's renderer (remark-gfm, remark-math, remark-emoji) is
not Python: its bare-address and shortcode patterns, which it applies to the text after
escapes are read, are checked on the rendered text.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import UTC, datetime
from html.parser import HTMLParser

import cmarkgfm
import pytest
from cmarkgfm.cmark import Options
from hypothesis import example, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from mdit_py_plugins.dollarmath import dollarmath_plugin

from attribution import report
from attribution.report import comparison as comparison_report
from attribution.report.markdown import WORD_JOINER, escape

from .conftest import cases, count_case
from .test_security import _comparison, benign, reviewed_article

_MARKDOWN_IT = MarkdownIt("gfm-like").use(dollarmath_plugin)  # linkify on, fuzzy links too

RENDERERS = {
    "markdown-it": _MARKDOWN_IT.render,
    "cmark-gfm": lambda text: cmarkgfm.github_flavored_markdown_to_html(
        text,
        options=Options.CMARK_OPT_UNSAFE,  # raw HTML through: only escaping stops it
    ),
}

# Where the reports and the page put text (report/markdown.py, report/comparison.py).
PLACES = {
    "a line of its own": "{x}",
    "a quote block": "> {x}",
    "a heading": "# Attribution report: {x}",
    "a list item": "- Context: {x}",
    "a list item's start": "- {x}",
    "bold": "- **{x}** — {x}",
    "a table cell": "| speaker | side |\n|---|---:|\n| {x} | “{x}” (x) |",
    "the line after a paragraph": "Fjala e parë\n{x}",
}
PLACEHOLDER = "Zzz"

# Streamlit's renderer finds these in the text after escapes are read (its bundle's
# mdast-util-gfm-autolink-literal, remark-emoji, its icons); taken wider here, without their
# checks of the character before, and with ASCII \w as in JavaScript.
STREAMLIT_FINDS = re.compile(
    r"https?://|www(?=\.)|[-.\w+]+@[-\w]+(?:\.[-\w]+)+|:\+1:|:-1:|:[\w-]+:",
    re.IGNORECASE | re.ASCII,
)


class _Page(HTMLParser):
    """The elements of rendered Markdown and the text a reader sees."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.elements: Counter[str] = Counter()
        self.text: list[str] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.elements[tag] += 1

    def handle_data(self, data):
        self.text.append(data)

    @property
    def shown(self) -> str:
        return "".join(self.text)


def _words(text: str) -> str:
    """The words a reader sees: the invisible joiners and byte-order marks left out."""
    return " ".join(text.replace(WORD_JOINER, "").replace("\ufeff", "").split())


def assert_inert(text: str) -> None:
    """TEXT, escaped, in every place and by every renderer: no element of its own, the same
    words shown, nothing Streamlit would link or turn into an emoji."""
    escaped = escape(text)
    for place, template in PLACES.items():
        for name, render in RENDERERS.items():
            page = _Page(render(template.format(x=escaped)))
            twin = _Page(render(template.format(x=PLACEHOLDER)))
            where = f"{place}, {name}: {escaped!r}"
            assert not page.elements - twin.elements, where
            shown = twin.shown.replace(PLACEHOLDER, _words(text))
            assert _words(page.shown) == _words(shown), where
            icons = page.shown.replace(":material/", ":material_")  # as Streamlit reads icons
            assert not STREAMLIT_FINDS.search(icons), where


# Each of Markdown's markers, and invented Albanian quotes that start with one.
HOSTILE = [
    "# Lajmi i ditës",
    "###### Titull i vogël",
    "Titull i mbyllur ##",
    "#ZgjedhjetTani është fushata",
    "> Citim brenda citimit",
    "- Qeveria nuk do të tërhiqet nga reforma",
    "+ pesë për qind më shumë për pensionet",
    "* Opozita e quan të paligjshme",
    "1. Së pari, do të ulim taksat",
    "2024) ishte viti i zgjedhjeve",
    "3.5 milionë euro",
    "---",
    "***",
    "___",
    "===",
    "- - -",
    "| kolona | tjetra |",
    "|---|---|",
    "    kod i futur brenda",
    "```python",
    "~~~",
    "`kodi` dhe *theksi* dhe _theksi_ dhe **forca** dhe ~~fshirja~~",
    "[lidhje](https://lajme.example/a) dhe ![foto](https://lajme.example/a.png)",
    '[a]: https://lajme.example "titull"',
    "[^1] dhe - [ ] detyrë",
    "<script>alert(1)</script> <b>x</b> <!-- koment -->",
    "&copy; &#65; &amp;",
    "https://lajme.example/artikulli?id=5&faqe=2",
    "Lexoni në www.Lajme.AL/sot.",
    "http://10.0.0.1:8080/x dhe ftp://arkiva.example.org",
    "shkruani në redaksia@lajme.al ose mailto:ana@lajme.al",
    "xmpp:zyra@lajme.al",
    "Balkanweb.com raporton nga //lajme.al/x",
    "p.sh. një shembull",
    "$100 dhe $200",
    "$x$ dhe $$y$$",
    "Çmimi: 5$ ose $5",
    ":flag-al: :material/warning: :+1: :-1:",
    "Në fund një vijë e pjerrët \\",
    "\\# nuk është titull",
    "“- Nuk do të heqim dorë”, tha ministri në www.qeveria.al.",
    "# “Jemi gati”, deklaroi zëdhënësi në info@ministria.gov.al",
    "1) Buxheti: $2 miliardë, sipas https://financa.example/raport",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_markup_in_article_text_stays_text(text):
    assert_inert(text)


def test_text_without_markdown_is_left_as_it_is():
    """The reports of ordinary text do not change: only what Markdown reads is escaped."""
    plain = "Presidenti tha se do të thellojnë raportet (q1), 12.5 për qind më shumë, 2022-01-03."
    assert escape(plain) == plain


def test_an_escaped_address_reads_the_same_and_links_nowhere():
    escaped = escape("shkruani te ana@lajme.al")
    assert escaped == f"shkruani te ana{WORD_JOINER}@lajme\\.al"
    assert _MARKDOWN_IT.render(escaped) == f"<p>shkruani te ana{WORD_JOINER}@lajme.al</p>\n"


# What a hostile article is made of, in pieces to shuffle with words and spaces.
PIECES = [
    *"#>-+*=_`~|[](){}!<>&$:@./\\'\"1",
    *("http", "https://", "www.", "ftp://", "mailto:", "//", ".al", ".com", ".gov", "@lajme"),
    *("1.", "2)", "---", "***", "```", "$$", ":+1:", ":material/", "&amp;", "&#65;", "<b>"),
    *("fjala", "Qeveria", "tha", "ë", "Ç", "lajme", "example", "1999", " ", "  ", "\n", "\t"),
]
# Any character but surrogates and controls, which renderers replace (NUL becomes U+FFFD).
any_character = st.text(st.characters(exclude_categories=("Cs", "Cc")), max_size=3)
hostile_text = (
    st.lists(st.one_of(st.sampled_from(PIECES), any_character), min_size=1, max_size=40)
    .map("".join)
    .filter(_words)  # some text to show: bold around nothing is no bold
)


@hypothesis_settings(max_examples=cases(200, 5000))
@given(hostile_text)
@example("www.AA")  # the dot escaped first hid `www` from the joiner
@example("\ufeff# x")  # a renderer drops the byte-order mark, and sees the `#` start a line
@example(":+1:_:+1:")  # `\_` between two shortcodes still reads as `_`
@example("//1.@lajme")  # an address without a scheme
def test_any_mix_of_markup_and_addresses_stays_text(text):
    count_case()
    assert_inert(text)


# ------------------------------------------------------------------ whole documents


def markdown_payload(where: str) -> str:
    """Markdown that would make a heading, links, an image, math and code, were it not
    escaped; the article starts it on a line of its own (its title)."""
    return (
        f"# {where} [lidhje](https://evil.example/{where}) ![foto](x.png) www.evil.example "
        f"ana@evil.example $x^2$ `kodi` **fort** :+1:"
    )


def _documents(payload) -> dict[str, str]:
    state = reviewed_article(payload)
    built = report.build(state, generated_at=datetime(2026, 11, 29, 9, 0, tzinfo=UTC))
    publication = report.Publication(desk=payload("desk"))
    return {
        "report": report.REGISTRY["md"].render(built, publication),
        "comparison": comparison_report.markdown(_comparison(state)),
    }


@pytest.mark.parametrize("name", RENDERERS)
def test_a_hostile_article_adds_no_markdown_to_the_reports(name):
    """The report and the comparison of an article with Markdown in its title, quotes,
    narration and file name, reviewed with Markdown too, have the elements of the same
    documents made with plain words, and no more."""
    render = RENDERERS[name]
    hostile, plain = _documents(markdown_payload), _documents(benign)
    for document in hostile:
        page, twin = _Page(render(hostile[document])), _Page(render(plain[document]))
        assert page.elements["h3"] > 0 or document == "comparison"  # the quotes are there
        assert not page.elements - twin.elements, (document, page.elements - twin.elements)
        assert "[lidhje](https://evil.example/quote)" in _words(page.shown)  # shown as text
