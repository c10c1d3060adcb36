import { describe, expect, it } from "vitest";
import { transferActions, transferSteps } from "./transferLifecycle";
import type { Transfer } from "./warehouseDocsApi";

const transfer = (status: string): Transfer => ({ id: "tr-1", number: "TR-2026-000001", status });
const names = (status: string, roles: string[]) => transferActions(transfer(status), roles, "u-1").map((action) => action.name);

describe("the transfer step bar", () => {
  it("follows the status", () => {
    expect(transferSteps(transfer("draft"))).toMatchObject({ current: 0, status: "process" });
    expect(transferSteps(transfer("shipped"))).toMatchObject({ current: 1, status: "process" });
    expect(transferSteps(transfer("received"))).toMatchObject({ current: 2, status: "finish" });
    expect(transferSteps(transfer("cancelled"))).toMatchObject({ current: 1, status: "error", currentLabel: "cancelled" });
  });
});

describe("transfer actions", () => {
  it("are those the status allows now and the warehouse may call", () => {
    expect(names("draft", ["warehouse"])).toEqual(["ship", "cancel"]);
    expect(names("shipped", ["warehouse"])).toEqual(["receive"]);
    expect(names("received", ["warehouse"])).toEqual([]);
    expect(names("cancelled", ["admin"])).toEqual([]);
    expect(names("draft", ["production", "accounting"])).toEqual([]);
    expect(names("shipped", ["admin"])).toEqual(["receive"]);
  });
});
