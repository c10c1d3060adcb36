/**
 * A sales order's lifecycle as sales' ordering_domain.py defines it: draft → confirmed (or credit_hold until
 * accounting releases it) → reserved / partially reserved / backordered (inventory's answer) → partially
 * delivered / delivered → invoiced → paid, and cancelled before any goods left.
 */
import { add, compare } from "../../decimal/decimal";
import { availableActions, type Action, type ActionRule, type StepBar } from "../../documents/lifecycle";
import type { SalesOrder, SalesOrderLine } from "../../documents/types";

export const SO_STEPS = ["draft", "confirmed", "reserved", "delivered", "invoiced", "paid"] as const;

const CANCELLABLE = ["draft", "credit_hold", "confirmed", "reserved", "partially_reserved", "backordered"];
/** delivery_domain.DELIVERABLE_STATUSES */
export const DELIVERABLE = ["reserved", "partially_reserved", "partially_delivered"];

export function salesOrderSteps(order: Pick<SalesOrder, "status" | "confirmed_at" | "reservation_replied_at">): StepBar {
  const status = order.status ?? "draft";
  switch (status) {
    case "draft":
      return { steps: SO_STEPS, current: 0, status: "process" };
    case "credit_hold":
      return { steps: SO_STEPS, current: 1, status: "error", currentLabel: "credit_hold" };
    case "confirmed":
      return { steps: SO_STEPS, current: 1, status: "process" };
    case "reserved":
      return { steps: SO_STEPS, current: 2, status: "process" };
    case "partially_reserved":
    case "backordered":
      return { steps: SO_STEPS, current: 2, status: "process", currentLabel: status };
    case "partially_delivered":
      return { steps: SO_STEPS, current: 3, status: "process", currentLabel: status };
    case "delivered":
      return { steps: SO_STEPS, current: 3, status: "process" };
    case "invoiced":
      return { steps: SO_STEPS, current: 4, status: "process" };
    case "paid":
      return { steps: SO_STEPS, current: 5, status: "finish" };
    case "cancelled": {
      const reached = order.reservation_replied_at ? 2 : order.confirmed_at ? 1 : 0;
      return { steps: SO_STEPS, current: reached + 1, status: "error", currentLabel: "cancelled" };
    }
    default:
      return { steps: SO_STEPS, current: 0, status: "process", currentLabel: status };
  }
}

function more(a: string | undefined, b: string | undefined): boolean {
  return compare(a ?? "0", b ?? "0") > 0;
}

/** Some line has goods reserved (or issued) and not yet delivered. */
export function hasDeliverable(lines: readonly SalesOrderLine[]): boolean {
  return lines.some((line) => more(line.quantity_deliverable, "0"));
}

/** Some line was delivered beyond what is invoiced: an invoice can be made (the service bills exactly that). */
export function hasUninvoiced(lines: readonly SalesOrderLine[]): boolean {
  return lines.some((line) => more(line.quantity_delivered, line.quantity_invoiced));
}

export type SalesOrderAction = "edit" | "confirm" | "releaseCredit" | "deliver" | "invoice" | "cancel";

const base = (order: SalesOrder) => `/api/sales/sales-orders/${order.id}`;
const is = (...statuses: string[]) => (order: SalesOrder) => statuses.includes(order.status ?? "");

export const SALES_ORDER_ACTIONS: readonly ActionRule<SalesOrderAction, SalesOrder>[] = [
  { name: "edit", method: "PATCH", path: base, when: is("draft") },
  { name: "confirm", method: "POST", path: (order) => `${base(order)}/confirm`, when: is("draft") },
  {
    name: "releaseCredit",
    method: "POST",
    path: (order) => `${base(order)}/release-credit`,
    when: is("credit_hold"),
    // Segregation of duties: not by the person who confirmed the order over the limit (422 otherwise).
    blocked: (order, userId) => (order.confirmed_by === userId ? "ownDocument" : undefined),
  },
  { name: "deliver", method: "POST", path: (order) => `${base(order)}/deliveries`, when: (order) => is(...DELIVERABLE)(order) && hasDeliverable(order.lines ?? []) },
  { name: "invoice", method: "POST", path: (order) => `${base(order)}/invoices`, when: (order) => hasUninvoiced(order.lines ?? []) },
  { name: "cancel", method: "POST", path: (order) => `${base(order)}/cancel`, when: is(...CANCELLABLE) },
];

export function salesOrderActions(order: SalesOrder, roles: readonly string[], userId: string): Action<SalesOrderAction>[] {
  return availableActions(SALES_ORDER_ACTIONS, order, roles, userId);
}

export type ReservationState = "none" | "waiting" | "reserved" | "partial" | "backordered" | "delivered";

/**
 * One line's reservation as people read it. Inventory reports what it holds for the line as reserved plus
 * already issued (delivery_domain.deliverable_quantity): that covers the line when it reaches the quantity.
 */
export function reservationState(status: string | undefined, line: SalesOrderLine): ReservationState {
  const quantity = line.quantity ?? "0";
  const covered = add(line.quantity_reserved ?? "0", line.quantity_issued ?? "0");
  if (compare(line.quantity_delivered ?? "0", quantity) >= 0 && compare(quantity, "0") > 0) return "delivered";
  if (status === "draft" || status === "credit_hold" || status === "cancelled") return "none";
  if (compare(covered, quantity) >= 0) return "reserved";
  if (compare(covered, "0") > 0) return "partial";
  if (more(line.quantity_backordered, "0")) return "backordered";
  return "waiting";
}
