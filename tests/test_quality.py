"""Attribution quality on the dev set, with the project's scoring rules (FORMAT.md).

Each threshold sits just below the level measured on the 44 dev articles (e2e F1 0.949,
speaker accuracy 0.976, exact-span F1 0.915, direct recall 1.000, indirect recall 0.936), so
that a change costing a point fails here; the held-out articles are scored by the same rules
elsewhere.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from attribution import analyze, io
from attribution.evaluate import load_gold, score

from .conftest import DEV, needs_shared


@pytest.fixture(scope="module")
def dev_score():
    gold = load_gold(DEV)
    system = {}
    for doc in gold.values():
        source = io.read_path(DEV / doc["text_file"])
        system[Path(doc["text_file"]).stem] = analyze(source).contract_record(source.meta.source)[
            "quotes"
        ]
    return score(gold, system)


@needs_shared
def test_end_to_end_f1(dev_score):
    assert dev_score["end_to_end"]["f1"] >= 0.94


@needs_shared
def test_direct_quote_recall(dev_score):
    assert dev_score["recall_by_type"]["direct"]["found"] >= 0.99


@needs_shared
def test_indirect_quote_recall(dev_score):
    assert dev_score["recall_by_type"]["indirect"]["found"] >= 0.93


@needs_shared
def test_speaker_accuracy_on_matched_quotes(dev_score):
    assert dev_score["speaker_accuracy_on_matched"] >= 0.97


@needs_shared
def test_exact_span_f1(dev_score):
    assert dev_score["exact_span"]["f1"] >= 0.91
