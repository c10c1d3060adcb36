// @vitest-environment jsdom
/** The journal entries sort by their headers on the server: a click sends `sort=`, from page 1, and keeps it in the URL. */
import { act, cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { App } from "../../App";
import { fakeApi, signedIn, stubBrowser } from "../../test/browser";
import { json, problem, type Recorded } from "../../test/helpers";

const ENTRIES = [1, 2].map((n) => ({
  id: `je-${n}`, entry_no: `JE-2026-00000${n}`, entry_date: `2026-03-0${n}`, kind: "goods_receipt", source_document: `GR-2026-00000${n}`,
  description: "Goods received", posted_at: "2026-03-01T10:00:00+00:00", source_type: "goods_receipt", source_event_id: null,
  correlation_id: null, customer_id: null, supplier_id: null,
  lines: [
    { account_code: "1200", account_name: "Inventory", debit: "10.00", credit: "0.00" },
    { account_code: "2100", account_name: "GRNI", debit: "0.00", credit: "10.00" },
  ],
}));

beforeAll(async () => {
  stubBrowser();
  await import("../../App");
}, 120_000);
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  stubBrowser();
});

function answer(request: Recorded): Response {
  if (request.url.pathname === "/api/finance/journal-entries") {
    return json(ENTRIES, 200, { "X-Pagination": JSON.stringify({ total: 60, total_pages: 3, page: 1 }) });
  }
  if (request.url.pathname === "/api/finance/accounts") return json([], 200, { "X-Pagination": JSON.stringify({ total: 0, total_pages: 0, page: 1 }) });
  return problem(404, { title: "Not Found" });
}

function header(title: string): HTMLElement {
  const cell = Array.from(document.querySelectorAll<HTMLElement>("th.ant-table-cell")).find((th) => th.textContent === title);
  if (!cell) throw new Error(`no column ${title}`);
  return cell;
}

describe("the journal entries", () => {
  it("sort on the server by the clicked header, from page 1, and keep the sort in the URL", async () => {
    const requests = fakeApi(answer);
    const listed = () => requests.filter((request) => request.url.pathname === "/api/finance/journal-entries").map((request) => request.url.searchParams);
    signedIn("amy", ["accounting"]);
    window.history.pushState({}, "", "/finance/journal-entries?kind=goods_receipt&page=2");
    render(<App />);
    expect(await screen.findByText("JE-2026-000001", undefined, { timeout: 30_000 })).toBeTruthy();
    expect(listed().at(-1)?.get("sort")).toBeNull();

    await act(async () => fireEvent.click(header("Date")));
    await waitFor(() => expect(listed().at(-1)?.get("sort")).toBe("entry_date"));
    expect(listed().at(-1)?.get("page")).toBe("1");
    expect(listed().at(-1)?.get("kind")).toBe("goods_receipt");
    expect(window.location.search).toBe("?kind=goods_receipt&sort=entry_date");

    await act(async () => fireEvent.click(header("Date")));
    await waitFor(() => expect(listed().at(-1)?.get("sort")).toBe("-entry_date"));
    expect(header("Date").getAttribute("aria-sort")).toBe("descending");
  }, 90_000);
});
