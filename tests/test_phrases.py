"""Speaker phrases read off the real Stanza tokens: how far a phrase that names a speaker
runs, what it says about the speaker (a pronoun, an office, a name, the body behind an
office), and how the reader finds a cue's subject past what stands between them.

tests/test_entities.py reads more phrase shapes (appositions, groups, bodies, ordinary words
capitalised at a sentence start) over a plain pattern tokenizer, without the models. Every
sentence is invented for these tests.
"""

from __future__ import annotations

import pytest

from attribution import resources
from attribution.api import parse_document
from attribution.cues import CueMatcher
from attribution.gazetteer import Lookup
from attribution.io import from_text
from attribution.model import SpeakerKind
from attribution.phrases import Phrase, PhraseReader
from attribution.tokens import TokenView

DATA = resources.load()
LOOKUP = Lookup(DATA)


def _read(text: str) -> tuple[TokenView, PhraseReader]:
    """The tokens and a reader that knows where the cues stand, as the analysis has them."""
    view = TokenView(parse_document(from_text(text), DATA))
    cues = CueMatcher(DATA).find(view)
    return view, PhraseReader(
        DATA, LOOKUP, frozenset(k for c in cues for k in range(c.first, c.last))
    )


def _token(view: TokenView, word: str) -> int:
    return view.first_at_or_after(view.text.index(word))


def _words(view: TokenView, tokens: tuple[int, int] | None) -> str | None:
    if tokens is None:
        return None
    return view.text[view[tokens[0]].start : view[tokens[1] - 1].end]


def _phrase_at(text: str, word: str) -> tuple[TokenView, Phrase | None]:
    view, reader = _read(text)
    return view, reader.at(view, _token(view, word))


# ----------------------------------------------------------------------- one phrase


@pytest.mark.parametrize(
    ("text", "phrase", "kind", "name"),
    [
        pytest.param(
            "Gazeta “Koha Ditore” shkroi se qeveria ra.",
            "Gazeta “Koha Ditore”",
            SpeakerKind.MEDIA,
            "Koha Ditore",
            id="a name in marks after an outlet's noun",
        ),
        pytest.param(
            "Kryeministri Edi Rama tha se qeveria ra.",
            "Kryeministri Edi Rama",
            SpeakerKind.PERSON,
            "Edi Rama",
            id="an office before a name",
        ),
        pytest.param(
            "Presidenti turk tha se qeveria ra.",
            "Presidenti turk",
            SpeakerKind.PERSON,
            None,
            id="a demonym after an office",
        ),
        pytest.param(
            "I dërguari i BE-së tha se qeveria ra.",
            "I dërguari i BE-së",
            SpeakerKind.PERSON,
            None,
            id="a participle made a noun keeps its article",
        ),
        pytest.param(
            "Ministria për Evropën dhe Punët e Jashtme njoftoi se qeveria ra.",
            "Ministria për Evropën dhe Punët e Jashtme",
            SpeakerKind.INSTITUTION,
            None,
            id="për and dhe inside a body's name",
        ),
        pytest.param(
            "Drejtori i Policisë për rajonin e Prizrenit, Agim Gashi, tha se qeveria ra.",
            "Drejtori i Policisë për rajonin e Prizrenit, Agim Gashi",
            SpeakerKind.PERSON,
            "Agim Gashi",
            id="an office with a prepositional complement, then its holder",
        ),
    ],
)
def test_a_phrase_runs_as_far_as_the_speaker_it_names(text, phrase, kind, name):
    view, found = _phrase_at(text, phrase.split()[0])
    assert (found.text(view), found.kind, _words(view, found.name)) == (phrase, kind, name)


def test_an_unnamed_spokesperson_s_phrase_holds_the_body_it_speaks_for():
    view, found = _phrase_at("Zëdhënësi i Departamentit të Shtetit tha se po.", "Zëdhënësi")
    assert found.role.stem == "zëdhënës" and found.name is None
    assert _words(view, found.complement) == "Departamentit të Shtetit"


