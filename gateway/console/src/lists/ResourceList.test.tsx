// @vitest-environment jsdom
/**
 * Sorting a list by its headers against a fake API: a click asks the API for `sort=...` from page 1 and puts
 * the sort in the address bar; paging keeps a sort of several keys (a bookmark's) whole.
 */
import { act, cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { App } from "../App";
import { fakeApi, signedIn, stubBrowser } from "../test/browser";
import { json, problem, type Recorded } from "../test/helpers";

const ORDERS = Array.from({ length: 3 }, (_, index) => ({
  id: `po-${index}`, number: `PO-2026-00000${index}`, status: "approved", supplier_name: "Acme", order_date: `2026-03-0${index + 1}`,
  total_amount: "10.00", updated_at: "2026-03-01T10:00:00+00:00",
}));

beforeAll(async () => {
  stubBrowser();
  await import("../App");
}, 120_000);
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  stubBrowser();
});

function purchaseOrders(request: Recorded): Response {
  if (request.url.pathname !== "/api/procurement/purchase-orders") return problem(404, { title: "Not Found" });
  return json(ORDERS, 200, { "X-Pagination": JSON.stringify({ total: 60, total_pages: 3, page: 1 }) });
}

function listRequests(requests: Recorded[]): URLSearchParams[] {
  return requests.filter((request) => request.url.pathname === "/api/procurement/purchase-orders").map((request) => request.url.searchParams);
}

function header(title: string): HTMLElement {
  const cell = Array.from(document.querySelectorAll<HTMLElement>("th.ant-table-cell")).find((th) => th.textContent === title);
  if (!cell) throw new Error(`no column ${title}`);
  return cell;
}

describe("a sortable list", () => {
  it("asks the API for the order of the clicked header, from page 1, and keeps it in the URL", async () => {
    const requests = fakeApi(purchaseOrders);
    signedIn("ann", ["viewer"]);
    window.history.pushState({}, "", "/procurement/purchase-orders?status=approved&page=2");
    render(<App />);
    expect(await screen.findByText("PO-2026-000000", undefined, { timeout: 30_000 })).toBeTruthy();
    expect(listRequests(requests).at(-1)?.get("sort")).toBeNull();

    await act(async () => fireEvent.click(header("Order date")));
    await waitFor(() => expect(listRequests(requests).at(-1)?.get("sort")).toBe("order_date"));
    expect(listRequests(requests).at(-1)?.get("page")).toBe("1");
    expect(listRequests(requests).at(-1)?.get("status")).toBe("approved");
    expect(window.location.search).toBe("?status=approved&sort=order_date");

    await act(async () => fireEvent.click(header("Order date")));
    await waitFor(() => expect(listRequests(requests).at(-1)?.get("sort")).toBe("-order_date"));
    expect(window.location.search).toBe("?status=approved&sort=-order_date");
    expect(header("Order date").getAttribute("aria-sort")).toBe("descending");
    expect(header("Supplier").querySelector(".ant-table-column-sorters")).toBeTruthy();
  }, 90_000);

  it("pages a bookmarked sort of two keys without dropping the second", async () => {
    const requests = fakeApi(purchaseOrders);
    signedIn("ann", ["viewer"]);
    window.history.pushState({}, "", "/procurement/purchase-orders?sort=-order_date,number");
    render(<App />);
    expect(await screen.findByText("PO-2026-000000", undefined, { timeout: 30_000 })).toBeTruthy();
    expect(listRequests(requests).at(-1)?.get("sort")).toBe("-order_date,number");
    expect(header("Order date").getAttribute("aria-sort")).toBe("descending");

    await act(async () => fireEvent.click(document.querySelector<HTMLElement>(".ant-pagination-item-2")!));
    await waitFor(() => expect(listRequests(requests).at(-1)?.get("page")).toBe("2"));
    expect(listRequests(requests).at(-1)?.get("sort")).toBe("-order_date,number");
    expect(new URLSearchParams(window.location.search).get("sort")).toBe("-order_date,number");
  }, 90_000);
});
