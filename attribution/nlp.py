"""The NLP stage: Stanza over the text, turned into our own `Document`.

This is the only module that imports Stanza. It loads the Albanian models shipped inside
the package (trained here from the UD treebanks by `training/train_sq.py`), or the official
Stanza `sq` models where a user points at them, and never touches the network at run time.
"""

from __future__ import annotations

import bisect
import contextlib
import functools
import json
import re
from collections.abc import Iterator, Sequence
from importlib import resources as importlib_resources
from pathlib import Path

from . import settings
from .errors import ModelError
from .io import SourceDoc
from .model import Document, Sentence, Token, Word

MODELS_ENV = settings.variable("models")
ALL_PROCESSORS = ("tokenize", "mwt", "pos", "lemma")
DEFAULT_PROCESSORS = ("tokenize", "mwt")
_BUNDLED_FILES = {"tokenize": "tokenize.pt", "mwt": "mwt.pt", "pos": "pos.pt", "lemma": "lemma.pt"}
_PARAGRAPH_BREAK = re.compile(r"\n[^\S\n]*(?:\r?\n)+|\r\n[^\S\n]*\r\n")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)+")
_NUMBER_PREFIX = re.compile(r"\d+(?:[.,]\d+)*[.,]?")
_FINAL_PUNCTUATION = (".", "!", "?", "…", ":", ";")
_CLOSING_MARKS = '”“»«"’‘›)]} '
# Longer than any sentence news writes (the dev articles' longest has 74 tokens).
MAX_SENTENCE_TOKENS = 250
# Characters Stanza should see as plain spaces; the replacement keeps every offset in place.
_INVISIBLE = str.maketrans(
    {"\ufeff": " ", "\r": " ", "\u200b": " ", "\u2028": "\n", "\u2029": "\n"}
)


def bundled_models_dir() -> Path:
    return Path(str(importlib_resources.files("attribution") / "models" / "sq"))


def models_dir(override: str | Path | None = None) -> Path:
    """The model folder in force: an explicit choice, then $ATTRIBUTION_MODELS, then bundled."""
    chosen = override or settings.current().models
    return Path(chosen).expanduser() if chosen else bundled_models_dir()


def models_version(directory: Path) -> str:
    """What the scores file next to the bundled models says; 'external' for a user's own."""
    scores = directory / "scores.json"
    if not scores.exists():
        return f"external:{directory}"
    data = json.loads(scores.read_text(encoding="utf-8"))
    return f"sq-ud-{data.get('version', '?')}"


@functools.lru_cache(maxsize=4)
def pipeline(directory: Path, processors: tuple[str, ...] = DEFAULT_PROCESSORS):
    """One Stanza pipeline per process and configuration; built on first use."""
    return build(directory, processors)


def build(directory: Path, processors: tuple[str, ...], *, inference_only: bool = True):
    """A Stanza pipeline over our model files; `inference_only=False` loads them as Stanza
    does by itself (with optimizers: what tests compare the output against)."""
    unknown = set(processors) - set(ALL_PROCESSORS)
    if unknown:
        raise ModelError(
            f"unknown processors {sorted(unknown)}; choose from {list(ALL_PROCESSORS)}"
        )
    if not directory.is_dir():
        raise ModelError(f"no model folder at {directory}")
    import stanza  # the only place: importing torch is the slow part of a cold start
    import torch

    # One thread unless told otherwise: the models are small, a second thread gains nothing
    # measurable here, and spinning threads of several processes on a shared machine (a batch,
    # the dashboard beside a CLI run) slow every one of them down by orders of magnitude.
    torch.set_num_threads(settings.current().threads)

    options: dict[str, object] = {}
    if (directory / "scores.json").exists():  # our bundled layout: one file per processor
        for name in processors:
            path = directory / _BUNDLED_FILES[name]
            if not path.exists():
                raise ModelError(f"model file missing: {path}")
            options[f"{name}_model_path"] = str(path)
        if "pos" in processors:
            options["pos_pretrain_path"] = None
        options["allow_unknown_language"] = True  # our files, not Stanza's catalogue
    try:
        with _no_optimizers() if inference_only else contextlib.nullcontext():
            return stanza.Pipeline(
                lang="sq",
                dir=str(directory),
                processors=",".join(processors),
                download_method=None,
                use_gpu=False,
                logging_level="ERROR",
                **options,
            )
    except (OSError, ValueError, KeyError, RuntimeError) as exc:
        raise ModelError(f"cannot load the Stanza models from {directory}: {exc}") from None


