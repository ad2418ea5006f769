"""The entity layer without Stanza: speaker phrases (mentions) and the article's registry.

The text is cut into tokens by a plain pattern (words, initials with their full stop, numbers
with separators, punctuation), one sentence per full stop, so that these tests name the
phrase and registry rules alone and run without the models.
"""

from __future__ import annotations

import re

import pytest

from attribution.cues import CueMatcher
from attribution.gazetteer import Lookup
from attribution.model import Document, DocumentMeta, Sentence, SpeakerKind, Token
from attribution.phrases import PhraseReader
from attribution.registry import Registry
from attribution.tokens import TokenView

_TOKEN = re.compile(r"[A-ZËÇ]\.(?=\s)|\d+(?:[.,]\d+)*|[^\W\d_]+(?:-[^\W\d_]+)*|[^\w\s]")


def _view(text: str) -> TokenView:
    sentences, tokens = [], []
    for match in _TOKEN.finditer(text):
        tokens.append(Token(text=match.group(), start=match.start(), end=match.end()))
        if match.group() == ".":
            sentences.append(tokens)
            tokens = []
    if tokens:
        sentences.append(tokens)
    return TokenView(
        Document(
            meta=DocumentMeta(sha256="0" * 64),
            text=text,
            sentences=tuple(
                Sentence(start=s[0].start, end=s[-1].end, paragraph=0, tokens=tuple(s))
                for s in sentences
            ),
        )
    )


@pytest.fixture(scope="module")
def lookup(data):
    return Lookup(data)


def _reader(data, lookup, view: TokenView) -> PhraseReader:
    cues = CueMatcher(data).find(view)
    return PhraseReader(data, lookup, frozenset(k for c in cues for k in range(c.first, c.last)))


def _phrase_at_start(data, lookup, text: str):
    view = _view(text)
    return view, _reader(data, lookup, view).at(view, 0)


def _name(view: TokenView, phrase) -> str | None:
    if phrase.name is None:
        return None
    start, stop = phrase.name
    return view.text[view[start].start : view[stop - 1].end]


@pytest.mark.parametrize(
    ("text", "phrase", "kind"),
    [
        ("Gjykata Kushtetuese tha se ligji bie.", "Gjykata Kushtetuese", SpeakerKind.INSTITUTION),
        (
            "Komisioni Qendror i Zgjedhjeve njoftoi se votimi mbaroi.",
            "Komisioni Qendror i Zgjedhjeve",
            SpeakerKind.INSTITUTION,
        ),
        (
            "Drejtori i fabrikës së çimentos pohoi se nuk ka ndotje.",
            "Drejtori i fabrikës së çimentos",
            SpeakerKind.PERSON,
        ),
    ],
)
def test_a_body_or_office_is_read_whole_and_names_no_person(data, lookup, text, phrase, kind):
    view, found = _phrase_at_start(data, lookup, text)
    assert found.text(view) == phrase
    assert found.kind == kind
    assert found.name is None  # Kushtetuese, Qendror are no one's name


@pytest.mark.parametrize(
    ("text", "phrase", "name"),
    [
        (  # offices before the name they belong to
            "Ish-kryeministri i Kosovës, lideri i AAK-së, Ramush Haradinaj, tha se po.",
            "Ish-kryeministri i Kosovës, lideri i AAK-së, Ramush Haradinaj",
            "Ramush Haradinaj",
        ),
        (  # the name inside the genitive is the prime minister's, not the spokesman's
            "Zëdhënësi i kryeministrit Gashi, Dardan Morina, tha se po.",
            "Zëdhënësi i kryeministrit Gashi, Dardan Morina",
            "Dardan Morina",
        ),
        (  # a prepositional complement of the office, then the name
            "Ish-këshilltari për çështje ekonomike i qeverisë, Petrit Hoxha, tha se po.",
            "Ish-këshilltari për çështje ekonomike i qeverisë, Petrit Hoxha",
            "Petrit Hoxha",
        ),
        (
            "Georgiev, drejtuesi i TV Newsmax, tha se po.",
            "Georgiev, drejtuesi i TV Newsmax",
            "Georgiev",
        ),
    ],
)
def test_appositions_give_the_office_holder_s_name(data, lookup, text, phrase, name):
    view, found = _phrase_at_start(data, lookup, text)
    assert found.text(view) == phrase
    assert _name(view, found) == name
    assert found.role is not None


def test_two_offices_without_a_name_are_a_list_not_one_speaker(data, lookup):
    view, found = _phrase_at_start(data, lookup, "Ministri, zëvendësministri dhe ekspertët erdhën.")
    assert found.text(view) == "Ministri"


@pytest.mark.parametrize(
    ("text", "phrase", "pronoun"),
    [
        ("Shumë prej të intervistuarve kanë pranuar se po.", "Shumë prej të intervistuarve", None),
        (
            "Secili prej deputetëve të opozitës tha se po.",
            "Secili prej deputetëve të opozitës",
            None,
        ),
        ("Një prej zyrtarëve tha se po.", "Një prej zyrtarëve", None),
        ("Shumë prej tyre thanë se po.", "Shumë prej tyre", "tyre"),
    ],
)
def test_a_part_of_a_group_speaks_for_the_group(data, lookup, text, phrase, pronoun):
    view, found = _phrase_at_start(data, lookup, text)
    assert found.text(view) == phrase
    assert found.pronoun == pronoun
    assert found.kind == (SpeakerKind.GROUP if pronoun is None else None)


