"""The analysis through the API, built from orders, deliveries costed by inventory's stock_issued event, returns
costed by stock_returned, invoices and credit notes: gross margin per order, customer, item and month, the sales
report, the forecast, the period filters (by invoice date, credit date and the UTC day of delivery and return),
and refusals. Every test dates its documents in a year of its own, so other tests' documents stay out of its
periods."""
import uuid
from datetime import datetime
from decimal import Decimal

STOCK_ISSUED = "inventory.stock_issued.v1"
STOCK_RETURNED = "inventory.stock_returned.v1"


class Books:
    """Order → delivery (+ cost) → invoice (+ credit note, return) for one customer, each dated as asked."""

    def __init__(self, selling):
        self.selling = selling
        self.customer = selling.customer(name="Initech")
        self.warehouse = selling.warehouse()

    def item(self, name):
        item_id = self.selling.item(name=name)
        return {"id": str(item_id), "code": f"FG-{item_id.hex[:8]}", "name": name}

    def delivered(self, *lines, at, costs=None):
        """`lines`: (item, quantity, unit price); `costs`: the cost inventory reports per line, None: not yet."""
        order = self.selling.reserved(*[self.selling.line(quantity=q, unit_price=p, item_id=item["id"],
                                                          warehouse_id=self.warehouse)
                                        for item, q, p in lines], customer=self.customer)
        response = self.selling.deliver(order, *[{"order_line_id": line["id"], "quantity": line["quantity"]}
                                                 for line in order["lines"]], delivered_at=at)
        assert response.status_code == 201, response.json
        note = response.json
        if costs is not None:
            self.selling.apply(STOCK_ISSUED, {
                "purpose": "delivery", "source_document": note["number"], "source_id": note["id"],
                "order_id": order["id"], "issued_at": datetime.fromisoformat(at), "total_cost": str(sum(Decimal(c) for c in costs)),
                "lines": [{"source_line_id": line["id"], "item_id": line["item_id"],
                           "warehouse_id": line["warehouse_id"], "batch_no": None, "quantity": line["quantity"],
                           "unit_cost": "1", "cost": cost} for line, cost in zip(note["lines"], costs)]},
                1, note["id"])
        return order, note

    def invoiced(self, order, on):
        response = self.selling.client.post(f"/sales-orders/{order['id']}/invoices", json={"invoice_date": on},
                                            headers=self.selling.accountant)
        assert response.status_code == 201, response.json
        return response.json

    def credited(self, invoice, line_index, quantity, on):
        response = self.selling.client.post(f"/invoices/{invoice['id']}/credit-notes", json={
            "credit_date": on, "reason": "two anvils arrived dented",
            "lines": [{"invoice_line_id": invoice["lines"][line_index]["id"], "quantity": quantity}]},
            headers=self.selling.accountant)
        assert response.status_code == 201, response.json
        return response.json

    def returned(self, note, line_index, quantity, at, cost):
        response = self.selling.client.post(f"/deliveries/{note['id']}/returns", json={
            "returned_at": at, "reason": "wrong size",
            "lines": [{"delivery_line_id": note["lines"][line_index]["id"], "quantity": quantity}]},
            headers=self.selling.clerk)
        assert response.status_code == 201, response.json
        made = response.json
        line = made["lines"][0]
        self.selling.apply(STOCK_RETURNED, {
            "source_document": made["number"], "source_id": made["id"], "order_id": made["sales_order_id"],
            "returned_at": datetime.fromisoformat(at), "total_cost": cost,
            "lines": [{"source_line_id": line["id"], "delivery_line_id": line["delivery_line_id"],
                       "item_id": line["item_id"], "warehouse_id": line["warehouse_id"], "batch_no": None,
                       "quantity": quantity, "unit_cost": "1", "cost": cost}]}, 1, made["id"])
        return made


def read(selling, url, expect=200):
    response = selling.client.get(url, headers=selling.viewer)
    assert response.status_code == expect, response.json
    return response.json


def figures(row, *names):
    return tuple(row[name] for name in names)


MARGIN = ("revenue", "cogs", "gross_margin", "margin_pct", "uncosted_lines")
SALES = ("net_sales", "quantity_invoiced", "invoice_count")


def march(selling, year):
    """March of `year`: order 1 delivered (costed) and invoiced, 2 anvils credited, 1 anvil returned; order 4
    delivered, its cost not reported yet. Order 2 delivered in February, invoiced in April. Order 3 delivered on
    31 March in UTC−2, which is 1 April in UTC."""
    books = Books(selling)
    anvil, bolt = books.item("Anvil"), books.item("Bolt")
    first, first_note = books.delivered((anvil, "10", "25.00"), (bolt, "4", "10.00"), at=f"{year}-03-10T09:00:00Z",
                                        costs=["150.00", "22.50"])
    first_invoice = books.invoiced(first, f"{year}-03-15")                     # 250.00 + 40.00
    books.credited(first_invoice, 0, "2", f"{year}-03-20")                     # − 50.00
    books.returned(first_note, 0, "1", f"{year}-03-22T10:00:00Z", "15.00")
    second, _ = books.delivered((anvil, "5", "25.00"), at=f"{year}-02-27T12:00:00Z", costs=["75.00"])
    books.invoiced(second, f"{year}-04-02")                                    # 125.00
    third, _ = books.delivered((bolt, "2", "10.00"), at=f"{year}-03-31T23:30:00-02:00", costs=["11.25"])
    fourth, _ = books.delivered((anvil, "1", "25.00"), at=f"{year}-03-25T08:00:00Z")
    return books, anvil, bolt, (first, second, third, fourth)


