"""Request fields for exact amounts and quantities: decimal strings in and out, never floats.

A value with more decimals than its column keeps would be rounded silently by PostgreSQL while the response
and the event kept the unrounded one, so such a value is refused instead.
"""
from __future__ import annotations

from decimal import Decimal

from marshmallow import ValidationError, fields, validate

LIMIT = Decimal("1e14")
QUANTITY_PLACES = 4
MONEY_PLACES = 2


class ExactDecimal(fields.Decimal):
    def __init__(self, *, max_places: int, fixed: bool = False, **kwargs):
        super().__init__(as_string=True, allow_nan=False, **kwargs)
        self.max_places = max_places
        self.fixed = fixed

    def _deserialize(self, value, attr, data, **kwargs):
        number = super()._deserialize(value, attr, data, **kwargs)
        step = Decimal(1).scaleb(-self.max_places)
        if number != number.quantize(step):
            raise ValidationError(f"use at most {self.max_places} decimal places")
        return number.quantize(step) if self.fixed else number


def quantity(*, required: bool = True, minimum: Decimal = Decimal(0), places: int = QUANTITY_PLACES,
             **kwargs) -> ExactDecimal:
    return ExactDecimal(max_places=places, required=required,
                        validate=validate.Range(min=minimum, max=LIMIT), **kwargs)


def money(*, required: bool = True, minimum: Decimal | None = Decimal(0), places: int = MONEY_PLACES,
          **kwargs) -> ExactDecimal:
    """Amounts are written to the cent ("30000.00") wherever they appear: response, read-back, event."""
    return ExactDecimal(max_places=places, fixed=True, required=required,
                        validate=validate.Range(min=minimum if minimum is not None else -LIMIT, max=LIMIT),
                        **kwargs)


def code(**kwargs) -> fields.String:
    """Business codes: short, printable, no spaces at the ends (they are what people type to find a record)."""
    return fields.String(validate=[validate.Length(min=1, max=40),
                                   validate.Regexp(r"^[A-Za-z0-9][A-Za-z0-9._/-]*\Z",
                                                   error="use letters, digits, '.', '_', '/' or '-'")], **kwargs)


def name(**kwargs) -> fields.String:
    return fields.String(validate=[validate.Length(min=1, max=200),
                                   validate.Regexp(r"^\S(.*\S)?\Z", error="must not be blank or padded")], **kwargs)
