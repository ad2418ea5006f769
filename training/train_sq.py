"""Train the Albanian Stanza models shipped in ``attribution/models/sq/``.

One command, run from the repository root::

    python training/train_sq.py [--seed 1234] [--work-dir ../train-sq] [--ud-dir ../shared/data/ud]

Why this script exists
----------------------
Stanza publishes Albanian models, but this project must work offline (``stanza.download``
is not reachable) and needs a tokenizer that keeps curly quotation marks apart from words,
which no published model was trained for.  So we train our own small models, with Stanza's
own data preparation and training code (``stanza.utils.datasets.prepare_*_treebank`` and
``stanza.utils.training.run_*``, run as subprocesses), following Stanza's ``sq_combined``
recipe: UD_Albanian-STAF train/dev as the base, the small UD_Albanian-TSA (test only) added to
the training data (for POS without its features, whose scheme differs).  Everything is scored
with Stanza's scorer on STAF test.

What it does, in order (the tokenizer and MWT expander are copied into
``attribution/models/sq/`` as soon as they are trained, because the rest of the package needs
a tokenizer first):

1. ``quote_sentences.py`` derives extra training sentences from the treebank *training*
   sentences: quotation marks in every style, and all-caps acronyms (``BE,`` ``TV.``
   ``(AA)`` ``OKB-ja``) with the punctuation after them as tokens of their own - the
   treebanks have neither.  With ``--only``, only the files of the retrained models are
   generated again; ``scores.json`` keeps the statistics of the files the other models were
   trained on.
2. tokenizer (with sentence splitting) and MWT expander, then lemmatizer and POS tagger
   (UPOS + UFeats); no depparse (too big and too weak on 160 training sentences).
3. each model is scored on STAF test (gold input for MWT/lemma/POS, as Stanza does), and the
   whole pipeline on the raw STAF test text.
4. ``resources.json`` (``{}``: ``stanza.Pipeline(dir=..., download_method=None)`` wants the
   file) and ``scores.json`` (versions, seed, data, scores, file sizes) are written, and
   ``check_quotes.py`` checks that every quotation mark in the seed and dev articles comes out
   as a token of its own.

Choices worth knowing:

* no pretrained word vectors (``--no_pretrain``) and no charlm: neither can be downloaded,
  and the files would not fit in the repository anyway;
* fixed seed (``--seed``) for data generation and every model;
* the tokenizer trains for a fixed number of steps and is evaluated once at the end, so the
  final model is the one saved - with a 20-sentence dev set that hits 100 early, "best dev
  score" would keep an early model that has barely seen the quotation marks;
* the POS tagger is built smaller than Stanza's default (19.8 MB, too close to the repo's
  20 MiB limit) and capped in steps (the default schedule never ends on 160 sentences);
* glibc malloc is tuned in the subprocesses: without it most CPU time goes to the kernel
  (mmap/munmap churn) and training is several times slower;
* one torch thread per process by default (``--threads``): two spinning OpenMP threads stall
  badly when anything else uses the CPU, and one thread is about as fast on these small models.
  Two full runs gave identical weights for all four models.

Trained files land in ``WORK_DIR``; only the final model files are copied into the repository.
Treebanks are read in place and never copied into the repository.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

# run as ``python training/train_sq.py``: this directory is on sys.path
import check_quotes
import quote_sentences

REPO = Path(__file__).resolve().parents[1]
MODELS_DIR = REPO / "attribution" / "models" / "sq"
SHORT_NAME = "sq_combined"
STAF, TSA = "UD_Albanian-STAF", "UD_Albanian-TSA"
SCORES_VERSION = 1
MAX_FILE_BYTES = 15_000_000
MAX_TOTAL_BYTES = 60_000_000

# glibc malloc tuning: keep freed memory instead of returning it to the kernel every batch.
MALLOC_ENV = {
    "MALLOC_MMAP_THRESHOLD_": "33554432",
    "MALLOC_TRIM_THRESHOLD_": "100000000000",
    "MALLOC_TOP_PAD_": "1073741824",
}
# Stanza's data directories (see stanza/utils/default_paths.py), all inside the work dir.
DATA_DIRS = {
    "TOKENIZE_DATA_DIR": "data/tokenize",
    "MWT_DATA_DIR": "data/mwt",
    "LEMMA_DATA_DIR": "data/lemma",
    "POS_DATA_DIR": "data/pos",
    "DEPPARSE_DATA_DIR": "data/depparse",
    "HANDPARSED_DIR": "extern/handparsed-treebank",
    "WORDVEC_DIR": "extern/wordvec",
    "STANZA_EXTERN_DIR": "extern",
    "STANZA_RESOURCES_DIR": "stanza_resources",
}

TOKENIZER_STEPS = "3000"
POS_STEPS = "2000"  # best dev score at 2000 in a 3000-step run; no gain after


@dataclass(frozen=True)
class ModelSpec:
    """How one Stanza model is prepared, trained, scored and shipped."""

    name: str  # tokenize, mwt, lemma, pos
    module: str  # suffix of stanza.utils.datasets.prepare_*_treebank / training.run_*
    prepare_args: tuple[str, ...]
    train_args: tuple[str, ...]
    data_env: str
    gold: str  # gold file for scoring, relative to the model's data dir
    metrics: tuple[str, ...]
    quotes: str  # which generated quote file goes into its training data

    @property
    def shipped(self) -> str:
        return check_quotes.MODEL_FILES[self.name]


SPECS = (
    ModelSpec(
        "tokenize",
        "tokenizer",
        (),
        ("--no_charlm", "--steps", TOKENIZER_STEPS, "--eval_steps", TOKENIZER_STEPS),
        "TOKENIZE_DATA_DIR",
        f"{SHORT_NAME}.test.gold.conllu",
        ("Tokens", "Sentences"),
        "full",
    ),
    ModelSpec(
        "mwt",
        "mwt",
        (),
        ("--num_epoch", "60"),
        "MWT_DATA_DIR",
        f"{SHORT_NAME}.test.gold.conllu",
        ("Words",),
        "full",
    ),
    ModelSpec(
        "lemma",
        "lemma",
        ("--gold",),
        ("--no_charlm",),
        "LEMMA_DATA_DIR",
        f"{SHORT_NAME}.test.in.conllu",
        ("Lemmas",),
        "small",
    ),
    ModelSpec(
        "pos",
        "pos",
        (),
        (
            "--no_charlm",
            "--no_pretrain",
            "--batch_size",
            "32",
            "--max_steps",
            POS_STEPS,
            "--hidden_dim",
            "128",
            "--char_hidden_dim",
            "200",
            "--deep_biaff_hidden_dim",
            "200",
        ),
        "POS_DATA_DIR",
        f"{SHORT_NAME}.test.in.conllu",
        ("UPOS", "UFeats", "AllTags"),
        "staf",
    ),
)

# Generated files (quote sentences, then acronym sentences): name -> treebank files, and
# name -> (quote variants per sentence, every n-th sentence, acronym variants per sentence).
# The POS file is derived from STAF only: TSA's features follow another scheme and the
# sq_combined recipe strips them, which a mixed file could not do.  The lemmatizer only needs
# to see each mark once, so it gets a small file (its training time grows with the data); it
# gets no acronyms, which matter for tokenization (lemma.pt was trained without them).
QUOTE_FILES = {
    "full": ((STAF, "train"), (TSA, "test")),
    "staf": ((STAF, "train"),),
    "small": ((STAF, "train"), (TSA, "test")),
}
QUOTE_SIZES = {"full": (2, 1, 1), "staf": (1, 1, 1), "small": (1, 4, 0)}


@dataclass
class Run:
    """Paths and settings of one training run."""

    work: Path
    ud: Path
    seed: int
    python: str = sys.executable
    env: dict[str, str] = field(default_factory=dict)
    results: dict = field(default_factory=dict)

    def data_dir(self, spec: ModelSpec) -> Path:
        return Path(self.env[spec.data_env])

    def saved_model(self, spec: ModelSpec) -> Path:
        return self.work / "saved_models" / spec.name / f"{SHORT_NAME}_{spec.name}.pt"


# ----------------------------------------------------------------------------- setup


def build_env(work: Path, ud: Path, threads: int) -> dict[str, str]:
    """Environment for Stanza's scripts: data dirs in the work dir, treebanks read in place."""
    env = dict(os.environ)
    env.update(MALLOC_ENV)
    env.update({"OMP_NUM_THREADS": str(threads), "MKL_NUM_THREADS": str(threads)})
    env.update({key: str(work / rel) for key, rel in DATA_DIRS.items()})
    # sq_combined reads STAF from UDBASE and TSA from UDBASE_GIT
    env.update({"UDBASE": str(ud), "UDBASE_GIT": str(ud), "PYTHONHASHSEED": "0"})
    return env


