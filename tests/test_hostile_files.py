"""Hostile files, as a user (or an attacker) hands them over: through the command line, a real
process, and through `attribution.io.read_bytes`, the dashboard's upload path.

Each one gives a valid analysis or one clear line on stderr with exit status 2, never a
traceback, and a file that is refused is refused before it fills the memory: the peak
resident size of the process is measured.
"""

from __future__ import annotations

import functools
import io as stdio
import json
import os
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import docx
import pytest

from attribution import io

from .conftest import ROOT, one_clear_line

REFUSED_PEAK_MB = 150  # a refusal never loads the models (about 400 MB) nor the file whole
ARTICLE = "“Jemi gati për dialog me të gjithë”, tha ministri i jashtëm sot në Tiranë."
REPORTS = " ".join(["Kryeministri tha se qeveria do të ulë taksat për bizneset e vogla."] * 5)


@dataclass(frozen=True)
class Run:
    status: int
    stdout: bytes
    stderr: str
    peak_mb: float


# The command runs as the child of this small launcher, which reports the child's peak
# resident size: measured from pytest itself, it would include pytest's own memory, which a
# child holds until it starts the new program.
LAUNCHER = """
import resource, subprocess, sys
status = subprocess.run([sys.executable, "-m", "attribution", *sys.argv[2:]]).returncode
with open(sys.argv[1], "w") as out:
    out.write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))
sys.exit(status if status >= 0 else 128 - status)
"""


def run(*args: str, stdin: Path | None = None, timeout: float = 300) -> Run:
    """`python -m attribution ARGS` as a user runs it, and the most memory it held."""
    with tempfile.TemporaryDirectory() as folder, open(stdin or os.devnull, "rb") as given:
        peak = Path(folder) / "peak-kb"
        result = subprocess.run(
            [sys.executable, "-c", LAUNCHER, str(peak), *args],
            stdin=given,
            capture_output=True,
            timeout=timeout,
            cwd=ROOT,
        )
        peak_kb = int(peak.read_text())
    return Run(result.returncode, result.stdout, result.stderr.decode(), peak_kb / 1024)


def refused(result: Run, reason: str) -> None:
    """One line on stderr that says why, exit status 2, no traceback, little memory."""
    assert reason in one_clear_line(result.status, result.stderr), result.stderr
    assert result.peak_mb < REFUSED_PEAK_MB, result.peak_mb


def analysed(result: Run) -> dict:
    """A valid analysis: every quote's offsets index the text it was read from."""
    assert result.status == 0, result.stderr
    analysis = json.loads(result.stdout)
    for quote in analysis["quotes"]:
        assert analysis["text"][quote["start"] : quote["end"]] == quote["text"]
    return analysis


# ------------------------------------------------------------------------ the files


def _docx(text: str = ARTICLE) -> bytes:
    document = docx.Document()
    document.add_paragraph(text)
    buffer = stdio.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _docx_in_table(text: str = ARTICLE, *, depth: int = 1) -> bytes:
    """A .docx whose only text stands in a cell of tables nested `depth` deep."""
    document = docx.Document()
    cell = document.add_table(rows=1, cols=2).cell(0, 1)
    for _ in range(depth - 1):
        cell = cell.add_table(rows=1, cols=1).cell(0, 0)
    cell.text = text
    buffer = stdio.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _html_in(charset: str, body: str = f"<p>{ARTICLE}</p><p>{REPORTS}</p>") -> bytes:
    """A page written in windows-1252 (“ ” ë a byte each) that declares `charset`."""
    page = f'<html><head><meta charset="{charset}"></head><body><article>{body}</article>'
    return f"{page}</body></html>".encode("cp1252")


