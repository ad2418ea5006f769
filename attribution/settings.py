"""Every setting the tool takes from the environment, read and checked in one place.

The command line, the dashboard and the batch workers all ask `current()`, so a variable means
the same everywhere and a bad value is one line naming the variable, not a traceback from
wherever it was first used. The values are read when asked for, not at import: a test or a
server that sets a variable sees it at once.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Literal

from pydantic import Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from .errors import SettingsError

PREFIX = "ATTRIBUTION_"


class Settings(BaseSettings):
    """The environment a run sees; each field is `ATTRIBUTION_<NAME>` unless it says other."""

    # An empty variable is an unset one, as the shell and `env VAR= cmd` mean it.
    model_config = SettingsConfigDict(
        env_prefix=PREFIX, env_ignore_empty=True, frozen=True, extra="ignore"
    )

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
        validation_alias="SOURCE_DATE_EPOCH",
        description="a fixed time for reports (reproducible builds)",
    )

    @field_validator("allow_private_urls", mode="before")
    @classmethod
    def _only_1_allows(cls, value: object) -> object:
        """A way into the desk's own network opens only for the exact value 1: `true`,
        `yes` or a typo leave it shut."""
        return value == "1" if isinstance(value, str) else value


def current() -> Settings:
    """The settings as the environment gives them now; SettingsError names a bad one."""
    try:
        return Settings()
    except ValidationError as exc:
        error = exc.errors()[0]
        named = str(error["loc"][0])
        field = next((f for f in Settings.model_fields if variable(f) == named), named)
        what = error["msg"].removeprefix("Input ")
        raise SettingsError(f"{variable(field)}={error.get('input')}: {what}") from None


def variable(field: str) -> str:
    """The environment variable of a setting: ATTRIBUTION_MODELS for `models`."""
    alias = Settings.model_fields[field].validation_alias
    return alias if isinstance(alias, str) else PREFIX + field.upper()


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