def treebank_file(ud: Path, treebank: str, split: str) -> Path:
    matches = sorted((ud / treebank).glob(f"*-ud-{split}.conllu"))
    if not matches:
        raise FileNotFoundError(f"no {split} file in {ud / treebank}")
    return matches[0]


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def log(message: str) -> None:
    print(f"[{dt.datetime.now():%H:%M:%S}] {message}", flush=True)


def run_stanza(run: Run, module: str, args: list[str], log_name: str) -> None:
    """Run one of Stanza's scripts as a subprocess; its output goes to WORK/logs/."""
    log_path = run.work / "logs" / f"{log_name}.log"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    cmd = [run.python, "-m", module, SHORT_NAME, *args]
    with log_path.open("w", encoding="utf-8") as out:
        out.write(" ".join(cmd) + "\n")
        out.flush()
        proc = subprocess.run(cmd, cwd=run.work, env=run.env, stdout=out, stderr=out)
    if proc.returncode:
        tail = log_path.read_text(encoding="utf-8").splitlines()[-30:]
        raise RuntimeError(f"{module} failed, see {log_path}:\n" + "\n".join(tail))


# ----------------------------------------------------------------------------- steps


def generate_quotes(run: Run, names: list[str]) -> dict[str, Path]:
    """Write the generated files ``names`` and record their statistics.

    The statistics of the other files (already in ``run.results`` from the previous
    scores.json) stay as they are: they describe what the models kept were trained on.
    """
    paths = {}
    stats = run.results.setdefault("generated_quote_sentences", {})
    for name in names:
        sources = QUOTE_FILES[name]
        files = [treebank_file(run.ud, tb, split) for tb, split in sources]
        out = run.work / "quotes" / f"sq_quotes_{name}.conllu"
        copies, every, acronym_copies = QUOTE_SIZES[name]
        stats[name] = quote_sentences.build_quote_file(
            files, out, run.seed, copies, every, acronym_copies
        )
        stats[name]["sources"] = [f"{tb} {split}" for tb, split in sources]
        paths[name] = out
    counts = {k: (stats[k]["sentences"], stats[k].get("acronym sentences", 0)) for k in names}
    log(f"generated (quote, acronym) sentences: {counts}")
    return paths


