"""The stock-to-GL reconciliation's rules: what an entry put on the inventory account, and why a document's
ledger value and GL amount differ."""
from decimal import Decimal as D

import pytest

from inventory.reconciling import (AMOUNTS_DIFFER, BALANCED, DIFFERENCES, GL_ONLY, NOT_POSTED, DocumentFigures,
                                   amount_on_account, explain, inventory_account, reason, status)


def line(account, debit="0", credit="0"):
    return {"account_code": account, "debit": D(debit), "credit": D(credit)}


def test_an_entrys_amount_is_its_net_debit_on_the_inventory_account_only():
    receipt = [line("1200", debit="125.50"), line("2100", credit="125.50")]
    delivery = [line("5000", debit="8.57"), line("1200", credit="8.57")]
    both_ways = [line("1200", debit="10.00"), line("1200", credit="3.25"), line("5000", credit="6.75")]
    assert amount_on_account(receipt, "1200") == D("125.50")
    assert amount_on_account(delivery, "1200") == D("-8.57")
    assert amount_on_account(both_ways, "1200") == D("6.75")
    assert str(amount_on_account([line("1200", debit="5"), line("2100", credit="5")], "1200")) == "5.00"


def test_an_entry_not_touching_the_account_has_no_amount():
    invoice = [line("1100", debit="113.00"), line("4000", credit="100.00"), line("2200", credit="13.00")]
    assert amount_on_account(invoice, "1200") is None
    assert amount_on_account([line("1200", debit="1"), line("2100", credit="1")], "1210") is None


def test_the_account_comes_from_the_setting_with_1200_by_default():
    assert inventory_account({}) == "1200"
    assert inventory_account({"ERP_INVENTORY_ACCOUNT_CODE": ""}) == "1200"
    assert inventory_account({"ERP_INVENTORY_ACCOUNT_CODE": "1310"}) == "1310"
    with pytest.raises(ValueError, match="ERP_INVENTORY_ACCOUNT_CODE"):
        inventory_account({"ERP_INVENTORY_ACCOUNT_CODE": "12 00"})


@pytest.mark.parametrize("ledger, gl, expected", [
    ("100.00", None, NOT_POSTED),             # finance has not consumed the event yet, or dead-lettered it
    (None, "100.00", GL_ONLY),                # inventory refused the receipt finance posted
    ("100.00", "99.99", AMOUNTS_DIFFER),
    ("0.00", "5.00", AMOUNTS_DIFFER),         # rows netting to nothing are still rows
    ("-8.57", None, NOT_POSTED),
])
def test_a_difference_is_explained_by_which_side_has_the_document(ledger, gl, expected):
    figures = DocumentFigures("DOC-1", None if ledger is None else D(ledger), None if gl is None else D(gl))
    assert figures.difference == (D(ledger or 0) - D(gl or 0))
    assert explain(figures) == expected


def test_documents_that_agree_need_no_explanation():
    assert explain(DocumentFigures("GRN-1", D("10.00"), D("10.00"))) is None
    assert explain(DocumentFigures("TR-1", D("0.00"), None)) is None      # a transfer nets to zero
    with pytest.raises(ValueError):
        reason(False, False)


def test_balanced_only_with_no_difference_and_nothing_to_explain():
    assert status([D("0.00"), D("0.00"), D("0.00")], 0) == BALANCED
    assert status([D("0.00"), D("0.00"), D("0.00")], 2) == DIFFERENCES     # differences that offset
    assert status([D("0.01"), D("0.00"), D("0.01")], 0) == DIFFERENCES     # the opening differs
