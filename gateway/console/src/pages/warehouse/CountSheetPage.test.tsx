// @vitest-environment jsdom
/**
 * A blind count end to end against a fake inventory API: the counter never sees a book quantity while
 * counting, saves exactly what was typed, submits after confirming, and then sees the variances; they may
 * not post their own count, someone else may.
 */
import { act, cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { App } from "../../App";
import { buttonOf, fakeApi, signedIn, stubBrowser } from "../../test/browser";
import { json, problem, type Recorded } from "../../test/helpers";
import type { CountLine, CountSheet } from "./countSheet";

const COUNT_ID = "0b3c61a2-5f0e-4c59-9d59-3f3a3c2b1a10";

beforeAll(async () => {
  stubBrowser();
  // Load the app and the page's code before the clock of the first test starts: it is most of its time.
  await Promise.all([import("../../App"), import("./CycleCountsPage")]);
}, 120_000);
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  stubBrowser();
});

/** The service's side: book quantities exist, but a counting sheet is sent without them (count_queries.py). */
class FakeCounts {
  status: CountSheet["status"] = "counting";
  book: Record<string, string> = { l1: "97.0000", l2: "3.0000" };
  lines: CountLine[] = [
    { id: "l1", line_no: 1, item_id: "i1", item_code: "BOLT-M8", item_name: "Hex bolt M8", unit: "pc", batch_no: null, abc_class: "A", counted_quantity: null, entered_unit_cost: null, counted_by_name: null, counted_at: null },
    { id: "l2", line_no: 2, item_id: "i2", item_code: "NUT-M8", item_name: "Nut M8", unit: "pc", batch_no: "LOT-7", abc_class: "C", counted_quantity: null, entered_unit_cost: null, counted_by_name: null, counted_at: null },
  ];

  sheet(): CountSheet {
    const reviewed = this.status !== "counting";
    return {
      id: COUNT_ID, number: "CC-2026-000001", status: this.status, warehouse_id: "w1", warehouse_code: "MAIN", scope: "all", classes: [],
      snapshot_at: "2026-03-01T08:00:00+00:00", created_by_name: "ann", created_at: "2026-03-01T08:00:00+00:00",
      submitted_by_name: reviewed ? "ann" : null, submitted_at: reviewed ? "2026-03-01T09:00:00+00:00" : null,
      posted_by_name: this.status === "posted" ? "bob" : null, posted_at: this.status === "posted" ? "2026-03-01T10:00:00+00:00" : null,
      total_gain: this.status === "posted" ? "0.00" : null, total_loss: this.status === "posted" ? "0.15" : null, version: 1,
      lines: this.lines.map((line) =>
        reviewed
          ? { ...line, book_quantity: this.book[line.id], variance: line.id === "l1" ? "-1.5000" : "0.0000", unit_cost: "0.100000", value: line.id === "l1" ? "-0.15" : "0.00" }
          : line,
      ),
    };
  }

  answer = (request: Recorded): Response => {
    const path = request.url.pathname;
    if (path === `/api/inventory/cycle-counts/${COUNT_ID}` && request.method === "GET") return json(this.sheet());
    if (path === `/api/inventory/cycle-counts/${COUNT_ID}/counts` && request.method === "PUT") {
      const { lines } = JSON.parse(request.body) as { lines: { line_id: string; counted_quantity: string }[] };
      for (const entry of lines) {
        const line = this.lines.find((candidate) => candidate.id === entry.line_id)!;
        Object.assign(line, { counted_quantity: entry.counted_quantity, counted_by_name: "ann" });
      }
      return json(this.sheet());
    }
    if (path === `/api/inventory/cycle-counts/${COUNT_ID}/submit`) {
      this.status = "submitted";
      return json(this.sheet());
    }
    if (path === `/api/inventory/cycle-counts/${COUNT_ID}/post`) {
      this.status = "posted";
      return json(this.sheet());
    }
    return problem(404, { title: "Not Found" });
  };
}

function columnTitles(): string[] {
  return Array.from(document.querySelectorAll("th.ant-table-cell"), (cell) => cell.textContent ?? "");
}

async function confirm(name: string) {
  const dialog = await waitFor(() => document.querySelector<HTMLElement>(".ant-modal-confirm")!);
  await act(async () => fireEvent.click(buttonOf(within(dialog).getByText(name))));
}

describe("a blind count", () => {
  it("is counted without book quantities, saved as typed, submitted after confirming, then reviewed", async () => {
    const counts = new FakeCounts();
    const requests = fakeApi(counts.answer);
    signedIn("ann", ["warehouse"]);
    window.history.pushState({}, "", `/inventory/cycle-counts/${COUNT_ID}`);
    render(<App />);

    const first = await screen.findByLabelText("Counted quantity, line 1", undefined, { timeout: 30_000 });
    expect(screen.getByText(/Blind count/)).toBeTruthy();
    expect(columnTitles()).not.toContain("Book");
    expect(document.body.textContent).not.toMatch(/97/);

    fireEvent.change(first, { target: { value: "95.5" } });
    fireEvent.change(screen.getByLabelText("Counted quantity, line 2"), { target: { value: "3.25x" } });
    expect(screen.getByText("Save (1)")).toBeTruthy();
    fireEvent.change(screen.getByLabelText("Counted quantity, line 2"), { target: { value: "3" } });
    await act(async () => fireEvent.click(buttonOf(screen.getByText("Save (2)"))));
    await waitFor(() => expect(requests.some((request) => request.method === "PUT")).toBe(true));
    const put = requests.find((request) => request.method === "PUT")!;
    expect(JSON.parse(put.body)).toEqual({ lines: [{ line_id: "l1", counted_quantity: "95.5" }, { line_id: "l2", counted_quantity: "3" }] });
    expect(document.body.textContent).not.toMatch(/97/);

    await act(async () => fireEvent.click(buttonOf(screen.getByText("Submit counts"))));
    await confirm("Submit counts");
    await waitFor(() => expect(requests.some((request) => request.url.pathname.endsWith("/submit"))).toBe(true));
    await waitFor(() => expect(columnTitles()).toContain("Book"));
    expect(await screen.findByText("97")).toBeTruthy();
    expect(screen.getByText("-1.5")).toBeTruthy();
    const post = buttonOf(screen.getByText("Post variances"));
    expect((post as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getAllByText(/someone else must post it/).length).toBeGreaterThan(0);
  }, 90_000);

  it("is posted by someone who did not count, after confirming the value of the variances", async () => {
    const counts = new FakeCounts();
    counts.status = "submitted";
    counts.lines = counts.lines.map((line) => ({ ...line, counted_quantity: line.id === "l1" ? "95.5000" : "3.0000", counted_by_name: "ann" }));
    const requests = fakeApi(counts.answer);
    signedIn("bob", ["warehouse"]);
    window.history.pushState({}, "", `/inventory/cycle-counts/${COUNT_ID}`);
    render(<App />);

    const post = buttonOf(await screen.findByText("Post variances", undefined, { timeout: 30_000 }));
    await act(async () => fireEvent.click(post));
    expect(await screen.findByText(/gains worth 0.00, losses worth -0.15/)).toBeTruthy();
    await confirm("Post variances");
    await waitFor(() => expect(requests.some((request) => request.url.pathname.endsWith("/post") && request.method === "POST")).toBe(true));
    await waitFor(() => expect(document.querySelector(".ant-badge-status-text")?.textContent).toBe("Posted"));
    expect(screen.getByText("Journal entries of this count").closest("a")?.getAttribute("href")).toBe("/finance/journal-entries?source_document=CC-2026-000001");
  }, 90_000);
});
