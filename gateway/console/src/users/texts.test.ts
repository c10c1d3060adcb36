import { describe, expect, it } from "vitest";
import { createI18n } from "../i18n";

const sources = import.meta.glob(["./*.{ts,tsx}", "!./*.test.{ts,tsx}"], { query: "?raw", import: "default", eager: true }) as Record<string, string>;

function keysUsed(): string[] {
  const keys = new Set<string>();
  for (const text of Object.values(sources)) for (const match of text.matchAll(/["'`](users\.[A-Za-z0-9_.]+)["'`]/g)) keys.add(match[1]);
  return [...keys].sort();
}

describe("the user administration texts", () => {
  it("exist in English and Chinese for every key used", () => {
    const keys = keysUsed();
    expect(keys.length).toBeGreaterThan(15);
    for (const language of ["en", "zh-CN"] as const) {
      const i18n = createI18n(language);
      expect(keys.filter((key) => !i18n.exists(key) || typeof i18n.t(key, { returnObjects: true }) !== "string"), language).toEqual([]);
    }
  });

  it("name the gateway's minimum in the password help", () => {
    expect(createI18n("en").t("users.passwordHelp", { count: 8 })).toBe("At least 8 characters. It cannot be changed here later.");
    expect(createI18n("zh-CN").t("users.passwordHelp", { count: 8 })).toContain("8");
  });
});