@contextlib.contextmanager
def _no_optimizers() -> Iterator[None]:
    """Load the models for inference only. Stanza's tokenizer and MWT trainers build an Adam
    optimizer even when they only load a model to run it, and building the first one imports
    torch's compiler stack (about 1.4 s of a cold start; benchmarks/STANZA-REPORT.md). The
    pipeline never trains, so no optimizer is ever stepped: none is built while it loads."""
    from stanza.models.common import utils

    stanzas_own = utils.get_optimizer
    utils.get_optimizer = _no_optimizer
    try:
        yield
    finally:
        utils.get_optimizer = stanzas_own


def _no_optimizer(*args: object, **kwargs: object) -> None:
    return None


def parse(
    source: SourceDoc,
    *,
    processors: Sequence[str] = DEFAULT_PROCESSORS,
    models: str | Path | None = None,
    abbreviations: frozenset[str] = frozenset(),
    marks: frozenset[str] = frozenset(),
) -> Document:
    """Run Stanza over the text; offsets index `source.text` exactly.

    `abbreviations` (casefolded: dr, prof, znj) end in a full stop that ends no sentence;
    `marks` are the quotation marks, never glued to a word (the apostrophes ’ ' excepted)."""
    nlp = pipeline(models_dir(models), tuple(processors))
    text = source.text
    stanza_doc = nlp(text.translate(_INVISIBLE))
    paragraph_starts = paragraph_offsets(text)
    runs: list[list[Token]] = []
    for stanza_sentence in stanza_doc.sentences:
        tokens = _mended([_token(text, t) for t in stanza_sentence.tokens], abbreviations, marks)
        if not tokens:
            continue
        tokens, *glued = _unglued(tokens)
        if (
            runs
            and len(runs[-1]) < MAX_SENTENCE_TOKENS
            and (
                _runs_on(text, runs[-1], tokens[0])
                or _after_abbreviation(text, runs[-1][-1], tokens[0], abbreviations)
                or _inside_number(runs[-1], tokens[0])
            )
        ):
            runs[-1] += tokens
        else:
            runs.append(tokens)
        runs += glued
    sentences = tuple(
        Sentence(
            start=tokens[0].start,
            end=tokens[-1].end,
            paragraph=bisect.bisect_right(paragraph_starts, tokens[0].start) - 1,
            tokens=tokens,
        )
        for run in runs
        for tokens in _bounded(_joined_numbers(run))
    )
    return Document(meta=source.meta, text=text, sentences=sentences)


def _bounded(run: list[Token]) -> Iterator[tuple[Token, ...]]:
    """The run in sentences of at most MAX_SENTENCE_TOKENS: a text with no final punctuation
    (a list, a table, a hostile upload) would otherwise be one sentence that every cue in it
    scans, and the analysis would take time growing with the square of its length."""
    for at in range(0, len(run), MAX_SENTENCE_TOKENS):
        yield tuple(run[at : at + MAX_SENTENCE_TOKENS])


def _runs_on(text: str, sentence: list[Token], next_token: Token) -> bool:
    """A break the tokenizer made mid-line after no final punctuation is not a sentence end.

    The model, trained on 160 sentences, now and then ends a sentence at a date or a name
    (`se me 30 korrik | Kuvendi do të votojë`), which would cut a reported clause from its
    cue. A headline or list item ends a line, so a break at a newline is kept.
    """
    start, end = sentence[0].start, sentence[-1].end
    while end > start and text[end - 1] in _CLOSING_MARKS:
        end -= 1
    gap = text[sentence[-1].end : next_token.start]
    return not text.endswith(_FINAL_PUNCTUATION, start, end) and "\n" not in gap


def _mended(
    tokens: list[Token], abbreviations: frozenset[str], marks: frozenset[str]
) -> list[Token]:
    """An abbreviation or initial the model split from its full stop (`Dr.`, `B.`) is one
    token again, and a quotation mark the model glued to a word (`ikin“Nuk`) a token of its
    own. (Numbers split at their separators are joined once a sentence is whole.)

    The model learnt from 160 sentences of news; an abbreviation's full stop reads as a
    sentence end that cuts the name after it from its cue (`tha Dr. | Robert Redfield`)."""
    mended: list[Token] = []
    for token in _split_marks(tokens, marks):
        if mended and _continues_word(mended, token, abbreviations):
            mended[-1] = _joined(mended[-1], token)
            continue
        mended.append(token)
    return mended


def _split_marks(tokens: list[Token], marks: frozenset[str]) -> Iterator[Token]:
    for token in tokens:
        text = token.text
        if len(text) > 1 and text[0] in marks:
            yield _part(token, 0, 1)
            token, text = _part(token, 1, len(text)), text[1:]
        if len(text) > 1 and text[-1] in marks:
            yield _part(token, 0, len(text) - 1)
            token = _part(token, len(text) - 1, len(text))
        yield token