def prepare(run: Run, spec: ModelSpec, quotes: Path) -> None:
    args = [*spec.prepare_args, "--additional_files", str(quotes)]
    run_stanza(
        run, f"stanza.utils.datasets.prepare_{spec.module}_treebank", args, f"prepare_{spec.name}"
    )


def train(run: Run, spec: ModelSpec) -> None:
    model = run.saved_model(spec)
    common = ["--save_dir", str(model.parent), "--save_name", model.name]
    args = [*common, "--force", *spec.train_args, "--seed", str(run.seed)]
    run_stanza(run, f"stanza.utils.training.run_{spec.module}", args, f"train_{spec.name}")
    # predictions on STAF test, kept as WORK/data/<model>/sq_combined.test.pred.conllu
    test_args = [*common, "--score_test", "--save_output", *spec.train_args]
    run_stanza(run, f"stanza.utils.training.run_{spec.module}", test_args, f"test_{spec.name}")


def score_files(gold: Path, system: Path, metrics: tuple[str, ...]) -> dict[str, float]:
    """F1 (x100) of the given metrics, with Stanza's CoNLL 2018 scorer."""
    from stanza.models.common.utils import ud_scores

    evaluation = ud_scores(str(gold), str(system))
    return {m: round(100 * evaluation[m].f1, 2) for m in metrics}


