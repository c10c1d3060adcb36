"""Material requisitions through the API: raised by any department, approved by the warehouse (never by whoever
raised them), issued in parts from the oldest batches at moving-average cost, and unused material taken back at
the cost it left at, so returning everything puts the stock value back to the cent. Refusals name the field;
retries with an Idempotency-Key are answered, not booked twice; concurrent returns cannot exceed an issue."""
import re
import threading
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta, timezone
from decimal import Decimal as D

import pytest
from sqlalchemy import select

from erp_shared.events import flow_context, new_event
from inventory.domain import Valuation
from inventory.models import ItemValuation, MaterialRequisition, Reservation, StockBalance, StockMove

YEAR = datetime.now(timezone.utc).year
MATERIAL_ISSUED, MATERIAL_RETURNED = "inventory.material_issued.v1", "inventory.material_returned.v1"
STOCK_LEVEL_CHANGED, STOCK_RESERVED = "inventory.stock_level_changed.v1", "inventory.stock_reserved.v1"


class Stores:
    """A department with an employee (replicated from HR as inventory's consumer would), a requesting clerk in
    production, two storekeepers, and an item with two batches in one warehouse: LOT-B (3 for 10.00, received
    two days ago) and LOT-A (4 for 10.00, yesterday): 7 worth 20.00."""

    def __init__(self, client, erp_tokens, receipts):
        self.client, self.receipts = client, receipts
        tag = uuid.uuid4().hex[:8]
        self.clerk = erp_tokens.headers("production", username=f"clerk-{tag}")
        self.other_clerk = erp_tokens.headers("accounting", username=f"clerk2-{tag}")
        self.storekeeper_name = f"keeper-{tag}"
        self.storekeeper = erp_tokens.headers("warehouse", username=self.storekeeper_name)
        self.other_storekeeper = erp_tokens.headers("warehouse", username=f"keeper2-{tag}")
        self.viewer = erp_tokens.headers("viewer")
        self.department = self.hr("department", code=f"MAINT-{tag}", name="Maintenance")
        self.employee = self.hr("employee", employee_no=f"E-{tag}", full_name="Ada Fixit",
                                department_id=self.department)
        self.item, self.store = receipts.item(), receipts.warehouse()
        now = datetime.now(timezone.utc)
        receipts.apply(receipts.event(receipts.line(self.item, self.store, "4", "2.50", batch_no="LOT-A"),
                                      received_at=now - timedelta(days=1)))
        receipts.apply(receipts.event(receipts.line(self.item, self.store, "3", "3.3333", batch_no="LOT-B",
                                                    amount="10.00"), received_at=now - timedelta(days=2)))

    def hr(self, record: str, active: bool = True, **values) -> str:
        record_id = uuid.uuid4()
        flow = f"hr-{uuid.uuid4().hex[:12]}"
        with flow_context(flow, flow):
            event = new_event(f"hr.{record}_created.v1", {"id": record_id, "active": active, **values},
                              subject=str(record_id), sequence=1)
        self.receipts.apply(event)
        return str(record_id)

    def body(self, *lines, **overrides) -> dict:
        return {"department_id": self.department, "requested_by": self.employee, "needed_by": "2026-12-24",
                "notes": "pump overhaul",
                "lines": list(lines) or [{"item_id": str(self.item), "warehouse_id": str(self.store),
                                          "quantity": "5"}], **overrides}

    def raise_(self, *lines, expect=201, headers=None, **overrides) -> dict:
        response = self.client.post("/material-requisitions", json=self.body(*lines, **overrides),
                                    headers=headers or self.clerk)
        assert response.status_code == expect, response.json
        return response.json

    def act(self, requisition, action, expect=200, headers=None, **body) -> dict:
        response = self.client.post(f"/material-requisitions/{requisition['id']}/{action}", json=body,
                                    headers=headers or self.storekeeper)
        assert response.status_code == expect, response.json
        return response.json

    def approved(self, *lines) -> dict:
        return self.act(self.raise_(*lines), "approve")

    def issue(self, requisition, *lines, expect=201, headers=None) -> dict:
        """`lines`: (requisition line, quantity) or (requisition line, quantity, batch) tuples."""
        body = {"lines": [{"requisition_line_id": line["id"], "quantity": quantity,
                           **({"batch_no": rest[0]} if rest else {})} for line, quantity, *rest in lines]}
        response = self.client.post(f"/material-requisitions/{requisition['id']}/issues", json=body,
                                    headers={**self.storekeeper, **(headers or {})})
        assert response.status_code == expect, response.json
        return response.json

    def give_back(self, issue, *lines, expect=201, headers=None) -> dict:
        body = {"reason": "not needed after all",
                "lines": [{"issue_line_id": line["id"], "quantity": quantity} for line, quantity in lines]}
        response = self.client.post(f"/material-issues/{issue['id']}/returns", json=body,
                                    headers={**self.storekeeper, **(headers or {})})
        assert response.status_code == expect, response.json
        return response.json

    def read(self, url) -> dict:
        response = self.client.get(url, headers=self.viewer)
        assert response.status_code == 200, response.json
        return response.json

    def valuation(self) -> Valuation:
        with self.receipts.db.unit_of_work() as session:
            return session.get(ItemValuation, self.item).valuation

    def batches(self) -> dict:
        with self.receipts.db.unit_of_work() as session:
            return {row.batch_no: row.on_hand for row in session.execute(
                select(StockBalance).where(StockBalance.item_id == self.item)).scalars()}


