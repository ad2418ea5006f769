"""Check-worthy claims: each signal, the claimant of each kind of span, and the seed's ranking.

The sentences were written for these tests; the statements are invented.
"""

from __future__ import annotations

import itertools

import pytest

from attribution import analyze, io

from .conftest import SEED


def _claims(text: str):
    return analyze(text).claims


def _features(text: str) -> set[str]:
    (claim,) = _claims(text)
    return {f.name for f in claim.features}


@pytest.mark.parametrize(
    ("text", "signal"),
    [
        ("Qeveria ka shpenzuar rreth 40 milionë euro për rrugën e Arbrit në Tiranë.", "quantity"),
        (
            "Papunësia në Kosovë ra me dhjetë për qind gjatë vitit të kaluar, sipas INSTAT.",
            "quantity",
        ),
        ("Në vitin 2019 Shqipëria ka hapur negociatat me Bashkimin Evropian në Bruksel.", "date"),
        ("Për herë të parë Kosova ka fituar një medalje olimpike në Tokio.", "first_or_record"),
        (
            "Shqipëria është i vetmi vend në rajon që ka miratuar ligjin për Serbinë.",
            "first_or_record",
        ),
        ("Eksportet e Kosovës u rritën më shumë se importet nga Serbia këtë vit.", "comparison"),
        ("Fabrika u mbyll për shkak se Qeveria e Shqipërisë ka ndërprerë subvencionet.", "cause"),
        ("Serbia ka furnizuar me armë grupet e armatosura në veri të Kosovës.", "action"),
        ("Gjykata Kushtetuese e Shqipërisë ka shfuqizuar ligjin për Kosovën.", "law"),
        ("Greqia dhe Shqipëria kanë nënshkruar një marrëveshje për detin në Athinë.", "agreement"),
        (
            "Protesta e opozitës në Tiranë u shndërrua në përplasje me policinë e Shqipërisë.",
            "event",
        ),
    ],
)
def test_each_signal_is_found_and_named(text, signal):
    assert signal in _features(text)


def test_the_score_is_the_sum_of_the_weights_it_lists():
    (claim,) = _claims("Serbia ka dërguar 1,500 ushtarë në kufi me Kosovën për herë të parë.")
    assert claim.score == pytest.approx(sum(f.weight for f in claim.features))
    for feature in claim.features:
        assert claim.start <= feature.start < feature.end <= claim.end


def test_a_claim_in_a_direct_quote_belongs_to_its_speaker():
    (claim,) = _claims(
        "“Serbia ka dërguar 1,500 ushtarë në kufi për herë të parë”, tha kryeministri Albin Kurti."
    )
    assert claim.claimant.kind == "speaker" and claim.claimant.name == "Albin Kurti"
    assert claim.claimant.via == "quote" and claim.text.endswith("për herë të parë")


def test_a_claim_in_reported_speech_belongs_to_the_reporting_speaker():
    (claim,) = _claims(
        "Ministri Igli Hasani deklaroi se Shqipëria ka pritur 3 milionë turistë për herë të parë."
    )
    assert (claim.claimant.name, claim.claimant.via) == ("Igli Hasani", "reported speech")
    assert claim.text.startswith("Shqipëria ka pritur")  # not the reporting frame


def test_a_claim_in_narration_belongs_to_the_outlet():
    text = "Rusia ka grumbulluar rreth 50,000 trupa në kufi me Finlandën gjatë muajit mars."
    (claim,) = analyze(io.from_text(text, source="gx.txt", outlet="Gazeta X")).claims
    assert claim.claimant.kind == "outlet" and claim.claimant.name == "Gazeta X"
    assert claim.claimant.via == "narration"


def test_the_attribution_of_a_quote_is_not_a_claim_of_its_own():
    claims = _claims("“Jemi gati për 100 vjet të tjera”, tha Kremlini më 2 janar.")
    assert [c.claimant.kind for c in claims] == ["speaker"]


@pytest.mark.parametrize(
    "text",
    ["Lojna fëmijësh.", "Faleminderit shumë!", "Mirëmëngjes të gjithëve.", "Ju përshëndes."],
)
def test_a_fragment_with_nothing_to_check_is_no_claim(text):
    assert _claims(text) == ()


def test_seed_ranks_the_checkable_claims_first_with_their_claimants():
    claims = analyze(io.read_path(SEED)).claims
    assert len(claims) <= 8  # what a desk has time for, not every sentence of narration
    top = claims[:3]
    troops = next(c for c in claims if "100,000 trupa" in c.text)
    drones = next(c for c in claims if "për herë të parë në muajin tetor" in c.text)
    kremlin = next(c for c in claims if "ligjërisht të obligueshme" in c.text)
    for claim in (troops, drones, kremlin):
        assert claim in top, (claim.rank, claim.text)
    assert troops.claimant.kind == drones.claimant.kind == "outlet"
    assert (kremlin.claimant.kind, kremlin.claimant.name) == ("speaker", "Kremlini")
    assert [c.rank for c in claims] == list(range(1, len(claims) + 1))
    assert all(a.score >= b.score for a, b in itertools.pairwise(claims))


def test_narration_that_only_introduces_a_quote_is_no_claim():
    # the seed's lead: "Presidenti rus, Vladimir Putin dhe ai turk, … janë zotuar se" + quote
    claims = analyze(io.read_path(SEED)).claims
    assert not [c.text for c in claims if c.text.endswith(("zotuar se", " se"))]


def test_numbers_stay_whole_in_what_a_claim_shows():
    (claim,) = _claims("Rusia ka grumbulluar rreth 100,000 trupa në kufi me Ukrainën.")
    assert "quantity: 100,000" in {f"{f.name}: {f.text}" for f in claim.features}
