"""The dashboard through Streamlit's AppTest: every view and every review action.

Each test runs the real app script with the real models and its own SQLite review store.
"""

from __future__ import annotations

import io as stdio
import re

import docx
import pytest
from streamlit.testing.v1 import AppTest

from attribution import io, report
from attribution.review import ActionKind, CheckKind
from attribution.store import Store

from .conftest import SEED, open_dashboard

SEED_SHA = io.read_path(SEED).meta.sha256
HOSTILE = (
    "Sulm <script>window.__xss=1</script> në redaksi <img src=x onerror=alert(1)>\n\n"
    "“<b>Nuk</b> do të heqim dorë <iframe src=//evil></iframe>”, tha ministri <i>X</i>.\n"
)


@pytest.fixture
def store_path(tmp_path, monkeypatch):
    path = tmp_path / "reviews.sqlite3"
    monkeypatch.setenv("ATTRIBUTION_STORE", str(path))
    return path


@pytest.fixture
def app(store_path):
    return _open()


def _open(language: str | None = "en") -> AppTest:
    at = open_dashboard(language)
    assert not at.exception, at.exception
    return at


def _page(at: AppTest) -> str:
    return "\n".join(block.value for block in at.html)


def _as_reviewer(at: AppTest, name: str = "ana") -> AppTest:
    return at.text_input(key="reviewer").input(name).run()


def _review(at: AppTest, quote_id: str) -> AppTest:
    _as_reviewer(at)
    return at.selectbox(key=f"selected-{SEED_SHA}").select(quote_id).run()


def _tab(at: AppTest, name: str) -> AppTest:
    at.session_state["view"] = name  # only the open tab is drawn
    return at.run()


def _turn_on(at: AppTest, key: str) -> AppTest:
    return at.toggle(key=key).set_value(True).run()


def _speakers(at: AppTest) -> dict[str, dict]:
    _tab(at, "Speakers")
    table = next(t.value for t in at.dataframe if "aliases" in t.value.columns)
    return {row["speaker"]: row for row in table.to_dict("records")}


def _key(name: str, quote_id: str) -> str:
    return f"{name}-{SEED_SHA}-{quote_id}"


# ------------------------------------------------------------------------------ article view


def test_opens_with_the_seed_analysed(app):
    assert app.subheader[0].value.startswith("Putin dhe Erdogan")
    assert app.subheader[1].value == "Attributions (6 of 6)"
    page = _page(app)
    for speaker in ("Kremlini", "Drejtoria e Komunikimeve e Turqisë", "Turqia"):
        assert speaker in page
    assert page.count('class="cue"') >= 5 and 'class="who"' in page
    assert 'class="q selected"' in page  # the first attribution is selected


def test_selecting_an_attribution_outlines_it_in_the_text(app):
    app.selectbox(key=f"selected-{SEED_SHA}").select("q5").run()
    article = next(b.value for b in app.html if 'class="article"' in b.value)
    outlined = article.split('class="q selected"', 1)[1]
    assert ">Kaukazi, Siria, Libia dhe zhvillimet e tjera" in outlined.split("</span>", 1)[0]


def test_filters_narrow_the_attributions(app):
    _turn_on(app, f"filtering-{SEED_SHA}")
    app.multiselect(key=f"filter-sides-{SEED_SHA}").select("Turkey").run()
    assert app.subheader[1].value == "Attributions (2 of 6)"
    app.multiselect(key=f"filter-types-{SEED_SHA}").select("direct").run()
    assert app.subheader[1].value == "Attributions (1 of 6)"
    app.slider(key=f"filter-conf-{SEED_SHA}").set_value(0.99).run()
    assert app.subheader[1].value == "Attributions (0 of 6)"


def test_speakers_panel_lists_canonical_speakers_with_aliases_and_sides(app):
    by_name = _speakers(app)
    assert by_name["Kremlini"]["side"] == "Russia" and by_name["Kremlini"]["quotes"] == 2
    assert by_name["Drejtoria e Komunikimeve e Turqisë"]["side"] == "Turkey"
    assert by_name["Vladimir Putin"]["aliases"] == "Putin; Presidenti rus, Vladimir Putin"


# ------------------------------------------------------------------------------ review


