import { describe, expect, it } from "vitest";
import type { PurchaseOrder } from "../../documents/types";
import { purchaseOrderActions, purchaseOrderSteps } from "./purchaseOrderLifecycle";

function order(status: string, extra: Partial<PurchaseOrder> = {}): PurchaseOrder {
  return { id: "po-1", number: "PO-2026-000001", status, created_by: "u-buyer", ...extra };
}

const names = (status: string, roles: string[], userId = "u-other", extra: Partial<PurchaseOrder> = {}) =>
  purchaseOrderActions(order(status, extra), roles, userId).map((action) => (action.blocked ? `${action.name}(${action.blocked})` : action.name));

describe("the purchase order step bar", () => {
  it("follows the status", () => {
    expect(purchaseOrderSteps(order("draft"))).toMatchObject({ current: 0, status: "process" });
    expect(purchaseOrderSteps(order("approved"))).toMatchObject({ current: 2, status: "process" });
    expect(purchaseOrderSteps(order("partially_received"))).toMatchObject({ current: 4, status: "process", currentLabel: "partially_received" });
    expect(purchaseOrderSteps(order("received"))).toMatchObject({ current: 4, status: "finish" });
    expect(purchaseOrderSteps(order("closed"))).toMatchObject({ current: 5, status: "finish" });
  });

  it("shows a cancellation at the step the order did not reach", () => {
    expect(purchaseOrderSteps(order("cancelled"))).toMatchObject({ current: 1, status: "error", currentLabel: "cancelled" });
    expect(purchaseOrderSteps(order("cancelled", { submitted_at: "t", approved_at: "t" }))).toMatchObject({ current: 3, status: "error" });
    expect(purchaseOrderSteps(order("cancelled", { submitted_at: "t", approved_at: "t", sent_at: "t" }))).toMatchObject({ current: 4 });
  });
});

describe("purchase order actions", () => {
  it("are those the status allows now", () => {
    expect(names("draft", ["purchasing"])).toEqual(["edit", "submit", "cancel"]);
    expect(names("submitted", ["purchasing"])).toEqual(["approve", "cancel"]);
    expect(names("approved", ["purchasing"])).toEqual(["send", "receive", "invoice", "cancel"]);
    expect(names("sent", ["purchasing"])).toEqual(["receive", "invoice", "cancel"]);
    expect(names("partially_received", ["purchasing"])).toEqual(["receive", "invoice", "close"]);
    expect(names("received", ["purchasing"])).toEqual(["invoice", "close"]);
    expect(names("closed", ["purchasing"])).toEqual(["invoice"]);
    expect(names("cancelled", ["purchasing"])).toEqual([]);
  });

  it("and the role may call (the gateway's own policy)", () => {
    expect(names("sent", ["warehouse"])).toEqual(["receive"]);
    expect(names("sent", ["accounting"])).toEqual(["invoice"]);
    expect(names("draft", ["warehouse", "accounting"])).toEqual([]);
    expect(names("sent", ["viewer"])).toEqual([]);
    expect(names("approved", ["admin"])).toEqual(["send", "receive", "invoice", "cancel"]);
  });

  it("keep the creator from approving their own order", () => {
    expect(names("submitted", ["purchasing"], "u-buyer")).toEqual(["approve(ownDocument)", "cancel"]);
  });
});
