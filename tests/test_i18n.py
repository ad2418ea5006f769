"""The interface's languages: the catalogs are complete and current, and what the pages
build (the article's marks, the comparison, the workspace) speaks the language chosen."""

from __future__ import annotations

import ast
import re
import string
import threading
from pathlib import Path
from typing import get_args

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from attribution import analyze, dashboard, i18n, io
from attribution.actions import ActionKind, CheckKind
from attribution.api import compare
from attribution.compare import statements
from attribution.i18n import _, ngettext
from attribution.model import Claimant, CueKind, SpeakerKind
from attribution.render import optional_kind
from attribution.report import comparison
from attribution.review import QuoteStatus, apply
from attribution.verify import Band

from .conftest import ROOT, SEED

CATALOG = i18n.LOCALE_DIR / "sq" / "LC_MESSAGES" / "attribution.po"
COMPILED = CATALOG.with_suffix(".mo")
MESSAGE_FUNCTIONS = {"_", "ngettext", "N_"}


def _messages_in_the_code() -> set[str]:
    with (ROOT / "babel.cfg").open(encoding="utf-8") as config:
        method_map, options = parse_mapping_cfg(config)
    found = extract_from_dir(str(ROOT), method_map, options)
    return {message[2] if isinstance(message[2], str) else message[2][0] for message in found}


def _catalog(path: Path):
    with path.open("rb") as file:
        return read_po(file) if path.suffix == ".po" else read_mo(file)


def _translations(catalog) -> dict[str, tuple[str, ...]]:
    return {
        m.id if isinstance(m.id, str) else m.id[0]: (
            (m.string,) if isinstance(m.string, str) else tuple(m.string)
        )
        for m in catalog
        if m.id
    }


def test_every_message_of_the_code_has_an_albanian_translation():
    code = _messages_in_the_code()
    assert len(code) > 150  # the extraction reads the code (it would pass on nothing)
    catalog = _catalog(CATALOG)
    translated = _translations(catalog)
    assert code - set(translated) == set(), "run scripts/translations.sh and translate"
    assert set(translated) - code == set(), "messages the code no longer has"
    assert [m.id for m in catalog if m.fuzzy and m.id] == []
    assert [m for m, forms in translated.items() if not all(forms)] == []


def test_the_shipped_catalog_is_compiled_from_the_current_translations():
    assert _translations(_catalog(COMPILED)) == _translations(_catalog(CATALOG))


def _fields(text: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(text) if field is not None}


def test_translations_keep_every_placeholder_and_carry_no_markup():
    for message in _catalog(CATALOG):
        if not message.id:
            continue
        ids = (message.id,) if isinstance(message.id, str) else message.id
        forms = (message.string,) if isinstance(message.string, str) else message.string
        for form in forms:
            assert _fields(form) == _fields(ids[0]), message.id
            assert "<" not in form and ">" not in form, message.id  # the pages escape nothing here
            assert form.count("**") == ids[0].count("**"), message.id


def test_no_message_hides_in_an_f_string_where_the_extraction_cannot_see_it():
    """On Python 3.11 Babel does not read calls inside f-strings: such a message would never
    reach the catalog and would stay English."""
    hidden = []
    for path in [ROOT / "app.py", *sorted((ROOT / "attribution").rglob("*.py"))]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.JoinedStr):
                hidden += [
                    f"{path.name}:{call.lineno}"
                    for call in ast.walk(node)
                    if isinstance(call, ast.Call)
                    and isinstance(call.func, ast.Name)
                    and call.func.id in MESSAGE_FUNCTIONS
                ]
    assert hidden == []