@pytest.fixture()
def stores(client, erp_tokens, receipts) -> Stores:
    return Stores(client, erp_tokens, receipts)


def test_a_requisition_is_issued_in_part_then_in_full(stores, receipts):
    requisition = stores.raise_()
    assert re.fullmatch(rf"MR-{YEAR}-\d{{6}}", requisition["number"])
    assert (requisition["status"], requisition["department_name"], requisition["requested_by_name"]) == (
        "pending_approval", "Maintenance", "Ada Fixit")
    [line] = requisition["lines"]
    assert (line["quantity"], line["quantity_issued"], line["remaining_quantity"]) == ("5.0000", "0.0000", "5.0000")
    assert line["item_code"].startswith("RM-") and line["warehouse_code"].startswith("WH-")
    approved = stores.act(requisition, "approve")
    assert (approved["status"], approved["decided_by_name"]) == ("approved", stores.storekeeper_name)

    flow = f"issue-{uuid.uuid4().hex}"
    first = stores.issue(approved, (line, "3"), headers={"X-Request-ID": flow})
    assert re.fullmatch(rf"MI-{YEAR}-\d{{6}}", first["number"])
    assert (first["total_cost"], first["requisition_number"]) == ("8.57", requisition["number"])
    assert [(b["batch_no"], b["quantity"], b["cost"]) for b in first["lines"][0]["batches"]] == [
        ("LOT-B", "3.0000", "8.57")]                       # the oldest batch first, at 20.00 × 3/7
    now = stores.read(f"/material-requisitions/{requisition['id']}")
    assert now["status"] == "partially_issued"
    assert [(l["quantity_issued"], l["remaining_quantity"]) for l in now["lines"]] == [("3.0000", "2.0000")]

    second = stores.issue(approved, (line, "2"))
    assert [(b["batch_no"], b["quantity"], b["cost"]) for b in second["lines"][0]["batches"]] == [
        ("LOT-A", "2.0000", "5.72")]
    done = stores.read(f"/material-requisitions/{requisition['id']}")
    assert done["status"] == "issued" and done["lines"][0]["remaining_quantity"] == "0.0000"
    assert [i["number"] for i in done["issues"]] == [first["number"], second["number"]]
    assert stores.valuation() == Valuation(D("2"), D("5.71"), 4)
    assert stores.batches() == {"LOT-A": D("2"), "LOT-B": D("0")}
    listed = stores.read(f"/material-issues?requisition_id={requisition['id']}")
    assert {i["number"] for i in listed} == {first["number"], second["number"]}
    stores.issue(approved, (line, "1"), expect=409)

    [(issued, data), (level, stock)] = receipts.envelopes(flow)
    assert (issued.type, issued.subject, issued.sequence, level.type) == (
        MATERIAL_ISSUED, first["id"], 1, STOCK_LEVEL_CHANGED)
    assert (data["issue_no"], data["requisition_no"], str(data["department_id"]), str(data["employee_id"]),
            data["total_cost"]) == (first["number"], requisition["number"], stores.department, stores.employee,
                                    D("8.57"))
    assert [(str(l["issue_line_id"]), str(l["requisition_line_id"]), l["item_id"], l["warehouse_id"], l["batch_no"],
             l["quantity"], l["unit_cost"], l["cost"]) for l in data["lines"]] == [
        (first["lines"][0]["id"], line["id"], stores.item, stores.store, "LOT-B", D("3.0000"), D("2.857143"),
         D("8.57"))]
    assert (stock["on_hand"], stock["stock_value"]) == (D("4.0000"), D("11.43"))


