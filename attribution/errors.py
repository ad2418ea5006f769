"""The failures a user can cause, as one family.

Each says in one line what went wrong and what to do, and is shown as it is: the command
prints it and exits 2, the dashboard shows it in place of what could not be done. Anything
outside `AttributionError` is a bug in the tool and keeps its traceback.
"""

from __future__ import annotations


class AttributionError(Exception):
    """A failure the user can mend: the message names the file, field or step."""


class InputError(AttributionError):
    """An input the tool cannot analyse: a missing, binary, oversized or unreadable file, or
    an argument that does not fit."""


class AccessError(InputError):
    """The person's role does not allow what they asked for; nothing was written."""


class ResourceError(AttributionError):
    """A data file is missing or malformed; the message names the file and the key."""


class ModelError(AttributionError):
    """The models cannot be found or loaded; the message says what to do."""


class StoreError(AttributionError):
    """The review store cannot be used; the message says why and what to do."""


class ReviewError(AttributionError):
    """A review action that cannot apply (an unknown quote id, offsets outside the text)."""


class BatchError(AttributionError):
    """The batch cannot run (its input or its engine); the message says why."""


class SettingsError(AttributionError):
    """An environment variable the tool reads has a value it cannot use; the message names
    the variable and what it takes."""
