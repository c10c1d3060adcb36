import { describe, expect, it } from "vitest";
import { AGEING_BUCKETS } from "../reports/ageing";
import { DEAD_LETTER_SERVICES } from "../pages/operations/deadLetters";
import { ENTRY_KINDS } from "../pages/finance/sourceDocuments";
import { SUPPLIER_INVOICE_STATUSES } from "../pages/finance/lists";
import { COUNT_SCOPES, COUNT_STATUSES } from "../pages/warehouse/countSheet";
import { REQUISITION_STATUSES, TRANSFER_STATUSES } from "../pages/warehouse/lists";
import { createI18n } from "./index";

const sources = import.meta.glob(["../pages/{warehouse,finance,dashboard,operations}/*.{ts,tsx}", "../pages/screens.ts", "../reports/*.{ts,tsx}"], {
  query: "?raw",
  import: "default",
  eager: true,
}) as Record<string, string>;

/** Every `"screens.…"` key written out in the screens' code. */
function keysInCode(): string[] {
  const keys = new Set<string>();
  for (const [file, text] of Object.entries(sources)) {
    if (file.endsWith(".test.ts")) continue;
    // `labels: "screens.…"` is the prefix of a list's value labels, checked with its values below.
    for (const match of text.matchAll(/(labels: )?["'](screens\.[A-Za-z0-9_.-]+)["']/g)) if (!match[1]) keys.add(match[2]);
  }
  return [...keys].sort();
}

/** The keys built from values (`screens.finance.kind.${kind}`): every value the API can send. */
const FAMILIES: string[] = [
  ...["receipt", "delivery", "return", "material_issue", "material_return", "transfer_out", "transfer_in", "transfer_loss", "count_adjustment"].map((type) => `screens.warehouse.moveType.${type}`),
  ...["0-30", "31-60", "61-90", "91-180", "over-180", "unknown"].map((bucket) => `screens.warehouse.ageBucket.${bucket}`),
  ...COUNT_STATUSES.map((status) => `screens.warehouse.count.status.${status}`),
  ...COUNT_SCOPES.flatMap((scope) => [`screens.warehouse.count.scopes.${scope}`, `screens.warehouse.count.scopeHelp.${scope}`]),
  ...["opening", "movement", "closing"].map((figure) => `screens.warehouse.recon.${figure}`),
  ...["notPosted", "noMovement", "amountsDiffer", "other"].map((reason) => `screens.warehouse.recon.reasons.${reason}`),
  ...ENTRY_KINDS.map((kind) => `screens.finance.kind.${kind}`),
  ...AGEING_BUCKETS.map((bucket) => `screens.finance.ageing.${bucket}`),
  ...["asset", "liability", "equity", "revenue", "expense"].map((type) => `screens.finance.accountTypes.${type}`),
  ...["invoice", "payment", "credit_note"].map((kind) => `screens.finance.ledgerKind.${kind}`),
  ...REQUISITION_STATUSES.map((status) => `screens.warehouse.requisitionStatus.${status}`),
  ...TRANSFER_STATUSES.map((status) => `screens.warehouse.transferStatus.${status}`),
  ...SUPPLIER_INVOICE_STATUSES.map((status) => `screens.finance.supplierInvoiceStatus.${status}`),
  ...DEAD_LETTER_SERVICES.map((service) => `screens.operations.services.${service}`),
];

describe("the screens' texts", () => {
  it("exist in English and Chinese for every key the code uses", () => {
    const keys = [...keysInCode(), ...FAMILIES];
    expect(keys.length).toBeGreaterThan(250);
    for (const language of ["en", "zh-CN"] as const) {
      const i18n = createI18n(language);
      const missing = keys.filter((key) => !i18n.exists(key) || typeof i18n.t(key, { returnObjects: true }) !== "string");
      expect(missing, language).toEqual([]);
    }
  });

  it("are really translated: Chinese differs from English and contains Chinese", () => {
    const en = createI18n("en");
    const zh = createI18n("zh-CN");
    for (const key of ["screens.nav.cycleCounts", "screens.warehouse.count.blindNote", "screens.finance.ageing.over_90", "screens.operations.replayConfirm"]) {
      expect(zh.t(key)).not.toBe(en.t(key));
      expect(zh.t(key)).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});
