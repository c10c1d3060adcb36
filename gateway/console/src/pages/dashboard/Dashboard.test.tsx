// @vitest-environment jsdom
/** The home dashboard against a fake API: each number is the list's total and links to that list, filtered; charts get every month. */
import { cleanup, render, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { App } from "../../App";
import { fakeApi, signedIn, stubBrowser } from "../../test/browser";
import { json, problem } from "../../test/helpers";

// The canvas is not jsdom's to draw: the chart shows what it was given instead.
vi.mock("../../charts/EChart", () => ({
  default: ({ option, label }: { option: { series: { name: string; data: number[] }[] }; label: string }) => (
    <div data-testid="chart" aria-label={label}>
      {option.series.map((series) => `${series.name}: ${series.data.join(",")}`).join(" | ")}
    </div>
  ),
}));

beforeAll(async () => {
  stubBrowser();
  // Load the app and the page's code before the clock of the first test starts: it is most of its time.
  await Promise.all([import("../../App"), import("./Dashboard")]);
}, 120_000);
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  stubBrowser();
});

function paged(total: number) {
  return json([{}], 200, { "X-Pagination": JSON.stringify({ total, total_pages: total, page: 1 }) });
}

describe("the home dashboard", () => {
  it("shows accounting its numbers as links to the filtered lists, the ageing and the monthly charts", async () => {
    const thisMonth = new Date().toISOString().slice(0, 7);
    const due = new Date(Date.now() - 45 * 86_400_000).toISOString().slice(0, 10);
    fakeApi((request) => {
      const { pathname, searchParams } = request.url;
      if (pathname === "/api/sales/sales-orders" && searchParams.get("status") === "credit_hold") return paged(3);
      if (pathname === "/api/procurement/supplier-invoices") return paged(7);
      if (pathname === "/api/sales/invoices" && searchParams.get("page_size") === "1") return paged(2);
      if (pathname === "/api/sales/invoices") {
        return json([{ id: "a", due_date: due, open_amount: "0.10" }, { id: "b", due_date: due, open_amount: "0.20" }], 200, {
          "X-Pagination": JSON.stringify({ total: 2, total_pages: 1, page: 1 }),
        });
      }
      if (pathname === "/api/sales/analysis/sales") {
        return json({ rows: [{ key: thisMonth, label: thisMonth, net_sales: "1234.50", quantity_invoiced: "1", invoice_count: 1 }], totals: { net_sales: "1234.50", quantity_invoiced: "1", invoice_count: 1 } });
      }
      if (pathname === "/api/sales/analysis/gross-margin") {
        return json({
          rows: [{ key: thisMonth, label: thisMonth, revenue: "1234.50", cogs: "1000.00", gross_margin: "234.50", margin_pct: "19.00", uncosted_lines: 0 }],
          totals: { revenue: "1234.50", cogs: "1000.00", gross_margin: "234.50", margin_pct: "19.00", uncosted_lines: 0 },
        });
      }
      return problem(404, { title: "Not Found" });
    });
    signedIn("acc", ["accounting"]);
    window.history.pushState({}, "", "/");
    render(<App />);

    const holds = await screen.findByText("3", { selector: "a" }, { timeout: 30_000 });
    expect(holds.getAttribute("href")).toBe("/sales/sales-orders?status=credit_hold");
    expect((await screen.findByText("7", { selector: "a" })).getAttribute("href")).toBe("/finance/supplier-invoices?status=exception");
    expect(screen.queryByText("Counts in progress")).toBeNull();
    expect(await screen.findAllByText("0.30", { selector: "a" })).toHaveLength(2); // 31–60 days, and the total
    const charts = await screen.findAllByTestId("chart", undefined, { timeout: 30_000 });
    expect(charts[0].textContent).toBe("Net sales: 0,0,0,0,0,0,0,0,0,0,0,1234.5");
    await waitFor(() => expect(screen.getAllByTestId("chart")).toHaveLength(2));
    expect(screen.getAllByTestId("chart")[1].textContent).toContain("Gross margin: 0,0,0,0,0,0,0,0,0,0,0,234.5");
  }, 90_000);
});
