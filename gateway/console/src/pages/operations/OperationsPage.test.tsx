// @vitest-environment jsdom
/** The operations page against a fake gateway: dead letters per service, one service down, a replay after confirming. */
import { act, cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { App } from "../../App";
import { buttonOf, fakeApi, signedIn, stubBrowser } from "../../test/browser";
import { json, problem } from "../../test/helpers";

beforeAll(async () => {
  stubBrowser();
  // Load the app and the page's code before the clock of the first test starts: it is most of its time.
  await Promise.all([import("../../App"), import("./OperationsPage")]);
}, 120_000);
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  stubBrowser();
});

const LETTER = {
  message_id: "m-1", event_type: "sales.order_confirmed.v1", correlation_id: "c-1", reason: "rejected",
  error: "Traceback (most recent call last):\n  File \"handlers.py\"\nKeyError: 'warehouse_id'", failed_at: "2026-03-01T10:00:00+00:00",
  retry_count: 5, body: { order_id: "o-1" },
};

describe("the operations page", () => {
  it("lists each service's dead letters, survives a service that is down, and replays after confirming", async () => {
    let letters = [LETTER];
    const requests = fakeApi((request) => {
      const path = request.url.pathname;
      if (path === "/api/finance/admin/dead-letters") return problem(502, { title: "Bad Gateway", detail: "finance is not answering" });
      if (path === "/api/inventory/admin/dead-letters") return json(letters);
      if (path === "/api/inventory/admin/dead-letters/m-1/replay" && request.method === "POST") {
        letters = [];
        return json({ replayed: 1 });
      }
      if (path.endsWith("/admin/dead-letters")) return json([]);
      return problem(404, { title: "Not Found" });
    });
    signedIn("root", ["admin"]);
    window.history.pushState({}, "", "/admin/operations");
    render(<App />);

    expect(await screen.findByText("KeyError: 'warehouse_id'", undefined, { timeout: 30_000 })).toBeTruthy();
    expect(screen.getByText("sales.order_confirmed.v1")).toBeTruthy();
    expect(await screen.findByText("not answering", undefined, { timeout: 30_000 })).toBeTruthy();
    expect(requests.filter((request) => request.url.pathname.endsWith("/admin/dead-letters")).map((request) => request.url.searchParams.get("limit"))).toContain("200");

    await act(async () => fireEvent.click(buttonOf(screen.getByText("Replay"))));
    const dialog = await waitFor(() => document.querySelector<HTMLElement>(".ant-modal-confirm")!);
    expect(within(dialog).getAllByText(/Replay this sales.order_confirmed.v1 event/).length).toBeGreaterThan(0);
    expect(requests.some((request) => request.method === "POST")).toBe(false);
    await act(async () => fireEvent.click(buttonOf(within(dialog).getByText("Replay"))));
    await waitFor(() => expect(requests.some((request) => request.method === "POST" && request.url.pathname === "/api/inventory/admin/dead-letters/m-1/replay")).toBe(true));
    expect(await screen.findByText(/Events sent back for processing: 1/)).toBeTruthy();
    await waitFor(() => expect(screen.queryByText("KeyError: 'warehouse_id'")).toBeNull());
  }, 90_000);

  it("is not offered to other roles", async () => {
    fakeApi(() => json([]));
    signedIn("vic", ["viewer"]);
    window.history.pushState({}, "", "/admin/operations");
    render(<App />);
    expect(await screen.findByText("Not allowed", undefined, { timeout: 30_000 })).toBeTruthy();
    expect(screen.queryByText("Operations")).toBeNull();
  }, 90_000);
});
