import { describe, expect, it } from "vitest";
import { ageingBucket, ageOpenItems, daysOverdue, todayUtc } from "./ageing";
import { dateParam, idParam, pagingOf, withParams } from "./params";
import { decimalOf, signOf, total } from "./values";

describe("exact sums of the API's decimals", () => {
  it("add strings without floating point and keep the scale", () => {
    expect(total(["0.10", "0.20"])).toBe("0.30");
    expect(total(["1234567890123.45", "0.05", "-0.50"])).toBe("1234567890123.00");
    expect(total([])).toBe("0.00");
    expect(total(["1.5"], 4)).toBe("1.5000");
  });

  it("refuse what is not a decimal string rather than count it as zero", () => {
    expect(() => total(["1.00", null])).toThrow(/not a decimal/);
    expect(() => decimalOf("1e3")).toThrow();
    expect(decimalOf(" 7.25 ")).toBe("7.25");
  });

  it("tell the sign of a value, null being none", () => {
    expect([signOf("-0.01"), signOf("0.00"), signOf("3"), signOf(null)]).toEqual([-1, 0, 1, 0]);
  });
});

describe("ageing, bucketed as the services bucket their ledgers", () => {
  it("counts calendar days past the due date, across months and leap days", () => {
    expect(daysOverdue("2026-03-01", "2026-03-01")).toBe(0);
    expect(daysOverdue("2024-02-28", "2024-03-01")).toBe(2);
    expect(daysOverdue("2026-04-10", "2026-03-01")).toBe(-40);
  });

  it("puts due today in current, and the bounds in the lower bucket", () => {
    expect([0, -5, 1, 30, 31, 60, 61, 90, 91].map(ageingBucket)).toEqual([
      "current", "current", "1_30", "1_30", "31_60", "31_60", "61_90", "61_90", "over_90",
    ]);
  });

  it("sums open amounts exactly per bucket, every bucket present", () => {
    const { buckets, total: all } = ageOpenItems(
      [
        { due_date: "2026-03-10", open_amount: "100.10" },
        { due_date: "2026-02-20", open_amount: "0.20" },
        { due_date: "2026-02-19", open_amount: "0.10" },
        { due_date: "2025-10-01", open_amount: "5000.00" },
      ],
      "2026-03-01",
    );
    expect(buckets).toEqual({ current: "100.10", "1_30": "0.30", "31_60": "0.00", "61_90": "0.00", over_90: "5000.00" });
    expect(all).toBe("5100.40");
  });

  it("takes today's date in UTC", () => {
    expect(todayUtc(new Date("2026-03-01T23:30:00-05:00"))).toBe("2026-03-02");
  });
});

describe("a report's inputs in the address", () => {
  it("drop emptied inputs and go back to the first page when an input changes", () => {
    const next = withParams(new URLSearchParams("as_of=2026-03-01&page=3&warehouse_id=w"), { as_of: undefined, item_id: "i" });
    expect(next.toString()).toBe("warehouse_id=w&item_id=i");
  });

  it("keep the inputs when only the page changes", () => {
    const next = withParams(new URLSearchParams("as_of=2026-03-01"), { page: "2" });
    expect(next.toString()).toBe("as_of=2026-03-01&page=2");
  });

  it("read paging, dates and ids only when well formed", () => {
    expect(pagingOf(new URLSearchParams("page=2&page_size=50"))).toEqual({ page: 2, pageSize: 50 });
    expect(pagingOf(new URLSearchParams("page=-1&page_size=7"))).toEqual({ page: 1, pageSize: 20 });
    expect(pagingOf(new URLSearchParams("page_size=500"), [50, 500])).toEqual({ page: 1, pageSize: 500 });
    expect(dateParam(new URLSearchParams("as_of=2026-3-1"), "as_of")).toBeUndefined();
    expect(dateParam(new URLSearchParams("as_of=2026-03-01"), "as_of")).toBe("2026-03-01");
    expect(idParam(new URLSearchParams("item_id=abc"), "item_id")).toBeUndefined();
    expect(idParam(new URLSearchParams("item_id=0b3c61a2-5f0e-4c59-9d59-3f3a3c2b1a10"), "item_id")).toBe("0b3c61a2-5f0e-4c59-9d59-3f3a3c2b1a10");
  });
});
