"""The errors Reader raises on purpose.

A `UserError` is something the person at the keyboard can fix; its message says what was wrong
and what to do, and it is shown without a traceback. Anything else is a bug.
"""


class UserError(Exception):
    """A problem the user can fix; `str(err)` is a complete, plain-language message."""


class ImportFailure(UserError):
    """One source (file, or line of a JSON Lines file) could not be imported."""


class QuerySyntaxError(UserError):
    """A search query the parser cannot read."""


class QueryTooBroad(QuerySyntaxError):
    """A query that would take too long to answer (it reaches too many words or articles)."""

    def __init__(self) -> None:
        super().__init__(
            "This query takes too long to answer: it reaches too many words or articles. "
            "Make it narrower: more letters before * or ?, fewer ~ words, or more words."
        )


class LibraryError(UserError):
    """The library folder cannot be opened or written."""


class NotFound(UserError):
    """An article id or entity that does not exist in the library."""
