"""Wait for an outcome instead of sleeping a fixed time."""
from __future__ import annotations

from typing import Callable, TypeVar

from tenacity import Retrying, retry_if_result, stop_after_delay, wait_fixed

T = TypeVar("T")


class NotYet(AssertionError):
    pass


def wait_until(probe: Callable[[], T], *, timeout: float = 20, interval: float = 0.1,
               message: str | Callable[[], str] = "condition not reached") -> T:
    """Call `probe` until it returns something truthy; fail with `message` after `timeout` seconds."""
    retrying = Retrying(retry=retry_if_result(lambda value: not value), stop=stop_after_delay(timeout),
                        wait=wait_fixed(interval), retry_error_callback=lambda state: None)
    result = retrying(probe)
    if not result:
        raise NotYet(message() if callable(message) else message)
    return result
