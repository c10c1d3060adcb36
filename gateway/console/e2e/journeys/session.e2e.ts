/**
 * The session's end without a word from the user: a token that expired while the tab was away, and one that
 * expires while they work. Both go to sign-in and, once signed in again, back to the page they were on.
 * The language each user chose is kept for them across sign-out and sign-in.
 */
import { afterAll, beforeAll, expect, test } from "vitest";
import type { Browser, Page } from "playwright-core";
import { createUser } from "../support/api";
import { launch, open } from "../support/browser";
import { credentials } from "../support/env";
import { openAndSignIn, signIn, signOut, TEXTS, type Language } from "../support/console";

const en = TEXTS.en;
const zh = TEXTS["zh-CN"];
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const SESSION_KEY = "erp.session";

/** The same token with `exp` moved into the past: the console reads it; the gateway would refuse it. */
async function expireStoredToken(page: Page): Promise<void> {
  await page.evaluate((key) => {
    const [header, payload, signature] = (sessionStorage.getItem(key) ?? "").split(".");
    const claims = JSON.parse(atob(payload.replace(/-/g, "+").replace(/_/g, "/")));
    claims.exp = Math.floor(Date.now() / 1000) - 60;
    const encoded = btoa(JSON.stringify(claims)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
    sessionStorage.setItem(key, [header, encoded, signature].join("."));
  }, SESSION_KEY);
}

test("a token that expired in sessionStorage sends the next visit to sign-in, then back to the page", async () => {
  const watched = await open(browser);
  const { page } = watched;
  const path = "/procurement/suppliers?q=zz-nothing";
  await openAndSignIn(page, credentials("purchasing"), path);
  await page.getByRole("heading", { name: en.nav.suppliers }).waitFor();
  await expireStoredToken(page);

  const before = watched.requests.length;
  await page.reload();
  await page.waitForURL((url) => url.pathname === "/sign-in" && url.searchParams.get("from") === path);
  expect(watched.requests.slice(before).filter((url) => new URL(url).pathname.startsWith("/api/"))).toEqual([]);
  expect(await page.evaluate((key) => sessionStorage.getItem(key), SESSION_KEY)).toBeNull();

  await signIn(page, credentials("purchasing"));
  await page.waitForURL((url) => `${url.pathname}${url.search}` === path);
  await page.getByRole("heading", { name: en.nav.suppliers }).waitFor();
  await watched.close();
});

test("when the token expires while the user works, the next action goes to sign-in, then back to that page", async () => {
  const watched = await open(browser);
  const { page } = watched;
  await page.clock.install();
  await openAndSignIn(page, credentials("viewer"), "/inventory/items");
  await page.getByRole("heading", { name: en.nav.items }).waitFor();

  // Two hours later (the gateway's tokens live one): no timer fires, the token is simply past its `exp`.
  await page.clock.setSystemTime(Date.now() + 2 * 3600 * 1000);
  const before = watched.requests.length;
  await page.getByRole("link", { name: en.nav.warehouses }).first().click();
  await page.waitForURL((url) => url.pathname === "/sign-in" && url.searchParams.get("from") === "/inventory/warehouses");
  await page.getByText(en.signIn.expired).waitFor();
  // The expired token was never sent.
  expect(watched.requests.slice(before).filter((url) => new URL(url).pathname.startsWith("/api/"))).toEqual([]);

  await page.clock.setSystemTime(Date.now());
  await signIn(page, credentials("viewer"));
  await page.waitForURL((url) => url.pathname === "/inventory/warehouses");
  await page.getByRole("heading", { name: en.nav.warehouses }).waitFor();
  await watched.close();
});

async function switchLanguage(page: Page, from: Language, to: Language): Promise<void> {
  await page.getByRole("combobox", { name: TEXTS[from].app.language }).click();
  await page.locator(".ant-select-dropdown:visible .ant-select-item-option").filter({ hasText: to === "en" ? "English" : "简体中文" }).click();
  await page.waitForFunction((lang) => document.documentElement.lang === lang, to);
}

test("the language a user chose is theirs after signing out and in again", async () => {
  const watched = await open(browser);
  const { page } = watched;
  const chinese = await createUser(["sales"], "e2e-zh");
  const english = await createUser(["sales"], "e2e-en");

  await openAndSignIn(page, chinese);
  await page.getByRole("heading", { name: en.home.welcome.replace("{{name}}", chinese.username) }).waitFor();
  await switchLanguage(page, "en", "zh-CN");
  await page.getByRole("heading", { name: zh.home.welcome.replace("{{name}}", chinese.username) }).waitFor();
  await page.getByRole("link", { name: zh.nav.salesOrders }).first().waitFor();
  await signOut(page, "zh-CN");

  // Another user on this browser starts from the last choice, and picks English for themselves.
  await page.getByText(zh.signIn.signedOut).waitFor();
  await signIn(page, english);
  await switchLanguage(page, "zh-CN", "en");
  await signOut(page, "en");

  await signIn(page, chinese);
  await page.getByRole("heading", { name: zh.home.welcome.replace("{{name}}", chinese.username) }).waitFor();
  expect(await page.evaluate(() => document.documentElement.lang)).toBe("zh-CN");
  await signOut(page, "zh-CN");
  await signIn(page, english);
  await page.getByRole("heading", { name: en.home.welcome.replace("{{name}}", english.username) }).waitFor();
  await watched.close();
});
