"""Credit lines become the source chain of the statements they relay (credits.py)."""

from __future__ import annotations

import csv
import io as stdio
from datetime import UTC, datetime

from attribution import analyze, report
from attribution.review import apply


def _by_text(text: str) -> dict[str, object]:
    return {q.text: q for q in analyze(text).quotes}


def test_a_chain_of_credit_lines_is_the_statements_via_nearest_first():
    quotes = _by_text(
        "Ministri i Financave tha se çmimet do të bien, shkruan Novosti, transmeton Telegrafi."
    )
    statement = quotes["çmimet do të bien"]
    assert statement.via == ("Novosti", "Telegrafi") and not statement.optional
    credits = [q for q in quotes.values() if q is not statement]
    assert credits and all(q.optional and q.via is None for q in credits)


def test_an_outlets_name_is_taken_whole_from_its_credit_line():
    quotes = _by_text(
        "Ministria e Jashtme e Turqisë tha se Greqia provokon publikun, "
        "transmeton Anadolu Agency (AA)."
    )
    assert quotes["Greqia provokon publikun"].via == ("Anadolu Agency (AA)",)


def test_a_past_tha_after_a_report_is_a_nested_report_not_a_credit():
    quotes = _by_text(
        "Turqia kërkoi që Armenia të tërhiqet nga territoret e pushtuara, tha Këshilli i "
        "Sigurisë Kombëtare."
    )
    assert all(q.via is None for q in quotes.values())
    assert any(
        not q.optional and q.speaker and "Këshilli" in q.speaker.name for q in quotes.values()
    )


def test_a_statement_by_the_outlet_itself_has_no_chain():
    (quote,) = analyze("Çmimet e energjisë do të rriten në dimër, shkruan Novosti.").quotes
    assert quote.via is None and not quote.optional and quote.speaker.name == "Novosti"


def test_every_export_carries_the_chain():
    analysis = analyze("Ministri tha se çmimet do të bien, shkruan Novosti, transmeton Telegrafi.")
    built = report.build(apply(analysis, []), generated_at=datetime(2026, 12, 4, tzinfo=UTC))
    rendered = {
        name: fmt.render(built, report.Publication()) for name, fmt in report.REGISTRY.items()
    }
    assert (
        "Via: Novosti → Telegrafi" in rendered["md"]
        and "Via: Novosti → Telegrafi" in rendered["html"]
    )
    assert '"Novosti",\n        "Telegrafi"' in rendered["json"]
    rows = list(csv.DictReader(stdio.StringIO(rendered["csv"].lstrip("\ufeff"))))
    assert "Novosti → Telegrafi" in {row["via"] for row in rows}


def test_an_outlet_in_marks_closes_the_statement_and_is_no_ones_antecedent():
    quotes = analyze(
        "Ministri i Jashtëm Ivica Daçiq tha se letra do të ishte dështim, transmeton “Bota Sot”."
        "\n\nAi tha se Serbia mbetet e hapur për dialog me Prishtinën."
    ).quotes
    statement = next(q for q in quotes if q.text == "letra do të ishte dështim")
    assert statement.via == ("Bota Sot",)
    later = next(q for q in quotes if q.text.startswith("Serbia mbetet"))
    assert later.speaker.name == "Ivica Daçiq" and later.speaker.rule == "pronoun"
