// @vitest-environment jsdom
/**
 * Receiving a shipped transfer short against a fake inventory API: the shortfall shows per line and in all
 * before the receipt is booked, the body carries exactly what was typed, and the transfer is then received.
 */
import { act, cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { App } from "../../App";
import { buttonOf, fakeApi, signedIn, stubBrowser } from "../../test/browser";
import { json, problem, type Recorded } from "../../test/helpers";

const ID = "7a1b2c3d-4e5f-4a6b-8c9d-0e1f2a3b4c5d";

beforeAll(async () => {
  stubBrowser();
  await Promise.all([import("../../App"), import("./TransferDetailPage")]);
}, 120_000);
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  stubBrowser();
});

class FakeTransfer {
  status = "shipped";
  received: Record<string, string> = {};

  doc() {
    const received = this.status === "received";
    return {
      id: ID, number: "TR-2026-000001", status: this.status, from_warehouse_code: "MAIN", to_warehouse_code: "EAST",
      created_by_name: "ann", created_at: "2026-03-01T08:00:00+00:00", shipped_at: "2026-03-01T09:00:00+00:00", shipped_by_name: "ann",
      received_at: received ? "2026-03-02T09:00:00+00:00" : null, received_by_name: received ? "bob" : null, total_loss: received ? "1.25" : null, version: 2,
      lines: [
        { id: "l1", line_no: 1, item_code: "BOLT-M8", quantity: "10.0000", quantity_received: received ? this.received.l1 : null, quantity_lost: received ? "0.5000" : null, shipped: [] },
        { id: "l2", line_no: 2, item_code: "NUT-M8", quantity: "0.3000", quantity_received: received ? this.received.l2 : null, quantity_lost: received ? "0.0000" : null, shipped: [] },
      ],
    };
  }

  answer = (request: Recorded): Response => {
    const path = request.url.pathname;
    if (path === `/api/inventory/transfers/${ID}` && request.method === "GET") return json(this.doc());
    if (path === `/api/inventory/transfers/${ID}/receive` && request.method === "POST") {
      const { lines } = JSON.parse(request.body) as { lines: { transfer_line_id: string; quantity_received: string }[] };
      this.received = Object.fromEntries(lines.map((line) => [line.transfer_line_id, line.quantity_received]));
      this.status = "received";
      return json(this.doc());
    }
    if (path === "/api/finance/journal-entries") return json([], 200, { "X-Pagination": JSON.stringify({ total: 0, total_pages: 0, page: 1 }) });
    return problem(404, { title: "Not Found" });
  };
}

describe("receiving a transfer", () => {
  it("shows the shortfall per line before booking, then books what was typed", async () => {
    const fake = new FakeTransfer();
    const requests = fakeApi(fake.answer);
    signedIn("bob", ["warehouse"]);
    window.history.pushState({}, "", `/inventory/transfers/${ID}`);
    render(<App />);

    const receive = buttonOf(await screen.findByText("Receive", { selector: "[data-action] span" }, { timeout: 30_000 }));
    expect(document.querySelector('[data-action="ship"]')).toBeNull();
    await act(async () => fireEvent.click(receive));
    const first = await screen.findByLabelText("Line 1 received");
    expect((first as HTMLInputElement).value).toBe("10");
    expect(screen.getByText(/Everything shipped arrived/)).toBeTruthy();

    fireEvent.change(first, { target: { value: "9.5" } });
    fireEvent.change(screen.getByLabelText("Line 2 received"), { target: { value: "0.3" } });
    expect(document.querySelector('[data-shortfall="1"]')?.textContent).toBe("0.5");
    expect(document.querySelector('[data-shortfall="2"]')?.textContent).toBe("—");
    expect(screen.getByText("1 line is short by 0.5: it will be booked as lost in transit.")).toBeTruthy();

    fireEvent.change(screen.getByLabelText("Line 2 received"), { target: { value: "0.4" } });
    expect(screen.getByText("More than was shipped")).toBeTruthy();
    await act(async () => fireEvent.click(buttonOf(screen.getByText("Book receipt"))));
    expect(requests.some((request) => request.url.pathname.endsWith("/receive"))).toBe(false);

    fireEvent.change(screen.getByLabelText("Line 2 received"), { target: { value: "0.1" } });
    expect(screen.getByText("2 lines are short by 0.7 in all: they will be booked as lost in transit.")).toBeTruthy();
    await act(async () => fireEvent.click(buttonOf(screen.getByText("Book receipt"))));
    await waitFor(() => expect(document.querySelector('[data-document="transfer"]')?.getAttribute("data-status")).toBe("received"));
    const post = requests.find((request) => request.url.pathname.endsWith("/receive"))!;
    expect(JSON.parse(post.body)).toEqual({ lines: [{ transfer_line_id: "l1", quantity_received: "9.5" }, { transfer_line_id: "l2", quantity_received: "0.1" }] });
    expect(document.querySelector('[data-action="receive"]')).toBeNull();
  }, 120_000);
});
