"""The rules every journal entry obeys, whatever caused it: checked when the entry is built."""
import uuid
from datetime import date
from decimal import Decimal

import pytest

from finance.domain import normal_balance
from finance.journal import (EntryLine, InvalidJournalEntry, ProposedEntry, credit, debit, payables_movements,
                             receivables_movements)

D = Decimal


def entry(*lines, kind="goods_receipt", source_document="GRN-2026-000001"):
    return ProposedEntry(kind=kind, source_document=source_document, entry_date=date(2026, 4, 1),
                         description="test entry", lines=tuple(lines))


def test_a_balanced_entry_is_accepted():
    built = entry(debit("1200", D("100.00")), credit("2100", D("60.00")), credit("5200", D("40.00")))
    assert built.total_debit == built.total_credit == D("100.00")
    assert built.account_codes == {"1200", "2100", "5200"}


def test_an_unbalanced_entry_is_refused():
    with pytest.raises(InvalidJournalEntry, match="does not balance: debits 100.00 ≠ credits 99.99"):
        entry(debit("1200", D("100.00")), credit("2100", D("99.99")))


@pytest.mark.parametrize("line, problem", [
    (EntryLine("1200", debit=D("5.00"), credit=D("5.00")), "either a debit or a credit"),
    (EntryLine("1200"), "either a debit or a credit"),
    (EntryLine("1200", debit=D("-5.00")), "not a non-negative amount"),
    (EntryLine("1200", debit=D("NaN")), "not a non-negative amount"),
    (EntryLine("1200", debit=D("5.001")), "not a whole number of cents"),
])
def test_each_line_moves_exactly_one_side_by_whole_cents(line, problem):
    with pytest.raises(InvalidJournalEntry, match=problem):
        entry(line, credit("2100", D("5.00")))


def test_an_entry_needs_two_lines_a_known_kind_and_a_source_document():
    with pytest.raises(InvalidJournalEntry, match="at least two lines"):
        entry(debit("1200", D("1.00")))
    with pytest.raises(InvalidJournalEntry, match="unknown journal kind"):
        entry(debit("1200", D("1.00")), credit("2100", D("1.00")), kind="customer_refund")
    for number in ("", "X" * 65):
        with pytest.raises(InvalidJournalEntry, match="source document"):
            entry(debit("1200", D("1.00")), credit("2100", D("1.00")), source_document=number)


def test_a_payables_line_without_a_supplier_cannot_reach_the_subledger():
    supplier = uuid.uuid4()
    mirrored = entry(debit("2100", D("9.00")), credit("2000", D("9.00"), supplier_id=supplier),
                     kind="supplier_invoice")
    assert [(m.line_no, m.amount) for m in payables_movements(mirrored, "2000")] == [(2, D("9.00"))]
    orphan = entry(debit("2100", D("9.00")), credit("2000", D("9.00")), kind="supplier_invoice")
    with pytest.raises(InvalidJournalEntry, match="must name its supplier"):
        payables_movements(orphan, "2000")


def test_a_receivables_line_without_a_customer_cannot_reach_the_subledger():
    customer = uuid.uuid4()
    mirrored = entry(debit("1100", D("11.90"), customer_id=customer), credit("4000", D("10.00")),
                     credit("2200", D("1.90")), kind="customer_invoice")
    assert [(m.line_no, m.party_id, m.amount) for m in receivables_movements(mirrored, "1100")] == \
        [(1, customer, D("11.90"))]
    assert payables_movements(mirrored, "2000") == []
    orphan = entry(debit("1000", D("5.00")), credit("1100", D("5.00"), supplier_id=customer),
                   kind="customer_payment")
    with pytest.raises(InvalidJournalEntry, match="line 2: a line on the control account 1100 must name its customer"):
        receivables_movements(orphan, "1100")


@pytest.mark.parametrize("account_type, balance", [
    ("asset", D("70.00")), ("expense", D("70.00")),
    ("liability", D("-70.00")), ("equity", D("-70.00")), ("revenue", D("-70.00")),
])
def test_a_balance_is_read_on_the_side_the_account_normally_carries(account_type, balance):
    assert normal_balance(account_type, D("100.00"), D("30.00")) == balance
