/**
 * The lines of a document being entered: what each cell holds (text as typed, references as chosen), what
 * each line comes to, what is wrong with a cell before anything is sent, and the request's `lines` with a
 * way back from the request's line numbers to the grid's (blank rows are not sent).
 */
import type { FieldErrors } from "../api/problem";
import { PERCENT, PRICE, QUANTITY, readEntry, type EntryProblem, type EntryRule } from "./entry";
import { normaliseFieldPath } from "./fieldErrors";
import { purchaseLineAmount, purchaseTotal, salesLineFigures, salesTotals } from "./lineMath";

export interface ItemRef {
  id: string;
  code: string;
  name: string;
  unit?: string | null;
}

export interface WarehouseRef {
  id: string;
  code: string;
  name?: string | null;
}

export interface DraftLine {
  key: string;
  item: ItemRef | null;
  warehouse: WarehouseRef | null;
  quantity: string;
  unitPrice: string;
  discountPct: string;
  taxRate: string;
}

/** Which cells a document's lines have (the item, quantity and unit price every document has). */
export interface GridColumns {
  warehouse: boolean;
  discount: boolean;
  tax: boolean;
}

export const PURCHASE_COLUMNS: GridColumns = { warehouse: false, discount: false, tax: false };
export const SALES_COLUMNS: GridColumns = { warehouse: true, discount: true, tax: true };

/** The cells in keyboard order, named as the API names their fields. */
export type CellName = "item_id" | "warehouse_id" | "quantity" | "unit_price" | "discount_pct" | "tax_rate";

export function cellsOf(columns: GridColumns): CellName[] {
  return [
    "item_id",
    ...(columns.warehouse ? (["warehouse_id"] as const) : []),
    "quantity",
    "unit_price",
    ...(columns.discount ? (["discount_pct"] as const) : []),
    ...(columns.tax ? (["tax_rate"] as const) : []),
  ];
}

const RULES: Partial<Record<CellName, EntryRule>> = { quantity: QUANTITY, unit_price: PRICE, discount_pct: PERCENT, tax_rate: PERCENT };

export function cellText(line: DraftLine, cell: CellName): string {
  switch (cell) {
    case "quantity":
      return line.quantity;
    case "unit_price":
      return line.unitPrice;
    case "discount_pct":
      return line.discountPct;
    case "tax_rate":
      return line.taxRate;
    default:
      return "";
  }
}

let counter = 0;
export function newLineKey(): string {
  counter += 1;
  return `line-${counter}`;
}

/** A new row; a sales row starts with the previous row's warehouse and tax rate (usually the same). */
export function blankLine(previous?: DraftLine): DraftLine {
  return {
    key: newLineKey(),
    item: null,
    warehouse: previous?.warehouse ?? null,
    quantity: "",
    unitPrice: "",
    discountPct: "",
    taxRate: previous?.taxRate ?? "",
  };
}

/** Nothing typed or chosen that would be lost (a carried-over warehouse or tax rate does not count). */
export function isBlank(line: DraftLine): boolean {
  return !line.item && !line.quantity.trim() && !line.unitPrice.trim() && !line.discountPct.trim();
}

/** Problems of one cell that can be seen without asking the server. */
export function cellProblem(line: DraftLine, cell: CellName): EntryProblem | null {
  if (cell === "item_id") return line.item ? null : "required";
  if (cell === "warehouse_id") return line.warehouse ? null : "required";
  const rule = RULES[cell];
  return rule ? readEntry(cellText(line, cell), rule).problem : null;
}

/** Every problem of every row that is not blank, keyed like the server's errors ("lines.0.quantity"). */
export function lineProblems(lines: readonly DraftLine[], columns: GridColumns): Record<string, EntryProblem> {
  const problems: Record<string, EntryProblem> = {};
  lines.forEach((line, index) => {
    if (isBlank(line)) return;
    for (const cell of cellsOf(columns)) {
      const problem = cellProblem(line, cell);
      if (problem) problems[`lines.${index}.${cell}`] = problem;
    }
  });
  return problems;
}

function entryValue(text: string, rule: EntryRule, fallback: string): string {
  return readEntry(text, rule).value ?? fallback;
}

export interface LineFigures {
  /** Purchase: quantity × price; sales: the net amount. */
  net: string;
  tax: string | null;
  total: string;
}

