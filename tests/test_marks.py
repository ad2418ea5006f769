"""Pairing quotation marks with a stack: styles, nesting, paragraphs, broken marks."""

from __future__ import annotations

import pytest

from attribution.marks import pair_marks


def _contents(text, data):
    return [text[s.start : s.end] for s in pair_marks(text, data.quote_marks).spans]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("“Po”, tha ai.", ["Po"]),
        ("„Po“, tha ai.", ["Po"]),
        ("„Po”, tha ai.", ["Po"]),
        ("«Po», tha ai.", ["Po"]),
        ('"Po", tha ai.', ["Po"]),
        ("“Ai tha ‘jo’ dy herë”, pohoi ajo.", ["Ai tha ‘jo’ dy herë", "jo"]),
        (
            "“Të ketë “shansin e drejtë” çdo opozitë”, theksoi ajo.",
            ["Të ketë “shansin e drejtë” çdo opozitë", "shansin e drejtë"],
        ),
        ('“Jemi gati", tha ai.', ["Jemi gati"]),  # mismatched styles still pair
        ("Do t’i presim, s’ka problem, tha SHBA’së.", []),  # apostrophes are not marks
        ("Ai s'ka thënë asgjë.", []),
        (  # straight marks nested in a curly quote, the second opening after a comma
            '“Fjalët "paqe","luftë" u thanë”, tha ai.',
            ['Fjalët "paqe","luftë" u thanë', "paqe", "luftë"],
        ),
    ],
)
def test_pairs(data, text, expected):
    assert _contents(text, data) == expected


def test_quote_left_open_and_reopened_in_the_next_paragraph_is_one(data):
    text = "“Kemi punuar shumë.\n\n“Tani është radha e tyre”, tha ai."
    pairing = pair_marks(text, data.quote_marks)
    assert [text[s.start : s.end] for s in pairing.spans] == [
        "Kemi punuar shumë.\n\n“Tani është radha e tyre"
    ]
    assert pairing.spans[0].paragraphs == 2


def test_quote_closed_only_in_the_next_paragraph(data):
    text = "“Është koha për një ligj.\n\nNuk mund të ndodhë më” tha ai."
    pairing = pair_marks(text, data.quote_marks)
    assert len(pairing.spans) == 1
    assert text[pairing.spans[0].start : pairing.spans[0].end].startswith("Është koha")


def test_quote_opened_once_and_closed_paragraphs_later_is_one(data):
    text = (
        "Ai foli për ndarjen.\n\n“Nuk ishte e mundur.\n\nAskush nuk e donte.\n\n"
        "Rajoni e pagoi shtrenjtë”, tha ai."
    )
    pairing = pair_marks(text, data.quote_marks)
    assert [text[s.start : s.end] for s in pairing.spans] == [
        "Nuk ishte e mundur.\n\nAskush nuk e donte.\n\nRajoni e pagoi shtrenjtë"
    ]
    assert pairing.spans[0].paragraphs == 3
    assert pairing.unclosed == [] and pairing.stray_closers == []


def test_an_opener_left_open_does_not_take_a_later_quote(data):
    text = "“Nuk ishte e mundur.\n\nParagraf pa shenja.\n\nAi tha: “Jemi gati”."
    pairing = pair_marks(text, data.quote_marks)
    assert [text[s.start : s.end] for s in pairing.spans] == ["Jemi gati"]
    assert pairing.unclosed == [(0, text.index("mundur.") + len("mundur."))]


def test_stray_closer_is_recorded_with_a_warning(data):
    text = "Respektimi i ligjit është thelbësor”, ka thënë Merkel."
    pairing = pair_marks(text, data.quote_marks)
    assert pairing.spans == []
    assert pairing.stray_closers == [text.index("”")]
    assert [w.code for w in pairing.warnings] == ["stray_closer"]


def test_unclosed_mark_runs_to_its_paragraph_end_with_a_warning(data):
    text = "Ai tha: “Nuk do të heqim dorë nga kjo luftë kurrë\n\nParagraf tjetër.\n\nEdhe një."
    pairing = pair_marks(text, data.quote_marks)
    assert pairing.spans == []
    assert pairing.unclosed == [(text.index("“"), text.index("kurrë") + len("kurrë"))]
    assert "unclosed_mark" in {w.code for w in pairing.warnings}


def test_thousands_of_unbalanced_marks_stay_bounded(data):
    text = "“ " * 5000 + "„" * 3000 + " fund."
    pairing = pair_marks(text, data.quote_marks)
    assert all(not text[s.start : s.end].strip() for s in pairing.spans)
    assert len(pairing.warnings) >= 3000 - 32  # the openers left on the stack are reported
