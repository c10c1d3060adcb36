from gateway.forwarding import client_response_headers, rewrite_location, upstream_request_headers

BASE = "http://127.0.0.1:8102"


def test_only_the_listed_request_headers_reach_the_service_and_the_request_id_is_set():
    incoming = {"Authorization": "Bearer t", "Content-Type": "application/json", "Accept": "application/json",
                "Idempotency-Key": "k-1", "If-Match": '"3"', "Cookie": "session=1", "Host": "evil",
                "X-Request-ID": "from-client-not-checked", "X-Forwarded-For": "10.0.0.1"}
    assert upstream_request_headers(incoming, "req-12345678") == {
        "Authorization": "Bearer t", "Content-Type": "application/json", "Accept": "application/json",
        "Idempotency-Key": "k-1", "If-Match": '"3"', "X-Request-ID": "req-12345678"}


def test_hop_by_hop_and_reframed_headers_are_dropped_and_repeated_ones_kept():
    upstream = [("Content-Type", "application/json"), ("Content-Length", "12"), ("Connection", "keep-alive, X-Secret"),
                ("Keep-Alive", "timeout=5"), ("Transfer-Encoding", "chunked"), ("X-Secret", "1"),
                ("Link", "<a>; rel=next"), ("Link", "<b>; rel=last"), ("ETag", '"2"'), ("Date", "x"),
                ("Server", "Werkzeug"), ("X-Request-ID", "upstream-id")]
    assert client_response_headers(upstream, service="inventory", upstream_base=BASE) == [
        ("Content-Type", "application/json"), ("Link", "<a>; rel=next"), ("Link", "<b>; rel=last"),
        ("ETag", '"2"')]


def test_locations_point_at_the_gateway_not_at_the_service():
    assert rewrite_location(f"{BASE}/items/1?x=1", service="inventory", upstream_base=BASE) == \
        "/api/inventory/items/1?x=1"
    assert rewrite_location("/items/1", service="inventory", upstream_base=BASE) == "/api/inventory/items/1"
    assert rewrite_location("https://example.com/elsewhere", service="inventory", upstream_base=BASE) == \
        "https://example.com/elsewhere"
    assert rewrite_location("relative/1", service="inventory", upstream_base=BASE) == "relative/1"
    assert rewrite_location("http://inv:80/base/items/1", service="inventory", upstream_base="http://inv:80/base") == \
        "/api/inventory/items/1"
    headers = client_response_headers([("Location", f"{BASE}/items/9")], service="inventory", upstream_base=BASE)
    assert headers == [("Location", "/api/inventory/items/9")]
