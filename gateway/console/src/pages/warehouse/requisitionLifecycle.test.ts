import { describe, expect, it } from "vitest";
import { requisitionActions, requisitionSteps } from "./requisitionLifecycle";
import type { Requisition } from "./warehouseDocsApi";

function requisition(status: string, extra: Partial<Requisition> = {}): Requisition {
  return { id: "mr-1", number: "MR-2026-000001", status, created_by: "u-asker", ...extra };
}

const names = (status: string, roles: string[], userId = "u-other", extra: Partial<Requisition> = {}) =>
  requisitionActions(requisition(status, extra), roles, userId).map((action) => (action.blocked ? `${action.name}(${action.blocked})` : action.name));

describe("the requisition step bar", () => {
  it("follows the status", () => {
    expect(requisitionSteps(requisition("pending_approval"))).toMatchObject({ current: 0, status: "process" });
    expect(requisitionSteps(requisition("approved"))).toMatchObject({ current: 1, status: "process" });
    expect(requisitionSteps(requisition("partially_issued"))).toMatchObject({ current: 2, status: "process", currentLabel: "partially_issued" });
    expect(requisitionSteps(requisition("issued"))).toMatchObject({ current: 2, status: "finish" });
  });

  it("shows a refusal or cancellation at the step not reached", () => {
    expect(requisitionSteps(requisition("rejected", { decided_at: "t" }))).toMatchObject({ current: 1, status: "error", currentLabel: "rejected" });
    expect(requisitionSteps(requisition("cancelled"))).toMatchObject({ current: 1, status: "error", currentLabel: "cancelled" });
    expect(requisitionSteps(requisition("cancelled", { decided_at: "t" }))).toMatchObject({ current: 2, status: "error" });
  });
});

describe("requisition actions", () => {
  it("are those the status allows now, for the warehouse", () => {
    expect(names("pending_approval", ["warehouse"])).toEqual(["approve", "reject", "cancel"]);
    expect(names("approved", ["warehouse"])).toEqual(["issue", "cancel"]);
    expect(names("partially_issued", ["warehouse"])).toEqual(["issue"]);
    expect(names("issued", ["warehouse"])).toEqual([]);
    expect(names("rejected", ["warehouse"])).toEqual([]);
    expect(names("cancelled", ["admin"])).toEqual([]);
  });

  it("keep the requester from deciding on their own request", () => {
    expect(names("pending_approval", ["warehouse"], "u-asker")).toEqual(["approve(ownDocument)", "reject(ownDocument)", "cancel"]);
  });

  it("let other roles only withdraw their own request", () => {
    expect(names("pending_approval", ["production"], "u-asker")).toEqual(["cancel"]);
    expect(names("approved", ["production"], "u-asker")).toEqual(["cancel"]);
    expect(names("pending_approval", ["production"])).toEqual([]);
    expect(names("pending_approval", ["viewer"], "u-asker")).toEqual([]);
  });
});
