/**
 * Documents that take a quantity from each line of another, up to what is left there: a delivery from an
 * order's reserved quantities, a return from a delivery note, a credit note from an invoice. Rows left empty
 * are not sent; the limit is checked here first and by the service for certain.
 */
import { compare, subtract, toDecimalString } from "../decimal/decimal";
import { plainDecimal, QUANTITY, readEntry, type EntryProblem } from "./entry";

export interface QuantityRow {
  id: string;
  quantity: string;
}

export type QuantityProblem = EntryProblem | "moreThanAvailable";

export const isBlankQuantity = (row: QuantityRow) => !row.quantity.trim();

/** What is left of `total` after `used` (never below zero). */
export function remaining(total: string | null | undefined, used: string | null | undefined): string {
  const left = toDecimalString(subtract(total ?? "0", used ?? "0"));
  return compare(left, "0") > 0 ? left : "0";
}

export function quantityProblems(rows: readonly QuantityRow[], available: (id: string) => string): Record<string, QuantityProblem> {
  const problems: Record<string, QuantityProblem> = {};
  rows.forEach((row, index) => {
    if (isBlankQuantity(row)) return;
    const entry = readEntry(row.quantity, QUANTITY);
    if (entry.problem) problems[`lines.${index}.quantity`] = entry.problem;
    else if (entry.value !== null && compare(entry.value, available(row.id)) > 0) problems[`lines.${index}.quantity`] = "moreThanAvailable";
  });
  return problems;
}

/** Every row at what is available ("Deliver all"). */
export function fillAvailable(rows: readonly QuantityRow[], available: (id: string) => string): QuantityRow[] {
  return rows.map((row) => ({ ...row, quantity: compare(available(row.id), "0") > 0 ? plainDecimal(available(row.id)) : "" }));
}

export function quantityValue(row: QuantityRow): string {
  return readEntry(row.quantity, QUANTITY).value ?? row.quantity;
}
