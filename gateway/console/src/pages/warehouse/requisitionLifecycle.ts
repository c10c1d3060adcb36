/**
 * A material requisition's lifecycle as inventory's requisition_domain.py defines it: pending approval →
 * approved → partially issued / issued; rejected instead of approved; cancelled before anything was issued.
 * The step bar and the actions on the detail page come from here.
 */
import { isAllowed } from "../../auth/permissions";
import { availableActions, type Action, type ActionRule, type StepBar } from "../../documents/lifecycle";
import type { Requisition } from "./warehouseDocsApi";

export const REQUISITION_STEPS = ["pending_approval", "approved", "issued"] as const;
/** The step titles are the list's status labels (a prefix: screens.test.ts checks every status under it). */
export const REQUISITION_STEP_TEXTS = { labels: "screens.warehouse.requisitionStatus" } as const;

/** requisition_domain.ISSUABLE and CANCELLABLE. */
export const ISSUABLE = ["approved", "partially_issued"];
const CANCELLABLE = ["pending_approval", "approved"];

export function requisitionSteps(requisition: Pick<Requisition, "status" | "decided_at">): StepBar {
  const status = requisition.status ?? "pending_approval";
  switch (status) {
    case "pending_approval":
      return { steps: REQUISITION_STEPS, current: 0, status: "process" };
    case "approved":
      return { steps: REQUISITION_STEPS, current: 1, status: "process" };
    case "partially_issued":
      return { steps: REQUISITION_STEPS, current: 2, status: "process", currentLabel: "partially_issued" };
    case "issued":
      return { steps: REQUISITION_STEPS, current: 2, status: "finish" };
    case "rejected":
      return { steps: REQUISITION_STEPS, current: 1, status: "error", currentLabel: "rejected" };
    case "cancelled":
      // Cancelled at the step after the last one it reached (approval is the only decision it can have had).
      return { steps: REQUISITION_STEPS, current: requisition.decided_at ? 2 : 1, status: "error", currentLabel: "cancelled" };
    default:
      return { steps: REQUISITION_STEPS, current: 0, status: "process", currentLabel: status };
  }
}

export type RequisitionAction = "approve" | "reject" | "issue" | "cancel";

const base = (requisition: Requisition) => `/api/inventory/material-requisitions/${requisition.id}`;
const is = (...statuses: string[]) => (requisition: Requisition) => statuses.includes(requisition.status ?? "");
// Segregation of duties: whoever asked for the material cannot decide on the request (the service answers 403).
const ownRequest = (requisition: Requisition, userId: string) => (requisition.created_by === userId ? "ownDocument" as const : undefined);

export const REQUISITION_ACTIONS: readonly ActionRule<RequisitionAction, Requisition>[] = [
  { name: "approve", method: "POST", path: (doc) => `${base(doc)}/approve`, when: is("pending_approval"), blocked: ownRequest },
  { name: "reject", method: "POST", path: (doc) => `${base(doc)}/reject`, when: is("pending_approval"), blocked: ownRequest },
  { name: "issue", method: "POST", path: (doc) => `${base(doc)}/issues`, when: is(...ISSUABLE) },
  { name: "cancel", method: "POST", path: (doc) => `${base(doc)}/cancel`, when: is(...CANCELLABLE) },
];

/**
 * The actions allowed now. Every requesting role may call cancel, but the service lets only the requester or
 * the warehouse (who may issue) withdraw a request, so others are not offered it.
 */
export function requisitionActions(requisition: Requisition, roles: readonly string[], userId: string): Action<RequisitionAction>[] {
  const storekeeper = isAllowed(roles, "POST", `${base(requisition)}/issues`);
  return availableActions(REQUISITION_ACTIONS, requisition, roles, userId).filter(
    (action) => action.name !== "cancel" || storekeeper || requisition.created_by === userId,
  );
}
