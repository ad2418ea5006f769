"""An apostrophe inside a word (t’i, s’kemi, SHBA’së) is a letter of the word, not a
quotation mark: marks.py reads a ’ between a letter or digit and a letter so. Were it read as
a closing mark, it would end a quote in single marks after `t`, and leave the real closing
mark stray, with a warning, in every article that writes Albanian as it is written.

The texts are written for these tests.
"""

from __future__ import annotations

from functools import cache

import pytest

from attribution import analyze
from attribution.api import parse_document
from attribution.io import from_text
from attribution.marks import pair_marks


@cache
def _analysis(text: str):
    return analyze(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "‘Do t’i ulim taksat për të gjitha bizneset e vogla’, tha ministri i Financave, "
            "Arben Gjoka.",
            [("direct", "Do t’i ulim taksat për të gjitha bizneset e vogla", "Arben Gjoka")],
            id="single marks, cue after",
        ),
        pytest.param(
            "Bashkia njoftoi mbrëmë se furnizimi me ujë do të ndërpritet për dy ditë.\n\n"
            "Kryetari i komunës, Agim Bytyçi, tha: ‘Nuk do t’i lëmë qytetarët pa ujë as edhe "
            "një ditë.’",
            [
                ("indirect", "furnizimi me ujë do të ndërpritet për dy ditë", "Bashkia"),
                ("direct", "Nuk do t’i lëmë qytetarët pa ujë as edhe një ditë.", "Agim Bytyçi"),
            ],
            id="single marks after a colon",
        ),
        pytest.param(
            "“Ai tha ‘s’kemi kohë për lojëra’ dy herë gjatë takimit”, pohoi deputetja Mimoza Lika.",
            [("direct", "Ai tha ‘s’kemi kohë për lojëra’ dy herë gjatë takimit", "Mimoza Lika")],
            id="single marks inside a quote",
        ),
        pytest.param(
            "Qytetarët s’kanë ujë prej tre ditësh, ndërsa bashkia s’ka dhënë asnjë shpjegim "
            "për SHBA’së.\n\n“Po e rregullojmë defektin dhe do t’i njoftojmë të gjithë”, tha "
            "kryetari.",
            [("direct", "Po e rregullojmë defektin dhe do t’i njoftojmë të gjithë", "kryetari")],
            id="apostrophes in the narration",
        ),
    ],
)
def test_an_apostrophe_inside_a_word_neither_ends_a_quote_nor_warns(text, expected):
    analysis = _analysis(text)
    found = [(q.type, q.text, q.speaker.name if q.speaker else None) for q in analysis.quotes]
    assert found == expected
    assert [w.code for w in analysis.warnings] == []


def test_single_marks_pair_around_words_with_apostrophes(data):
    text = "“Ai tha ‘s’kemi kohë për lojëra’ dy herë gjatë takimit”, pohoi ajo, që s’foli më."
    pairing = pair_marks(text, data.quote_marks)
    assert [text[s.start : s.end] for s in pairing.spans] == [
        "Ai tha ‘s’kemi kohë për lojëra’ dy herë gjatë takimit",
        "s’kemi kohë për lojëra",
    ]
    assert pairing.stray_closers == [] and pairing.unclosed == [] and pairing.warnings == []


def test_an_elided_word_keeps_its_apostrophe_as_a_token(data):
    """Stanza cuts `Ç’ka` and `s’kemi` after the apostrophe (`Ç’` `ka`); the ’ stays with its
    word, where a quotation mark the model glued to a word is cut off (api.parse_document)."""
    text = "Ç’ka ndodhur me furnizimin? Ne s’kemi ujë prej tre ditësh, tha Besa Hoxha."
    document = parse_document(from_text(text), data)
    tokens = [token.text for sentence in document.sentences for token in sentence.tokens]
    assert "’" not in tokens
    assert "".join(tokens) == text.replace(" ", "")
