/** What a user does in the console, by the texts the console itself shows (imported, so wording changes follow). */
import { expect } from "vitest";
import type { Page } from "playwright-core";
import en from "../../src/i18n/en";
import zhCN from "../../src/i18n/zh-CN";
import type { Credentials } from "./env";

export const TEXTS = { en, "zh-CN": zhCN } as const;
export type Language = keyof typeof TEXTS;

/** Sign in on the page the browser is on (the sign-in page), and wait until the console has left it. */
export async function signIn(page: Page, who: Credentials): Promise<void> {
  await page.locator("#username").fill(who.username);
  await page.locator("#password").fill(who.password);
  await page.locator("button[type=submit]").click();
  await page.waitForURL((url) => !url.pathname.startsWith("/sign-in"));
}

export async function openAndSignIn(page: Page, who: Credentials, path = "/"): Promise<void> {
  await page.goto(path);
  await page.waitForURL(/\/sign-in/);
  await signIn(page, who);
}

export async function signOut(page: Page, language: Language = "en"): Promise<void> {
  await page.getByRole("button", { name: TEXTS[language].app.signOut }).click();
  await page.waitForURL(/\/sign-in/);
}

/** Pick `option` in the Ant Design select whose placeholder or current value reads `label`. */
export async function choose(page: Page, label: string, option: string): Promise<void> {
  await page.locator(".ant-select").filter({ hasText: label }).first().click();
  await page.locator(".ant-select-dropdown:visible .ant-select-item-option").filter({ hasText: option }).first().click();
}

/** The data rows a table shows (Ant Design adds a measuring row and a placeholder row; both are left out). */
export function tableRows(page: Page) {
  return page.locator(".ant-table-tbody > tr.ant-table-row");
}

/** Wait until the table has settled (no spinner) and return each row's cell texts. */
export async function tableTexts(page: Page): Promise<string[][]> {
  await expect.poll(() => page.locator(".ant-table .ant-spin-spinning").count()).toBe(0);
  return tableRows(page).evaluateAll((rows) =>
    rows.map((row) => Array.from(row.querySelectorAll("td"), (cell) => (cell.textContent ?? "").trim())),
  );
}

/**
 * The page once its data is in: something rendered, no spinner or loading text, every table showing rows or
 * its empty text, and nothing fetched for 300 ms (the count of resource timings stays the same).
 */
export async function settled(page: Page, timeout = 15_000): Promise<void> {
  const loading = [TEXTS.en.app.loading, TEXTS["zh-CN"].app.loading];
  const state = () =>
    page.evaluate((loadingTexts) => {
      const root = document.getElementById("root");
      const text = root?.innerText.trim() ?? "";
      let reason = "";
      if (!text) reason = "nothing rendered";
      else if (loadingTexts.some((loading) => text.includes(loading))) reason = "a loading text";
      else {
        const busy = document.querySelector(".ant-spin-spinning, .ant-skeleton-active, .ant-btn-loading");
        if (busy) reason = `busy: ${busy.className}`;
        else if (Array.from(document.querySelectorAll(".ant-table-tbody")).some((body) => !body.querySelector("tr.ant-table-row, .ant-empty"))) {
          reason = "a table without rows or its empty text";
        }
      }
      return { reason, fetched: performance.getEntriesByType("resource").length };
    }, loading);
  const deadline = Date.now() + timeout;
  let previous = -1;
  for (;;) {
    const { reason, fetched } = await state();
    if (!reason && fetched === previous) return;
    if (Date.now() > deadline) throw new Error(`${page.url()} did not settle within ${timeout} ms (${reason || "still fetching"})`);
    previous = reason ? -1 : fetched;
    await page.waitForTimeout(reason ? 100 : 300);
  }
}

/** Every page in the menu of the signed-in user (its sections are open), home left out. */
export async function menuPaths(page: Page): Promise<string[]> {
  await page.locator(".ant-layout-sider .ant-menu-root").waitFor();
  const hrefs = await page.locator(".ant-layout-sider .ant-menu-root a[href]").evaluateAll((links) => links.map((link) => link.getAttribute("href") ?? ""));
  return [...new Set(hrefs.filter((href) => href.startsWith("/") && href !== "/"))];
}
