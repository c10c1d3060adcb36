import threading

from sqlalchemy import insert, select

from erp_shared.replication import apply_snapshot

from .models import department_replica, effects, switches


def record_effect(session, event, data):
    session.execute(insert(effects).values(event_id=event.id, code=data["code"]))
    apply_snapshot(session, department_replica, data, event.sequence)


def fail_always(session, event, data):
    raise RuntimeError("this handler always fails")


def apply_when_switched_on(session, event, data):
    """Fails until a test flips the switch: a fault that is fixed later, then replayed from the DLQ."""
    on = session.execute(select(switches.c.on).where(switches.c.name == "deactivations")).scalar()
    if not on:
        raise RuntimeError("deactivations are switched off")
    record_effect(session, event, data)


HANDLERS = {
    "hr.department_created.v1": record_effect,
    "hr.department_updated.v1": record_effect,
    "hr.department_deactivated.v1": apply_when_switched_on,
    "hr.employee_created.v1": fail_always,
}


def take_a_long_time(session, event, data):
    """Longer than two heartbeats of the test broker connection: the connection must survive it."""
    threading.Event().wait(float(data["name"].split(":")[1]))
    record_effect(session, event, data)


HANDLERS["hr.department_updated.v1"] = lambda session, event, data: (
    take_a_long_time if data["name"].startswith("slow:") else record_effect)(session, event, data)
