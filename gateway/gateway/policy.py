"""Which roles may call which routes, as data: a list of rules evaluated first match wins.

A path is what follows `/api/<service>`, e.g. `/purchase-orders/42/receipts`. An exception to the general
rules goes before them, for example letting the warehouse book receipts in procurement:
`Rule("procurement", {"POST"}, r"/purchase-orders/[^/]+/receipts", {"warehouse", "purchasing"})`.
`admin` passes every rule (erp_shared.web.auth.Principal.has_any); a request no rule matches is refused.
The services check roles again themselves; this is the first gate, not the only one.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable, Sequence

from erp_shared.web.auth import ROLES, AuthError, Principal

ANY_SERVICE = "*"
READS = frozenset({"GET", "HEAD"})
WRITES = frozenset({"POST", "PUT", "PATCH", "DELETE"})
SIGNED_IN = frozenset(ROLES)  # any role at all, viewer included; an account without roles reads nothing

WRITERS = {
    "procurement": "purchasing",
    "inventory": "warehouse",
    "sales": "sales",
    "manufacturing": "production",
    "finance": "accounting",
    "hr": "hr",
}


@dataclass(frozen=True)
class Rule:
    service: str
    methods: frozenset[str]
    path: str
    roles: frozenset[str]
    _pattern: re.Pattern = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        unknown = set(self.roles) - set(ROLES)
        if unknown:
            raise ValueError(f"rule {self.path!r} names unknown roles {sorted(unknown)}")
        object.__setattr__(self, "methods", frozenset(m.upper() for m in self.methods))
        object.__setattr__(self, "roles", frozenset(self.roles))
        object.__setattr__(self, "_pattern", re.compile(self.path))

    def matches(self, service: str, method: str, path: str) -> bool:
        return (self.service in (ANY_SERVICE, service) and method.upper() in self.methods
                and self._pattern.fullmatch(path) is not None)


# Business flows cross departments. Procure to pay: the warehouse books what arrives against a purchasing
# document, and accounts payable enters and settles supplier invoices; policy settings are for admins only.
CROSS_ROLE_RULES: tuple[Rule, ...] = (
    Rule("procurement", {"POST"}, r"/purchase-orders/[^/]+/receipts", {"warehouse", "purchasing"}),
    Rule("procurement", {"POST"}, r"/supplier-invoices(/[^/]+/(approve|reject))?", {"accounting", "purchasing"}),
    Rule("procurement", {"POST"}, r"/supplier-payments", {"accounting"}),
    Rule("procurement", {"PUT"}, r"/settings", {"admin"}),
    # Order to cash: the warehouse ships what sales sold and books what comes back; a credit hold is lifted by someone outside sales; cash
    # received is recorded by accounts receivable; invoices are raised by sales or accounting.
    Rule("sales", {"POST"}, r"/sales-orders/[^/]+/deliveries", {"warehouse", "sales"}),
    Rule("sales", {"POST"}, r"/deliveries/[^/]+/returns", {"warehouse", "sales"}),
    Rule("sales", {"POST"}, r"/sales-orders/[^/]+/release-credit", {"accounting"}),
    Rule("sales", {"POST"}, r"/sales-orders/[^/]+/invoices", {"sales", "accounting"}),
    Rule("sales", {"POST"}, r"/customer-payments", {"accounting"}),
    # Any department asks the warehouse for material for its own use, and may withdraw its request; approving,
    # rejecting, issuing and taking back unused material stay with the warehouse.
    Rule("inventory", {"POST"}, r"/material-requisitions(/[^/]+/cancel)?",
         {"warehouse", "production", "purchasing", "sales", "hr", "accounting"}),
)

RULES: tuple[Rule, ...] = (
    Rule(ANY_SERVICE, READS | WRITES, r"/admin(/.*)?", {"admin"}),
    Rule(ANY_SERVICE, READS, r"/.*", SIGNED_IN),
    *CROSS_ROLE_RULES,
    *(Rule(service, WRITES, r"/.*", {role}) for service, role in WRITERS.items()),
)


class Policy:
    def __init__(self, rules: Sequence[Rule] = RULES):
        self.rules = tuple(rules)

    def rule_for(self, service: str, method: str, path: str) -> Rule | None:
        return next((rule for rule in self.rules if rule.matches(service, method, path)), None)

    def authorize(self, principal: Principal, service: str, method: str, path: str) -> None:
        """Raise a 403 naming the roles that would have been allowed."""
        rule = self.rule_for(service, method, path)
        route = f"{method.upper()} /api/{service}{path}"
        if rule is None:
            raise AuthError(403, f"{route} is not open to any role")
        if not principal.has_any(rule.roles):
            raise AuthError(403, f"{route} needs one of the roles: {describe(rule.roles)}")


def describe(roles: Iterable[str]) -> str:
    return ", ".join(sorted(set(roles) | {"admin"}))
