"""Purchase order numbers are gap-free per year, even with concurrent creates and refused ones."""
import threading
import uuid

CREATES = 12


def sequence_of(number):
    prefix, year, serial = number.split("-")
    return prefix, int(year), int(serial)


def test_concurrent_creates_take_consecutive_numbers(purchasing, app):
    body = {"supplier_id": purchasing.supplier()["id"], "lines": [purchasing.line()]}
    start = threading.Barrier(CREATES)
    answers = []

    def create():
        client = app.test_client()
        start.wait()
        response = client.post("/purchase-orders", json=body, headers=purchasing.buyer)
        answers.append((response.status_code, response.json["number"]))

    threads = [threading.Thread(target=create) for _ in range(CREATES)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [status for status, _ in answers] == [201] * CREATES
    serials = sorted(sequence_of(number)[2] for _, number in answers)
    assert serials == list(range(serials[0], serials[0] + CREATES))


def test_a_refused_create_does_not_use_up_a_number(purchasing, client):
    supplier = purchasing.supplier()
    before = purchasing.draft(supplier=supplier)["number"]
    refused = client.post("/purchase-orders", headers=purchasing.buyer,
                          json={"supplier_id": supplier["id"], "lines": [purchasing.line(uuid.uuid4())]})
    assert refused.status_code == 422
    after = purchasing.draft(supplier=supplier)["number"]
    prefix, year, serial = sequence_of(before)
    assert sequence_of(after) == (prefix, year, serial + 1)
