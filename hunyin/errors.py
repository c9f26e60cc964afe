"""The project's small exception hierarchy: callers catch ``HunyinError`` and show one line."""


class HunyinError(Exception):
    """Base of every error the project raises on purpose."""


class InputError(HunyinError):
    """Bad input from a user or a file: reported, never a crash."""


class UnknownOfficeError(InputError):
    """An office code that the code table does not know."""


class ConflictError(HunyinError):
    """Another writer got there first (a unique key or a serialisation failure)."""


class NotFoundError(HunyinError):
    """A looked-up object does not exist."""


class MissingDependencyError(HunyinError):
    """An optional engine or system package is not installed."""
