#!/usr/bin/env node
/**
 * Benchmark: the web console's budgets, measured in Debian's chromium (playwright-core, headless) against a
 * running system (`make run`). Prints figures; asserts nothing.
 *
 *   initial JavaScript   what index.html loads before the first paint (entry + modulepreloads), raw and gzip
 *                        (zlib level 9, from gateway/console/dist), and the lazily loaded chunks
 *   first load           cold cache, a fresh browser context per run: navigation to first contentful paint,
 *                        DOMContentLoaded and the load event of /sign-in; then the same with a warm cache
 *   first list           signed in, cold cache: navigation to the purchase orders' rows on screen
 *   list round trip      on a 100-row page of items: filter change (click) to the new rows rendered
 *   document render      a draft purchase order with --lines lines (created through the API): navigation to
 *                        all its lines on the detail page, and to the last line's cells and the total on the
 *                        edit form; one keystroke in the form until the document total changes
 *
 *   node bench/console_budgets.mjs --gateway http://127.0.0.1:8080 --user admin --password "$(cat var/admin-password)"
 */
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";
import { randomUUID } from "node:crypto";

const REPO = dirname(dirname(fileURLToPath(import.meta.url)));
const CONSOLE = join(REPO, "gateway/console");
const { chromium } = createRequire(join(CONSOLE, "package.json"))("playwright-core");

const { values: args } = parseArgs({
  options: {
    gateway: { type: "string", default: "http://127.0.0.1:8080" },
    user: { type: "string", default: "admin" },
    password: { type: "string" },
    runs: { type: "string", default: "7" },
    lines: { type: "string", default: "500" }, // the most lines procurement accepts on one order
    dist: { type: "string", default: join(CONSOLE, "dist") },
    chromium: { type: "string", default: process.env.ERP_CHROMIUM ?? "/usr/bin/chromium" },
  },
});
const GATEWAY = args.gateway.replace(/\/+$/, "");
const RUNS = Number(args.runs);
const password = args.password ?? readFileSync(join(REPO, "var/admin-password"), "utf8").trim();

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)];
const spread = (values) => `median ${median(values).toFixed(0)} ms (min ${Math.min(...values).toFixed(0)}, max ${Math.max(...values).toFixed(0)}, n=${values.length})`;
const kB = (bytes) => `${(bytes / 1024).toFixed(1)} kB`;