def test_every_value_a_page_shows_has_a_word_in_each_language():
    values = {
        *QuoteStatus,
        *ActionKind,
        *CheckKind,
        *Band,
        *SpeakerKind,
        *get_args(Claimant.model_fields["via"].annotation),
        "direct",
        "indirect",
        "reviewer",
        dashboard.NO_SIDE,
        dashboard.NO_SPEAKER,
    }
    assert {str(v) for v in values} - set(i18n.TERMS) == set()
    with i18n.language("sq"):
        untranslated = {v for v in i18n.TERMS if i18n.term(v) == i18n.TERMS[v]}
    assert untranslated == {"person", "media"}  # the same words in both languages


def test_english_is_the_source_and_albanian_a_chosen_language():
    assert _("Confirm") == "Confirm"
    with i18n.language("sq"):
        assert _("Confirm") == "Konfirmo"
        assert ngettext("{n} statement", "{n} statements", 1) == "{n} deklaratë"
        assert ngettext("{n} statement", "{n} statements", 5) == "{n} deklarata"
    assert i18n.current() == "en"


def test_each_thread_keeps_its_own_language():
    """Streamlit serves every session from a thread of one process: one reader's Albanian
    must not turn another's page Albanian."""
    seen = {}
    both_chose = threading.Barrier(2)

    def reader(language: str) -> None:
        i18n.use(language)
        both_chose.wait()  # each reads after the other has chosen
        seen[language] = _("Confirm")

    threads = [threading.Thread(target=reader, args=(lang,)) for lang in ("sq", "en")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert seen == {"sq": "Konfirmo", "en": "Confirm"} and _("Confirm") == "Confirm"


def test_an_unknown_language_is_refused_with_the_known_ones():
    with pytest.raises(ValueError, match="known: sq, en"), i18n.language("de"):
        pass


@pytest.fixture(scope="module")
def seed_state():
    return apply(analyze(io.read_path(SEED)), [])


def _visible(html: str) -> str:
    return re.sub(r"<[^>]+>", " ", html)


def test_the_article_and_its_attributions_speak_albanian(seed_state):
    colours = dashboard.speaker_colours(seed_state)
    with i18n.language("sq"):
        legend = _visible(dashboard.legend_html(colours))
        listed = _visible(dashboard.groups_html(seed_state.quotes, colours))
        progress = seed_state.progress
    assert "pa folës" in legend and "treguesi" in legend and "i zgjedhur" in legend
    assert "speaker" not in legend and "selected" not in legend
    assert "Rusia · Kremlini" in listed and "Russia" not in listed  # sides in Albanian
    assert "besueshmëria" in listed and "shfaq në tekst" in listed and "automatik" in listed
    assert "confidence" not in listed and "show in text" not in listed
    assert progress == "0 nga 6 atribuime të shqyrtuara"
    assert seed_state.progress == "0 of 6 attributions reviewed"  # the CLI's stays English


def test_optional_quotes_say_what_they_are_in_albanian():
    state = apply(analyze("Ministri beson se reforma do të kalojë."), [])
    quote = state.quotes[0].quote
    assert quote.cue is not None and quote.cue.kind == CueKind.BELIEF
    with i18n.language("sq"):
        assert optional_kind(quote) == "një bindje ose zotim"
    assert optional_kind(quote) == "a belief or pledge"


def test_compared_topics_name_places_and_concepts_in_the_language_chosen():
    analysis = analyze(io.read_path(SEED))
    russia = statements([analysis], side="Russia")
    turkey = statements([analysis], side="Turkey")
    result = compare(russia, turkey, a_name="Rusia", b_name="Turqia", sides=["Russia", "Turkey"])
    labels = {t.label: t.label_sq for t in (*result.both, *result.only_a)}
    assert labels["Caucasus, Libya, Syria"] == "Kaukazi, Libia, Siria"
    assert any(label.startswith("marrëveshja, siguria") for label in labels.values())
    with i18n.language("sq"):
        page = _visible(comparison.html_body(result))
    assert "Të dyja palët përmendin" in page and "Vetëm Rusia" in page and "Kaukazi" in page
    assert "Both mention" not in page and "Caucasus" not in page
