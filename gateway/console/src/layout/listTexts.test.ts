/**
 * Every list in the menu names its title, columns, filters and status values with keys that exist in both
 * languages: a missing key would show as the key itself ("documentLists.fields.paidAt") on screen.
 */
import { describe, expect, it } from "vitest";
import { createI18n, LANGUAGES } from "../i18n";
import { PAGES } from "./navigation";

function keysOf(): string[] {
  const keys: string[] = [];
  for (const page of PAGES) {
    if ("screen" in page) {
      keys.push(page.titleKey);
      continue;
    }
    const { resource } = page;
    keys.push(resource.titleKey, ...resource.columns.map((column) => column.titleKey));
    for (const filter of resource.filters) {
      if (filter.kind === "search") keys.push(filter.placeholderKey);
      else keys.push(filter.labelKey);
      if (filter.kind === "select") keys.push(...filter.options.map((option) => `${filter.labels}.${option}`));
    }
    for (const column of resource.columns) {
      if (column.kind === "status" && resource.statusColors) keys.push(...Object.keys(resource.statusColors).map((status) => `${column.labels}.${status}`));
    }
  }
  return [...new Set(keys)];
}

describe("the lists' texts", () => {
  it.each(LANGUAGES)("all exist in %s", (language) => {
    const i18n = createI18n(language);
    expect(keysOf().filter((key) => !i18n.exists(key))).toEqual([]);
    expect(keysOf().length).toBeGreaterThan(50);
  });
});
