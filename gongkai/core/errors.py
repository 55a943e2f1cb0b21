"""Domain errors. Services raise them with a message a citizen or clerk can read (in Chinese);
views and the API turn them into a form error or a 4xx answer."""

from __future__ import annotations


class ApplicationError(Exception):
    """Base of every domain error; ``message`` is shown to the user as is."""

    status_code = 400

    def __init__(self, message: str, *, field: str | None = None, errors: dict[str, list[str]] | None = None):
        super().__init__(message)
        self.message = message
        self.field = field
        self.errors = errors or ({field: [message]} if field else {})


class InvalidInput(ApplicationError):
    """The input breaks a rule; nothing was changed."""


class NotPermitted(ApplicationError):
    """The acting user may not do this to this object."""

    status_code = 403


class NotFound(ApplicationError):
    status_code = 404


class IllegalTransition(ApplicationError):
    """The object's state does not allow this action."""

    status_code = 409