def test_review_asks_for_the_reviewers_name_first(app):
    assert any("Enter your name" in box.value for box in app.info)
    assert not [b for b in app.button if b.label == "Confirm"]
    _turn_on(app, f"adding-quote-{SEED_SHA}")
    assert not [b for b in app.button if b.label == "Add quote"]


def test_confirm_is_stored_at_once_and_shown_when_reopened(app, store_path):
    _review(app, "q2")
    app.button(key=_key("confirm", "q2")).click().run()
    assert app.toast[0].value == "Saved: confirm."  # where the reviewer is looking, not at the top
    assert "confirmed by ana" in _page(app)
    actions = Store(store_path).actions(SEED_SHA)
    assert [(a.kind, a.reviewer) for a in actions] == [(ActionKind.CONFIRM, "ana")]
    assert "confirmed by ana" in _page(_open())


def test_correct_the_speaker_with_a_new_name(app):
    _turn_on(_review(app, "q1"), _key("more", "q1"))
    app.selectbox(key=_key("speaker", "q1")).select("Someone else…").run()
    app.text_input(key=_key("new-speaker", "q1")).input("Putin dhe Erdogan").run()
    app.button(key=_key("set-speaker", "q1")).click().run()
    assert "corrected by ana" in _page(app)
    assert _speakers(app)["Putin dhe Erdogan"]["kind"] == "named by a reviewer"


def test_correct_the_speaker_from_the_canonical_list_and_the_type(app):
    _turn_on(_review(app, "q4"), _key("more", "q4"))
    app.selectbox(key=_key("speaker", "q4")).select("Drejtoria e Komunikimeve e Turqisë").run()
    app.button(key=_key("set-speaker", "q4")).click().run()
    app.radio(key=_key("type", "q4")).set_value("direct").run()
    app.button(key=_key("set-type", "q4")).click().run()
    item = _page(app).split("<b>q4</b>", 1)[1]
    assert item.startswith(" · direct") and "corrected by ana" in item


def test_a_joint_statement_and_a_speakers_side(app, store_path):
    _turn_on(_review(app, "q1"), _key("more", "q1"))
    app.selectbox(key=_key("speaker", "q1")).select("Vladimir Putin").run()
    app.multiselect(key=_key("joint", "q1")).select("Kremlini").run()
    app.button(key=_key("set-speaker", "q1")).click().run()
    speakers = _speakers(app)
    assert speakers["Kremlini"]["quotes"] == 3  # q2, q3 and now the joint q1
    _turn_on(_tab(app, "Article"), _key("more", "q1"))  # an undrawn tab forgets its widgets
    app.text_input(key=_key("side", "q1")).input("Turqisë").run()  # any case form, Albanian
    app.button(key=_key("set-side", "q1")).click().run()
    assert _speakers(app)["Vladimir Putin"]["side"] == "Turkey"
    kinds = [a.kind for a in Store(store_path).actions(SEED_SHA)]
    assert kinds == [ActionKind.SPEAKER, ActionKind.SIDE]


def test_reject_strikes_the_quote_through(app):
    _review(app, "q6")
    app.button(key=_key("reject", "q6")).click().run()
    page = _page(app)
    assert "rejected by ana" in page and re.search(r'class="q[^"]* rejected"', page)


def test_note_check_and_claim_rating(app, store_path):
    _turn_on(_review(app, "q3"), _key("more", "q3"))
    app.text_input(key=_key("note", "q3")).input("Krahaso me kremlin.ru").run()
    app.button(key=_key("add-note", "q3")).click().run()
    app.selectbox(key=_key("check", "q3")).select(CheckKind.ALTERED_WORDS).run()
    app.text_input(key=_key("check-note", "q3")).input("kremlin.ru: “të detyrueshme”").run()
    app.button(key=_key("record-check", "q3")).click().run()
    app.selectbox(key=_key("rating", "q3")).select("unverifiable").run()
    app.text_input(key=_key("why", "q3")).input("Propozimet nuk janë publike.").run()
    app.button(key=_key("verdict", "q3")).click().run()
    page = _page(app)
    assert "Note: Krahaso me kremlin.ru" in page
    assert "Attribution check: altered words: kremlin.ru" in page
    assert "Claim rating E paverifikueshme: Propozimet nuk janë publike." in page
    kinds = [a.kind for a in Store(store_path).actions(SEED_SHA)]
    assert kinds == [ActionKind.NOTE, ActionKind.CHECK, ActionKind.VERDICT]


