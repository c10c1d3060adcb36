/**
 * A supplier invoice being entered against a purchase order: per PO line the invoiced quantity and the
 * supplier's unit price, the amounts as payables computes them (quantity × price to the cent, half up, then
 * summed), and how the price differs from the PO's. The three-way match itself is the service's answer.
 */
import { compare, subtract, toDecimalString } from "../../decimal/decimal";
import { plainDecimal, PRICE, QUANTITY, readEntry, type EntryProblem } from "../../documents/entry";

export { plainDecimal };
import { purchaseLineAmount, purchaseTotal } from "../../documents/lineMath";
import type { PurchaseOrderLine } from "../../documents/types";

export interface InvoiceRow {
  poLineId: string;
  quantity: string;
  unitPrice: string;
}

/** What is accepted and not yet invoiced on the line, as the first guess of what the supplier bills. */
export function uninvoiced(line: PurchaseOrderLine): string {
  const open = toDecimalString(subtract(line.quantity_accepted ?? "0", line.quantity_invoiced ?? "0"));
  return compare(open, "0") > 0 ? plainDecimal(open) : "";
}

export function initialInvoiceRows(lines: readonly PurchaseOrderLine[]): InvoiceRow[] {
  return lines.map((line) => ({ poLineId: line.id ?? "", quantity: uninvoiced(line), unitPrice: plainDecimal(line.unit_price) }));
}

export const isBlankInvoiceRow = (row: InvoiceRow) => !row.quantity.trim();

export function invoiceRowAmount(row: InvoiceRow): string | null {
  const quantity = readEntry(row.quantity, QUANTITY).value;
  const price = readEntry(row.unitPrice, PRICE).value;
  return quantity !== null && price !== null ? purchaseLineAmount(quantity, price) : null;
}

/** The supplier's price less the PO's (positive: charged more), or null while the price is not a number. */
export function priceDifference(row: InvoiceRow, poPrice: string | undefined): string | null {
  const price = readEntry(row.unitPrice, PRICE).value;
  return price !== null && poPrice ? toDecimalString(subtract(price, poPrice)) : null;
}

export function invoiceTotal(rows: readonly InvoiceRow[]): string {
  return purchaseTotal(rows.filter((row) => !isBlankInvoiceRow(row)).map((row) => invoiceRowAmount(row) ?? "0"));
}

export function invoiceProblems(rows: readonly InvoiceRow[]): Record<string, EntryProblem> {
  const problems: Record<string, EntryProblem> = {};
  rows.forEach((row, index) => {
    if (isBlankInvoiceRow(row)) return;
    const quantity = readEntry(row.quantity, QUANTITY).problem;
    const price = readEntry(row.unitPrice, PRICE).problem;
    if (quantity) problems[`lines.${index}.quantity`] = quantity;
    if (price) problems[`lines.${index}.unit_price`] = price;
  });
  return problems;
}

export function invoiceLineBody(row: InvoiceRow) {
  return {
    po_line_id: row.poLineId,
    quantity: readEntry(row.quantity, QUANTITY).value ?? row.quantity,
    unit_price: readEntry(row.unitPrice, PRICE).value ?? row.unitPrice,
  };
}
