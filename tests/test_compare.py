"""Comparing two sides' readouts: topics both mention, and each side's own."""

from __future__ import annotations

import subprocess
import sys

import pytest

from attribution import analyze, io
from attribution.api import compare
from attribution.compare import readout, statements

from .conftest import ROOT, SEED


@pytest.fixture(scope="module")
def seed_comparison():
    analysis = analyze(io.read_path(SEED))
    russia = statements([analysis], side="Russia")
    turkey = statements([analysis], side="Turkey")
    return compare(russia, turkey, a_name="Russia", b_name="Turkey", sides=["Russia", "Turkey"])


def _words(topics, side):
    return " ".join(getattr(t, side).text for t in topics if getattr(t, side) is not None)


def test_seed_both_sides_mention_caucasus_syria_libya_and_cooperation(seed_comparison):
    places = {p for t in seed_comparison.both for p in (*t.a.places, *t.b.places)}
    assert {"Caucasus", "Syria", "Libya"} <= places
    shared = " ".join(t.label for t in seed_comparison.both)
    assert "bashkëpunim" in shared


def test_seed_security_guarantees_are_the_kremlins_alone(seed_comparison):
    only_russia = _words(seed_comparison.only_a, "a")
    assert "marrëveshjeve ligjërisht të obligueshme" in only_russia and "siguri" in only_russia
    assert "marrëveshjeve" not in _words(seed_comparison.both, "a")


def test_seed_improving_relations_in_all_areas_is_turkeys_emphasis(seed_comparison):
    assert "përmirësimin e raporteve" in _words(seed_comparison.only_b, "b")
    cooperation = next(t for t in seed_comparison.both if "bashkëpunim" in t.label)
    assert "fushat" in cooperation.b_only_terms  # “në të gjitha fushat”


def test_a_whole_document_can_be_one_sides_readout():
    kremlin = readout(
        "Palët biseduan për situatën në Siri dhe për furnizimet me gaz. "
        "Rusia kërkoi garanci sigurie.",
        name="Kremlini",
    )
    ankara = readout(
        "Presidentët diskutuan zhvillimet në Siri dhe eksportet e gazit. "
        "Turqia ofroi ndërmjetësim për paqe.",
        name="Ankaraja",
    )
    result = compare(
        kremlin, ankara, a_name="Kremlini", b_name="Ankaraja", sides=["Russia", "Turkey"]
    )
    assert any("Syria" in t.a.places for t in result.both)
    assert "garanci" in _words(result.only_a, "a")
    assert "ndërmjetësim" in _words(result.only_b, "b")


def _cli(*args):
    return subprocess.run(
        [sys.executable, "-m", "attribution", "compare", *args],
        capture_output=True,
        cwd=ROOT,
        timeout=300,
    )


def test_cli_compares_by_side_as_markdown():
    result = _cli(str(SEED), "--a-side", "Russia", "--b-side", "Turkey")
    assert result.returncode == 0, result.stderr.decode()
    out = result.stdout.decode()
    assert out.startswith("# Readouts compared: Russia and Turkey")
    assert "## Only Russia" in out and "## Only Turkey" in out and "Caucasus" in out


def test_cli_side_without_statements_is_one_clear_line():
    result = _cli(str(SEED), "--a", "NATO", "--b-side", "Turkey")
    assert result.returncode == 2
    assert result.stderr.decode().count("\n") == 1 and "no statements" in result.stderr.decode()