def test_add_a_missed_quote(app):
    _turn_on(_as_reviewer(app), f"adding-quote-{SEED_SHA}")
    missed = "Turqia ka zemëruar Rusinë për shkak se ka furnizuar me armë Ukrainën"
    app.text_area(key=f"missed-{SEED_SHA}").input(missed).run()
    app.radio(key=f"missed-type-{SEED_SHA}").set_value("indirect").run()
    app.text_input(key=f"missed-speaker-{SEED_SHA}").input("Radio Evropa e Lirë").run()
    app.button(key=f"missed-add-{SEED_SHA}").click().run()
    assert app.subheader[1].value == "Attributions (7 of 7)"
    assert "added by ana" in _page(app)


def test_a_missed_quote_not_in_the_article_is_refused(app):
    _turn_on(_as_reviewer(app), f"adding-quote-{SEED_SHA}")
    app.text_area(key=f"missed-{SEED_SHA}").input("kjo nuk është në artikull").run()
    assert app.warning[0].value == "That text is not in the article."
    app.button(key=f"missed-add-{SEED_SHA}").click().run()
    assert app.subheader[1].value == "Attributions (6 of 6)"


# ------------------------------------------------------------------------------ loading


def test_pasted_article_is_analysed_and_opened(app):
    _turn_on(app, "adding")
    app.text_area(key="pasted").input("“Jemi gati për dialog”, tha kryeministri Edi Rama.").run()
    app.button[[b.label for b in app.button].index("Analyse pasted text")].click().run()
    assert app.session_state.current != SEED_SHA
    assert app.subheader[1].value == "Attributions (1 of 1)"
    assert "Edi Rama" in _page(app)


def test_uploads_several_at_once_and_reports_a_bad_one(app):
    document = docx.Document()
    document.add_paragraph("“Do të ndërtojmë rrugën”, deklaroi ministrja Belinda Balluku.")
    packed = stdio.BytesIO()
    document.save(packed)
    _turn_on(app, "adding")
    app.file_uploader(key="uploads").set_value(
        [
            ("a.txt", "“Po”, tha Kurti.".encode(), "text/plain"),
            ("b.docx", packed.getvalue(), "application/octet-stream"),
            ("bosh.txt", b"", "text/plain"),
        ]
    ).run()
    assert len(app.radio(key="current").options) == 3
    assert any("bosh.txt: the file is empty" in e.value for e in app.sidebar.error)
    assert "Belinda Balluku" in _page(app)


def test_a_hostile_article_is_shown_escaped(app):
    _turn_on(app, "adding")
    app.text_area(key="pasted").input(HOSTILE).run()
    app.button[[b.label for b in app.button].index("Analyse pasted text")].click().run()
    page = _page(app)
    for tag in ("<script", "<img", "<iframe", "<b>Nuk", "<i>X"):
        assert tag not in page
    assert "&lt;script&gt;window.__xss=1&lt;/script&gt;" in page
    assert "&lt;b&gt;Nuk&lt;/b&gt;" in page
    markdown_widgets = [app.subheader[0].value, *app.radio(key="current").options]
    assert all("<script" not in value for value in markdown_widgets)
    assert app.subheader[0].value.startswith("Sulm &lt;script&gt;")


def test_a_hostile_file_name_is_shown_as_text(app):
    _turn_on(app, "adding")
    app.file_uploader(key="uploads").set_value(
        ("[kliko](javascript:alert(1)).txt", b"", "text/plain")
    )
    app.run()
    assert app.sidebar.error[0].value.startswith(r"\[kliko\](javascript:alert(1)).txt")


# ------------------------------------------------------------------------------ compare, verify


def test_compare_sides_across_loaded_articles(app):
    page = _page(_tab(app, "Compare"))
    assert "Both mention (2)" in page and "Caucasus, Libya, Syria" in page
    assert "Only Russia (2)" in page and "Only Turkey (1)" in page


