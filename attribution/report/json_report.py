"""The report as JSON: the `Report` model itself; its JSON Schema is kept in the repository."""

from __future__ import annotations

import json
from importlib import resources

from .model import Report
from .publication import Publication

SCHEMA_FILE = "report.schema.json"


def render(report: Report, publication: Publication) -> str:
    return report.model_dump_json(indent=2) + "\n"


def schema() -> dict:
    return Report.model_json_schema()


def bundled_schema() -> dict:
    return json.loads((resources.files(__package__) / SCHEMA_FILE).read_text(encoding="utf-8"))
