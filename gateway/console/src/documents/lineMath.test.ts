/**
 * The console's line amounts against the services' own functions. The fixture was written by running
 * procurement.ordering_domain.line_amount/order_total and sales.ordering_domain.net_amount/tax_amount/
 * order_totals (Python Decimal, ROUND_HALF_UP) on seeded random documents; the named cases below are the
 * ties and scales where a binary float or a second rounding would be off by a cent.
 */
import { describe, expect, it } from "vitest";
import { purchaseLineAmount, purchaseTotal, salesLineFigures, salesNetAmount, salesTaxAmount, salesTotals } from "./lineMath";
import fixture from "./lineMath.fixture.json";

describe("purchase order lines (procurement's line_amount)", () => {
  it.each([
    ["3", "0.335", "1.01"], // 1.005: a float says 1.00
    ["3", "0.3350", "1.01"],
    ["1", "0.005", "0.01"],
    ["0.0001", "0.0001", "0.00"],
    ["2.5", "0.01", "0.03"],
    ["7", "1.4285", "10.00"],
    ["12.3456", "78.9012", "974.08"],
    ["0.3", "0.1", "0.03"],
    ["0.5", "0.0150", "0.01"],
    ["1", "1234567.8949", "1234567.89"],
    ["99999999.9999", "99999999.9999", "9999999999980000.00"],
  ])("%s × %s = %s", (quantity, price, amount) => {
    expect(purchaseLineAmount(quantity, price)).toBe(amount);
  });

  it("totals the rounded lines", () => {
    expect(purchaseTotal(["1.01", "0.01", "0.00", "0.03", "10.00"])).toBe("11.05");
    expect(purchaseTotal([])).toBe("0.00");
  });

  it("agrees with the service on every seeded document", () => {
    for (const document of fixture.purchase) {
      const amounts = document.lines.map(([quantity, price]) => purchaseLineAmount(quantity, price));
      expect(amounts).toEqual(document.amounts);
      expect(purchaseTotal(amounts)).toBe(document.total);
    }
  });
});

describe("sales lines (sales' net_amount and tax_amount)", () => {
  it.each([
    ["3", "0.335", "0", "0", "1.01", "0.00"],
    ["1", "10", "12.5", "0", "8.75", "0.00"],
    ["1", "0.10", "50", "10", "0.05", "0.01"], // tax 0.005 rounds up
    ["1", "0.05", "0", "10", "0.05", "0.01"],
    ["3", "3.3333", "33.33", "17", "6.67", "1.13"], // one rounding after the discount, not two
    ["7", "19.99", "15", "13", "118.94", "15.46"],
    ["0.0001", "0.0001", "99.99", "99.99", "0.00", "0.00"],
    ["2", "0.125", "0", "0", "0.25", "0.00"],
    ["1", "0.015", "0", "50", "0.02", "0.01"], // tax on the rounded net (0.02), not on 0.015
    ["123.4567", "89.1011", "12.34", "6.5", "9642.71", "626.78"],
    ["1", "100", "100", "13", "0.00", "0.00"],
    ["10", "0.0045", "0", "0", "0.05", "0.00"],
    ["9999", "9999.9999", "0.01", "99.99", "99980000.00", "99970002.00"],
  ])("%s × %s − %s%% + %s%% tax: net %s, tax %s", (quantity, price, discount, rate, net, tax) => {
    expect(salesNetAmount(quantity, price, discount)).toBe(net);
    expect(salesTaxAmount(net, rate)).toBe(tax);
  });

  it("totals net and tax separately, each a sum of rounded lines", () => {
    const lines = [
      salesLineFigures("1", "0.10", "50", "10"),
      salesLineFigures("1", "0.015", "0", "50"),
      salesLineFigures("3", "3.3333", "33.33", "17"),
    ];
    expect(salesTotals(lines)).toEqual({ net: "6.74", tax: "1.15", total: "7.89" });
  });

  it("agrees with the service on every seeded document", () => {
    for (const document of fixture.sales) {
      const figures = document.lines.map(([quantity, price, discount, rate]) => salesLineFigures(quantity, price, discount, rate));
      expect(figures.map((line) => line.net)).toEqual(document.net);
      expect(figures.map((line) => line.tax)).toEqual(document.tax);
      const totals = salesTotals(figures);
      expect([totals.net, totals.tax, totals.total]).toEqual([document.totals.net_total, document.totals.tax_total, document.totals.total_amount]);
    }
  });
});
