"""The reservation side of the order saga through inventory's handlers, on the real database: reserving for a
confirmed order, the race for the last units, receipts filling backorders in order-date order, and releases."""
import threading
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import date, datetime, timezone
from decimal import Decimal as D

from sqlalchemy import func, select

from inventory.models import OrderReservation, Reservation, StockBalance

STOCK_RESERVED = "inventory.stock_reserved.v1"


def lines_of(db, order_id) -> list[Reservation]:
    with db.unit_of_work() as session:
        return session.execute(select(Reservation).where(Reservation.order_id == str(order_id))
                               .order_by(Reservation.order_line_id)).scalars().all()


def head_of(db, order_id) -> OrderReservation | None:
    with db.unit_of_work() as session:
        return session.get(OrderReservation, uuid.UUID(str(order_id)))


def split(row: Reservation) -> tuple:
    return row.quantity_requested, row.quantity_reserved, row.quantity_backordered, row.status


def reserved_at(db, item, store) -> tuple[D, D]:
    """(on hand, still reserved) at a place."""
    with db.unit_of_work() as session:
        on_hand = session.execute(select(func.coalesce(func.sum(StockBalance.on_hand), 0)).where(
            StockBalance.item_id == item, StockBalance.warehouse_id == store)).scalar_one()
        reserved = session.execute(select(func.coalesce(func.sum(Reservation.quantity_reserved), 0)).where(
            Reservation.item_id == item, Reservation.warehouse_id == store)).scalar_one()
    return on_hand, reserved


def replies(receipts, event) -> list[tuple]:
    """The stock_reserved events published while handling `event`: (subject, sequence, data loaded)."""
    return [(envelope.subject, envelope.sequence, data)
            for envelope, data in receipts.envelopes(event.correlation_id, STOCK_RESERVED)]


def stocked(receipts, quantity, price="2.00"):
    item, store = receipts.item(), receipts.warehouse()
    if D(quantity):
        receipts.apply(receipts.event(receipts.line(item, store, quantity, price)))
    return item, store


def test_an_order_reserves_fully_partly_or_not_at_all_and_says_so(db, receipts, sales):
    steel, north = stocked(receipts, "10")
    bolts, south = stocked(receipts, "4")
    nuts, _ = stocked(receipts, "0")
    full, part, none = sales.line(steel, north, "6"), sales.line(bolts, south, "7.5"), sales.line(nuts, south, "2")
    order = sales.confirmed(full, part, none)
    receipts.apply(order)

    rows = {row.order_line_id: row for row in lines_of(db, order.data["order_id"])}
    assert split(rows[full["order_line_id"]]) == (D("6"), D("6"), D("0"), "reserved")
    assert split(rows[part["order_line_id"]]) == (D("7.5"), D("4"), D("3.5"), "partially_reserved")
    assert split(rows[none["order_line_id"]]) == (D("2"), D("0"), D("2"), "backordered")
    row = rows[full["order_line_id"]]
    assert (row.order_no, row.order_date.isoformat(), row.confirmed_at.isoformat()) == (
        order.data["order_no"], order.data["order_date"], order.data["confirmed_at"])
    assert (head_of(db, order.data["order_id"]).status, head_of(db, order.data["order_id"]).version) == (
        "partially_reserved", 1)

    [(envelope, data)] = receipts.envelopes(order.correlation_id)
    assert (envelope.type, envelope.subject, envelope.sequence) == (STOCK_RESERVED, order.data["order_id"], 1)
    assert (envelope.causation_id, envelope.id) == (str(order.id), uuid.uuid5(order.id, STOCK_RESERVED))
    assert data["status"] == "partially_reserved" and str(data["order_id"]) == order.data["order_id"]
    by_line = {line["order_line_id"]: line for line in data["lines"]}
    assert by_line[part["order_line_id"]] == {
        "order_line_id": part["order_line_id"], "item_id": bolts, "warehouse_id": south,
        "quantity_requested": D("7.5000"), "quantity_reserved": D("4.0000"), "quantity_backordered": D("3.5000"),
        "quantity_issued": D("0.0000")}
    assert reserved_at(db, steel, north) == (D("10"), D("6"))

    only_steel = sales.confirmed(sales.line(steel, north, "4"))
    receipts.apply(only_steel)
    assert replies(receipts, only_steel)[0][2]["status"] == "reserved"
    nothing = sales.confirmed(sales.line(steel, north, "1"), sales.line(nuts, south, "1"))
    receipts.apply(nothing)
    assert replies(receipts, nothing)[0][2]["status"] == "backordered"
    assert reserved_at(db, steel, north) == (D("10"), D("10"))


