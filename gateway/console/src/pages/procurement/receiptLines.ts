/**
 * A goods receipt being entered against a purchase order's lines: received, accepted (the rest is rejected:
 * the service requires received = accepted + rejected), the warehouse and an optional batch. A row with
 * nothing received is not sent. Checks mirror receiving_schemas.py; over-receipt is the service's to judge.
 */
import { compare, subtract, toDecimalString } from "../../decimal/decimal";
import type { WarehouseRef } from "../../documents/draftLines";
import { QUANTITY, readEntry, type EntryProblem } from "../../documents/entry";

export interface ReceiptRow {
  poLineId: string;
  received: string;
  /** Follows `received` until the user types their own accepted quantity. */
  accepted: string;
  acceptedEdited: boolean;
  warehouse: WarehouseRef | null;
  batch: string;
}

export type ReceiptProblem = EntryProblem | "moreThanReceived" | "batchTooLong";

const ACCEPTED = { places: 4, max: QUANTITY.max, required: true };
const BATCH_MAX = 60;

export function isBlankReceipt(row: ReceiptRow): boolean {
  return !row.received.trim();
}

/** The row with a new received quantity; accepted follows it unless the user set it. */
export function withReceived(row: ReceiptRow, received: string): ReceiptRow {
  return { ...row, received, accepted: row.acceptedEdited ? row.accepted : received };
}

export function rejectedOf(row: ReceiptRow): string | null {
  const received = readEntry(row.received, QUANTITY).value;
  const accepted = readEntry(row.accepted, ACCEPTED).value;
  if (received === null || accepted === null) return null;
  return toDecimalString(subtract(received, accepted));
}

export function receiptProblems(rows: readonly ReceiptRow[]): Record<string, ReceiptProblem> {
  const problems: Record<string, ReceiptProblem> = {};
  rows.forEach((row, index) => {
    if (isBlankReceipt(row)) return;
    const received = readEntry(row.received, QUANTITY);
    const accepted = readEntry(row.accepted, ACCEPTED);
    if (received.problem) problems[`lines.${index}.quantity_received`] = received.problem;
    if (accepted.problem) problems[`lines.${index}.quantity_accepted`] = accepted.problem;
    else if (received.value !== null && accepted.value !== null && compare(accepted.value, received.value) > 0) {
      problems[`lines.${index}.quantity_accepted`] = "moreThanReceived";
    }
    if (!row.warehouse) problems[`lines.${index}.warehouse_id`] = "required";
    if (row.batch.trim().length > BATCH_MAX) problems[`lines.${index}.batch_no`] = "batchTooLong";
  });
  return problems;
}

export interface ReceiptLineBody {
  po_line_id: string;
  quantity_received: string;
  quantity_accepted: string;
  quantity_rejected: string;
  warehouse_id: string;
  batch_no: string | null;
}

/** The rows with something received, as request lines (call when `receiptProblems` found nothing). */
export function receiptLineBody(row: ReceiptRow): ReceiptLineBody {
  const received = readEntry(row.received, QUANTITY).value ?? row.received;
  const accepted = readEntry(row.accepted, ACCEPTED).value ?? row.accepted;
  return {
    po_line_id: row.poLineId,
    quantity_received: received,
    quantity_accepted: accepted,
    quantity_rejected: rejectedOf(row) ?? "0",
    warehouse_id: row.warehouse?.id ?? "",
    batch_no: row.batch.trim() || null,
  };
}
