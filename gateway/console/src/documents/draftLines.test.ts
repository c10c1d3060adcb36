import { describe, expect, it } from "vitest";
import { ApiError } from "../api/problem";
import {
  blankLine, cellsOf, documentTotals, errorsOnGrid, lineFigures, lineProblems, prepareLines, PURCHASE_COLUMNS, purchaseLineBody,
  SALES_COLUMNS, salesLineBody, type DraftLine,
} from "./draftLines";
import { normaliseNumberText, PERCENT, PRICE, QUANTITY, readEntry } from "./entry";
import { fieldErrorsOf, normaliseFieldPath, splitLineErrors, withoutLineErrors } from "./fieldErrors";

const ITEM = { id: "item-1", code: "BOLT", name: "Bolt" };
const WAREHOUSE = { id: "wh-1", code: "MAIN" };

function line(values: Partial<DraftLine>): DraftLine {
  return { ...blankLine(), ...values };
}

describe("what a user types into a number cell", () => {
  it("is kept as an exact string, normalised", () => {
    expect(readEntry(" 12.5 ", QUANTITY)).toEqual({ value: "12.5", problem: null });
    expect(readEntry("１２．５", QUANTITY)).toEqual({ value: "12.5", problem: null }); // full-width, from an IME
    expect(readEntry("+3", PRICE)).toEqual({ value: "3", problem: null });
    expect(readEntry("1.50000", QUANTITY)).toEqual({ value: "1.5000", problem: null }); // zeros are not places
    expect(normaliseNumberText("1 000")).toBe("1000");
  });

  it("is refused the way the services' schemas refuse it", () => {
    expect(readEntry("", QUANTITY).problem).toBe("required");
    expect(readEntry("", PERCENT)).toEqual({ value: null, problem: null }); // a percentage may stay empty (0)
    expect(readEntry("1,5", QUANTITY).problem).toBe("notANumber");
    expect(readEntry("1e3", PRICE).problem).toBe("notANumber");
    expect(readEntry("0.00001", QUANTITY).problem).toBe("tooManyPlaces");
    expect(readEntry("12.345", PERCENT).problem).toBe("tooManyPlaces");
    expect(readEntry("0", QUANTITY).problem).toBe("notPositive");
    expect(readEntry("0", PRICE)).toEqual({ value: "0", problem: null }); // free goods may be ordered
    expect(readEntry("-1", PRICE).problem).toBe("negative");
    expect(readEntry("100.01", PERCENT).problem).toBe("tooLarge");
    expect(readEntry("100000000000000.0001", QUANTITY).problem).toBe("tooLarge");
  });
});

