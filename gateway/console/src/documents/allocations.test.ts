import { describe, expect, it } from "vitest";
import { prepareLines } from "./draftLines";
import { allocationBody, allocationProblems, allocationTotal, initialAllocations, isBlankAllocation } from "./allocations";

const INVOICES = [
  { id: "i-1", number: "SI-1", openAmount: "100.10" },
  { id: "i-2", number: "SI-2", openAmount: "0.20" },
];

describe("a payment over open invoices", () => {
  it("starts by settling everything open, and adds up exactly", () => {
    const rows = initialAllocations(INVOICES);
    expect(rows).toEqual([{ invoiceId: "i-1", amount: "100.10" }, { invoiceId: "i-2", amount: "0.20" }]);
    expect(allocationTotal(rows)).toBe("100.30");
    expect(allocationTotal([{ invoiceId: "i-1", amount: "0.1" }, { invoiceId: "i-2", amount: "0.2" }])).toBe("0.30");
  });

  it("refuses more than is open, fractions of a cent and nothing at all", () => {
    expect(allocationProblems([{ invoiceId: "i-1", amount: "100.11" }, { invoiceId: "i-2", amount: "0.001" }], INVOICES)).toEqual({
      "allocations.0.amount": "moreThanOpen",
      "allocations.1.amount": "tooManyPlaces",
    });
    expect(allocationProblems([{ invoiceId: "i-1", amount: "0" }, { invoiceId: "i-2", amount: "" }], INVOICES)).toEqual({ "allocations.0.amount": "notPositive" });
  });

  it("sends only the invoices being paid", () => {
    const prepared = prepareLines([{ invoiceId: "i-1", amount: "" }, { invoiceId: "i-2", amount: "0.2" }], allocationBody, isBlankAllocation);
    expect(prepared).toEqual({ lines: [{ invoice_id: "i-2", amount: "0.2" }], gridIndexOf: [1] });
  });
});
