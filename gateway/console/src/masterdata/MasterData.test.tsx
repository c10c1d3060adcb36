// @vitest-environment jsdom
/** The record drawer on the real list screens against a fake gateway: a refused then accepted create, a deactivation after confirming. */
import { act, cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { App } from "../App";
import { buttonOf, fakeApi, fieldOf, found, paged, signedIn, stubBrowser } from "../test/browser";
import { json, problem } from "../test/helpers";

beforeAll(async () => {
  stubBrowser();
  await Promise.all([import("../App"), import("./RecordDrawer")]);
}, 120_000);
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  stubBrowser();
});


function input(name: string): HTMLInputElement {
  return document.getElementById(`record-${name}`) as HTMLInputElement;
}

describe("master data records", () => {
  it("create an item: a 422 on the code shows at the code field, the retry succeeds with one Idempotency-Key", async () => {
    let attempts = 0;
    const requests = fakeApi((request) => {
      const path = request.url.pathname;
      if (path === "/api/inventory/items" && request.method === "POST") {
        attempts += 1;
        if (attempts === 1) return problem(422, { title: "Validation failed", errors: { code: ["Use letters, digits and . _ / - only."] } });
        return json({ ...JSON.parse(request.body), id: "i-9", active: true, version: 1 }, 201);
      }
      if (path === "/api/inventory/items") return paged([]);
      return problem(404, { title: "Not Found" });
    });
    signedIn("wes", ["warehouse"]);
    window.history.pushState({}, "", "/inventory/items");
    render(<App />);

    const newItem = await found<HTMLButtonElement>('[data-action="new-record"]');
    expect(newItem.textContent).toBe("New Item");
    await act(async () => fireEvent.click(newItem));
    await waitFor(() => expect(input("code")).toBeTruthy());
    fireEvent.change(input("code"), { target: { value: "rm 1" } });
    fireEvent.change(input("name"), { target: { value: "Steel sheet" } });
    fireEvent.change(input("unit"), { target: { value: "kg" } });
    fireEvent.change(input("reorder_level"), { target: { value: "12.5" } });
    fireEvent.mouseDown(input("item_type"));
    fireEvent.click(await screen.findByText("Raw material", { selector: ".ant-select-item-option-content" }, { timeout: 5000 }));

    await act(async () => fireEvent.click(buttonOf(within(document.querySelector<HTMLElement>(".ant-drawer")!).getByText("Create"))));
    await waitFor(() => expect(within(fieldOf("code")).getByText("Use letters, digits and . _ / - only.")).toBeTruthy());
    const first = requests.find((request) => request.method === "POST")!;
    expect(JSON.parse(first.body)).toEqual({
      code: "rm 1", name: "Steel sheet", item_type: "raw_material", unit: "kg", valuation_method: "moving_average", reorder_level: "12.5", reorder_quantity: "0",
    });
    expect(first.headers.get("Idempotency-Key")).toBeTruthy();

    fireEvent.change(input("code"), { target: { value: "RM-1" } });
    await waitFor(() => expect(within(fieldOf("code")).queryByText("Use letters, digits and . _ / - only.")).toBeNull());
    const create = buttonOf(within(document.querySelector<HTMLElement>(".ant-drawer")!).getByText("Create"));
    await act(async () => {
      fireEvent.click(create);
      fireEvent.click(create);
    });
    expect(await screen.findByText("Item RM-1 created.", undefined, { timeout: 5000 })).toBeTruthy();
    const posts = requests.filter((request) => request.method === "POST");
    expect(posts).toHaveLength(2);
    expect(JSON.parse(posts[1].body).code).toBe("RM-1");
    expect(posts[1].headers.get("Idempotency-Key")).toBe(first.headers.get("Idempotency-Key"));
    await waitFor(() => expect(requests.filter((request) => request.method === "GET" && request.url.pathname === "/api/inventory/items").length).toBeGreaterThan(1));
  }, 90_000);

  it("deactivate a warehouse only after confirming, then show it inactive", async () => {
    let warehouse = { id: "w-1", code: "WH-1", name: "Main", address: null, active: true, version: 2 };
    const requests = fakeApi((request) => {
      const path = request.url.pathname;
      if (path === "/api/inventory/warehouses") return paged([warehouse]);
      if (path === "/api/inventory/warehouses/w-1" && request.method === "GET") return json(warehouse);
      if (path === "/api/inventory/warehouses/w-1/deactivate" && request.method === "POST") {
        warehouse = { ...warehouse, active: false, version: 3 };
        return json(warehouse);
      }
      return problem(404, { title: "Not Found" });
    });
    signedIn("wes", ["warehouse"]);
    window.history.pushState({}, "", "/inventory/warehouses");
    render(<App />);

    const link = await found('[data-record="w-1"]');
    expect(link.textContent).toBe("WH-1");
    await act(async () => fireEvent.click(link));
    await waitFor(() => expect(input("name")?.value).toBe("Main"));
    expect(input("code").disabled).toBe(true);
    await act(async () => fireEvent.click(buttonOf(within(document.querySelector<HTMLElement>(".ant-drawer")!).getByText("Deactivate"))));
    const dialog = await waitFor(() => document.querySelector<HTMLElement>(".ant-modal-confirm")!);
    expect(within(dialog).getAllByText("Deactivate Warehouse WH-1?").length).toBeGreaterThan(0);
    expect(requests.some((request) => request.method === "POST")).toBe(false);
    await act(async () => fireEvent.click(buttonOf(within(dialog).getByText("Deactivate"))));
    await waitFor(() => expect(requests.some((request) => request.method === "POST" && request.url.pathname === "/api/inventory/warehouses/w-1/deactivate")).toBe(true));
    expect(await screen.findByText("Warehouse WH-1 deactivated.", undefined, { timeout: 5000 })).toBeTruthy();
    const drawer = document.querySelector<HTMLElement>(".ant-drawer")!;
    await waitFor(() => expect(within(drawer).getByText("Inactive")).toBeTruthy());
    expect(within(drawer).queryByText("Deactivate")).toBeNull();
  }, 90_000);

  it("offer a viewer neither New nor Deactivate, and the fields read-only", async () => {
    const warehouse = { id: "w-1", code: "WH-1", name: "Main", address: null, active: true, version: 2 };
    fakeApi((request) => (request.url.pathname === "/api/inventory/warehouses" ? paged([warehouse]) : json(warehouse)));
    signedIn("vic", ["viewer"]);
    window.history.pushState({}, "", "/inventory/warehouses");
    render(<App />);
    const link = await found('[data-record="w-1"]');
    expect(link.textContent).toBe("WH-1");
    await act(async () => fireEvent.click(link));
    await waitFor(() => expect(input("name")?.value).toBe("Main"));
    expect(input("name").disabled).toBe(true);
    const drawer = document.querySelector<HTMLElement>(".ant-drawer")!;
    expect(within(drawer).queryByText("Deactivate")).toBeNull();
    expect(within(drawer).queryByText("Save")).toBeNull();
    expect(screen.queryByText("New Warehouse")).toBeNull();
  }, 90_000);
});
