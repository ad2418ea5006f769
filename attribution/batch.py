"""Analyse an archive: many documents in, one JSON Lines record per document out.

The result file is also the run's journal. Each record is one line, written whole and flushed,
so the file is valid whenever the run stops (Ctrl-C, a crash); a rerun reads the ids already
there and does only the rest. A document that cannot be read or analysed gets a record with
its error, and the run goes on. The same per-document function runs in this process, in a
pool of local processes, or on a Dask cluster, so every engine writes the same records.
"""

from __future__ import annotations

import glob
import json
import logging
import multiprocessing
import re
import signal
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from . import nlp
from .api import analyze
from .errors import BatchError
from .io import (
    DOCX_SUFFIXES,
    HTML_SUFFIXES,
    TEXT_SUFFIXES,
    InputError,
    decode_text,
    from_text,
    from_url,
    read_bytes,
    read_file_bytes,
)
from .model import Frozen
from .web import is_url

SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | DOCX_SUFFIXES
_WORD = re.compile(r"\w+")
_log = logging.getLogger(__name__)  # a run's failed documents and its summary


class Task(Frozen):
    """One document to analyse: a file's bytes, or a text from a JSON Lines input."""

    id: str
    name: str | None = None  # a file name, whose suffix says how to read `data`
    data: bytes | None = None
    url: str | None = None  # a page to fetch (a list of links, or a record with `url`)
    text: str | None = None
    title: str | None = None
    date: str | None = None
    error: str | None = None  # the input itself was broken (a bad JSON line)


@dataclass
class Summary:
    written: int = 0
    skipped: int = 0  # already in the result from an earlier run
    errors: int = 0
    words: int = 0
    seconds: float = 0.0
    interrupted: bool = False

    def line(self) -> str:
        return (
            f"{self.written} documents written ({self.errors} with errors), "
            f"{self.skipped} already done, {self.words:,} words in {self.seconds:.1f} s"
        )


# ------------------------------------------------------------------------------ records


def process(task: Task) -> dict:
    """The record of one document; never raises, so one bad document cannot stop a run."""
    if task.error is not None:
        return {"id": task.id, "error": task.error}
    try:
        if task.data is not None:
            source = read_bytes(task.data, name=task.name or task.id)
        elif task.url is not None:
            source = from_url(task.url)
        else:
            source = from_text(task.text or "", source=task.id, title=task.title, date=task.date)
        analysis = analyze(source)
    except InputError as exc:
        return {"id": task.id, "error": str(exc)}
    except Exception as exc:  # a bug on one document is recorded, not fatal to the archive
        return {"id": task.id, "error": f"analysis failed: {type(exc).__name__}: {exc}"}
    words = len(_WORD.findall(source.text))
    return {"id": task.id, "words": words, **analysis.contract_record(task.id)}


# ------------------------------------------------------------------------------ input


def tasks(spec: str) -> tuple[int, Iterator[Task]]:
    """The documents INPUT names (a folder, a glob or a .jsonl file): their count, then them."""
    path = Path(spec)
    if path.is_dir():
        files = sorted(p for p in path.rglob("*") if _article_file(p, path))
        return len(files), (_file_task(p, p.relative_to(path).as_posix()) for p in files)
    if path.is_file() and path.suffix.lower() == ".jsonl":
        with path.open("rb") as counted:
            total = sum(1 for line in counted if line.strip())
        return total, _jsonl_tasks(path)
    if path.is_file() and (links := _link_list(path)):
        return len(links), (Task(id=link, url=link) for link in links)
    if path.is_file():
        return 1, iter([_file_task(path, path.name)])
    matches = sorted(Path(p) for p in glob.glob(spec, recursive=True) if Path(p).is_file())
    if not matches:
        raise BatchError(f"{spec}: no such folder, file or matching files")
    return len(matches), (_file_task(p, p.as_posix()) for p in matches)


def _link_list(path: Path) -> list[str]:
    """The links of a text file that holds nothing else (one per line), else none: such a
    file is a list of articles to fetch, not an article."""
    if path.suffix.lower() not in TEXT_SUFFIXES:
        return []
    try:
        lines = decode_text(read_file_bytes(path), source=str(path)).split()
    except InputError:
        return []
    return list(dict.fromkeys(lines)) if lines and all(is_url(line) for line in lines) else []


def _article_file(path: Path, folder: Path) -> bool:
    """A file of a readable type, outside hidden folders (.git) and not hidden itself."""
    hidden = any(part.startswith(".") for part in path.relative_to(folder).parts)
    return path.is_file() and not hidden and path.suffix.lower() in SUFFIXES


def _file_task(path: Path, ident: str) -> Task:
    try:
        return Task(id=ident, name=path.name, data=read_file_bytes(path))
    except InputError as exc:  # unreadable, or over the size limit: a record, not a stop
        return Task(id=ident, error=str(exc))


def _jsonl_tasks(path: Path) -> Iterator[Task]:
    with path.open(encoding="utf-8", errors="replace") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
                ident = str(item["id"])
                text, url = item.get("text"), item.get("url")
                if not isinstance(text, str) and not (isinstance(url, str) and is_url(url)):
                    raise TypeError("no text, nor a url to fetch")
            except (ValueError, KeyError, TypeError) as exc:
                yield Task(id=f"{path.name}:{number}", error=f"line {number}: not a record ({exc})")
                continue
            if isinstance(text, str):
                yield Task(id=ident, text=text, title=item.get("title"), date=item.get("date"))
            else:
                yield Task(id=ident, url=url)


# ------------------------------------------------------------------------------ result file


