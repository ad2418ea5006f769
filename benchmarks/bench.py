"""Speed and memory of the analysis, measured in one run and printed as one table.

    python benchmarks/bench.py [--repeat N] [--texts DIR] [--write benchmarks/RESULTS.md]

What it measures, on the dev articles (../shared/eval/dev) or, where they are absent, the
invented articles of tests/fixtures/articles:
- cold `attribution analyze` of the seed as a whole process against a bare Stanza pipeline
  (tokenize, mwt, loaded as Stanza loads it) on the same text, median of 5 runs each,
  interleaved, and the ratio; the peak RSS of that `analyze` process; the seed's analysis in a
  warm process;
- cold start: a fresh process that imports `attribution` and loads the models (seconds);
- words/s of the whole analysis and of each stage inside it: NLP (Stanza), quotes (marks,
  cues, quote rules), speakers and claims, and the rule layer's time (everything after
  Stanza) against the NLP stage's;
- words/s of the NLP stage with POS and lemmas added (not the default; for comparison);
- time for 1×, 4× and 16× the seed's length (the cost must grow linearly);
- batch throughput with 1 and 2 worker processes (the texts ×20), and the time to the first
  record (starting the pool, loading the models);
- peak resident memory of the measuring process;
- the dashboard's first paint: the seconds from requesting the page in headless Chromium to
  the seed's attributions shown, for the first load after the server starts, then with the
  app warm (median of --repeat loads; needs playwright and Debian's chromium);
- review actions per second on each store backend: a SQLite file, and a PostgreSQL server
  started for the run from Debian's binaries (as the tests start it), each action a
  `workflow.act` (one write transaction, then the article's reviews read back).
The machine is shared and noisy: compare the ratios printed in one run, not absolute
figures across runs. --write keeps the table, and the machine it was measured on, as Markdown.
"""

from __future__ import annotations

import argparse
import functools
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "eval" / "dev"
INVENTED = ROOT / "tests" / "fixtures" / "articles"
SEED = ROOT / "seeds" / "000_60e8134fa0df8206.txt"
COLD_START = (
    "import attribution, attribution.nlp as n; n.pipeline(n.models_dir(), n.DEFAULT_PROCESSORS)"
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="passes over the texts (default 3)")
    parser.add_argument("--texts", type=Path, help="a folder of .txt articles (default: dev set)")
    parser.add_argument("--write", type=Path, help="also write the table here, as Markdown")
    args = parser.parse_args()
    folder = args.texts or (DEV if DEV.is_dir() else INVENTED)
    paths = sorted(folder.glob("*.txt"))
    if not paths:
        sys.exit(f"bench: no .txt files in {folder}")
    from attribution import io

    sources = [io.read_path(p) for p in paths]
    rows = [("texts", f"{len(sources)} articles from {folder.name}/ × {args.repeat} passes")]
    rows += _cold_analyze()
    rows.append(("cold start (import + model load)", f"{_cold_start():.2f} s"))
    rows += _stages(sources, args.repeat)
    rows.append(("NLP with POS + lemmas (not the default)", f"{_nlp_full(sources):,.0f} words/s"))
    rows += _growth(args.repeat)
    rows += _batch(paths)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    rows.append(("peak RSS of this process", f"{peak:,.0f} MB"))
    rows += _first_paint(args.repeat)
    rows += _review_actions()
    table = _table(rows)
    print(table)
    if args.write:
        args.write.write_text(_markdown(table), encoding="utf-8")


# ------------------------------------------------------------------------------ measures


COLD_RUNS = 5
BARE_STANZA = """
import sys, stanza
from pathlib import Path
models, text = Path(sys.argv[1]), Path(sys.argv[2]).read_text(encoding="utf-8")
nlp = stanza.Pipeline("sq", dir=str(models), processors="tokenize,mwt",
    tokenize_model_path=str(models / "tokenize.pt"), mwt_model_path=str(models / "mwt.pt"),
    download_method=None, use_gpu=False, logging_level="ERROR", allow_unknown_language=True)
nlp(text)
"""
WITH_PEAK_RSS = """
import resource, sys
from attribution.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)
"""


def _cold_analyze() -> list[tuple[str, str]]:
    from attribution import analyze, io, nlp

    models = str(nlp.models_dir())
    ours, bare = [], []
    for _ in range(COLD_RUNS):  # interleaved: the machine's noise falls on both alike
        ours.append(_process_seconds([sys.executable, "-m", "attribution", "analyze", str(SEED)]))
        bare.append(_process_seconds([sys.executable, "-c", BARE_STANZA, models, str(SEED)]))
    peak = subprocess.run(
        [sys.executable, "-c", WITH_PEAK_RSS, "analyze", str(SEED)],
        capture_output=True,
        text=True,
        check=True,
    ).stderr.split()[-1]
    seed = io.read_path(SEED)
    analyze(seed)
    warm = statistics.median(_seconds(lambda: analyze(seed)) for _ in range(COLD_RUNS))
    ours_s, bare_s = statistics.median(ours), statistics.median(bare)
    return [
        ("cold `analyze` of the seed (process, median of 5)", f"{ours_s:.2f} s"),
        ("bare Stanza tokenize+mwt, same text (median of 5)", f"{bare_s:.2f} s"),
        ("cold `analyze` / bare Stanza", f"{ours_s / bare_s:.2f}"),
        ("peak RSS of `analyze` on the seed", f"{int(peak) / 1024:,.0f} MB"),
        ("seed analysis, warm process (median of 5)", f"{warm:.3f} s"),
    ]


