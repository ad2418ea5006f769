"""The interface's language: gettext catalogs, kept and compiled with Babel.

The strings in the code are English, the source language; `locale/sq` translates them into
Albanian, the dashboard's default. The command line and the files it writes stay in English
unless a caller chooses a language. The language in use is a context variable, not a global:
Streamlit serves every browser session from a thread of one process, and each script run sets
its own at the start.

To change a message: edit the code, run `scripts/translations.sh` (extract, update the
catalogs, compile), translate what it lists as new in `attribution/locale/sq/LC_MESSAGES/
attribution.po`, and run it again.
"""

from __future__ import annotations

import gettext as _gettext
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from pathlib import Path

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "attribution"
SOURCE_LANGUAGE = "en"
INTERFACE_LANGUAGE = "sq"  # the dashboard's default: its readers are Albanian desks
LANGUAGES = {"sq": "Shqip", "en": "English"}  # each in its own words, for the switch

_active: ContextVar[str] = ContextVar("language", default=SOURCE_LANGUAGE)


@cache
def translations(language: str) -> _gettext.NullTranslations:
    """The catalog of a language; the source language needs none. A language without a
    compiled catalog is an error, not a silent fall back to English."""
    if language not in LANGUAGES:
        raise ValueError(f"no interface language {language!r}; known: {', '.join(LANGUAGES)}")
    if language == SOURCE_LANGUAGE:
        return _gettext.NullTranslations()
    return _gettext.translation(DOMAIN, localedir=LOCALE_DIR, languages=[language])


def use(language: str) -> None:
    """Speak `language` from here on in this context (a Streamlit script run)."""
    translations(language)
    _active.set(language)


@contextmanager
def language(name: str) -> Iterator[None]:
    """Speak `name` inside the block, then whatever was spoken before."""
    translations(name)
    token = _active.set(name)
    try:
        yield
    finally:
        _active.reset(token)


def current() -> str:
    return _active.get()


def _(message: str) -> str:
    """The message in the language in use."""
    return translations(_active.get()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The message for `n` things, in the language in use (Albanian: 1 deklaratë, 2
    deklarata)."""
    return translations(_active.get()).ngettext(singular, plural, n)


def relabel(label: str, messages: Iterable[str], old: str, new: str) -> str:
    """A label shown in language `old` as language `new` shows it, if it is one of
    `messages`: a widget whose value is its label keeps its choice when the reader switches."""
    for message in messages:
        if translations(old).gettext(message) == label:
            return translations(new).gettext(message)
    return label


def N_(message: str) -> str:
    """Marks a message for the catalog where it is defined; `_` translates it where shown."""
    return message


# The values of the data model a page shows (a quote's state, type and checks, a speaker's
# kind, a review's action, a verification's band and word diff, a claim's source): the model
# keeps them in English, the page shows them in the reader's language.
TERMS = {
    "machine": N_("machine"),
    "confirmed": N_("confirmed"),
    "corrected": N_("corrected"),
    "rejected": N_("rejected"),
    "added": N_("added"),
    "direct": N_("direct"),
    "indirect": N_("indirect"),
    "confirm": N_("confirm"),
    "speaker": N_("speaker"),
    "type": N_("type"),
    "reject": N_("reject"),
    "add": N_("add"),
    "side": N_("side"),
    "note": N_("note"),
    "verdict": N_("claim rating"),
    "check": N_("attribution check"),
    "accurate": N_("accurate"),
    "misattributed": N_("misattributed"),
    "altered_words": N_("altered words"),
    "out_of_context": N_("out of context"),
    "not_in_source": N_("not in source"),
    "verbatim": N_("verbatim"),
    "minor_edits": N_("minor edits"),
    "substantially_changed": N_("substantially changed"),
    "not_found": N_("not found"),
    "omitted": N_("omitted"),
    "changed": N_("changed"),
    "person": N_("person"),
    "institution": N_("institution"),
    "country": N_("country"),
    "media": N_("media"),
    "document": N_("document"),
    "group": N_("group"),
    "unknown": N_("unknown"),
    "reviewer": N_("named by a reviewer"),
    "quote": N_("quote"),
    "reported speech": N_("reported speech"),
    "narration": N_("narration"),
    "no side": N_("no side"),
    "unattributed": N_("unattributed"),
}


# A person's role at a desk (attribution.desk.Role).
ROLES = {"viewer": N_("viewer"), "reviewer": N_("reviewer"), "editor": N_("editor")}


def role(value: str) -> str:
    return _(ROLES[value])


def term(value: str) -> str:
    """A value of the data model in the language in use."""
    return _(TERMS[value]) if value in TERMS else value
