"""What the dashboard shows, as plain functions over a reviewed analysis.

`app.py` lays out widgets; everything it shows of an article is built here, so it can be
tested without a browser and so that one rule holds everywhere: the HTML comes from the
macros of report/templates/dashboard.html.j2, whose environment escapes every string that
comes from an article or a reviewer. No analysis happens here: quotes, speakers and review
states come from the public API.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from markupsafe import Markup

from .api import side_label
from .i18n import _, term
from .model import Claim, Frozen
from .render import optional_kind
from .report import templating
from .review import QuoteStatus, ReviewedAnalysis, ReviewedClaim, ReviewedQuote
from .sentences import excerpt
from .tokens import SpanIndex
from .workflow import WorkspaceEntry

# Light tones a reader tells apart, with dark text on all of them; speakers beyond the
# palette's length share colours in turn.
PALETTE = (
    "#cfe2ff",
    "#ffe0b3",
    "#d3f0d0",
    "#f5d0e6",
    "#e3d7ff",
    "#fff3a3",
    "#c9f1f1",
    "#f2d4c4",
)
UNATTRIBUTED = "#e4e4e4"
OUTLET = "#dde3ea"  # claims in the outlet's own narration
NO_SIDE = "no side"  # the filters' values are these keys; the page shows them translated
NO_SPEAKER = "unattributed"

STYLE = """
.article{white-space:pre-wrap;line-height:1.7;font-size:1.02rem}
.article .q{border-radius:3px;padding:1px 0}
.article .q.selected{outline:3px solid #d9480f;outline-offset:1px}
.article .q.rejected{text-decoration:line-through;opacity:.6}
.article .cue{font-weight:700;border-bottom:2px solid #333}
.article .who{border-bottom:3px double #0b5394}
.item{border-left:4px solid #ccc;padding:.3rem .6rem;margin:.4rem 0}
.legend{font-size:.85rem;margin:.2rem 0 .6rem}
.legend .chip{border-radius:3px;padding:0 .35rem;margin-right:.35rem}
.legend .cue{font-weight:700;border-bottom:2px solid #333}
.legend .who{border-bottom:3px double #0b5394}
.legend .struck{text-decoration:line-through;opacity:.6}
.legend .outlined{outline:3px solid #d9480f;outline-offset:1px}
.item .meta{color:#555;font-size:.85rem}
.item .state{font-size:.8rem;background:#eee;border-radius:3px;padding:0 .3rem}
"""


class QuoteFilter(Frozen):
    """The reviewer's filters; an empty choice keeps everything."""

    sides: frozenset[str] = frozenset()
    speakers: frozenset[str] = frozenset()
    types: frozenset[str] = frozenset()
    states: frozenset[str] = frozenset()
    min_confidence: float = 0.0

    def keeps(self, item: ReviewedQuote) -> bool:
        quote = item.quote
        return (
            (not self.sides or side_of(item) in self.sides)
            and (not self.speakers or speaker_of(item) in self.speakers)
            and (not self.types or quote.type in self.types)
            and (not self.states or item.status.value in self.states)
            and quote.confidence >= self.min_confidence
        )


@dataclass(frozen=True)
class Group:
    side: str
    speaker: str
    colour: str
    items: tuple[ReviewedQuote, ...]


def speaker_of(item: ReviewedQuote) -> str:
    speaker = item.quote.speaker
    return speaker.name if speaker is not None else NO_SPEAKER


def side_of(item: ReviewedQuote) -> str:
    speaker = item.quote.speaker
    return speaker.side if speaker is not None and speaker.side else NO_SIDE


def speaker_name(speaker: str) -> str:
    """A value of `speaker_of` as the page shows it."""
    return term(speaker) if speaker == NO_SPEAKER else speaker


def side_name(side: str) -> str:
    """A value of `side_of` as the page shows it: Rusia for Russia in Albanian."""
    return term(side) if side == NO_SIDE else side_label(side)


def speaker_colours(state: ReviewedAnalysis) -> dict[str, str]:
    """One colour per speaker name, in order of first quote, stable across reruns."""
    colours: dict[str, str] = {}
    for item in state.quotes:
        if item.quote.speaker is not None:
            name = item.quote.speaker.name
            colours.setdefault(name, PALETTE[len(colours) % len(PALETTE)])
    return colours


def groups(items: Iterable[ReviewedQuote], colours: dict[str, str]) -> list[Group]:
    """The attributions by side, then by speaker, in the order they first appear."""
    by_key: dict[tuple[str, str], list[ReviewedQuote]] = {}
    for item in items:
        by_key.setdefault((side_of(item), speaker_of(item)), []).append(item)
    ordered = sorted(by_key, key=lambda key: (key[0] == NO_SIDE, key[0]))
    return [
        Group(side, speaker, colours.get(speaker, UNATTRIBUTED), tuple(by_key[(side, speaker)]))
        for side, speaker in ordered
    ]


def _macro(name: str):
    return templating.macro("dashboard.html.j2", name)


def legend_html(colours: dict[str, str]) -> str:
    """What the colours and marks of the article mean."""
    marks = (
        ("cue", _("cue")),
        ("who", _("speaker named")),
        ("struck", _("rejected")),
        ("outlined", _("selected")),
    )
    return str(_macro("legend")(colours, UNATTRIBUTED, _("no speaker"), marks))


def groups_html(items: Iterable[ReviewedQuote], colours: dict[str, str]) -> str:
    """The attributions beside the article, under a heading per side and speaker."""
    headed = [
        (
            f"{side_name(group.side)} · {speaker_name(group.speaker)}",
            [_item_view(item, group.colour) for item in group.items],
        )
        for group in groups(items, colours)
    ]
    return str(_macro("groups")(headed))


def article_html(
    state: ReviewedAnalysis,
    shown: Sequence[ReviewedQuote],
    colours: dict[str, str],
    selected: str | None = None,
) -> str:
    """The article with the shown quotes in their speaker's colour, cues and speakers marked."""
    layers = [_Layer.of(item, colours, selected) for item in shown]
    return _marked(state.analysis.text, layers)


def claims_article_html(
    state: ReviewedAnalysis,
    shown: Sequence[ReviewedClaim],
    colours: dict[str, str],
    selected: str | None = None,
) -> str:
    """The article with the shown claims marked, each in its claimant's colour."""
    layers = [_Layer.of_claim(item.claim, colours, selected) for item in shown]
    return _marked(state.analysis.text, layers)


def claim_html(item: ReviewedClaim, colours: dict[str, str]) -> str:
    """One claim in the ranked list: why it ranks there, who claims it, a link to its place."""
    claim = item.claim
    view = {
        "colour": _claim_colour(claim, colours),
        "rank": claim.rank,
        "id": claim.id,
        "score": _("score {score}").format(score=f"{claim.score:g}"),
        "claimant": claim.claimant.name,
        "via": term(claim.claimant.via),
        "text": claim.text,
        "signals": "; ".join(f"{f.name}: “{f.text}” (+{f.weight:g})" for f in claim.features),
        "link": _link_to(claim.id),
        "review": _review_lines(item),
    }
    return str(_macro("claim")(view))


def _review_lines(item: ReviewedQuote | ReviewedClaim) -> list[str]:
    """The reviewer's notes, attribution check and claim rating under a quote or a claim."""
    lines = [_("Note: {note}").format(note=n) for n in item.notes]
    check = getattr(item, "check", None)
    if check is not None:
        shown = term(check.kind.value) + (f": {check.note}" if check.note else "")
        lines.append(_("Attribution check: {check}").format(check=shown))
    if item.verdict is not None:
        lines.append(
            _("Claim rating {rating}: {why}").format(
                rating=item.verdict.shown, why=item.verdict.explanation
            )
        )
    return lines


def claimant_of(item: ReviewedClaim) -> str:
    return item.claim.claimant.name


def claim_label(item: ReviewedClaim) -> str:
    """A plain-text label for choosing a claim in a widget."""
    claim = item.claim
    return f"{claim.rank}. {claim.id} · {claim.claimant.name} · {excerpt(claim.text, 60)}"


def _claim_colour(claim: Claim, colours: dict[str, str]) -> str:
    return colours.get(claim.claimant.name, OUTLET) if claim.claimant.kind == "speaker" else OUTLET


def _marked(text: str, layers: list[_Layer]) -> str:
    """The text with each layer's span marked.

    The text is cut at every boundary of a span, cue or speaker mention, and each piece is
    wrapped on its own, so overlapping spans (a partial quote inside an indirect one) never
    need nested tags. A nested piece takes the colour of the innermost span.
    """
    cuts = {0, len(text)}
    for layer in layers:
        cuts.update(layer.boundaries())
    points = sorted(c for c in cuts if 0 <= c <= len(text))
    anchors = {layer.start: layer.anchor for layer in layers}
    indexed = _Layers(layers)
    pieces = [
        _piece(text[start:end], start, indexed, anchors.get(start))
        for start, end in itertools.pairwise(points)
    ]
    return str(_macro("article")(pieces))


def item_html(item: ReviewedQuote, colour: str) -> str:
    """One attribution in the list beside the article, with a link to its place."""
    return str(_macro("item")(_item_view(item, colour)))


def _item_view(item: ReviewedQuote, colour: str) -> dict[str, object]:
    """What `item_html` shows: plain text, and facts that are translated messages filled
    in as HTML (templating.message escapes both, but for the bold cue a macro made)."""
    quote = item.quote
    speaker = quote.speaker
    message = templating.message
    facts: list[Markup] = []
    if quote.cue:
        facts.append(message(_("cue {cue}"), cue=_macro("bold")(quote.cue.text)))
    if quote.via:
        facts.append(message(_("via {outlets}"), outlets=" → ".join(quote.via)))
    if quote.optional:
        facts.append(message(_("optional: {why}"), why=optional_kind(quote)))
    if speaker is not None and speaker.mention is not None:
        named = _("speaker named as “{mention}” ({rule})")
        facts.append(message(named, mention=speaker.mention.text, rule=speaker.rule))
    facts += [
        message(_("rule {rule}"), rule=quote.rule),
        message(_("confidence {confidence}"), confidence=f"{quote.confidence:.2f}"),
        message(_("offsets {start}–{end}"), start=quote.start, end=quote.end),
        _link_to(quote.id),
    ]
    return {
        "colour": colour,
        "id": quote.id,
        "type": term(quote.type),
        "state": _state_label(item),
        "text": excerpt(quote.text, 220),
        "facts": facts,
        "review": _review_lines(item),
    }


def speaker_rows(state: ReviewedAnalysis) -> list[dict]:
    """The speakers panel: each canonical speaker after review (a speaker a reviewer named
    too), the ways the text names them, their side and their quotes, joint ones included."""
    return [
        {
            _("speaker"): s.name,
            _("kind"): term("reviewer" if s.id.startswith("reviewer:") else s.kind.value),
            _("side"): side_label(s.side) if s.side else "",
            _("aliases"): "; ".join(a for a in s.aliases if a != s.name),
            _("quotes"): len(s.quote_ids),
        }
        for s in state.applied().speakers
    ]


def workspace_html(entries: Sequence[WorkspaceEntry]) -> str:
    """The store's articles with their progress and last action, to pick work up again."""
    shown = [
        {
            "label": excerpt(entry.meta.label, 80),
            "about": entry.about,
            "done": _("reviewed {done} of {total}").format(done=entry.reviewed, total=entry.total),
            "last_done": entry.last_done,
        }
        for entry in entries
    ]
    return str(_macro("workspace")(shown, _("No article is in the review store yet.")))


def quote_label(item: ReviewedQuote) -> str:
    """A plain-text label for choosing a quote in a widget."""
    return f"{item.quote.id} · {speaker_name(speaker_of(item))} · {excerpt(item.quote.text, 60)}"


def _state_label(item: ReviewedQuote) -> str:
    if item.status == QuoteStatus.MACHINE:
        return term(item.status.value)
    return _("{state} by {reviewer}").format(
        state=term(item.status.value), reviewer=item.decided_by
    )


def _anchor(quote_id: str) -> str:
    return f"q-{quote_id}"


def _link_to(quote_id: str) -> Markup:
    return _macro("link")(_anchor(quote_id), _("show in text"))


@dataclass(frozen=True)
class _Layer:
    start: int
    end: int
    anchor: str
    colour: str
    classes: str
    selected: bool
    title: str
    cue: tuple[int, int] | None
    mention: tuple[int, int] | None

    @classmethod
    def of(cls, item: ReviewedQuote, colours: dict[str, str], selected: str | None) -> _Layer:
        quote = item.quote
        speaker = quote.speaker
        classes = ["q"]
        if quote.id == selected:
            classes.append("selected")
        if item.status == QuoteStatus.REJECTED:
            classes.append("rejected")
        return cls(
            start=quote.start,
            end=quote.end,
            anchor=_anchor(quote.id),
            colour=colours.get(speaker.name, UNATTRIBUTED) if speaker else UNATTRIBUTED,
            classes=" ".join(classes),
            selected=quote.id == selected,
            title=f"{quote.id} · {speaker_name(speaker_of(item))} · {term(quote.type)}",
            cue=(quote.cue.start, quote.cue.end) if quote.cue else None,
            mention=(speaker.mention.start, speaker.mention.end)
            if speaker is not None and speaker.mention is not None
            else None,
        )

    @classmethod
    def of_claim(cls, claim: Claim, colours: dict[str, str], selected: str | None) -> _Layer:
        chosen = claim.id == selected
        return cls(
            start=claim.start,
            end=claim.end,
            anchor=_anchor(claim.id),
            colour=_claim_colour(claim, colours),
            classes="q selected" if chosen else "q",
            selected=chosen,
            title=" · ".join(
                (claim.id, _("rank {rank}").format(rank=claim.rank), claim.claimant.name)
            ),
            cue=None,
            mention=None,
        )

    def boundaries(self) -> list[int]:
        spans = [(self.start, self.end), self.cue, self.mention]
        return [point for span in spans if span for point in span]


class _Layers:
    """The layers, indexed by span: each piece of the text finds the few that hold it, so a
    long page with thousands of quotes is not read once per piece."""

    def __init__(self, layers: list[_Layer]):
        self.layers = layers
        self._spans = SpanIndex((layer.start, layer.end) for layer in layers)
        self._cues = SpanIndex(layer.cue for layer in layers if layer.cue)
        self._mentions = SpanIndex(layer.mention for layer in layers if layer.mention)

    def covering(self, char: int) -> list[_Layer]:
        return [self.layers[k] for k in self._spans.containing(char, char + 1)]

    def in_cue(self, char: int) -> bool:
        return self._cues.holds(char)

    def in_mention(self, char: int) -> bool:
        return self._mentions.holds(char)


@dataclass(frozen=True)
class _Piece:
    """A stretch of the article that no mark starts or ends inside, and how it is marked:
    the template (macro `article`) makes the spans."""

    text: str
    anchor: str | None  # a quote or claim starts here
    marks: str  # "cue", "who", both or none
    layer: _Shade | None


@dataclass(frozen=True)
class _Shade:
    classes: str
    colour: str
    title: str


def _piece(text: str, start: int, layers: _Layers, anchor: str | None) -> _Piece:
    marks = [
        mark
        for mark, held in (("cue", layers.in_cue(start)), ("who", layers.in_mention(start)))
        if held
    ]
    covering = layers.covering(start)
    if not covering:
        return _Piece(text, anchor, " ".join(marks), None)
    inner = min(covering, key=lambda layer: layer.end - layer.start)
    classes = inner.classes
    if any(layer.selected for layer in covering) and not inner.selected:
        classes += " selected"
    return _Piece(text, anchor, " ".join(marks), _Shade(classes, inner.colour, inner.title))
