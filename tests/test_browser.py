"""The dashboard in a real browser: Streamlit's server and headless Chromium.

The test starts `streamlit run app.py` on a free port with its own review store, drives
Debian's Chromium through playwright, and saves a screenshot of each step (to
$ATTRIBUTION_SCREENSHOTS when it is set, e.g. by `scripts/make-reports.sh --png`).
"""

from __future__ import annotations

import csv
import os
import shutil
import time
from pathlib import Path

import pytest

from attribution import io, serve
from attribution.review import ActionKind
from attribution.store import Store

from .conftest import ROOT, SEED

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


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """The app on a free port, with a review store of its own; stopped after the module."""
    store = tmp_path_factory.mktemp("browser") / "reviews.sqlite3"
    with serve.dashboard(ROOT / "app.py", store=store) as url:
        yield url, store


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
    page.goto(url)
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
