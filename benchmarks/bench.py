"""Speed and memory of the analysis, measured in one run and printed as one table.

    python benchmarks/bench.py [--repeat N] [--texts DIR]

What it measures, on the dev articles (../shared/eval/dev) or, where they are absent, the seed:
- cold start: a fresh process that imports `attribution` and loads the models (seconds);
- words/s of the NLP stage alone, with the default processors and with POS + lemma added;
- words/s of the whole analysis, and the share of its time the rule layer takes
  (marks, cues, quotes, speakers: everything after Stanza);
- peak resident memory of the measuring process;
- the dashboard's first paint: with the app warm (models loaded, seed analysed once), the
  seconds from requesting the page in headless Chromium to the seed's attributions shown
  (median of --repeat loads; needs playwright and Debian's chromium).
The machine is shared and noisy: compare the ratios printed in one run, not absolute
figures across runs.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "eval" / "dev"
SEED = ROOT / "seeds" / "000_60e8134fa0df8206.txt"
COLD_START = (
    "import attribution, attribution.nlp as n; n.pipeline(n.models_dir(), n.DEFAULT_PROCESSORS)"
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="passes over the texts (default 3)")
    parser.add_argument("--texts", type=Path, help="a folder of .txt articles (default: dev set)")
    args = parser.parse_args()
    paths = _texts(args.texts)
    from attribution import io

    sources = [io.read_path(p) for p in paths]
    rows = [("texts", f"{len(sources)} articles × {args.repeat} passes")]
    rows.append(("cold start (import + model load)", f"{_cold_start():.2f} s"))
    words, nlp_default = _nlp_rate(sources, args.repeat, processors=None)
    rows.append((f"NLP stage, tokenize+mwt ({words} words/pass)", f"{nlp_default:,.0f} words/s"))
    _, nlp_full = _nlp_rate(sources, args.repeat, processors=("tokenize", "mwt", "pos", "lemma"))
    rows.append(("NLP stage, tokenize+mwt+pos+lemma", f"{nlp_full:,.0f} words/s"))
    whole, rules_share = _analysis_rate(sources, args.repeat)
    rows.append(("whole analysis (default processors)", f"{whole:,.0f} words/s"))
    rows.append(("rule layer share of the analysis time", f"{rules_share:.1%}"))
    rows.append(("rule layer time / NLP stage time", f"{rules_share / (1 - rules_share):.1%}"))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    rows.append(("peak RSS of this process", f"{peak:,.0f} MB"))
    rows.append(("dashboard first paint, warm app (median)", _first_paint(args.repeat)))
    width = max(len(name) for name, _ in rows)
    print(f"{'measure'.ljust(width)}  value")
    for name, value in rows:
        print(f"{name.ljust(width)}  {value}")


def _texts(folder: Path | None) -> list[Path]:
    folder = folder or (DEV if DEV.is_dir() else None)
    if folder is None:
        return [SEED]
    paths = sorted(folder.glob("*.txt"))
    if not paths:
        sys.exit(f"bench: no .txt files in {folder}")
    return paths


def _cold_start() -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", COLD_START], check=True, cwd=ROOT)
    return time.perf_counter() - started


def _nlp_rate(sources, repeat: int, processors) -> tuple[int, float]:
    from attribution import nlp

    chosen = processors or nlp.DEFAULT_PROCESSORS
    nlp.parse(sources[0], processors=chosen)  # load outside the clock
    words = sum(_words(nlp.parse(s, processors=chosen)) for s in sources)
    started = time.perf_counter()
    for _ in range(repeat):
        for source in sources:
            nlp.parse(source, processors=chosen)
    return words, words * repeat / (time.perf_counter() - started)


def _analysis_rate(sources, repeat: int) -> tuple[float, float]:
    """Words/s of `analyze`, and the part of its time spent outside Stanza."""
    from attribution import analyze, morph, nlp

    analyze(sources[0])
    words = sum(_words(nlp.parse(s)) for s in sources)
    in_nlp = 0.0
    parse = nlp.parse

    def timed_parse(*args, **kwargs):
        nonlocal in_nlp
        started = time.perf_counter()
        try:
            return parse(*args, **kwargs)
        finally:
            in_nlp += time.perf_counter() - started

    nlp.parse = timed_parse
    try:
        total = 0.0
        for _ in range(repeat):
            morph.fold.cache_clear()  # each pass meets the names afresh, as a new article would
            morph.stem_candidates.cache_clear()
            started = time.perf_counter()
            for source in sources:
                analyze(source)
            total += time.perf_counter() - started
    finally:
        nlp.parse = parse
    return words * repeat / total, (total - in_nlp) / total


def _first_paint(repeat: int) -> str:
    chromium = shutil.which("chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        chromium = None
    if chromium is None:
        return "not measured (needs playwright and chromium)"
    from attribution import serve

    with (
        tempfile.TemporaryDirectory() as scratch,
        serve.dashboard(ROOT / "app.py", store=Path(scratch) / "reviews.sqlite3") as url,
        sync_playwright() as driver,
    ):
        browser = driver.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        times = [_paint(browser, url) for _ in range(repeat + 1)][1:]  # the first load warms
        browser.close()
    return f"{statistics.median(times):.2f} s (of {', '.join(f'{t:.2f}' for t in times)})"


def _paint(browser, url: str) -> float:
    page = browser.new_page()
    started = time.perf_counter()
    page.goto(url)
    page.get_by_text("Attributions (6 of 6)").wait_for(timeout=120_000)
    page.locator(".article .q").first.wait_for(timeout=120_000)
    elapsed = time.perf_counter() - started
    page.close()
    return elapsed


def _words(document) -> int:
    return sum(1 for s in document.sentences for t in s.tokens if any(c.isalnum() for c in t.text))


if __name__ == "__main__":
    main()
