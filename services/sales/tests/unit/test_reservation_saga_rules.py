"""The order side of the reservation saga without I/O: applying replies by sequence, and the sweep's decision."""
import uuid
from datetime import datetime, timedelta, timezone
from decimal import Decimal as D
from types import SimpleNamespace

import pytest

from erp_shared.errors import PermanentEventError

from sales.reservation_domain import (COMPENSATE, RESEND, WAIT, LineReservation, apply_reservation, is_newer,
                                      sweep_action)

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)
TIMEOUT = timedelta(seconds=30)


def order(status="confirmed", sequence=None, lines=2):
    return SimpleNamespace(
        number="SO-2026-000009", status=status, version=2, updated_at=None, reservation_sequence=sequence,
        reservation_status=None, reservation_replied_at=None,
        lines=[SimpleNamespace(id=uuid.uuid4(), quantity_reserved=D(0), quantity_backordered=D(0),
                               quantity_issued=D(0)) for _ in range(lines)])


def replies(target, *quantities):
    return [LineReservation(line.id, D(r), D(b), D(i)) for line, (r, b, i) in zip(target.lines, quantities)]


def state(target):
    return [(line.quantity_reserved, line.quantity_backordered, line.quantity_issued) for line in target.lines]


@pytest.mark.parametrize("reply", ["reserved", "partially_reserved", "backordered"])
@pytest.mark.parametrize("status", ["confirmed", "reserved", "partially_reserved", "backordered"])
def test_a_reply_sets_the_status_while_the_order_waits_for_or_holds_a_reservation(status, reply):
    target = order(status)
    assert apply_reservation(target, status=reply, lines=replies(target, (1, 2, 0), (3, 0, 0)), sequence=1, now=NOW)
    assert target.status == reply and target.reservation_sequence == 1 and target.version == 3
    assert state(target) == [(1, 2, 0), (3, 0, 0)] and target.reservation_replied_at == NOW


@pytest.mark.parametrize("status", ["partially_delivered", "delivered", "cancelled", "invoiced"])
def test_after_goods_left_or_a_cancel_only_the_quantities_change(status):
    target = order(status, sequence=4)
    assert apply_reservation(target, status="reserved", lines=replies(target, (2, 0, 3), (0, 0, 1)), sequence=5,
                             now=NOW)
    assert target.status == status and state(target) == [(2, 0, 3), (0, 0, 1)]


def test_a_release_does_not_pretend_the_order_is_reserved():
    target = order("reserved", sequence=1)
    apply_reservation(target, status="released", lines=replies(target, (0, 0, 0), (0, 0, 0)), sequence=2, now=NOW)
    assert target.status == "reserved" and target.reservation_status == "released"


@pytest.mark.parametrize("sequence", [1, 3])
def test_a_stale_or_repeated_reply_changes_nothing(sequence):
    target = order("reserved", sequence=3)
    assert not apply_reservation(target, status="backordered", lines=replies(target, (0, 9, 0), (0, 9, 0)),
                                 sequence=sequence, now=NOW)
    assert target.status == "reserved" and target.version == 2 and state(target) == [(0, 0, 0), (0, 0, 0)]


def test_newer_means_strictly_greater_and_anything_beats_nothing():
    assert is_newer(None, 1) and is_newer(1, 2) and not is_newer(2, 2) and not is_newer(3, 2)


def test_a_reply_naming_a_line_the_order_lacks_can_never_be_applied():
    target = order()
    stranger = LineReservation(uuid.uuid4(), D(1), D(0), D(0))
    with pytest.raises(PermanentEventError):
        apply_reservation(target, status="reserved", lines=[stranger], sequence=1, now=NOW)
    assert target.reservation_sequence is None and target.status == "confirmed"


def decide(status="confirmed", sent_ago=TIMEOUT, resends=0, max_attempts=5):
    return sweep_action(status=status, sent_at=NOW - sent_ago, resends=resends, now=NOW, timeout=TIMEOUT,
                        max_attempts=max_attempts)


def test_the_sweep_waits_within_the_timeout_then_asks_again_then_gives_up():
    assert decide(sent_ago=TIMEOUT - timedelta(microseconds=1)) == WAIT
    assert decide(sent_ago=TIMEOUT) == RESEND
    assert decide(resends=4) == RESEND
    assert decide(resends=5) == COMPENSATE
    assert decide(resends=0, max_attempts=0) == COMPENSATE


@pytest.mark.parametrize("status", ["draft", "credit_hold", "reserved", "backordered", "cancelled", "delivered"])
def test_the_sweep_only_touches_orders_still_waiting_for_a_first_reply(status):
    assert decide(status=status, sent_ago=timedelta(days=9), resends=9) == WAIT


def test_an_order_never_asked_is_not_swept():
    assert sweep_action(status="confirmed", sent_at=None, resends=0, now=NOW, timeout=TIMEOUT,
                        max_attempts=5) == WAIT
