"""Check that the trained Albanian pipeline keeps quotation marks as tokens of their own.

Quote attribution starts from the quotation marks, so the tokenizer must never glue a mark
to a word (``“biseduan``, ``Turqisë”``).  For every text file given, this loads
``stanza.Pipeline`` from the shipped model directory and checks that

* every quotation mark “ ” „ « » " ‘ ’ ‹ › is exactly one token - except an apostrophe
  between two letters (``t’i``, ``s'ka``, ``SHBA’së``), which belongs to the word;
* ``text[token.start_char:token.end_char] == token.text`` for every token.

Usage: ``python training/check_quotes.py MODEL_DIR FILE.txt [...]``; exits 1 on failures.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from pathlib import Path

QUOTE_CHARS = frozenset('“”„«»"‘’‹›')
APOSTROPHES = frozenset("’'")
MODEL_FILES = {"tokenize": "tokenize.pt", "mwt": "mwt.pt", "pos": "pos.pt", "lemma": "lemma.pt"}


@dataclass
class FileReport:
    name: str
    marks: int = 0
    tokens: int = 0
    failures: list[str] = field(default_factory=list)


def load_pipeline(model_dir: Path, processors: str = "tokenize,mwt,pos,lemma"):
    """A Pipeline that reads only the files in ``model_dir`` and never downloads anything."""
    import stanza

    paths = {
        f"{name}_model_path": str(model_dir / filename)
        for name, filename in MODEL_FILES.items()
        if name in processors.split(",")
    }
    return stanza.Pipeline(
        "sq",
        dir=str(model_dir),
        processors=processors,
        download_method=None,
        logging_level="WARN",
        **paths,
    )


def is_word_apostrophe(text: str, pos: int) -> bool:
    """An apostrophe with a letter on both sides is part of a word (t’i, s'ka, SHBA’së)."""
    if text[pos] not in APOSTROPHES or pos == 0 or pos + 1 >= len(text):
        return False
    return text[pos - 1].isalpha() and text[pos + 1].isalpha()


def _context(text: str, start: int, end: int) -> str:
    return text[max(0, start - 25) : end + 25].replace("\n", " ")


def check_text(nlp, text: str, name: str) -> FileReport:
    """Run the pipeline on ``text`` and collect every offset or quotation-mark failure."""
    report = FileReport(name)
    doc = nlp(text)
    single = set()
    for sentence in doc.sentences:
        for token in sentence.tokens:
            report.tokens += 1
            if text[token.start_char : token.end_char] != token.text:
                report.failures.append(
                    f"offset mismatch {token.text!r} != {text[token.start_char : token.end_char]!r}"
                )
            if token.end_char - token.start_char == 1:
                single.add(token.start_char)
    for pos, char in enumerate(text):
        if char not in QUOTE_CHARS or is_word_apostrophe(text, pos):
            continue
        report.marks += 1
        if pos not in single:
            report.failures.append(f"{char!r} glued at {pos}: …{_context(text, pos, pos + 1)}…")
    return report


def check_files(model_dir: Path, files: list[Path]) -> list[FileReport]:
    nlp = load_pipeline(model_dir)
    return [check_text(nlp, f.read_text(encoding="utf-8"), f.name) for f in files]


def summarize(reports: list[FileReport]) -> dict:
    """A JSON-friendly summary (kept in scores.json)."""
    return {
        "files": len(reports),
        "tokens": sum(r.tokens for r in reports),
        "quotation_marks": sum(r.marks for r in reports),
        "failures": [f"{r.name}: {f}" for r in reports for f in r.failures],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("model_dir", type=Path)
    parser.add_argument("files", type=Path, nargs="+")
    args = parser.parse_args(argv)
    summary = summarize(check_files(args.model_dir, args.files))
    for failure in summary["failures"]:
        print(failure)
    print(
        f"{summary['files']} files, {summary['tokens']} tokens, "
        f"{summary['quotation_marks']} quotation marks, {len(summary['failures'])} failures"
    )
    return 1 if summary["failures"] else 0


if __name__ == "__main__":
    sys.exit(main())
