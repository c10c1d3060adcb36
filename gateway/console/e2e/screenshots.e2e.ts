/**
 * `npm run screenshots`: the main pages in English and Chinese as 1280×800 PNGs in docs/screenshots/, named
 * `<language>-<page>.png` (`en-sign-in.png`, `zh-CN-purchase-order.png`). Seeds a few records first through
 * the API (ERP_SCREENSHOTS_SEED=0 skips that), so run it against a test or demo system, never production.
 */
import { mkdir } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, test } from "vitest";
import type { Browser, Page } from "playwright-core";
import { call, eventually } from "./support/api";
import { launch, open } from "./support/browser";
import { credentials } from "./support/env";
import { menuPaths, openAndSignIn, settled, type Language } from "./support/console";
import { seedSample, type Sample } from "./support/seed";

const DIRECTORY = process.env.ERP_SCREENSHOTS_DIR ?? fileURLToPath(new URL("../../../docs/screenshots/", import.meta.url));
let browser: Browser;
let sample: Sample | null = null;
let requisitionId: string | null = null;

/** One order further along: submitted, sent, half received; one sales order confirmed. */
async function progress(next: Sample): Promise<void> {
  const order = next.purchaseOrder;
  await call("purchasing", "POST", `/api/procurement/purchase-orders/${order.id}/submit`);
  await call("purchasing", "POST", `/api/procurement/purchase-orders/${order.id}/send`);
  await call("warehouse", "POST", `/api/procurement/purchase-orders/${order.id}/receipts`, {
    lines: [{ po_line_id: order.lines[0].id, quantity_received: "60", quantity_accepted: "58", quantity_rejected: "2", batch_no: "B-2026-001", warehouse_id: next.warehouse.id }],
  });
  await call("sales", "POST", `/api/sales/sales-orders/${next.salesOrder.id}/confirm`);
  requisitionId = await requisitionInProgress(next);
}

/** Maintenance asks for 20 kg of the copper just received; the warehouse approves and issues 8 kg of it. */
async function requisitionInProgress(next: Sample): Promise<string> {
  const department = await call("hr", "POST", "/api/hr/departments", { code: `MNT-${next.tag}`, name: "Maintenance 维修部" });
  const employee = await call("hr", "POST", "/api/hr/employees", { employee_no: `E-${next.tag}`, full_name: "王芳 Wang Fang", department_id: department.id });
  await eventually(async () => (await call<unknown[]>("viewer", "GET", `/api/inventory/read-models/employees?id=${employee.id}`)).length > 0, "the employee in inventory");
  await eventually(async () => {
    const stock = await call<{ available: string }[]>("viewer", "GET", `/api/inventory/stock/availability?item_id=${next.items[0].id}`);
    return stock.some((row) => Number(row.available) > 0);
  }, "the copper in stock");
  const requisition = await call("production", "POST", "/api/inventory/material-requisitions", {
    department_id: department.id, requested_by: employee.id, notes: "Line 2 gearbox overhaul",
    lines: [{ item_id: next.items[0].id, warehouse_id: next.warehouse.id, quantity: "20" }],
  });
  await call("warehouse", "POST", `/api/inventory/material-requisitions/${requisition.id}/approve`);
  await call("warehouse", "POST", `/api/inventory/material-requisitions/${requisition.id}/issues`, {
    lines: [{ requisition_line_id: requisition.lines[0].id, quantity: "8" }],
  });
  return requisition.id;
}

beforeAll(async () => {
  browser = await launch();
  await mkdir(DIRECTORY, { recursive: true });
  if (process.env.ERP_SCREENSHOTS_SEED !== "0") {
    await seedSample();
    sample = await seedSample();
    await progress(sample);
  }
});
afterAll(async () => {
  await browser?.close();
});

/** The menu pages worth a picture, by path, and the name of their file. */
const MENU_PAGES: Record<string, string> = {
  "/inventory/items": "items",
  "/inventory/stock": "stock",
  "/inventory/requisitions": "requisitions",
  "/hr/employees": "employees",
  "/procurement/suppliers": "suppliers",
  "/procurement/purchase-orders": "purchase-orders",
  "/sales/customers": "customers",
  "/sales/sales-orders": "sales-orders",
  "/finance/journal-entries": "journal-entries",
  "/finance/trial-balance": "trial-balance",
  "/admin/users": "users",
};

async function shoot(page: Page, language: Language, name: string): Promise<void> {
  await settled(page);
  await page.mouse.move(1279, 799); // no hover effects
  await page.evaluate(() => window.scrollTo(0, 0)); // a menu click may have scrolled the page to its entry
  await page.screenshot({ path: `${DIRECTORY}/${language}-${name}.png`, fullPage: false, animations: "disabled" });
}

for (const language of ["en", "zh-CN"] as const) {
  test(`screenshots in ${language}`, async () => {
    const watched = await open(browser, { locale: language === "en" ? "en-US" : "zh-CN" });
    const { page } = watched;
    await page.goto("/sign-in");
    await shoot(page, language, "sign-in");
    await openAndSignIn(page, credentials("admin"));
    await page.waitForFunction((lang) => document.documentElement.lang === lang, language);
    await shoot(page, language, "home");
    const offered = new Set(await menuPaths(page));
    for (const [path, name] of Object.entries(MENU_PAGES)) {
      if (!offered.has(path)) continue;
      await page.locator(`.ant-layout-sider a[href="${path}"]`).click();
      await page.waitForURL((url) => url.pathname === path);
      await shoot(page, language, name);
    }
    if (sample) {
      for (const [path, name] of [
        [`/procurement/purchase-orders/${sample.purchaseOrder.id}`, "purchase-order"],
        ["/procurement/purchase-orders/new", "purchase-order-new"],
        [`/sales/sales-orders/${sample.salesOrder.id}`, "sales-order"],
        ...(requisitionId ? [[`/inventory/requisitions/${requisitionId}`, "requisition"]] : []),
      ]) {
        await page.goto(path);
        await page.locator("[data-document], .ant-form").first().waitFor();
        await shoot(page, language, name);
      }
    }
    await watched.close();
  });
}
