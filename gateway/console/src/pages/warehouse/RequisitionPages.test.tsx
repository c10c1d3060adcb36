// @vitest-environment jsdom
/**
 * A new material requisition against a fake inventory API: department, requester, item and warehouse found
 * by type-ahead, a refused field shown at its cell, then the same Idempotency-Key on the retry that succeeds
 * and the detail page with the step bar at "pending approval".
 */
import { act, cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { App } from "../../App";
import { buttonOf, fakeApi, signedIn, stubBrowser } from "../../test/browser";
import { json, problem, type Recorded } from "../../test/helpers";

const ID = "5d0c3b2a-1e4f-4a6b-9c8d-7e6f5a4b3c2d";
const page = (rows: unknown[]) => json(rows, 200, { "X-Pagination": JSON.stringify({ total: rows.length, total_pages: 1, page: 1 }) });

beforeAll(async () => {
  stubBrowser();
  await Promise.all([import("../../App"), import("./RequisitionFormPage"), import("./RequisitionDetailPage")]);
}, 120_000);
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  stubBrowser();
});

function answer(posts: { count: number }) {
  return (request: Recorded): Response => {
    const path = request.url.pathname;
    if (path === "/api/inventory/read-models/departments") return page([{ id: "d1", code: "MAINT", name: "Maintenance", active: true }]);
    if (path === "/api/inventory/read-models/employees") return page([{ id: "e1", employee_no: "E-007", full_name: "Li Wei", active: true }]);
    if (path === "/api/inventory/items") return page([{ id: "i1", code: "BOLT-M8", name: "Hex bolt M8", unit: "pc", active: true }]);
    if (path === "/api/inventory/warehouses") return page([{ id: "w1", code: "MAIN", name: "Main store", active: true }]);
    if (path === "/api/inventory/material-requisitions" && request.method === "POST") {
      posts.count += 1;
      if (posts.count === 1) return problem(422, { title: "Unprocessable Entity", detail: "warehouse MAIN is closed", errors: { "lines[0].warehouse_id": ["warehouse MAIN is closed for issues"] } });
      return json({ id: ID, number: "MR-2026-000001", status: "pending_approval", created_by: "id-ann", created_by_name: "ann", created_at: "2026-03-01T08:00:00+00:00", lines: [], issues: [] }, 201);
    }
    if (path === `/api/inventory/material-requisitions/${ID}`) {
      return json({ id: ID, number: "MR-2026-000001", status: "pending_approval", created_by: "id-ann", created_by_name: "ann", created_at: "2026-03-01T08:00:00+00:00", lines: [], issues: [] });
    }
    return problem(404, { title: "Not Found" });
  };
}

async function choose(label: string, option: string) {
  const box = screen.getByRole("combobox", { name: label });
  fireEvent.mouseDown(box);
  // An earlier lookup's list stays in the document once opened: the newest is the one just opened.
  const options = await screen.findAllByText(option, { selector: ".ant-select-item-option-content" }, { timeout: 10_000 });
  fireEvent.click(options[options.length - 1]);
}

describe("a new material requisition", () => {
  it("shows a refused field at its cell, then is created with the same Idempotency-Key", async () => {
    const posts = { count: 0 };
    const requests = fakeApi(answer(posts));
    signedIn("ann", ["warehouse"]);
    window.history.pushState({}, "", "/inventory/requisitions/new");
    render(<App />);

    await screen.findByRole("combobox", { name: "Department" }, { timeout: 30_000 });
    await choose("Department", "MAINT · Maintenance");
    await choose("Requested by", "E-007 · Li Wei");
    await choose("Line 1 item", "BOLT-M8 · Hex bolt M8");
    await choose("Line 1 warehouse", "MAIN · Main store");
    fireEvent.change(screen.getByLabelText("Line 1 quantity"), { target: { value: "0.1" } });
    await act(async () => {
      fireEvent.keyDown(screen.getByLabelText("Line 1 batch"), { key: "Enter" });
      await new Promise((resolve) => requestAnimationFrame(resolve));
    });
    fireEvent.change(screen.getByLabelText("Line 2 quantity"), { target: { value: "0.2" } });
    await choose("Line 2 item", "BOLT-M8 · Hex bolt M8");
    expect(document.querySelector('[data-total="quantity"]')?.textContent).toContain("0.3 pc");

    fireEvent.click(screen.getByRole("button", { name: "Delete line 2" }));
    await act(async () => fireEvent.click(buttonOf(screen.getByText("Send for approval"))));
    const cell = await waitFor(() => {
      const found = document.querySelector('[data-cell="lines.0.warehouse_id"]');
      expect(found?.textContent).toContain("warehouse MAIN is closed for issues");
      return found!;
    });
    expect(cell.querySelector('[aria-invalid="true"]')).toBeTruthy();

    await act(async () => fireEvent.click(buttonOf(screen.getByText("Send for approval"))));
    await waitFor(() => expect(document.querySelector('[data-document="material-requisition"]')?.getAttribute("data-status")).toBe("pending_approval"), { timeout: 10_000 });
    const creates = requests.filter((request) => request.method === "POST");
    expect(creates).toHaveLength(2);
    const key = creates[0].headers.get("Idempotency-Key");
    expect(key).toBeTruthy();
    expect(creates[1].headers.get("Idempotency-Key")).toBe(key);
    expect(JSON.parse(creates[1].body)).toEqual({
      department_id: "d1", requested_by: "e1", needed_by: null, notes: null,
      lines: [{ item_id: "i1", warehouse_id: "w1", quantity: "0.1", batch_no: null }],
    });
    expect(document.querySelector('[data-action="approve"]')?.hasAttribute("disabled")).toBe(true);
  }, 120_000);
});