def _part(token: Token, start: int, end: int) -> Token:
    if start == 0 and end == len(token.text):
        return token
    text = token.text[start:end]
    return Token(
        text=text, start=token.start + start, end=token.start + end, words=(Word(text=text),)
    )


def _unglued(tokens: list[Token]) -> list[list[Token]]:
    """The sentence cut where two paragraphs were glued into one word (`paprecedentëAnalisti
    politik …`, `KosovënNdërsa …`): copied news loses its line breaks so, and a sentence that
    runs on across them takes the next paragraph's subject for its own."""
    pieces: list[list[Token]] = [[]]
    for token in tokens:
        at = _glue_point(token.text)
        if at is None:
            pieces[-1].append(token)
            continue
        pieces[-1].append(_part(token, 0, at))
        pieces.append([_part(token, at, len(token.text))])
    return pieces


def _glue_point(word: str) -> int | None:
    """Where a lowercase word runs into a capitalised one: four lowercase letters, then a
    capital and two lowercase (not McDonald, YouTube; nor KosovaPress, a name)."""
    if not word[:1].islower():
        return None
    for at in range(4, len(word) - 2):
        if (
            word[at].isupper()
            and word[at + 1 : at + 3].isalpha()
            and word[at + 1 : at + 3].islower()
            and word[at - 4 : at].isalpha()
            and word[at - 4 : at].islower()
        ):
            return at
    return None


def _continues_word(mended: list[Token], token: Token, abbreviations: frozenset[str]) -> bool:
    last = mended[-1]
    return token.text == "." and last.end == token.start and _shortened(last.text, abbreviations)


def _shortened(word: str, abbreviations: frozenset[str]) -> bool:
    """An abbreviation (Dr, Prof) or an initial (B), which a full stop follows."""
    return word.casefold() in abbreviations or (len(word) == 1 and word.isupper())


def _joined_numbers(tokens: list[Token]) -> list[Token]:
    """`100` `,` `000` → `100,000`; `3,` `5` → `3,5`: digits and separators that touch."""
    out: list[Token] = []
    i = 0
    while i < len(tokens):
        j, text = i, tokens[i].text
        while (
            j + 1 < len(tokens)
            and tokens[j + 1].start == tokens[j].end
            and _NUMBER_PREFIX.fullmatch(text + tokens[j + 1].text)
        ):
            j += 1
            text += tokens[j].text
        while j > i and not _NUMBER.fullmatch(text):  # `100,` before a word: not one number
            text = text[: -len(tokens[j].text)]
            j -= 1
        token = tokens[i]
        for k in range(i + 1, j + 1):
            token = _joined(token, tokens[k])
        out.append(token)
        i = j + 1
    return out


def _joined(first: Token, second: Token) -> Token:
    """One token of two that touch (the callers check `first.end == second.start`)."""
    text = first.text + second.text
    return Token(text=text, start=first.start, end=second.end, words=(Word(text=text),))


def _inside_number(run: list[Token], next_token: Token) -> bool:
    """`1.250` `.` | `000`: the model ended a sentence at a thousands separator."""
    tail = run[-2:] if len(run) >= 2 and run[-2].end == run[-1].start else run[-1:]
    joined = "".join(t.text for t in tail) + next_token.text
    return (
        tail[-1].end == next_token.start
        and next_token.text[:1].isdigit()
        and bool(_NUMBER_PREFIX.fullmatch(joined))
    )


def _after_abbreviation(
    text: str, last: Token, next_token: Token, abbreviations: frozenset[str]
) -> bool:
    """`tha Dr. | Robert Redfield`: a full stop of an abbreviation before a name on one line."""
    return (
        last.text.endswith(".")
        and _shortened(last.text[:-1], abbreviations)
        and next_token.text[:1].isupper()
        and "\n" not in text[last.end : next_token.start]
    )


def paragraph_offsets(text: str) -> list[int]:
    """Where each paragraph starts: paragraphs are separated by blank lines."""
    return [0, *(m.end() for m in _PARAGRAPH_BREAK.finditer(text))]


def _token(text: str, stanza_token) -> Token:
    start, end = stanza_token.start_char, stanza_token.end_char
    words = tuple(
        Word(text=w.text, lemma=w.lemma, upos=w.upos, feats=w.feats) for w in stanza_token.words
    )
    return Token(text=text[start:end], start=start, end=end, words=words)


def download_official(directory: str | Path) -> Path:
    """Fetch the official Stanza `sq` models (needs internet) into `directory`."""
    import stanza

    target = Path(directory).expanduser()
    try:
        stanza.download(
            "sq", model_dir=str(target), processors="tokenize,mwt,pos,lemma", logging_level="WARN"
        )
    except Exception as exc:  # stanza raises requests' and its own errors alike
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise ModelError(f"cannot download the Stanza 'sq' models: {reason}") from None
    return target
