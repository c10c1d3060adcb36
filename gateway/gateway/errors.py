"""Failures of an upstream service, mapped to 502/504 problem details by erp_shared's error handlers."""
from __future__ import annotations

from erp_shared.errors import DomainError


class UpstreamUnreachable(DomainError):
    """Connection refused or reset: the service is down or crashed mid-answer."""
    status = 502
    title = "Bad gateway"


class UpstreamTimedOut(DomainError):
    """The service took longer than the gateway's timeout; a write may still have happened."""
    status = 504
    title = "Gateway timeout"
