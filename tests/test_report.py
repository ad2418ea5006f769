"""Reports in every format (`attribution.report`): the formats its registry offers and the
files `write` makes, one `Report` built from the reviews (rejected quotes apart, the draft
banner, tallies, claim ratings), its JSON schema, hostile article text escaped, and the seed's
reports kept byte for byte; the HTML from templates that refuse a missing value. The invented
article below is this file's own."""

from __future__ import annotations

import csv
import io as stdio
import json
import os
import shutil
import subprocess
from datetime import UTC, datetime
from types import SimpleNamespace

import pytest
from jinja2 import StrictUndefined, UndefinedError

from attribution import analyze, io, report
from attribution.ratings import load_scale
from attribution.report import json_report, markdown, templating
from attribution.review import ActionKind, Check, CheckKind, ReviewAction, Verdict, apply
from attribution.store import Store
from attribution.workflow import import_actions, open_article

from .conftest import ROOT, SEED

REPORTS = ROOT / "reports"
NOW = datetime(2026, 11, 29, 9, 0, tzinfo=UTC)
PUBLICATION = report.Publication(desk="Desk", url="https://example.org/fc/1")


def test_json_schema_file_is_the_models_schema():
    assert json_report.bundled_schema() == json_report.schema()


# ----------------------------------------------------------------------- one reviewed article

ARTICLE = (
    "Reforma në arsim\n\n"
    "“Tekstet e reja janë gati”, tha ministrja e Arsimit. Ajo shtoi se mësuesit do të marrin "
    "rroga 20 për qind më të larta. Sindikata e Mësuesve deklaroi se rrogat nuk mjaftojnë."
)
DESKS_OWN_PATH = "/home/desk/private/reforma.txt"
ARTICLE_URL = "https://lajme.example/reforma"


@pytest.fixture(scope="module")
def article():
    source = io.from_text(
        ARTICLE, source=DESKS_OWN_PATH, url=ARTICLE_URL, outlet="Lajme Sot", date="2025-09-01"
    )
    return analyze(source)


def _on(quote, kind: ActionKind, **payload) -> ReviewAction:
    return ReviewAction(
        kind=kind, start=quote.start, end=quote.end, reviewer="ana", at=NOW, **payload
    )


def _reviews(article, *, finished: bool) -> list[ReviewAction]:
    """q1 confirmed and rated misleading, q2 checked (and confirmed once finished), q3 rejected."""
    first, second, third = article.quotes
    misleading = Verdict.on(load_scale(), "misleading", "Tekstet mungojnë në shkolla.")
    actions = [
        _on(first, ActionKind.CONFIRM),
        _on(first, ActionKind.VERDICT, verdict=misleading),
        _on(second, ActionKind.CHECK, check=Check(kind=CheckKind.ACCURATE)),
        _on(third, ActionKind.REJECT),
    ]
    return [*actions, _on(second, ActionKind.CONFIRM)] if finished else actions


@pytest.fixture(scope="module")
def draft(article):
    return report.build(apply(article, _reviews(article, finished=False)), generated_at=NOW)


def test_the_reviews_the_reports_below_read(article):
    quotes = [(q.id, q.speaker.name) for q in article.quotes]
    assert quotes == [
        ("q1", "ministrja e Arsimit"),
        ("q2", "ministrja e Arsimit"),
        ("q3", "Sindikata e Mësuesve"),
    ]


def test_every_format_has_its_file_extension_and_media_type():
    formats = {name: (f.extension, f.media_type) for name, f in report.REGISTRY.items()}
    assert formats == {
        "json": ("json", "application/json"),
        "csv": ("csv", "text/csv"),
        "md": ("md", "text/markdown"),
        "html": ("html", "text/html"),
        "claimreview": ("claimreview.jsonld", "application/ld+json"),
    }


