"""The scorer behind `attribution eval` and the quality figures, by the rules of FORMAT.md.

A small gold set written here, with a system output whose every figure can be counted by
hand: spans trimmed of marks and punctuation before they are compared, a match at half the
union, optional quotes neither rewarded nor penalised, a speaker right by any of its names with
case, accents and a small misspelling forgiven, a joint statement right only with all its
speakers. tests/test_quality.py scores the tool on the dev set with it.
"""

from __future__ import annotations

import json

import pytest

from attribution import InputError
from attribution.evaluate import format_report, load_gold, overlap, score, trim_span

TEXT = (
    "“Jemi gati”, tha ministri i Jashtëm. Kremlini deklaroi se bisedimet vazhdojnë. "
    "Ai beson se paqja vjen. Partia tha se do të votojë kundër."
)
SPEAKERS = {
    "minister": {"name": "Igli Hasani", "aliases": ["ministri i Jashtëm"]},
    "kremlin": {"name": "Kremlin", "aliases": ["Kremlini"]},
}


def _span(words: str, *, before: str = "", after: str = "") -> dict[str, int]:
    """The offsets of `words` in TEXT, widened by the characters given around them."""
    start = TEXT.index(words)
    return {"start": start - len(before), "end": start + len(words) + len(after)}


GOLD_QUOTES = [
    {"type": "direct", **_span("Jemi gati"), "speaker": "minister"},
    {"type": "indirect", **_span("bisedimet vazhdojnë"), "speaker": "kremlin"},
    {"type": "indirect", **_span("paqja vjen"), "speaker": "kremlin", "optional": True},
    {"type": "indirect", **_span("do të votojë kundër"), "speaker": None},
]


@pytest.fixture
def gold(tmp_path):
    (tmp_path / "lajm.txt").write_text(TEXT, encoding="utf-8")
    doc = {"id": "lajm", "text_file": "lajm.txt", "speakers": SPEAKERS, "quotes": GOLD_QUOTES}
    (tmp_path / "lajm.json").write_text(json.dumps(doc), encoding="utf-8")
    (tmp_path / "tjeter.draft.json").write_text("{not json, a draft", encoding="utf-8")
    return load_gold(tmp_path)


def _said_by(name: str | None) -> dict:
    return {"speaker": None if name is None else {"name": name}}


SYSTEM = [
    # the marks and the comma around it: the same span once trimmed; the alias in capitals
    {**_span("Jemi gati", before="“", after="”,"), **_said_by("Ministri i Jashtëm")},
    # the conjunction taken in: a match (most of the union), not the exact span; wrong speaker
    {**_span("bisedimet vazhdojnë", before="se "), **_said_by("Rusia")},
    {**_span("paqja vjen"), **_said_by("Kremlini")},  # optional: found, not counted
    {**_span("Kremlini deklaroi"), **_said_by(None)},  # spurious
]


def test_every_figure_is_counted_by_the_rules_of_format_md(gold):
    result = score(gold, {"lajm": SYSTEM})
    assert (result["gold_quotes"], result["system_quotes"]) == (3, 3)
    assert result["quote_detection"] == {"precision": 0.6667, "recall": 0.6667, "f1": 0.6667}
    assert result["exact_span"] == {"precision": 0.3333, "recall": 0.3333, "f1": 0.3333}
    assert result["speaker_accuracy_on_matched"] == 0.5
    assert result["end_to_end"] == {"precision": 0.3333, "recall": 0.3333, "f1": 0.3333}
    assert result["recall_by_type"] == {
        "direct": {"gold": 1, "found": 1.0, "found_with_right_speaker": 1.0},
        "indirect": {"gold": 2, "found": 0.5, "found_with_right_speaker": 0.0},
    }
    assert format_report(result).endswith("end_to_end: P=0.333 R=0.333 F1=0.333")


def test_the_notes_name_what_was_missed_found_in_excess_or_given_the_wrong_speaker(gold):
    notes = score(gold, {"lajm": SYSTEM}, verbose=True)["notes"]
    assert notes == [
        "[speaker] lajm: gold kremlin got ['Rusia'] :: 'bisedimet vazhdojnë'",
        "[missed] lajm (indirect): 'do të votojë kundër'",
        "[spurious] lajm: 'Kremlini deklaroi'",
    ]


@pytest.mark.parametrize(
    ("given", "right"),
    [
        (_said_by("Igli Hasani"), True),
        (_said_by("igli hasani"), True),  # case
        (_said_by("Igli Hasan"), True),  # a letter missing: still 0.88 alike
        ({"speaker": {"name": "?", "mention": {"text": "ministri i Jashtëm"}}}, True),
        (_said_by("Edi Rama"), False),
        (_said_by(None), False),
    ],
)
def test_a_speaker_is_right_by_any_of_its_names(gold, given, right):
    found = {**_span("Jemi gati"), **given}
    assert score(gold, {"lajm": [found]})["speaker_accuracy_on_matched"] == float(right)


def test_a_quote_gold_leaves_without_a_speaker_is_right_only_without_one(gold):
    quote = _span("do të votojë kundër")
    assert score(gold, {"lajm": [{**quote, **_said_by(None)}]})["end_to_end"]["precision"] == 1
    assert score(gold, {"lajm": [{**quote, **_said_by("Partia")}]})["end_to_end"]["f1"] == 0


def test_a_joint_statement_is_right_only_with_every_speaker(gold):
    together = [{**GOLD_QUOTES[0], "speaker": list(SPEAKERS)}]
    joint = {"lajm": {**gold["lajm"], "quotes": together}}
    both = {"speakers": [{"name": "Igli Hasani"}, {"name": "Kremlini"}]}
    one = {"speakers": [{"name": "Igli Hasani"}]}
    span = _span("Jemi gati")
    assert score(joint, {"lajm": [{**span, **both}]})["speaker_accuracy_on_matched"] == 1.0
    assert score(joint, {"lajm": [{**span, **one}]})["speaker_accuracy_on_matched"] == 0.0


def test_spans_match_at_half_their_union_once_trimmed():
    text = "“Po, jemi gati.”"
    assert text[slice(*trim_span(text, 0, len(text)))] == "Po, jemi gati"
    assert overlap((0, 10), (5, 10)) == 0.5
    assert overlap((0, 10), (20, 30)) == 0.0


def test_a_gold_folder_holds_annotations_and_drafts_are_left_out(gold, tmp_path):
    assert list(gold) == ["lajm"] and gold["lajm"]["_text"] == TEXT
    with pytest.raises(InputError, match="not a folder"):
        load_gold(tmp_path / "lajm.txt")
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(InputError, match="no gold annotations"):
        load_gold(empty)