def done_ids(result: Path) -> set[str]:
    """The ids already in RESULT; a last line cut short by a crash is removed first."""
    if not result.exists():
        return set()
    data = result.read_bytes()
    complete = data[: data.rfind(b"\n") + 1]
    if len(complete) != len(data):
        with result.open("r+b") as file:
            file.truncate(len(complete))
    ids = set()
    for line in complete.splitlines():
        try:
            ids.add(json.loads(line)["id"])
        except (ValueError, KeyError, TypeError):
            raise BatchError(f"{result}: not a result file of this tool (bad line)") from None
    return ids


def write_parquet(result: Path) -> Path:
    """RESULT.parquet beside RESULT: one row per document, quotes and speakers as JSON."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise BatchError("Parquet output needs pyarrow (pip install pyarrow)") from None
    rows = [json.loads(line) for line in result.read_text(encoding="utf-8").splitlines()]
    table = pa.table(
        {
            "id": [r["id"] for r in rows],
            "error": [r.get("error") for r in rows],
            "words": [r.get("words") for r in rows],
            "quotes": [len(r.get("quotes", [])) for r in rows],
            "quotes_json": [json.dumps(r.get("quotes", []), ensure_ascii=False) for r in rows],
            "speakers_json": [json.dumps(r.get("speakers", []), ensure_ascii=False) for r in rows],
        }
    )
    target = result.with_suffix(".parquet")
    pq.write_table(table, target)
    return target


# ------------------------------------------------------------------------------ running


def run(
    todo: Iterable[Task],
    result: Path,
    *,
    workers: int = 1,
    engine: str = "local",
    scheduler: str | None = None,
    on_record: Callable[[dict], None] | None = None,
) -> Summary:
    """Analyse every task whose id RESULT does not hold yet, appending a record for each."""
    summary = Summary()
    done = done_ids(result)
    pending = _skipping(todo, done, summary)
    started = time.perf_counter()
    records = (
        _dask_records(pending, scheduler, workers)
        if engine == "dask"
        else _local_records(pending, workers)
    )
    with result.open("a", encoding="utf-8") as out:
        try:
            for record in records:
                out.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")
                out.flush()
                summary.written += 1
                summary.errors += "error" in record
                summary.words += record.get("words", 0)
                if "error" in record:
                    _log.warning("%s: %s", record["id"], record["error"])
                if on_record is not None:
                    on_record(record)
        except KeyboardInterrupt:
            summary.interrupted = True
        finally:
            records.close()
    summary.seconds = time.perf_counter() - started
    _log.info(summary.line())
    return summary


def _skipping(todo: Iterable[Task], done: set[str], summary: Summary) -> Iterator[Task]:
    for task in todo:
        if task.id in done:
            summary.skipped += 1
        else:
            done.add(task.id)  # an id twice in the input is analysed once
            yield task


def _local_records(pending: Iterator[Task], workers: int) -> Iterator[dict]:
    if workers <= 1:
        yield from (process(task) for task in pending)
        return
    context = multiprocessing.get_context("spawn")  # torch and fork do not mix
    pool = context.Pool(workers, initializer=_load_models)
    try:
        yield from pool.imap_unordered(process, pending, chunksize=1)
        pool.close()
    finally:
        pool.terminate()
        pool.join()


def _load_models() -> None:
    """Each worker process loads the pipeline once; Ctrl-C is the parent's to handle."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    nlp.pipeline(nlp.models_dir(), nlp.DEFAULT_PROCESSORS)


def _dask_records(pending: Iterator[Task], scheduler: str | None, window: int) -> Iterator[dict]:
    try:
        from distributed import Client, as_completed
    except ImportError:
        raise BatchError(
            "the dask engine needs dask.distributed: pip install 'attribution[dask]'"
        ) from None
    if not scheduler:
        raise BatchError("the dask engine needs --scheduler ADDRESS (tcp://host:8786)")
    from .dask_plugin import ModelLoader

    try:
        client = Client(scheduler, timeout="10s")
    except OSError as exc:
        raise BatchError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None
    try:
        client.register_plugin(ModelLoader(), name="attribution-models")
        in_flight = max(2, 4 * max(window, len(client.scheduler_info()["workers"])))
        futures = as_completed()
        for task in pending:  # a bounded window: an archive never sits in memory whole
            futures.add(client.submit(process, task, pure=False))
            if futures.count() >= in_flight:
                yield next(futures).result()
        for future in futures:
            yield future.result()
    finally:
        client.close()


# ------------------------------------------------------------------------------ progress


class Progress:
    """Documents done, words per second and time left, on one line of stderr."""

    def __init__(self, total: int, stream=sys.stderr, every: float = 0.5):
        self.total, self.stream, self.every = total, stream, every
        self.done = self.words = 0
        self.started = self.shown = time.perf_counter()

    def __call__(self, record: dict) -> None:
        self.done += 1
        self.words += record.get("words", 0)
        now = time.perf_counter()
        if now - self.shown >= self.every or self.done == self.total:
            self.shown = now
            self.stream.write("\r" + self.line(now))
            self.stream.flush()

    def line(self, now: float) -> str:
        elapsed = max(now - self.started, 1e-9)
        rate = self.done / elapsed
        left = (self.total - self.done) / rate if rate and self.total > self.done else 0
        return (
            f"{self.done}/{self.total} documents · {self.words / elapsed:,.0f} words/s · "
            f"ETA {int(left // 60)}:{int(left % 60):02d}  "
        )

    def close(self) -> None:
        if self.done:
            self.stream.write("\n")
