"""The review desk from the command line: articles by link, the workspace list, reviewed
state in compare and verify, and the publishing gate. Real processes, a real local server,
a real SQLite file."""

from __future__ import annotations

import json
import os
import re
import subprocess

import pytest

from .conftest import SEED, one_clear_line
from .pages import article_page, serving
from .test_cli import run as run_cli

TEXT = SEED.read_text(encoding="utf-8")
PAGE = article_page(
    TEXT.split("\n\n", 2)[2],  # the body, after the archive's header lines
    title="Putin dhe Erdogan zotohen për thellim të raporteve",
    outlet="Radio Evropa e Lirë",
    author="Arta Berisha",
    date="2022-01-03",
)


@pytest.fixture(scope="module")
def site():
    with serving() as served:
        served.pages["/lajm/putin-erdogan"] = PAGE
        yield served


def run(*args: str, store, private: bool = True) -> subprocess.CompletedProcess:
    """The command as a desk runs it, with a store and a reviewer, its output as text."""
    env = {k: v for k, v in os.environ.items() if k != "ATTRIBUTION_ALLOW_PRIVATE_URLS"}
    env |= {"ATTRIBUTION_STORE": str(store), "ATTRIBUTION_REVIEWER": "ana"}
    if private:
        env["ATTRIBUTION_ALLOW_PRIVATE_URLS"] = "1"
    done = run_cli(*args, env=env)
    return subprocess.CompletedProcess(
        done.args, done.returncode, done.stdout.decode(), done.stderr.decode()
    )


def _ids(listing: str, speaker: str) -> list[str]:
    """The ids of the quotes `review` lists with this speaker."""
    rows = [line.split() for line in listing.splitlines() if speaker in line]
    return [row[0] for row in rows if re.fullmatch(r"[qa]\d+", row[0])]


def test_an_article_by_link_keeps_its_address_outlet_author_and_date(site, tmp_path):
    url = site.url("/lajm/putin-erdogan")
    result = run("analyze", "--format", "json", url, store=tmp_path / "s.sqlite3")
    assert result.returncode == 0, result.stderr
    meta = json.loads(result.stdout)["meta"]
    assert meta["url"] == url and meta["outlet"] == "Radio Evropa e Lirë"
    assert meta["author"] == "Arta Berisha" and meta["date"].startswith("2022-01-03")
    names = {q["speaker"]["name"] for q in json.loads(result.stdout)["quotes"] if q["speaker"]}
    assert "Kremlini" in names


def test_a_loopback_link_is_refused_in_one_line_unless_allowed(site, tmp_path):
    result = run("analyze", site.url("/lajm/putin-erdogan"), store=tmp_path / "s", private=False)
    assert "ATTRIBUTION_ALLOW_PRIVATE_URLS" in one_clear_line(result.returncode, result.stderr)
    missing = run("analyze", site.url("/nuk-ka"), store=tmp_path / "s")
    assert "404" in one_clear_line(missing.returncode, missing.stderr)


def test_reports_and_claimreview_name_the_article_never_a_path(site, tmp_path):
    store, url = tmp_path / "s.sqlite3", site.url("/lajm/putin-erdogan")
    listing = run("review", url, store=store).stdout
    first = _ids(listing, "Kremlini")[0]
    verdict = ("--verdict", first, "5", "Fjalë për fjalë si në deklaratë.")
    run("review", url, "--confirm", first, *verdict, store=store)
    out = tmp_path / "out"
    result = run("report", url, "--format", "all", "--out", str(out), store=store)
    assert result.returncode == 0, result.stderr
    report = json.loads(next(out.glob("*.json")).read_text(encoding="utf-8"))
    assert report["document"]["url"] == url and "source" not in report["document"]
    assert (report["reviewed"], report["unreviewed"][0]) == (1, "q1" if first != "q1" else "q2")
    [review] = json.loads(next(out.glob("*.claimreview.jsonld")).read_text(encoding="utf-8"))
    appearance = review["itemReviewed"]["appearance"]
    assert appearance["url"] == url and appearance["publisher"]["name"] == "Radio Evropa e Lirë"
    markdown = next(out.glob("*.md")).read_text(encoding="utf-8")
    assert f"1 of {report['total']} attributions reviewed" in markdown
    assert "Draft, not for publication" in markdown and str(tmp_path) not in markdown


def test_the_workspace_lists_articles_and_reopens_one_by_id(site, tmp_path):
    store = tmp_path / "s.sqlite3"
    run("review", site.url("/lajm/putin-erdogan"), "--confirm", "q1", store=store)
    listing = run("review", "--list", store=store)
    assert listing.returncode == 0, listing.stderr
    first, second = listing.stdout.splitlines()[:2]
    assert "reviewed 1 of" in first and "last: confirm by ana" in first
    assert second.endswith("— Radio Evropa e Lirë · 2022-01-03")
    article_id = first.split()[0]
    reopened = run("review", article_id, store=store)
    assert reopened.returncode == 0, reopened.stderr
    assert "confirmed" in reopened.stdout and reopened.stdout.startswith(f"# {article_id} ")
    unknown = run("review", "@ffffffffffff", store=store)
    assert "no article" in one_clear_line(unknown.returncode, unknown.stderr)