def test_one_of_some_things_is_no_speaker(data, lookup):
    _, found = _phrase_at_start(data, lookup, "një nga netët e shumta.")
    assert found is None or found.kind != SpeakerKind.GROUP


def _resolve(data, lookup, text: str, start: str, registry: Registry | None = None):
    view = _view(text)
    reader = _reader(data, lookup, view)
    first = next(t.i for t in view.tokens if t.start == text.index(start))
    phrase = reader.at(view, first)
    registry = registry or Registry(lookup, data.grammar, 2020)
    entity = registry.resolve(view, phrase, view[phrase.first].start)
    return registry, entity, view, phrase


def test_an_initial_keeps_a_namesake_apart(data, lookup):
    _, entity, _, _ = _resolve(data, lookup, "B. Rama deklaroi se po.", "B.")
    assert entity.name == "B. Rama"
    assert entity.gazetteer is None  # not Edi Rama, whom the gazetteer knows as Rama
    _, known, _, _ = _resolve(data, lookup, "Rama deklaroi se po.", "Rama")
    assert known.name == "Edi Rama"


def test_an_office_alone_means_the_person_last_named_with_it(data, lookup):
    text = (
        "Përfaqësuesi i UNICEF-it në Kosovë, Daniel Berger, vizitoi shkollat. "
        "Përfaqësuesi i UNICEF-it theksoi se po."
    )
    registry, berger, view, phrase = _resolve(data, lookup, text, "Përfaqësuesi i UNICEF-it në")
    registry.note(view[phrase.first].start, berger)
    later = text.rindex("Përfaqësuesi")
    _, again, _, _ = _resolve(data, lookup, text, text[later:], registry)
    assert again is berger and berger.name == "Daniel Berger"


def test_an_office_holder_named_in_passing_is_no_referent_for_pronouns(data, lookup):
    text = "Ministri u takua me guvernatorin e Bankës Qendrore, Ilir Dema. Guvernatori tha se po."
    registry, dema, view, phrase = _resolve(data, lookup, text, "guvernatorin")
    assert dema.name == "Ilir Dema"
    registry.hold(view[phrase.first].start, dema)
    end = len(text)
    assert registry.recent(end) is None  # `ai` would find no one here
    assert registry.recent(end, accept=lambda e: "guvernator" in e.roles, offices=True) is dema


def test_a_body_keeps_its_case_forms_together(data, lookup):
    text = "Gjykata Kushtetuese vendosi. Sipas Gjykatës Kushtetuese, ligji bie."
    registry, court, _, _ = _resolve(data, lookup, text, "Gjykata")
    _, again, _, _ = _resolve(data, lookup, text, "Gjykatës", registry)
    assert again is court and court.name == "Gjykata Kushtetuese"


def test_acronyms_with_case_endings_find_their_entry(data, lookup):
    _, osce, _, _ = _resolve(data, lookup, "OSBE-ja tha se po.", "OSBE")
    assert osce.name == "OSBE" and osce.gazetteer is not None


@pytest.mark.parametrize(
    "text",
    [
        "Secili tha se do të votojë.",
        "Ikja e zyrtarit ishte e papritur.",
        "Detaje tronditëse dolën nga raporti.",
        "Kur u pyet, ai tha se po.",
    ],
)
def test_an_ordinary_word_capitalised_at_a_sentence_start_is_no_name(data, lookup, text):
    assert _phrase_at_start(data, lookup, text)[1] is None


@pytest.mark.parametrize(
    ("text", "body"),
    [
        (
            "Qendra për Kontrollin dhe Parandalimin e Sëmundjeve tha se po.",
            "Qendra për Kontrollin dhe Parandalimin e Sëmundjeve",
        ),
        ("Universiteti Johns Hopkins njoftoi se po.", "Universiteti Johns Hopkins"),
    ],
)
def test_an_ordinary_noun_whose_name_goes_on_capitalised_heads_a_body(data, lookup, text, body):
    view, found = _phrase_at_start(data, lookup, text)
    assert found.text(view) == body
    assert found.kind == SpeakerKind.INSTITUTION and found.name is None


def test_a_noun_for_people_from_the_lexicon_is_an_office(data, lookup):
    view, found = _phrase_at_start(data, lookup, "Një grua tha se po.")
    assert found.text(view) == "Një grua" and found.kind == SpeakerKind.PERSON
    assert lookup.role("gruaja").stem == "grua"
    assert lookup.role("duke") is None  # the particle of the gerund, though a duke is a person


@pytest.mark.parametrize(
    ("text", "start", "side"),
    [
        ("Mbretëria e Bashkuar tha se po.", "Mbretëria", "United Kingdom"),
        ("Sipas Mbretërisë së Bashkuar, po.", "Mbretërisë", "United Kingdom"),
        ("Maqedonia e Veriut njoftoi se po.", "Maqedonia", "North Macedonia"),
        ("Sipas Bashkimit Evropian, po.", "Bashkimit", "European Union"),
    ],
)
def test_countries_and_unions_of_several_words_speak_as_one_side(data, lookup, text, start, side):
    _, entity, _, _ = _resolve(data, lookup, text, start)
    assert entity.kind == SpeakerKind.COUNTRY and entity.side == side


@pytest.mark.parametrize("text", ["KQZ-ja njoftoi se po.", "AAK tha se po.", "Sipas IPK-së, po."])
def test_an_acronym_is_a_body_not_a_person(data, lookup, text):
    first = next(w for w in text.split() if w[:2].isupper())
    _, entity, _, _ = _resolve(data, lookup, text, first)
    assert entity.kind == SpeakerKind.INSTITUTION
