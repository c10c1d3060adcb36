import { describe, expect, it } from "vitest";
import { fillAvailable, quantityProblems, remaining } from "./quantityLines";

const AVAILABLE: Record<string, string> = { a: "4.0000", b: "0.0000", c: "2.5000" };
const available = (id: string) => AVAILABLE[id];

describe("quantities taken from another document's lines", () => {
  it("are limited to what is left there", () => {
    expect(remaining("10.0000", "7.5000")).toBe("2.5000");
    expect(remaining("1.0000", "2.0000")).toBe("0");
    expect(quantityProblems([{ id: "a", quantity: "4.0001" }, { id: "b", quantity: "" }, { id: "c", quantity: "2.5" }], available)).toEqual({
      "lines.0.quantity": "moreThanAvailable",
    });
    expect(quantityProblems([{ id: "a", quantity: "-1" }], available)).toEqual({ "lines.0.quantity": "notPositive" });
  });

  it("can all be taken at once, leaving lines with nothing left empty", () => {
    expect(fillAvailable([{ id: "a", quantity: "" }, { id: "b", quantity: "1" }, { id: "c", quantity: "" }], available)).toEqual([
      { id: "a", quantity: "4" },
      { id: "b", quantity: "" },
      { id: "c", quantity: "2.5" },
    ]);
  });
});
