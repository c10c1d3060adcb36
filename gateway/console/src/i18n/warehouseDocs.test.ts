import { describe, expect, it } from "vitest";
import { createI18n } from "./index";

const sources = import.meta.glob(["../pages/warehouse/*.{ts,tsx}"], { query: "?raw", import: "default", eager: true }) as Record<string, string>;

/** Every `"warehouseDocs.…"` key written out in the warehouse screens' code. */
function keysInCode(): string[] {
  const keys = new Set<string>();
  for (const [file, text] of Object.entries(sources)) {
    if (/\.test\.tsx?$/.test(file)) continue;
    for (const match of text.matchAll(/["'`](warehouseDocs\.[A-Za-z0-9_.]+)["'`]/g)) keys.add(match[1]);
  }
  return [...keys].sort();
}

/** Keys built from values in the code (`warehouseDocs.requisition.action.${name}`). */
const FAMILIES = [
  ...["approve", "reject", "issue", "cancel"].map((name) => `warehouseDocs.requisition.action.${name}`),
  ...["ship", "receive", "cancel"].map((name) => `warehouseDocs.transfer.action.${name}`),
  ...["moreThanRemaining", "batchTooLong", "moreThanShipped"].map((name) => `warehouseDocs.entry.${name}`),
];

describe("the warehouse document texts", () => {
  it("exist in English and Chinese for every key the code uses", () => {
    const keys = [...keysInCode(), ...FAMILIES];
    expect(keys.length).toBeGreaterThan(60);
    for (const language of ["en", "zh-CN"] as const) {
      const i18n = createI18n(language);
      const missing = keys.filter((key) => !i18n.exists(key, { count: 2 }) || typeof i18n.t(key, { count: 2, returnObjects: true }) !== "string");
      expect(missing, language).toEqual([]);
    }
  });

  it("count lines and shortfalls in both languages", () => {
    expect(createI18n("en").t("warehouseDocs.receive.shortfallSummary", { count: 1, total: "0.5" })).toBe("1 line is short by 0.5: it will be booked as lost in transit.");
    expect(createI18n("zh-CN").t("warehouseDocs.receive.shortfallSummary", { count: 2, total: "0.7" })).toBe("2 行共短缺 0.7：将登记为在途损失。");
  });
});
