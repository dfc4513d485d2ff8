"""The one error hierarchy: every error a user can act on, each carrying its data.

Entry points turn a :class:`FrontlineError` into one line (CLI: ``frontline: error:
...`` and exit 1; dashboard: a visible message); anything else is a bug.  Each
message is one line that says what to do next.
"""
from __future__ import annotations


class FrontlineError(Exception):
    """Base class: every error the CLI and the app turn into a one-line message."""


class InputError(FrontlineError, ValueError):
    """An input file or argument cannot be used as given."""

    def __init__(self, source: str, problem: str) -> None:
        self.source = source
        self.problem = problem
        super().__init__(f"{source}: {problem}")


class SchemaError(FrontlineError, ValueError):
    """A table handed across the geo/ -> layers/ boundary does not follow its schema."""


class GazetteerError(FrontlineError, RuntimeError):
    """The embedded gazetteer could not be built or loaded."""


class StoreError(FrontlineError, RuntimeError):
    """The store cannot be opened or written; the message says what to check."""


class PermissionDenied(StoreError, PermissionError):
    """A viewer tried to do what only an editor may (refused on the server)."""

    def __init__(self, action: str) -> None:
        self.action = action
        super().__init__(f"only editors can {action}; sign in as an editor")


class NetError(FrontlineError, RuntimeError):
    """An online service (Nominatim, Overpass) failed or answered nonsense."""

    def __init__(self, service: str, problem: str) -> None:
        self.service = service
        self.problem = problem
        super().__init__(f"{service}: {problem}")


class ExportError(FrontlineError, RuntimeError):
    """A map or data export cannot be made as asked."""
