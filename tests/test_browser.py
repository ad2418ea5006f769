"""The dashboard in a real browser: Streamlit's server and headless Chromium.

The test starts `streamlit run app.py` on a free port with its own review store, drives
Debian's Chromium through playwright, and saves a screenshot of each step (to
$ATTRIBUTION_SCREENSHOTS when it is set, e.g. by `scripts/make-reports.sh --png`).
"""

from __future__ import annotations

import csv
import os
import re
import shutil
import time
from pathlib import Path

import pytest

from attribution import analyze, io, serve
from attribution.review import ActionKind, apply
from attribution.store import Store

from .conftest import ROOT, SEED
from .pages import article_page, serving

CHROMIUM = shutil.which("chromium")
playwright = pytest.importorskip("playwright.sync_api", reason="playwright is a dev dependency")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="chromium is not installed (scripts/test.sh installs it)"
)

HOSTILE = (
    "Sulm në redaksi <script>window.__xss = 1</script> "
    '<img src=x onerror="window.__xss = 2"> <iframe src="javascript:window.__xss=3"></iframe>\n\n'
    "“<b onmouseover=alert(1)>Nuk</b> do të heqim dorë”, tha ministri <svg onload=alert(2)>.\n"
)


@pytest.fixture
def server(tmp_path_factory):
    """The app on a free port, with a review store of its own; stopped after the test."""
    store = tmp_path_factory.mktemp("browser") / "reviews.sqlite3"
    allow_local_links = {"ATTRIBUTION_ALLOW_PRIVATE_URLS": "1"}  # the articles' server is local
    with serve.dashboard(ROOT / "app.py", store=store, env=allow_local_links) as url:
        yield url, store


def english(url: str) -> str:
    """The page in English: these tests read its English labels (Albanian is the default)."""
    return f"{url}/?lang=en"


@pytest.fixture
def page(server, tmp_path):
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        context = browser.new_context(
            viewport={"width": 1500, "height": 1300}, accept_downloads=True
        )
        tab = context.new_page()
        tab.set_default_timeout(120_000)
        yield tab
        browser.close()


def test_seed_review_export_and_a_hostile_article(server, page, tmp_path):
    url, store = server
    shots = Path(os.environ.get("ATTRIBUTION_SCREENSHOTS") or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)

    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(english(url))
    page.get_by_text("Attributions (6 of 6)").wait_for()
    article = page.locator(".article")
    for side, speaker in (
        ("Russia", "Kremlini"),
        ("Turkey", "Drejtoria e Komunikimeve e Turqisë"),
        ("Turkey", "Turqia"),
    ):
        playwright.expect(page.get_by_role("heading", name=f"{side} · {speaker}")).to_be_visible()
        playwright.expect(article.locator(".who", has_text=speaker).first).to_be_visible()
    page.screenshot(path=shots / "dashboard-seed.png")

    name = page.get_by_label("Your name (signs your reviews)")
    name.fill("ana")
    name.press("Enter")
    page.get_by_role("button", name="Confirm").click()
    page.get_by_text("Saved: confirm.").wait_for()
    sha = io.read_path(SEED).meta.sha256
    assert [a.kind for a in Store(store).actions(sha)] == [ActionKind.CONFIRM]
    page.get_by_text("confirmed by ana").first.wait_for()
    page.screenshot(path=shots / "dashboard-review.png")

    page.get_by_role("tab", name="Export").click()
    with page.expect_download() as download:
        page.get_by_role("button", name="Download CSV").click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    rows = list(csv.DictReader(saved.open(encoding="utf-8-sig", newline="")))
    quotes = [row for row in rows if row["type"] != "claim"]
    assert len(quotes) == 6 and quotes[0]["status"] == "confirmed"
    assert any(row["type"] == "claim" for row in rows)

    page.get_by_text("Add articles").click()
    pasted = page.get_by_label("Paste an article")
    pasted.fill(HOSTILE)
    pasted.press("Control+Enter")
    page.get_by_role("button", name="Analyse pasted text").click()
    page.get_by_text("Attributions (1 of 1)").wait_for()
    page.get_by_text("<script>window.__xss = 1</script>", exact=False).first.wait_for()
    page.mouse.move(400, 400)
    time.sleep(1)  # time for any injected handler to have fired
    assert page.evaluate("window.__xss") is None
    assert dialogs == []
    assert page.locator("svg[onload], img[onerror], iframe[src^=javascript]").count() == 0
    page.screenshot(path=shots / "dashboard-hostile.png")


