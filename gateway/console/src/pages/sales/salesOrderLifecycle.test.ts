import { describe, expect, it } from "vitest";
import type { SalesOrder, SalesOrderLine } from "../../documents/types";
import { reservationState, salesOrderActions, salesOrderSteps } from "./salesOrderLifecycle";

const LINE: SalesOrderLine = {
  id: "l-1", quantity: "10.0000", quantity_reserved: "0.0000", quantity_issued: "0.0000", quantity_backordered: "0.0000",
  quantity_delivered: "0.0000", quantity_deliverable: "0.0000", quantity_invoiced: "0.0000",
};

function order(status: string, lines: Partial<SalesOrderLine>[] = [{}], extra: Partial<SalesOrder> = {}): SalesOrder {
  return { id: "so-1", status, confirmed_by: "u-seller", lines: lines.map((line) => ({ ...LINE, ...line })), ...extra };
}

const names = (doc: SalesOrder, roles: string[], userId = "u-other") =>
  salesOrderActions(doc, roles, userId).map((action) => (action.blocked ? `${action.name}(${action.blocked})` : action.name));

describe("the sales order step bar", () => {
  it("follows the status, with the credit hold as a stop", () => {
    expect(salesOrderSteps(order("draft"))).toMatchObject({ current: 0, status: "process" });
    expect(salesOrderSteps(order("credit_hold"))).toMatchObject({ current: 1, status: "error", currentLabel: "credit_hold" });
    expect(salesOrderSteps(order("backordered"))).toMatchObject({ current: 2, currentLabel: "backordered" });
    expect(salesOrderSteps(order("partially_delivered"))).toMatchObject({ current: 3 });
    expect(salesOrderSteps(order("paid"))).toMatchObject({ current: 5, status: "finish" });
    expect(salesOrderSteps(order("cancelled", [], { confirmed_at: "t" }))).toMatchObject({ current: 2, status: "error", currentLabel: "cancelled" });
  });
});

describe("sales order actions", () => {
  it("follow the status, the quantities and the role", () => {
    expect(names(order("draft"), ["sales"])).toEqual(["edit", "confirm", "cancel"]);
    expect(names(order("reserved", [{ quantity_reserved: "10.0000", quantity_deliverable: "10.0000" }]), ["sales"])).toEqual(["deliver", "cancel"]);
    expect(names(order("reserved", [{ quantity_reserved: "10.0000", quantity_deliverable: "10.0000" }]), ["warehouse"])).toEqual(["deliver"]);
    expect(names(order("backordered", [{ quantity_backordered: "10.0000" }]), ["sales"])).toEqual(["cancel"]);
    const delivered = order("delivered", [{ quantity_delivered: "10.0000" }]);
    expect(names(delivered, ["sales"])).toEqual(["invoice"]);
    expect(names(delivered, ["accounting"])).toEqual(["invoice"]);
    expect(names(delivered, ["warehouse"])).toEqual([]);
    expect(names(order("invoiced", [{ quantity_delivered: "10.0000", quantity_invoiced: "10.0000" }]), ["sales", "accounting"])).toEqual([]);
  });

  it("offer the credit release to accounting only, and not to whoever confirmed the order", () => {
    expect(names(order("credit_hold"), ["sales"])).toEqual(["cancel"]);
    expect(names(order("credit_hold"), ["accounting"])).toEqual(["releaseCredit"]);
    expect(names(order("credit_hold"), ["admin"], "u-seller")).toEqual(["releaseCredit(ownDocument)", "cancel"]);
  });
});

describe("a line's reservation", () => {
  it("reads from the quantities inventory reported", () => {
    expect(reservationState("draft", LINE)).toBe("none");
    expect(reservationState("confirmed", LINE)).toBe("waiting");
    expect(reservationState("reserved", { ...LINE, quantity_reserved: "10.0000" })).toBe("reserved");
    expect(reservationState("partially_delivered", { ...LINE, quantity_reserved: "4.0000", quantity_issued: "6.0000", quantity_delivered: "6.0000" })).toBe("reserved");
    expect(reservationState("partially_reserved", { ...LINE, quantity_reserved: "4.0000", quantity_backordered: "6.0000" })).toBe("partial");
    expect(reservationState("backordered", { ...LINE, quantity_backordered: "10.0000" })).toBe("backordered");
    expect(reservationState("delivered", { ...LINE, quantity_delivered: "10.0000" })).toBe("delivered");
  });
});