def _docx_with(document_xml: Callable[[bytes], bytes]) -> bytes:
    """A real .docx whose word/document.xml is rewritten."""
    rebuilt = stdio.BytesIO()
    with (
        zipfile.ZipFile(stdio.BytesIO(_docx())) as source,
        zipfile.ZipFile(rebuilt, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "word/document.xml":
                data = document_xml(data)
            target.writestr(item.filename, data)
    return rebuilt.getvalue()


def _zip_of(name: str, data: bytes) -> bytes:
    buffer = stdio.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(name, data)
    return buffer.getvalue()


HTML_WITH_SCRIPTS = (
    "<html><head><title>Taksat</title><script>alert('head')</script></head><body>"
    "<iframe src=\"javascript:alert('frame')\"></iframe><nav>Ballina | Lajme</nav>"
    f"<article><h1>Taksat ulen</h1><p>{REPORTS}</p>"
    "<p onclick=\"alert('click')\">“Do t’i ulim &lt;script&gt;alert('entity')&lt;/script&gt;”, "
    "tha ai.</p><script>document.write('body')</script>"
    "<iframe srcdoc=\"<script>alert('srcdoc')</script>\"></iframe></article></body></html>"
)
# name: (file name, how to make it, what the user is told; None: the file is analysed)
HOSTILE: dict[str, tuple[str, Callable[[], bytes], str | None]] = {
    "binary": (
        "photo.txt",
        lambda: b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(256)),
        "binary",
    ),
    "binary-as-html": ("page.html", lambda: b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 50, "binary"),
    "empty": ("empty.txt", lambda: b"", "empty"),
    "longer-than-a-book": ("book.txt", lambda: ("fjalë " * 400_000).encode(), "one analysis takes"),
    "only-whitespace": ("blank.txt", lambda: b" \n\t\r\n  ", "empty"),
    "not-utf8": ("latin.txt", lambda: "Çmimet u rritën, tha ai.".encode("cp1250"), "not UTF-8"),
    "truncated-docx": ("cut.docx", lambda: _docx()[:2000], "not a readable .docx"),
    "docx-broken-xml": ("broken.docx", lambda: _docx_with(lambda xml: xml[: len(xml) // 2]), "XML"),
    "zip-not-docx": (
        "archive.docx",
        lambda: _zip_of("notes.txt", b"hello"),
        "not a readable .docx",
    ),
    "docx-bomb": (  # 95 KB that unpack to 61 MB
        "bomb.docx",
        lambda: _docx_with(lambda xml: xml.replace(b"Jemi gati", b"a" * 60_000_000)),
        "unpacks to",
    ),
    "html-only-scripts": (
        "scripts.html",
        lambda: b"<html><body><script>alert(1)</script><iframe src=x></iframe></body></html>",
        "no article text",
    ),
    "html-nested-100k-deep": (
        "deep.html",
        lambda: ("<div>" * 100_000 + ARTICLE + "</div>" * 100_000).encode(),
        "no article text",
    ),
    "html-unknown-charset": ("page.html", lambda: _html_in("x-fjalë"), "not a known text encoding"),
    "html-not-its-charset": (  # 0x81 is no character of windows-1252
        "page.html",
        lambda: _html_in("windows-1252").replace(b"</p>", b"\x81</p>", 1),
        "not 'windows-1252' text as it declares",
    ),
    "docx-tables-nested-100-deep": (
        "deep.docx",
        lambda: _docx_in_table(depth=100),
        "Excessive depth in document",
    ),
    "html-with-scripts": ("page.html", lambda: HTML_WITH_SCRIPTS.encode(), None),
    "html-windows-1252": ("page.html", lambda: _html_in("windows-1252"), None),
    "utf16-with-bom": ("windows.txt", lambda: ARTICLE.encode("utf-16"), None),
    "utf16-without-bom": ("notepad.txt", lambda: ARTICLE.encode("utf-16-le"), None),
    "utf16be-without-bom": ("mac.txt", lambda: ARTICLE.encode("utf-16-be"), None),
    "docx": ("article.docx", _docx, None),
    "docx-table": ("table.docx", _docx_in_table, None),
}


@functools.cache
def content(key: str) -> bytes:
    return HOSTILE[key][1]()


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("hostile")
    paths = {}
    for key, (name, _, _) in HOSTILE.items():
        paths[key] = folder / key / name
        paths[key].parent.mkdir()
        paths[key].write_bytes(content(key))
    return paths


@pytest.mark.parametrize("key", [k for k, (_, _, why) in HOSTILE.items() if why is not None])
def test_a_hostile_file_is_refused_in_one_line(files, key):
    refused(run("analyze", str(files[key])), HOSTILE[key][2])


def test_html_scripts_and_iframes_never_reach_the_analysis(files):
    analysis = analysed(run("analyze", "--format", "json", str(files["html-with-scripts"])))
    assert "qeveria do të ulë taksat" in analysis["text"]
    assert "alert" not in analysis["text"].replace("alert('entity')", "")  # text, not code
    assert "<script>alert('entity')</script>" in analysis["text"]  # what the article says
    assert analysis["quotes"]


@pytest.mark.parametrize(
    "key",
    [
        "utf16-with-bom",
        "utf16-without-bom",
        "utf16be-without-bom",
        "html-windows-1252",
        "docx",
        "docx-table",
    ],
)
def test_other_encodings_and_formats_are_analysed(files, key):
    analysis = analysed(run("analyze", "--format", "json", str(files[key])))
    assert [q["text"] for q in analysis["quotes"]][:1] == ["Jemi gati për dialog me të gjithë"]


def test_a_50_mb_file_is_refused_unread(tmp_path):
    big = tmp_path / "archive.txt"
    with big.open("wb") as out:
        for _ in range(60):
            out.write((REPORTS + "\n").encode() * 2_500)  # 0.9 MB of news
    assert big.stat().st_size > 50e6
    result = run("analyze", str(big))
    refused(result, "over the 10 MB limit")
    assert result.peak_mb < 100  # not read at all: the size alone refuses it


def test_50_mb_on_stdin_is_cut_at_the_limit(tmp_path):
    big = tmp_path / "piped.txt"
    big.write_bytes(b"a " * 25_000_000)
    refused(run("analyze", "-", stdin=big), "more than the 10 MB limit")


def test_a_file_that_never_ends_is_cut_at_the_limit():
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero on this system")
    refused(run("analyze", "/dev/zero"), "more than the 10 MB limit")


def test_a_file_that_cannot_be_read_is_one_line():
    if not Path("/proc/self/mem").exists():
        pytest.skip("no /proc/self/mem on this system (it fails to read, even for root)")
    refused(run("analyze", "/proc/self/mem"), "cannot be read")


@pytest.mark.slow
def test_a_megabyte_article_is_analysed_in_bounded_memory(tmp_path):
    article = tmp_path / "long.txt"
    article.write_text(f"{ARTICLE} {REPORTS}\n\n" * 2_500, encoding="utf-8")
    assert article.stat().st_size > 1e6
    result = run("analyze", "--format", "jsonl", str(article), timeout=900)
    assert result.status == 0, result.stderr
    assert len(json.loads(result.stdout)["quotes"]) >= 2_500
    assert result.peak_mb < 2_000, result.peak_mb


# ------------------------------------------------------------------------ the upload path


@pytest.mark.parametrize("key", list(HOSTILE))
def test_an_upload_is_loaded_or_refused_with_a_reason(key):
    name, _, reason = HOSTILE[key]
    if reason is None:
        assert io.read_bytes(content(key), name=name).text.strip()
    else:
        with pytest.raises(io.InputError, match=reason):
            io.read_bytes(content(key), name=name)


def test_an_upload_over_the_limit_is_refused_before_it_is_read():
    with pytest.raises(io.InputError, match="over the 10 MB limit"):
        io.read_bytes(b"a" * (io.MAX_BYTES + 1), name="big.txt")


def test_pasted_text_over_the_limit_is_refused():
    with pytest.raises(io.InputError, match="more than the"):
        io.from_text("a " * (io.MAX_CHARS // 2 + 1), source="pasted text")
