/** Signing in: a wrong password is refused on the page, the right one lands on the home page. */
import { afterAll, beforeAll, expect, test } from "vitest";
import type { Browser } from "playwright-core";
import { launch, open } from "../support/browser";
import { credentials } from "../support/env";
import { signIn, TEXTS } from "../support/console";

const en = TEXTS.en;
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

test("a wrong password shows the error and stays on sign-in; the right one lands on home", async () => {
  const watched = await open(browser);
  const { page } = watched;
  watched.allowError(/status of 401/); // chromium logs the refused POST /api/auth/token
  await page.goto("/");
  await page.waitForURL(/\/sign-in$/);
  const who = credentials("purchasing");

  await signInExpectingRefusal();
  await expect.poll(() => page.getByRole("alert").filter({ hasText: en.signIn.wrongCredentials }).count()).toBe(1);
  expect(new URL(page.url()).pathname).toBe("/sign-in");
  expect(await page.evaluate(() => sessionStorage.length)).toBe(0);

  await signIn(page, who);
  expect(new URL(page.url()).pathname).toBe("/");
  await page.getByRole("heading", { name: en.home.welcome.replace("{{name}}", who.username) }).waitFor();
  await watched.close();

  async function signInExpectingRefusal() {
    await page.locator("#username").fill(who.username);
    await page.locator("#password").fill("not-the-password");
    const answer = page.waitForResponse((response) => response.url().endsWith("/api/auth/token"));
    await page.locator("button[type=submit]").click();
    expect((await answer).status()).toBe(401);
  }
});