def test_the_same_request_sent_again_reserves_nothing_twice_and_is_answered_again(db, receipts, sales):
    item, store = stocked(receipts, "5")
    line = sales.line(item, store, "8")
    first = sales.confirmed(line)
    receipts.apply(first)
    receipts.apply(first)                                            # the inbox bypassed: the line is known
    receipts.apply(receipts.event(receipts.line(item, store, "1", "2.00")))   # a receipt fills 1 of the 3
    again = sales.confirmed(line, order_id=uuid.UUID(first.data["order_id"]))  # the sweep's copy of the request
    receipts.apply(again)

    [row] = lines_of(db, first.data["order_id"])
    assert split(row) == (D("8"), D("6"), D("2"), "partially_reserved")
    assert reserved_at(db, item, store) == (D("6"), D("6"))
    [(_, sequence, data)] = replies(receipts, again)
    assert sequence == 2 == head_of(db, first.data["order_id"]).version     # the state it already had
    assert data["lines"][0]["quantity_reserved"] == D("6.0000")


def test_fifty_orders_racing_for_the_last_ten_units_reserve_exactly_ten(db, receipts, sales):
    item, store = stocked(receipts, "10")
    orders = [sales.confirmed(sales.line(item, store, "3")) for _ in range(50)]
    start = threading.Barrier(len(orders))

    def confirm(order):
        start.wait()          # all at once: each in its own unit of work, on its own connection
        receipts.apply(order)

    with ThreadPoolExecutor(max_workers=len(orders)) as pool:
        list(pool.map(confirm, orders))

    rows = [row for order in orders for row in lines_of(db, order.data["order_id"])]
    assert len(rows) == 50
    assert sum(row.quantity_reserved for row in rows) == D("10")
    assert sorted(row.status for row in rows) == ["backordered"] * 46 + ["partially_reserved"] + ["reserved"] * 3
    assert all(row.quantity_reserved + row.quantity_backordered == D("3") for row in rows)
    assert reserved_at(db, item, store) == (D("10"), D("10"))
    statuses = [data["status"] for order in orders for _, sequence, data in replies(receipts, order)
                if sequence == 1]
    assert sorted(statuses) == sorted(row.status for row in rows)


def test_a_receipt_fills_backorders_in_order_date_order(db, receipts, sales):
    item, store = stocked(receipts, "0")
    now = datetime.now(timezone.utc)
    newest = sales.confirmed(sales.line(item, store, "4"), order_date=date(2026, 3, 3), confirmed_at=now)
    oldest = sales.confirmed(sales.line(item, store, "3"), order_date=date(2026, 3, 1), confirmed_at=now)
    middle = sales.confirmed(sales.line(item, store, "5"), order_date=date(2026, 3, 2), confirmed_at=now)
    for order in (newest, oldest, middle):       # confirmed in another order than their dates
        receipts.apply(order)
    assert reserved_at(db, item, store) == (D("0"), D("0"))

    first = receipts.event(receipts.line(item, store, "6", "2.00"))
    receipts.apply(first)
    assert [split(*lines_of(db, o.data["order_id"])) for o in (oldest, middle, newest)] == [
        (D("3"), D("3"), D("0"), "reserved"), (D("5"), D("3"), D("2"), "partially_reserved"),
        (D("4"), D("0"), D("4"), "backordered")]
    published = receipts.envelopes(first.correlation_id)
    assert [e.type for e, _ in published] == ["inventory.stock_level_changed.v1", STOCK_RESERVED, STOCK_RESERVED]
    assert [(e.subject, e.sequence, data["status"]) for e, data in published[1:]] == sorted(
        [(oldest.data["order_id"], 2, "reserved"), (middle.data["order_id"], 2, "partially_reserved")])

    second = receipts.event(receipts.line(item, store, "10", "2.00"))
    receipts.apply(second)
    assert [split(*lines_of(db, o.data["order_id"]))[1:] for o in (oldest, middle, newest)] == [
        (D("3"), D("0"), "reserved"), (D("5"), D("0"), "reserved"), (D("4"), D("0"), "reserved")]
    assert reserved_at(db, item, store) == (D("16"), D("12"))
    assert {(subject, sequence) for subject, sequence, _ in replies(receipts, second)} == {
        (middle.data["order_id"], 3), (newest.data["order_id"], 2)}
    receipts.apply(second)                       # a redelivered receipt books nothing and fills nothing
    assert reserved_at(db, item, store) == (D("16"), D("12"))
    assert head_of(db, newest.data["order_id"]).version == 2


