"""The web console served at `/` from its built files, next to an `/api` that behaves as before."""
import re

import pytest

from erp_shared.testing.tokens import TokenFactory

from gateway.app import create_app
from gateway.console import BUILD_HINT, NONCE_PLACEHOLDER

KEYS = TokenFactory()
NOWHERE = "http://127.0.0.1:9"
INDEX = (f'<!doctype html><html><head><meta property="csp-nonce" nonce="{NONCE_PLACEHOLDER}">'
         f'<script type="module" src="/assets/index-abc123.js" nonce="{NONCE_PLACEHOLDER}"></script></head>'
         '<body><div id="root"></div></body></html>')


def gateway(console_dir):
    """No database or service is contacted by these requests: engines connect lazily."""
    return create_app({"database_url": "postgresql+psycopg://nobody@127.0.0.1:9/nowhere",
                       "jwt_private_key": KEYS.private_pem, "jwt_issuer": KEYS.issuer, "jwt_audience": KEYS.audience,
                       "upstreams": {"inventory": NOWHERE}, "console_dir": str(console_dir),
                       "connect_timeout": 0.5, "read_timeout": 0.5})


@pytest.fixture()
def dist(tmp_path):
    (tmp_path / "index.html").write_text(INDEX)
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets/index-abc123.js").write_text("console.log('erp')")
    (tmp_path / "favicon.svg").write_text("<svg/>")
    return tmp_path


@pytest.fixture()
def client(dist):
    return gateway(dist).test_client()


def nonce_of(response) -> str:
    policy = response.headers["Content-Security-Policy"]
    return re.search(r"'nonce-([^']+)'", policy).group(1)


def test_the_root_and_every_app_route_get_the_page_never_cached(client):
    for path in ("/", "/procurement/purchase-orders?status=draft&page=2", "/sign-in", "/a/b/c"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert response.mimetype == "text/html"
        assert response.headers["Cache-Control"] == "no-cache"
        assert '<div id="root">' in response.get_data(as_text=True)


def test_the_page_runs_under_a_same_origin_policy_with_a_fresh_nonce_each_time(client):
    first, second = client.get("/"), client.get("/")
    policy = first.headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "connect-src 'self'" in policy and "object-src 'none'" in policy
    assert "frame-ancestors 'none'" in policy and "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy
    assert "http:" not in policy and "https:" not in policy
    nonce = nonce_of(first)
    html = first.get_data(as_text=True)
    assert NONCE_PLACEHOLDER not in html and html.count(f'nonce="{nonce}"') == 2
    assert nonce_of(second) != nonce
    assert first.headers["X-Content-Type-Options"] == "nosniff"


def test_hashed_assets_are_cached_for_a_year_and_other_files_are_revalidated(client):
    asset = client.get("/assets/index-abc123.js")
    assert asset.status_code == 200 and "javascript" in asset.mimetype
    assert asset.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert asset.get_data(as_text=True) == "console.log('erp')"
    icon = client.get("/favicon.svg")
    assert icon.status_code == 200 and icon.headers["Cache-Control"] == "no-cache"
    assert "Content-Security-Policy" in icon.headers


def test_a_missing_asset_is_a_404_not_the_page(client):
    """A stale tab asking for last build's chunk must fail loudly, not get HTML as JavaScript."""
    response = client.get("/assets/index-old999.js")
    assert response.status_code == 404 and response.mimetype == "application/problem+json"


def test_paths_cannot_climb_out_of_the_build(client):
    for path in ("/../../etc/passwd", "/assets/../../secret", "/%2e%2e/%2e%2e/etc/passwd"):
        response = client.get(path)
        assert response.status_code in (200, 404), path
        assert "root:" not in response.get_data(as_text=True)


def test_the_api_keeps_its_own_answers(client):
    """The app's fallback must not swallow /api: an unknown route there is still the API's 404 or 405."""
    assert client.get("/api/auth/token").status_code == 404  # only POST exists; GET falls to the proxy's 404
    assert client.get("/api/nope/x").json["title"] == "Not found"
    assert client.get("/api").status_code == 404
    assert client.get("/api").mimetype == "application/problem+json"
    assert client.get("/api/inventory/items").status_code == 401  # the proxy, asking for a token
    signed_in = client.post("/api/auth/token", json={})
    assert signed_in.status_code == 422 and signed_in.json["errors"].keys() >= {"username", "password"}
    assert client.get("/health").json == {"status": "ok", "service": "gateway"}
    assert client.post("/").status_code == 405


def test_without_a_build_the_root_says_how_to_make_one(tmp_path):
    client = gateway(tmp_path / "dist").test_client()
    for path in ("/", "/inventory/items"):
        response = client.get(path)
        assert response.status_code == 503
        assert response.mimetype == "application/problem+json"
        assert response.json["detail"] == BUILD_HINT and "make console" in BUILD_HINT
    assert client.get("/health").status_code == 200
