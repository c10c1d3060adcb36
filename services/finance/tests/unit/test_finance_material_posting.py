"""Posting rules for material a department consumes: an issue debits the department's expense account and
credits inventory, a return of unused material reverses it; both balance, name the requisition and the
issue, and post nothing when nothing was worth anything."""
import uuid
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal as D

import pytest

from erp_shared.events import catalog
from finance import posting
from finance.journal import KINDS

ISSUED, RETURNED = "inventory.material_issued.v1", "inventory.material_returned.v1"


def material_issued(*costs, issued_at=None, total_cost=None):
    lines = [{"issue_line_id": uuid.uuid4(), "requisition_line_id": uuid.uuid4(), "item_id": uuid.uuid4(),
              "warehouse_id": uuid.uuid4(), "batch_no": "LOT-1", "quantity": D("2"), "unit_cost": D(cost) / 2,
              "cost": D(cost)} for cost in costs]
    payload = {"issue_id": uuid.uuid4(), "issue_no": "MI-2026-000007", "requisition_id": uuid.uuid4(),
               "requisition_no": "MR-2026-000003", "department_id": uuid.uuid4(), "employee_id": uuid.uuid4(),
               "issued_at": issued_at or datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc), "lines": lines,
               "total_cost": D(total_cost) if total_cost else sum((l["cost"] for l in lines), D("0.00"))}
    return catalog.load(ISSUED, catalog.dump(ISSUED, payload))


def material_returned(*costs, returned_at=None):
    lines = [{"return_line_id": uuid.uuid4(), "issue_line_id": uuid.uuid4(), "item_id": uuid.uuid4(),
              "warehouse_id": uuid.uuid4(), "batch_no": None, "quantity": D("1"), "unit_cost": D(cost),
              "cost": D(cost)} for cost in costs]
    payload = {"return_id": uuid.uuid4(), "return_no": "MRN-2026-000002", "issue_id": uuid.uuid4(),
               "issue_no": "MI-2026-000007", "requisition_no": "MR-2026-000003", "department_id": uuid.uuid4(),
               "returned_at": returned_at or datetime(2026, 3, 4, 16, 0, tzinfo=timezone.utc), "lines": lines,
               "total_cost": sum((l["cost"] for l in lines), D("0.00"))}
    return catalog.load(RETURNED, catalog.dump(RETURNED, payload))


def sides(entry):
    return [(line.account_code, line.debit, line.credit) for line in entry.lines]


def test_both_kinds_are_journal_kinds():
    assert {"material_issue", "material_return"} <= set(KINDS)


def test_an_issue_debits_the_departments_expense_account_and_credits_inventory():
    entry = posting.material_issued(material_issued("8.57", "5.72"), "6250")
    assert sides(entry) == [("6250", D("14.29"), D("0")), ("1200", D("0"), D("14.29"))]
    assert entry.total_debit == entry.total_credit == D("14.29")
    assert (entry.kind, entry.source_document, entry.entry_date) == ("material_issue", "MI-2026-000007",
                                                                     date(2026, 3, 2))
    assert "MR-2026-000003" in entry.description and "MI-2026-000007" in entry.description
    assert all("MR-2026-000003" in line.memo and "MI-2026-000007" in line.memo for line in entry.lines)
    assert entry.supplier_id is None and entry.customer_id is None


def test_the_default_account_is_materials_consumed():
    assert posting.DEFAULT_ACCOUNTS.materials_consumed == "6200"


def test_a_return_reverses_the_issue_on_the_account_it_is_given():
    entry = posting.material_returned(material_returned("2.86", "5.72"), "6250")
    assert sides(entry) == [("1200", D("8.58"), D("0")), ("6250", D("0"), D("8.58"))]
    assert (entry.kind, entry.source_document, entry.entry_date) == ("material_return", "MRN-2026-000002",
                                                                     date(2026, 3, 4))
    assert all(number in entry.description for number in ("MRN-2026-000002", "MI-2026-000007", "MR-2026-000003"))


def test_an_issue_and_the_return_of_all_of_it_cancel_out():
    issue = posting.material_issued(material_issued("14.29"), "6200")
    back = posting.material_returned(material_returned("8.58", "5.71"), "6200")
    net = {}
    for entry in (issue, back):
        for code, debit, credit in sides(entry):
            net[code] = net.get(code, D(0)) + debit - credit
    assert net == {"6200": D("0"), "1200": D("0")}


def test_the_business_date_is_the_day_in_utc():
    late = datetime(2026, 5, 31, 21, 15, tzinfo=timezone(timedelta(hours=-4)))
    assert posting.material_issued(material_issued("1.00", issued_at=late), "6200").entry_date == date(2026, 6, 1)


@pytest.mark.parametrize("rule, data", [(posting.material_issued, lambda: material_issued("0.00")),
                                        (posting.material_returned, lambda: material_returned("0.00"))])
def test_material_worth_nothing_posts_nothing(rule, data):
    assert rule(data(), "6200") is None
