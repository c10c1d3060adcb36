import copy

from gateway.openapi import merge_documents, prefix_document, rewrite_refs

OWN = {
    "openapi": "3.0.3",
    "info": {"title": "ERP API", "version": "v1"},
    "paths": {"/api/auth/token": {"post": {
        "tags": ["tokens"], "security": [],
        "responses": {"default": {"$ref": "#/components/responses/DEFAULT_ERROR"}}}}},
    "components": {"schemas": {"Error": {"type": "object"}},
                   "responses": {"DEFAULT_ERROR": {"description": "error", "content": {"application/json": {
                       "schema": {"$ref": "#/components/schemas/Error"}}}}},
                   "securitySchemes": {"bearerAuth": {"type": "http", "scheme": "bearer"}}},
    "tags": [{"name": "tokens"}],
    "security": [{"bearerAuth": []}],
}


def service_document(model: str) -> dict:
    return {
        "openapi": "3.0.3",
        "tags": [{"name": "things", "description": "Things"}],
        "paths": {
            "/things": {
                "parameters": [{"$ref": "#/components/parameters/Page"}],
                "get": {"tags": ["things"], "operationId": "listThings", "responses": {
                    "200": {"description": "OK", "content": {"application/json": {"schema": {
                        "type": "array", "items": {"$ref": f"#/components/schemas/{model}"}}}},
                        "headers": {"X-Pagination": {"$ref": "#/components/headers/PAGINATION"}}},
                    "default": {"$ref": "#/components/responses/DEFAULT_ERROR"}}},
            },
        },
        "components": {
            "schemas": {model: {"type": "object", "properties": {
                "kind": {"type": "string"},
                "shape": {"oneOf": [{"$ref": "#/components/schemas/Circle"}],
                          "discriminator": {"propertyName": "kind",
                                            "mapping": {"circle": "#/components/schemas/Circle", "dot": "Circle"}}},
                "external": {"$ref": "common.yaml#/Money"}}},
                "Circle": {"type": "object"}, "Error": {"type": "object"}},
            "parameters": {"Page": {"in": "query", "name": "page", "schema": {"type": "integer"}}},
            "headers": {"PAGINATION": {"schema": {"type": "string"}}},
            "responses": {"DEFAULT_ERROR": {"description": "error", "content": {"application/json": {
                "schema": {"$ref": "#/components/schemas/Error"}}}}},
            "securitySchemes": {"bearerAuth": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"}},
        },
        "security": [{"bearerAuth": []}],
    }


def all_refs(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str):
                yield value
            else:
                yield from all_refs(value)
    elif isinstance(node, list):
        for item in node:
            yield from all_refs(item)


def resolve(document: dict, ref: str):
    node = document
    for part in ref.removeprefix("#/").split("/"):
        node = node[part.replace("~1", "/").replace("~0", "~")]
    return node


def test_paths_move_under_the_service_and_refs_follow_the_renamed_components():
    part = prefix_document("inventory", service_document("ItemOut"))
    assert list(part["paths"]) == ["/api/inventory/things"]
    get = part["paths"]["/api/inventory/things"]["get"]
    assert get["responses"]["200"]["content"]["application/json"]["schema"]["items"]["$ref"] == \
        "#/components/schemas/Inventory.ItemOut"
    assert get["responses"]["default"]["$ref"] == "#/components/responses/Inventory.DEFAULT_ERROR"
    assert get["responses"]["200"]["headers"]["X-Pagination"]["$ref"] == "#/components/headers/Inventory.PAGINATION"
    assert part["paths"]["/api/inventory/things"]["parameters"][0]["$ref"] == "#/components/parameters/Inventory.Page"
    assert get["tags"] == ["Inventory.things"] and get["operationId"] == "inventory_listThings"
    assert part["tags"] == [{"name": "Inventory.things", "description": "Things"}]
    assert set(part["components"]["schemas"]) == {"Inventory.ItemOut", "Inventory.Circle", "Inventory.Error"}
    assert set(part["components"]["securitySchemes"]) == {"bearerAuth"}


def test_discriminator_mappings_are_renamed_and_external_refs_left_alone():
    schema = prefix_document("sales", service_document("OrderOut"))["components"]["schemas"]["Sales.OrderOut"]
    shape = schema["properties"]["shape"]
    assert shape["discriminator"]["mapping"] == {"circle": "#/components/schemas/Sales.Circle", "dot": "Sales.Circle"}
    assert shape["oneOf"][0]["$ref"] == "#/components/schemas/Sales.Circle"
    assert schema["properties"]["external"]["$ref"] == "common.yaml#/Money"


def test_rewriting_does_not_touch_its_input():
    document = service_document("ItemOut")
    before = copy.deepcopy(document)
    rewrite_refs(document, "inventory")
    prefix_document("inventory", document)
    assert document == before


def test_merged_document_keeps_every_service_apart_and_every_ref_resolves():
    own_before = copy.deepcopy(OWN)
    merged = merge_documents(OWN, {"inventory": service_document("ItemOut"), "sales": service_document("OrderOut"),
                                   "finance": None, "hr": None})
    assert OWN == own_before
    assert set(merged["paths"]) == {"/api/auth/token", "/api/inventory/things", "/api/sales/things"}
    schemas = merged["components"]["schemas"]
    assert {"Error", "Inventory.Error", "Sales.Error", "Inventory.ItemOut", "Sales.OrderOut"} <= set(schemas)
    assert merged["components"]["securitySchemes"] == OWN["components"]["securitySchemes"]
    assert [tag["name"] for tag in merged["tags"]] == ["tokens", "Inventory.things", "Sales.things"]
    assert merged["x-unavailable"] == ["finance", "hr"]
    assert merged["security"] == [{"bearerAuth": []}]
    refs = [ref for ref in all_refs(merged) if ref.startswith("#/")]
    assert len(refs) > 10
    for ref in refs:
        resolve(merged, ref)


def test_with_every_service_up_nothing_is_listed_unavailable():
    merged = merge_documents(OWN, {"inventory": service_document("ItemOut")})
    assert merged["x-unavailable"] == []
