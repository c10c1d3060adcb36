/**
 * A sales order over the customer's credit limit: the salesperson enters and confirms it and it stops on
 * credit hold; accounting releases it (inventory then reserves the stock); the warehouse delivers it.
 */
import { afterAll, beforeAll, expect, test } from "vitest";
import type { Browser } from "playwright-core";
import { call, eventually, unique } from "../support/api";
import { launch, open, type Watched } from "../support/browser";
import { credentials, type Credentials } from "../support/env";
import { openAndSignIn, TEXTS } from "../support/console";
import { action, cell, documentStatus, pick, total } from "../support/documents";
import { replicated } from "../support/seed";

const en = TEXTS.en;
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** A customer with a small credit limit, and 40 gear pumps in stock (bought in through procurement). */
async function master() {
  const tag = unique("O2C").slice(4);
  const customer = await call("sales", "POST", "/api/sales/customers", {
    code: `CUS-${tag}`, name: `北风贸易 Northwind ${tag}`, credit_rating: "B", credit_limit: "1000.00",
  });
  const supplier = await call("purchasing", "POST", "/api/procurement/suppliers", { code: `SUP-${tag}`, name: "Pump works" });
  const warehouse = await call("warehouse", "POST", "/api/inventory/warehouses", { code: `WH-${tag}`, name: `Despatch ${tag}` });
  const item = await call("warehouse", "POST", "/api/inventory/items", { code: `FG-${tag}`, name: "Gear pump 齿轮泵", unit: "pc", item_type: "finished_good" });
  await replicated("procurement", "items", item.id);
  await replicated("procurement", "warehouses", warehouse.id);
  await replicated("sales", "items", item.id);
  await replicated("sales", "warehouses", warehouse.id);
  const order = await call("purchasing", "POST", "/api/procurement/purchase-orders", {
    supplier_id: supplier.id, lines: [{ item_id: item.id, quantity: "40", unit_price: "80.00" }],
  });
  await call("purchasing", "POST", `/api/procurement/purchase-orders/${order.id}/submit`); // within the threshold: approved
  await call("purchasing", "POST", `/api/procurement/purchase-orders/${order.id}/send`);
  await call("warehouse", "POST", `/api/procurement/purchase-orders/${order.id}/receipts`, {
    lines: [{ po_line_id: order.lines[0].id, quantity_received: "40", quantity_accepted: "40", quantity_rejected: "0", warehouse_id: warehouse.id }],
  });
  await eventually(async () => (await call<unknown[]>("viewer", "GET", `/api/inventory/stock/availability?item_id=${item.id}`)).length > 0, "stock of the gear pumps");
  return { customer, warehouse, item };
}

async function person(who: Credentials, path: string): Promise<Watched> {
  const watched = await open(browser);
  await openAndSignIn(watched.page, who, path);
  return watched;
}

test("an order over the credit limit waits for accounting, then is reserved and delivered", async () => {
  const m = await master();

  const seller = await person(credentials("sales"), "/sales/sales-orders");
  const page = seller.page;
  await page.getByRole("heading", { name: en.nav.salesOrders }).waitFor();
  await action(page, "create").click();
  await page.waitForURL(/\/sales\/sales-orders\/new$/);
  await pick(page, en.fields.customer, m.customer.code);
  await pick(page, en.documents.grid.cellLabel.item_id.replace("{{line}}", "1"), m.item.code);
  await pick(page, en.documents.grid.cellLabel.warehouse_id.replace("{{line}}", "1"), m.warehouse.code);
  await cell(page, "lines.0.quantity").fill("12");
  await cell(page, "lines.0.unit_price").fill("150.00");
  await cell(page, "lines.0.discount_pct").fill("5");
  await cell(page, "lines.0.tax_rate").fill("13");
  // 12 × 150.00 − 5 % = 1,710.00 net, 222.30 tax: 1,932.30, over the 1,000.00 limit.
  await expect.poll(() => total(page, "net")).toBe("1,710.00");
  await expect.poll(() => total(page, "tax")).toBe("222.30");
  await expect.poll(() => total(page, "total")).toBe("1,932.30");
  await action(page, "save-and-continue").click();
  await page.waitForURL(/\/sales\/sales-orders\/[0-9a-f-]{36}$/);
  await documentStatus(page, "sales-order", "credit_hold");
  // The salesperson cannot release their own order's hold: the action is not theirs to take.
  expect(await action(page, "releaseCredit").count()).toBe(0);
  const orderPath = new URL(page.url()).pathname;
  await seller.close();

  const accountant = await person(credentials("accounting"), orderPath);
  await documentStatus(accountant.page, "sales-order", "credit_hold");
  await action(accountant.page, "releaseCredit").click();
  await documentStatus(accountant.page, "sales-order", "reserved"); // inventory reserved the 12 pumps
  await accountant.close();

  const clerk = await person(credentials("warehouse"), orderPath);
  await documentStatus(clerk.page, "sales-order", "reserved");
  await action(clerk.page, "deliver").click();
  await clerk.page.locator('[data-form="delivery"]').waitFor();
  await action(clerk.page, "fill-available").click();
  expect(await cell(clerk.page, "lines.0.quantity").inputValue()).toMatch(/^12(\.0+)?$/);
  await action(clerk.page, "submit-delivery").click();
  await documentStatus(clerk.page, "sales-order", "delivered");
  await clerk.close();

  const available = await call<{ available: string }[]>("viewer", "GET", `/api/inventory/stock/availability?item_id=${m.item.id}`);
  expect(available.reduce((sum, row) => sum + Number(row.available), 0)).toBe(28);
});
