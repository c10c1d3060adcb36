"""The journal and the ledger reports over HTTP: filters, paging, problems for bad input, sign-in required."""
import json
import uuid
from datetime import date, datetime

import pytest

from erp_shared.events import catalog, flow_context, new_event
from finance.handlers import HANDLERS


def post(app, event_type, payload):
    flow = f"flow-{uuid.uuid4()}"
    with flow_context(flow, flow):
        envelope = new_event(event_type, payload)
    with flow_context(envelope.correlation_id, str(envelope.id), envelope.id):
        with app.extensions["erp_db"].unit_of_work() as session:
            HANDLERS[event_type](session, envelope, catalog.load(event_type, envelope.data))
    return envelope.data


@pytest.fixture(scope="module")
def flow_of_2002(app, new_documents):
    """One supplier's receipt, invoice and payment, dated in January 2002 where no other test posts."""
    documents = new_documents()
    return {
        "receipt": post(app, "procurement.goods_received.v1",
                        documents.goods_received("600.00", received_at=datetime.fromisoformat("2002-01-10T08:00Z"))),
        "invoice": post(app, "procurement.supplier_invoice_posted.v1",
                        documents.supplier_invoice_posted("600.00", "15.00", invoice_date=date(2002, 1, 20))),
        "payment": post(app, "procurement.supplier_payment_made.v1",
                        documents.supplier_payment_made("615.00", paid_at=datetime.fromisoformat("2002-01-30T08:00Z"))),
    }


JANUARY_2002 = {"date_from": "2002-01-01", "date_to": "2002-01-31"}


def journal(client, erp_tokens, **params):
    response = client.get("/journal-entries", query_string=params, headers=erp_tokens.headers("viewer"))
    assert response.status_code == 200, response.json
    return response


def documents_of(response):
    return [entry["source_document"] for entry in response.json]


def test_the_journal_lists_entries_with_their_lines_newest_first(client, erp_tokens, flow_of_2002):
    response = journal(client, erp_tokens, **JANUARY_2002)
    assert documents_of(response) == [flow_of_2002["payment"]["payment_no"], flow_of_2002["invoice"]["invoice_no"],
                                      flow_of_2002["receipt"]["receipt_no"]]
    invoice = response.json[1]
    assert (invoice["kind"], invoice["entry_date"], invoice["source_type"]) == \
        ("supplier_invoice", "2002-01-20", "procurement.supplier_invoice_posted.v1")
    assert invoice["supplier_id"] == flow_of_2002["invoice"]["supplier_id"]
    assert [(line["line_no"], line["account_code"], line["debit"], line["credit"]) for line in invoice["lines"]] == \
        [(1, "2100", "600.00", "0.00"), (2, "5200", "15.00", "0.00"), (3, "2000", "0.00", "615.00")]
    assert invoice["lines"][2]["supplier_id"] == flow_of_2002["invoice"]["supplier_id"]
    assert invoice["lines"][0]["supplier_id"] is None


@pytest.mark.parametrize("filters, expected", [
    ({"kind": "goods_receipt"}, ["receipt"]),
    ({"account_code": "2000"}, ["payment", "invoice"]),
    ({"account_code": "5200"}, ["invoice"]),
    ({"account_code": "1200"}, ["receipt"]),
    ({"date_from": "2002-01-15", "date_to": "2002-01-20"}, ["invoice"]),
    ({"date_to": "2002-01-10", "date_from": "2002-01-10"}, ["receipt"]),
])
def test_the_journal_is_filtered_by_kind_account_and_date(client, erp_tokens, flow_of_2002, filters, expected):
    number_of = {"receipt": "receipt_no", "invoice": "invoice_no", "payment": "payment_no"}
    response = journal(client, erp_tokens, **{**JANUARY_2002, **filters})
    assert documents_of(response) == [flow_of_2002[doc][number_of[doc]] for doc in expected]