def test_returning_unused_material_at_issue_cost_restores_the_stock_value_exactly(stores, receipts):
    requisition = stores.approved()
    issue = stores.issue(requisition, (requisition["lines"][0], "5"))
    assert issue["total_cost"] == "14.29" and stores.valuation() == Valuation(D("2"), D("5.71"), 4)
    issue_line = issue["lines"][0]

    first = stores.give_back(issue, (issue_line, "3"))
    assert re.fullmatch(rf"MRN-{YEAR}-\d{{6}}", first["number"])
    assert (first["total_cost"], first["issue_number"], first["requisition_number"]) == (
        "8.58", issue["number"], requisition["number"])
    assert [(b["batch_no"], b["quantity"], b["unit_cost"], b["cost"]) for b in first["lines"][0]["batches"]] == [
        ("LOT-A", "2.0000", "2.857500", "5.72"), ("LOT-B", "1.0000", "2.857143", "2.86")]   # last picked, first back
    stores.give_back(issue, (issue_line, "2.0001"), expect=422)
    second = stores.give_back(issue, (issue_line, "2"))
    assert second["total_cost"] == "5.71"              # the last units take what is still out: 8.57 − 2.86
    assert stores.valuation() == Valuation(D("7"), D("20.00"), 7)
    assert stores.batches() == {"LOT-A": D("4"), "LOT-B": D("3")}

    refused = stores.give_back(issue, (issue_line, "0.0001"), expect=422)
    assert list(refused["errors"]) == ["lines[0].quantity"] and "0 left to return" in refused["detail"]
    read = stores.read(f"/material-issues/{issue['id']}")
    assert (read["lines"][0]["quantity_returned"], read["lines"][0]["cost_returned"]) == ("5.0000", "14.29")
    assert [r["number"] for r in read["returns"]] == [first["number"], second["number"]]
    assert stores.read(f"/material-returns/{second['id']}")["lines"][0]["batches"] == [
        {"batch_no": "LOT-B", "quantity": "2.0000", "unit_cost": "2.857143", "cost": "5.71"}]
    line = stores.read(f"/material-requisitions/{requisition['id']}")["lines"][0]
    assert (line["quantity_issued"], line["quantity_returned"], line["remaining_quantity"]) == (
        "5.0000", "5.0000", "0.0000")

    with receipts.db.unit_of_work() as session:
        moves = session.execute(select(StockMove.move_type, StockMove.value, StockMove.delivery_line_id).where(
            StockMove.item_id == stores.item, StockMove.move_type.in_(("material_issue", "material_return")))).all()
    assert sorted((t, v) for t, v, _ in moves) == [
        ("material_issue", D("-8.57")), ("material_issue", D("-5.72")),
        ("material_return", D("2.86")), ("material_return", D("5.71")), ("material_return", D("5.72"))]
    assert {d for _, _, d in moves} == {None}
    ledger = stores.read(f"/stock-moves?item_id={stores.item}&move_type=material_return")
    assert {r["source_document"] for r in ledger} == {first["number"], second["number"]}


