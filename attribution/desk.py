"""Who may do what at a desk: the roles of its people, from the desk's configuration file.

- *viewer*: reads, compares, verifies and exports drafts;
- *reviewer*: also confirms, rejects and corrects attributions, adds missed quotes, notes and
  attribution checks;
- *editor*: also rates claims and exports the final report.

The file (`$ATTRIBUTION_DESK`) lists members by the e-mail address or the subject their
identity provider gives, or, for the command line, by the name they review under:

    version: "1.0"
    default_role: viewer          # anyone signed in who is not listed
    members:
      - {email: ana@desk.example, role: editor}
      - {subject: "248289761001", issuer: "https://accounts.google.com", role: reviewer}
      - {name: ben, role: reviewer}

Without the file the tool is one person's: whoever uses it may do everything, as before.
The workflow checks the role before anything is written (`Reviewer.require`), so the command
line and the dashboard refuse alike, whatever a page shows or hides.
"""

from __future__ import annotations

import functools
from enum import StrEnum
from pathlib import Path

import yaml
from pydantic import Field, ValidationError, model_validator

from . import settings
from .actions import ActionKind, Identity
from .errors import AccessError, InputError
from .model import Frozen

DESK_ENV = settings.variable("desk")


class Role(StrEnum):
    VIEWER = "viewer"
    REVIEWER = "reviewer"
    EDITOR = "editor"


_REVIEWING = frozenset(ActionKind) - {ActionKind.VERDICT}
MAY = {
    Role.VIEWER: frozenset(),
    Role.REVIEWER: _REVIEWING,
    Role.EDITOR: frozenset(ActionKind),
}
_WHO_MAY = {
    ActionKind.VERDICT: "an editor rates claims",
}


class Reviewer(Frozen):
    """The person acting: the name their reviews are signed with, their role, and the
    identity their provider vouches for (none for a typed name)."""

    name: str = Field(min_length=1)
    role: Role
    identity: Identity | None = None

    def may(self, kind: ActionKind) -> bool:
        return kind in MAY[self.role]

    @property
    def may_publish(self) -> bool:
        return self.role == Role.EDITOR

    def require(self, kind: ActionKind) -> None:
        if not self.may(kind):
            why = _WHO_MAY.get(kind, "a reviewer or an editor reviews attributions")
            raise AccessError(
                f"{self.name} is a {self.role.value} at this desk and cannot {kind.value}: "
                f"{why}; nothing was saved"
            )

    def require_publishing(self) -> None:
        if not self.may_publish:
            raise AccessError(
                f"{self.name} is a {self.role.value} at this desk: an editor exports the final "
                "report (a draft, while attributions are unreviewed, anyone may export)"
            )


class Member(Frozen):
    role: Role
    email: str | None = None
    subject: str | None = None
    issuer: str | None = None
    name: str | None = None

    @model_validator(mode="after")
    def _named_somehow(self) -> Member:
        if not (self.email or self.subject or self.name):
            raise ValueError("a member needs an email, a subject or a name")
        return self

    def is_(self, name: str, email: str | None, identity: Identity | None) -> bool:
        if identity is not None and self.subject is not None:
            return self.subject == identity.subject and self.issuer in (None, identity.issuer)
        if email is not None and self.email is not None:
            return self.email.casefold() == email.casefold()
        return identity is None and self.name is not None and self.name == name


class Desk(Frozen):
    version: str
    name: str | None = Field(None, description="the publisher its reports and ClaimReview name")
    default_role: Role = Role.VIEWER
    members: tuple[Member, ...] = ()

    def reviewer(
        self, name: str, *, email: str | None = None, identity: Identity | None = None
    ) -> Reviewer:
        """The person as this desk knows them: their listed role, else the default one."""
        role = next(
            (m.role for m in self.members if m.is_(name, email, identity)), self.default_role
        )
        return Reviewer(name=name, role=role, identity=identity)


# One person's tool: no file, every action allowed.
SINGLE_USER = Desk(version="1.0", default_role=Role.EDITOR)


@functools.lru_cache(maxsize=8)
def _read(path: str, modified: int) -> Desk:
    """The file as of its last change: every action asks for the roles, the file is read
    again only when it changed."""
    return Desk.model_validate(yaml.safe_load(Path(path).read_text(encoding="utf-8")))


def load(path: str | Path | None = None) -> Desk:
    """The desk's file ($ATTRIBUTION_DESK), or SINGLE_USER where none is set."""
    chosen = path or settings.current().desk
    if not chosen:
        return SINGLE_USER
    try:
        return _read(str(chosen), Path(chosen).stat().st_mtime_ns)
    except OSError as exc:
        raise InputError(f"cannot read the desk file {chosen}: {exc.strerror}") from None
    except yaml.YAMLError as exc:
        raise InputError(f"the desk file {chosen} is not YAML: {exc}") from None
    except ValidationError as exc:
        error = exc.errors()[0]
        where = ".".join(str(part) for part in error["loc"])
        raise InputError(f"the desk file {chosen}: {where}: {error['msg']}") from None
