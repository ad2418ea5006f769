"""The public API: `analyze` and what its `Analysis` promises, and the helpers beside it.

The command line, the dashboard and a desk's own scripts read only this: quotes at offsets
that index the text, numbered in text order; speakers with the quotes each said; warnings
where the text is broken; a record of what produced the analysis; the sides a desk compares,
named in either language. The comparison itself is tested in tests/test_compare.py, the
verification of a single quote in tests/test_verify.py. Every sentence is invented.
"""

from __future__ import annotations

import doctest

import pytest

import attribution
from attribution import InputError, analyze, api, i18n, io, nlp, resources

ARTICLE = (
    "Bisedimet mes Ankarasë dhe Moskës\n\n"
    "“Jemi gati për bisedime me Moskën”, tha ministri i Jashtëm turk. "
    "Ai shtoi se bisedimet do të nisin javën tjetër.\n\n"
    "Zëdhënësi i Kremlinit deklaroi se Rusia pret propozimet e Turqisë. "
    "Qeveria «nuk ka komentuar ende\n\n"
    "Takimi do të mbahet në Stamboll."
)


@pytest.fixture(scope="module")
def analysis():
    source = io.from_text(
        ARTICLE, source="bisedimet.txt", url="https://lajme.example/bisedimet", date="2021-03-01"
    )
    return analyze(source)


def test_the_example_in_the_package_docstring_holds():
    result = doctest.testmod(attribution)
    assert result.attempted >= 2 and result.failed == 0


def test_each_quote_is_the_text_at_its_offsets_numbered_in_text_order(analysis):
    quotes = analysis.quotes
    assert [q.id for q in quotes] == [f"q{n}" for n in range(1, len(quotes) + 1)]
    assert [q.start for q in quotes] == sorted(q.start for q in quotes)
    for quote in quotes:
        assert analysis.text[quote.start : quote.end] == quote.text == quote.text.strip()
    assert [(q.type, q.text) for q in quotes] == [
        ("direct", "Jemi gati për bisedime me Moskën"),
        ("indirect", "bisedimet do të nisin javën tjetër"),
        ("indirect", "Rusia pret propozimet e Turqisë"),
    ]


def test_each_speaker_is_listed_once_with_the_quotes_it_said(analysis):
    said = {s.name: (s.side, s.quote_ids) for s in analysis.speakers}
    assert said == {
        "Mevlüt Çavuşoğlu": ("Turkey", ("q1", "q2")),  # the office, then `Ai`
        "Dmitry Peskov": ("Russia", ("q3",)),
    }
    listed = {s.id for s in analysis.speakers}
    assert all(q.speaker.id in listed for q in analysis.quotes)


def test_the_article_keeps_the_metadata_it_was_given(analysis):
    assert (analysis.meta.source, analysis.meta.url) == (
        "bisedimet.txt",
        "https://lajme.example/bisedimet",
    )
    assert analysis.meta.sha256 == io.text_sha256(ARTICLE) and analysis.text == ARTICLE


def test_a_mark_left_open_is_a_warning_at_its_offset(analysis):
    (warning,) = analysis.warnings
    assert warning.code == "unclosed_mark"
    assert (warning.start, warning.end) == (ARTICLE.index("«"), ARTICLE.index("«") + 1)


def test_the_analysis_records_what_produced_it(analysis):
    made_by = analysis.provenance
    assert made_by.tool_version == attribution.__version__
    assert made_by.processors == nlp.DEFAULT_PROCESSORS
    assert made_by.models.startswith("sq-ud-")
    assert made_by.lexicons == resources.load().versions


def test_more_processors_run_where_asked_and_are_recorded():
    processors = ("tokenize", "mwt", "pos", "lemma")
    tagged = analyze("Ministri tha se taksat do të ulen.", processors=processors)
    assert tagged.provenance.processors == processors
    assert [q.text for q in tagged.quotes] == ["taksat do të ulen"]


def test_a_folder_without_models_is_a_model_error(tmp_path):
    with pytest.raises(nlp.ModelError, match="no model folder"):
        analyze("Ministri tha se taksat do të ulen.", models=tmp_path / "nowhere")


@pytest.mark.parametrize(
    ("date", "speaker"),
    [("2019-05-01", "Donald Trump"), ("2022-05-01", "Joe Biden"), (None, "Presidenti amerikan")],
)
def test_the_articles_date_says_who_held_the_office(date, speaker):
    source = io.from_text("Presidenti amerikan tha se bisedimet do të vazhdojnë.", date=date)
    assert [q.speaker.name for q in analyze(source).quotes] == [speaker]


@pytest.mark.parametrize(
    ("article", "speaker"),
    [
        ("Ministri i Financave: Taksat do të ulen\n\nNjoftimi u dha sot.", "Ministri i Financave"),
        ("Drita Leka: Taksat do të ulen\n\nDrita Leka tha se buxheti mjafton.", "Drita Leka"),
        ("Drita Leka: Taksat do të ulen\n\nNjoftimi u dha sot.", None),  # no one known
        ("Tiranë: Qytetarët protestuan para Kuvendit\n\nProtesta zgjati.", None),  # a dateline
    ],
)
def test_a_headline_is_a_statement_only_where_the_name_before_its_colon_can_speak(article, speaker):
    """An office or a body, a gazetteer's entry, or someone the article quotes."""
    titles = [q for q in analyze(article).quotes if q.rule.startswith("title")]
    assert [q.speaker.name for q in titles] == ([speaker] if speaker else [])


def test_a_quote_carries_no_white_space_at_its_ends():
    text = "“Nuk do të dorëzohemi - u tha kryeministri deputetëve. - Reforma do të vazhdojë”."
    quotes = analyze(text).quotes
    assert [q.text for q in quotes] == ["Nuk do të dorëzohemi", "Reforma do të vazhdojë"]
    assert all(text[q.start : q.end] == q.text for q in quotes)


# ----------------------------------------------------------------------- sides


def test_a_side_is_found_by_either_language_among_the_articles_sides(analysis):
    assert api.side_named("Rusisë", [analysis]) == "Russia"
    assert api.side_named("turkey", [analysis]) == "Turkey"
    with pytest.raises(InputError, match=r"the sides are: Russia \(Rusia\), Turkey \(Turqia\)"):
        api.side_named("Greqia", [analysis])


@pytest.mark.parametrize(
    ("typed", "side"),
    [("Rusisë", "Russia"), ("Mbretërisë së Bashkuar", "United Kingdom"), (" NATO ", "NATO")],
)
def test_a_typed_side_is_named_as_the_data_names_it(typed, side):
    assert api.canonical_side(typed) == side


def test_a_side_is_shown_in_the_interfaces_language():
    with i18n.language("sq"):
        assert (api.side_label("Russia"), api.side_label("NATO")) == ("Rusia", "NATO")
    with i18n.language("en"):
        assert api.side_label("Russia") == "Russia"


# ----------------------------------------------------------------------- verification


def test_each_quote_is_verified_against_the_source_in_order(analysis):
    source = "Jemi gati për bisedime me Moskën. Bisedimet do të nisin javën tjetër."
    checked = api.verify_quotes(analysis, source)
    assert [v.quote_id for v in checked] == [q.id for q in analysis.quotes]
    assert [v.band.value for v in checked] == ["verbatim", "verbatim", "not_found"]
