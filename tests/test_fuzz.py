"""Property-based tests of `analyze`: any text, however hostile, gives a sound analysis.

Random Unicode (control, right-to-left, zero-width characters, lone surrogates, every
script), nothing but quotation marks, thousands of unbalanced marks, marks nested 60 deep,
Albanian reporting constructions shuffled with all of these: the analysis returns, and every
offset in it indexes the text. Empty text is an `InputError`, as the API promises.

The work grows in proportion to the text. It is counted, not timed (a clock measures the
machine too): the Python calls made anywhere and the lines run in `attribution`'s own code,
for a text of size n against the same text at 4n and 16n.
"""

from __future__ import annotations

import math
import sys
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

import attribution
from attribution import Analysis, InputError, analyze
from attribution.tokens import SpanIndex

from .conftest import cases, count_case

PACKAGE = str(Path(attribution.__file__).parent)

MARKS = "“”„«»\"‘’‚‹›'"
NESTING = [("“", "”"), ("„", "“"), ("«", "»"), ('"', '"'), ("‘", "’"), ("‹", "›")]
# What Albanian news is made of, and what breaks naive text handling, in pieces to shuffle.
REPORTING = ("tha", "tha se", "tha:", "deklaroi", "sipas", "shtoi", "theksoi", "ka thënë")
REPORTING += ("u shpreh", "u tha gazetarëve", "thuhet në deklaratë", "duke thënë se", "i cili")
SPEAKERS = ("ai", "ajo", "ata", "ministri", "zëdhënësi i ministrisë", "Kremlini", "Turqia")
SPEAKERS += ("Recep Tayyip Erdogan", "Erdoganit", "presidenti turk", "Departamenti i Shtetit")
WORDS = ("qeveria", "bisedimet", "vazhdojnë", "javën", "tjetër", "jemi", "gati", "t’i", "s’ka")
PROSE = (*REPORTING, *SPEAKERS, *WORDS)
SPACING = (" ", " ", " ", "  ", "\n", "\n\n", "\r\n", "\t", "\u00a0", "\u3000")
INVISIBLE = ("\u200b", "\u200d", "\u2060", "\ufeff", "\u202e", "\u202a", "\u200f", "\u2066")
CONTROL = ("\x00", "\x07", "\x1b", "\x7f", "\x85", "\u2028", "\u2029", "\u0301", "ë\u0308")
OTHER_SCRIPTS = ("Путин заявил", "أردوغان قال", "שלום", "習近平表示", "🇦🇱", "👍🏽", "Ⅻ", "ﬁ")
PIECES = [*PROSE, *MARKS, *",.:;!?…-–—()[]", *SPACING, *INVISIBLE, *CONTROL, *OTHER_SCRIPTS]
albanian_soup = st.lists(st.sampled_from(PIECES), min_size=1, max_size=80).map("".join)
any_unicode = st.text(st.characters(exclude_categories=()), max_size=200)
only_marks = st.text(st.sampled_from([*MARKS, " ", "\n"]), min_size=1, max_size=300)


@st.composite
def nested_marks(draw) -> str:
    """Marks of mixed styles nested up to 60 deep, some left open, some closed twice."""
    pairs = draw(st.lists(st.sampled_from(NESTING), min_size=1, max_size=60))
    words = draw(st.lists(st.sampled_from(PROSE), min_size=len(pairs), max_size=len(pairs)))
    opened = "".join(f"{o}{w} " for (o, _), w in zip(pairs, words, strict=True))
    closed = "".join(c for _, c in reversed(pairs))
    cut = draw(st.integers(0, len(closed)))
    return opened + closed[:cut] + draw(st.sampled_from(["", "”", ", tha ai.", "»»"]))


@st.composite
def unbalanced_marks(draw) -> str:
    """Thousands of marks that pair badly, between words and reporting verbs."""
    marks = draw(st.lists(st.sampled_from(MARKS), min_size=1, max_size=50))
    words = draw(st.lists(st.sampled_from(PROSE), min_size=1, max_size=20))
    count = draw(st.integers(1000, 3000))
    return "".join(f"{marks[k % len(marks)]}{words[k % len(words)]} " for k in range(count))


