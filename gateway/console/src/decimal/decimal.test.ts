import { describe, expect, it } from "vitest";
import {
  add, compare, DecimalError, documentTotal, isZero, lineTotal, multiply, parseDecimal, roundHalfUp, subtract, sum, toDecimalString,
} from "./decimal";

const s = toDecimalString;

describe("parsing and writing", () => {
  it("keeps the digits and the scale the API sent", () => {
    expect(parseDecimal("1234.50")).toEqual({ units: 123450n, scale: 2 });
    expect(parseDecimal("-0.0001")).toEqual({ units: -1n, scale: 4 });
    expect(parseDecimal("+7")).toEqual({ units: 7n, scale: 0 });
    expect(s("1234.50")).toBe("1234.50");
    expect(s("-0.05")).toBe("-0.05");
    expect(s({ units: -5n, scale: 3 })).toBe("-0.005");
    expect(s("007.10")).toBe("7.10");
  });

  it("refuses what is not a plain decimal", () => {
    for (const bad of ["", "1e3", "1.2.3", "abc", ".5", "5.", "1,000.00", "NaN", "Infinity"]) {
      expect(() => parseDecimal(bad), bad).toThrow(DecimalError);
    }
  });

  it("handles values far beyond a double's 15-16 significant digits", () => {
    expect(s(add("99999999999999999999.99", "0.01"))).toBe("100000000000000000000.00");
    expect(s(multiply("12345678901234567890.1234", "3"))).toBe("37037036703703703670.3702");
  });
});

describe("arithmetic is exact", () => {
  it("adds without binary float drift", () => {
    expect(s(add("0.1", "0.2"))).toBe("0.3");
    expect(s(add("1.10", "2.205"))).toBe("3.305");
    expect(s(subtract("10.00", "0.01"))).toBe("9.99");
    expect(s(sum(["0.10", "0.20", "0.30"], 2))).toBe("0.60");
    expect(s(sum([], 2))).toBe("0.00");
  });

  it("multiplies price by quantity with the scales added", () => {
    expect(s(multiply("19.99", "3"))).toBe("59.97");
    expect(s(multiply("1.005", "1000"))).toBe("1005.000");
    expect(s(multiply("-2.5", "0.4"))).toBe("-1.00");
  });

  it("compares across scales", () => {
    expect(compare("1.50", "1.5")).toBe(0);
    expect(compare("-1", "0.00")).toBe(-1);
    expect(compare("10.01", "10.009")).toBe(1);
    expect(isZero("0.0000")).toBe(true);
    expect(isZero("-0.01")).toBe(false);
  });
});

describe("rounding half-up to cents (Python's ROUND_HALF_UP)", () => {
  it("rounds ties away from zero", () => {
    expect(s(roundHalfUp("2.345", 2))).toBe("2.35");
    expect(s(roundHalfUp("2.344999", 2))).toBe("2.34");
    expect(s(roundHalfUp("-2.345", 2))).toBe("-2.35");
    expect(s(roundHalfUp("-2.344", 2))).toBe("-2.34");
    expect(s(roundHalfUp("0.005", 2))).toBe("0.01");
    expect(s(roundHalfUp("-0.004", 2))).toBe("0.00");
    expect(s(roundHalfUp("1.005", 2))).toBe("1.01"); // a float would give 1.00
    expect(s(roundHalfUp("9.995", 2))).toBe("10.00");
  });

  it("pads when there are fewer decimals, and rounds to whole numbers", () => {
    expect(s(roundHalfUp("3", 2))).toBe("3.00");
    expect(s(roundHalfUp("2.5", 0))).toBe("3");
    expect(() => roundHalfUp("1", -1)).toThrow(RangeError);
  });

  it("computes line and document totals the way the services do", () => {
    expect(lineTotal("3", "0.335")).toBe("1.01"); // 1.005 -> 1.01
    expect(lineTotal("2.5000", "19.99")).toBe("49.98"); // 49.975 -> 49.98
    expect(lineTotal("0.3333", "3.00")).toBe("1.00");
    expect(
      documentTotal([
        { quantity: "3", unitPrice: "0.335" },
        { quantity: "2.5000", unitPrice: "19.99" },
        { quantity: "1", unitPrice: "0.10" },
      ]),
    ).toBe("51.09");
  });
});
