"""The merged OpenAPI document and Swagger UI, served without any CDN."""
from swagger_ui_bundle import swagger_ui_path


def test_the_document_merges_the_gateway_and_every_service_that_answers(client):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    document = response.json
    assert {"/api/auth/token", "/api/auth/users", "/api/auth/me"} <= set(document["paths"])
    items = document["paths"]["/api/inventory/items"]
    assert items["get"]["responses"]["200"]["content"]["application/json"]["schema"]["items"]["$ref"] == \
        "#/components/schemas/Inventory.ItemOut"
    assert items["post"]["requestBody"]["content"]["application/json"]["schema"]["$ref"] == \
        "#/components/schemas/Inventory.ItemCreate"
    assert items["get"]["tags"] == ["Inventory.items"]
    schemas = document["components"]["schemas"]
    assert {"Inventory.ItemOut", "Inventory.ItemCreate", "Inventory.Error", "TokenRequest"} <= set(schemas)
    assert "ItemOut" not in schemas
    assert document["paths"]["/api/auth/token"]["post"]["security"] == []
    assert document["security"] == [{"bearerAuth": []}]
    assert document["x-unavailable"] == ["finance", "hr", "manufacturing", "procurement", "sales"]


def test_the_document_is_cached_instead_of_asking_the_services_each_time(client, echo_service):
    client.get("/api/openapi.json")
    fetched = len([call for call in echo_service.calls if call == ("GET", "/openapi.json")])
    for _ in range(3):
        assert client.get("/api/openapi.json").status_code == 200
    assert len([call for call in echo_service.calls if call == ("GET", "/openapi.json")]) == fetched >= 1


def test_swagger_ui_is_served_from_local_files_and_reads_the_merged_document(client):
    assert client.get("/api/docs").status_code == 308
    page = client.get("/api/docs/")
    assert page.status_code == 200 and page.mimetype == "text/html"
    html = page.get_data(as_text=True)
    assert 'url: "/api/openapi.json"' in html
    assert 'src="./swagger-ui-bundle.js"' in html and 'href="./swagger-ui.css"' in html
    assert "http://" not in html and "https://" not in html, "no CDN: every asset is served from /api/docs/"
    script = client.get("/api/docs/swagger-ui-bundle.js")
    assert script.status_code == 200 and "javascript" in script.mimetype
    assert script.data == (swagger_ui_path / "swagger-ui-bundle.js").read_bytes()
    assert client.get("/api/docs/swagger-ui.css").status_code == 200


def test_the_packages_demo_page_pointing_at_the_public_petstore_is_not_served(client):
    assert client.get("/api/docs/index.html").status_code == 404
    assert client.get("/api/docs/swagger-initializer.js").status_code == 404
