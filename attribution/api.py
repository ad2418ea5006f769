"""The public entry point: `analyze(text) -> Analysis`.

The stages run in order, each one job, passing plain records: load → NLP (Stanza) → marks
→ cues → quotes → speakers. The CLI and the dashboard call only this.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from . import i18n, nlp
from .candidates import Candidate
from .claims import ClaimFinder
from .credits import CreditLines
from .cues import CueMatcher
from .gazetteer import Lookup
from .io import SourceDoc, from_text
from .marks import pair_marks
from .model import Analysis, Document, Provenance, Quote
from .phrases import PhraseReader
from .quotes import QuoteFinder
from .registry import to_speakers
from .resources import Resources, load
from .sentences import trim_space
from .speakers import Attribution, SpeakerFinder
from .tokens import TokenView

if TYPE_CHECKING:
    from .compare import Comparison, Statement
    from .verify import Verification


@dataclass(frozen=True)
class Pipeline:
    """The compiled rule components for one `Resources`; built once and reused."""

    resources: Resources
    cues: CueMatcher
    lookup: Lookup
    quotes: QuoteFinder
    speakers: SpeakerFinder
    claims: ClaimFinder
    credits: CreditLines


_WORD_APOSTROPHES = frozenset("’'")  # t’i, s'ka: inside words, never split off
_PIPELINES: dict[int, Pipeline] = {}  # by id(resources); each Pipeline keeps its Resources alive


def _pipeline(resources: Resources) -> Pipeline:
    compiled = _PIPELINES.get(id(resources))
    if compiled is None or compiled.resources is not resources:
        lookup = Lookup(resources)
        compiled = Pipeline(
            resources,
            CueMatcher(resources),
            lookup,
            QuoteFinder(resources),
            SpeakerFinder(resources, lookup),
            ClaimFinder(resources.claims, resources.grammar, lookup),
            CreditLines(resources),
        )
        _PIPELINES[id(resources)] = compiled
    return compiled


def analyze(
    text_or_document: str | SourceDoc,
    *,
    resources: Resources | None = None,
    processors: Sequence[str] = nlp.DEFAULT_PROCESSORS,
    models: str | Path | None = None,
) -> Analysis:
    """Every quotation in the text, with who said it, how and where.

    Args:
        text_or_document: the article as a string, or a `SourceDoc` from `attribution.io`.
        resources: the linguistic data; the bundled Albanian data when omitted.
        processors: the Stanza processors to run (tokenize and mwt at least).
        models: a folder of Stanza models to use instead of the bundled ones.

    Raises:
        InputError: the text is empty.
        ModelError: the models cannot be loaded.
    """
    source = (
        text_or_document if isinstance(text_or_document, SourceDoc) else from_text(text_or_document)
    )
    resources = resources or load()
    pipeline = _pipeline(resources)
    document = parse_document(source, resources, processors=processors, models=models)
    view = TokenView(document)
    pairing = pair_marks(source.text, resources.quote_marks)
    cue_matches = pipeline.cues.find(view)
    cue_tokens = frozenset(k for c in cue_matches for k in range(c.first, c.last))
    reader = PhraseReader(resources, pipeline.lookup, cue_tokens)
    candidates = pipeline.quotes.find(view, pairing, cue_matches, reader)
    attributions, registry = pipeline.speakers.attribute(
        view, candidates, reader, _year(source.meta.date)
    )
    quotes = _credited_titles(_quotes(view, candidates, attributions), registry)
    quotes = pipeline.credits.chain(quotes, source.text)
    claims = pipeline.claims.find(view, quotes, outlet=source.meta.narrator)
    by_speaker: dict[str, list[str]] = defaultdict(list)
    for quote in quotes:
        for speaker in quote.every_speaker:
            by_speaker[speaker.id].append(quote.id)
    return Analysis(
        meta=source.meta,
        text=source.text,
        quotes=tuple(quotes),
        speakers=to_speakers(registry, by_speaker),
        claims=tuple(claims),
        warnings=tuple(pairing.warnings),
        provenance=Provenance(
            tool_version=_tool_version(),
            models=nlp.models_version(nlp.models_dir(models)),
            processors=tuple(processors),
            lexicons=resources.versions,
        ),
    )


def parse_document(
    source: SourceDoc,
    resources: Resources,
    *,
    processors: Sequence[str] = nlp.DEFAULT_PROCESSORS,
    models: str | Path | None = None,
) -> Document:
    """The NLP stage, with the abbreviations and quotation marks of `resources`."""
    return nlp.parse(
        source,
        processors=processors,
        models=models,
        abbreviations=resources.grammar.words("title_abbreviations"),
        marks=resources.quote_marks.all_marks - _WORD_APOSTROPHES,
    )


def compare(
    a: Sequence[Statement],
    b: Sequence[Statement],
    *,
    a_name: str,
    b_name: str,
    sides: Sequence[str] = (),
    resources: Resources | None = None,
) -> Comparison:
    """What both sides' statements say, and what only one side says.

    Choose the statements with `attribution.compare.statements` (by speaker or side, across
    analyses) or `attribution.compare.readout` (a whole document as one side's readout).
    `sides` names the countries the sides are, which are never a topic of the comparison.
    """
    from .compare import Comparer  # here: `analyze` starts without the comparison

    resources = resources or load()
    comparer = Comparer(resources, _pipeline(resources).lookup)
    return comparer.compare(a, b, a_name=a_name, b_name=b_name, sides=sides)


def side_named(
    name: str, analyses: Sequence[Analysis], *, resources: Resources | None = None
) -> str:
    """The side NAME means (Rusia or Russia) among the sides of these analyses; raises
    InputError, listing the sides there are, when it is none of them."""
    from .compare import side_named as choose_side

    return choose_side(name, analyses, _pipeline(resources or load()).lookup)


def canonical_side(name: str, *, resources: Resources | None = None) -> str:
    """A side as the data names it: a country by its English name whatever the case form or
    language it is given in (Rusisë, Rusia → Russia); any other side as typed."""
    country = _pipeline(resources or load()).lookup.country_named(name)
    return country.name if country is not None else name.strip()


def side_label(side: str, *, resources: Resources | None = None) -> str:
    """A side as the interface's language names it: Rusia for Russia in Albanian."""
    if i18n.current() != "sq":
        return side
    return _pipeline(resources or load()).lookup.albanian_name(side) or side


def verify_quotes(analysis: Analysis, source: str) -> list[Verification]:
    """Each quote of the analysis checked against the original statement it claims."""
    from .verify import verify  # here: `analyze` starts without rapidfuzz's alignment

    return verify(analysis, source)


def _quotes(
    view: TokenView, candidates: list[Candidate], attributions: list[Attribution]
) -> list[Quote]:
    quotes = []
    for candidate, attribution in zip(candidates, attributions, strict=True):
        # spans carry no surrounding white space (a quote's own punctuation stays)
        start, end = trim_space(view.text, candidate.start, candidate.end)
        if end <= start:
            continue
        if candidate.rule.startswith("title") and attribution.speaker is None:
            continue
        quotes.append(
            Quote(
                id=f"q{len(quotes) + 1}",
                type=candidate.type,
                start=start,
                end=end,
                text=view.text[start:end],
                cue=candidate.cue.to_model(view) if candidate.cue is not None else None,
                speaker=attribution.speaker,
                speakers=(attribution.speaker, *attribution.joint) if attribution.joint else None,
                addressee=attribution.addressee,
                medium=attribution.medium,
                rule=candidate.rule,
                confidence=candidate.confidence,
                optional=candidate.optional,
            )
        )
    return quotes


def _credited_titles(quotes: list[Quote], registry) -> list[Quote]:
    """A headline's `X: …` is a statement only where X is a known speaker: an office or body,
    a gazetteer entry, or someone quoted in the article (not `Tiranë:` or `Samiti i BE-së:`)."""
    speaking = {q.speaker.id for q in quotes if q.speaker and not q.rule.startswith("title")}
    known = {e.id for e in registry.entities if e.gazetteer is not None or e.roles}
    kept = [
        q
        for q in quotes
        if not q.rule.startswith("title")
        or (q.speaker is not None and (q.speaker.id in speaking or q.speaker.id in known))
    ]
    return [q.model_copy(update={"id": f"q{n}"}) for n, q in enumerate(kept, 1)]


def _year(date: str | None) -> int | None:
    if date and len(date) >= 4 and date[:4].isdigit():
        return int(date[:4])
    return None


def _tool_version() -> str:
    from . import __version__

    return __version__
