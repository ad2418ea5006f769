"""The flat token view the rule stages read, over a real Stanza parse.

The rules look left and right of a cue across token positions and map character spans back
to tokens; each token knows its sentence, its paragraph, whether it is a word and whether it
is capitalised. The span index beside it is tested against a plain scan in
tests/test_fuzz.py. Every sentence is invented.
"""

from __future__ import annotations

import pytest

from attribution import resources
from attribution.api import parse_document
from attribution.io import from_text
from attribution.tokens import TokenView

TEXT = "Lajm i ri\n\nAi tha: “S’kemi kohë.” Ministri e tha në 2025."


def _view(text: str, **options) -> TokenView:
    return TokenView(parse_document(from_text(text), resources.load(), **options))


@pytest.fixture(scope="module")
def view():
    return _view(TEXT)


def test_each_token_knows_its_text_sentence_and_paragraph(view):
    assert all(TEXT[t.start : t.end] == t.text for t in view.tokens)
    assert [t.i for t in view.tokens] == list(range(len(view)))
    sentences = [[view[k].text for k in range(*bounds)] for bounds in view.sentences]
    assert sentences == [
        ["Lajm", "i", "ri"],
        ["Ai", "tha", ":", "“", "S’kemi", "kohë", ".", "”"],
        ["Ministri", "e", "tha", "në", "2025", "."],
    ]
    assert [view[k].para for k in (0, 3, len(view) - 1)] == [0, 1, 1]
    tha = view.first_at_or_after(TEXT.index("tha"))
    assert view.sentence_range(tha) == view.sentences[1]


def test_a_word_has_a_letter_or_a_digit_and_marks_and_punctuation_are_none(view):
    flags = {t.text: (t.is_word, t.capitalised) for t in view.tokens}
    assert flags["S’kemi"] == (True, True) and flags["2025"] == (True, False)
    assert flags["“"] == flags[":"] == flags["."] == (False, False)
    assert view.words(0, len(TEXT)) == 12


@pytest.mark.parametrize(
    ("char", "at_or_after", "before"),
    [
        (0, "Lajm", None),  # nothing ends before the text starts
        (TEXT.index("tha"), "tha", "Ai"),  # at a token's first character
        (TEXT.index("kemi"), "kohë", "“"),  # inside S’kemi: it neither starts nor ends there
        (len(TEXT), None, "."),  # past the last token
    ],
)
def test_a_character_offset_maps_to_the_tokens_around_it(view, char, at_or_after, before):
    after, previous = view.first_at_or_after(char), view.last_before(char)
    assert (view[after].text if after < len(view) else None) == at_or_after
    assert (view[previous].text if previous >= 0 else None) == before


def test_a_character_span_holds_the_tokens_that_start_in_it(view):
    start = TEXT.index("Ai")
    span = view.token_range(start, TEXT.index("“"))
    assert [view[k].text for k in span] == ["Ai", "tha", ":"]
    assert view.words(start, TEXT.index("“")) == 2


def test_a_token_of_several_words_takes_no_one_words_tag():
    """`t’i` is two words (të + i): its tag would be one of them, so the rules read none."""
    tagged = _view("Ai do t’i takojë nesër.", processors=("tokenize", "mwt", "pos", "lemma"))
    tags = {t.text: (t.upos, t.lemma) for t in tagged.tokens}
    assert tags["t’i"] == (None, None)
    assert tags["takojë"] == ("VERB", "takoj")
