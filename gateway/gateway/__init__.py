"""The ERP API gateway: identity, tokens, role policy, routing to the services and their merged OpenAPI."""

SERVICE = "gateway"
