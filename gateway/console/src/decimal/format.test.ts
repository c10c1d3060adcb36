import { describe, expect, it } from "vitest";
import { formatAmount, formatDecimal, formatQuantity } from "./format";

describe("locale formatting of decimal strings", () => {
  it("groups thousands and keeps every digit in English and Chinese", () => {
    for (const locale of ["en", "zh-CN"]) {
      expect(formatAmount("1234567.50", locale)).toBe("1,234,567.50");
      expect(formatAmount("-1234.05", locale)).toBe("-1,234.05");
      expect(formatAmount("0.00", locale)).toBe("0.00");
      expect(formatAmount("999.99", locale)).toBe("999.99");
      expect(formatAmount("12345678901234567890.12", locale)).toBe("12,345,678,901,234,567,890.12");
    }
  });

  it("takes the separators from the locale", () => {
    expect(formatAmount("1234567.50", "de-DE")).toBe("1.234.567,50");
    expect(formatDecimal("1234.5", "fr-FR")).toMatch(/^1\s234,5$/u);
  });

  it("shows quantities without meaningless trailing zeros, and amounts with at least cents", () => {
    expect(formatQuantity("10.5000", "en")).toBe("10.5");
    expect(formatQuantity("1200.0000", "zh-CN")).toBe("1,200");
    expect(formatQuantity("0.0001", "en")).toBe("0.0001");
    expect(formatAmount("5", "en")).toBe("5.00");
    expect(formatAmount("5.125", "en")).toBe("5.125");
  });

  it("rounds half-up only when asked to", () => {
    expect(formatDecimal("2.345", "en", { maxFractionDigits: 2 })).toBe("2.35");
    expect(formatDecimal("-0.004", "en", { maxFractionDigits: 2 })).toBe("0.00");
    expect(formatDecimal("1234.5", "en", { grouping: false })).toBe("1234.5");
  });

  it("shows nothing for a value that is not a decimal", () => {
    expect(formatAmount(null, "en")).toBe("");
    expect(formatAmount(undefined, "en")).toBe("");
    expect(formatAmount("abc", "en")).toBe("");
    expect(formatAmount(12.5, "en")).toBe("12.50");
  });
});
