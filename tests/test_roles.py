"""Who may do what at a desk: roles from the desk's file, enforced by the workflow that the
command line and the dashboard share, before anything is written."""

from __future__ import annotations

import os
import subprocess
import textwrap

import pytest

from attribution import desk, io, workflow
from attribution.actions import Identity
from attribution.desk import AccessError, Role
from attribution.io import InputError
from attribution.ratings import load_scale
from attribution.review import ActionKind, Verdict
from attribution.store import Store

from .conftest import SEED, one_clear_line, run_cli

DESK = textwrap.dedent("""\
    version: "1.0"
    default_role: viewer
    members:
      - {name: edi, role: editor}
      - {name: rita, role: reviewer}
      - {email: Ana@Desk.example, role: editor}
      - {subject: "248289761001", issuer: "https://id.example", role: reviewer}
""")
ISSUER = "https://id.example"


@pytest.fixture
def desk_file(tmp_path, monkeypatch):
    path = tmp_path / "desk.yaml"
    path.write_text(DESK, encoding="utf-8")
    monkeypatch.setenv(desk.DESK_ENV, str(path))
    return path


@pytest.fixture
def opened(tmp_path):
    store = Store(tmp_path / "reviews.sqlite3")
    return store, workflow.open_article(io.read_path(SEED), store)


def test_the_desk_file_gives_each_person_a_role(desk_file):
    team = desk.load()
    assert team.reviewer("edi").role == Role.EDITOR
    assert team.reviewer("rita").role == Role.REVIEWER
    assert team.reviewer("someone").role == Role.VIEWER  # the default role
    assert team.reviewer("Ana", email="ana@desk.example").role == Role.EDITOR
    signed = team.reviewer("R.", identity=Identity(subject="248289761001", issuer=ISSUER))
    assert signed.role == Role.REVIEWER
    other_provider = Identity(subject="248289761001", issuer="https://elsewhere.example")
    assert team.reviewer("R.", identity=other_provider).role == Role.VIEWER
    # a signed-in person is not whoever a typed name in the file says
    assert team.reviewer("edi", identity=Identity(subject="x", issuer=ISSUER)).role == Role.VIEWER


def test_without_a_desk_file_the_one_user_may_do_everything(monkeypatch):
    monkeypatch.delenv(desk.DESK_ENV, raising=False)
    assert desk.load() == desk.SINGLE_USER
    assert all(desk.load().reviewer("ana").may(kind) for kind in ActionKind)


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("version: '1.0'\nmembers: [{role: editor}]\n", "an email, a subject or a name"),
        ("version: '1.0'\nmembers: [{name: a, role: boss}]\n", "members.0.role"),
        ("version: '1.0'\nmembers: [{name: a, role: editor, team: x}]\n", "members.0.team"),
        ("version: [1.0\n", "is not YAML"),
    ],
)
def test_a_bad_desk_file_is_one_clear_error(tmp_path, text, says):
    path = tmp_path / "desk.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=says):
        desk.load(path)


def test_a_viewer_is_refused_before_anything_is_written(desk_file, opened):
    store, state = opened
    with pytest.raises(AccessError, match="viewer at this desk and cannot confirm"):
        workflow.act(store, state, ActionKind.CONFIRM, reviewer="vera", quote_id="q1")
    with pytest.raises(AccessError, match="nothing was saved"):
        workflow.act(store, state, ActionKind.NOTE, reviewer="vera", quote_id="q1", note="x")
    assert store.actions(state.analysis.meta.sha256) == []


def test_a_reviewer_reviews_and_only_an_editor_rates_a_claim(desk_file, opened):
    store, state = opened
    state = workflow.act(store, state, ActionKind.CONFIRM, reviewer="rita", quote_id="q1")
    verdict = Verdict.on(load_scale(), "true", "Përputhet me deklaratën.")
    with pytest.raises(AccessError, match="an editor rates claims"):
        workflow.act(
            store, state, ActionKind.VERDICT, reviewer="rita", quote_id="q1", verdict=verdict
        )
    workflow.act(store, state, ActionKind.VERDICT, reviewer="edi", quote_id="q1", verdict=verdict)
    kinds = [(a.kind, a.reviewer) for a in store.actions(state.analysis.meta.sha256)]
    assert kinds == [(ActionKind.CONFIRM, "rita"), (ActionKind.VERDICT, "edi")]


def test_a_signed_in_reviewers_actions_carry_the_subject_and_the_provider(desk_file, opened):
    store, state = opened
    identity = Identity(subject="248289761001", issuer=ISSUER)
    reviewer = desk.load().reviewer("Rita Prifti", identity=identity)
    workflow.act(store, state, ActionKind.CONFIRM, reviewer=reviewer, quote_id="q2")
    (action,) = store.actions(state.analysis.meta.sha256)
    assert action.reviewer == "Rita Prifti" and action.identity == identity


def test_only_an_editor_exports_the_final_report(desk_file, opened):
    store, state = opened
    workflow.require_export(state, desk.load().reviewer("vera"))  # a draft: anyone
    for quote in state.quotes:
        state = workflow.act(
            store, state, ActionKind.CONFIRM, reviewer="rita", quote_id=quote.quote.id
        )
    with pytest.raises(AccessError, match="an editor exports the final report"):
        workflow.require_export(state, desk.load().reviewer("rita"))
    workflow.require_export(state, desk.load().reviewer("edi"))


def test_an_import_needs_the_role_each_action_needs(desk_file, opened, tmp_path):
    store, state = opened
    workflow.act(store, state, ActionKind.CONFIRM, reviewer="rita", quote_id="q1")
    exported = store.actions(state.analysis.meta.sha256)
    other = Store(tmp_path / "other.sqlite3")
    fresh = workflow.open_article(io.read_path(SEED), other)
    with pytest.raises(AccessError, match="vera is a viewer"):
        workflow.import_actions(other, fresh, exported, by="vera")
    assert other.actions(state.analysis.meta.sha256) == []


def _cli(*args: str, env: dict) -> subprocess.CompletedProcess:
    return run_cli(*args, env=env)


def test_the_command_line_refuses_what_the_role_does_not_allow(desk_file, tmp_path):
    env = {**os.environ, desk.DESK_ENV: str(desk_file)}
    store = str(tmp_path / "reviews.sqlite3")
    review = ("review", str(SEED), "--store", store)
    refused = _cli(*review, "--reviewer", "vera", "--confirm", "q1", env=env)
    assert "vera is a viewer" in one_clear_line(refused.returncode, refused.stderr)
    assert "confirmed" not in _cli(*review, env=env).stdout

    confirm_all = [arg for n in range(1, 7) for arg in ("--confirm", f"q{n}")]
    done = _cli(*review, "--reviewer", "rita", *confirm_all, env=env)
    assert done.returncode == 0, done.stderr
    report = ("report", str(SEED), "--store", store, "--out", str(tmp_path), "--format", "md")
    final = _cli(*report, "--final", "--reviewer", "rita", env=env)
    assert "an editor exports the final report" in one_clear_line(final.returncode, final.stderr)
    assert not (tmp_path / f"{SEED.stem}.md").exists()
    assert _cli(*report, "--final", "--reviewer", "edi", env=env).returncode == 0
    assert (tmp_path / f"{SEED.stem}.md").exists()