def _analysed(text: str) -> Analysis | None:
    """The analysis, or None where the API promises an InputError (nothing to analyse)."""
    count_case()
    if not text.strip() or any("\ud800" <= c <= "\udfff" for c in text):
        with pytest.raises(InputError):
            analyze(text)
        return None
    return analyze(text)


def _spans(node: object):
    """Every record in the analysis that has a start and an end: quotes, cues, speaker
    mentions, addressees, media, claims and their features, warnings."""
    if isinstance(node, dict):
        if isinstance(node.get("start"), int) and isinstance(node.get("end"), int):
            yield node
        for value in node.values():
            yield from _spans(value)
    elif isinstance(node, list | tuple):
        for value in node:
            yield from _spans(value)


def assert_sound(text: str, analysis: Analysis) -> None:
    assert analysis.text == text
    for span in _spans(analysis.model_dump()):
        assert 0 <= span["start"] <= span["end"] <= len(text), span
        if "text" in span:
            assert text[span["start"] : span["end"]] == span["text"], span
    quotes = analysis.quotes
    assert [(q.start, q.end) for q in quotes] == sorted((q.start, q.end) for q in quotes)
    assert [q.id for q in quotes] == [f"q{n}" for n in range(1, len(quotes) + 1)]
    speakers = {s.id for s in analysis.speakers}
    assert {q.speaker.id for q in quotes if q.speaker} <= speakers
    assert {i for s in analysis.speakers for i in s.quote_ids} <= {q.id for q in quotes}
    assert Analysis.model_validate_json(analysis.model_dump_json()) == analysis


def _check(text: str) -> None:
    analysis = _analysed(text)
    if analysis is not None:
        assert_sound(text, analysis)


@hypothesis_settings(max_examples=cases(150, 3600))
@given(any_unicode)
@example("")
@example(" \n\t\u00a0\u3000")
@example("\ufeff")
@example("\u200b\u200b")
@example("\x00")
@example("\ud800 tha ai")
@example("\u202e“ajo tha” ,")
def test_any_unicode_text(text):
    _check(text)


@hypothesis_settings(max_examples=cases(150, 3600))
@given(albanian_soup)
@example("“Jemi gati”, tha ministri.")
@example("Ai tha se “\u200b” \u202e«»")
@example("ministri tha se " * 40 + "\n\n" + "“" * 40)
def test_albanian_constructions_mixed_with_hostile_characters(text):
    _check(text)


@hypothesis_settings(max_examples=cases(60, 1500))
@given(only_marks)
@example("“" * 5000)
@example("”" * 5000)
@example("“”" * 2500)
def test_nothing_but_quotation_marks(text):
    _check(text)


@hypothesis_settings(max_examples=cases(40, 1000))
@given(nested_marks())
def test_marks_nested_up_to_60_deep(text):
    _check(text)


@hypothesis_settings(max_examples=cases(6, 300))
@given(unbalanced_marks())
def test_thousands_of_unbalanced_marks(text):
    _check(text)


# ------------------------------------------------------------------------ work, not time


def work(text: str) -> int:
    """Python calls made anywhere, plus lines run in attribution's code, to analyse the text.

    Lines are counted so that a loop inside one call (a generator scanning every quote)
    counts for what it does; Stanza's and torch's work is counted by their Python calls.
    """
    count = 0

    def line(frame, event, arg):
        nonlocal count
        count += 1
        return line

    def call(frame, event, arg):
        nonlocal count
        count += 1
        return line if frame.f_code.co_filename.startswith(PACKAGE) else None

    sys.settrace(call)
    try:
        analyze(text)
    finally:
        sys.settrace(None)
    return count


