/**
 * A payment spread over open invoices (supplier or customer): one amount per invoice, to the cent, at most
 * what is open on it; the payment's amount is their exact sum (the services require that they add up).
 */
import { compare } from "../decimal/decimal";
import { MONEY, readEntry, type EntryProblem } from "./entry";
import { moneySum } from "./lineMath";

export interface OpenInvoice {
  id: string;
  number: string;
  openAmount: string;
  dueDate?: string | null;
}

export interface AllocationRow {
  invoiceId: string;
  amount: string;
}

export type AllocationProblem = EntryProblem | "moreThanOpen";

export const isBlankAllocation = (row: AllocationRow) => !row.amount.trim();

export function initialAllocations(invoices: readonly OpenInvoice[]): AllocationRow[] {
  return invoices.map((invoice) => ({ invoiceId: invoice.id, amount: invoice.openAmount }));
}

export function allocationProblems(rows: readonly AllocationRow[], invoices: readonly OpenInvoice[]): Record<string, AllocationProblem> {
  const problems: Record<string, AllocationProblem> = {};
  rows.forEach((row, index) => {
    if (isBlankAllocation(row)) return;
    const entry = readEntry(row.amount, MONEY);
    const open = invoices.find((invoice) => invoice.id === row.invoiceId)?.openAmount ?? "0";
    if (entry.problem) problems[`allocations.${index}.amount`] = entry.problem;
    else if (entry.value !== null && compare(entry.value, open) > 0) problems[`allocations.${index}.amount`] = "moreThanOpen";
  });
  return problems;
}

export function allocationTotal(rows: readonly AllocationRow[]): string {
  return moneySum(rows.filter((row) => !isBlankAllocation(row)).map((row) => readEntry(row.amount, MONEY).value ?? "0"));
}

export function allocationBody(row: AllocationRow): { invoice_id: string; amount: string } {
  return { invoice_id: row.invoiceId, amount: readEntry(row.amount, MONEY).value ?? row.amount };
}