def test_a_cancellation_releases_the_order_and_its_stock_fills_the_next_backorder(db, receipts, sales):
    item, store = stocked(receipts, "5")
    cancelled = sales.confirmed(sales.line(item, store, "8"), order_date=date(2026, 3, 1))
    waiting = sales.confirmed(sales.line(item, store, "2"), order_date=date(2026, 3, 2))
    receipts.apply(cancelled)
    receipts.apply(waiting)
    cancel = sales.cancelled(uuid.UUID(cancelled.data["order_id"]), cancelled.data["order_no"])
    receipts.apply(cancel)

    assert split(*lines_of(db, cancelled.data["order_id"])) == (D("8"), D("0"), D("0"), "released")
    assert split(*lines_of(db, waiting.data["order_id"])) == (D("2"), D("2"), D("0"), "reserved")
    assert reserved_at(db, item, store) == (D("5"), D("2"))
    assert [(subject, sequence, data["status"]) for subject, sequence, data in replies(receipts, cancel)] == [
        (cancelled.data["order_id"], 2, "released"), (waiting.data["order_id"], 2, "reserved")]
    released = replies(receipts, cancel)[0][2]["lines"][0]
    assert (released["quantity_reserved"], released["quantity_backordered"]) == (D("0.0000"), D("0.0000"))

    receipts.apply(sales.cancelled(uuid.UUID(cancelled.data["order_id"]), cancelled.data["order_no"]))
    assert head_of(db, cancelled.data["order_id"]).version == 2      # cancelling twice changes nothing


def test_a_cancellation_before_the_confirmation_makes_the_late_request_reserve_nothing(db, receipts, sales):
    item, store = stocked(receipts, "5")
    order_id = uuid.uuid4()
    cancel = sales.cancelled(order_id, "SO-2026-000777")
    receipts.apply(cancel)
    head = head_of(db, order_id)
    assert (head.status, head.version, head.order_no) == ("released", 1, "SO-2026-000777")
    [(subject, sequence, data)] = replies(receipts, cancel)
    assert (subject, sequence, data["status"], data["lines"]) == (str(order_id), 1, "released", [])

    late = sales.confirmed(sales.line(item, store, "3"), order_id=order_id)
    receipts.apply(late)
    assert lines_of(db, order_id) == [] and reserved_at(db, item, store) == (D("5"), D("0"))
    [(_, sequence, data)] = replies(receipts, late)
    assert (sequence, data["status"]) == (1, "released")
    assert head_of(db, order_id).version == 1


def test_receipts_requests_and_cancellations_racing_keep_every_place_consistent(db, receipts, sales):
    """Orders on two items in both line orders, a third of them cancelled, while receipts arrive: no deadlock,
    never more reserved than on hand, and no backorder left waiting where stock is available."""
    store = receipts.warehouse()
    steel, bolts = stocked(receipts, "0")[0], stocked(receipts, "0")[0]

    def order(n):
        lines = [sales.line(steel, store, "2"), sales.line(bolts, store, "3")]
        return sales.confirmed(*(lines if n % 2 else lines[::-1]), order_date=date(2026, 3, 1 + n % 5))

    orders = [order(n) for n in range(24)]
    cancelled = {n for n in range(len(orders)) if n % 3 == 0}

    def confirm_then_maybe_cancel(n):
        receipts.apply(orders[n])
        if n in cancelled:
            receipts.apply(sales.cancelled(uuid.UUID(orders[n].data["order_id"]), orders[n].data["order_no"]))

    jobs = [lambda n=n: confirm_then_maybe_cancel(n) for n in range(len(orders))]
    jobs += [lambda: receipts.apply(receipts.event(receipts.line(steel, store, "5", "1.00"),
                                                   receipts.line(bolts, store, "4", "1.00")))] * 6
    start = threading.Barrier(len(jobs))

    def run(job):
        start.wait()
        job()

    with ThreadPoolExecutor(max_workers=len(jobs)) as pool:
        list(pool.map(run, jobs))

    for item, on_hand in ((steel, D("30")), (bolts, D("24"))):
        stock, reserved = reserved_at(db, item, store)
        with db.unit_of_work() as session:
            waiting = session.execute(select(func.coalesce(func.sum(Reservation.quantity_backordered), 0)).where(
                Reservation.item_id == item)).scalar_one()
        assert stock == on_hand and reserved <= stock
        assert waiting == 0 or reserved == stock, f"{waiting} backordered while {stock - reserved} is available"
    for n, placed in enumerate(orders):
        assert {row.status == "released" for row in lines_of(db, placed.data["order_id"])} == {n in cancelled}
