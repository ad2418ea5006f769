"""The other tabs: claims to check, speakers, the comparison of two sides, verification
against the original statement, and the reports to download."""

from __future__ import annotations

import streamlit as st

from .. import dashboard, desk, io, report, verify_quotes, workflow
from ..api import compare as compare_readouts
from ..api import side_label
from ..compare import readout, sides_of, statements
from ..errors import AccessError, AttributionError
from ..i18n import _, ngettext, term
from ..render import diff_texts, speakers_text
from ..report import comparison as comparison_report
from ..report.markdown import escape as markdown_text
from ..review import ActionKind, ReviewedAnalysis
from .account import current_reviewer, reviewer_or_prompt
from .review import beside_the_text, note_and_verdict_form
from .session import UPLOAD_TYPES, reviewed_state, shown_as


def claims_view(state: ReviewedAnalysis, sha: str) -> None:
    if not state.claims:
        st.info(_("No check-worthy claims in this article."))
        return
    colours = dashboard.speaker_colours(state)
    claimants = sorted({dashboard.claimant_of(c) for c in state.claims})
    chosen = st.multiselect(_("Claimant"), claimants, key=f"claimant-{sha}")
    shown = [c for c in state.claims if not chosen or dashboard.claimant_of(c) in chosen]
    labels = {c.claim.id: dashboard.claim_label(c) for c in shown}
    left, right, selected = beside_the_text(
        _("Claims to check ({shown} of {total})"),
        len(state.claims),
        labels,
        _("Selected claim (outlined in the text)"),
        f"claim-{sha}",
    )
    with right:
        reviewer = reviewer_or_prompt() if selected is not None else None
        if reviewer is not None and reviewer.may(ActionKind.NOTE):
            with st.container(border=True):
                note_and_verdict_form(state, selected, f"{sha}-{selected}", reviewer)
        st.html(
            f"<style>{dashboard.STYLE}</style>"
            + "".join(dashboard.claim_html(item, colours) for item in shown)
        )
    with left:
        st.subheader(markdown_text(state.analysis.meta.title or _("Article")))
        st.html(
            f"<style>{dashboard.STYLE}</style>"
            + dashboard.claims_article_html(state, shown, colours, selected)
        )


def speakers_view(state: ReviewedAnalysis) -> None:
    st.subheader(_("Speakers"))
    st.dataframe(dashboard.speaker_rows(state), hide_index=True)


def compare_view(sha: str, labels: dict[str, str]) -> None:
    """Both sides from the reviewed attributions of the articles chosen (this one first)."""
    chosen_articles = st.multiselect(
        _("Articles to take the statements from"),
        list(labels),
        default=[sha],
        format_func=labels.get,
        key="cmp-articles",
    )
    analyses = [reviewed_state(other).applied() for other in chosen_articles]
    sides = sides_of(analyses)
    speakers = sorted({s.name for a in analyses for s in a.speakers if s.quote_ids})
    optional = st.checkbox(
        _("Include beliefs, pledges, calls, hearsay, credit lines and fragments"),
        key="cmp-optional",
        help=_(
            "statements that say what someone believes, promises or asks for, what is "
            "rumoured, or which outlet carried a report: not someone's claim of a fact"
        ),
    )
    chosen = {}
    for column, name, default in zip(st.columns(2), "AB", (0, 1), strict=True):
        with column:
            chosen[name] = side_choice(name, sides, speakers, default, analyses, optional)
    if not all(chosen.values()):
        st.info(_("Choose both sides: each needs statements."))
        return
    (a_name, a), (b_name, b) = chosen["A"], chosen["B"]
    result = compare_readouts(a, b, a_name=a_name, b_name=b_name, sides=[a_name, b_name])
    st.html(
        f"<style>{dashboard.STYLE}{comparison_report.PAIR_STYLE}</style>"
        + comparison_report.html_body(result)
    )
    st.download_button(
        _("Download the comparison (Markdown)"),
        comparison_report.markdown(result),
        file_name="comparison.md",
        mime="text/markdown",
        key="cmp-download",
        on_click="ignore",
    )


