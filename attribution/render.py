"""Plain-text views of analyses, reviews, verifications and the workspace: the command line
prints them, and the dashboard shows the same words in its tables.

Each function returns the text a person reads; nothing here analyses or stores anything.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .actions import ActionKind, ReviewAction
from .errors import InputError
from .i18n import N_, _
from .model import Analysis, CueKind, Quote
from .sentences import excerpt

if TYPE_CHECKING:  # what `analyze` never shows stays unloaded for it
    from .review import ReviewedAnalysis
    from .verify import Verification, WordDiff
    from .workflow import WorkspaceEntry

TABLE_CLAIMS = 10  # the table shows the top ten; --format json has them all
ID_CHARS = 12  # of an article's SHA-256: the id the workspace shows and `@ID` takes


# What an optional quote is (FORMAT.md counts them neither for nor against a system).
_OPTIONAL_KINDS = {
    CueKind.BELIEF: N_("a belief or pledge"),
    CueKind.APPEAL: N_("a call or demand"),
    CueKind.HEARSAY: N_("hearsay"),
    CueKind.CREDIT: N_("an outlet's credit line"),
}


def optional_kind(quote: Quote) -> str:
    """Why a quote is optional, in words: a belief, a pledge, hearsay, a credit line…"""
    if quote.cue is not None and quote.cue.kind in _OPTIONAL_KINDS:
        return _(_OPTIONAL_KINDS[quote.cue.kind])
    if quote.rule == "indirect.trailing":
        return _(_OPTIONAL_KINDS[CueKind.CREDIT])
    return _("a short fragment")


def speakers_text(quote: Quote) -> str:
    """Who said it, with each side: a joint statement names each of its speakers."""
    named = (s.name + (f" [{s.side}]" if s.side else "") for s in quote.every_speaker)
    return " + ".join(named) or "—"


def render_table(source: str, analysis: Analysis) -> str:
    lines = [f"# {source}" + (f" — {analysis.meta.title}" if analysis.meta.title else "")]
    if not analysis.quotes:
        lines.append("(no quotes found)")
    for quote in analysis.quotes:
        speaker = speakers_text(quote)
        cue = quote.cue.text if quote.cue else "—"
        cue += f" · via {' → '.join(quote.via)}" if quote.via else ""
        flag = f" ({optional_kind(quote)})" if quote.optional else ""
        lines.append(
            f"{quote.id:>4} {quote.type:<8} {quote.start:>6}-{quote.end:<6} "
            f"{speaker} · {cue}{flag}\n       “{excerpt(quote.text, 70)}”"
        )
    if analysis.claims:
        lines.append("  claims to check:")
    for claim in analysis.claims[:TABLE_CLAIMS]:
        lines.append(
            f"{claim.rank:>4}. {claim.id:<4} score {claim.score:<4g} "
            f"{claim.claimant.name} ({claim.claimant.via})\n       “{excerpt(claim.text, 70)}”"
        )
    for warning in analysis.warnings:
        lines.append(f"  ! {warning.message} (at {warning.start})")
    return "\n".join(lines)


def render_review(state: ReviewedAnalysis) -> str:
    meta = state.analysis.meta
    lines = [f"# @{meta.sha256[:ID_CHARS]} {meta.label} — {state.progress}"]
    lines += render_carryover(state)
    if state.newer_version:
        lines.append(
            f"  ! a newer version of this article is in the store: "
            f"@{state.newer_version[:ID_CHARS]} (reviews made here are not carried to it)"
        )
    for item in state.quotes:
        quote = item.quote
        speaker = speakers_text(quote)
        who = f" by {item.decided_by}" if item.decided_by else ""
        lines.append(
            f"{quote.id:>4} {item.status.value:<10} {quote.type:<8} {speaker}{who}"
            f"\n       “{excerpt(quote.text, 60)}”"
        )
        if item.check:
            lines.append(f"       attribution check: {item.check.shown}")
        if item.verdict:
            lines.append(f"       claim rating: {item.verdict.shown}")
    for orphan in state.orphans:
        lines.append(
            f"  ! a {orphan.kind.value} review of {orphan.start}–{orphan.end} by "
            f"{orphan.reviewer} has no quote in this analysis any more"
        )
    return "\n".join(lines)


def render_carryover(state: ReviewedAnalysis) -> list[str]:
    """What moved from the article's earlier version, and what could not."""
    carried = state.carryover
    if carried is None or not (carried.carried or carried.lost):
        return []
    lines = [
        f"  carried {carried.carried} review(s) over from the earlier version "
        f"@{carried.from_sha256[:ID_CHARS]}"
        + (f"; {len(carried.lost)} could not be carried:" if carried.lost else "")
    ]
    lines += [
        f"  ! {lost.action.kind.value} by {lost.action.reviewer} of “{excerpt(lost.text, 60)}”: "
        "these words are not in this version"
        for lost in carried.lost
    ]
    return lines


