import { describe, expect, it } from "vitest";
import { initialInvoiceRows, invoiceLineBody, invoiceProblems, invoiceRowAmount, invoiceTotal, plainDecimal, priceDifference } from "./invoiceLines";

describe("a supplier invoice against a PO", () => {
  it("starts from what was accepted and not yet invoiced, at the PO price", () => {
    const rows = initialInvoiceRows([
      { id: "a", quantity: "10.0000", quantity_accepted: "6.0000", quantity_invoiced: "2.5000", unit_price: "12.3400" },
      { id: "b", quantity: "5.0000", quantity_accepted: "5.0000", quantity_invoiced: "5.0000", unit_price: "1.0000" },
    ]);
    expect(rows).toEqual([
      { poLineId: "a", quantity: "3.5", unitPrice: "12.34" },
      { poLineId: "b", quantity: "", unitPrice: "1" },
    ]);
    expect(plainDecimal("100.0000")).toBe("100");
  });

  it("comes to what payables will book, line by line", () => {
    const rows = [
      { poLineId: "a", quantity: "3", unitPrice: "0.335" },
      { poLineId: "b", quantity: "2.5", unitPrice: "19.99" },
      { poLineId: "c", quantity: "", unitPrice: "5" },
    ];
    expect(invoiceRowAmount(rows[0])).toBe("1.01");
    expect(invoiceTotal(rows)).toBe("50.99");
    expect(priceDifference({ poLineId: "a", quantity: "1", unitPrice: "10.2" }, "10.0000")).toBe("0.2000");
    expect(invoiceProblems([{ poLineId: "a", quantity: "0", unitPrice: "-1" }, rows[2]])).toEqual({ "lines.0.quantity": "notPositive", "lines.0.unit_price": "negative" });
    expect(invoiceLineBody({ poLineId: "a", quantity: " 3 ", unitPrice: "0.3350" })).toEqual({ po_line_id: "a", quantity: "3", unit_price: "0.3350" });
  });
});