def _process_seconds(command: list[str]) -> float:
    return _seconds(lambda: subprocess.run(command, capture_output=True, check=True))


def _seconds(work) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


def _cold_start() -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", COLD_START], check=True, cwd=ROOT)
    return time.perf_counter() - started


def _stages(sources, repeat: int) -> list[tuple[str, str]]:
    """The whole analysis, with the time of each stage inside it taken as it runs."""
    from attribution import analyze, api, nlp, resources

    analyze(sources[0])  # models and data loaded outside the clock
    spent: dict[str, float] = defaultdict(float)
    pipeline = api._pipeline(resources.load())
    patched = [
        (nlp, "parse", "NLP"),
        (api, "pair_marks", "quotes"),
        (pipeline.cues, "find", "quotes"),
        (pipeline.quotes, "find", "quotes"),
        (pipeline.speakers, "attribute", "speakers"),
        (pipeline.claims, "find", "claims"),
    ]
    originals = [(owner, name, getattr(owner, name)) for owner, name, _ in patched]
    for owner, name, stage in patched:
        setattr(owner, name, _timed(getattr(owner, name), stage, spent))
    try:
        total = sum(_analyse_all(sources, analyze) for _ in range(repeat))
    finally:
        for owner, name, original in originals:
            setattr(owner, name, original)
    words = _words(sources) * repeat
    rules = total - spent["NLP"]
    rest = rules - spent["quotes"] - spent["speakers"] - spent["claims"]
    return [
        ("whole analysis", f"{words / total:,.0f} words/s"),
        ("  NLP stage (Stanza: tokenize, mwt)", f"{words / spent['NLP']:,.0f} words/s"),
        ("  quotes (marks, cues, quote rules)", f"{words / spent['quotes']:,.0f} words/s"),
        ("  speakers", f"{words / spent['speakers']:,.0f} words/s"),
        ("  claims", f"{words / spent['claims']:,.0f} words/s"),
        (
            "  the rest (token view, phrases, records)",
            f"{words / rest:,.0f} words/s",
        ),
        ("rule layer share of the analysis time", f"{rules / total:.1%}"),
        ("rule layer time / NLP stage time", f"{rules / spent['NLP']:.1%}"),
    ]


def _timed(function, stage: str, spent: dict[str, float]):
    @functools.wraps(function)
    def timed(*args, **kwargs):
        started = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            spent[stage] += time.perf_counter() - started

    return timed


def _analyse_all(sources, analyze) -> float:
    """One pass; the name caches start empty, as for articles never seen before."""
    from attribution import morph

    morph.fold.cache_clear()
    morph.stem_candidates.cache_clear()
    started = time.perf_counter()
    for source in sources:
        analyze(source)
    return time.perf_counter() - started


def _nlp_full(sources) -> float:
    from attribution import nlp

    full = ("tokenize", "mwt", "pos", "lemma")
    nlp.parse(sources[0], processors=full)
    started = time.perf_counter()
    for source in sources:
        nlp.parse(source, processors=full)
    return _words(sources) / (time.perf_counter() - started)


def _growth(repeat: int) -> list[tuple[str, str]]:
    """The seed's body repeated 1, 4 and 16 times, each analysed `repeat` times (median)."""
    from attribution import analyze, io

    body = SEED.read_text(encoding="utf-8")
    seconds = {}
    for times in (1, 4, 16):
        source = io.from_text("\n\n".join([body] * times), source=f"seed×{times}")
        seconds[times] = statistics.median(_analyse_all([source], analyze) for _ in range(repeat))
    return [
        ("seed ×1 / ×4 / ×16", " / ".join(f"{seconds[k]:.2f} s" for k in (1, 4, 16))),
        ("time ×16 / time ×1 (linear: 16)", f"{seconds[16] / seconds[1]:.1f}"),
    ]


