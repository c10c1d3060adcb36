/**
 * Where a journal entry leads: every entry of its source document, the purchase order its description or
 * memos name, the customer's or supplier's ledger, for a customer invoice the sales order (found from the
 * invoice) and for a count adjustment the count sheet. Finance keeps only the document's number, so the links
 * are by number where the console has a list that searches by it.
 */

export interface EntryLike {
  kind: string;
  source_document: string;
  description: string;
  customer_id: string | null;
  supplier_id: string | null;
  lines: readonly { memo: string | null }[];
}

export type Related =
  | { kind: "entries"; sourceDocument: string }
  | { kind: "purchaseOrder"; number: string }
  | { kind: "customerLedger"; customerId: string }
  | { kind: "supplierLedger"; supplierId: string }
  | { kind: "customerInvoice"; number: string; customerId: string }
  | { kind: "cycleCount"; number: string };

const PURCHASE_ORDER = /\bPO-\d{4}-\d+\b/g;

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}

export function relatedDocuments(entry: EntryLike): Related[] {
  const related: Related[] = [{ kind: "entries", sourceDocument: entry.source_document }];
  const texts = [entry.description, ...entry.lines.map((line) => line.memo ?? "")];
  for (const number of unique(texts.flatMap((text) => text.match(PURCHASE_ORDER) ?? []))) related.push({ kind: "purchaseOrder", number });
  if (entry.kind === "customer_invoice" && entry.customer_id) {
    related.push({ kind: "customerInvoice", number: entry.source_document, customerId: entry.customer_id });
  }
  if (entry.kind === "count_adjustment") related.push({ kind: "cycleCount", number: entry.source_document });
  if (entry.customer_id) related.push({ kind: "customerLedger", customerId: entry.customer_id });
  if (entry.supplier_id) related.push({ kind: "supplierLedger", supplierId: entry.supplier_id });
  return related;
}

export const ENTRY_KINDS = [
  "goods_receipt", "supplier_invoice", "supplier_payment", "delivery_cost", "customer_invoice", "credit_note",
  "customer_payment", "return_cost", "material_issue", "material_return", "transfer_loss", "count_adjustment",
] as const;
