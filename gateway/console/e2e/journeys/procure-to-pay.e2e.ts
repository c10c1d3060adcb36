/**
 * Procure to pay in the console, one person per browser: a buyer enters a purchase order with three lines
 * and submits it (over the approval threshold, so it waits); a second buyer approves and sends it; a
 * warehouse clerk receives part of it and sees the stock and the receipt's journal entry appear; accounting
 * enters the supplier's invoice and pays it. Once in English, once in Chinese.
 */
import { afterAll, beforeAll, expect, test } from "vitest";
import type { Browser, Page } from "playwright-core";
import { call, createUser, unique } from "../support/api";
import { launch, open, type Watched } from "../support/browser";
import { credentials, type Credentials } from "../support/env";
import { openAndSignIn, settled, TEXTS, type Language } from "../support/console";
import { action, cell, documentStatus, openTab, pick, total } from "../support/documents";
import { replicated } from "../support/seed";

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

interface Master {
  supplier: { id: string; code: string };
  warehouse: { id: string; code: string };
  items: { id: string; code: string }[];
  secondBuyer: Credentials;
}

async function master(): Promise<Master> {
  const tag = unique("P2P").slice(4);
  const supplier = await call("purchasing", "POST", "/api/procurement/suppliers", { code: `SUP-${tag}`, name: `华南金属 South China Metals ${tag}` });
  const warehouse = await call("warehouse", "POST", "/api/inventory/warehouses", { code: `WH-${tag}`, name: `Main ${tag}` });
  const items = [];
  for (const [code, name] of [["CU", "Copper rod 铜棒"], ["ZN", "Zinc ingot 锌锭"], ["SN", "Tin bar 锡条"]]) {
    items.push(await call("warehouse", "POST", "/api/inventory/items", { code: `${code}-${tag}`, name, unit: "kg", item_type: "raw_material" }));
  }
  for (const item of items) await replicated("procurement", "items", item.id);
  await replicated("procurement", "warehouses", warehouse.id);
  return { supplier, warehouse, items, secondBuyer: await createUser(["purchasing"], "e2e-buyer2") };
}

/** One person at their own browser, signed in, on `path`. */
async function person(who: Credentials, language: Language, path: string): Promise<Watched> {
  const watched = await open(browser, { locale: language === "en" ? "en-US" : "zh-CN" });
  await openAndSignIn(watched.page, who, path);
  await watched.page.waitForFunction((lang) => document.documentElement.lang === lang, language);
  return watched;
}

async function enterOrder(page: Page, m: Master, language: Language): Promise<string> {
  const texts = TEXTS[language];
  await page.getByRole("heading", { name: texts.nav.purchaseOrders }).waitFor();
  await action(page, "create").click();
  await page.waitForURL(/\/procurement\/purchase-orders\/new$/);
  await pick(page, texts.fields.supplier, m.supplier.code);
  const lines = [
    [m.items[0].code, "100", "45.50"], // 4,550.00
    [m.items[1].code, "200", "22.25"], // 4,450.00
    [m.items[2].code, "12.5", "120"], //  1,500.00
  ];
  for (const [index, [code, quantity, price]] of lines.entries()) {
    if (index > 0) await page.getByRole("button", { name: texts.documents.grid.addLine }).click();
    await pick(page, texts.documents.grid.cellLabel.item_id.replace("{{line}}", String(index + 1)), code);
    await cell(page, `lines.${index}.quantity`).fill(quantity);
    await cell(page, `lines.${index}.unit_price`).fill(price);
  }
  // The total is worked out in the browser, exactly, before anything is sent.
  await expect.poll(() => total(page, "total")).toBe("10,500.00");
  await action(page, "save-and-continue").click();
  await page.waitForURL(/\/procurement\/purchase-orders\/[0-9a-f-]{36}$/);
  await documentStatus(page, "purchase-order", "submitted"); // above the 10,000.00 threshold: it waits
  // The buyer who entered it may not approve it.
  await expect.poll(() => action(page, "approve").isDisabled()).toBe(true);
  return new URL(page.url()).pathname;
}

async function approveAndSend(page: Page): Promise<void> {
  await documentStatus(page, "purchase-order", "submitted");
  await action(page, "approve").click();
  await documentStatus(page, "purchase-order", "approved");
  await action(page, "send").click();
  await documentStatus(page, "purchase-order", "sent");
}