def _shots(tmp_path: Path) -> Path:
    shots = Path(os.environ.get("ATTRIBUTION_SCREENSHOTS") or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)
    return shots


def _sign(page, name: str) -> None:
    field = page.get_by_label("Your name (signs your reviews)")
    field.fill(name)
    field.press("Enter")


def _fetch(page, url: str) -> None:
    adding = page.get_by_text("Add articles")
    if not page.get_by_label("Article link (http or https)").is_visible():
        adding.click()
    link = page.get_by_label("Article link (http or https)")
    link.fill(url)  # the click below commits the field's value (Enter would rerun first)
    page.get_by_role("button", name="Fetch and analyse").click()


def _next_and(page, quote_id: str, button: str, done: int, shot: Path | None = None) -> None:
    """Take the queue's next quote (the one expected) and confirm or reject it; wait until
    the page says so (a click while the app reruns is lost)."""
    page.get_by_role("button", name="Next unreviewed").click()
    page.get_by_text(f"Review {quote_id} · machine").wait_for()
    if shot is not None:
        page.screenshot(path=shot)
    reviewed = page.get_by_text(f"{done} of 6 attributions reviewed").first
    for _ in range(3):  # a press that lands while the app reruns is lost: press again (a
        page.get_by_role("button", name=button).first.click()  # second press writes nothing)
        try:
            reviewed.wait_for(timeout=20_000)
            return
        except playwright.TimeoutError:
            continue
    reviewed.wait_for()


def test_a_review_by_link_survives_an_edit_and_ends_in_a_final_report(server, page, tmp_path):
    url, store = server
    shots = _shots(tmp_path)
    body = SEED.read_text(encoding="utf-8").split("\n\n", 2)[2]
    meta = {
        "title": "Putin dhe Erdogan zotohen",
        "outlet": "Radio Evropa e Lirë",
        "author": "Redaksia",
        "date": "2022-01-03",
    }
    with serving() as site:
        site.pages["/lajm/putin-erdogan"] = article_page(body, **meta)
        article = site.url("/lajm/putin-erdogan")
        page.goto(english(url))
        page.get_by_text("Attributions (6 of 6)").wait_for()
        _sign(page, "ana")
        _fetch(page, article)
        page.get_by_role("heading", name="Putin dhe Erdogan zotohen", exact=True).wait_for()
        page.get_by_text("0 of 6 attributions reviewed").first.wait_for()

        # part of the review, through the queue: the least certain first
        fetched = io.from_html(site.pages["/lajm/putin-erdogan"], source=article, url=article)
        queue = [item.quote.id for item in apply(analyze(fetched), []).queue()]
        _next_and(page, queue[0], "Confirm", 1)
        assert queue[1] == "q3"  # the Kremlin's second readout, absent from Compare below
        _next_and(page, queue[1], "Reject: not a quote", 2, shot=shots / "dashboard-queue.png")
        page.get_by_role("tab", name="Compare").click()
        page.get_by_text("Only Russia (0)").wait_for()
        playwright.expect(page.get_by_text("Dy palët biseduan")).to_have_count(0)
        page.screenshot(path=shots / "dashboard-compare-rejected.png")
        page.get_by_role("tab", name="Article").click()

        # the outlet fixes a word near the top; the desk fetches the link again
        edited = body.replace("Presidenti rus", "Sot, presidenti rus", 1)
        site.pages["/lajm/putin-erdogan"] = article_page(edited, **meta)
        _fetch(page, article)
        page.get_by_text("2 reviews carried over from the earlier version").wait_for()

        # a new session reopens it from the workspace, reviews carried
        page.goto(english(url))
        page.get_by_text("Attributions (6 of 6)").wait_for()
        page.get_by_text("Putin dhe Erdogan zotohen · Radio Evropa e Lirë").click()
        page.get_by_text("2 of 6 attributions reviewed").first.wait_for()
        page.get_by_text("Workspace progress").click()
        progress = page.locator(".item", has_text="Putin dhe Erdogan zotohen").first
        playwright.expect(progress).to_contain_text("reviewed 2 of 6")
        # the seed file, the page, the edited page: one article (the seed is its text too)
        playwright.expect(progress).to_contain_text("3 versions")
        progress.scroll_into_view_if_needed()
        page.screenshot(path=shots / "dashboard-workspace.png")
        page.get_by_text("rejected by ana").first.wait_for()

        _sign(page, "ben")
        for done, quote_id in enumerate(queue[2:], 3):
            _next_and(page, quote_id, "Confirm", done)
        page.get_by_role("tab", name="Export").click()
        page.get_by_text("Final: 6 of 6 attributions reviewed").wait_for()
        with page.expect_download() as download:
            page.get_by_role("button", name="Download MD").click()
        saved = tmp_path / download.value.suggested_filename
        download.value.save_as(saved)
    final = saved.read_text(encoding="utf-8")
    assert "Review: 6 of 6 attributions reviewed" in final and "Draft" not in final
    assert "Outlet: Radio Evropa e Lirë" in final and "- Address: " in final
    latest = {row.meta.url: row.sha256 for row in Store(store).articles()}[article]
    actions = Store(store).actions(latest)
    assert len(actions) == 6 and sum(a.carried_from is not None for a in actions) == 2


