"""Domain exceptions with a business meaning; the web kit maps them to problem details in one place."""
from __future__ import annotations


class DomainError(Exception):
    status = 422
    title = "Business rule violated"

    def __init__(self, detail: str, *, field: str | None = None, errors: dict | None = None):
        super().__init__(detail)
        self.detail = detail
        self.errors = errors or ({field: [detail]} if field else None)


class NotFound(DomainError):
    status = 404
    title = "Not found"


class Conflict(DomainError):
    """A state transition or uniqueness that does not hold now (409)."""
    status = 409
    title = "Conflict"


class RuleViolation(DomainError):
    """A valid request that breaks a business rule (422)."""
    status = 422
    title = "Business rule violated"


class PermanentEventError(Exception):
    """An event that can never be applied (a rule that will not pass on retry): dead-letter it at once."""
