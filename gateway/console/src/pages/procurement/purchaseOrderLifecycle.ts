/**
 * A purchase order's lifecycle as procurement's ordering_domain.py defines it: draft → submitted → approved
 * (at once, by "auto", up to the approval threshold) → sent → partially received / received → closed, and
 * cancelled before anything was received. The step bar and the actions on the detail page come from here.
 */
import { availableActions, type Action, type ActionRule, type StepBar } from "../../documents/lifecycle";
import type { PurchaseOrder } from "../../documents/types";

export const PO_STEPS = ["draft", "submitted", "approved", "sent", "received", "closed"] as const;

/** Statuses in which goods may be received (ordering_domain.RECEIVABLE). */
export const RECEIVABLE = ["approved", "sent", "partially_received"];
/** Statuses a supplier invoice may be entered against (payables_domain.INVOICEABLE_PO_STATUSES). */
export const INVOICEABLE = ["approved", "sent", "partially_received", "received", "closed"];
const CANCELLABLE = ["draft", "submitted", "approved", "sent"];
const CLOSABLE = ["partially_received", "received"];

export function purchaseOrderSteps(order: Pick<PurchaseOrder, "status" | "submitted_at" | "approved_at" | "sent_at">): StepBar {
  const status = order.status ?? "draft";
  switch (status) {
    case "draft":
      return { steps: PO_STEPS, current: 0, status: "process" };
    case "submitted":
      return { steps: PO_STEPS, current: 1, status: "process" };
    case "approved":
      return { steps: PO_STEPS, current: 2, status: "process" };
    case "sent":
      return { steps: PO_STEPS, current: 3, status: "process" };
    case "partially_received":
      return { steps: PO_STEPS, current: 4, status: "process", currentLabel: "partially_received" };
    case "received":
      return { steps: PO_STEPS, current: 4, status: "finish" };
    case "closed":
      return { steps: PO_STEPS, current: 5, status: "finish" };
    case "cancelled": {
      // Cancelled at the step after the last one it reached.
      const reached = order.sent_at ? 3 : order.approved_at ? 2 : order.submitted_at ? 1 : 0;
      return { steps: PO_STEPS, current: reached + 1, status: "error", currentLabel: "cancelled" };
    }
    default:
      return { steps: PO_STEPS, current: 0, status: "process", currentLabel: status };
  }
}

export type PurchaseOrderAction = "edit" | "submit" | "approve" | "send" | "receive" | "invoice" | "close" | "cancel";

const base = (order: PurchaseOrder) => `/api/procurement/purchase-orders/${order.id}`;
const is = (...statuses: string[]) => (order: PurchaseOrder) => statuses.includes(order.status ?? "");

export const PURCHASE_ORDER_ACTIONS: readonly ActionRule<PurchaseOrderAction, PurchaseOrder>[] = [
  { name: "edit", method: "PATCH", path: base, when: is("draft") },
  { name: "submit", method: "POST", path: (order) => `${base(order)}/submit`, when: is("draft") },
  {
    name: "approve",
    method: "POST",
    path: (order) => `${base(order)}/approve`,
    when: is("submitted"),
    // Segregation of duties: whoever created the order cannot approve it (the service answers 422).
    blocked: (order, userId) => (order.created_by === userId ? "ownDocument" : undefined),
  },
  { name: "send", method: "POST", path: (order) => `${base(order)}/send`, when: is("approved") },
  { name: "receive", method: "POST", path: (order) => `${base(order)}/receipts`, when: is(...RECEIVABLE) },
  { name: "invoice", method: "POST", path: () => "/api/procurement/supplier-invoices", when: is(...INVOICEABLE) },
  { name: "close", method: "POST", path: (order) => `${base(order)}/close`, when: is(...CLOSABLE) },
  { name: "cancel", method: "POST", path: (order) => `${base(order)}/cancel`, when: is(...CANCELLABLE) },
];

export function purchaseOrderActions(order: PurchaseOrder, roles: readonly string[], userId: string): Action<PurchaseOrderAction>[] {
  return availableActions(PURCHASE_ORDER_ACTIONS, order, roles, userId);
}
