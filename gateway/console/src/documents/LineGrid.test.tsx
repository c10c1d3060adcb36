// @vitest-environment jsdom
/**
 * The line grid in a simulated browser: the item lookup asks the server (one short page, by the typed
 * text), amounts and totals follow the typing exactly, Enter in the last cell adds a line and moves there,
 * a server error shows at its cell until that cell is edited, and a line can be deleted.
 */
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { useState } from "react";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { FieldErrors } from "../api/problem";
import { AuthProvider } from "../auth/AuthProvider";
import { LanguageProvider } from "../i18n/LanguageProvider";
import { fakeApi, signedIn, stubBrowser } from "../test/browser";
import { json, type Recorded } from "../test/helpers";
import { blankLine, PURCHASE_COLUMNS, type DraftLine } from "./draftLines";
import { LineGrid } from "./LineGrid";

const ITEMS = [{ id: "item-bolt", code: "BOLT-M8", name: "Bolt M8", unit: "pc", item_type: "raw_material", active: true }];

let changes: FieldErrors[] = [];

let latest: DraftLine[] = [];

function Harness({ initialErrors = {}, lineCount = 1 }: { initialErrors?: FieldErrors; lineCount?: number }) {
  const [lines, setLines] = useState<DraftLine[]>(() => Array.from({ length: lineCount }, () => blankLine()));
  latest = lines;
  const [errors, setErrors] = useState<FieldErrors>(initialErrors);
  return (
    <LineGrid
      columns={PURCHASE_COLUMNS}
      lines={lines}
      onChange={setLines}
      serverErrors={errors}
      onServerErrorsChange={(next) => {
        changes.push(next);
        setErrors(next);
      }}
      showAllProblems={false}
    />
  );
}

function mount(initialErrors?: FieldErrors, lineCount?: number) {
  return render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <AuthProvider>
        <LanguageProvider>
          <Harness initialErrors={initialErrors} lineCount={lineCount} />
        </LanguageProvider>
      </AuthProvider>
    </QueryClientProvider>,
  );
}

let requests: Recorded[] = [];

beforeAll(stubBrowser);
beforeEach(() => {
  changes = [];
  signedIn("bea", ["purchasing"]);
  requests = fakeApi((request) =>
    request.url.pathname === "/api/inventory/items" ? json(ITEMS, 200, { "X-Pagination": JSON.stringify({ total: 1, total_pages: 1, page: 1 }) }) : json({}, 404),
  );
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  stubBrowser();
});

describe("the line grid", () => {
  it("looks items up on the server, prices lines exactly, and adds a line on Enter in the last cell", async () => {
    mount();
    const item = screen.getByRole("combobox", { name: "Line 1 item" });
    fireEvent.mouseDown(item);
    fireEvent.change(item, { target: { value: "bolt" } });
    const searches = () => requests.filter((request) => request.url.pathname === "/api/inventory/items");
    await waitFor(() => expect(searches().some((request) => request.url.searchParams.get("q") === "bolt")).toBe(true), { timeout: 5000 });
    const search = searches().find((request) => request.url.searchParams.get("q") === "bolt")!;
    expect(search.url.searchParams.get("page_size")).toBe("20");
    expect(search.url.searchParams.get("active")).toBe("true");
    expect(searches().filter((request) => request.url.searchParams.get("q") === "bolt")).toHaveLength(1);
    const option = await screen.findByText("BOLT-M8 · Bolt M8", { selector: ".ant-select-item-option-content" }, { timeout: 5000 });
    fireEvent.click(option);

    fireEvent.change(screen.getByLabelText("Line 1 quantity"), { target: { value: "3" } });
    fireEvent.change(screen.getByLabelText("Line 1 unit price"), { target: { value: "0.335" } });
    expect(document.querySelector('[data-amount="lines.0"]')?.textContent).toBe("1.01"); // 1.005, half up
    expect(document.querySelector('[data-total="total"]')?.textContent).toBe("1.01");

    await act(async () => {
      fireEvent.keyDown(screen.getByLabelText("Line 1 unit price"), { key: "Enter" });
      await new Promise((resolve) => requestAnimationFrame(resolve));
    });
    expect(screen.getByRole("combobox", { name: "Line 2 item" })).toBeTruthy();
    await waitFor(() => expect(document.activeElement?.getAttribute("aria-label")).toBe("Line 2 item"));

    fireEvent.click(screen.getByRole("button", { name: "Delete line 2" }));
    expect(screen.queryByRole("combobox", { name: "Line 2 item" })).toBeNull();
  }, 20_000);

  it("shows a server error at its cell until the cell is edited", () => {
    mount({ "lines.0.quantity": ["use at most 4 decimal places"], supplier_id: ["unknown"] });
    const quantity = screen.getByLabelText("Line 1 quantity");
    expect(screen.getByText("use at most 4 decimal places")).toBeTruthy();
    expect(quantity.getAttribute("aria-invalid")).toBe("true");
    expect(quantity.getAttribute("aria-describedby")).toBe("lines.0.quantity.error");
    fireEvent.change(quantity, { target: { value: "2" } });
    expect(screen.queryByText("use at most 4 decimal places")).toBeNull();
    expect(changes.at(-1)).toEqual({ supplier_id: ["unknown"] });
  }, 20_000);

  it("keeps every line's typing when only the edited line renders again, and renumbers after a delete", () => {
    mount(undefined, 3);
    const quantity = (line: number) => screen.getByLabelText(`Line ${line} quantity`) as HTMLInputElement;
    fireEvent.change(quantity(1), { target: { value: "1" } });
    fireEvent.change(quantity(3), { target: { value: "3" } });
    fireEvent.change(quantity(2), { target: { value: "2" } });
    fireEvent.change(quantity(1), { target: { value: "11" } }); // a cell not rendered since its first change
    expect(latest.map((line) => line.quantity)).toEqual(["11", "2", "3"]);
    expect([1, 2, 3].map((line) => quantity(line).value)).toEqual(["11", "2", "3"]);

    fireEvent.click(screen.getByRole("button", { name: "Delete line 1" }));
    expect([1, 2].map((line) => quantity(line).value)).toEqual(["2", "3"]);
    expect(screen.queryByLabelText("Line 3 quantity")).toBeNull();
    fireEvent.change(quantity(2), { target: { value: "33" } });
    expect(latest.map((line) => line.quantity)).toEqual(["2", "33"]);
  }, 20_000);
});