def assert_linear(unit: str, *, joiner: str, size: int) -> None:
    """The unit repeated to about `size` characters (n), 4n and 16n: each step of four may
    cost at most five times the step before (a cost in n² would cost sixteen)."""
    copies = max(1, math.ceil(size / (len(unit) + len(joiner))))
    texts = [joiner.join([unit] * (copies * k)) for k in (1, 4, 16)]
    analyze(texts[-1])  # caches (word stems, lookups) warm for every size alike
    n, four, sixteen = (work(text) for text in texts)
    assert four <= 5 * n and sixteen <= 5 * four, (n, four, sixteen)


@hypothesis_settings(max_examples=cases(8, 150))
@given(albanian_soup.filter(lambda text: text.strip()))
@example("“Jemi gati”, tha ministri. Ai shtoi se bisedimet vazhdojnë.")
@example("Bisedimet vazhdojnë javën tjetër, tha zëdhënësi i ministrisë.")
@example("Sipas ministrit, bisedimet vazhdojnë. Në deklaratë thuhet se jemi gati.")
@example("Jemi gati për dialog”, ka thënë Merkel. “Po")
@example("qeveria")  # each office asked after its holder among every entity before it
@example("sipas")  # each `sipas` counted the reports of the whole text
def test_work_grows_in_proportion_to_the_text(unit):
    """Copies of a text, a paragraph each: what one paragraph costs must not grow with the
    paragraphs around it (quotes checked against every other quote, speakers against every
    mention)."""
    count_case()
    assert_linear(unit, joiner="\n\n", size=200)


@pytest.mark.parametrize(
    "unit",
    [
        "ministri tha se jemi gati dhe ",
        "“Jemi gati”, tha ministri, ",
        pytest.param("bisedimet vazhdojnë, tha zëdhënësi, ", marks=pytest.mark.slow),
        pytest.param("jemi gati, sipas ministrit, ", marks=pytest.mark.slow),
        pytest.param("Jemi gati”, ka thënë Merkel, ", marks=pytest.mark.slow),
        pytest.param("fjalë ", marks=pytest.mark.slow),
    ],
)
def test_work_grows_in_proportion_to_a_sentence_that_never_ends(unit):
    """A page without a full stop is one run of text that every cue in it reads back over;
    the NLP stage cuts such runs (at 250 tokens, about 1300 characters of these), so past
    that length the cost grows in proportion."""
    assert_linear(unit, joiner="", size=1300)


def test_work_grows_in_proportion_to_a_page_of_headlines():
    """A page of headline-like reports, one a paragraph (a case hypothesis found): every
    quote's claim was checked against every other quote before claims used a span index."""
    assert_linear("tha:tha", joiner="\n\n", size=200)


# ------------------------------------------------------------------------ the span index


span_lists = st.lists(st.tuples(st.integers(0, 60), st.integers(0, 20)), max_size=40).map(
    lambda pairs: [(start, start + length) for start, length in pairs]
)


@hypothesis_settings(max_examples=cases(300, 2000))
@given(span_lists, st.integers(-2, 90), st.integers(-2, 25))
def test_span_index_finds_exactly_the_spans_a_scan_finds(given_spans, start, length):
    count_case()
    index = SpanIndex(given_spans)
    end = start + length
    assert index.containing(start, end) == [
        k for k, (s, e) in enumerate(given_spans) if s <= start and end <= e
    ]
    assert index.holds(start) == any(s <= start < e for s, e in given_spans)


# ------------------------------------------------------------------------ 1 MB, in --slow


@pytest.mark.slow
@pytest.mark.parametrize(
    "line",
    [
        "fjalë " * 170_000,
        "ministri tha se jemi gati dhe " * 34_000,
        "“Jemi gati”, tha ministri. " * 38_000,
        "“«„‘" * 250_000,
    ],
    ids=["words", "reports-without-full-stop", "short-quotes", "marks"],
)
def test_one_line_of_a_megabyte(line):
    analysis = analyze(line)
    assert_sound(line, analysis)
