/** Links between the screens, as addresses with the target's own filters: an item's movements, a batch's trace, a document's entries. */
import { Link } from "react-router";
import type { ReactNode } from "react";
import { isAllowed } from "../auth/permissions";
import { useAuth } from "../auth/AuthProvider";

export function query(values: Record<string, string | null | undefined>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(values)) if (value) params.set(name, value);
  const text = params.toString();
  return text ? `?${text}` : "";
}

export const to = {
  movements: (itemId: string, warehouseId?: string | null, dateTo?: string) => `/inventory/movements${query({ item_id: itemId, warehouse_id: warehouseId, date_to: dateTo })}`,
  batchTrace: (itemId: string, batchNo: string) => `/inventory/batch-trace${query({ item_id: itemId, batch_no: batchNo })}`,
  cycleCount: (countId: string) => `/inventory/cycle-counts/${countId}`,
  journalEntries: (filters: Record<string, string | undefined>) => `/finance/journal-entries${query(filters)}`,
  journalEntry: (entryId: string) => `/finance/journal-entries/${entryId}`,
  purchaseOrders: (number: string) => `/procurement/purchase-orders${query({ number })}`,
  salesOrders: (number: string) => `/sales/sales-orders${query({ number })}`,
};

/** A link when the user may open its target (the GET it needs), else just the text. */
export function GuardedLink({ to: target, apiPath, children }: { to: string; apiPath: string; children: ReactNode }) {
  const { roles } = useAuth();
  return isAllowed(roles, "GET", apiPath) ? <Link to={target}>{children}</Link> : <>{children}</>;
}