def test_compare_with_an_uploaded_official_readout(app):
    _tab(app, "Compare")
    app.radio(key="cmp-B-by").set_value("readout").run()
    app.text_input(key="cmp-B-name").input("Ankaraja").run()
    readout = "Presidentët diskutuan situatën në Siri dhe në Libi dhe bashkëpunimin dypalësh."
    app.text_area(key="cmp-B-text").input(readout).run()
    page = _page(app)
    assert "Readouts" not in page  # the dashboard shows the body, not a page of its own
    assert "Ankaraja" in page and "Both mention" in page


def test_verify_against_the_original_statement(app):
    original = (
        "Vladimir Putin dhe Recep Tayyip Erdogan biseduan për bashkëpunimin dypalësh dhe "
        "riafirmuan vendosmërinë e tyre që të vazhdojnë të rrisin partneritetin ndërmjet "
        "Rusisë dhe Turqisë."
    )
    _tab(app, "Verify")
    app.text_area(key=f"verify-{SEED_SHA}-text").input(original).run()
    table = next(t.value for t in app.dataframe if "match" in t.value.columns)
    rows = {row["id"]: row for row in table.to_dict("records")}
    assert rows["q2"]["match"] == "verbatim" and rows["q2"]["speaker"] == "Kremlini [Russia]"
    assert rows["q5"]["match"] == "not found" and rows["q5"]["quote"].startswith("Kaukazi")
    _tab(_tab(app, "Claims"), "Verify")  # the statement is still there after another tab
    assert app.text_area(key=f"verify-{SEED_SHA}-text").value == original


# ------------------------------------------------------------------------------ export


def test_export_offers_every_report_format(app):
    _tab(app, "Export")
    names = {b.label for b in app.download_button}
    assert {f"Download {name.upper()}" for name in report.REGISTRY} <= names


def test_verify_reports_an_unreadable_upload(app):
    _tab(app, "Verify")
    app.file_uploader(key=f"verify-{SEED_SHA}-file").set_value(("burimi.txt", b"", "text/plain"))
    app.run()
    assert app.error[0].value == "burimi.txt: the file is empty"


# ------------------------------------------------------------------------------ claims


def test_claims_are_ranked_beside_the_text_with_their_claimants(app):
    _tab(app, "Claims")
    assert app.subheader[1].value.startswith("Claims to check (")
    listed = next(b.value for b in app.html if "score" in b.value and "item" in b.value)
    assert listed.index("100,000 trupa") < listed.index("ligjërisht të obligueshme")
    article = next(b.value for b in app.html if 'class="article"' in b.value)
    assert 'class="q selected"' in article and "rank 1" in article


def test_claims_filter_by_claimant_and_take_a_verdict(app, store_path):
    _as_reviewer(_tab(app, "Claims"))
    app.multiselect(key=f"claimant-{SEED_SHA}").select("Kremlini").run()
    assert all(
        option.split(" · ")[1] == "Kremlini"
        for option in app.selectbox(key=f"claim-{SEED_SHA}").options
    )
    claim_id = app.selectbox(key=f"claim-{SEED_SHA}").value
    key = f"{SEED_SHA}-{claim_id}"
    app.selectbox(key=f"rating-{key}").select("mostly-false").run()
    app.text_input(key=f"why-{key}").input("Propozimet nuk ishin ligjërisht të obligueshme.").run()
    app.button(key=f"verdict-{key}").click().run()
    assert "Claim rating 2/5 Kryesisht e rreme" in _page(app)
    assert [a.kind for a in Store(store_path).actions(SEED_SHA)] == [ActionKind.VERDICT]


# ------------------------------------------------------------------------------ the desk


def _progress(at: AppTest) -> str:
    return at.get("progress")[0].proto.text


def _next_unreviewed(at: AppTest) -> str:
    at.button(key=f"next-{at.session_state.current}").click().run()
    return at.session_state[f"selected-{at.session_state.current}"]


def test_progress_and_the_queue_of_the_least_certain_unreviewed(app):
    assert _progress(app) == "0 of 6 attributions reviewed"
    queue = [q.quote.id for q in _seed_state().queue()]
    assert _next_unreviewed(app) == queue[0]
    _as_reviewer(app)
    app.button(key=_key("confirm", queue[0])).click().run()
    assert _progress(app) == "1 of 6 attributions reviewed"
    assert _next_unreviewed(app) == queue[1]