def test_the_journal_is_found_by_source_document_and_paged(client, erp_tokens, flow_of_2002):
    receipt_no = flow_of_2002["receipt"]["receipt_no"]
    assert documents_of(journal(client, erp_tokens, source_document=receipt_no)) == [receipt_no]
    assert journal(client, erp_tokens, source_document=receipt_no, kind="supplier_invoice").json == []
    first = journal(client, erp_tokens, page_size=2, **JANUARY_2002)
    second = journal(client, erp_tokens, page_size=2, page=2, **JANUARY_2002)
    assert json.loads(first.headers["X-Pagination"])["total"] == 3
    assert len(first.json) == 2 and documents_of(second) == [receipt_no]


@pytest.mark.parametrize("sort, expected", [
    ("entry_date", ["receipt", "invoice", "payment"]),
    ("-entry_date", ["payment", "invoice", "receipt"]),
    ("kind,-entry_no", ["receipt", "invoice", "payment"]),
    ("-kind,entry_date", ["payment", "invoice", "receipt"]),
])
def test_the_journal_is_sorted_as_asked(client, erp_tokens, flow_of_2002, sort, expected):
    number_of = {"receipt": "receipt_no", "invoice": "invoice_no", "payment": "payment_no"}
    response = journal(client, erp_tokens, sort=sort, **JANUARY_2002)
    assert documents_of(response) == [flow_of_2002[doc][number_of[doc]] for doc in expected]


def test_one_entry_is_read_by_its_id(client, erp_tokens, flow_of_2002):
    [listed] = journal(client, erp_tokens, source_document=flow_of_2002["payment"]["payment_no"]).json
    response = client.get(f"/journal-entries/{listed['id']}", headers=erp_tokens.headers("purchasing"))
    assert response.status_code == 200 and response.json == listed
    assert listed["description"].startswith(f"Supplier payment {flow_of_2002['payment']['payment_no']}")
    missing = client.get(f"/journal-entries/{uuid.uuid4()}", headers=erp_tokens.headers("viewer"))
    assert missing.status_code == 404 and missing.content_type == "application/problem+json"


@pytest.mark.parametrize("path", ["/journal-entries", "/journal-entries/00000000-0000-4000-8000-000000000000",
                                  "/reports/trial-balance", "/reports/ap-subledger", "/reports/ar-subledger",
                                  "/reports/income-statement"])
def test_reading_the_ledger_needs_a_signed_in_user(client, path):
    response = client.get(path)
    assert response.status_code == 401 and response.content_type == "application/problem+json"


@pytest.mark.parametrize("path, params, field", [
    ("/journal-entries", {"date_from": "2002-13-01"}, "date_from"),
    ("/journal-entries", {"date_to": "yesterday"}, "date_to"),
    ("/journal-entries", {"date_from": "2002-02-01", "date_to": "2002-01-01"}, "date_to"),
    ("/journal-entries", {"kind": "customer_refund"}, "kind"),
    ("/journal-entries", {"sort": "-debit"}, "sort"),
    ("/reports/trial-balance", {"as_of": "31.12.2002"}, "as_of"),
    ("/reports/ap-subledger", {"as_of": "2002-02-30"}, "as_of"),
    ("/reports/ap-subledger", {"supplier_id": "acme"}, "supplier_id"),
    ("/reports/ar-subledger", {"as_of": "2002-02-30"}, "as_of"),
    ("/reports/ar-subledger", {"customer_id": "globex"}, "customer_id"),
    ("/reports/income-statement", {"date_from": "2002-13-01"}, "date_from"),
    ("/reports/income-statement", {"date_to": "end of May"}, "date_to"),
    ("/reports/income-statement", {"date_from": "2002-02-01", "date_to": "2002-01-31"}, "date_to"),
])
def test_bad_filters_are_problems_naming_the_field(client, erp_tokens, path, params, field):
    response = client.get(path, query_string=params, headers=erp_tokens.headers("viewer"))
    assert response.status_code == 422 and response.content_type == "application/problem+json"
    assert list(response.json["errors"]) == [field]


def test_the_ledger_routes_are_in_the_openapi_document(client):
    paths = client.get("/openapi.json").json["paths"]
    assert {"/journal-entries", "/journal-entries/{entry_id}", "/reports/trial-balance",
            "/reports/ap-subledger", "/reports/ar-subledger", "/reports/income-statement"} <= set(paths)
