"""Batch analysis of archives: inputs, bad documents, resuming, Ctrl-C, workers, Dask."""

from __future__ import annotations

import io as stdio
import json
import shutil
import signal
import subprocess
import sys
import time

import docx
import pytest

from attribution import batch

from .conftest import FIXTURES, ROOT, dev_articles

ARTICLES = sorted((FIXTURES / "articles").glob("*.txt"))


def _records(path) -> dict[str, dict]:
    lines = path.read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    assert len({r["id"] for r in records}) == len(records), "an id written twice"
    return {r["id"]: r for r in records}


def _archive(folder, articles, copies: int = 1):
    for copy in range(copies):
        target = folder / f"copy{copy:02d}"
        target.mkdir(parents=True)
        for article in articles:
            shutil.copy(article, target / article.name)
    return folder


def _cli(*args: str, timeout: int = 600) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "attribution", "batch", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=ROOT,
    )


def test_a_folder_with_bad_documents_gets_a_record_for_each(tmp_path):
    folder = tmp_path / "arkiva"
    folder.mkdir()
    (folder / "a.txt").write_text("“Jemi gati”, tha ministri i Jashtëm, Igli Hasani.\n")
    (folder / "bosh.txt").write_bytes(b"")
    (folder / "binar.txt").write_bytes(bytes(range(256)) * 8)
    (folder / "skanim.pdf").write_bytes(b"%PDF-1.4 not an article type: ignored")
    (folder / ".git").mkdir()
    (folder / ".git" / "HEAD").write_text("ref: refs/heads/main")
    document = docx.Document()
    document.add_paragraph("Kremlini tha se bisedimet do të vazhdojnë javën e ardhshme.")
    packed = stdio.BytesIO()
    document.save(packed)
    (folder / "nen" / "b.docx").parent.mkdir()
    (folder / "nen" / "b.docx").write_bytes(packed.getvalue())

    result = _cli(str(folder), "--out", str(tmp_path / "r.jsonl"), "--quiet")
    assert result.returncode == 0, result.stderr
    records = _records(tmp_path / "r.jsonl")
    assert sorted(records) == ["a.txt", "binar.txt", "bosh.txt", "nen/b.docx"]
    assert records["bosh.txt"]["error"] == "bosh.txt: the file is empty"
    assert "binary" in records["binar.txt"]["error"]
    assert records["a.txt"]["quotes"][0]["speaker"]["name"] == "Igli Hasani"
    assert records["nen/b.docx"]["quotes"][0]["speaker"]["name"] == "Kremlini"
    assert "4 documents written (2 with errors)" in result.stderr


