"""Errors a user can cause. The faces print the message as one sentence and exit with code 2."""

from __future__ import annotations


class UserError(Exception):
    """Bad input from a user: a malformed date, an unknown option value, an unreadable file."""

    exit_code = 2


class NotFound(UserError):
    """A symbol, member or other name that the record does not hold; carries the closest matches."""

    def __init__(self, what: str, query: str, suggestions: list[str] | None = None):
        self.what = what
        self.query = query
        self.suggestions = list(suggestions or [])
        message = f"{what} {query!r} not found in the record"
        if self.suggestions:
            message += "; closest matches: " + ", ".join(self.suggestions)
        super().__init__(message + ".")
