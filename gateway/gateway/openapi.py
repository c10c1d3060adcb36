"""One OpenAPI document for the whole system, merged from the gateway's own and every service's.

Each service's paths move under `/api/<service>`; its component names, tags and operation ids get the
service's name in front (`ItemOut` -> `Inventory.ItemOut`), and every `$ref` follows, so two services may
both have an `Error` schema. Security schemes are shared (every service takes the gateway's bearer token).
"""
from __future__ import annotations

import copy
from typing import Any, Mapping

HTTP_METHODS = frozenset({"get", "put", "post", "delete", "options", "head", "patch", "trace"})
SHARED_COMPONENTS = frozenset({"securitySchemes"})
UNAVAILABLE_KEY = "x-unavailable"


def service_label(service: str) -> str:
    return service.capitalize()


def prefixed(service: str, name: str) -> str:
    return f"{service_label(service)}.{name}"


def _ref_target(ref: str, service: str) -> str:
    """`#/components/<kind>/<Name>` -> `#/components/<kind>/<Service>.<Name>`; other refs are left alone."""
    parts = ref.split("/", 3)
    if len(parts) == 4 and parts[0] == "#" and parts[1] == "components" and parts[2] not in SHARED_COMPONENTS:
        return f"#/components/{parts[2]}/{prefixed(service, parts[3])}"
    return ref


def rewrite_refs(node: Any, service: str) -> Any:
    """A copy of `node` with every reference into the components renamed, discriminator mappings included."""
    if isinstance(node, list):
        return [rewrite_refs(item, service) for item in node]
    if not isinstance(node, dict):
        return node
    rewritten = {}
    for key, value in node.items():
        if key == "$ref" and isinstance(value, str):
            rewritten[key] = _ref_target(value, service)
        elif key == "discriminator" and isinstance(value, dict) and isinstance(value.get("mapping"), dict):
            mapping = {tag: _ref_target(target, service) if target.startswith("#") else prefixed(service, target)
                       for tag, target in value["mapping"].items()}
            rewritten[key] = {**rewrite_refs(value, service), "mapping": mapping}
        else:
            rewritten[key] = rewrite_refs(value, service)
    return rewritten


def _prefixed_operation(operation: dict, service: str) -> dict:
    operation = dict(operation)
    if "tags" in operation:
        operation["tags"] = [prefixed(service, tag) for tag in operation["tags"]]
    if "operationId" in operation:
        operation["operationId"] = f"{service}_{operation['operationId']}"
    return operation


def prefix_document(service: str, document: Mapping) -> dict:
    """The service's document as it appears through the gateway."""
    document = rewrite_refs(document, service)
    paths = {}
    for path, item in (document.get("paths") or {}).items():
        paths[f"/api/{service}{path}"] = {
            key: _prefixed_operation(value, service) if key in HTTP_METHODS else value for key, value in item.items()}
    components = {kind: entries if kind in SHARED_COMPONENTS
                  else {prefixed(service, name): value for name, value in entries.items()}
                  for kind, entries in (document.get("components") or {}).items()}
    tags = [{**tag, "name": prefixed(service, tag["name"])} for tag in document.get("tags") or []]
    return {"paths": paths, "components": components, "tags": tags}


def merge_documents(own: Mapping, upstream_documents: Mapping[str, Mapping | None]) -> dict:
    """`upstream_documents[service]` is None for a service that could not be reached: it is listed under
    `x-unavailable` so a reader knows the document is incomplete rather than the API smaller."""
    merged = copy.deepcopy(dict(own))
    paths = merged.setdefault("paths", {})
    components = merged.setdefault("components", {})
    tags = merged.setdefault("tags", [])
    unavailable = []
    for service, document in upstream_documents.items():
        if document is None:
            unavailable.append(service)
            continue
        part = prefix_document(service, document)
        paths.update(part["paths"])
        for kind, entries in part["components"].items():
            target = components.setdefault(kind, {})
            if kind in SHARED_COMPONENTS:
                for name, value in entries.items():
                    target.setdefault(name, value)
            else:
                target.update(entries)
        tags.extend(part["tags"])
    merged[UNAVAILABLE_KEY] = sorted(unavailable)
    return merged