def render_workspace(entries: list[WorkspaceEntry]) -> str:
    """The articles in the store, to reopen one: `attribution review @ID`."""
    if not entries:
        return "(the review store has no articles yet)"
    lines = []
    for entry in entries:
        done = f" · {entry.last_done}" if entry.last_action else ""
        about = f" — {entry.about}" if entry.about else ""
        lines.append(
            f"@{entry.sha256[:ID_CHARS]}  reviewed {entry.reviewed} of {entry.total}{done}"
            f"\n    {excerpt(entry.meta.label, 90)}{about}"
        )
    return "\n".join(lines)


def action_detail(action: ReviewAction) -> str:
    """What one review action set, in a few words (the history of a quote, in the CLI and
    the dashboard)."""
    match action.kind:
        case ActionKind.SIDE:
            return f"{action.speaker} → {action.side}"
        case ActionKind.SPEAKER:
            return " + ".join((action.speaker or "", *action.joint))
        case ActionKind.TYPE:
            return action.type or ""
        case ActionKind.NOTE:
            return action.note or ""
        case ActionKind.VERDICT:
            return f"{action.verdict.shown}: {action.verdict.explanation}" if action.verdict else ""
        case ActionKind.CHECK:
            return action.check.shown if action.check else ""
    return ""


def render_history(state: ReviewedAnalysis, quote_id: str) -> str:
    item = next((q for q in state.quotes if q.quote.id == quote_id), None)
    if item is None:
        raise InputError(f"no quote {quote_id!r} in this article")
    lines = [f"{quote_id} “{item.quote.text}” — now {item.status.value}"]
    for action in item.history:
        detail = action_detail(action)
        lines.append(
            f"  {action.at:%Y-%m-%d %H:%M:%S} {action.reviewer}: {action.kind.value}"
            + (f" {detail}" if detail else "")
        )
    return "\n".join(lines)


def diff_texts(diff: WordDiff) -> dict[str, str]:
    """What a quote omits, adds and changes of the source, each as one line of words."""
    return {
        "omitted": " ".join(diff.omitted),
        "added": " ".join(diff.added),
        "changed": ", ".join(f"{a} → {b}" for a, b in diff.changed),
    }


def render_verification(results: list[Verification]) -> str:
    """Each quote's band and score, the words it differs by, and the check it proposes."""
    blocks = []
    for result in results:
        lines = [
            f"{result.quote_id:>4} {result.type:<8} {result.band.value:<22} "
            f"{result.score:5.1f}  “{excerpt(result.quote, 70)}”"
        ]
        lines += [
            f"       {part}: {words}" for part, words in diff_texts(result.diff).items() if words
        ]
        lines += [f"       ! {reason}" for reason in result.reasons]
        proposed = result.proposed_check.value
        lines.append(
            f"       proposed check: {proposed} "
            f"(attribution review ARTICLE --check {result.quote_id} {proposed})"
        )
        blocks.append("\n".join(lines))
    return "\n".join(blocks)
