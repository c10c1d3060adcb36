import { describe, expect, it } from "vitest";
import { createI18n } from "../i18n";
import { customers, items, suppliers, warehouses } from "../lists/resources";
import { accounts, departments, employees, workCenters } from "./resources";

const sources = import.meta.glob(["./*.{ts,tsx}", "!./*.test.{ts,tsx}"], { query: "?raw", import: "default", eager: true }) as Record<string, string>;

const LISTS = [items, warehouses, suppliers, customers, departments, employees, accounts, workCenters];

/** Every text key the master data screens use: written out in the code, or declared by a list or a field. */
function keysUsed(): string[] {
  const keys = new Set<string>();
  for (const text of Object.values(sources)) for (const match of text.matchAll(/["'`](masterdata\.[A-Za-z0-9_.]+)["'`]/g)) keys.add(match[1]);
  for (const list of LISTS) {
    keys.add(list.titleKey);
    for (const column of list.columns) keys.add(column.titleKey);
    const record = list.record!;
    keys.add(record.nounKey);
    for (const field of record.fields) {
      keys.add(field.labelKey);
      if (field.labels) for (const option of field.options ?? []) keys.add(`${field.labels}.${option}`);
    }
  }
  return [...keys].sort();
}

describe("the master data texts", () => {
  it("exist in English and Chinese for every key used", () => {
    const keys = keysUsed();
    expect(keys.length).toBeGreaterThan(50);
    for (const language of ["en", "zh-CN"] as const) {
      const i18n = createI18n(language);
      expect(keys.filter((key) => !i18n.exists(key) || typeof i18n.t(key, { returnObjects: true }) !== "string"), language).toEqual([]);
    }
  });

  it("read naturally in both languages", () => {
    expect(createI18n("en").t("masterdata.new", { noun: "Item" })).toBe("New Item");
    const zh = createI18n("zh-CN");
    expect(zh.t("masterdata.new", { noun: zh.t("masterdata.noun.workCenter") })).toBe("新建工作中心");
  });
});
