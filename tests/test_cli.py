"""The command line, run as a user runs it: a real process, real files."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from attribution import report
from attribution.cli import COMMANDS, build_parser

from .conftest import DEV, ROOT, SEED, SHARED, needs_shared, one_clear_line


def run(
    *args: str, stdin: bytes | None = None, timeout: int = 300, env: dict | None = None
) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "attribution", *args],
        input=stdin,
        capture_output=True,
        timeout=timeout,
        cwd=ROOT,
        env=env,
    )


def _one_clear_line(result: subprocess.CompletedProcess) -> str:
    return one_clear_line(result.returncode, result.stderr)


@pytest.mark.parametrize(
    "command", [[], *([name] for name in COMMANDS), ["models", "info"], ["models", "download"]]
)
def test_help_on_every_command(command):
    result = run(*command, "--help")
    assert result.returncode == 0
    assert b"usage:" in result.stdout


# What `analyze` must start without: the review store, the batch engine, the report
# renderers, the dashboard and the optional engines (issue 17: the cold start).
NOT_FOR_ANALYZE = (
    "attribution.store",
    "attribution.workflow",
    "attribution.batch",
    "attribution.report",
    "attribution.desk",
    "attribution.compare",
    "attribution.verify",
    "streamlit",
    "dask",
    "pyarrow",
    "trafilatura",
)


def test_analyze_imports_only_what_it_needs():
    loaded = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, contextlib, io\n"
            "from attribution.cli import main\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            f"    main(['analyze', {str(SEED)!r}])\n"
            "print('\\n'.join(sys.modules))",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    ).stdout.split()
    assert "attribution.cli.analyze" in loaded
    unneeded = [m for m in loaded if any(_within(m, p) for p in NOT_FOR_ANALYZE)]
    assert unneeded == []


def _within(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def _report_format_choices() -> list[str]:
    (commands,) = (a for a in build_parser("report")._actions if a.dest == "==SUPPRESS==")
    (formats,) = (a for a in commands.choices["report"]._actions if a.dest == "formats")
    return list(formats.choices)


def test_report_offers_every_format_the_registry_has(monkeypatch):
    assert _report_format_choices() == [*report.REGISTRY, "all"]
    registered = report.Format("txt", "text/plain", lambda built, publication: "")
    monkeypatch.setitem(report.REGISTRY, "txt", registered)
    assert "txt" in _report_format_choices()


def test_analyze_seed_as_jsonl_follows_the_output_contract():
    result = run("analyze", "--format", "jsonl", str(SEED))
    assert result.returncode == 0, result.stderr.decode()
    lines = result.stdout.decode().splitlines()
    assert len(lines) == 1
    record = json.loads(lines[0])
    text = SEED.read_text(encoding="utf-8")
    assert record["source"] == str(SEED)
    assert record["quotes"]
    for quote in record["quotes"]:
        assert text[quote["start"] : quote["end"]] == quote["text"]
        assert quote["type"] in {"direct", "indirect"}
        if quote.get("speaker"):
            mention = quote["speaker"].get("mention")
            assert mention is None or text[mention["start"] : mention["end"]] == mention["text"]
    names = {q["speaker"]["name"] for q in record["quotes"] if q.get("speaker")}
    assert {"Kremlini", "Drejtoria e Komunikimeve e Turqisë", "Turqia"} <= names


def test_analyze_table_and_json_formats():
    table = run("analyze", str(SEED))
    assert table.returncode == 0 and "Kremlini" in table.stdout.decode()
    single = json.loads(run("analyze", "--format", "json", str(SEED)).stdout)
    assert single["provenance"]["schema_version"] and single["meta"]["sha256"]


def test_analyze_reads_stdin():
    result = run("analyze", "--format", "jsonl", "-", stdin="“Jemi gati”, tha ministri.".encode())
    assert result.returncode == 0
    assert json.loads(result.stdout)["quotes"][0]["speaker"]["name"] == "ministri"


def test_the_table_names_each_speaker_of_a_joint_statement():
    text = "Arben Leka dhe Drita Krasniqi deklaruan se nuk do të votojnë për buxhetin."
    result = run("analyze", "-", stdin=text.encode())
    assert result.returncode == 0
    assert "Arben Leka + Drita Krasniqi · deklaruan" in result.stdout.decode()


def test_the_table_says_what_an_optional_quote_is():
    table = run("analyze", str(SEED)).stdout.decode()
    assert "Rusia [Russia] · dëshiron (a belief or pledge)" in table


def test_missing_file_is_one_line_and_status_2(tmp_path):
    assert "no such file" in _one_clear_line(run("analyze", str(tmp_path / "none.txt")))


def test_binary_file_is_one_line_and_status_2(tmp_path):
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00")
    assert "binary" in _one_clear_line(run("analyze", str(path)))


def test_undecodable_and_empty_inputs(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes("Çmimet u rritën, tha ai.".encode("cp1250"))
    assert "UTF-8" in _one_clear_line(run("analyze", str(path)))
    assert "empty" in _one_clear_line(run("analyze", "-", stdin=b""))


def test_bad_desk_gazetteer_is_one_line(tmp_path):
    desk = tmp_path / "desk.yaml"
    desk.write_text("version: 1\nentries: [{id: x}]\n", encoding="utf-8")
    assert "desk.yaml" in _one_clear_line(run("analyze", "--gazetteer", str(desk), str(SEED)))


def test_models_info_shows_the_scores():
    result = run("models", "info")
    assert result.returncode == 0
    assert b"sq-ud-" in result.stdout and b"UPOS" in result.stdout


def _reaches_stanza_resources() -> bool:
    """Does this machine reach the server Stanza lists its models on (proxies as requests
    reads them from the environment, as stanza.download does)?"""
    import requests
    from stanza.resources.common import DEFAULT_RESOURCES_URL

    try:
        requests.head(DEFAULT_RESOURCES_URL, timeout=10)
    except requests.RequestException:
        return False
    return True


def test_models_download_without_internet_says_so_in_one_line(tmp_path):
    """Offline, `models download` fails with status 2 and one line naming what failed, and
    leaves no models behind; a machine that reaches the model server cannot show it."""
    if _reaches_stanza_resources():
        pytest.skip("this machine reaches the Stanza model server: it is not offline")
    result = run("models", "download", "--dir", str(tmp_path), timeout=180)
    assert "cannot download the Stanza 'sq' models: " in _one_clear_line(result)
    assert result.stdout == b""
    assert not list(tmp_path.rglob("*.pt"))


@needs_shared
def test_eval_prints_the_figures_of_score_py(tmp_path):
    ours = run("eval", str(DEV))
    assert ours.returncode == 0, ours.stderr.decode()
    out = tmp_path / "out.jsonl"
    analyzed = run("analyze", "--format", "jsonl", *sorted(str(p) for p in DEV.glob("*.txt")))
    out.write_bytes(analyzed.stdout)
    reference = subprocess.run(
        [
            sys.executable,
            str(SHARED / "eval" / "score.py"),
            "--gold",
            str(DEV),
            "--system",
            str(out),
        ],
        capture_output=True,
        check=True,
    )
    assert ours.stdout.decode().splitlines() == reference.stdout.decode().splitlines()


# ------------------------------------------------------------------------ dashboard


def test_dashboard_starts_the_shipped_page_with_the_tools_server_settings(monkeypatch):
    from streamlit.web import cli as streamlit_cli

    from attribution import launch
    from attribution.cli import dashboard, main

    started = []
    monkeypatch.setattr(streamlit_cli, "main", lambda: started.append(list(sys.argv)))
    monkeypatch.setattr(sys, "argv", ["attribution"])
    seeds = ROOT / "seeds"
    assert main(["dashboard", "--seeds", str(seeds), "--port", "8600"]) == 0
    assert started == [
        [
            "streamlit",
            "run",
            str(dashboard.SCRIPT),
            *launch.SERVER_SETTINGS,
            "--server.port=8600",
            "--server.address=127.0.0.1",
            "--",
            "--seeds",
            str(seeds),
        ]
    ]
    assert "--server.maxUploadSize=10" in launch.SERVER_SETTINGS  # io.MAX_BYTES, in MB
    assert dashboard.SCRIPT.is_file()


def test_dashboard_without_streamlit_says_which_extra_to_install(monkeypatch, capsys):
    import importlib.util

    from attribution.cli import main

    finds = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "streamlit" else finds(name)
    )
    assert main(["dashboard"]) == 2
    assert capsys.readouterr().err == (
        "attribution: the dashboard needs Streamlit: pip install 'attribution[dashboard]'\n"
    )


def test_the_shipped_page_opens_without_seed_articles(tmp_path, monkeypatch):
    from streamlit.testing.v1 import AppTest

    from attribution.cli import dashboard

    monkeypatch.setenv("ATTRIBUTION_STORE", str(tmp_path / "empty.sqlite3"))
    page = AppTest.from_file(str(dashboard.SCRIPT), default_timeout=300)
    page.query_params["lang"] = "en"
    page.run()
    assert not page.exception
    assert [i.value for i in page.info] == [
        "Add an article in the sidebar: a link, pasted text or a file."
    ]
