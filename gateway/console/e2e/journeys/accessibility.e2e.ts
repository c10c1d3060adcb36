/**
 * axe-core on every page the console offers today: the sign-in page, home, every page in an administrator's
 * menu (who sees them all), the document pages (a new purchase and sales order, one of each in detail, a new
 * requisition and transfer) and the 403/404 pages, in English; the same in Chinese on a few of them. No
 * serious or critical violation.
 */
import AxeBuilder from "@axe-core/playwright";
import { afterAll, beforeAll, expect, test } from "vitest";
import type { Browser, Page } from "playwright-core";
import { call } from "../support/api";
import { launch, open } from "../support/browser";
import { credentials } from "../support/env";
import { menuPaths, openAndSignIn, settled, TEXTS, type Language } from "../support/console";
import { seedSample, type Sample } from "../support/seed";

let browser: Browser;
let sample: Sample;
beforeAll(async () => {
  browser = await launch();
  sample = await seedSample(); // rows, badges and tags on every list, not only empty tables
  const order = sample.purchaseOrder;
  await call("purchasing", "POST", `/api/procurement/purchase-orders/${order.id}/submit`);
  await call("purchasing", "POST", `/api/procurement/purchase-orders/${order.id}/send`); // now late: a warning tag
});
afterAll(async () => {
  await browser?.close();
});

const BLOCKING = new Set(["serious", "critical"]);

/**
 * Violations found on screens built elsewhere and reported to their owners: printed as warnings, not
 * failures, until fixed there (then delete the entry). Anything not listed here fails the test.
 */
const KNOWN: { path: RegExp; rule: string; fix: string }[] = [];

async function audit(page: Page, name: string): Promise<string[]> {
  await settled(page);
  const path = new URL(page.url()).pathname;
  // Legacy mode runs axe in the page itself instead of finishing in a second blank page: the console has no
  // frames, and it halves the time.
  const { violations } = await new AxeBuilder({ page }).setLegacyMode(true).options({ resultTypes: ["violations"] }).analyze();
  return violations
    .filter((violation) => BLOCKING.has(violation.impact ?? ""))
    .filter((violation) => {
      const known = KNOWN.find((entry) => entry.rule === violation.id && entry.path.test(path));
      if (known) console.warn(`known accessibility issue, ${name}: ${violation.id} (${known.fix})`);
      return !known;
    })
    .map((violation) => {
      const nodes = violation.nodes.slice(0, 3).map((node) => `      ${node.target.join(" ")}: ${node.failureSummary?.replace(/\s+/g, " ")}`);
      return `${name}: [${violation.impact}] ${violation.id} (${violation.help}) on ${violation.nodes.length} element(s)\n${nodes.join("\n")}`;
    });
}

async function auditPages(language: Language, pick: (paths: string[]) => string[], documentPages: (paths: string[]) => string[]): Promise<string[]> {
  const found: string[] = [];
  const admin = await open(browser, { locale: language === "en" ? "en-US" : "zh-CN" });
  const { page } = admin;
  await page.goto("/sign-in");
  found.push(...(await audit(page, `${language} /sign-in`)));
  await openAndSignIn(page, credentials("admin"));
  await page.waitForFunction((lang) => document.documentElement.lang === lang, language);
  found.push(...(await audit(page, `${language} /`)));
  const paths = await menuPaths(page);
  expect(paths.length).toBeGreaterThanOrEqual(7);
  for (const path of pick(paths)) {
    await page.locator(`.ant-layout-sider a[href="${path}"]`).click(); // in the app, as a user goes
    await page.waitForURL((url) => url.pathname === path);
    found.push(...(await audit(page, `${language} ${path}`)));
  }
  for (const path of documentPages(paths)) {
    await page.goto(path);
    await page.locator("[data-document], form, .ant-form").first().waitFor();
    found.push(...(await audit(page, `${language} ${path}`)));
  }
  await page.goto("/no-such-page");
  await page.getByText(TEXTS[language].errors.notFoundTitle).waitFor();
  found.push(...(await audit(page, `${language} 404`)));
  await admin.close();

  const viewer = await open(browser, { locale: language === "en" ? "en-US" : "zh-CN" });
  await openAndSignIn(viewer.page, credentials("viewer"), "/admin/users");
  await viewer.page.getByText(TEXTS[language].errors.forbiddenTitle).waitFor();
  found.push(...(await audit(viewer.page, `${language} 403`)));
  await viewer.close();
  return found;
}

test("no serious or critical violation on any page (English)", async () => {
  const documents = () => [
    "/procurement/purchase-orders/new",
    `/procurement/purchase-orders/${sample.purchaseOrder.id}`,
    "/sales/sales-orders/new",
    `/sales/sales-orders/${sample.salesOrder.id}`,
    "/inventory/requisitions/new",
    "/inventory/transfers/new",
  ];
  expect((await auditPages("en", (paths) => paths, documents)).join("\n")).toBe("");
}, 300_000); // some thirty pages, a second or two of axe each

test("no serious or critical violation in Chinese (sign-in, home, purchase orders, one order, 403, 404)", async () => {
  const found = await auditPages(
    "zh-CN",
    (paths) => paths.filter((path) => path === "/procurement/purchase-orders"),
    () => [`/procurement/purchase-orders/${sample.purchaseOrder.id}`],
  );
  expect(found.join("\n")).toBe("");
}, 120_000);
