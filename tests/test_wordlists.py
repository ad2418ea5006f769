"""The generated word lists, kept packed: one sorted string asked by bisection.

The common words and the office nouns hold some 150,000 forms, asked one word at a time for
every capitalised token; these tests hold the packed list to answering as a set of the same
words would, and the office lexicon to finding each form's lemma.
"""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from attribution import resources
from attribution.wordlists import CommonWords, OfficeLexicon, PackedWords

HEADER = {
    "version": "1",
    "lang": "sq",
    "source": "written for the tests",
    "licence": "CC0",
    "built_by": "tests/test_wordlists.py",
    "counts": {},
}


def test_a_packed_list_answers_as_the_set_of_its_words():
    words = ["zog", "ari", "mace", "ari", "ariu"]  # unsorted, with a repeat
    packed = PackedWords(words)
    assert [packed[k] for k in range(len(packed))] == sorted(set(words))
    for word in ["ari", "ariu", "mace", "zog"]:
        assert word in packed
    for other in ["ar", "aria", "zogu", "", 3, None]:
        assert other not in packed


def test_a_packed_list_of_keys_and_values_gives_the_value_of_a_whole_key_only():
    lemmas = PackedWords(["ministrit\tministër", "ministri\tministër", "gruaja\tgrua"])
    assert (lemmas.value("ministri"), lemmas.value("gruaja")) == ("ministër", "grua")
    assert lemmas.value("minist") is None and lemmas.value("grua") is None


def test_an_office_noun_is_found_by_any_of_its_forms():
    lexicon = OfficeLexicon.model_validate(
        {
            "header": HEADER,
            "lemmas": ["grua", "zëdhënës"],
            "entries": [
                {"lemma": "grua", "gender": "f", "forms": ["gruaja", "gruas", "gratë"]},
                {"lemma": "zëdhënës", "gender": "m", "forms": ["zëdhënësi", "zëdhënësit"]},
            ],
        }
    )
    assert [lexicon.lemma_of(form) for form in ("gratë", "zëdhënësit", "burri")] == [
        "grua",
        "zëdhënës",
        None,
    ]
    assert lexicon.entries[0].lemma == "grua"  # the forms live in the index alone


@pytest.mark.parametrize(
    ("model", "raw", "says"),
    [
        (CommonWords, {"words": ["Shumë", 3], "name_homographs": []}, "a list of words"),
        (
            OfficeLexicon,
            {"lemmas": ["grua"], "entries": [{"lemma": "grua", "gender": "f", "forms": "gruaja"}]},
            "grua: forms must be a list",
        ),
    ],
)
def test_a_malformed_generated_list_is_refused_saying_what_is_wrong(model, raw, says):
    with pytest.raises(ValidationError, match=says):
        model.model_validate({"header": HEADER, **raw})


def test_the_bundled_lists_are_packed_and_answer():
    data = resources.load()
    assert isinstance(data.common_words.words, PackedWords) and "shumë" in data.common_words.words
    assert data.offices.lemma_of("zëdhënësit") == "zëdhënës"
