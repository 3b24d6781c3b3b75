"""Errors a user can cause, each with a code and a message that names the fix.

The CLI prints ``str(error)`` as one line; nothing here prints or exits.
"""

from __future__ import annotations


class FactcheckError(Exception):
    """Base class: a problem with the user's input or settings, not a bug."""

    code = "FC000"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return f"[{self.code}] {self.message}"


class RulesError(FactcheckError):
    """A rules file is missing, malformed, or has a bad entry."""

    code = "FC001"


class SettingsError(FactcheckError):
    """A setting of a run (:class:`~factcheck.settings.Settings`) that cannot work."""

    code = "FC002"


class DocumentError(FactcheckError):
    """One document could not be read. The batch goes on without it."""

    code = "FC003"

    def __init__(self, path: str, problem: str, fix: str) -> None:
        super().__init__(f"{path}: {problem} — {fix}")
        self.path = path
        self.problem = problem
        self.fix = fix


class OutputError(FactcheckError):
    """The report could not be written where asked, and nothing was overwritten."""

    code = "FC004"