def test_a_return_is_reported_on_material_returned(stores, receipts):
    requisition = stores.approved()
    issue = stores.issue(requisition, (requisition["lines"][0], "4"))
    flow = f"return-{uuid.uuid4().hex}"
    returned = stores.give_back(issue, (issue["lines"][0], "1"), headers={"X-Request-ID": flow})
    [(event, data), (level, stock)] = receipts.envelopes(flow)
    assert (event.type, event.subject, event.sequence, level.type) == (
        MATERIAL_RETURNED, returned["id"], 1, STOCK_LEVEL_CHANGED)
    assert (data["return_no"], data["issue_no"], data["requisition_no"], str(data["department_id"]),
            data["total_cost"]) == (returned["number"], issue["number"], requisition["number"], stores.department,
                                    D("2.86"))
    assert [(str(l["return_line_id"]), str(l["issue_line_id"]), l["batch_no"], l["quantity"], l["cost"])
            for l in data["lines"]] == [(returned["lines"][0]["id"], issue["lines"][0]["id"], "LOT-A", D("1.0000"),
                                         D("2.86"))]


def test_refusals_name_the_field(stores, receipts):
    item, store = str(stores.item), str(stores.store)
    negative = stores.raise_({"item_id": item, "warehouse_id": store, "quantity": "-1"}, expect=422)
    assert "lines" in negative["errors"]
    too_fine = stores.raise_({"item_id": item, "warehouse_id": store, "quantity": "1.00001"}, expect=422)
    assert "lines" in too_fine["errors"]
    unknown_store = stores.raise_({"item_id": item, "warehouse_id": str(uuid.uuid4()), "quantity": "1"}, expect=422)
    assert list(unknown_store["errors"]) == ["lines[0].warehouse_id"]
    unknown_item = stores.raise_({"item_id": str(uuid.uuid4()), "warehouse_id": store, "quantity": "1"}, expect=422)
    assert list(unknown_item["errors"]) == ["lines[0].item_id"]
    unknown = stores.raise_(expect=422, department_id=str(uuid.uuid4()), requested_by=str(uuid.uuid4()))
    assert sorted(unknown["errors"]) == ["department_id", "requested_by"]
    assert "not replicated from HR yet?" in unknown["errors"]["department_id"][0]
    retired = stores.raise_(expect=422, department_id=stores.hr("department", active=False, code="OLD", name="Old"),
                            requested_by=stores.hr("employee", active=False, employee_no="E-OLD", full_name="Gone"))
    assert retired["errors"] == {"department_id": ["department OLD is inactive"],
                                 "requested_by": ["employee E-OLD is inactive"]}
    twice = {"item_id": item, "warehouse_id": store, "quantity": "1"}
    assert list(stores.raise_(twice, twice, expect=422)["errors"]) == ["lines[1].item_id"]
    assert stores.raise_(lines=[], expect=422)["errors"]["lines"]
    with receipts.db.unit_of_work() as session:
        assert not session.execute(select(MaterialRequisition).where(
            MaterialRequisition.department_id == stores.department)).first()


def test_whoever_raised_a_requisition_cannot_approve_or_reject_it(client, stores, erp_tokens):
    storekeepers_own = stores.raise_(headers=stores.storekeeper)
    refused = stores.act(storekeepers_own, "approve", expect=403)
    assert refused["title"] == "Segregation of duties" and "cannot approve" in refused["detail"]
    stores.act(storekeepers_own, "reject", expect=403, reason="no")
    assert stores.act(storekeepers_own, "approve", headers=stores.other_storekeeper)["status"] == "approved"
    pending = stores.raise_()
    assert stores.act(pending, "approve", expect=403, headers=stores.clerk)["title"] == "Forbidden"   # a role check
    rejected = stores.act(pending, "reject", reason="not in this quarter's budget")
    assert (rejected["status"], rejected["reject_reason"]) == ("rejected", "not in this quarter's budget")
    stores.act(pending, "approve", expect=409)


