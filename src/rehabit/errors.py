"""The one exception type the CLI and the web app turn into a clear message."""

from __future__ import annotations


class RehabitError(Exception):
    """A problem the user can fix: bad input, a missing file, a refused action.

    Its message is one line, written for the person who ran the command.
    """


class NotFoundError(RehabitError):
    """Something the user named does not exist (an exercise, a program, a session)."""


class NotInLibraryError(NotFoundError):
    """The exercise named is not in any imported exercise library.

    Its message says only that; each face adds what to do next (a command in a terminal, a search on a page).
    """
