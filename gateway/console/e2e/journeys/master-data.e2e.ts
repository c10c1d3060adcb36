/**
 * Master data in the console: a warehouse clerk enters an item whose code is taken (the service's refusal
 * shows at the code field), corrects it, renames the item and deactivates it; HR enters an employee in a
 * department found by typing part of its name. Each change reaches the API as entered.
 */
import { afterAll, beforeAll, expect, test } from "vitest";
import type { Browser, Page } from "playwright-core";
import { call, eventually, unique } from "../support/api";
import { launch, open } from "../support/browser";
import { credentials } from "../support/env";
import { openAndSignIn, TEXTS } from "../support/console";
import { action, pick } from "../support/documents";

const en = TEXTS.en;
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

function field(page: Page, name: string) {
  return page.locator(`[data-field="${name}"] input`).first();
}

async function choose(page: Page, name: string, option: string): Promise<void> {
  await page.locator(`[data-field="${name}"] .ant-select`).click();
  await page.locator(".ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option").filter({ hasText: option }).first().click();
}

test("an item: a taken code refused at its field, corrected, renamed, deactivated", async () => {
  const tag = unique("MD").slice(3);
  const taken = await call("warehouse", "POST", "/api/inventory/items", { code: `BRG-${tag}`, name: "Bearing", unit: "pc", item_type: "raw_material" });
  const clerk = await open(browser);
  const { page } = clerk;
  clerk.allowError(/status of 409/); // chromium logs the refused create as a failed resource
  await openAndSignIn(page, credentials("warehouse"), `/inventory/items?q=${tag}`);
  await action(page, "new-record").click();
  const drawer = page.locator('[data-form="record-/api/inventory/items"]');
  await drawer.waitFor();
  await field(page, "code").fill(taken.code);
  await field(page, "name").fill("Ball bearing 6204 深沟球轴承");
  await choose(page, "item_type", en.values.itemType.raw_material);
  await field(page, "unit").fill("pc");
  await field(page, "reorder_level").fill("40.5");
  await action(page, "create-record").click();
  await expect.poll(() => page.locator('[data-field-error="code"]').textContent()).toContain("already exists");

  await field(page, "code").fill(`BRG-6204-${tag}`);
  await expect.poll(() => page.locator('[data-field-error="code"]').count()).toBe(0); // cleared by the edit
  await action(page, "create-record").click();
  await drawer.waitFor({ state: "detached" });
  const created = await eventually(async () => {
    const rows = await call<{ id: string; name: string; reorder_level: string }[]>("viewer", "GET", `/api/inventory/items?q=BRG-6204-${tag}`);
    return rows[0];
  }, "the new item");
  expect(created.reorder_level).toMatch(/^40\.50*$/);

  await page.locator(`[data-record="${created.id}"]`).click();
  await drawer.waitFor();
  await expect.poll(() => field(page, "name").inputValue()).toBe("Ball bearing 6204 深沟球轴承");
  await field(page, "name").fill("Ball bearing 6204-2RS");
  await action(page, "save-record").click();
  await expect.poll(async () => (await call("viewer", "GET", `/api/inventory/items/${created.id}`)).name).toBe("Ball bearing 6204-2RS");
  await page.keyboard.press("Escape");
  await drawer.waitFor({ state: "detached" });

  await page.locator(`[data-record="${created.id}"]`).click();
  await action(page, "deactivate-record").click();
  await page.locator(".ant-popconfirm .ant-btn-primary, .ant-modal-confirm .ant-btn-primary").first().click();
  await expect.poll(async () => (await call("viewer", "GET", `/api/inventory/items/${created.id}`)).active).toBe(false);
  await clerk.close();
});

test("an employee in a department found by part of its name", async () => {
  const tag = unique("HR").slice(3);
  const department = await call("hr", "POST", "/api/hr/departments", { code: `QA-${tag}`, name: `Quality assurance 质量部 ${tag}` });
  const hr = await open(browser, { locale: "zh-CN" });
  const { page } = hr;
  await openAndSignIn(page, credentials("hr"), "/hr/employees");
  await action(page, "new-record").click();
  await page.locator('[data-form="record-/api/hr/employees"]').waitFor();
  await field(page, "employee_no").fill(`E-${tag}`);
  await field(page, "full_name").fill("李娜 Li Na");
  await pick(page, await page.locator('[data-field="department_id"] [role="combobox"]').getAttribute("aria-label") ?? "", `assurance 质量部 ${tag}`, department.code);
  await action(page, "create-record").click();
  const [employee] = await eventually(async () => {
    const rows = await call<{ department_id: string; full_name: string }[]>("viewer", "GET", `/api/hr/employees?q=E-${tag}`);
    return rows.length > 0 ? rows : null;
  }, "the new employee");
  expect(employee).toMatchObject({ department_id: department.id, full_name: "李娜 Li Na" });
  await hr.close();
});
