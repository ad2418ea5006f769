"""Attribution reports in every format, from one `Report` record.

    REGISTRY["html"].render(report, publication) -> str

Formats: json (the Report model, with its JSON Schema in report.schema.json), csv (one row
per quote, safe to open in a spreadsheet), md and html (a printable page), claimreview
(schema.org JSON-LD for the quotes a reviewer gave a verdict).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ..review import ReviewedAnalysis
from . import claimreview, csv_report, html, json_report, markdown
from .model import Report, build
from .publication import Publication


@dataclass(frozen=True)
class Format:
    extension: str
    media_type: str
    render: Callable[[Report, Publication], str]


REGISTRY: dict[str, Format] = {
    "json": Format("json", "application/json", json_report.render),
    "csv": Format("csv", "text/csv", csv_report.render),
    "md": Format("md", "text/markdown", markdown.render),
    "html": Format("html", "text/html", html.render),
    "claimreview": Format("claimreview.jsonld", "application/ld+json", claimreview.render),
}


def write(
    reviewed: ReviewedAnalysis,
    formats: list[str],
    out_dir: Path,
    *,
    generated_at: datetime,
    publication: Publication,
    stem: str,
) -> list[Path]:
    """Render each format to OUT_DIR/STEM.EXT; returns the files written."""
    report = build(reviewed, generated_at=generated_at)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name in formats:
        fmt = REGISTRY[name]
        path = out_dir / f"{stem}.{fmt.extension}"
        path.write_text(fmt.render(report, publication), encoding="utf-8", newline="")
        written.append(path)
    return written


__all__ = ["REGISTRY", "Format", "Publication", "Report", "build", "write"]
