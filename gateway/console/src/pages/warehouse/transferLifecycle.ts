/**
 * A transfer's lifecycle as inventory's transfer_domain.py defines it: draft → shipped (into goods in
 * transit) → received (what did not arrive is a loss); only a draft can be cancelled.
 */
import { availableActions, type Action, type ActionRule, type StepBar } from "../../documents/lifecycle";
import type { Transfer } from "./warehouseDocsApi";

export const TRANSFER_STEPS = ["draft", "shipped", "received"] as const;
/** The step titles are the list's status labels (a prefix: screens.test.ts checks every status under it). */
export const TRANSFER_STEP_TEXTS = { labels: "screens.warehouse.transferStatus" } as const;

export function transferSteps(transfer: Pick<Transfer, "status">): StepBar {
  switch (transfer.status ?? "draft") {
    case "draft":
      return { steps: TRANSFER_STEPS, current: 0, status: "process" };
    case "shipped":
      return { steps: TRANSFER_STEPS, current: 1, status: "process" };
    case "received":
      return { steps: TRANSFER_STEPS, current: 2, status: "finish" };
    case "cancelled":
      return { steps: TRANSFER_STEPS, current: 1, status: "error", currentLabel: "cancelled" };
    default:
      return { steps: TRANSFER_STEPS, current: 0, status: "process", currentLabel: transfer.status };
  }
}

export type TransferAction = "ship" | "receive" | "cancel";

const base = (transfer: Transfer) => `/api/inventory/transfers/${transfer.id}`;
const is = (...statuses: string[]) => (transfer: Transfer) => statuses.includes(transfer.status ?? "");

export const TRANSFER_ACTIONS: readonly ActionRule<TransferAction, Transfer>[] = [
  { name: "ship", method: "POST", path: (doc) => `${base(doc)}/ship`, when: is("draft") },
  { name: "receive", method: "POST", path: (doc) => `${base(doc)}/receive`, when: is("shipped") },
  { name: "cancel", method: "POST", path: (doc) => `${base(doc)}/cancel`, when: is("draft") },
];

export function transferActions(transfer: Transfer, roles: readonly string[], userId: string): Action<TransferAction>[] {
  return availableActions(TRANSFER_ACTIONS, transfer, roles, userId);
}
