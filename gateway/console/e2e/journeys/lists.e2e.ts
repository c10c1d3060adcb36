/** A list's filters live in the address bar (a reload shows the same rows), and its CSV export is a UTF-8 file with a BOM. */
import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, expect, test } from "vitest";
import type { Browser } from "playwright-core";
import { call, unique } from "../support/api";
import { launch, open } from "../support/browser";
import { credentials } from "../support/env";
import { choose, openAndSignIn, tableTexts, TEXTS } from "../support/console";

const en = TEXTS.en;
let browser: Browser;
const tag = unique("E2E");
beforeAll(async () => {
  browser = await launch();
  for (const [suffix, type, name] of [["RM1", "raw_material", "Copper rod"], ["RM2", "raw_material", "Zinc ingot"], ["FG1", "finished_good", "Pump housing"]]) {
    await call("warehouse", "POST", "/api/inventory/items", {
      code: `${tag}-${suffix}`, name: `${name} ${tag}`, unit: "pc", item_type: type, reorder_level: "5",
    }, 201);
  }
});
afterAll(async () => {
  await browser?.close();
});

test("filters go into the URL and survive a reload", async () => {
  const watched = await open(browser);
  const { page } = watched;
  await openAndSignIn(page, credentials("warehouse"), "/inventory/items");
  await page.getByRole("heading", { name: en.nav.items }).waitFor();

  await page.getByPlaceholder(en.list.search).fill(tag);
  await page.getByPlaceholder(en.list.search).press("Enter");
  await page.waitForURL((url) => url.searchParams.get("q") === tag);
  await expect.poll(async () => (await tableTexts(page)).length).toBe(3);

  await choose(page, en.fields.itemType, en.values.itemType.raw_material);
  await page.waitForURL((url) => url.searchParams.get("item_type") === "raw_material" && url.searchParams.get("q") === tag);
  await expect.poll(async () => (await tableTexts(page)).map((cells) => cells[0]).sort()).toEqual([`${tag}-RM1`, `${tag}-RM2`]);

  await page.reload();
  await page.getByRole("heading", { name: en.nav.items }).waitFor();
  await expect.poll(async () => (await tableTexts(page)).map((cells) => cells[0]).sort()).toEqual([`${tag}-RM1`, `${tag}-RM2`]);
  expect(await page.getByPlaceholder(en.list.search).inputValue()).toBe(tag);
  await page.locator(".ant-select").filter({ hasText: en.values.itemType.raw_material }).first().waitFor();
  await watched.close();
});

test("the CSV export downloads the filtered rows as UTF-8 with a byte order mark", async () => {
  const watched = await open(browser);
  const { page } = watched;
  await openAndSignIn(page, credentials("viewer"), `/inventory/items?q=${encodeURIComponent(tag)}`);
  await expect.poll(async () => (await tableTexts(page)).length).toBe(3);
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: en.list.export }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^items-\d{4}-\d{2}-\d{2}\.csv$/);
  const bytes = await readFile(await file.path());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = bytes.subarray(3).toString("utf8").split("\r\n").filter(Boolean);
  expect(lines[0].split(",")[0]).toBe(en.fields.code);
  expect(lines.slice(1).map((line) => line.split(",")[0]).sort()).toEqual([`${tag}-FG1`, `${tag}-RM1`, `${tag}-RM2`]);
  await watched.close();
});