async function api(token, method, path, body) {
  const headers = { "Content-Type": "application/json", ...(token ? { Authorization: `Bearer ${token}` } : {}) };
  if (method === "POST") headers["Idempotency-Key"] = randomUUID(); // the same key on a retry: created once
  for (let attempt = 1; ; attempt += 1) {
    const response = await fetch(`${GATEWAY}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    if (response.ok) return response.status === 204 ? null : response.json();
    if ([502, 503, 504].includes(response.status) && attempt < 5) {
      await new Promise((resolve) => setTimeout(resolve, 500 * attempt));
      continue;
    }
    throw new Error(`${method} ${path}: ${response.status} ${(await response.text()).slice(0, 500)}`);
  }
}

async function eventually(probe, what, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

function initialJavaScript() {
  const html = readFileSync(join(args.dist, "index.html"), "utf8");
  const initial = [...html.matchAll(/<script[^>]+src="\/?([^"]+\.js)"|<link[^>]+rel="modulepreload"[^>]+href="\/?([^"]+\.js)"/g)].map((m) => m[1] ?? m[2]);
  const css = [...html.matchAll(/<link[^>]+rel="stylesheet"[^>]+href="\/?([^"]+\.css)"/g)].map((m) => m[1]);
  const size = (files) => files.reduce((sum, file) => {
    const bytes = readFileSync(join(args.dist, file));
    return { raw: sum.raw + bytes.length, gzip: sum.gzip + gzipSync(bytes, { level: 9 }).length };
  }, { raw: 0, gzip: 0 });
  const assets = readdirSync(join(args.dist, "assets")).filter((file) => file.endsWith(".js")).map((file) => `assets/${file}`);
  const lazy = assets.filter((file) => !initial.includes(file));
  return { initial, js: size(initial), css: size(css), lazy: size(lazy), lazyCount: lazy.length };
}

async function newContext(browser, token) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: "en-US", timezoneId: "UTC" });
  if (token) await context.addInitScript((value) => sessionStorage.setItem("erp.session", value), token);
  return context;
}

async function firstLoad(browser) {
  const cold = { fcp: [], dcl: [], load: [] };
  const warm = { fcp: [], dcl: [], load: [] };
  const timing = (page) => page.evaluate(() => {
    const nav = performance.getEntriesByType("navigation")[0];
    const paint = performance.getEntriesByName("first-contentful-paint")[0];
    return { fcp: paint?.startTime ?? NaN, dcl: nav.domContentLoadedEventEnd, load: nav.loadEventEnd };
  });
  for (let run = 0; run < RUNS; run += 1) {
    const context = await newContext(browser);
    const page = await context.newPage();
    for (const into of [cold, warm]) {
      await page.goto(`${GATEWAY}/sign-in`, { waitUntil: "load" });
      await page.locator("#username").waitFor();
      await page.waitForFunction(() => performance.getEntriesByName("first-contentful-paint").length > 0);
      const t = await timing(page);
      for (const key of Object.keys(into)) into[key].push(t[key]);
    }
    await context.close();
  }
  return { cold, warm };
}

async function firstList(browser, token) {
  const times = [];
  for (let run = 0; run < RUNS; run += 1) {
    const context = await newContext(browser, token);
    const page = await context.newPage();
    await page.goto(`${GATEWAY}/procurement/purchase-orders`);
    await page.locator("tr.ant-table-row").first().waitFor({ timeout: 30_000 });
    times.push(await page.evaluate(() => performance.now()));
    await context.close();
  }
  return times;
}

async function seedItems(token, tag, count) {
  const types = ["raw_material", "finished_good"];
  for (let start = 0; start < count; start += 10) {
    await Promise.all(Array.from({ length: Math.min(10, count - start) }, (_, offset) => {
      const n = start + offset;
      return api(token, "POST", "/api/inventory/items", {
        code: `${tag}-${String(n).padStart(4, "0")}`, name: `Bench part ${n}`, unit: "pc", item_type: types[n % 2], reorder_level: "10",
      });
    }));
  }
}

async function listRoundTrip(browser, token, tag) {
  const context = await newContext(browser, token);
  const page = await context.newPage();
  await page.goto(`${GATEWAY}/inventory/items?q=${tag}&page_size=100&item_type=raw_material`);
  const labels = { raw_material: "Raw material", finished_good: "Finished good" };
  const rendered = (label) => page.waitForFunction((text) => {
    if (document.querySelector(".ant-spin-spinning")) return false;
    const rows = document.querySelectorAll("tr.ant-table-row");
    return rows.length === 100 && Array.from(rows).every((row) => row.textContent.includes(text));
  }, label, { timeout: 30_000, polling: "raf" });
  await rendered(labels.raw_material);
  const times = [];
  const apiTimes = [];
  let current = "raw_material";
  for (let run = 0; run < RUNS * 2; run += 1) {
    const next = current === "raw_material" ? "finished_good" : "raw_material";
    await page.locator(".ant-select").filter({ hasText: labels[current] }).first().click();
    const option = page.locator(".ant-select-dropdown:visible .ant-select-item-option").filter({ hasText: labels[next] });
    await option.waitFor();
    const started = performance.now();
    await option.click();
    await rendered(labels[next]);
    times.push(performance.now() - started);
    // The API's share: the last items request, as the browser timed it.
    apiTimes.push(await page.evaluate(() => {
      const calls = performance.getEntriesByType("resource").filter((entry) => entry.name.includes("/api/inventory/items?"));
      return calls[calls.length - 1].duration;
    }));
    current = next;
  }
  await context.close();
  return { times, api: apiTimes };
}

/** A draft purchase order with `count` lines over 25 items (created through the API). */
async function bigOrder(token, tag, count) {
  const supplier = await api(token, "POST", "/api/procurement/suppliers", { code: `${tag}-SUP`, name: "Bench supplier" });
  const items = [];
  for (let n = 0; n < 25; n += 1) {
    items.push(await api(token, "POST", "/api/inventory/items", { code: `${tag}-L${n}`, name: `Bench line part ${n}`, unit: "pc", item_type: "raw_material" }));
  }
  for (const item of items) {
    await eventually(async () => (await api(token, "GET", `/api/procurement/read-models/items?id=${item.id}`)).length > 0, "items in procurement");
  }
  const lines = Array.from({ length: count }, (_, n) => ({ item_id: items[n % items.length].id, quantity: String(1 + (n % 7)), unit_price: `${10 + (n % 13)}.25` }));
  return api(token, "POST", "/api/procurement/purchase-orders", { supplier_id: supplier.id, lines });
}

async function documentRender(browser, token, order, count) {
  const detail = [];
  const form = [];
  const typing = [];
  for (let run = 0; run < RUNS; run += 1) {
    const context = await newContext(browser, token);
    const page = await context.newPage();
    await page.goto(`${GATEWAY}/procurement/purchase-orders/${order.id}`);
    await page.waitForFunction((n) => document.querySelectorAll("[data-document] tr.ant-table-row").length >= n, count, { timeout: 60_000, polling: 50 });
    detail.push(await page.evaluate(() => performance.now()));
    await context.close();
  }
  for (let run = 0; run < RUNS; run += 1) {
    const context = await newContext(browser, token);
    const page = await context.newPage();
    await page.goto(`${GATEWAY}/procurement/purchase-orders/${order.id}/edit`);
    await page.locator(`[data-cell="lines.${count - 1}.quantity"] input`).waitFor({ timeout: 60_000 });
    await page.waitForFunction(() => /\d/.test(document.querySelector('[data-total="total"]')?.textContent ?? ""));
    form.push(await page.evaluate(() => performance.now()));
    // One keystroke in the first line's quantity until the document total shows it.
    const before = await page.locator('[data-total="total"]').textContent();
    const quantity = page.locator('[data-cell="lines.0.quantity"] input');
    await quantity.click();
    await quantity.press("End");
    const started = performance.now();
    await quantity.press("0"); // 1 → 10
    await page.waitForFunction((text) => document.querySelector('[data-total="total"]')?.textContent !== text, before, { polling: "raf" });
    typing.push(performance.now() - started);
    await context.close();
  }
  return { detail, form, typing };
}

async function main() {
  const browser = await chromium.launch({
    executablePath: args.chromium, headless: true,
    args: process.getuid?.() === 0 ? ["--no-sandbox"] : [],
  });
  const { access_token: token } = await api(null, "POST", "/api/auth/token", { username: args.user, password });
  const date = new Date().toISOString().slice(0, 10);
  console.log(`console budgets, ${date}, ${GATEWAY}, chromium ${browser.version()}, ${RUNS} runs each`);

  const size = initialJavaScript();
  console.log(`initial JavaScript: ${size.initial.length} file(s), ${kB(size.js.raw)} raw, ${kB(size.js.gzip)} gzip; CSS ${kB(size.css.gzip)} gzip`);
  console.log(`lazy chunks: ${size.lazyCount} file(s), ${kB(size.lazy.raw)} raw, ${kB(size.lazy.gzip)} gzip in all`);

  const load = await firstLoad(browser);
  console.log(`first load, cold cache: FCP ${spread(load.cold.fcp)}; DOMContentLoaded ${spread(load.cold.dcl)}; load ${spread(load.cold.load)}`);
  console.log(`reload, warm cache:     FCP ${spread(load.warm.fcp)}; DOMContentLoaded ${spread(load.warm.dcl)}; load ${spread(load.warm.load)}`);

  const orders = await api(token, "GET", "/api/procurement/purchase-orders?page_size=1");
  if (orders.length === 0) console.log("first list: skipped (no purchase order to show)");
  else console.log(`first list (purchase orders, signed in, cold cache): navigation to rows ${spread(await firstList(browser, token))}`);

  const tag = `BENCH${randomUUID().slice(0, 6).toUpperCase()}`;
  await seedItems(token, tag, 200);
  const trip = await listRoundTrip(browser, token, tag);
  console.log(`list round trip (items, 100 rows a page, filter change to rows rendered): ${spread(trip.times)}; of which the API call ${spread(trip.api)}`);

  const order = await bigOrder(token, `${tag}D`, Number(args.lines));
  const rendered = await documentRender(browser, token, order, Number(args.lines));
  console.log(`${args.lines}-line purchase order, detail page: navigation to every line on screen ${spread(rendered.detail)}`);
  console.log(`${args.lines}-line purchase order, edit form:   navigation to the last line's cells and the total ${spread(rendered.form)}`);
  console.log(`${args.lines}-line edit form, one keystroke in line 1 to the new document total: ${spread(rendered.typing)}`);

  await browser.close();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
