import { describe, expect, it } from "vitest";
import { MemoryStorage } from "../test/helpers";
import en from "./en";
import { createI18n, preferredLanguage, rememberLanguage } from "./index";
import zhCN from "./zh-CN";

function keys(texts: object, prefix = ""): string[] {
  return Object.entries(texts).flatMap(([key, value]) => (typeof value === "object" ? keys(value, `${prefix}${key}.`) : [`${prefix}${key}`]));
}

describe("languages", () => {
  it("have the same texts in Chinese and English, none left empty", () => {
    expect(keys(zhCN).sort()).toEqual(keys(en).sort());
    for (const key of keys(zhCN)) expect(key.split(".").reduce<any>((node, part) => node[part], zhCN), key).not.toBe(""); // eslint-disable-line @typescript-eslint/no-explicit-any
  });

  it("translate and interpolate", () => {
    const i18n = createI18n("zh-CN");
    expect(i18n.t("nav.purchaseOrders")).toBe("采购订单");
    expect(i18n.t("list.total", { total: 42 })).toBe("共 42 条");
    void i18n.changeLanguage("en");
    expect(i18n.t("list.total", { total: 42 })).toBe("42 records");
  });

  it("are remembered per user, with the browser's language before anyone chose", () => {
    const storage = new MemoryStorage();
    expect(preferredLanguage(null, storage, "zh-TW")).toBe("zh-CN");
    expect(preferredLanguage("ann", storage, "en-GB")).toBe("en");
    rememberLanguage("ann", "zh-CN", storage);
    rememberLanguage("bob", "en", storage);
    expect(preferredLanguage("ann", storage, "en-US")).toBe("zh-CN");
    expect(preferredLanguage("bob", storage, "zh-CN")).toBe("en");
    // Someone new on this browser starts with the last choice made here.
    expect(preferredLanguage("carol", storage, "zh-CN")).toBe("en");
  });
});