def test_gross_margin_per_order_in_a_month(selling):
    _, _, _, (first, _, _, fourth) = march(selling, 2013)
    report = read(selling, "/analysis/gross-margin?group_by=order&date_from=2013-03-01&date_to=2013-03-31")
    assert (report["group_by"], report["date_from"], report["date_to"]) == ("order", "2013-03-01", "2013-03-31")
    assert [(row["key"], row["label"], *figures(row, *MARGIN)) for row in report["rows"]] == [
        (first["id"], first["number"], "240.00", "157.50", "82.50", "34.38", 0),    # 150 + 22.50 − 15
        (fourth["id"], fourth["number"], "0.00", "0.00", "0.00", None, 1)]
    assert figures(report["totals"], *MARGIN) == ("240.00", "157.50", "82.50", "34.38", 1)


def test_gross_margin_per_month_dates_each_document_as_finance_does(selling):
    march(selling, 2014)
    report = read(selling, "/analysis/gross-margin?group_by=month&date_from=2014-02-01&date_to=2014-04-30")
    assert [(row["key"], row["label"], *figures(row, *MARGIN)) for row in report["rows"]] == [
        ("2014-02", "2014-02", "0.00", "75.00", "-75.00", None, 0),
        ("2014-03", "2014-03", "240.00", "157.50", "82.50", "34.38", 1),
        ("2014-04", "2014-04", "125.00", "11.25", "113.75", "91.00", 0)]      # the UTC−2 delivery is April's
    assert figures(report["totals"], *MARGIN) == ("365.00", "243.75", "121.25", "33.22", 1)
    one_day = read(selling, "/analysis/gross-margin?group_by=month&date_from=2014-03-15&date_to=2014-03-15")
    assert [figures(row, *MARGIN) for row in one_day["rows"]] == [("290.00", "0.00", "290.00", "100.00", 0)]
    returned_day = read(selling, "/analysis/gross-margin?group_by=month&date_from=2014-03-22&date_to=2014-03-22")
    assert [figures(row, *MARGIN) for row in returned_day["rows"]] == [("0.00", "-15.00", "15.00", None, 0)]


def test_gross_margin_per_customer_and_per_item(selling):
    books, anvil, bolt, _ = march(selling, 2015)
    period = "date_from=2015-03-01&date_to=2015-03-31"
    customers = read(selling, f"/analysis/gross-margin?group_by=customer&{period}")
    assert [(row["key"], row["label"], *figures(row, *MARGIN)) for row in customers["rows"]] == [
        (books.customer["id"], f"{books.customer['code']} Initech", "240.00", "157.50", "82.50", "34.38", 1)]
    items = read(selling, f"/analysis/gross-margin?group_by=item&{period}")
    assert sorted((row["key"], row["label"], *figures(row, *MARGIN)) for row in items["rows"]) == sorted([
        (anvil["id"], f"{anvil['code']} Anvil", "200.00", "135.00", "65.00", "32.50", 1),
        (bolt["id"], f"{bolt['code']} Bolt", "40.00", "22.50", "17.50", "43.75", 0)])
    everything = read(selling, "/analysis/gross-margin?group_by=customer")
    [mine] = [row for row in everything["rows"] if row["key"] == books.customer["id"]]
    assert figures(mine, *MARGIN) == ("365.00", "243.75", "121.25", "33.22", 1)


def test_sales_per_item_month_and_customer(selling):
    books, anvil, bolt, _ = march(selling, 2016)
    items = read(selling, "/analysis/sales?group_by=item&date_from=2016-03-01&date_to=2016-03-31")
    assert sorted((row["key"], row["label"], *figures(row, *SALES)) for row in items["rows"]) == sorted([
        (anvil["id"], f"{anvil['code']} Anvil", "200.00", "10.0000", 1),
        (bolt["id"], f"{bolt['code']} Bolt", "40.00", "4.0000", 1)])
    assert figures(items["totals"], *SALES) == ("240.00", "14.0000", 1)        # one invoice, counted once
    months = read(selling, "/analysis/sales?group_by=month&date_from=2016-02-01&date_to=2016-04-30")
    assert [(row["key"], *figures(row, *SALES)) for row in months["rows"]] == [
        ("2016-03", "240.00", "14.0000", 1), ("2016-04", "125.00", "5.0000", 1)]
    assert figures(months["totals"], *SALES) == ("365.00", "19.0000", 2)
    customers = read(selling, "/analysis/sales?group_by=customer")
    [mine] = [row for row in customers["rows"] if row["key"] == books.customer["id"]]
    assert figures(mine, *SALES) == ("365.00", "19.0000", 2)
    after_the_invoice = read(selling, "/analysis/sales?group_by=month&date_from=2016-03-16&date_to=2016-03-31")
    assert [(row["key"], *figures(row, *SALES)) for row in after_the_invoice["rows"]] == [
        ("2016-03", "-50.00", "0.0000", 0)]


