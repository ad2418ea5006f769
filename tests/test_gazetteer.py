"""Looking words and names up in the speaker data, whatever their case form.

A news text names the Turkish president Erdoganit, the country Turqisë and the ministry
Ministrisë; the lexicons list them once, in the nominative. These tests hold `Lookup` to
finding each through its inflections, and to the readings the rules depend on (an office
before a body, a country without its capital, the holder of an office in the article's year).
"""

from __future__ import annotations

import pytest

from attribution.gazetteer import Lookup
from attribution.model import SpeakerKind


@pytest.fixture(scope="module")
def lookup(data):
    return Lookup(data)


@pytest.mark.parametrize(
    ("word", "stem", "kind"),
    [
        ("ministrin", "ministr", SpeakerKind.PERSON),
        ("ministrja", "ministr", SpeakerKind.PERSON),
        ("zëdhënësit", "zëdhënës", SpeakerKind.PERSON),
        ("Ish-kryeministri", "kryeministr", SpeakerKind.PERSON),
        ("Ministrisë", "ministri", SpeakerKind.INSTITUTION),
        ("Departamentit", "departament", SpeakerKind.INSTITUTION),
    ],
)
def test_a_role_noun_is_found_in_any_case_form_and_after_a_prefix(lookup, word, stem, kind):
    role = lookup.role(word)
    assert (role.stem, role.kind) == (stem, kind)


def test_a_word_that_names_an_office_or_a_body_reads_as_the_person(lookup):
    """`ministri` is the minister (ministr + i) before the ministry (ministri)."""
    assert lookup.role("ministri").kind == SpeakerKind.PERSON


@pytest.mark.parametrize(
    ("word", "country"),
    [("Turqisë", "Turkey"), ("SHBA-së", "United States"), ("Rusinë", "Russia")],
)
def test_a_country_is_found_in_any_case_form(lookup, word, country):
    assert lookup.country(word).name == country


def test_a_capital_speaks_for_its_country_only_where_capitals_are_asked_for(lookup):
    assert lookup.country("Moskës").name == "Russia"
    assert lookup.country("Moskës", capitals=False) is None


@pytest.mark.parametrize(
    ("name", "country"),
    [
        ("Rusisë", "Russia"),
        (" Rusia ", "Russia"),
        ("Mbretëria e Bashkuar", "United Kingdom"),
        ("Mbretërisë së Bashkuar", "United Kingdom"),
        ("Moska", None),
    ],
)
def test_a_side_a_person_types_is_a_country_in_any_form_never_a_capital(lookup, name, country):
    found = lookup.country_named(name)
    assert (found.name if found else None) == country


def test_a_country_is_shown_to_a_desk_by_its_albanian_name(lookup):
    assert lookup.albanian_name("Russia") == "Rusia"
    assert lookup.albanian_name("Narnia") is None


@pytest.mark.parametrize(
    ("word", "country"),
    [
        ("turk", "Turkey"),
        ("turke", "Turkey"),
        ("ruse", "Russia"),
        ("libiane", "Libya"),
        ("francez", "France"),
        ("kryeministri", None),
    ],
)
def test_a_demonym_or_a_derived_adjective_gives_its_country(lookup, word, country):
    found = lookup.demonym(word)
    assert (found.name if found else None) == country


@pytest.mark.parametrize(
    ("words", "entry"),
    [
        (["Erdoganit"], "erdogan"),
        (["Recep", "Tayyip", "Erdoganit"], "erdogan"),
        (["Putinit"], "putin"),
        (["OSBE-së"], "osce"),
        (["B.", "Rama"], None),  # an initial that is not Edi's
        ([], None),
    ],
)
def test_a_gazetteer_name_is_found_in_any_case_form(lookup, words, entry):
    found = lookup.entry(words)
    assert (found.id if found else None) == entry


@pytest.mark.parametrize(
    ("words", "year", "holder"),
    [
        (["presidenti", "turk"], 2020, "erdogan"),
        (["presidentit", "turk"], 2020, "erdogan"),
        (["presidenti", "amerikan"], 2019, "trump"),
        (["presidenti", "amerikan"], 2022, "biden"),
        (["presidenti", "turk"], 2010, None),  # before his term: no one the data knows
        (["presidenti", "amerikan"], None, None),  # no date: two holders, no guess
    ],
)
def test_an_office_names_its_holder_in_the_articles_year(lookup, words, year, holder):
    found = lookup.entry_by_role(words, year)
    assert (found.id if found else None) == holder


@pytest.mark.parametrize(
    ("word", "nominative"),
    [
        ("Departamentit", "Departamenti"),
        ("Ministrisë", "Ministria"),
        ("Kremlinit", "Kremlini"),
        ("SHBA-së", "SHBA"),
        ("Kosova", "Kosova"),
    ],
)
def test_a_body_named_in_an_oblique_case_is_named_in_the_nominative(lookup, word, nominative):
    assert lookup.nominative(word) == nominative


@pytest.mark.parametrize(
    ("word", "common"), [("Shumë", True), ("Qendrës", True), ("Detaje", True), ("Erdogan", False)]
)
def test_an_ordinary_word_is_common_whatever_its_capital_letter(lookup, word, common):
    assert lookup.is_common(word) is common