async function receivePart(page: Page, m: Master, language: Language): Promise<void> {
  const texts = TEXTS[language];
  await documentStatus(page, "purchase-order", "sent");
  await action(page, "receive").click();
  const drawer = page.locator('[data-form="receipt"]');
  await drawer.waitFor();
  await pick(page, texts.documents.receive.allWarehouses, m.warehouse.code);
  await cell(page, "lines.0.quantity_received").fill("60"); // 60 of 100 copper
  await cell(page, "lines.1.quantity_received").fill("200"); // all the zinc; no tin yet
  await action(page, "book-receipt").click();
  await documentStatus(page, "purchase-order", "partially_received");
}

async function seeStockAndPosting(page: Page, m: Master, language: Language): Promise<void> {
  const texts = TEXTS[language];
  // The receipt's journal entry (stock 1200 against goods received not invoiced 2100), once finance has it.
  await openTab(page, texts.documents.tabs.postings);
  const entry = page.locator('[data-panel="postings"] [data-entry]').first();
  await entry.waitFor({ timeout: 30_000 });
  const rows = await entry.locator("tr.ant-table-row").evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll("td"), (td) => td.textContent?.trim() ?? "")));
  expect(rows.map((cells) => cells.slice(0, 3))).toEqual([
    ["1200", "7,180.00", ""],
    ["2100", "", "7,180.00"],
  ]); // 60 × 45.50 + 200 × 22.25
  // The stock, on the warehouse's stock page.
  await page.goto(`/inventory/stock?warehouse_id=${m.warehouse.id}`);
  await settled(page);
  await expect
    .poll(async () => (await page.locator("tr.ant-table-row").allTextContents()).join("\n"), { timeout: 30_000 })
    .toMatch(new RegExp(`${m.items[0].code}[\\s\\S]*60|60[\\s\\S]*${m.items[0].code}`));
  const stock = (await page.locator("tr.ant-table-row").allTextContents()).join("\n");
  expect(stock).toContain(m.items[1].code);
  expect(stock).not.toContain(m.items[2].code);
  void texts;
}

async function invoiceAndPay(page: Page, language: Language): Promise<void> {
  const texts = TEXTS[language];
  await documentStatus(page, "purchase-order", "partially_received");
  await action(page, "invoice").click();
  const drawer = page.locator('[data-form="supplier-invoice"]');
  await drawer.waitFor();
  await page.getByRole("textbox", { name: texts.documents.invoice.ref, exact: true }).fill(unique("INV"));
  // Offered: what was received and not yet invoiced, at the order's prices.
  expect(await cell(page, "lines.0.quantity").inputValue()).toMatch(/^60(\.0+)?$/);
  expect(await cell(page, "lines.1.quantity").inputValue()).toMatch(/^200(\.0+)?$/);
  await expect.poll(() => total(page, "total", '[data-form="supplier-invoice"]')).toBe("7,180.00");
  await action(page, "enter-invoice").click();
  await drawer.locator('[data-match="posted"]').waitFor({ timeout: 30_000 });
  await page.keyboard.press("Escape");
  await drawer.waitFor({ state: "detached" });

  await action(page, "pay").click();
  const payment = page.locator('[data-form="payment"]');
  await payment.waitFor();
  await expect.poll(() => total(page, "payment", '[data-form="payment"]')).toBe("7,180.00");
  await action(page, "record-payment").click();
  await payment.waitFor({ state: "detached" });
  await openTab(page, texts.documents.tabs.payments);
  await page.locator('[role="tabpanel"]:visible tr.ant-table-row').filter({ hasText: /PAY-\d{4}-\d+/ }).filter({ hasText: "7,180.00" }).waitFor();
}

for (const language of ["en", "zh-CN"] as const) {
  test(`a purchase order from entry to payment, by four people (${language})`, async () => {
    const m = await master();
    const buyer = await person(credentials("purchasing"), language, "/procurement/purchase-orders");
    const orderPath = await enterOrder(buyer.page, m, language);
    await buyer.close();

    const approver = await person(m.secondBuyer, language, orderPath);
    await approveAndSend(approver.page);
    await approver.close();

    const clerk = await person(credentials("warehouse"), language, orderPath);
    await receivePart(clerk.page, m, language);
    await seeStockAndPosting(clerk.page, m, language);
    await clerk.close();

    const accountant = await person(credentials("accounting"), language, orderPath);
    await invoiceAndPay(accountant.page, language);
    await accountant.close();

    const order = await call("viewer", "GET", `/api/procurement/purchase-orders/${orderPath.split("/").pop()}`);
    expect(order.status).toBe("partially_received");
    expect(order.lines.map((line: { quantity_received: string }) => Number(line.quantity_received))).toEqual([60, 200, 0]);
  });
}