def test_a_json_lines_input_with_a_broken_line(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text(
        json.dumps({"id": "x1", "text": "“Po”, tha Kurti.", "title": "T"}, ensure_ascii=False)
        + "\n{not json\n"
        + json.dumps({"id": "x2", "body": "no text field"})
        + "\n",
        encoding="utf-8",
    )
    total, todo = batch.tasks(str(source))
    summary = batch.run(todo, tmp_path / "r.jsonl")
    records = _records(tmp_path / "r.jsonl")
    assert total == 3 and summary.written == 3 and summary.errors == 2
    assert records["x1"]["quotes"][0]["text"] == "Po"
    assert records["in.jsonl:2"]["error"].startswith("line 2: not a record")
    assert records["in.jsonl:3"]["error"].startswith("line 3: not a record")


def test_a_glob_input(tmp_path):
    total, todo = batch.tasks(str(FIXTURES / "articles" / "0[12]_*.txt"))
    assert total == 2
    assert [t.id for t in todo] == [p.as_posix() for p in ARTICLES[:2]]


def test_a_rerun_resumes_and_repairs_a_line_cut_by_a_crash(tmp_path):
    result = tmp_path / "r.jsonl"
    total, todo = batch.tasks(str(_archive(tmp_path / "a", ARTICLES[:4])))
    batch.run(list(todo)[:2], result)
    with result.open("a", encoding="utf-8") as out:
        out.write('{"id": "copy00/03_dipl')  # the crash cut this record short
    _, todo = batch.tasks(str(tmp_path / "a"))
    summary = batch.run(todo, result)
    assert (summary.skipped, summary.written) == (2, 2)
    assert len(_records(result)) == total == 4


def test_a_result_file_of_something_else_is_refused(tmp_path):
    result = tmp_path / "r.jsonl"
    result.write_text("hello\n")
    _, todo = batch.tasks(str(ARTICLES[0]))
    with pytest.raises(batch.BatchError, match="not a result file"):
        batch.run(todo, result)


def test_two_worker_processes_write_what_one_process_writes(tmp_path):
    archive = _archive(tmp_path / "a", ARTICLES)
    outputs = []
    for workers, name in ((1, "one.jsonl"), (2, "two.jsonl")):
        _, todo = batch.tasks(str(archive))
        summary = batch.run(todo, tmp_path / name, workers=workers)
        assert (summary.written, summary.errors) == (len(ARTICLES), 0)
        outputs.append(_records(tmp_path / name))
    one, two = outputs
    # every article analysed, without error and with its quotes: two empty runs are not equal
    assert len(one) == len(ARTICLES) and all("error" not in r for r in one.values())
    assert all(r["quotes"] for r in one.values())
    assert one == two


def test_ctrl_c_leaves_a_valid_result_that_a_rerun_completes(tmp_path):
    archive = _archive(tmp_path / "a", ARTICLES, copies=4)
    result = tmp_path / "r.jsonl"
    args = [sys.executable, "-m", "attribution", "batch", str(archive), "--out", str(result)]
    process = subprocess.Popen([*args, "--workers", "2"], cwd=ROOT, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and (
        not result.exists() or result.read_text(encoding="utf-8").count("\n") < 3
    ):
        time.sleep(0.05)
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=120)
    assert process.returncode == 130, err.decode()
    assert "Traceback" not in err.decode() and "rerun to resume" in err.decode()
    interrupted = _records(result)  # every line whole and valid
    assert 3 <= len(interrupted) < 4 * len(ARTICLES)
    rerun = subprocess.run([*args, "--quiet"], cwd=ROOT, capture_output=True, timeout=600)
    assert rerun.returncode == 0
    assert len(_records(result)) == 4 * len(ARTICLES)


def test_parquet_beside_the_json_lines(tmp_path):
    pq = pytest.importorskip("pyarrow.parquet", reason="Parquet output needs pyarrow")
    result = tmp_path / "r.jsonl"
    run = _cli(str(ARTICLES[0]), "--out", str(result), "--parquet", "--quiet")
    assert run.returncode == 0, run.stderr
    table = pq.read_table(tmp_path / "r.parquet").to_pylist()
    assert [row["id"] for row in table] == [ARTICLES[0].name]
    assert table[0]["quotes"] == len(json.loads(table[0]["quotes_json"])) > 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["nowhere/*.txt", "--out", "r.jsonl"], "no such folder, file or matching files"),
        ([str(ARTICLES[0]), "--out", "r.jsonl", "--engine", "dask"], "needs --scheduler"),
        (
            [
                str(ARTICLES[0]),
                "--out",
                "r.jsonl",
                "--engine",
                "dask",
                "--scheduler",
                "tcp://127.0.0.1:9",
            ],
            "cannot reach the Dask scheduler",
        ),
        ([str(ARTICLES[0]), "--out", "r.jsonl", "--workers", "0"], "--workers must be 1 or more"),
    ],
)
def test_bad_batch_arguments_are_one_clear_line(tmp_path, args, message):
    result = _cli(*[a.replace("r.jsonl", str(tmp_path / "r.jsonl")) for a in args], timeout=120)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and message in result.stderr


def test_progress_line_counts_documents_words_and_time_left():
    shown = stdio.StringIO()
    progress = batch.Progress(4, stream=shown, every=0)
    progress.started -= 2.0  # two seconds in
    progress({"id": "a", "words": 300})
    assert shown.getvalue().startswith("\r1/4 documents · ")
    assert "words/s · ETA 0:0" in shown.getvalue()


def test_dask_local_cluster_writes_what_the_local_engine_writes(tmp_path):
    """All dev articles ×20 where ../shared is here (the invented articles ×20 elsewhere)."""
    distributed = pytest.importorskip("distributed", reason="the dask extra is not installed")
    archive = _archive(tmp_path / "a", dev_articles() or ARTICLES, copies=20)
    _, todo = batch.tasks(str(archive))
    local = batch.run(todo, tmp_path / "local.jsonl", workers=2)
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        _, todo = batch.tasks(str(archive))
        remote = batch.run(
            todo, tmp_path / "dask.jsonl", engine="dask", scheduler=cluster.scheduler_address
        )
    assert remote.written == local.written == 20 * len(dev_articles() or ARTICLES)
    assert _records(tmp_path / "dask.jsonl") == _records(tmp_path / "local.jsonl")
