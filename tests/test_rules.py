"""The rule table (data/rules.sq.yaml): every rule the layer can name is in it with its
confidence, every entry and variant in it is one the layer names, the code takes its numbers
from it, and a broken table fails on load naming the file and the key."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from attribution import analyze, resources
from attribution.errors import ResourceError
from attribution.resources import RuleTable

from .conftest import DEV, FIXTURES

PACKAGE = Path(resources.__file__).parent
QUOTE_RULE = re.compile(r"(direct|indirect|title)\.[a-z_]+")
# review.py names what a reviewer did (reviewer, reviewer.added): not a rule of the layer
REVIEWER_RULES = {"reviewer", "reviewer.added"}
RULE_MODULES = ("direct", "reported", "according", "quotes", "speakers")


def _strings(module: str) -> list[ast.Constant]:
    tree = ast.parse((PACKAGE / f"{module}.py").read_text(encoding="utf-8"))
    return [n for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)]


def _quote_rules_in_code() -> set[str]:
    """Every string in the package shaped like a quote rule's name (direct.cue_after)."""
    return {
        node.value
        for path in PACKAGE.rglob("*.py")
        for node in _strings(str(path.relative_to(PACKAGE).with_suffix("")))
        if QUOTE_RULE.fullmatch(node.value)
    }


def _speaker_rules_in_code() -> set[str]:
    """The names speakers.py gives a Finding: the rule of `_finding` (third argument) and of
    `_resolved` (last), a `rule=` keyword, and a name a finding's `.rule` is compared with."""
    tree = ast.parse((PACKAGE / "speakers.py").read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            if node.func.attr == "_finding":
                found.add(node.args[2])
            elif node.func.attr == "_resolved":
                found.add(node.args[-1])
        if isinstance(node, ast.keyword) and node.arg == "rule":
            found.add(node.value)
        if isinstance(node, ast.Compare) and getattr(node.left, "attr", None) == "rule":
            found.update(node.comparators)
    return {n.value for n in found if isinstance(n, ast.Constant) and isinstance(n.value, str)}


def test_every_quote_rule_the_code_names_is_in_the_table(data):
    named = _quote_rules_in_code()
    assert {"direct.cue_after", "indirect.complement", "title.colon"} <= named
    assert named - set(data.rules.entries.quotes) == set()


def test_every_speaker_rule_the_code_names_is_in_the_table(data):
    named = _speaker_rules_in_code()
    assert {"pronoun", "subject_before", "joint_subject", "none"} <= named
    assert named - set(data.rules.entries.speakers) == set()


def test_every_entry_and_variant_is_named_in_the_code(data):
    """A rule the code no longer names, or a variant it no longer asks for, is stale data."""
    table = data.rules.entries
    assert set(table.quotes) - _quote_rules_in_code() == set()
    assert set(table.speakers) - _speaker_rules_in_code() == set()
    rules = (*table.quotes.values(), *table.speakers.values())
    strings = {n.value for module in RULE_MODULES for n in _strings(module)}
    assert {v for rule in rules for v in rule.variants} - strings == set()


def _articles() -> list[Path]:
    dev = sorted(DEV.glob("*.txt")) if DEV.is_dir() else []
    return sorted((FIXTURES / "articles").glob("*.txt")) + dev


@pytest.fixture(scope="module")
def emitted() -> list[tuple[str, str, float]]:
    """(section, rule, confidence) of every quote and speaker found in the fixture articles
    and, where ../shared is present, the dev articles."""
    found = []
    for path in _articles():
        for quote in analyze(path.read_text(encoding="utf-8")).quotes:
            found.append(("quotes", quote.rule, quote.confidence))
            for speaker in quote.every_speaker:
                found.append(("speakers", speaker.rule, speaker.confidence))
    return found


def test_every_rule_the_analysis_names_is_in_the_table(data, emitted):
    table = data.rules.entries
    names = {(section, rule) for section, rule, _ in emitted if rule not in REVIEWER_RULES}
    assert len(names) >= 12
    assert {(s, r) for s, r in names if r not in getattr(table, s)} == set()


def test_each_found_quote_and_speaker_has_its_rules_confidence(data, emitted):
    """Where a rule has a confidence of its own, what it found carries that number."""
    table = data.rules.entries
    for section, name, confidence in emitted:
        rule = getattr(table, section)[name]
        if not rule.inherited:
            assert confidence in {rule.confidence, *rule.variants.values()}, (section, name)


def test_the_analysis_takes_its_confidences_from_the_table(data):
    table = data.rules.entries
    cue_after = table.quotes["direct.cue_after"].model_copy(update={"confidence": 0.42})
    subject_after = table.speakers["subject_after"].model_copy(
        update={"variants": {"named": 0.33, "unnamed": 0.22}}
    )
    entries = table.model_copy(
        update={
            "quotes": {**table.quotes, "direct.cue_after": cue_after},
            "speakers": {**table.speakers, "subject_after": subject_after},
        }
    )
    changed = data.model_copy(update={"rules": data.rules.model_copy(update={"entries": entries})})
    quote = analyze("“Jemi gati për bisedime”, tha Kremlini.", resources=changed).quotes[0]
    assert (quote.rule, quote.confidence) == ("direct.cue_after", 0.42)
    assert (quote.speaker.rule, quote.speaker.confidence) == ("subject_after", 0.33)


def test_asking_for_a_rule_the_table_lacks_is_an_error(data):
    with pytest.raises(ResourceError, match=r"^rules\.sq\.yaml: entries\.quotes\.direct\.x: "):
        data.rules.quote("direct.x")
    with pytest.raises(ResourceError, match=r"entries\.speakers\.null_subject: has no single"):
        data.rules.speaker("null_subject")
    with pytest.raises(ResourceError, match=r"entries\.quotes\.indirect\.colon: has no variant"):
        data.rules.quote("indirect.colon", "shouting")


RULE = "      description: Marked words and a cue after them.\n"


@pytest.mark.parametrize(
    ("entry", "key", "message"),
    [
        ("      confidence: 1.5\n", "confidence", "less than or equal to 1"),
        ("      confidence: -0.1\n", "confidence", "greater than or equal to 0"),
        ("      variants: {speech_cue: 2}\n", "variants.speech_cue", "less than or equal to 1"),
        ("      confidence: 0.9\n      weight: 3\n", "weight", "Extra inputs are not permitted"),
        ("      confidence: 0.9\n      inherited: true\n", "", "give one of confidence"),
        ("", "", "give one of confidence"),
    ],
)
def test_a_bad_rule_is_one_line_naming_the_file_and_the_key(tmp_path, entry, key, message):
    path = tmp_path / "rules.sq.yaml"
    path.write_text(
        "version: '1'\nlang: sq\nsource: x\nentries:\n  speakers: {}\n  quotes:\n"
        f"    direct.cue_after:\n{entry}{RULE}",
        encoding="utf-8",
    )
    with pytest.raises(ResourceError) as failure:
        resources.load_file(path, RuleTable)
    where = ".".join(filter(None, ["entries.quotes.direct.cue_after", key]))
    assert str(failure.value).startswith(f"rules.sq.yaml: {where}: ")
    assert message in str(failure.value) and "\n" not in str(failure.value)
