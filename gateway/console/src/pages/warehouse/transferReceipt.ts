/**
 * Receiving a shipped transfer: every line once, with what arrived (0 up to what was shipped). What did not
 * arrive is the line's shortfall, booked by the service as a loss; it is shown per line, exactly, before the
 * receipt is sent, because it cannot be undone.
 */
import { compare, subtract, sum, toDecimalString } from "../../decimal/decimal";
import { LIMIT, plainDecimal, readEntry, type EntryProblem, type EntryRule } from "../../documents/entry";
import type { TransferLine } from "./warehouseDocsApi";

export interface ReceiveRow {
  /** The transfer line. */
  id: string;
  received: string;
}

export type ReceiveProblem = EntryProblem | "moreThanShipped";

/** Zero is a valid answer (nothing arrived); four places like every quantity. */
export const RECEIVED: EntryRule = { places: 4, max: LIMIT, required: true };

/** Every line at what was shipped: the usual case is that everything arrived. */
export function defaultReceiveRows(lines: readonly TransferLine[]): ReceiveRow[] {
  return lines.map((line) => ({ id: line.id ?? "", received: plainDecimal(line.quantity ?? "0") }));
}

/** Shipped less received, or null while the received quantity is not a valid number. */
export function shortfallOf(shipped: string, received: string): string | null {
  const value = readEntry(received, RECEIVED).value;
  if (value === null) return null;
  return toDecimalString(subtract(shipped, value));
}

export function receiveProblems(rows: readonly ReceiveRow[], shippedFor: (id: string) => string): Record<string, ReceiveProblem> {
  const problems: Record<string, ReceiveProblem> = {};
  rows.forEach((row, index) => {
    const entry = readEntry(row.received, RECEIVED);
    if (entry.problem) problems[`lines.${index}.quantity_received`] = entry.problem;
    else if (entry.value !== null && compare(entry.value, shippedFor(row.id)) > 0) problems[`lines.${index}.quantity_received`] = "moreThanShipped";
  });
  return problems;
}

export interface Shortfall {
  id: string;
  shortfall: string;
}

/** The lines that will not arrive in full, with how much is missing (lines still invalid are left out). */
export function shortfalls(rows: readonly ReceiveRow[], shippedFor: (id: string) => string): Shortfall[] {
  return rows.flatMap((row) => {
    const missing = shortfallOf(shippedFor(row.id), row.received);
    return missing !== null && compare(missing, "0") > 0 ? [{ id: row.id, shortfall: missing }] : [];
  });
}

export function shortfallTotal(list: readonly Shortfall[]): string {
  return toDecimalString(sum(list.map((item) => item.shortfall), 4));
}

export function receiveBody(rows: readonly ReceiveRow[]): { lines: { transfer_line_id: string; quantity_received: string }[] } {
  return { lines: rows.map((row) => ({ transfer_line_id: row.id, quantity_received: readEntry(row.received, RECEIVED).value ?? row.received })) };
}
