"""Request fields for exact amounts and quantities: decimal strings in and out, never floats."""
from __future__ import annotations

from decimal import Decimal

from marshmallow import fields, validate

LIMIT = Decimal("1e14")


def quantity(*, required: bool = True, minimum: Decimal = Decimal(0), **kwargs) -> fields.Decimal:
    return fields.Decimal(as_string=True, required=required, allow_nan=False, places=None,
                          validate=validate.Range(min=minimum, max=LIMIT), **kwargs)


def money(*, required: bool = True, minimum: Decimal | None = Decimal(0), **kwargs) -> fields.Decimal:
    return fields.Decimal(as_string=True, required=required, allow_nan=False,
                          validate=validate.Range(min=minimum if minimum is not None else -LIMIT, max=LIMIT),
                          **kwargs)


def code(**kwargs) -> fields.String:
    """Business codes: short, printable, no spaces at the ends (they are what people type to find a record)."""
    return fields.String(validate=[validate.Length(min=1, max=40),
                                   validate.Regexp(r"^[A-Za-z0-9][A-Za-z0-9._/-]*$",
                                                   error="use letters, digits, '.', '_', '/' or '-'")], **kwargs)


def name(**kwargs) -> fields.String:
    return fields.String(validate=[validate.Length(min=1, max=200),
                                   validate.Regexp(r"^\S(.*\S)?$", error="must not be blank or padded")], **kwargs)
