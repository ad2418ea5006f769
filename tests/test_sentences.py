"""Sentences and words of short texts outside the NLP stage, by plain rules.

They decide where a verified quote's passage and a compared statement begin and end, the
sentence a report shows around a quote, whether a quote a reviewer adds cuts a word, and where
the words a reviewer types stand in the article. Every offset they give indexes the text they
were given. Every sentence is invented.
"""

from __future__ import annotations

import pytest

from attribution.sentences import (
    excerpt,
    occurrences,
    sentence_bounds,
    sentence_ends,
    trim_space,
    word_spans,
    words,
)

TEXT = "Lajm i fundit\n\nAi tha: “Po, vij.” Ajo heshti! A do të vijë?  Fundi i lajmit "


def _sentences(text: str, *window: int) -> list[str]:
    return [text[start:end] for start, end in sentence_bounds(text, *window)]


def test_a_sentence_ends_at_its_final_mark_a_closing_quote_after_it_or_a_blank_line():
    assert _sentences(TEXT) == [
        "Lajm i fundit",  # a headline: the blank line ends it
        "Ai tha: “Po, vij.”",
        "Ajo heshti!",
        "A do të vijë?",
        "Fundi i lajmit",  # the text's end, without the white space around it
    ]


def test_sentences_are_read_inside_a_window_with_offsets_into_the_whole_text():
    start = TEXT.index("Ajo")
    assert _sentences(TEXT, start, TEXT.index("Fundi")) == ["Ajo heshti!", "A do të vijë?"]
    assert list(sentence_ends(TEXT, start, len(TEXT))) == [
        TEXT.index("!") + 1,
        TEXT.index("?") + 1,
    ]


def test_a_word_keeps_its_inner_apostrophe_and_hyphen_and_leaves_punctuation_out():
    text = "S’ka bisedime Turqi-Rusi për COVID-19, tha ai."
    assert words(text) == ["S’ka", "bisedime", "Turqi-Rusi", "për", "COVID-19", "tha", "ai"]
    assert all(text[start:end] == word for word, start, end in word_spans(text))
    assert word_spans(text, 14, 28) == [("Turqi-Rusi", 14, 24), ("për", 25, 28)]


def test_white_space_is_trimmed_from_a_span_whose_offsets_stay_in_the_text():
    text = "  “Po”, tha ai.\n"
    start, end = trim_space(text, 0, len(text))
    assert text[start:end] == "“Po”, tha ai." and (start, end) == (2, len(text) - 1)


@pytest.mark.parametrize(
    ("text", "limit", "cut"),
    [("Bisedimet vazhdojnë javën tjetër", 12, True), ("Po", 12, False), ("Bisedimet!!", 11, False)],
)
def test_an_excerpt_fits_its_limit_and_marks_a_cut(text, limit, cut):
    shown = excerpt(text, limit)
    assert len(shown) <= limit
    if cut:
        assert shown.endswith("…") and text.startswith(shown[:-1])
    else:
        assert shown == text


def test_words_a_reviewer_types_are_found_each_time_with_or_without_diacritics():
    text = "Oj e shkretë, tha ajo. OJ E SHKRETË, përsëriti ajo."
    assert occurrences(text, "oj e shkrete") == []
    assert occurrences(text, "oj e shkrete", loose=True) == [0, text.index("OJ")]
    assert occurrences(text, "ajo") == [text.index("ajo"), text.rindex("ajo")]
    assert occurrences(text, "") == []