def test_the_forecast_per_item_names_its_method(selling):
    books = Books(selling)
    line_item, late, once = books.item("Trend"), books.item("Late starter"), books.item("One-off")
    for month, quantity in enumerate(("10", "20", "30", "40", "50", "60"), start=1):
        order, _ = books.delivered((line_item, quantity, "5.00"), at=f"2012-{month:02d}-10T10:00:00Z",
                                   costs=["1.00"])
        books.invoiced(order, f"2012-{month:02d}-15")
    order, _ = books.delivered((late, "8", "5.00"), at="2012-05-03T10:00:00Z")
    books.invoiced(order, "2012-05-04")
    order, _ = books.delivered((once, "3", "5.00"), at="2012-06-03T10:00:00Z")
    books.invoiced(order, "2012-06-04")
    # an invoice in the month of as_of is not history yet
    order, _ = books.delivered((line_item, "500", "5.00"), at="2012-07-02T10:00:00Z")
    books.invoiced(order, "2012-07-03")

    report = read(selling, "/analysis/forecast?as_of=2012-07-10&history=12&months=3")
    assert (report["as_of"], report["history_from"], report["history_to"], report["months"]) == (
        "2012-07-10", "2011-07", "2012-06", 3)
    assert all(entry["history"] for entry in report["items"])
    mine = {entry["item_id"]: entry for entry in report["items"]
            if entry["item_id"] in {line_item["id"], late["id"], once["id"]}}
    trend = mine[line_item["id"]]
    assert (trend["item_code"], trend["item_name"], trend["method"], trend["alpha"], trend["beta"]) == (
        line_item["code"], "Trend", "holt_linear", "0.1", "0.1")
    assert [(h["month"], h["quantity"]) for h in trend["history"]] == [   # from its first sale, not 2011-07
        (f"2012-{m:02d}", f"{10 * m}.0000") for m in range(1, 7)]
    assert trend["forecast"] == [{"month": "2012-07", "quantity": "70.0000"},
                                 {"month": "2012-08", "quantity": "80.0000"},
                                 {"month": "2012-09", "quantity": "90.0000"}]
    starter = mine[late["id"]]
    assert (starter["method"], starter["alpha"], starter["beta"]) == ("simple_exponential_smoothing", "0.1", None)
    assert [(h["month"], h["quantity"]) for h in starter["history"]] == [("2012-05", "8.0000"), ("2012-06", "0.0000")]
    assert [f["quantity"] for f in starter["forecast"]] == ["7.2000"] * 3
    single = mine[once["id"]]
    assert (single["method"], single["alpha"], [f["quantity"] for f in single["forecast"]]) == (
        "naive", None, ["3.0000"] * 3)

    only = read(selling, f"/analysis/forecast?item_id={line_item['id']}&as_of=2012-07-10&history=3&months=1")
    assert [entry["item_id"] for entry in only["items"]] == [line_item["id"]]
    assert [h["month"] for h in only["items"][0]["history"]] == ["2012-04", "2012-05", "2012-06"]
    assert only["items"][0]["forecast"] == [{"month": "2012-07", "quantity": "70.0000"}]
    before_any_sale = read(selling, f"/analysis/forecast?item_id={late['id']}&as_of=2012-05-20")
    assert [(e["method"], e["history"], [f["quantity"] for f in e["forecast"]]) for e in before_any_sale["items"]] == [
        ("naive", [], ["0.0000"] * 3)]


def test_refusals_and_sign_in(selling):
    assert selling.client.get("/analysis/gross-margin").status_code == 401
    assert selling.client.get("/analysis/sales").status_code == 401
    assert selling.client.get("/analysis/forecast").status_code == 401
    for url, field in [("/analysis/gross-margin?group_by=week", "group_by"),
                       ("/analysis/sales?group_by=order", "group_by"),
                       ("/analysis/gross-margin?date_from=2011-13-01", "date_from"),
                       ("/analysis/sales?date_to=yesterday", "date_to"),
                       ("/analysis/gross-margin?date_from=2011-03-02&date_to=2011-03-01", "date_to"),
                       ("/analysis/forecast?months=0", "months"),
                       ("/analysis/forecast?history=61", "history"),
                       ("/analysis/forecast?item_id=anvil", "item_id"),
                       ("/analysis/forecast?as_of=2012-02-30", "as_of")]:
        response = selling.client.get(url, headers=selling.viewer)
        assert response.status_code == 422 and set(response.json["errors"]) == {field}, (url, response.json)
    assert read(selling, f"/analysis/forecast?item_id={uuid.uuid4()}", expect=404)["status"] == 404
    for headers in (selling.clerk, selling.accountant, selling.seller):     # any signed-in role reads
        assert selling.client.get("/analysis/sales?group_by=customer", headers=headers).status_code == 200