def test_only_an_approved_requisition_is_issued_and_a_cancelled_one_never(stores):
    pending = stores.raise_()
    refused = stores.issue(pending, (pending["lines"][0], "1"), expect=409)
    assert "pending_approval" in refused["detail"]
    assert stores.act(pending, "cancel", expect=403, headers=stores.viewer)["title"] == "Forbidden"   # no role
    someone_else = stores.act(pending, "cancel", expect=403, headers=stores.other_clerk)
    assert "only the person who created" in someone_else["detail"]
    cancelled = stores.act(pending, "cancel", headers=stores.clerk, reason="done without it")
    assert (cancelled["status"], cancelled["cancel_reason"]) == ("cancelled", "done without it")
    stores.issue(pending, (pending["lines"][0], "1"), expect=409)

    approved = stores.approved()
    stores.issue(approved, (approved["lines"][0], "1"))
    assert "partially issued" in stores.act(approved, "cancel", expect=409)["detail"]


def test_an_issue_takes_no_more_than_remains_nor_than_is_available(stores, receipts, sales):
    requisition = stores.approved()
    line = requisition["lines"][0]
    more = stores.issue(requisition, (line, "5.0001"), expect=422)
    assert list(more["errors"]) == ["lines[0].quantity"] and "has 5 left to issue" in more["detail"]

    receipts.apply(sales.confirmed(sales.line(stores.item, stores.store, "4")))    # 4 of the 7 reserved
    scarce = stores.issue(requisition, (line, "3.0001"), expect=422)
    assert list(scarce["errors"]) == ["lines[0].quantity"]
    assert "only 3 of" in scarce["detail"] and "reserved for sales orders" in scarce["detail"]
    wrong_batch = stores.issue(requisition, (line, "3", "LOT-B"), (line, "1"), expect=422)
    assert sorted(wrong_batch["errors"]) == ["lines[1].requisition_line_id"]
    from_batch = stores.issue(requisition, (line, "3", "LOT-A"))
    assert [b["batch_no"] for b in from_batch["lines"][0]["batches"]] == ["LOT-A"]
    assert stores.read(f"/material-requisitions/{requisition['id']}")["lines"][0]["remaining_quantity"] == "2.0000"
    assert "only 0 of" in stores.issue(requisition, (line, "1"), expect=422)["detail"]   # 4 on hand, 4 reserved


def test_a_named_batch_must_hold_the_whole_quantity(stores):
    requisition = stores.approved({"item_id": str(stores.item), "warehouse_id": str(stores.store), "quantity": "4",
                                   "batch_no": "LOT-B"})
    refused = stores.issue(requisition, (requisition["lines"][0], "4"), expect=422)
    assert list(refused["errors"]) == ["lines[0].batch_no"] and "batch LOT-B holds 3" in refused["detail"]
    assert stores.issue(requisition, (requisition["lines"][0], "3"))["total_cost"] == "8.57"


def test_a_retried_issue_is_answered_not_booked_twice(stores):
    requisition = stores.approved()
    key = {"Idempotency-Key": f"issue-{uuid.uuid4()}"}
    first = stores.client.post(f"/material-requisitions/{requisition['id']}/issues", headers={
        **stores.storekeeper, **key}, json={"lines": [{"requisition_line_id": requisition["lines"][0]["id"],
                                                       "quantity": "2"}]})
    again = stores.client.post(f"/material-requisitions/{requisition['id']}/issues", headers={
        **stores.storekeeper, **key}, json={"lines": [{"requisition_line_id": requisition["lines"][0]["id"],
                                                       "quantity": "2"}]})
    assert (first.status_code, again.status_code, again.headers.get("Idempotent-Replayed")) == (201, 201, "true")
    assert again.json == first.json
    assert len(stores.read(f"/material-issues?requisition_id={requisition['id']}")) == 1
    assert stores.valuation().on_hand == D("5")

    raised_key = {"Idempotency-Key": f"mr-{uuid.uuid4()}"}
    made = [stores.client.post("/material-requisitions", json=stores.body(), headers={**stores.clerk, **raised_key})
            for _ in range(2)]
    assert [m.status_code for m in made] == [201, 201] and made[0].json["id"] == made[1].json["id"]