def test_the_dashboard_speaks_albanian_by_default_and_switches_to_english(server, page, tmp_path):
    url, _ = server
    shots = _shots(tmp_path)
    page.goto(url)  # no language asked for: Albanian
    page.get_by_text("Atribuimet (6 nga 6)").wait_for()
    page.get_by_text("0 nga 6 atribuime të shqyrtuara").first.wait_for()
    field = page.get_by_label("Emri juaj (nënshkruan shqyrtimet)")
    field.fill("ana")
    field.press("Enter")
    queue = [item.quote.id for item in apply(analyze(io.read_path(SEED)), []).queue()]
    page.get_by_role("button", name="I radhës pa shqyrtuar").click()
    page.get_by_text(f"Shqyrtimi i {queue[0]} · automatik").wait_for()
    page.get_by_role("button", name="Konfirmo", exact=True).click()
    page.get_by_text("1 nga 6 atribuime të shqyrtuara").first.wait_for()
    page.get_by_text("konfirmuar nga ana").first.wait_for()
    page.get_by_text("U ruajt: konfirmim.").wait_for()
    page.screenshot(path=shots / "dashboard-sq.png")

    page.get_by_role("tab", name="Krahaso").click()
    page.get_by_text("Të dyja palët përmendin").wait_for()
    page.get_by_text("Kaukazi, Libia, Siria").wait_for()

    page.get_by_text("English", exact=True).click()
    page.get_by_role("tab", name="Compare").wait_for()
    page.get_by_text("Caucasus, Libya, Syria").wait_for()
    assert "lang=en" in page.url
    page.reload()  # the address keeps the reader's language
    page.get_by_text("Attributions (6 of 6)").wait_for()
    page.get_by_text("1 of 6 attributions reviewed").first.wait_for()


# ------------------------------------------------------------------------------ sign-in


@pytest.fixture
def desk_with_sign_in(tmp_path):
    """The dashboard with sign-in through a local OpenID Connect provider and a desk file:
    Rita reviews; anyone else signed in is a viewer."""
    oidc = pytest.importorskip("oidc_provider_mock", reason="a dev dependency")
    people = [
        oidc.User(sub="rita", claims={"email": "rita@desk.example", "name": "Rita Prifti"}),
        oidc.User(sub="vera", claims={"email": "vera@desk.example", "name": "Vera Hoxha"}),
    ]
    desk_file = tmp_path / "desk.yaml"
    desk_file.write_text(
        "version: '1.0'\ndefault_role: viewer\n"
        "members: [{email: rita@desk.example, role: reviewer}]\n",
        encoding="utf-8",
    )
    store = tmp_path / "reviews.sqlite3"
    port = serve.free_port()
    with oidc.run_server_in_thread(user_claims=people) as provider:
        secrets = tmp_path / "secrets.toml"
        secrets.write_text(
            "[auth]\n"
            f'redirect_uri = "http://localhost:{port}/oauth2callback"\n'
            'cookie_secret = "a-test-secret-of-no-value-elsewhere"\n'
            'client_id = "attribution"\n'
            'client_secret = "test"\n'
            f'server_metadata_url = "http://localhost:{provider.server_port}'
            '/.well-known/openid-configuration"\n',
            encoding="utf-8",
        )
        with serve.dashboard(
            ROOT / "app.py",
            store=store,
            port=port,
            env={"ATTRIBUTION_DESK": str(desk_file)},
            options=[f"--secrets.files={secrets}"],
        ):
            yield f"http://localhost:{port}", store