/** What a row comes to, or null while its quantity or price is not a valid number yet. */
export function lineFigures(line: DraftLine, columns: GridColumns): LineFigures | null {
  const quantity = readEntry(line.quantity, QUANTITY).value;
  const price = readEntry(line.unitPrice, PRICE).value;
  if (quantity === null || price === null) return null;
  if (!columns.discount && !columns.tax) {
    const amount = purchaseLineAmount(quantity, price);
    return { net: amount, tax: null, total: amount };
  }
  const discount = columns.discount ? readEntry(line.discountPct, PERCENT) : { value: "0", problem: null };
  const rate = columns.tax ? readEntry(line.taxRate, PERCENT) : { value: "0", problem: null };
  if (discount.problem || rate.problem) return null;
  const figures = salesLineFigures(quantity, price, discount.value ?? "0", rate.value ?? "0");
  return { net: figures.net, tax: columns.tax ? figures.tax : null, total: figures.total };
}

export interface DocumentTotals {
  net: string;
  tax: string | null;
  total: string;
  /** False while some non-blank row cannot be priced yet (its amount is missing from the totals). */
  complete: boolean;
}

export function documentTotals(lines: readonly DraftLine[], columns: GridColumns): DocumentTotals {
  const priced: LineFigures[] = [];
  let complete = true;
  for (const line of lines) {
    if (isBlank(line)) continue;
    const figures = lineFigures(line, columns);
    if (figures) priced.push(figures);
    else complete = false;
  }
  if (!columns.discount && !columns.tax) {
    const total = purchaseTotal(priced.map((line) => line.net));
    return { net: total, tax: null, total, complete };
  }
  const totals = salesTotals(priced.map((line) => ({ net: line.net, tax: line.tax ?? "0.00" })));
  return { net: totals.net, tax: columns.tax ? totals.tax : null, total: totals.total, complete };
}

export interface PreparedLines<Body> {
  lines: Body[];
  /** The grid row each sent line came from: sent line i is grid row gridIndexOf[i]. */
  gridIndexOf: number[];
}

/** The non-blank rows as request lines (call after `lineProblems` found nothing). */
export function prepareLines<Row, Body>(
  lines: readonly Row[],
  toBody: (line: Row) => Body,
  blank: (line: Row) => boolean = isBlank as unknown as (line: Row) => boolean,
): PreparedLines<Body> {
  const body: Body[] = [];
  const gridIndexOf: number[] = [];
  lines.forEach((line, index) => {
    if (blank(line)) return;
    body.push(toBody(line));
    gridIndexOf.push(index);
  });
  return { lines: body, gridIndexOf };
}

export interface PurchaseLineBody {
  item_id: string;
  quantity: string;
  unit_price: string;
  expected_date: string | null;
}

export function purchaseLineBody(line: DraftLine, expectedDate: string | null): PurchaseLineBody {
  return {
    item_id: line.item?.id ?? "",
    quantity: entryValue(line.quantity, QUANTITY, line.quantity),
    unit_price: entryValue(line.unitPrice, PRICE, line.unitPrice),
    expected_date: expectedDate,
  };
}

export interface SalesLineBody {
  item_id: string;
  warehouse_id: string;
  quantity: string;
  unit_price: string;
  discount_pct: string;
  tax_rate: string;
}

export function salesLineBody(line: DraftLine): SalesLineBody {
  return {
    item_id: line.item?.id ?? "",
    warehouse_id: line.warehouse?.id ?? "",
    quantity: entryValue(line.quantity, QUANTITY, line.quantity),
    unit_price: entryValue(line.unitPrice, PRICE, line.unitPrice),
    discount_pct: entryValue(line.discountPct, PERCENT, "0"),
    tax_rate: entryValue(line.taxRate, PERCENT, "0"),
  };
}

/** The server's errors about sent line i, moved to the grid row it came from. */
export function errorsOnGrid(errors: FieldErrors, gridIndexOf: readonly number[], prefix = "lines"): FieldErrors {
  const moved: FieldErrors = {};
  const pattern = new RegExp(`^${prefix}\\.(\\d+)(\\..*)?$`);
  for (const [path, messages] of Object.entries(errors)) {
    const key = normaliseFieldPath(path);
    const match = pattern.exec(key);
    const target = match && gridIndexOf[Number(match[1])] !== undefined ? `${prefix}.${gridIndexOf[Number(match[1])]}${match[2] ?? ""}` : key;
    moved[target] = [...(moved[target] ?? []), ...messages];
  }
  return moved;
}