def _seed_state():
    from attribution import analyze
    from attribution.review import apply

    return apply(analyze(io.read_path(SEED)), [])


def test_a_pasted_article_survives_a_reload_in_the_workspace(app):
    _turn_on(app, "adding")
    app.text_area(key="pasted").input("“Jemi gati për dialog”, tha kryeministri Edi Rama.").run()
    app.button[[b.label for b in app.button].index("Analyse pasted text")].click().run()
    pasted = app.session_state.current
    reloaded = _open()  # a new session: nothing of the old one but the store
    assert any(option.startswith("pasted text") for option in reloaded.radio(key="current").options)
    assert "reviewed 0 of 1" in _page(reloaded)  # the workspace's progress list
    reloaded.radio(key="current").set_value(pasted).run()
    assert "Edi Rama" in _page(reloaded)


def test_an_article_by_link_opens_with_its_outlet(app, monkeypatch):
    from .pages import article_page, serving

    monkeypatch.setenv("ATTRIBUTION_ALLOW_PRIVATE_URLS", "1")
    with serving() as site:
        site.pages["/lajm"] = article_page(
            "“Do të ndërtojmë rrugën”, deklaroi ministrja Belinda Balluku.",
            title="Rruga e re",
            outlet="Gazeta Shembull",
            author="Redaksia",
            date="2024-05-02",
        )
        _turn_on(app, "adding")
        app.text_input(key="link").input(site.url("/lajm")).run()
        app.button[[b.label for b in app.button].index("Fetch and analyse")].click().run()
    assert app.subheader[0].value == "Rruga e re"
    assert "Belinda Balluku" in _page(app)
    assert any("Gazeta Shembull" in option for option in app.radio(key="current").options)
    app.text_input(key="link").input("http://127.0.0.1:1/nuk-ka").run()
    app.button[[b.label for b in app.button].index("Fetch and analyse")].click().run()
    assert "cannot connect" in app.sidebar.error[0].value


def test_an_edited_text_opens_with_its_reviews_carried(app):
    _review(app, "q2")
    app.button(key=_key("confirm", "q2")).click().run()
    _turn_on(app, "adding")
    edited = SEED.read_text(encoding="utf-8").replace("Presidenti rus", "Sot, presidenti rus")
    app.text_area(key="pasted").input(edited).run()
    app.button[[b.label for b in app.button].index("Analyse pasted text")].click().run()
    assert app.session_state.current != SEED_SHA
    assert "1 review carried over from the earlier version" in app.info[0].value
    assert "confirmed by ana" in _page(app)
    assert _progress(app) == "1 of 6 attributions reviewed"


def test_compare_leaves_out_a_rejected_quote_and_verify_too(app):
    _review(app, "q3")
    app.button(key=_key("reject", "q3")).click().run()
    page = _page(_tab(app, "Compare"))
    assert "Only Russia (0)" in page and "Both mention (1)" in page  # (2) and (2) before
    assert "Dy palët biseduan" not in page
    _tab(app, "Verify")
    app.text_area(key=f"verify-{SEED_SHA}-text").input("Dy palët biseduan për çështjet.").run()
    table = next(t.value for t in app.dataframe if "match" in t.value.columns)
    assert "q3" not in set(table["quote"])


def test_the_picker_shows_the_corrected_speaker_and_the_badge_who_decided(app):
    _turn_on(_review(app, "q4"), _key("more", "q4"))
    app.selectbox(key=_key("speaker", "q4")).select("Kremlini").run()
    app.button(key=_key("set-speaker", "q4")).click().run()
    _turn_on(app, _key("more", "q4"))
    assert app.selectbox(key=_key("speaker", "q4")).value == "Kremlini"
    _as_reviewer(app, "ben")
    app.text_input(key=_key("note", "q4")).input("Shih burimin.").run()
    app.button(key=_key("add-note", "q4")).click().run()
    assert "corrected by ana" in _page(app) and "corrected by ben" not in _page(app)


def test_a_missed_quote_is_found_without_its_diacritics(app):
    _turn_on(_as_reviewer(app), f"adding-quote-{SEED_SHA}")
    app.text_area(key=f"missed-{SEED_SHA}").input("moska deshiron").run()
    assert not app.warning  # found: Moska dëshiron
    app.text_input(key=f"missed-speaker-{SEED_SHA}").input("Moska").run()
    app.button(key=f"missed-add-{SEED_SHA}").click().run()
    assert "Moska dëshiron" in _page(app).split("<b>a1</b>", 1)[1]


