/**
 * A material issue being entered against a requisition's lines: per line a quantity, at first what remains to
 * issue, and a batch where the line names none. "Fill from available" lowers each quantity to what its
 * warehouse has free, so one click gives the most that can go out now. Rows left empty are not sent; the
 * limits are checked here first and by the service for certain (requisition_domain.py).
 */
import { compare, sum, toDecimalString } from "../../decimal/decimal";
import { plainDecimal, QUANTITY, readEntry, type EntryProblem } from "../../documents/entry";
import { remaining } from "../../documents/quantityLines";
import type { RequisitionLine } from "./warehouseDocsApi";

export const BATCH_MAX = 60;

export interface IssueRow {
  /** The requisition line. */
  id: string;
  quantity: string;
  batch: string;
}

export type IssueProblem = EntryProblem | "moreThanRemaining" | "batchTooLong";

/** What is still to issue on a line (the API's remaining quantity, never below zero). */
export const remainingOf = (line: RequisitionLine): string => remaining(line.remaining_quantity ?? "0", "0");

/** The lines something can still be issued on. */
export function openLines(lines: readonly RequisitionLine[]): RequisitionLine[] {
  return lines.filter((line) => compare(remainingOf(line), "0") > 0);
}

/** One row per open line, each at what remains (the usual case: issue everything asked for). */
export function defaultIssueRows(lines: readonly RequisitionLine[]): IssueRow[] {
  return openLines(lines).map((line) => ({ id: line.id ?? "", quantity: plainDecimal(remainingOf(line)), batch: "" }));
}

/** The sum of the warehouse's available quantities over the stock rows (batches) the line may come from. */
export function totalAvailable(rows: readonly string[]): string {
  return toDecimalString(sum(rows, 4));
}

/** Each row at the lesser of what remains and what is available; rows whose availability is unknown stay. */
export function fillFromAvailable(rows: readonly IssueRow[], remainingFor: (id: string) => string, availableFor: (id: string) => string | undefined): IssueRow[] {
  return rows.map((row) => {
    const available = availableFor(row.id);
    if (available === undefined) return row;
    const left = remainingFor(row.id);
    const free = compare(available, "0") > 0 ? available : "0";
    const quantity = compare(free, left) < 0 ? free : left;
    return { ...row, quantity: compare(quantity, "0") > 0 ? plainDecimal(quantity) : "" };
  });
}

export const isBlankIssue = (row: IssueRow) => !row.quantity.trim();

/** Problems keyed like the service's errors ("lines.0.quantity", "lines.0.batch_no"). */
export function issueProblems(rows: readonly IssueRow[], remainingFor: (id: string) => string): Record<string, IssueProblem> {
  const problems: Record<string, IssueProblem> = {};
  rows.forEach((row, index) => {
    if (isBlankIssue(row)) return;
    const entry = readEntry(row.quantity, QUANTITY);
    if (entry.problem) problems[`lines.${index}.quantity`] = entry.problem;
    else if (entry.value !== null && compare(entry.value, remainingFor(row.id)) > 0) problems[`lines.${index}.quantity`] = "moreThanRemaining";
    if (row.batch.trim().length > BATCH_MAX) problems[`lines.${index}.batch_no`] = "batchTooLong";
  });
  return problems;
}

export interface IssueLineBody {
  requisition_line_id: string;
  quantity: string;
  batch_no: string | null;
}

export function issueLineBody(row: IssueRow): IssueLineBody {
  return { requisition_line_id: row.id, quantity: readEntry(row.quantity, QUANTITY).value ?? row.quantity, batch_no: row.batch.trim() || null };
}