def test_concurrent_returns_of_the_last_units_take_back_no_more_than_was_issued(stores):
    requisition = stores.approved()
    issue = stores.issue(requisition, (requisition["lines"][0], "4"))
    start = threading.Barrier(4)

    def give_back(_):
        start.wait()
        return stores.client.application.test_client().post(
            f"/material-issues/{issue['id']}/returns", headers=stores.storekeeper,
            json={"reason": "spare", "lines": [{"issue_line_id": issue["lines"][0]["id"], "quantity": "2"}]}
        ).status_code

    with ThreadPoolExecutor(max_workers=4) as pool:
        outcomes = sorted(pool.map(give_back, range(4)))
    assert outcomes == [201, 201, 422, 422]
    assert stores.valuation() == Valuation(D("7"), D("20.00"), 7)


def test_returned_material_fills_a_waiting_backorder(stores, receipts, sales):
    requisition = stores.approved()
    issue = stores.issue(requisition, (requisition["lines"][0], "5"))
    waiting_line = sales.line(stores.item, stores.store, "3")
    receipts.apply(sales.confirmed(waiting_line))                  # 2 on hand: 2 reserved, 1 backordered
    flow = f"return-{uuid.uuid4().hex}"
    stores.give_back(issue, (issue["lines"][0], "1"), headers={"X-Request-ID": flow})
    with receipts.db.unit_of_work() as session:
        row = session.execute(select(Reservation).where(
            Reservation.order_line_id == waiting_line["order_line_id"])).scalar_one()
        assert (row.quantity_reserved, row.quantity_backordered) == (D("3"), D("0"))
    assert [e.type for e, _ in receipts.envelopes(flow)] == [MATERIAL_RETURNED, STOCK_LEVEL_CHANGED, STOCK_RESERVED]


def test_lists_filter_and_page(stores):
    made = [stores.raise_() for _ in range(3)]
    stores.act(made[0], "approve")
    listed = stores.client.get(f"/material-requisitions?department_id={stores.department}&page_size=2",
                               headers=stores.viewer)
    assert listed.status_code == 200 and len(listed.json) == 2
    assert [r["number"] for r in listed.json] == sorted((r["number"] for r in made), reverse=True)[:2]
    approved = stores.read(f"/material-requisitions?department_id={stores.department}&status=approved")
    assert [r["id"] for r in approved] == [made[0]["id"]]
    assert stores.client.get("/material-requisitions?status=lost", headers=stores.viewer).status_code == 422
    assert stores.client.get(f"/material-requisitions/{uuid.uuid4()}", headers=stores.viewer).status_code == 404
    assert stores.client.get(f"/material-returns/{uuid.uuid4()}", headers=stores.viewer).status_code == 404
    assert stores.client.post("/material-requisitions", json=stores.body(), headers=stores.viewer).status_code == 403


def test_lists_sort_by_one_or_two_whitelisted_keys(stores):
    today = datetime.now(timezone.utc).date()
    soon, later = str(today + timedelta(days=10)), str(today + timedelta(days=30))
    made = [stores.raise_(needed_by=needed_by)["number"] for needed_by in (later, soon, later)]
    approved = stores.act(stores.raise_(needed_by=soon), "approve")["number"]

    def listed(sort):
        return [r["number"] for r in stores.read(f"/material-requisitions?department_id={stores.department}"
                                                 f"&sort={sort}")]

    assert listed("number") == [*made, approved]
    assert listed("-number") == [approved, *reversed(made)]
    assert listed("needed_by,-number") == [approved, made[1], made[2], made[0]]
    assert listed("-status,number") == [made[0], made[1], made[2], approved]
    bad = stores.client.get("/material-requisitions?sort=notes", headers=stores.viewer)
    assert bad.status_code == 422 and set(bad.json["errors"]) == {"sort"}
