import { describe, expect, it } from "vitest";
import { defaultIssueRows, fillFromAvailable, issueLineBody, issueProblems, totalAvailable } from "./issueLines";
import { blankItemLine, itemLineBody, itemLineProblems, quantityTotals, type ItemLine } from "./itemLines";
import { defaultReceiveRows, receiveBody, receiveProblems, shortfallOf, shortfalls, shortfallTotal } from "./transferReceipt";
import type { RequisitionLine, TransferLine } from "./warehouseDocsApi";

const requisitionLines: RequisitionLine[] = [
  { id: "r1", line_no: 1, quantity: "10.0000", quantity_issued: "2.5000", remaining_quantity: "7.5000" },
  { id: "r2", line_no: 2, quantity: "3.0000", quantity_issued: "3.0000", remaining_quantity: "0.0000" },
  { id: "r3", line_no: 3, quantity: "0.3000", quantity_issued: "0.0000", remaining_quantity: "0.3000" },
];
const left: Record<string, string> = { r1: "7.5000", r3: "0.3000" };

describe("issue lines", () => {
  it("default to what remains on each open line", () => {
    expect(defaultIssueRows(requisitionLines)).toEqual([
      { id: "r1", quantity: "7.5", batch: "" },
      { id: "r3", quantity: "0.3", batch: "" },
    ]);
  });

  it("fill from available: the lesser of remaining and free stock, exactly", () => {
    const available: Record<string, string> = { r1: totalAvailable(["0.1000", "0.2000"]), r3: "5" };
    expect(available.r1).toBe("0.3000");
    const rows = fillFromAvailable(defaultIssueRows(requisitionLines), (id) => left[id], (id) => available[id]);
    expect(rows.map((row) => row.quantity)).toEqual(["0.3", "0.3"]);
    expect(fillFromAvailable(rows, (id) => left[id], (id) => (id === "r1" ? "-1" : undefined)).map((row) => row.quantity)).toEqual(["", "0.3"]);
  });

  it("refuse more than remains and long batches; blank rows are not checked", () => {
    const rows = [{ id: "r1", quantity: "7.50001", batch: "" }, { id: "r3", quantity: "0.31", batch: "B".repeat(61) }, { id: "r1", quantity: " ", batch: "" }];
    expect(issueProblems(rows, (id) => left[id])).toEqual({ "lines.0.quantity": "tooManyPlaces", "lines.1.quantity": "moreThanRemaining", "lines.1.batch_no": "batchTooLong" });
    expect(issueLineBody({ id: "r1", quantity: "７.5", batch: " LOT-1 " })).toEqual({ requisition_line_id: "r1", quantity: "7.5", batch_no: "LOT-1" });
  });
});

describe("transfer receipt", () => {
  const lines: TransferLine[] = [{ id: "t1", quantity: "10.0000" }, { id: "t2", quantity: "0.3000" }];
  const shipped = (id: string) => lines.find((line) => line.id === id)!.quantity!;

  it("starts at what was shipped, so nothing is short", () => {
    const rows = defaultReceiveRows(lines);
    expect(rows).toEqual([{ id: "t1", received: "10" }, { id: "t2", received: "0.3" }]);
    expect(shortfalls(rows, shipped)).toEqual([]);
  });

  it("shows each line's shortfall in exact decimals", () => {
    expect(shortfallOf("0.3000", "0.1")).toBe("0.2000");
    expect(shortfallOf("0.3", "abc")).toBeNull();
    const rows = [{ id: "t1", received: "9.9999" }, { id: "t2", received: "0" }];
    const short = shortfalls(rows, shipped);
    expect(short).toEqual([{ id: "t1", shortfall: "0.0001" }, { id: "t2", shortfall: "0.3000" }]);
    expect(shortfallTotal(short)).toBe("0.3001");
    expect(receiveBody(rows)).toEqual({ lines: [{ transfer_line_id: "t1", quantity_received: "9.9999" }, { transfer_line_id: "t2", quantity_received: "0" }] });
  });

  it("requires every line, never more than shipped or below zero", () => {
    const rows = [{ id: "t1", received: "10.0001" }, { id: "t2", received: "" }];
    expect(receiveProblems(rows, shipped)).toEqual({ "lines.0.quantity_received": "moreThanShipped", "lines.1.quantity_received": "required" });
    expect(receiveProblems([{ id: "t1", received: "-1" }], shipped)).toEqual({ "lines.0.quantity_received": "negative" });
  });
});

describe("item lines of a new document", () => {
  const item = (id: string, unit: string) => ({ id, code: id.toUpperCase(), name: id, unit });
  const line = (extra: Partial<ItemLine>): ItemLine => ({ ...blankItemLine(), ...extra });

  it("total their valid quantities per unit, exactly", () => {
    const lines = [
      line({ item: item("bolt", "pc"), quantity: "0.1" }),
      line({ item: item("oil", "l"), quantity: "2" }),
      line({ item: item("nut", "pc"), quantity: "0.2" }),
      line({ item: item("nut", "pc"), quantity: "x" }),
      line({}),
    ];
    expect(quantityTotals(lines)).toEqual({ lines: 4, byUnit: [{ unit: "pc", quantity: "0.3" }, { unit: "l", quantity: "2" }], complete: false });
  });

  it("name each cell's problem like the service and skip blank rows", () => {
    const lines = [line({ item: item("bolt", "pc"), quantity: "0" }), line({ quantity: "1", batch: "X".repeat(61) }), line({})];
    expect(itemLineProblems(lines, true)).toEqual({
      "lines.0.warehouse_id": "required", "lines.0.quantity": "notPositive",
      "lines.1.item_id": "required", "lines.1.warehouse_id": "required", "lines.1.batch_no": "batchTooLong",
    });
    expect(itemLineProblems(lines, false)).not.toHaveProperty("lines.0.warehouse_id");
  });

  it("carry the warehouse to the next row and send it only where the document has one per line", () => {
    const first = line({ item: item("bolt", "pc"), warehouse: { id: "w1", code: "MAIN" }, quantity: "1.50", batch: "" });
    expect(blankItemLine(first).warehouse).toEqual({ id: "w1", code: "MAIN" });
    expect(itemLineBody(first, true)).toEqual({ item_id: "bolt", warehouse_id: "w1", quantity: "1.50", batch_no: null });
    expect(itemLineBody(first, false)).toEqual({ item_id: "bolt", quantity: "1.50", batch_no: null });
  });
});
