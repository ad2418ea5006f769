"""Every setting the tool takes from the environment, read and checked in one place.

The command line, the dashboard and the batch workers all ask `current()`, so a variable means
the same everywhere and a bad value is one line naming the variable, not a traceback from
wherever it was first used. The values are read when asked for, not at import: a test or a
server that sets a variable sees it at once.

A plain pydantic model over `os.environ`, not pydantic-settings: that package's import took
82 ms of every cold start (its sources for .env files and cloud vaults), and the tool reads
only flat variables.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Literal

from pydantic import Field, ValidationError, field_validator

from .errors import SettingsError
from .model import Frozen

PREFIX = "ATTRIBUTION_"


class Settings(Frozen):
    """The environment a run sees; each field is `ATTRIBUTION_<NAME>` unless it says other."""

    models: Path | None = Field(None, description="a Stanza model folder (default: bundled)")
    threads: int = Field(1, ge=1, le=256, description="torch threads per process")
    store: str | None = Field(
        None, description="the review store: a file or a postgresql:// address"
    )
    desk: Path | None = Field(None, description="the desk's file: its name, members and roles")
    reviewer: str | None = Field(None, description="who signs reviews on the command line")
    allow_private_urls: bool = Field(
        False, description="fetch links to private and local addresses too: 1, nothing else"
    )
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = Field(
        "INFO", description="what the server and batch runs log"
    )
    source_date_epoch: int | None = Field(
        None,
        ge=0,
        description="a fixed time for reports (SOURCE_DATE_EPOCH, of reproducible builds)",
    )

    @field_validator("allow_private_urls", mode="before")
    @classmethod
    def _only_1_allows(cls, value: object) -> object:
        """A way into the desk's own network opens only for the exact value 1: `true`,
        `yes` or a typo leave it shut."""
        return value == "1" if isinstance(value, str) else value


def current() -> Settings:
    """The settings as the environment gives them now; SettingsError names a bad one. An
    empty variable is an unset one, as the shell and `env VAR= cmd` mean it."""
    given = {
        field: os.environ[variable(field)]
        for field in Settings.model_fields
        if os.environ.get(variable(field))
    }
    try:
        return Settings.model_validate(given)
    except ValidationError as exc:
        error = exc.errors()[0]
        field = str(error["loc"][0])
        what = error["msg"].removeprefix("Input ")
        raise SettingsError(f"{variable(field)}={error.get('input')}: {what}") from None


# The standard variables the tool reads under their own names.
_UNPREFIXED = {"source_date_epoch": "SOURCE_DATE_EPOCH"}


def variable(field: str) -> str:
    """The environment variable of a setting: ATTRIBUTION_MODELS for `models`."""
    return _UNPREFIXED.get(field, PREFIX + field.upper())


def configure_logging(*, timestamps: bool = True) -> None:
    """Log the tool's own records (`attribution.*`) to stderr at ATTRIBUTION_LOG_LEVEL: with
    time and source for a server's log, as the command's own lines at a terminal."""
    logger = logging.getLogger("attribution")
    logger.handlers.clear()
    handler = logging.StreamHandler()
    shape = (
        "%(asctime)s %(levelname)s %(name)s: %(message)s"
        if timestamps
        else "attribution: %(message)s"
    )
    handler.setFormatter(logging.Formatter(shape))
    logger.addHandler(handler)
    logger.setLevel(current().log_level)