def test_an_edit_at_the_same_address_carries_the_reviews_and_says_so(site, tmp_path):
    store, url = tmp_path / "s.sqlite3", site.url("/lajm/ndryshuar")
    site.pages["/lajm/ndryshuar"] = PAGE
    run("review", url, "--confirm", "q1", "--confirm", "q2", store=store)
    site.pages["/lajm/ndryshuar"] = PAGE.replace(b"Presidenti rus", b"Sot, presidenti rus")
    listing = run("review", url, store=store).stdout
    assert "carried 2 review(s) over from the earlier version" in listing
    assert listing.count(" confirmed ") == 2
    assert "versions" in run("review", "--list", store=store).stdout


def test_the_final_report_waits_for_every_attribution(tmp_path):
    store, out = tmp_path / "s.sqlite3", tmp_path / "out"
    refused = run(
        "report", str(SEED), "--final", "--format", "json", "--out", str(out), store=store
    )
    message = one_clear_line(refused.returncode, refused.stderr)
    assert "not final: 0 of 6 attributions reviewed" in message and "q1, q2" in message
    assert not out.exists()
    ids = [f"q{n}" for n in range(1, 7)]
    confirm = [arg for quote_id in ids for arg in ("--confirm", quote_id)]
    assert run("review", str(SEED), *confirm, store=store).returncode == 0
    done = run("report", str(SEED), "--final", "--format", "md", "--out", str(out), store=store)
    assert done.returncode == 0, done.stderr
    markdown = next(out.glob("*.md")).read_text(encoding="utf-8")
    assert "6 of 6 attributions reviewed" in markdown and "Draft" not in markdown


def test_compare_and_verify_read_the_reviewed_attributions(tmp_path):
    store = tmp_path / "s.sqlite3"
    sides = ("--a-side", "Russia", "--b-side", "Turkey", "--format", "json", "--include-optional")
    machine = json.loads(run("compare", str(SEED), *sides, "--machine", store=store).stdout)
    quoted = {p["text"] for t in (*machine["both"], *machine["only_a"]) for p in [t["a"]] if p}
    rejected = next(t for t in quoted if "NATO" in t)
    listing = run("review", str(SEED), store=store).stdout
    [nato] = _ids(listing, "Rusia")
    run("review", str(SEED), "--reject", nato, store=store)
    reviewed = json.loads(run("compare", str(SEED), *sides, store=store).stdout)
    points = {p["text"] for t in (*reviewed["both"], *reviewed["only_a"]) for p in [t["a"]] if p}
    assert rejected not in points and points
    source = tmp_path / "source.txt"
    source.write_text("NATO të mos e anëtarësojë Ukrainën.", encoding="utf-8")
    verified = run("verify", str(SEED), "--source", str(source), "--format", "json", store=store)
    assert nato not in {r["quote_id"] for r in json.loads(verified.stdout)}
    raw = run(
        "verify", str(SEED), "--source", str(source), "--format", "json", "--machine", store=store
    )
    assert nato in {r["quote_id"] for r in json.loads(raw.stdout)}


def test_batch_fetches_a_list_of_links(site, tmp_path):
    links = tmp_path / "links.txt"
    links.write_text(
        f"{site.url('/lajm/putin-erdogan')}\n{site.url('/nuk-ka')}\n", encoding="utf-8"
    )
    result = run(
        "batch", str(links), "--out", str(tmp_path / "out.jsonl"), "--quiet", store=tmp_path / "s"
    )
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text().splitlines()]
    ok, missing = sorted(records, key=lambda r: "error" in r)
    assert ok["quotes"] and "404" in missing["error"]


def test_sides_are_named_in_albanian_or_english_and_an_unknown_one_lists_them(tmp_path):
    store = tmp_path / "s.sqlite3"
    albanian = run(
        "compare",
        str(SEED),
        "--a-side",
        "Rusia",
        "--b-side",
        "Turqia",
        "--format",
        "json",
        "--machine",
        store=store,
    )
    assert albanian.returncode == 0, albanian.stderr
    english = run(
        "compare",
        str(SEED),
        "--a-side",
        "Russia",
        "--b-side",
        "Turkey",
        "--format",
        "json",
        "--machine",
        store=store,
    )
    same = ("both", "only_a", "only_b")
    assert [len(json.loads(albanian.stdout)[k]) for k in same] == [
        len(json.loads(english.stdout)[k]) for k in same
    ]
    unknown = run(
        "compare", str(SEED), "--a-side", "Francë", "--b-side", "Turqia", "--machine", store=store
    )
    message = one_clear_line(unknown.returncode, unknown.stderr)
    assert "no side 'Francë'" in message and "Russia (Rusia), Turkey (Turqia)" in message


