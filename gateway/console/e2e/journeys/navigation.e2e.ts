/** What a role is offered: the menu leaves out what the gateway would refuse, and a typed-in forbidden route says 403. */
import { afterAll, beforeAll, expect, test } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launch, open } from "../support/browser";
import { credentials } from "../support/env";
import { openAndSignIn, settled, TEXTS } from "../support/console";

const en = TEXTS.en;
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

async function menuTexts(page: Page): Promise<string[]> {
  const menu = page.locator(".ant-layout-sider .ant-menu-root");
  await menu.waitFor();
  return (await menu.locator(".ant-menu-title-content").allTextContents()).map((text) => text.trim());
}

test("a viewer sees the lists but no administration, and a typed-in admin route answers 403", async () => {
  const watched = await open(browser);
  const { page } = watched;
  await openAndSignIn(page, credentials("viewer"));
  const menu = await menuTexts(page);
  expect(menu).toEqual(expect.arrayContaining([en.nav.items, en.nav.purchaseOrders, en.nav.salesOrders]));
  expect(menu).not.toContain(en.nav.administration);
  expect(menu).not.toContain(en.nav.users);

  await page.getByRole("link", { name: en.nav.purchaseOrders }).first().click();
  await page.getByRole("heading", { name: en.nav.purchaseOrders }).waitFor();
  await settled(page);
  // Reading is all a viewer may do: the list offers no action that writes.
  expect(await page.locator("[data-action]").count()).toBe(0);
  const buttons = (await page.locator(".erp-content button").allTextContents()).map((text) => text.trim()).filter(Boolean);
  for (const text of buttons) expect([en.list.refresh, en.list.export, en.list.reset]).toContain(text);
  await page.goto("/procurement/purchase-orders/new");
  await page.getByText(en.errors.forbiddenTitle).waitFor();

  const before = watched.requests.length;
  await page.goto("/admin/users");
  await page.getByText(en.errors.forbiddenTitle).waitFor();
  await page.getByText(en.errors.forbidden).waitFor();
  // The page is refused by the console itself: no users list was asked for.
  expect(watched.requests.slice(before).filter((url) => url.includes("/api/auth/users"))).toEqual([]);
  await watched.close();
});

test("a buyer gets the purchasing actions the viewer does not", async () => {
  const watched = await open(browser);
  const { page } = watched;
  await openAndSignIn(page, credentials("purchasing"), "/procurement/purchase-orders");
  await page.getByRole("heading", { name: en.nav.purchaseOrders }).waitFor();
  await page.locator('[data-action="create"]').click();
  await page.waitForURL((url) => url.pathname === "/procurement/purchase-orders/new");
  await page.getByRole("heading", { name: en.documents.po.new }).waitFor();
  // …but not the users list.
  expect(await menuTexts(page)).not.toContain(en.nav.users);
  await watched.close();
});

test("an administrator gets the users list the viewer cannot open", async () => {
  const watched = await open(browser);
  const { page } = watched;
  await openAndSignIn(page, credentials("admin"), "/admin/users");
  expect(new URL(page.url()).pathname).toBe("/admin/users");
  expect(await menuTexts(page)).toContain(en.nav.users);
  await page.getByRole("heading", { name: en.nav.users }).waitFor();
  await page.locator(".ant-table-row").filter({ hasText: credentials("viewer").username }).first().waitFor();
  await watched.close();
});

test("an administrator gives a new colleague an account with the buyer's role, and the colleague signs in to it", async () => {
  const username = `e2e-new-${Date.now().toString(36)}`;
  const password = `pw-${Math.random().toString(36).slice(2)}-Aa1`;
  const admin = await open(browser);
  await openAndSignIn(admin.page, credentials("admin"), "/admin/users");
  await admin.page.locator('[data-action="new-user"]').click();
  await admin.page.locator('[data-form="user-new"]').waitFor();
  await admin.page.locator("#user-username").fill(username);
  await admin.page.locator("#user-password").fill(password);
  await admin.page.locator('[data-field="roles"]').getByText(en.roles.purchasing, { exact: true }).click();
  await admin.page.locator('[data-action="create-user"]').click();
  await admin.page.locator('[data-form="user-new"]').waitFor({ state: "detached" });
  await admin.close();

  const colleague = await open(browser);
  await openAndSignIn(colleague.page, { username, password }, "/procurement/purchase-orders");
  await colleague.page.locator('[data-action="create"]').waitFor(); // a buyer may enter purchase orders
  expect(await menuTexts(colleague.page)).not.toContain(en.nav.administration);
  await colleague.close();
});
