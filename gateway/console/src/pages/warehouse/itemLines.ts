/**
 * The lines of a warehouse document being entered (requisition, transfer): an item, the warehouse where the
 * document names one per line, a quantity and an optional batch; no prices, so the live totals are the
 * quantities per unit (adding kilograms to pieces would mean nothing). Blank rows are not sent.
 */
import { add, toDecimalString, type Decimal } from "../../decimal/decimal";
import type { ItemRef, WarehouseRef } from "../../documents/draftLines";
import { newLineKey } from "../../documents/draftLines";
import { QUANTITY, readEntry, type EntryProblem } from "../../documents/entry";
import { BATCH_MAX } from "./issueLines";

export interface ItemLine {
  key: string;
  item: ItemRef | null;
  warehouse: WarehouseRef | null;
  quantity: string;
  batch: string;
}

/** The cells in keyboard order, named as the API names their fields. */
export type ItemCell = "item_id" | "warehouse_id" | "quantity" | "batch_no";
export type ItemLineProblem = EntryProblem | "batchTooLong";

export function itemCells(withWarehouse: boolean): ItemCell[] {
  return withWarehouse ? ["item_id", "warehouse_id", "quantity", "batch_no"] : ["item_id", "quantity", "batch_no"];
}

/** A new row, with the previous row's warehouse (most requisitions draw on one store). */
export function blankItemLine(previous?: ItemLine): ItemLine {
  return { key: newLineKey(), item: null, warehouse: previous?.warehouse ?? null, quantity: "", batch: "" };
}

/** Nothing typed or chosen that would be lost (a carried-over warehouse does not count). */
export function isBlankItemLine(line: ItemLine): boolean {
  return !line.item && !line.quantity.trim() && !line.batch.trim();
}

export function itemCellProblem(line: ItemLine, cell: ItemCell): ItemLineProblem | null {
  switch (cell) {
    case "item_id":
      return line.item ? null : "required";
    case "warehouse_id":
      return line.warehouse ? null : "required";
    case "quantity":
      return readEntry(line.quantity, QUANTITY).problem;
    case "batch_no":
      return line.batch.trim().length > BATCH_MAX ? "batchTooLong" : null;
  }
}

export function itemLineProblems(lines: readonly ItemLine[], withWarehouse: boolean): Record<string, ItemLineProblem> {
  const problems: Record<string, ItemLineProblem> = {};
  lines.forEach((line, index) => {
    if (isBlankItemLine(line)) return;
    for (const cell of itemCells(withWarehouse)) {
      const problem = itemCellProblem(line, cell);
      if (problem) problems[`lines.${index}.${cell}`] = problem;
    }
  });
  return problems;
}

export interface QuantityTotals {
  lines: number;
  /** The sum of the valid quantities per unit, in the order the units first appear. */
  byUnit: { unit: string; quantity: string }[];
  /** False while some non-blank row has no valid quantity (it is missing from the sums). */
  complete: boolean;
}

export function quantityTotals(lines: readonly ItemLine[]): QuantityTotals {
  const sums = new Map<string, Decimal | string>();
  let count = 0;
  let complete = true;
  for (const line of lines) {
    if (isBlankItemLine(line)) continue;
    count += 1;
    const quantity = readEntry(line.quantity, QUANTITY).value;
    if (quantity === null) {
      complete = false;
      continue;
    }
    const unit = line.item?.unit ?? "";
    sums.set(unit, add(sums.get(unit) ?? "0", quantity));
  }
  return { lines: count, byUnit: [...sums].map(([unit, total]) => ({ unit, quantity: toDecimalString(total) })), complete };
}

export interface ItemLineBody {
  item_id: string;
  warehouse_id?: string;
  quantity: string;
  batch_no: string | null;
}

export function itemLineBody(line: ItemLine, withWarehouse: boolean): ItemLineBody {
  return {
    item_id: line.item?.id ?? "",
    ...(withWarehouse ? { warehouse_id: line.warehouse?.id ?? "" } : {}),
    quantity: readEntry(line.quantity, QUANTITY).value ?? line.quantity,
    batch_no: line.batch.trim() || null,
  };
}