def test_a_review_sets_joint_speakers_and_sides_by_albanian_names(tmp_path):
    store = tmp_path / "s.sqlite3"
    args = (
        "--speaker",
        "q1",
        "Putin",
        "--speaker",
        "q1",
        "Erdogan",
        "--side",
        "Erdogan",
        "Turqia",
        "--speaker",
        "q4",
        "Dmitry Peskov",
        "--side",
        "q4",
        "Rusia",
    )
    listing = run("review", str(SEED), *args, store=store)
    assert listing.returncode == 0, listing.stderr
    assert "Vladimir Putin [Russia] + Erdogan [Turkey] by ana" in listing.stdout
    assert "Dmitry Peskov [Russia] by ana" in listing.stdout
    history = run("review", str(SEED), "--history", "q4", store=store).stdout
    assert "ana: side Dmitry Peskov → Russia" in history
    nobody = run("review", str(SEED), "--side", "Askush", "Rusia", store=store)
    assert "no quote of 'Askush'" in one_clear_line(nobody.returncode, nobody.stderr)


def test_an_attribution_check_is_no_claim_rating_and_only_ratings_make_claimreviews(tmp_path):
    store, out = tmp_path / "s.sqlite3", tmp_path / "out"
    checked = run(
        "review",
        str(SEED),
        "--check",
        "q2",
        "accurate",
        "Fjalë për fjalë te kremlin.ru",
        store=store,
    )
    assert "attribution check: accurate: Fjalë për fjalë" in checked.stdout
    run("report", str(SEED), "--format", "claimreview", "--out", str(out), store=store)
    assert json.loads(next(out.glob("*.jsonld")).read_text(encoding="utf-8")) == []
    rated = ("--rate", "q4", "misleading", "Pa kontekstin e luftës.", "--verdict", "q5", "4", "Po.")
    assert run("review", str(SEED), *rated, store=store).returncode == 0
    run("report", str(SEED), "--format", "claimreview", "--out", str(out), store=store)
    reviews = json.loads(next(out.glob("*.jsonld")).read_text(encoding="utf-8"))
    ratings = {r["claimReviewed"][:20]: r["reviewRating"] for r in reviews}
    assert {"@type": "Rating", "alternateName": "Mashtruese"} in ratings.values()
    assert {
        "@type": "Rating",
        "alternateName": "Kryesisht e vërtetë",
        "ratingValue": 4,
        "bestRating": 5,
        "worstRating": 1,
    } in ratings.values()
    wrong = run("review", str(SEED), "--check", "q2", "true", store=store)
    assert "KIND is one of accurate, misattributed" in one_clear_line(
        wrong.returncode, wrong.stderr
    )


def test_a_desk_rates_on_its_own_scale(tmp_path):
    scale = tmp_path / "scale.yaml"
    scale.write_text(
        'version: "1"\nlang: sq\nsource: "desk"\nentries:\n'
        '  - {key: jo, value: 0, sq: "Jo e vërtetë", en: "Not true"}\n'
        '  - {key: pjeserisht, value: 1, sq: "Pjesërisht", en: "Partly"}\n'
        '  - {key: po, value: 2, sq: "E vërtetë", en: "True"}\n',
        encoding="utf-8",
    )
    store = tmp_path / "s.sqlite3"
    rated = run(
        "review",
        str(SEED),
        "--ratings",
        str(scale),
        "--rate",
        "q4",
        "Pjesërisht",
        "Vetëm pjesa e parë.",
        store=store,
    )
    assert "claim rating: 1/2 Pjesërisht" in rated.stdout
    unknown = run(
        "review", str(SEED), "--ratings", str(scale), "--rate", "q4", "5", "x", store=store
    )
    message = one_clear_line(unknown.returncode, unknown.stderr)
    assert (
        "no rating '5' on the desk's scale (0 Jo e vërtetë, 1 Pjesërisht, 2 E vërtetë)" in message
    )


def test_verify_proposes_the_attribution_check(tmp_path):
    source = tmp_path / "kremlin.txt"
    source.write_text(
        "Vladimir Putin dhe Recep Tayyip Erdogan biseduan për bashkëpunimin dypalësh dhe "
        "riafirmuan vendosmërinë e tyre që të vazhdojnë të rrisin partneritetin ndërmjet "
        "Rusisë dhe Turqisë.",
        encoding="utf-8",
    )
    result = run(
        "verify",
        str(SEED),
        "--source",
        str(source),
        "--format",
        "json",
        "--machine",
        store=tmp_path / "s",
    )
    proposed = {r["quote_id"]: r["proposed_check"] for r in json.loads(result.stdout)}
    assert proposed["q2"] == "accurate" and proposed["q5"] == "not_in_source"
