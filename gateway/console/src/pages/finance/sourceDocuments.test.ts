import { describe, expect, it } from "vitest";
import { relatedDocuments, type EntryLike } from "./sourceDocuments";

const base: EntryLike = { kind: "goods_receipt", source_document: "GRN-2026-000005", description: "", customer_id: null, supplier_id: null, lines: [] };

describe("where a journal entry leads", () => {
  it("a goods receipt: its entries, the purchase order it names (once), the supplier's ledger", () => {
    const entry = {
      ...base,
      description: "Goods received GRN-2026-000005 on PO-2026-000005",
      supplier_id: "s-1",
      lines: [{ memo: "stock accepted on PO-2026-000005" }, { memo: null }],
    };
    expect(relatedDocuments(entry)).toEqual([
      { kind: "entries", sourceDocument: "GRN-2026-000005" },
      { kind: "purchaseOrder", number: "PO-2026-000005" },
      { kind: "supplierLedger", supplierId: "s-1" },
    ]);
  });

  it("a customer invoice: the sales order is looked up from the invoice, and the customer's ledger", () => {
    const entry = { ...base, kind: "customer_invoice", source_document: "INV-2026-001197", description: "Customer invoice INV-2026-001197, due 2027-01-01", customer_id: "c-1" };
    expect(relatedDocuments(entry)).toEqual([
      { kind: "entries", sourceDocument: "INV-2026-001197" },
      { kind: "customerInvoice", number: "INV-2026-001197", customerId: "c-1" },
      { kind: "customerLedger", customerId: "c-1" },
    ]);
  });

  it("a count adjustment: the count sheet by its number", () => {
    const entry = { ...base, kind: "count_adjustment", source_document: "CC-2026-000002", description: "Stock count CC-2026-000002: found 1 more and 0 less than the books" };
    expect(relatedDocuments(entry)).toEqual([
      { kind: "entries", sourceDocument: "CC-2026-000002" },
      { kind: "cycleCount", number: "CC-2026-000002" },
    ]);
  });
});