def _batch(paths: list[Path]) -> list[tuple[str, str]]:
    """`attribution batch` over the texts ×20 with 1 and 2 worker processes.

    Throughput is counted from the first record to the last, so that it measures the
    workers at work; the seconds before the first record (starting the pool, each worker
    loading the models) are shown on their own.
    """
    from attribution import batch

    rows, rates = [], {}
    with tempfile.TemporaryDirectory() as scratch:
        archive = Path(scratch) / "archive"
        for copy in range(20):
            (archive / str(copy)).mkdir(parents=True)
            for path in paths:
                shutil.copy(path, archive / str(copy) / path.name)
        for workers in (1, 2):
            _, todo = batch.tasks(str(archive))
            clock = _RecordClock()
            summary = batch.run(
                todo, Path(scratch) / f"{workers}.jsonl", workers=workers, on_record=clock
            )
            steady = clock.last - clock.first
            rates[workers] = (clock.words - clock.first_words) / steady
            rows.append(
                (
                    f"batch, {workers} worker{'s' * (workers > 1)} ({summary.written} docs)",
                    f"{(summary.written - 1) / steady:.1f} docs/s, {rates[workers]:,.0f} words/s"
                    f" (first record after {clock.first - clock.started:.1f} s)",
                )
            )
    return [*rows, ("batch throughput, 2 workers / 1", f"{rates[2] / rates[1]:.2f}×")]


class _RecordClock:
    def __init__(self):
        self.started = time.perf_counter()
        self.first = self.last = 0.0
        self.words = self.first_words = 0

    def __call__(self, record: dict) -> None:
        self.last = time.perf_counter()
        self.words += record.get("words", 0)
        if not self.first:
            self.first, self.first_words = self.last, self.words


def _first_paint(repeat: int) -> list[tuple[str, str]]:
    chromium = shutil.which("chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        chromium = None
    if chromium is None:
        return [("dashboard first paint", "not measured (needs playwright and chromium)")]
    from attribution import serve

    with (
        tempfile.TemporaryDirectory() as scratch,
        serve.dashboard(ROOT / "app.py", store=Path(scratch) / "reviews.sqlite3") as url,
        sync_playwright() as driver,
    ):
        browser = driver.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        first, *warm = [_paint(browser, url) for _ in range(repeat + 1)]
        browser.close()
    shown = ", ".join(f"{t:.2f}" for t in warm)
    return [
        ("dashboard first paint after a server start", f"{first:.2f} s"),
        (
            "dashboard first paint, warm app (median)",
            f"{statistics.median(warm):.2f} s (of {shown})",
        ),
    ]


def _paint(browser, url: str) -> float:
    page = browser.new_page()
    started = time.perf_counter()
    page.goto(f"{url}/?lang=en")
    page.get_by_text("Attributions (6 of 6)").wait_for(timeout=120_000)
    page.locator(".article .q").first.wait_for(timeout=120_000)
    elapsed = time.perf_counter() - started
    page.close()
    return elapsed


REVIEW_ACTIONS = 300


def _review_actions() -> list[tuple[str, str]]:
    sys.path.insert(0, str(ROOT))
    from tests import postgres

    with tempfile.TemporaryDirectory() as scratch:
        sqlite = _actions_per_second(Path(scratch) / "reviews.sqlite3")
    rows = [("review actions/s, SQLite file", f"{sqlite:,.0f} ({REVIEW_ACTIONS} actions)")]
    if postgres.binaries() is None:
        return [*rows, ("review actions/s, PostgreSQL", "not measured (no PostgreSQL)")]
    with postgres.running() as server:
        served = _actions_per_second(server.new_database())
    return [
        *rows,
        ("review actions/s, PostgreSQL (local)", f"{served:,.0f} ({REVIEW_ACTIONS} actions)"),
        ("review actions, PostgreSQL / SQLite", f"{served / sqlite:.2f}×"),
    ]


def _actions_per_second(location) -> float:
    from attribution import io, workflow
    from attribution.review import ActionKind
    from attribution.store import Store

    store = Store(location)
    state = workflow.open_article(io.read_path(SEED), store)
    started = time.perf_counter()
    for n in range(REVIEW_ACTIONS):
        state = workflow.act(
            store, state, ActionKind.NOTE, reviewer="bench", quote_id="q1", note=f"note {n}"
        )
    return REVIEW_ACTIONS / (time.perf_counter() - started)


def _words(sources) -> int:
    from attribution import nlp

    return sum(
        1
        for source in sources
        for sentence in nlp.parse(source).sentences
        for token in sentence.tokens
        if any(c.isalnum() for c in token.text)
    )


# ------------------------------------------------------------------------------ output


def _table(rows: list[tuple[str, str]]) -> str:
    width = max(len(name) for name, _ in rows)
    return "\n".join(
        [f"{'measure'.ljust(width)}  value", *(f"{n.ljust(width)}  {v}" for n, v in rows)]
    )


def _markdown(table: str) -> str:
    import stanza
    import torch

    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor() or "unknown CPU",
    )
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return "\n".join(
        [
            "# Benchmark results",
            "",
            f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC by `python benchmarks/bench.py "
            f"{' '.join(sys.argv[1:])}`, in one run.",
            "",
            f"- machine: {cpu}, {os.cpu_count()} cores, {memory:.0f} GiB, no GPU; shared and "
            "noisy, so read the ratios, not absolute figures across runs",
            f"- {platform.platform()}, Python {platform.python_version()}, "
            f"torch {torch.__version__}, stanza {stanza.__version__}",
            "",
            "```",
            table,
            "```",
            "",
        ]
    )


if __name__ == "__main__":
    main()
