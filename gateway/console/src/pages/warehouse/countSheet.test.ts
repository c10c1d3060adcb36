import { describe, expect, it } from "vitest";
import { changedLines, counters, countedSoFar, errorsByLine, quantityProblem, unitCostProblem, varianceTotals, type CountLine } from "./countSheet";

function line(id: string, values: Partial<CountLine> = {}): CountLine {
  return {
    id, line_no: Number(id.replace(/\D/g, "")) || 1, item_id: `item-${id}`, item_code: `I-${id}`, item_name: `Item ${id}`, unit: "pc",
    batch_no: null, abc_class: "A", counted_quantity: null, entered_unit_cost: null, counted_by_name: null, counted_at: null, ...values,
  };
}

describe("what a counter types", () => {
  it("is a count when 0 or more with at most 4 decimals", () => {
    expect(["0", "12", "12.5", "0.0001", "", "  3.25 "].map(quantityProblem)).toEqual([null, null, null, null, null, null]);
    expect(["-1", "1.23456", "1,5", "abc", "1e3", "."].map(quantityProblem)).toEqual(Array(6).fill("quantity"));
    expect(["", "0.123456", "10"].map(unitCostProblem)).toEqual([null, null, null]);
    expect(unitCostProblem("0.1234567")).toBe("unitCost");
  });
});

describe("the lines a save sends", () => {
  const lines = [line("l1"), line("l2", { counted_quantity: "5.0000", counted_by_name: "ann" }), line("l3"), line("l4")];

  it("are the typed ones that differ from what is saved, counts exactly as typed", () => {
    const { lines: sent, invalid } = changedLines(lines, { l1: { counted: "7.50" }, l2: { counted: "5" }, l3: { counted: "" } });
    expect(sent).toEqual([{ line_id: "l1", counted_quantity: "7.50" }]);
    expect(invalid).toEqual([]);
  });

  it("hold back a line with an invalid figure and name it", () => {
    const { lines: sent, invalid } = changedLines(lines, { l1: { counted: "7,5" }, l3: { counted: "2" } });
    expect(sent).toEqual([{ line_id: "l3", counted_quantity: "2" }]);
    expect(invalid).toEqual(["l1"]);
  });

  it("send a unit cost only when it changed, and clear one that was emptied", () => {
    const withCost = [line("l1", { counted_quantity: "1.0000", entered_unit_cost: "2.500000" })];
    expect(changedLines(withCost, { l1: { unitCost: "2.5" } }).lines).toEqual([]);
    expect(changedLines(withCost, { l1: { unitCost: "" } }).lines).toEqual([{ line_id: "l1", counted_quantity: "1.0000", unit_cost: null }]);
    expect(changedLines(withCost, { l1: { counted: "3" } }).lines).toEqual([{ line_id: "l1", counted_quantity: "3" }]);
  });

  it("count progress with what is saved and what is typed", () => {
    expect(countedSoFar(lines, {})).toBe(1);
    expect(countedSoFar(lines, { l1: { counted: "0" }, l3: { counted: "x" } })).toBe(2);
  });
});

describe("errors of the API, per line", () => {
  it("map a rule's index (lines[2]) and a validation's (lines.0) to the lines they meant", () => {
    const sheet = ["l1", "l2", "l3"];
    expect(errorsByLine({ "lines[2].counted_quantity": ["line 3 has not been counted"], status: ["x"] }, (index) => sheet[index])).toEqual({
      l3: ["line 3 has not been counted"],
    });
    const sent = ["l2"];
    expect(errorsByLine({ "lines.0.counted_quantity": ["use at most 4 decimal places"] }, (index) => sent[index])).toEqual({
      l2: ["use at most 4 decimal places"],
    });
  });
});

describe("a submitted sheet", () => {
  it("sums the value of gains and losses exactly, and counts the lines that differ", () => {
    const lines = [
      line("l1", { variance: "2.0000", value: "0.20" }),
      line("l2", { variance: "-1.0000", value: "-0.10" }),
      line("l3", { variance: "0.0000", value: "0.00" }),
      line("l4", { variance: "-3.0000", value: "-1234567.35" }),
    ];
    expect(varianceTotals(lines)).toEqual({ gains: "0.20", losses: "-1234567.45", linesWithVariance: 3 });
  });

  it("names who counted, once each: none of them may post", () => {
    expect(counters([line("a", { counted_by_name: "bob" }), line("b", { counted_by_name: "ann" }), line("c", { counted_by_name: "bob" }), line("d")])).toEqual(["ann", "bob"]);
  });
});
