"""A journal entry before it is posted, and the bookkeeping rules every entry obeys whatever caused it.

An entry is checked when it is built, so no code path can hand an unbalanced or malformed entry to the
database. The checks raise `InvalidJournalEntry`, a permanent event error: the same event would ask for the
same entry on every redelivery, so it goes to the dead-letter queue for a person to look at.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from uuid import UUID

from erp_shared.errors import PermanentEventError

CENT = Decimal("0.01")
ZERO = Decimal("0.00")
KINDS = ("goods_receipt", "supplier_invoice", "supplier_payment",
         "delivery_cost", "customer_invoice", "credit_note", "customer_payment", "return_cost",
         "material_issue", "material_return", "transfer_loss", "count_adjustment")
SOURCE_DOCUMENT_MAX = 64


class InvalidJournalEntry(PermanentEventError):
    """The entry an event asks for breaks a bookkeeping rule; a redelivery would ask for the same entry."""


@dataclass(frozen=True)
class EntryLine:
    """One side of one account; `supplier_id` names the creditor on payables lines, `customer_id` the debtor on
    receivables lines."""
    account_code: str
    debit: Decimal = ZERO
    credit: Decimal = ZERO
    supplier_id: UUID | None = None
    customer_id: UUID | None = None
    memo: str | None = None

    @property
    def is_zero(self) -> bool:
        return self.debit == 0 and self.credit == 0


def debit(account_code: str, amount: Decimal, **details) -> EntryLine:
    return EntryLine(account_code, debit=amount, **details)


def credit(account_code: str, amount: Decimal, **details) -> EntryLine:
    return EntryLine(account_code, credit=amount, **details)


def without_zero_lines(*lines: EntryLine) -> tuple[EntryLine, ...]:
    """A line that moves nothing (a price variance of 0.00) is left out rather than posted empty."""
    return tuple(line for line in lines if not line.is_zero)


@dataclass(frozen=True)
class ProposedEntry:
    kind: str
    source_document: str
    entry_date: date
    description: str
    lines: tuple[EntryLine, ...]
    supplier_id: UUID | None = None
    customer_id: UUID | None = None

    def __post_init__(self):
        if self.kind not in KINDS:
            raise InvalidJournalEntry(f"unknown journal kind {self.kind!r}")
        if not self.source_document or len(self.source_document) > SOURCE_DOCUMENT_MAX:
            raise InvalidJournalEntry(f"a source document number has 1 to {SOURCE_DOCUMENT_MAX} characters, "
                                      f"got {self.source_document!r}")
        if len(self.lines) < 2:
            raise InvalidJournalEntry(f"{self.source_document}: an entry needs at least two lines")
        for number, line in enumerate(self.lines, start=1):
            check_line(line, f"{self.source_document} line {number} ({line.account_code})")
        if self.total_debit != self.total_credit:
            raise InvalidJournalEntry(f"{self.source_document} does not balance: debits {self.total_debit} "
                                      f"≠ credits {self.total_credit}")

    @property
    def total_debit(self) -> Decimal:
        return sum((line.debit for line in self.lines), ZERO)

    @property
    def total_credit(self) -> Decimal:
        return sum((line.credit for line in self.lines), ZERO)

    @property
    def account_codes(self) -> set[str]:
        return {line.account_code for line in self.lines}


def check_line(line: EntryLine, where: str) -> None:
    """Debit and credit are never negative, exactly one of them moves, and both are whole cents: the ledger
    keeps NUMERIC(18,2), and a sub-cent amount rounded there would unbalance the entry unnoticed."""
    for side in ("debit", "credit"):
        amount = getattr(line, side)
        if not amount.is_finite() or amount < 0:
            raise InvalidJournalEntry(f"{where}: {side} {amount} is not a non-negative amount")
        if amount != amount.quantize(CENT):
            raise InvalidJournalEntry(f"{where}: {side} {amount} is not a whole number of cents")
    if (line.debit > 0) == (line.credit > 0):
        raise InvalidJournalEntry(f"{where}: a line is either a debit or a credit, "
                                  f"got debit {line.debit} and credit {line.credit}")


@dataclass(frozen=True)
class SubledgerMovement:
    line_no: int
    party_id: UUID   # the supplier on payables, the customer on receivables
    amount: Decimal  # the open balance moves by this much: + invoice, − payment or credit note


def payables_movements(entry: ProposedEntry, control_account: str) -> list[SubledgerMovement]:
    """What each supplier is owed, mirrored from the payables control account (a credit balance)."""
    return _control_account_movements(entry, control_account, party="supplier", normal_side="credit")


def receivables_movements(entry: ProposedEntry, control_account: str) -> list[SubledgerMovement]:
    """What each customer owes, mirrored from the receivables control account (a debit balance)."""
    return _control_account_movements(entry, control_account, party="customer", normal_side="debit")


def _control_account_movements(entry: ProposedEntry, control_account: str, *, party: str,
                               normal_side: str) -> list[SubledgerMovement]:
    """A subledger mirrors its control account's lines one for one, so their totals cannot drift apart; a
    control-account line that names no party could not be mirrored and is refused."""
    movements = []
    for line_no, line in enumerate(entry.lines, start=1):
        if line.account_code != control_account:
            continue
        party_id = getattr(line, f"{party}_id")
        if party_id is None:
            raise InvalidJournalEntry(f"{entry.source_document} line {line_no}: a line on the control account "
                                      f"{control_account} must name its {party}")
        grows_by = line.debit - line.credit
        movements.append(SubledgerMovement(line_no, party_id, grows_by if normal_side == "debit" else -grows_by))
    return movements
