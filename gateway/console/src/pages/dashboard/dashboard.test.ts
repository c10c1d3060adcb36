import { describe, expect, it } from "vitest";
import { AR_AGEING, countCardsFor, SALES_CHARTS, showsWidget } from "./cards";
import { lastMonths, monthly, periodOf, plotted } from "./chartData";

const figures = (roles: string[], opens: (link: string) => boolean = () => true) =>
  countCardsFor(roles, opens).flatMap((card) => card.figures.map((figure) => `${card.key}.${figure.key}`));

describe("the dashboard follows the caller's work", () => {
  it("shows warehouse staff the stock work, not the sales orders on credit hold", () => {
    const shown = figures(["warehouse"]);
    expect(shown).toEqual(expect.arrayContaining(["warehouse.below_reorder", "warehouse.counting", "warehouse.to_post", "warehouse.requisitions", "sales.backordered"]));
    expect(shown).not.toContain("sales.credit_hold");
    expect(shown).not.toContain("purchasing.exceptions");
  });

  it("shows accounting the credit holds and unmatched invoices, and the ageing and charts", () => {
    const shown = figures(["accounting"]);
    expect(shown).toEqual(expect.arrayContaining(["sales.credit_hold", "purchasing.exceptions", "sales.open_invoices"]));
    expect(shown).not.toContain("warehouse.counting");
    expect(showsWidget(["accounting"], AR_AGEING)).toBe(true);
    expect(showsWidget(["warehouse"], SALES_CHARTS)).toBe(false);
  });

  it("shows admins and viewers everything, an account without roles nothing", () => {
    expect(figures(["viewer"])).toEqual(figures(["admin"]));
    expect(figures(["admin"]).length).toBeGreaterThan(10);
    expect(figures([])).toEqual([]);
  });

  it("leaves out a figure whose list the caller could not open", () => {
    expect(figures(["admin"], (link) => !link.startsWith("/inventory/cycle-counts"))).not.toContain("warehouse.counting");
  });

  it("links every number to a list filtered to exactly those rows", () => {
    const links = countCardsFor(["admin"], () => true).flatMap((card) => card.figures.map((figure) => figure.link));
    expect(links).toContain("/sales/sales-orders?status=credit_hold");
    expect(links).toContain("/finance/supplier-invoices?status=exception");
    expect(links).toContain("/procurement/purchase-orders?late=true");
  });
});

describe("monthly chart data", () => {
  it("covers twelve months ending with this one, across the year", () => {
    expect(lastMonths("2026-02-15", 4)).toEqual(["2025-11", "2025-12", "2026-01", "2026-02"]);
    expect(lastMonths("2026-12-31")).toHaveLength(12);
    expect(periodOf(["2025-11", "2025-12", "2026-01", "2026-02"])).toEqual({ date_from: "2025-11-01", date_to: "2026-02-28" });
    expect(periodOf(["2024-02"])).toEqual({ date_from: "2024-02-01", date_to: "2024-02-29" });
  });

  it("fills months without sales with zero and keeps the exact strings, numbers only for plotting", () => {
    const values = monthly([{ key: "2026-01", net: "0.10" }, { key: "2026-02", net: "12345678901234.56" }], ["2025-12", "2026-01", "2026-02"], "net");
    expect(values).toEqual(["0", "0.10", "12345678901234.56"]);
    expect(plotted(values)).toEqual([0, 0.1, 12345678901234.56]);
  });
});
