"""Errors the user can act on; each message is one line that says what to do next."""
from __future__ import annotations


class FrontlineError(Exception):
    """Base class: every error the CLI and the app turn into a one-line message."""


class InputError(FrontlineError, ValueError):
    """An input file or argument cannot be used as given."""

    def __init__(self, source: str, problem: str) -> None:
        self.source = source
        self.problem = problem
        super().__init__(f"{source}: {problem}")


class GazetteerError(FrontlineError, RuntimeError):
    """The embedded gazetteer could not be built or loaded."""
