"""Cue matching on surface forms: multiword cues, participles after auxiliaries, clitics."""

from __future__ import annotations

import pytest

from attribution import io, nlp
from attribution.cues import CueMatcher
from attribution.model import CueKind
from attribution.resources import CueLexicon
from attribution.tokens import TokenView


def _cues(data, text, processors=nlp.DEFAULT_PROCESSORS):
    view = TokenView(nlp.parse(io.from_text(text), processors=processors))
    return [(m.to_model(view).text, m.kind) for m in CueMatcher(data).find(view)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ministri tha se po.", [("tha", CueKind.SPEECH)]),
        ("Ai ka thënë se po.", [("ka thënë", CueKind.SPEECH)]),
        ("Ajo kishte thënë se po.", [("kishte thënë", CueKind.SPEECH)]),
        ("Qeveria e ka thënë vazhdimisht se po.", [("e ka thënë", CueKind.SPEECH)]),
        ("Ai u shpreh se po.", [("u shpreh", CueKind.SPEECH)]),
        ("Ajo është shprehur se po.", [("është shprehur", CueKind.SPEECH)]),
        ("Ministria bëri të ditur se po.", [("bëri të ditur", CueKind.SPEECH)]),
        (
            "Shtoi ai, duke theksuar se po.",
            [("Shtoi", CueKind.SPEECH), ("duke theksuar", CueKind.SPEECH)],
        ),
        ("Ai i tha gazetës se po.", [("i tha", CueKind.SPEECH)]),
        ("Thuhet në deklaratë se po.", [("Thuhet", CueKind.HEARSAY)]),
        ("Sipas tij, po.", [("Sipas", CueKind.ACCORDING)]),
        ("Ai beson se po.", [("beson", CueKind.BELIEF)]),
        ("Ata janë zotuar se po.", [("janë zotuar", CueKind.BELIEF)]),
        ("Vuri në dukje ai.", [("Vuri në dukje", CueKind.SPEECH)]),
        ("“Po”, ishte komenti i ministrit.", [("ishte komenti i", CueKind.SPEECH)]),
        ("Fjala e thënë nuk kthehet.", []),  # a bare participle is an adjective
        ("Ai e tha hapur.", [("e tha", CueKind.SPEECH)]),
        ("Turqia foli për paqen.", []),
    ],
)
def test_cue_forms(data, text, expected):
    assert _cues(data, text) == expected


def test_lemma_fallback_finds_a_form_the_lexicon_lacks(data):
    """With POS and lemmas on, an unlisted inflection of a listed verb is still a cue."""
    text = "Ata deklaruan se do të vijnë."
    assert _cues(data, text) == [("deklaruan", CueKind.SPEECH)]  # a listed form

    shrunk = data.cues.model_copy(
        update={
            "entries": tuple(
                e.model_copy(update={"forms": ("deklaroi",)}) if e.lexeme == "deklaroj" else e
                for e in data.cues.entries
            )
        }
    )
    reduced = data.model_copy(update={"cues": CueLexicon.model_validate(shrunk.model_dump())})
    assert _cues(reduced, text) == []
    with_lemmas = _cues(reduced, text, processors=("tokenize", "mwt", "pos", "lemma"))
    assert with_lemmas == [("deklaruan", CueKind.SPEECH)]
