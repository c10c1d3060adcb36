/**
 * The warehouse's own documents in the console. A production planner asks for material for a department;
 * a warehouse clerk (not the requester) approves the request and issues it in two goes, and sees finance's
 * postings of both issues (department expense against stock 1200). The clerk then ships a transfer to a
 * second warehouse and receives it short: the shortfall is shown before booking, and only what arrived is
 * in stock there.
 */
import { afterAll, beforeAll, expect, test } from "vitest";
import type { Browser, Page } from "playwright-core";
import { call, eventually, unique } from "../support/api";
import { launch, open, type Watched } from "../support/browser";
import { credentials, type Credentials } from "../support/env";
import { openAndSignIn, TEXTS } from "../support/console";
import { action, cell, openTab, pick } from "../support/documents";
import { replicated } from "../support/seed";

const en = TEXTS.en;
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** A department with one employee; two warehouses; an item with 50 in the first (bought through procurement). */
async function master() {
  const tag = unique("WD").slice(3);
  const department = await call("hr", "POST", "/api/hr/departments", { code: `MNT-${tag}`, name: `Maintenance 维修部 ${tag}` });
  const employee = await call("hr", "POST", "/api/hr/employees", { employee_no: `E-${tag}`, full_name: "王芳 Wang Fang", department_id: department.id });
  const main = await call("warehouse", "POST", "/api/inventory/warehouses", { code: `WHA-${tag}`, name: `Main ${tag}` });
  const plant = await call("warehouse", "POST", "/api/inventory/warehouses", { code: `WHB-${tag}`, name: `Plant ${tag}` });
  const item = await call("warehouse", "POST", "/api/inventory/items", { code: `GRS-${tag}`, name: "Grease 润滑脂", unit: "kg", item_type: "raw_material" });
  const supplier = await call("purchasing", "POST", "/api/procurement/suppliers", { code: `SUP-${tag}`, name: "Lubricants Ltd" });
  await replicated("procurement", "items", item.id);
  await replicated("procurement", "warehouses", main.id);
  const order = await call("purchasing", "POST", "/api/procurement/purchase-orders", {
    supplier_id: supplier.id, lines: [{ item_id: item.id, quantity: "50", unit_price: "8.40" }],
  });
  await call("purchasing", "POST", `/api/procurement/purchase-orders/${order.id}/submit`);
  await call("purchasing", "POST", `/api/procurement/purchase-orders/${order.id}/send`);
  await call("warehouse", "POST", `/api/procurement/purchase-orders/${order.id}/receipts`, {
    lines: [{ po_line_id: order.lines[0].id, quantity_received: "50", quantity_accepted: "50", quantity_rejected: "0", warehouse_id: main.id }],
  });
  await eventually(async () => {
    const stock = await call<{ available: string }[]>("viewer", "GET", `/api/inventory/stock/availability?item_id=${item.id}`);
    return stock.some((row) => Number(row.available) === 50);
  }, "the 50 kg of grease in stock");
  await eventually(async () => (await call<unknown[]>("viewer", "GET", `/api/inventory/read-models/employees?id=${employee.id}`)).length > 0, "the employee in inventory");
  return { department, employee, main, plant, item };
}

async function person(who: Credentials, path: string): Promise<Watched> {
  const watched = await open(browser);
  await openAndSignIn(watched.page, who, path);
  return watched;
}

async function status(page: Page, kind: "material-requisition" | "transfer", value: string): Promise<void> {
  await page.locator(`[data-document="${kind}"][data-status="${value}"]`).waitFor({ timeout: 30_000 });
}

