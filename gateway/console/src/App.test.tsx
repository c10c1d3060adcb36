// @vitest-environment jsdom
/**
 * The shell end to end in a simulated browser, with the API mocked at fetch: sign-in brings the user back
 * to the page they asked for, a 401 sends them to sign in again (and back), a page their roles cannot use
 * answers 403, amounts appear exactly as the API sent them.
 */
import { act, cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { App } from "./App";
import { fakeToken, json, problem, type Recorded } from "./test/helpers";

beforeAll(() => {
  // Ant Design's responsive parts ask the browser about media queries; jsdom has no layout.
  Object.defineProperty(window, "matchMedia", {
    writable: true,
    value: (query: string) => ({
      matches: false, media: query, onchange: null,
      addListener: () => {}, removeListener: () => {}, addEventListener: () => {}, removeEventListener: () => {}, dispatchEvent: () => false,
    }),
  });
  // jsdom computes no styles for pseudo-elements (and says so on every call); the element's own will do.
  const computedStyle = window.getComputedStyle.bind(window);
  window.getComputedStyle = (element: Element) => computedStyle(element);
  // Tables measure themselves; jsdom has no ResizeObserver.
  vi.stubGlobal("ResizeObserver", class { observe() {} unobserve() {} disconnect() {} });
});

const requests: Recorded[] = [];
let answer: (request: Recorded) => Response;

beforeEach(() => {
  requests.length = 0;
  sessionStorage.clear();
  localStorage.clear();
  localStorage.setItem("erp.language", "en");
  vi.stubGlobal("fetch", async (request: Request) => {
    const recorded = { method: request.method, url: new URL(request.url), headers: request.headers, body: await request.text() };
    requests.push(recorded);
    return answer(recorded);
  });
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.stubGlobal("ResizeObserver", class { observe() {} unobserve() {} disconnect() {} });
});

const ORDER = { id: "po-1", number: "PO-2026-000001", status: "approved", supplier_name: "Acme 有限公司", order_date: "2026-03-01", total_amount: "1234567.05", updated_at: "2026-03-01T10:00:00+00:00" };

function api(roles: string[]) {
  return (request: Recorded): Response => {
    if (request.url.pathname === "/api/auth/token") {
      const { username } = JSON.parse(request.body) as { username: string };
      return json({ access_token: fakeToken({ sub: "u-1", username, roles, exp: Math.floor(Date.now() / 1000) + 3600 }), token_type: "Bearer", expires_in: 3600 });
    }
    if (request.url.pathname === "/api/procurement/purchase-orders") {
      return json([ORDER], 200, { "X-Pagination": JSON.stringify({ total: 1, total_pages: 1, page: 1 }) });
    }
    return problem(404, { title: "Not found" });
  };
}

async function signIn(username: string) {
  fireEvent.change(await screen.findByLabelText("Username"), { target: { value: username } });
  fireEvent.change(screen.getByLabelText("Password"), { target: { value: "secret" } });
  fireEvent.click(screen.getByRole("button", { name: "Sign in" }));
}

describe("the console", () => {
  it("signs in, returns to the page asked for, and signs in again after a 401", async () => {
    answer = api(["viewer"]);
    window.history.pushState({}, "", "/procurement/purchase-orders?status=approved");
    render(<App />);
    await waitFor(() => expect(window.location.pathname).toBe("/sign-in"));
    await signIn("ann");

    expect(await screen.findByText("1,234,567.05", undefined, { timeout: 10_000 })).toBeTruthy();
    expect(document.querySelector(".ant-table .ant-badge-status-text")?.textContent).toBe("Approved");
    expect(window.location.pathname + window.location.search).toBe("/procurement/purchase-orders?status=approved");
    const list = requests.find((r) => r.url.pathname === "/api/procurement/purchase-orders")!;
    expect(list.headers.get("Authorization")).toMatch(/^Bearer /);
    expect(list.url.searchParams.get("status")).toBe("approved");
    expect(requests.filter((r) => r.url.pathname === "/api/auth/token")).toHaveLength(1);

    answer = () => problem(401, { title: "Unauthorized", detail: "the token has expired" });
    await act(async () => fireEvent.click(screen.getByRole("button", { name: /Refresh/ })));
    await waitFor(() => expect(window.location.pathname).toBe("/sign-in"));
    expect(await screen.findByText(/Your session has expired/)).toBeTruthy();
    expect(new URLSearchParams(window.location.search).get("from")).toBe("/procurement/purchase-orders?status=approved");

    answer = api(["viewer"]);
    await signIn("ann");
    await waitFor(() => expect(window.location.pathname).toBe("/procurement/purchase-orders"));
    expect(await screen.findByText("1,234,567.05", undefined, { timeout: 10_000 })).toBeTruthy();
  }, 60_000); // two lazy chunks, three renders of the whole shell and its menu in jsdom: slow on a busy machine

  it("does not offer what the roles cannot use, and answers 403 when it is asked for anyway", async () => {
    answer = api(["viewer"]);
    window.history.pushState({}, "", "/admin/users");
    render(<App />);
    await signIn("vic");
    expect(await screen.findByText("Not allowed", undefined, { timeout: 10_000 })).toBeTruthy();
    expect(screen.queryByText("Administration")).toBeNull();
    expect(screen.getAllByText("Purchase orders").length).toBeGreaterThan(0);
    expect(requests.some((r) => r.url.pathname === "/api/auth/users")).toBe(false);
  }, 20_000);
});