def test_a_pronoun_is_a_phrase_of_its_own_but_a_demonstrative_before_a_noun_is_not():
    view, pronoun = _phrase_at("Ai tha se qeveria ra.", "Ai")
    assert (pronoun.text(view), pronoun.pronoun, pronoun.kind) == ("Ai", "ai", None)
    view, document = _phrase_at("Vendimi i këtij projektligji u shty.", "këtij")
    assert document.text(view) == "këtij projektligji" and document.pronoun is None
    assert document.kind == SpeakerKind.DOCUMENT


def test_a_capitalised_preposition_opens_no_phrase():
    """`Sipas Ministrit …`: the source is the phrase after the preposition; no one is called
    Sipas, though an ordinary word capitalised before a name could be a first name."""
    text = "Sipas Ministrit të Financave, qeveria ra."
    view, reader = _read(text)
    assert reader.at(view, _token(view, "Sipas")) is None
    assert reader.at(view, _token(view, "Ministrit")).text(view) == "Ministrit të Financave"


# ----------------------------------------------------------------------- around a cue


@pytest.mark.parametrize(
    ("text", "subject"),
    [
        pytest.param(
            "Qeveria do të ulë taksat, tha në një deklaratë me shkrim Hami Aksoy.",
            "Hami Aksoy",
            id="past a prepositional phrase",
        ),
        pytest.param(
            "Qeveria do të ulë taksat, tha më pas ministri.", "ministri", id="past an adverb"
        ),
        pytest.param(
            "Qeveria do të ulë taksat, tha zëdhënësi Ibrahim Kalin.",
            "zëdhënësi Ibrahim Kalin",
            id="an office and its holder",
        ),
        pytest.param("Qeveria do të ulë taksat, thotë ajo.", "ajo", id="a pronoun"),
    ],
)
def test_the_subject_after_a_cue_is_read_past_what_stands_between(text, subject):
    view, reader = _read(text)
    after_cue = _token(view, ",") + 2
    assert reader.subject_after(view, after_cue, len(view)).text(view) == subject


def test_after_a_dative_clitic_the_oblique_phrase_is_the_addressee_not_the_subject():
    view, reader = _read("Taksat do të ulen, u tha gazetarëve ministri i Financave.")
    after_cue = _token(view, "gazetarëve")
    assert reader.subject_after(view, after_cue, len(view)).text(view) == "gazetarëve"
    subject = reader.subject_after(view, after_cue, len(view), dative=True)
    assert subject.text(view) == "ministri i Financave"


@pytest.mark.parametrize(
    ("text", "rest"),
    [
        pytest.param("U tha në televizionin FOX ministri.", "ministri.", id="a naming word's name"),
        pytest.param(
            "U tha për Zërin e Amerikës ministri.", "ministri.", id="an article-led complement"
        ),
        pytest.param(
            "U tha në deklaratë Hami Aksoy.", "Hami Aksoy.", id="a name after a common noun"
        ),
    ],
)
def test_a_prepositional_phrase_ends_before_a_name_it_does_not_call_for(text, rest):
    view, reader = _read(text)
    past = reader.skip_prepositional(view, _token(view, text.split()[2]), len(view))
    assert view.text[view[past].start :] == rest


def test_the_phrase_before_a_cue_is_the_longest_that_ends_there_and_no_pronoun():
    view, reader = _read("Sipas deklaratës së Hotit tha se qeveria ra.")
    document = reader.ending_at(view, _token(view, "tha"), window=6)
    assert document.text(view) == "deklaratës së Hotit"
    assert document.kind == SpeakerKind.DOCUMENT and _words(view, document.complement) == "Hotit"
    view, reader = _read("Ai tha se qeveria ra.")
    assert reader.ending_at(view, _token(view, "tha"), window=6) is None
