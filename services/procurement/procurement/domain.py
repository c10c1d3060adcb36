"""Procurement's rules that need no database."""
from __future__ import annotations

BANK_FIELDS = ("bank_account_name", "bank_iban", "bank_bic")
BANK_DETAIL_ROLES = ("accounting", "purchasing")


def may_see_bank_details(principal) -> bool:
    """Changed bank details are how supplier-payment fraud works, so only those who buy or pay see them."""
    return principal.has_any(BANK_DETAIL_ROLES)


def redact_bank_details(supplier: dict, principal) -> dict:
    """A supplier as `principal` may see it: without the bank fields unless their role needs them."""
    if may_see_bank_details(principal):
        return supplier
    return {field: value for field, value in supplier.items() if field not in BANK_FIELDS}