def side_choice(name, sides, speakers, default, analyses, optional):
    """One side of a comparison: (its name, its statements), or None while incomplete."""
    st.markdown(_("**Side {name}**").format(name=name))
    ways = {"side": _("side"), "speaker": _("speaker"), "readout": _("official readout")}
    by = st.radio(
        _("Chosen by"), list(ways), format_func=ways.get, horizontal=True, key=f"cmp-{name}-by"
    )
    if by == "readout":
        label = st.text_input(_("Whose readout"), key=f"cmp-{name}-name").strip()
        text = pasted_or_uploaded(_("Official readout"), key=f"cmp-{name}")
        return (label, readout(text, name=label)) if label and text else None
    values = sides if by == "side" else speakers
    if not values:
        return None
    value = st.selectbox(
        ways[by],
        values,
        index=min(default, len(values) - 1),
        format_func=shown_as(values, side_label if by == "side" else str),
        key=f"cmp-{name}-{by}",
    )
    found = statements(analyses, include_optional=optional, **{by: value})
    st.caption(ngettext("{n} statement", "{n} statements", len(found)).format(n=len(found)))
    shown_name = side_label(value) if by == "side" else value
    return (shown_name, found) if found else None


def pasted_or_uploaded(label: str, key: str) -> str | None:
    """A text the user pastes, or the text of a file they upload (which wins). The pasted
    text is kept when another tab is opened (an undrawn widget forgets its value)."""
    kept = f"{key}-kept"
    if f"{key}-text" not in st.session_state and kept in st.session_state:
        st.session_state[f"{key}-text"] = st.session_state[kept]
    text = st.text_area(label, key=f"{key}-text", height=120)
    st.session_state[kept] = text
    upload = st.file_uploader(_("…or upload it"), type=UPLOAD_TYPES, key=f"{key}-file")
    if upload is not None:
        try:
            text = io.read_bytes(upload.getvalue(), name=upload.name).text
        except AttributionError as exc:
            st.error(markdown_text(exc))
            return None
    return text if text.strip() else None


def verify_view(state: ReviewedAnalysis, sha: str) -> None:
    st.subheader(_("Verify the quotes against the original statement"))
    original = pasted_or_uploaded(_("The original statement"), key=f"verify-{sha}")
    if not original:
        return
    applied = state.applied()
    speakers = {q.id: speakers_text(q) for q in applied.quotes}
    results = verify_quotes(applied, original)
    st.dataframe(
        [
            {
                "id": r.quote_id,
                _("speaker"): speakers.get(r.quote_id, "—"),
                _("quote"): r.quote,
                _("type"): term(r.type),
                _("match"): term(r.band.value),
                _("score"): round(r.score, 1),
                **{term(part): words for part, words in diff_texts(r.diff).items()},
                _("warnings"): "; ".join(r.reasons),
                _("proposed check"): term(r.proposed_check.value),
                _("best match in the source"): r.passage.text if r.passage else "",
            }
            for r in results
        ],
        hide_index=True,
    )


def export_view(state: ReviewedAnalysis, source: io.SourceDoc) -> None:
    st.subheader(_("Reports"))
    named = desk.load().name or _("Fact-checking desk")
    desk_name = st.text_input(_("Desk"), value=named, key="export-desk")
    url = st.text_input(_("Where the fact-check is published (URL)"), key="export-url")
    built = report.build(state, generated_at=workflow.report_time())
    publication = report.Publication(desk=desk_name or named, url=url or None)
    stem = source.meta.stem
    try:
        workflow.require_export(state, current_reviewer() or desk.load().reviewer(_("anonymous")))
    except AccessError as exc:
        st.warning(markdown_text(exc))
        return
    if state.unreviewed:
        ids = ", ".join(q.quote.id for q in state.unreviewed)
        st.warning(
            markdown_text(
                _(
                    "Draft: {progress} ({ids} not yet). Reports carry a draft banner until "
                    "every attribution is reviewed."
                ).format(progress=state.progress, ids=ids)
            )
        )
    else:
        st.success(markdown_text(_("Final: {progress}.").format(progress=state.progress)))
    for name, fmt in report.REGISTRY.items():
        st.download_button(
            _("Download {format}").format(format=name.upper()),
            fmt.render(built, publication),
            file_name=f"{stem}.{fmt.extension}",
            mime=fmt.media_type,
            key=f"download-{name}",
            on_click="ignore",
        )