def check_model_file(path: Path) -> None:
    """Shipped files must hold weights only - no optimizer state."""
    import torch

    params = torch.load(path, map_location="cpu", weights_only=False)
    stray = [key for key in params if "optim" in key.lower()]
    if stray:
        raise ValueError(f"{path} contains optimizer state: {stray}")


def ship(run: Run, spec: ModelSpec) -> dict:
    """Copy the trained model into attribution/models/sq/ and describe it."""
    source = run.saved_model(spec)
    check_model_file(source)
    target = MODELS_DIR / spec.shipped
    MODELS_DIR.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    write_resources()
    return {"file": spec.shipped, "bytes": target.stat().st_size, "sha256": sha256(target)}


def write_resources() -> None:
    resources = MODELS_DIR / "resources.json"
    if not resources.exists():
        resources.write_text("{}\n", encoding="utf-8")


def build_model(run: Run, spec: ModelSpec, quotes: dict[str, Path]) -> None:
    """Prepare, train, score and ship one model."""
    start = time.monotonic()
    log(f"{spec.name}: preparing data")
    prepare(run, spec, quotes[spec.quotes])
    log(f"{spec.name}: training")
    train(run, spec)
    data = run.data_dir(spec)
    scores = score_files(data / spec.gold, data / f"{SHORT_NAME}.test.pred.conllu", spec.metrics)
    entry = ship(run, spec)
    entry.update(
        scores_staf_test=scores,
        quote_file=quotes[spec.quotes].name,
        train_args=list(spec.train_args),
        seconds=round(time.monotonic() - start),
    )
    run.results.setdefault("models", {})[spec.name] = entry
    run.results.setdefault("trained", []).append(spec.name)
    log(f"{spec.name}: {scores}, {entry['bytes'] / 1e6:.2f} MB -> {MODELS_DIR / spec.shipped}")


def score_pipeline(run: Run) -> dict[str, float]:
    """The shipped pipeline end to end on the raw STAF test text (predicted everything)."""
    from stanza.utils.conll import CoNLL

    tokenize_dir = Path(run.env["TOKENIZE_DATA_DIR"])
    text = (tokenize_dir / f"{SHORT_NAME}.test.txt").read_text(encoding="utf-8")
    doc = check_quotes.load_pipeline(MODELS_DIR)(text)
    system = run.work / "pipeline.test.pred.conllu"
    CoNLL.write_doc2conll(doc, str(system))
    gold = tokenize_dir / f"{SHORT_NAME}.test.gold.conllu"
    metrics = ("Tokens", "Sentences", "Words", "UPOS", "UFeats", "Lemmas")
    return score_files(gold, system, metrics)


def quote_check(check_globs: list[str]) -> dict:
    files = sorted({p for pattern in check_globs for p in REPO.glob(pattern)})
    if not files:
        return {"files": 0, "note": f"no files matched {check_globs}"}
    reports = check_quotes.check_files(MODELS_DIR, files)
    summary = check_quotes.summarize(reports)
    summary["globs"] = check_globs
    return summary


# ----------------------------------------------------------------------------- report


def versions() -> dict[str, str]:
    import stanza
    import torch

    return {
        "stanza": stanza.__version__,
        "torch": torch.__version__,
        "python": sys.version.split()[0],
    }


def training_data(run: Run) -> dict:
    files = {
        f"{STAF} train": treebank_file(run.ud, STAF, "train"),
        f"{STAF} dev (model selection)": treebank_file(run.ud, STAF, "dev"),
        f"{STAF} test (scoring only)": treebank_file(run.ud, STAF, "test"),
        f"{TSA} test (added to training; POS without features)": treebank_file(run.ud, TSA, "test"),
    }
    return {
        "recipe": f"Stanza {SHORT_NAME} (build_combined_albanian_dataset) + generated "
        "quote and acronym sentences",
        "files": {k: {"name": v.name, "sha256": sha256(v)} for k, v in files.items()},
    }


