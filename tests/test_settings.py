"""The environment the tool reads, in one place: a bad value is one line naming it, the
command line, the dashboard and the batch read the same settings, and servers log."""

from __future__ import annotations

import logging
import os

import pytest

from attribution import batch, desk, io, settings, store, workflow
from attribution.errors import SettingsError
from attribution.review import ActionKind
from attribution.store import Store

from .conftest import ROOT, SEED, one_clear_line, open_dashboard, run_cli


@pytest.mark.parametrize(
    ("variable", "value", "says"),
    [
        ("ATTRIBUTION_THREADS", "abc", "ATTRIBUTION_THREADS=abc: should be a valid integer"),
        ("ATTRIBUTION_THREADS", "0", "ATTRIBUTION_THREADS=0: should be greater than or equal to 1"),
        ("ATTRIBUTION_LOG_LEVEL", "loud", "ATTRIBUTION_LOG_LEVEL=loud: should be 'DEBUG'"),
        ("SOURCE_DATE_EPOCH", "soon", "SOURCE_DATE_EPOCH=soon: should be a valid integer"),
    ],
)
def test_a_bad_setting_is_one_line_naming_it(variable, value, says):
    refused = run_cli("analyze", str(SEED), env={**os.environ, variable: value})
    assert one_clear_line(refused.returncode, refused.stderr).startswith(f"attribution: {says}")


def test_an_empty_variable_is_an_unset_one(monkeypatch):
    monkeypatch.setenv("ATTRIBUTION_STORE", "")
    monkeypatch.setenv("ATTRIBUTION_THREADS", "")
    assert settings.current().threads == 1
    assert str(store.default_location()).endswith("reviews.sqlite3")


def test_every_setting_is_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [
        settings.variable(field)
        for field in settings.Settings.model_fields
        if f"| `{settings.variable(field)}` |" not in readme
    ]
    assert missing == []


def test_the_dashboard_shows_a_bad_setting_as_one_message(monkeypatch):
    monkeypatch.setenv("ATTRIBUTION_LOG_LEVEL", "loud")
    page = open_dashboard()
    assert not page.exception
    assert [e.value for e in page.error] == [
        "ATTRIBUTION\\_LOG\\_LEVEL=loud: should be 'DEBUG', 'INFO', 'WARNING' or 'ERROR'"
    ]


def test_the_desk_file_names_the_publisher_of_its_reports(tmp_path):
    desk_file = tmp_path / "desk.yaml"
    desk_file.write_text('version: "1.0"\nname: Desk i verifikimit\n', encoding="utf-8")
    env = {**os.environ, desk.DESK_ENV: str(desk_file)}
    args = ("report", str(SEED), "--machine", "--reviewer", "ana", "--format", "md", "--out")
    args = (*args, str(tmp_path))
    assert run_cli(*args, env=env).returncode == 0
    assert "by Desk i verifikimit" in (tmp_path / f"{SEED.stem}.md").read_text(encoding="utf-8")
    assert run_cli(*args, "--desk", "Another desk", env=env).returncode == 0
    assert "by Another desk" in (tmp_path / f"{SEED.stem}.md").read_text(encoding="utf-8")


def test_a_batch_logs_each_failed_document_and_its_summary(tmp_path, caplog):
    tasks = [batch.Task(id="empty", text="   "), batch.Task(id="fine", text="Ai tha se po.")]
    with caplog.at_level(logging.INFO, logger="attribution"):
        batch.run(tasks, tmp_path / "result.jsonl")
    logged = [
        (r.levelname, r.getMessage()) for r in caplog.records if r.name == "attribution.batch"
    ]
    assert logged[0][0] == "WARNING" and logged[0][1].startswith("empty: ")
    assert logged[-1][0] == "INFO" and "2 documents written (1 with errors)" in logged[-1][1]


def test_each_review_action_is_logged_with_who_did_it(tmp_path, caplog):
    kept = Store(tmp_path / "reviews.sqlite3")
    state = workflow.open_article(io.read_path(SEED), kept)
    with caplog.at_level(logging.INFO, logger="attribution"):
        workflow.act(kept, state, ActionKind.CONFIRM, reviewer="ana", quote_id="q1")
    sha = state.analysis.meta.sha256[:12]
    assert [r.getMessage() for r in caplog.records] == [f"ana: confirm q1 of {sha}"]


def test_logging_goes_to_stderr_at_the_level_set(monkeypatch, capsys):
    monkeypatch.setenv("ATTRIBUTION_LOG_LEVEL", "WARNING")
    settings.configure_logging(timestamps=False)
    logging.getLogger("attribution.batch").info("not shown")
    logging.getLogger("attribution.batch").warning("a document failed")
    assert capsys.readouterr().err == "attribution: a document failed\n"
    with pytest.raises(SettingsError):
        monkeypatch.setenv("ATTRIBUTION_LOG_LEVEL", "all")
        settings.configure_logging()