def test_write_makes_one_file_per_format_named_after_the_article(article, draft, tmp_path):
    out = tmp_path / "reports" / "2025"
    state = apply(article, _reviews(article, finished=False))
    written = report.write(
        state,
        ["md", "csv", "claimreview"],
        out,
        generated_at=NOW,
        publication=PUBLICATION,
        stem="reforma",
    )
    assert written == [out / "reforma.md", out / "reforma.csv", out / "reforma.claimreview.jsonld"]
    for path, name in zip(written, ["md", "csv", "claimreview"], strict=True):
        expected = report.REGISTRY[name].render(draft, PUBLICATION)
        assert path.read_bytes() == expected.encode("utf-8")  # CSV keeps its \r\n rows
    assert b"\r\n" in written[1].read_bytes()


def test_a_rejected_quote_is_listed_apart_and_counted_in_no_tally(draft):
    assert [q.id for q in draft.quotes] == ["q1", "q2"]
    assert [q.id for q in draft.rejected] == ["q3"]
    assert [(t.name, t.quotes, t.direct, t.indirect) for t in draft.by_speaker] == [
        ("ministrja e Arsimit", 2, 1, 1)
    ]
    rows = list(csv.DictReader(stdio.StringIO(report.REGISTRY["csv"].render(draft, PUBLICATION))))
    assert [(r["id"], r["status"]) for r in rows] == [
        ("q1", "confirmed"),
        ("q2", "machine"),
        ("q3", "rejected"),
    ]


def test_each_quote_is_reported_with_the_sentence_it_stands_in(draft):
    assert draft.quotes[1].context == (
        "Ajo shtoi se mësuesit do të marrin rroga 20 për qind më të larta."
    )


def test_a_draft_says_so_in_print_until_every_attribution_is_reviewed(article, draft):
    assert draft.banner.endswith("1 of 3 attributions not reviewed yet (q2).")
    finished = report.build(apply(article, _reviews(article, finished=True)), generated_at=NOW)
    assert finished.banner is None and finished.progress == "3 of 3 attributions reviewed"
    for name in ("md", "html"):
        assert "Draft, not for publication" in report.REGISTRY[name].render(draft, PUBLICATION)
        assert "Draft" not in report.REGISTRY[name].render(finished, PUBLICATION)


def test_no_format_names_the_file_the_desk_read_the_article_from(draft):
    for name, fmt in report.REGISTRY.items():
        page = fmt.render(draft, report.Publication())
        assert "/home/desk" not in page and "reforma.txt" not in page, name
    shown = markdown.escape(ARTICLE_URL)  # the address as text: no article adds a link
    assert f"- Address: {shown}\n" in report.REGISTRY["md"].render(draft, PUBLICATION)


def test_the_json_report_reads_back_as_the_same_report(draft):
    assert (
        report.Report.model_validate_json(report.REGISTRY["json"].render(draft, PUBLICATION))
        == draft
    )


def test_a_named_rating_is_published_by_its_name_and_a_check_is_no_claim_review(draft):
    """ClaimReview says whether what was said is true; an attribution check is about the
    article's reporting. Without a fact-check address of its own, the review points to the
    article."""
    (review,) = json.loads(report.REGISTRY["claimreview"].render(draft, report.Publication()))
    assert review["claimReviewed"] == "Tekstet e reja janë gati"
    assert review["reviewRating"] == {"@type": "Rating", "alternateName": "Mashtruese"}
    assert review["itemReviewed"]["author"] == {"@type": "Person", "name": "ministrja e Arsimit"}
    assert review["url"] == ARTICLE_URL
    assert review["itemReviewed"]["appearance"]["publisher"]["name"] == "Lajme Sot"


# ----------------------------------------------------------------------- the seed's reports


def _seed_reviewed(tmp_path):
    store = Store(tmp_path / "r.sqlite3")
    seed = io.read_path(SEED.relative_to(ROOT))
    seed = seed.model_copy(update={"meta": seed.meta.model_copy(update={"outlet": SEED_OUTLET})})
    state = open_article(seed, store)
    lines = (REPORTS / "seed.reviews.jsonl").read_text(encoding="utf-8").splitlines()
    actions = [ReviewAction.model_validate_json(x) for x in lines]
    return import_actions(store, state, actions, by="desk")