test("a requisition is approved by the warehouse and issued in part, then in full, with its postings", async () => {
  const m = await master();

  const planner = await person(credentials("production"), "/inventory/requisitions");
  let page = planner.page;
  await action(page, "create").click();
  await page.waitForURL(/\/inventory\/requisitions\/new$/);
  await pick(page, en.warehouseDocs.lookup.department, m.department.code);
  await pick(page, en.warehouseDocs.lookup.employee, "Wang Fang", m.employee.employee_no); // found by name as typed
  await pick(page, en.documents.grid.cellLabel.item_id.replace("{{line}}", "1"), m.item.code);
  await pick(page, en.documents.grid.cellLabel.warehouse_id.replace("{{line}}", "1"), m.main.code);
  await cell(page, "lines.0.quantity").fill("30");
  await action(page, "save").click();
  await page.waitForURL(/\/inventory\/requisitions\/[0-9a-f-]{36}$/);
  await status(page, "material-requisition", "pending_approval");
  expect(await action(page, "issue").count()).toBe(0); // not the planner's to issue
  const path = new URL(page.url()).pathname;
  await planner.close();

  const clerk = await person(credentials("warehouse"), path);
  page = clerk.page;
  await action(page, "approve").click();
  await status(page, "material-requisition", "approved");
  for (const [quantity, after] of [["12", "partially_issued"], [null, "issued"]] as const) {
    await action(page, "issue").click();
    const drawer = page.locator('[data-form="issue"]');
    await drawer.waitFor();
    const input = page.getByRole("textbox", { name: en.warehouseDocs.issue.line.replace("{{line}}", "1"), exact: true });
    if (quantity) await input.fill(quantity);
    else expect(await input.inputValue()).toMatch(/^18(\.0+)?$/); // offered what remains
    await action(page, "submit-issue").click();
    await drawer.waitFor({ state: "detached" });
    await status(page, "material-requisition", after);
  }
  // Finance posts each issue at moving-average cost: 12 and 18 kg at 8.40 to the department's expense.
  await openTab(page, en.documents.tabs.postings);
  await expect
    .poll(async () => page.locator('[data-panel="postings"] [data-entry]').count(), { timeout: 30_000 })
    .toBe(2);
  const credits = await page.locator('[data-panel="postings"] [data-entry] tr.ant-table-row').evaluateAll((rows) =>
    rows.map((row) => Array.from(row.querySelectorAll("td"), (cell) => cell.textContent?.trim() ?? "")).filter((cells) => cells[0] === "1200").map((cells) => cells[2]),
  );
  expect(credits.sort()).toEqual(["100.80", "151.20"]);
  await clerk.close();
});

test("a transfer is shipped and received short, the shortfall shown before it is booked", async () => {
  const m = await master();
  const clerk = await person(credentials("warehouse"), "/inventory/transfers");
  const page = clerk.page;
  await action(page, "create").click();
  await page.waitForURL(/\/inventory\/transfers\/new$/);
  await pick(page, en.warehouseDocs.transfer.from, m.main.code);
  await pick(page, en.warehouseDocs.transfer.to, m.plant.code);
  await pick(page, en.documents.grid.cellLabel.item_id.replace("{{line}}", "1"), m.item.code);
  await cell(page, "lines.0.quantity").fill("10");
  await action(page, "save").click();
  await page.waitForURL(/\/inventory\/transfers\/[0-9a-f-]{36}$/);
  await status(page, "transfer", "draft");
  await action(page, "ship").click();
  await page.locator(".ant-popconfirm .ant-btn-primary").click();
  await status(page, "transfer", "shipped");

  await action(page, "receive").click();
  await page.locator('[data-form="receive"]').waitFor();
  await page.getByRole("textbox", { name: en.warehouseDocs.receive.label.replace("{{line}}", "1"), exact: true }).fill("8");
  await expect.poll(async () => (await page.locator('[data-shortfall="1"]').textContent())?.trim()).toBe("2");
  await page.locator("[data-shortfall-summary]").waitFor();
  await action(page, "submit-receive").click();
  await status(page, "transfer", "received");
  await clerk.close();

  const atPlant = await call<{ on_hand: string }[]>("viewer", "GET", `/api/inventory/stock?item_id=${m.item.id}&warehouse_id=${m.plant.id}`);
  expect(atPlant.map((row) => row.on_hand.replace(/\.?0+$/, ""))).toEqual(["8"]);
});
