/**
 * The rules of a blind count sheet in the browser: what was typed, whether it is a count the ledger can keep
 * (0 or more, at most 4 decimals; a unit cost at most 6), which lines changed since the last save, and which
 * line an error of the API names. Book quantities are not part of a counting sheet at all (the API leaves
 * them out until the counts are submitted), so nothing here could show one.
 */
import { compare, isDecimalString } from "../../decimal/decimal";
import { total } from "../../reports/values";

export const COUNT_STATUSES = ["counting", "submitted", "posted"] as const;
export const COUNT_SCOPES = ["all", "abc", "due"] as const;
export const ABC_CLASSES = ["A", "B", "C"] as const;

/** A line as the API sends it; the review fields come only once the sheet is submitted. */
export interface CountLine {
  id: string;
  line_no: number;
  item_id: string;
  item_code: string;
  item_name: string;
  unit: string;
  batch_no: string | null;
  abc_class: string;
  counted_quantity: string | null;
  entered_unit_cost: string | null;
  counted_by_name: string | null;
  counted_at: string | null;
  book_quantity?: string;
  variance?: string | null;
  unit_cost?: string | null;
  value?: string | null;
}

export interface CountSheet {
  id: string;
  number: string;
  status: (typeof COUNT_STATUSES)[number];
  warehouse_id: string;
  warehouse_code: string | null;
  scope: string;
  classes: string[];
  snapshot_at: string;
  created_by_name: string;
  created_at: string;
  submitted_by_name: string | null;
  submitted_at: string | null;
  posted_by_name: string | null;
  posted_at: string | null;
  total_gain: string | null;
  total_loss: string | null;
  version: number;
  lines: CountLine[];
}

/** What was typed on a line and not saved yet; a field left out keeps the saved value. */
export interface Entry {
  counted?: string;
  unitCost?: string;
}
export type Entries = Record<string, Entry>;

const QUANTITY = /^\d{1,14}(\.\d{1,4})?$/;
const COST = /^\d{1,12}(\.\d{1,6})?$/;

export type EntryProblem = "quantity" | "unitCost" | null;

/** null when the text is a count the ledger keeps as typed; "" (nothing typed) is not a count but not wrong either. */
export function quantityProblem(text: string): EntryProblem {
  const value = text.trim();
  return value === "" || QUANTITY.test(value) ? null : "quantity";
}

export function unitCostProblem(text: string): EntryProblem {
  const value = text.trim();
  return value === "" || COST.test(value) ? null : "unitCost";
}

export function shownCount(line: CountLine, entries: Entries): string {
  return entries[line.id]?.counted ?? line.counted_quantity ?? "";
}

export function shownUnitCost(line: CountLine, entries: Entries): string {
  return entries[line.id]?.unitCost ?? line.entered_unit_cost ?? "";
}

function sameDecimal(a: string, b: string | null): boolean {
  if (b === null || !isDecimalString(a) || !isDecimalString(b)) return a.trim() === (b ?? "");
  return compare(a.trim(), b) === 0;
}

export interface CountedLineIn {
  line_id: string;
  counted_quantity: string;
  unit_cost?: string | null;
}

/**
 * The lines to save: typed, valid, and different from what is saved. A line typed with an invalid figure is
 * in `invalid` and held back (the user sees it marked); a line whose count was emptied stays as saved.
 */
export function changedLines(lines: readonly CountLine[], entries: Entries): { lines: CountedLineIn[]; invalid: string[] } {
  const changed: CountedLineIn[] = [];
  const invalid: string[] = [];
  for (const line of lines) {
    const entry = entries[line.id];
    if (!entry) continue;
    const counted = shownCount(line, entries).trim();
    const unitCost = shownUnitCost(line, entries).trim();
    if (quantityProblem(counted) || unitCostProblem(unitCost)) {
      invalid.push(line.id);
      continue;
    }
    if (counted === "") continue;
    const countChanged = !sameDecimal(counted, line.counted_quantity);
    const costChanged = !sameDecimal(unitCost, line.entered_unit_cost);
    if (!countChanged && !costChanged) continue;
    changed.push({ line_id: line.id, counted_quantity: counted, ...(costChanged ? { unit_cost: unitCost === "" ? null : unitCost } : {}) });
  }
  return { lines: changed, invalid };
}

/** Lines with a count, saved or typed (valid) but not saved yet. */
export function countedSoFar(lines: readonly CountLine[], entries: Entries): number {
  return lines.filter((line) => {
    const counted = shownCount(line, entries).trim();
    return counted !== "" && quantityProblem(counted) === null;
  }).length;
}

/**
 * Which line each field error is about. The services name a line `lines[3].counted_quantity` (a rule) or
 * `lines.3.counted_quantity` (validation); `lineAt` turns the index into the line it meant: the sheet's own
 * lines for a submit, the lines sent for a save.
 */
export function errorsByLine(fieldErrors: Record<string, string[]>, lineAt: (index: number) => string | undefined): Record<string, string[]> {
  const byLine: Record<string, string[]> = {};
  for (const [field, messages] of Object.entries(fieldErrors)) {
    const match = /^lines(?:\[(\d+)\]|\.(\d+))/.exec(field);
    if (!match) continue;
    const lineId = lineAt(Number(match[1] ?? match[2]));
    if (lineId) (byLine[lineId] ??= []).push(...messages);
  }
  return byLine;
}

/** The value of the gains and of the losses of a submitted sheet (losses as a negative sum), and how many lines differ. */
export function varianceTotals(lines: readonly CountLine[]): { gains: string; losses: string; linesWithVariance: number } {
  const gains: string[] = [];
  const losses: string[] = [];
  let differing = 0;
  for (const line of lines) {
    if (line.variance && isDecimalString(line.variance) && compare(line.variance, "0") !== 0) differing += 1;
    if (!line.value || !isDecimalString(line.value)) continue;
    const sign = compare(line.value, "0");
    if (sign > 0) gains.push(line.value);
    else if (sign < 0) losses.push(line.value);
  }
  return { gains: total(gains), losses: total(losses), linesWithVariance: differing };
}

/** Who entered counts on the sheet: none of them may post it (segregation of duties). */
export function counters(lines: readonly CountLine[]): string[] {
  return [...new Set(lines.map((line) => line.counted_by_name).filter((name): name is string => Boolean(name)))].sort();
}