SEED_OUTLET = "Radio Evropa e Lirë"  # as scripts/make-reports.sh gives it


def test_reports_reflect_the_reviews(tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    reviewed = _seed_reviewed(tmp_path)
    built = report.build(reviewed, generated_at=NOW)
    assert {q.status.value for q in built.quotes} >= {"confirmed", "corrected"}
    assert [q.id for q in built.rejected] == ["q6"]
    corrected = next(q for q in built.quotes if q.status.value == "corrected")
    assert corrected.speaker == "Vladimir Putin dhe Recep Tayyip Erdoğan"
    data = json.loads(report.REGISTRY["json"].render(built, PUBLICATION))
    assert data["schema_version"] == built.schema_version
    reviews = json.loads(report.REGISTRY["claimreview"].render(built, PUBLICATION))
    assert len(reviews) == 2  # q4, and the outlet's troops claim (q4's own claim not twice)
    quote, outlet = reviews
    assert quote["@type"] == "ClaimReview" and quote["url"] == "https://example.org/fc/1"
    assert quote["itemReviewed"]["author"]["name"] == "Turqia"
    assert quote["reviewRating"]["alternateName"] == "E vërtetë"
    assert {"claimReviewed", "author", "datePublished"} <= set(quote)
    assert outlet["itemReviewed"]["author"] == {"@type": "Organization", "name": SEED_OUTLET}
    assert outlet["claimReviewed"].startswith("Rusia ka grumbulluar rreth 100,000 trupa")


def test_every_format_lists_the_claims_to_check_ranked(tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    built = report.build(_seed_reviewed(tmp_path), generated_at=NOW)
    assert [c.rank for c in built.claims] == list(range(1, len(built.claims) + 1))
    troops = next(c for c in built.claims if "100,000 trupa" in c.text)
    assert troops.verdict.rating == 4 and troops.claimant_kind is None
    assert any(f.startswith("quantity: 100") for f in troops.features)
    rendered = {name: fmt.render(built, PUBLICATION) for name, fmt in report.REGISTRY.items()}
    assert "## Claims to check" in rendered["md"] and "<h2>Claims to check</h2>" in rendered["html"]
    assert f"{troops.rank}. **{troops.id}** · score {troops.score:g}" in rendered["md"]
    rows = list(csv.DictReader(stdio.StringIO(rendered["csv"])))
    claim_rows = [r for r in rows if r["type"] == "claim"]
    assert len(claim_rows) == len(built.claims) and claim_rows[0]["status"] == "rank 1"
    assert json.loads(rendered["json"])["claims"][0]["rank"] == 1


def test_reports_folder_is_what_the_tool_produces(tmp_path):
    """scripts/make-reports.sh regenerates reports/ byte for byte (fixed time stamp)."""
    work = tmp_path / "repo"
    shutil.copytree(
        ROOT,
        work,
        ignore=shutil.ignore_patterns(".venv", ".git", "*.pyc", "__pycache__", ".pytest_cache"),
    )
    (work / ".venv").symlink_to(ROOT / ".venv")
    for produced in (work / "reports").glob("000_*"):
        produced.unlink()
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1795942800"}
    subprocess.run(["scripts/make-reports.sh"], cwd=work, env=env, check=True, capture_output=True)
    expected = sorted(p.name for p in REPORTS.glob("000_*"))
    assert sorted(p.name for p in (work / "reports").glob("000_*")) == expected
    for name in expected:
        assert (work / "reports" / name).read_bytes() == (REPORTS / name).read_bytes(), name


HOSTILE = (
    "Sulm <script>alert('x')</script> në redaksi <iframe src=//evil></iframe>\n\n"
    '“=HYPERLINK("http://evil.example","kliko") është e vërteta”, tha ‮zëdhënësi‬. '
    "“+SUM(A1:A9) dhe -2+3 janë shifra”, deklaroi ministri <b>X</b>. "
    "“@cmd|' /C calc'!A0 na dërgoi”, shtoi ai. [lidhje](javascript:alert(1)) ![img](x)\n\n"
)


@pytest.fixture(scope="module")
def hostile_report():
    text = HOSTILE + ("Kjo është një fjali e gjatë pa citate për të mbushur tekstin. " * 16200)
    analysis = analyze(text)
    assert len(text) > 1_000_000
    start = analysis.quotes[0].start
    verdict = ReviewAction(
        kind=ActionKind.VERDICT,
        start=start,
        end=analysis.quotes[0].end,
        reviewer="<img src=x onerror=alert(1)>",
        at=NOW,
        verdict=Verdict(rating=1, explanation="</p><script>x()</script>"),
    )
    return report.build(apply(analysis, [verdict]), generated_at=NOW)


def test_hostile_article_is_escaped_in_html(hostile_report):
    page = report.REGISTRY["html"].render(hostile_report, PUBLICATION)
    lowered = page.lower()
    assert "<script" not in lowered and "<iframe" not in lowered and "<img" not in lowered
    assert "<b>" not in lowered and "javascript:alert" not in page.replace(
        "javascript:alert(1)", ""
    )
    assert "&lt;script&gt;" in page
    assert "default-src 'none'" in page


def test_the_html_report_marks_each_quote_in_its_context_with_its_text_escaped():
    """The one markup made of article text: the quote highlighted in its sentence."""
    text = "“<b>Nuk</b> do të heqim dorë & as nga 5%”, tha ministri.\n"
    built = report.build(apply(analyze(text), []), generated_at=NOW)
    page = report.REGISTRY["html"].render(built, PUBLICATION)
    quote = "&lt;b&gt;Nuk&lt;/b&gt; do të heqim dorë &amp; as nga 5%"
    assert f'<p class="meta">Context: “<mark>{quote}</mark>”, tha ministri.</p>' in page


def test_a_template_given_too_little_fails_instead_of_printing_nothing(draft):
    environment = templating.environment()
    assert environment.autoescape is True and environment.undefined is StrictUndefined
    given = {"report": draft, "publication": PUBLICATION, "title": "Reforma", "style": ""}
    with pytest.raises(UndefinedError, match="'about' is undefined"):  # what html.render gives
        templating.render("report.html.j2", **given)
    claim = templating.macro("report_parts.html.j2", "claim")
    with pytest.raises(UndefinedError, match="has no attribute 'claimant'"):
        claim(SimpleNamespace(id="c1"))  # a claim without its fields


def test_hostile_article_is_neutralised_in_csv(hostile_report):
    rows = list(
        csv.reader(stdio.StringIO(report.REGISTRY["csv"].render(hostile_report, PUBLICATION)))
    )
    header, body = rows[0], rows[1:]
    assert body
    for row in body:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
    texts = [row[header.index("text")] for row in body]
    assert any(t.startswith("'=HYPERLINK") for t in texts)


def test_hostile_article_cannot_add_markup_to_markdown(hostile_report):
    page = report.REGISTRY["md"].render(hostile_report, PUBLICATION)
    assert "<script" not in page and "<b>" not in page
    assert "](javascript" not in page and "![img]" not in page


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.skipif(
    CHROMIUM is None, reason="chromium is not installed (scripts/test.sh installs it)"
)
def test_seed_html_report_renders_to_png(tmp_path):
    page = REPORTS / "000_60e8134fa0df8206.html"
    png = tmp_path / "report.png"
    subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={tmp_path / 'profile'}",
            "--hide-scrollbars",
            "--window-size=1200,2400",
            f"--screenshot={png}",
            page.as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 50_000