def write_scores(run: Run, started: float, argv: list[str]) -> Path:
    models = run.results.get("models", {})
    sizes = {m["file"]: m["bytes"] for m in models.values()}
    report = {
        "version": SCORES_VERSION,
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "command": "python training/train_sq.py " + " ".join(argv),
        "seed": run.seed,
        **versions(),
        "training_data": training_data(run),
        "generated_quote_sentences": run.results.get("generated_quote_sentences"),
        "evaluation": "UD_Albanian-STAF test, Stanza's scorer (stanza.models.common.utils."
        "ud_scores, F1 x 100); each model on gold input of the steps before it",
        "trained_in_this_run": run.results.get("trained", []),
        "models": models,
        "pipeline_staf_test": run.results.get("pipeline"),
        "quote_check": run.results.get("quote_check"),
        "file_bytes_total": sum(sizes.values()),
        "training_seconds": round(time.monotonic() - started),
    }
    path = MODELS_DIR / "scores.json"
    path.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path


def check_sizes(run: Run) -> None:
    sizes = [m["bytes"] for m in run.results.get("models", {}).values()]
    if any(size >= MAX_FILE_BYTES for size in sizes) or sum(sizes) > MAX_TOTAL_BYTES:
        raise ValueError(f"model files too large: {sizes}")


# ----------------------------------------------------------------------------- main


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=1234, help="seed for data and all models")
    parser.add_argument(
        "--work-dir",
        type=Path,
        default=REPO.parent / "train-sq",
        help="scratch directory for prepared data, logs and checkpoints",
    )
    parser.add_argument(
        "--ud-dir",
        type=Path,
        default=REPO.parent / "shared" / "data" / "ud",
        help="directory holding UD_Albanian-STAF and UD_Albanian-TSA (read only)",
    )
    parser.add_argument(
        "--threads",
        type=int,
        default=1,
        help="torch threads per training process (1 avoids thread thrashing when other work "
        "shares the CPU, and keeps the thread count fixed across machines)",
    )
    parser.add_argument(
        "--check",
        nargs="*",
        default=["../shared/seeds/*.txt", "../shared/eval/dev/*.txt"],
        help="globs (relative to the repo root) of articles for the quotation-mark check",
    )
    parser.add_argument(
        "--only",
        nargs="*",
        choices=[s.name for s in SPECS],
        help="train only these models (the others stay as shipped)",
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = parse_args(argv)
    started = time.monotonic()
    work = args.work_dir.resolve()
    work.mkdir(parents=True, exist_ok=True)
    ud = args.ud_dir.resolve()
    run = Run(work, ud, args.seed, env=build_env(work, ud, args.threads))
    previous = MODELS_DIR / "scores.json"
    if args.only and previous.exists():
        kept = json.loads(previous.read_text(encoding="utf-8"))
        run.results["models"] = kept["models"]
        run.results["generated_quote_sentences"] = kept.get("generated_quote_sentences") or {}
    specs = [spec for spec in SPECS if not args.only or spec.name in args.only]
    quotes = generate_quotes(run, [n for n in QUOTE_FILES if n in {s.quotes for s in specs}])
    for spec in specs:
        build_model(run, spec, quotes)
    check_sizes(run)
    log("scoring the whole pipeline on STAF test")
    run.results["pipeline"] = score_pipeline(run)
    log(f"pipeline: {run.results['pipeline']}")
    run.results["quote_check"] = quote_check(args.check)
    failures = run.results["quote_check"].get("failures", [])
    log(
        f"quote check: {run.results['quote_check'].get('quotation_marks')} marks, "
        f"{len(failures)} failures"
    )
    for failure in failures:
        log(f"  {failure}")
    log(f"wrote {write_scores(run, started, argv)}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
