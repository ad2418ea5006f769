"""Quote verification against the original statement, on quote/source pairs with known answers.

tests/fixtures/verify.sq.yaml holds Albanian statements written for the tests and quotes made
from them: verbatim, minor edits (cuts, a synonym, a typo), substantial changes (a number, a
negation, an actor, an opposite word, a splice) and fabrications.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
import yaml

from attribution.verify import Band, verify_quote, word_diff

from .conftest import FIXTURES, ROOT

ENTRIES = yaml.safe_load((FIXTURES / "verify.sq.yaml").read_text(encoding="utf-8"))["entries"]
KNOWN_LIMITS = {
    "bujqesia_minor_01": "in a paraphrase a synonym swap and a change of frame look alike",
    "bujqesia_changed_01": "a paraphrase names its own subject, so a changed actor is not "
    "flagged in indirect quotes",
}


def _params(entries):
    for entry in entries:
        reason = KNOWN_LIMITS.get(entry["id"])
        marks = [pytest.mark.xfail(reason=reason, strict=True)] if reason else []
        yield pytest.param(entry, id=entry["id"], marks=marks)


def test_the_set_is_large_enough_and_covers_every_band():
    bands = [e["expected"] for e in ENTRIES]
    assert len(ENTRIES) >= 20
    assert {b.value for b in Band} <= set(bands)


@pytest.mark.parametrize("entry", list(_params(ENTRIES)))
def test_band(entry):
    result = verify_quote(entry["quote"], entry["source"], kind=entry["type"])
    assert result.band.value == entry["expected"], (result.score, result.reasons)


@pytest.mark.parametrize(
    "entry",
    [e for e in ENTRIES if e["expected"] in ("verbatim", "not_found")],
    ids=lambda e: e["id"],
)
def test_every_fabricated_quote_is_not_found_and_every_verbatim_one_verbatim(entry):
    result = verify_quote(entry["quote"], entry["source"], kind=entry["type"])
    assert result.band.value == entry["expected"]
    if result.band == Band.VERBATIM and entry["type"] == "direct":
        assert result.passage.text.casefold().strip(" .!?") in entry["source"].casefold()


def test_word_diff_names_omitted_added_and_changed_words():
    diff = word_diff(
        "Çmimi do të mbetet i pandryshuar deri në mars.",
        "Çmimi do të mbetet i ulët deri në prill të vitit.",
    )
    assert ("pandryshuar", "ulët") in diff.changed and ("mars", "prill") in diff.changed
    assert diff.added == ("të", "vitit")


def test_cli_verifies_an_article_against_its_source(tmp_path):
    article = tmp_path / "article.txt"
    source = tmp_path / "source.txt"
    source.write_text(
        "Ne do ta ulim TVSH-në për ushqimet bazë nga janari. Çmimet e energjisë "
        "nuk do të rriten këtë dimër.",
        encoding="utf-8",
    )
    article.write_text(
        "“Ne do ta ulim TVSH-në për ushqimet bazë nga janari”, tha ministri. "
        "“Çmimet e energjisë do të rriten këtë dimër”, shtoi ai. “Do të ndërtojmë "
        "tri spitale të reja”, tha ai.",
        encoding="utf-8",
    )
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "attribution",
            "verify",
            str(article),
            "--source",
            str(source),
            "--format",
            "json",
        ],
        capture_output=True,
        cwd=ROOT,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr.decode()
    bands = [v["band"] for v in json.loads(result.stdout)]
    assert bands == ["verbatim", "substantially_changed", "not_found"]
