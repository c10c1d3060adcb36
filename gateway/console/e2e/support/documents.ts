/**
 * Working in the document screens as a user does: lookups typed into and picked from, grid cells filled,
 * actions clicked. The screens mark their parts for this (`data-action`, `data-cell`, `data-status`,
 * `data-total`), so the same steps run in either language.
 */
import type { Page } from "playwright-core";
import { expect } from "vitest";

/** Type `search` into the lookup labelled `name` and pick the option whose text contains `match`. */
export async function pick(page: Page, name: string, search: string, match = search): Promise<void> {
  const box = page.getByRole("combobox", { name, exact: true });
  await box.click();
  await box.fill(search);
  // This lookup's own list (its listbox id is the box's aria-controls), not another lookup's fading out.
  const listbox = await box.getAttribute("aria-controls");
  const dropdown = page.locator(".ant-select-dropdown:not(.ant-select-dropdown-hidden)").filter({ has: page.locator(`[id="${listbox}"]`) });
  // Not before the answer to what was typed is shown: an option of the previous search, clicked while the
  // list is replaced, may be gone under the pointer (the click then selects nothing and the list stays open).
  await dropdown.locator('[data-lookup-busy="false"]').waitFor({ timeout: 15_000 });
  await dropdown.locator(".ant-select-item-option").filter({ hasText: match }).first().click();
  // This lookup's own list has closed.
  await expect.poll(() => box.getAttribute("aria-expanded"), { timeout: 10_000 }).not.toBe("true");
}

export function cell(page: Page, path: string) {
  return page.locator(`[data-cell="${path}"] input`);
}

export function action(page: Page, name: string) {
  return page.locator(`[data-action="${name}"]`);
}

/** Wait until the document page shows `status` (its `data-status`). */
export async function documentStatus(page: Page, kind: "purchase-order" | "sales-order", status: string): Promise<void> {
  await page.locator(`[data-document="${kind}"][data-status="${status}"]`).waitFor({ timeout: 30_000 });
}

/** The text of a marked total (`data-total="total"`), as shown. */
export async function total(page: Page, name: string, scope = "body"): Promise<string> {
  return ((await page.locator(`${scope} [data-total="${name}"]`).first().textContent()) ?? "").trim();
}

/** Open the tab whose label starts with `label` on a document page. */
export async function openTab(page: Page, label: string): Promise<void> {
  await page.getByRole("tab", { name: new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`) }).click();
}