def _sign_in_as(page, url: str, subject: str) -> None:
    page.goto(english(url))
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("button", name=subject, exact=True).click()  # the provider's form
    page.wait_for_url(f"{url}/**")
    page.goto(english(url))  # the provider sends the browser back to the app's root


def test_a_reviewer_and_a_viewer_signed_in_through_the_desks_provider(desk_with_sign_in, page):
    url, store = desk_with_sign_in
    frames = []  # what the page sends the server, to forge a press from later
    page.on("websocket", lambda socket: socket.on("framesent", lambda f: frames.append(f)))
    page.goto(english(url))
    page.get_by_text("Sign in with your desk account").wait_for()
    playwright.expect(page.get_by_text("Attributions (6 of 6)")).to_have_count(0)

    _sign_in_as(page, url, "rita")
    page.get_by_text("Signed in as Rita Prifti · reviewer").wait_for()
    playwright.expect(page.get_by_label("Your name (signs your reviews)")).to_have_count(0)
    page.get_by_text("Review q1 · machine").wait_for()  # the first quote, open at the start
    sent_before = len(frames)
    page.get_by_role("button", name="Reject: not a quote").click()
    page.get_by_text("Review q1 · rejected").wait_for()
    press = next(f for f in frames[sent_before:] if _presses(f, "reject-"))  # kept to forge
    page.get_by_role("button", name="Confirm", exact=True).click()  # she thinks again
    page.get_by_text("Review q1 · confirmed").wait_for()
    history = page.locator("table", has_text="Rita Prifti")
    playwright.expect(history).to_contain_text("rita @ http://localhost")  # subject @ provider
    assert [(a.kind, a.reviewer, a.identity.subject) for a in _all_actions(store)] == [
        (ActionKind.REJECT, "Rita Prifti", "rita"),
        (ActionKind.CONFIRM, "Rita Prifti", "rita"),
    ]
    _sign_out(page, url)

    relays = []
    page.route_web_socket(
        re.compile(r"/_stcore/stream"), lambda ws: relays.append(ws.connect_to_server())
    )
    _sign_in_as(page, url, "vera")
    page.get_by_text("Signed in as Vera Hoxha · viewer").wait_for()
    page.get_by_text("Review q1 · confirmed").wait_for()  # the quote Rita confirmed
    page.get_by_text("You are a viewer at this desk").wait_for()
    playwright.expect(page.get_by_role("button", name="Confirm", exact=True)).to_be_disabled()
    relays[-1].send(press)  # Rita's reject, sent again in Vera's session: refused
    time.sleep(3)
    assert len(_all_actions(store)) == 2
    page.get_by_text("Review q1 · confirmed").wait_for()
    playwright.expect(page.get_by_text("confirmed by Vera Hoxha")).to_have_count(0)
    _sign_out(page, url)


def _presses(frame: bytes | str, key: str) -> bool:
    """Whether a message the page sent is the press of a button whose key starts so."""
    from streamlit.proto.BackMsg_pb2 import BackMsg

    if isinstance(frame, str):
        return False
    widgets = BackMsg.FromString(frame).rerun_script.widget_states.widgets
    return any(w.trigger_value and f"-{key}" in w.id for w in widgets)


def _sign_out(page, url: str) -> None:
    """Sign out of the app, which ends the session at the provider too (its confirmation
    page), and comes back signed out."""
    page.get_by_role("button", name="Sign out").click()
    page.get_by_role("button", name="End session").click()
    page.get_by_text("Hyni me llogarinë e deskut").wait_for()  # back, in the default language
    page.goto(english(url))
    page.get_by_text("Sign in with your desk account").wait_for()


def _all_actions(store: Path):
    kept = Store(store)
    return [action for row in kept.articles() for action in kept.actions(row.sha256)]
