"""The income statement made of a period's balances: revenue and COGS are the sales and COGS accounts alone,
so its gross margin is the one the sales analysis computes; everything else sits below it."""
from datetime import date
from decimal import Decimal

from finance.reports import assemble_income_statement

D = Decimal


def account(code, name, account_type, balance):
    return {"code": code, "name": name, "account_type": account_type, "balance": D(balance)}


PERIOD_BALANCES = [
    account("1100", "Accounts receivable", "asset", "371.00"),
    account("2200", "Sales tax payable", "liability", "171.00"),
    account("4000", "Sales", "revenue", "900.00"),
    account("4100", "Other income", "revenue", "15.00"),
    account("5000", "Cost of goods sold", "expense", "640.00"),
    account("5100", "Inventory adjustments", "expense", "-12.00"),
    account("5200", "Purchase price variance", "expense", "20.00"),
    account("6000", "Salaries", "expense", "150.00"),
]


def test_gross_margin_is_sales_less_cost_of_goods_sold_and_the_rest_comes_below_it():
    statement = assemble_income_statement(PERIOD_BALANCES, date(2026, 1, 1), date(2026, 1, 31))
    assert (statement["revenue_account"], statement["revenue"]) == ("4000", D("900.00"))
    assert (statement["cost_of_goods_sold_account"], statement["cost_of_goods_sold"]) == ("5000", D("640.00"))
    assert statement["gross_margin"] == D("260.00")
    assert statement["other_income"] == [{"code": "4100", "name": "Other income", "amount": D("15.00")}]
    assert [(a["code"], a["amount"]) for a in statement["other_expenses"]] == \
        [("5100", D("-12.00")), ("5200", D("20.00")), ("6000", D("150.00"))]
    assert (statement["total_other_income"], statement["total_other_expenses"]) == (D("15.00"), D("158.00"))
    assert statement["net_result"] == D("117.00"), "260 + 15 − 158: a stock gain lowers the expenses"
    assert (statement["date_from"], statement["date_to"]) == (date(2026, 1, 1), date(2026, 1, 31))


def test_a_period_without_postings_reads_zero_everywhere():
    quiet = [{**a, "balance": D("0.00")} for a in PERIOD_BALANCES]
    statement = assemble_income_statement(quiet, None, None)
    assert statement["revenue"] == statement["cost_of_goods_sold"] == statement["gross_margin"] == \
        statement["net_result"] == D("0.00")


def test_another_chart_names_its_own_sales_and_cogs_accounts():
    statement = assemble_income_statement(PERIOD_BALANCES, None, None, sales="4100", cost_of_goods_sold="5200")
    assert (statement["revenue"], statement["cost_of_goods_sold"], statement["gross_margin"]) == \
        (D("15.00"), D("20.00"), D("-5.00"))
    assert [a["code"] for a in statement["other_income"]] == ["4000"]
    assert [a["code"] for a in statement["other_expenses"]] == ["5000", "5100", "6000"]