def test_the_page_says_what_its_colours_and_optional_quotes_are(app):
    page = _page(app)
    legend = page.split('class="legend"', 1)[1].split("</div>", 1)[0]
    assert "Kremlini" in legend and "no speaker" in legend and "rejected" in legend
    assert "optional: a belief or pledge" in page.split("<b>q6</b>", 1)[1]


# ------------------------------------------------------------------------------ languages


ALBANIAN_TABS = ["Artikulli", "Pohimet", "Folësit", "Krahaso", "Verifiko", "Eksporto"]


def test_the_page_opens_in_albanian_and_the_sidebar_switches_it_to_english(store_path):
    at = _open(language=None)
    assert [tab.label for tab in at.tabs] == ALBANIAN_TABS
    assert "Atribuimet (6 nga 6)" in [s.value for s in at.subheader]
    assert _progress(at) == "0 nga 6 atribuime të shqyrtuara"
    legend = _page(at).split('class="legend"', 1)[1].split("</div>", 1)[0]
    assert "pa folës" in legend and "refuzuar" in legend and "no speaker" not in legend
    assert at.query_params["lang"] == "sq"  # a reload or a shared link keeps the language

    at.radio(key="language").set_value("en").run()
    assert [tab.label for tab in at.tabs][:2] == ["Article", "Claims"]
    assert "Attributions (6 of 6)" in [s.value for s in at.subheader]
    assert at.query_params["lang"] == "en"
    at.radio(key="language").set_value("sq").run()
    assert [tab.label for tab in at.tabs] == ALBANIAN_TABS

    _tab(at, "Folësit").radio(key="language").set_value("en").run()  # the tab stays open
    assert "aliases" in next(t.value for t in at.dataframe).columns


def test_a_review_in_albanian_speaks_albanian_from_the_buttons_to_the_compare(store_path):
    at = _review(_open(language=None), "q2")
    assert at.button(key=_key("confirm", "q2")).label == "Konfirmo"
    at.button(key=_key("confirm", "q2")).click().run()
    assert at.toast[0].value == "U ruajt: konfirmim."
    assert "konfirmuar nga ana" in _page(at)
    assert _progress(at) == "1 nga 6 atribuime të shqyrtuara"
    _turn_on(at, _key("more", "q2"))
    assert at.radio(key=_key("type", "q2")).options == ["i drejtpërdrejtë", "i tërthortë"]

    speakers = next(t.value for t in _tab(at, "Folësit").dataframe)
    assert list(speakers.columns) == ["folësi", "lloji", "pala", "emërtimet e tjera", "citate"]
    assert set(speakers["pala"]) >= {"Rusia", "Turqia"}

    page = _page(_tab(at, "Krahaso"))
    assert "Të dyja palët përmendin" in page and "Vetëm Rusia" in page and "Kaukazi" in page
    assert "Both mention" not in page and "Caucasus" not in page


# ------------------------------------------------------------------------------ roles


def test_a_viewer_sees_no_live_review_controls_and_a_forged_press_writes_nothing(
    store_path, tmp_path, monkeypatch
):
    desk_file = tmp_path / "desk.yaml"
    desk_file.write_text("version: '1.0'\ndefault_role: viewer\n", encoding="utf-8")
    monkeypatch.setenv("ATTRIBUTION_DESK", str(desk_file))
    at = _review(_open(), "q2")  # "ana" is no member: a viewer
    assert any("viewer at this desk" in i.value for i in at.info)
    confirm = at.button(key=_key("confirm", "q2"))
    assert confirm.disabled and at.button(key=_key("reject", "q2")).disabled
    assert not [t for t in at.toggle if t.key == _key("more", "q2")]
    confirm._value = True  # a forged press: AppTest refuses to click, a client need not
    at.run()  # Streamlit drops a disabled widget's press; the workflow would refuse it too
    assert Store(store_path).actions(SEED_SHA) == []
    _tab(at, "Export")
    assert {b.label for b in at.download_button} >= {"Download MD"}  # a draft: a viewer may