describe("grid rows", () => {
  it("have the cells of their document, in keyboard order", () => {
    expect(cellsOf(PURCHASE_COLUMNS)).toEqual(["item_id", "quantity", "unit_price"]);
    expect(cellsOf(SALES_COLUMNS)).toEqual(["item_id", "warehouse_id", "quantity", "unit_price", "discount_pct", "tax_rate"]);
  });

  it("carry the warehouse and tax rate of the row above into a new row", () => {
    const next = blankLine(line({ warehouse: WAREHOUSE, taxRate: "13", quantity: "2" }));
    expect(next).toMatchObject({ warehouse: WAREHOUSE, taxRate: "13", quantity: "", item: null });
  });

  it("come to what the services will compute, live, and are left out of totals until priced", () => {
    const purchase = [line({ item: ITEM, quantity: "3", unitPrice: "0.335" }), line({ item: ITEM, quantity: "2.5", unitPrice: "19.99" })];
    expect(lineFigures(purchase[0], PURCHASE_COLUMNS)).toEqual({ net: "1.01", tax: null, total: "1.01" });
    expect(documentTotals(purchase, PURCHASE_COLUMNS)).toEqual({ net: "50.99", tax: null, total: "50.99", complete: true });
    const withUnpriced = [...purchase, line({ item: ITEM, quantity: "1" })];
    expect(documentTotals(withUnpriced, PURCHASE_COLUMNS)).toMatchObject({ total: "50.99", complete: false });
    expect(documentTotals([...purchase, blankLine()], PURCHASE_COLUMNS).complete).toBe(true);

    const sales = [
      line({ item: ITEM, warehouse: WAREHOUSE, quantity: "1", unitPrice: "0.10", discountPct: "50", taxRate: "10" }),
      line({ item: ITEM, warehouse: WAREHOUSE, quantity: "3", unitPrice: "3.3333", discountPct: "33.33", taxRate: "17" }),
      line({ item: ITEM, warehouse: WAREHOUSE, quantity: "1", unitPrice: "0.015", taxRate: "50" }),
    ];
    expect(lineFigures(sales[1], SALES_COLUMNS)).toEqual({ net: "6.67", tax: "1.13", total: "7.80" });
    expect(documentTotals(sales, SALES_COLUMNS)).toEqual({ net: "6.74", tax: "1.15", total: "7.89", complete: true });
  });

  it("name their problems by cell, ignoring blank rows", () => {
    const rows = [line({ item: ITEM, quantity: "0", unitPrice: "x" }), blankLine(), line({ quantity: "1", unitPrice: "1", taxRate: "101" })];
    expect(lineProblems(rows, SALES_COLUMNS)).toEqual({
      "lines.0.warehouse_id": "required",
      "lines.0.quantity": "notPositive",
      "lines.0.unit_price": "notANumber",
      "lines.2.item_id": "required",
      "lines.2.warehouse_id": "required",
      "lines.2.tax_rate": "tooLarge",
    });
  });

  it("are sent without blank rows, and the server's errors come back to the row they are about", () => {
    const rows = [line({ item: ITEM, quantity: "1", unitPrice: "2" }), blankLine(), line({ item: ITEM, quantity: "1.50000", unitPrice: "3" })];
    const prepared = prepareLines(rows, (row) => purchaseLineBody(row, "2026-12-31"));
    expect(prepared.lines).toEqual([
      { item_id: "item-1", quantity: "1", unit_price: "2", expected_date: "2026-12-31" },
      { item_id: "item-1", quantity: "1.5000", unit_price: "3", expected_date: "2026-12-31" },
    ]);
    expect(prepared.gridIndexOf).toEqual([0, 2]);
    expect(errorsOnGrid({ "lines[1].unit_price": ["too large"], "lines.1.item_id": ["inactive"], supplier_id: ["unknown"] }, prepared.gridIndexOf)).toEqual({
      "lines.2.unit_price": ["too large"],
      "lines.2.item_id": ["inactive"],
      supplier_id: ["unknown"],
    });
    expect(salesLineBody(line({ item: ITEM, warehouse: WAREHOUSE, quantity: "2", unitPrice: "5" }))).toEqual({
      item_id: "item-1", warehouse_id: "wh-1", quantity: "2", unit_price: "5", discount_pct: "0", tax_rate: "0",
    });
  });
});

describe("field errors from problem+json", () => {
  it("use one name for a field whether a schema or a rule named it", () => {
    expect(normaliseFieldPath("lines[0].unit_price")).toBe("lines.0.unit_price");
    expect(normaliseFieldPath("lines.3.quantity")).toBe("lines.3.quantity");
    const schema = new ApiError(422, { title: "Validation failed", errors: { lines: { 0: { quantity: ["Not a valid number."] } } } });
    const rule = new ApiError(422, { title: "Business rule violated", errors: { "lines[1].quantity_accepted": ["would over-receive"] } });
    expect(fieldErrorsOf(schema)).toEqual({ "lines.0.quantity": ["Not a valid number."] });
    expect(fieldErrorsOf(rule)).toEqual({ "lines.1.quantity_accepted": ["would over-receive"] });
    expect(fieldErrorsOf(new Error("x"))).toEqual({});
  });

  it("split into cells and the rest", () => {
    const split = splitLineErrors({ "lines.0.quantity": ["a"], "lines.0": ["b"], "lines.2.item_id": ["c"], lines: ["d"], supplier_id: ["e"] });
    expect(split.lines).toEqual({ 0: { quantity: ["a"], _line: ["b"] }, 2: { item_id: ["c"] } });
    expect(split.other).toEqual({ lines: ["d"], supplier_id: ["e"] });
    expect(withoutLineErrors({ "lines.0.quantity": ["a"], lines: ["d"], supplier_id: ["e"] })).toEqual({ lines: ["d"], supplier_id: ["e"] });
  });
});
