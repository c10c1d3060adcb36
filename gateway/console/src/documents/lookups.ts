/**
 * Where a document form looks records up as the user types: each list endpoint's own server-side search
 * (`q`: code or name contains the text), active records only, one short page. Nothing is ever loaded in full,
 * so a lookup costs the same over 100 records or 100,000.
 */
import type { ListPath, ListRow, QueryValues } from "../api/lists";
import type { ItemRef, WarehouseRef } from "./draftLines";

/** Rows per lookup: enough to pick from, small enough to come back at once. */
export const LOOKUP_PAGE_SIZE = 20;
/** Wait this long after the last keystroke before asking the server. */
export const LOOKUP_DEBOUNCE_MS = 250;

export interface RecordRef {
  id: string;
  code: string;
  name?: string | null;
}

export interface LookupSource<P extends ListPath, Ref extends RecordRef> {
  key: string;
  path: P;
  query(text: string): QueryValues;
  toRef(row: ListRow<P>): Ref;
}

export function lookupLabel(ref: RecordRef): string {
  return ref.name ? `${ref.code} · ${ref.name}` : ref.code;
}

function search(text: string): QueryValues {
  return { q: text.trim() || undefined, active: true, page: 1, page_size: LOOKUP_PAGE_SIZE };
}

export interface PartyRef extends RecordRef {
  name: string;
}

export const ITEM_LOOKUP: LookupSource<"/api/inventory/items", ItemRef> = {
  key: "items",
  path: "/api/inventory/items",
  query: search,
  toRef: (row) => ({ id: row.id ?? "", code: row.code ?? "", name: row.name ?? "", unit: row.unit ?? null }),
};

export const WAREHOUSE_LOOKUP: LookupSource<"/api/inventory/warehouses", WarehouseRef> = {
  key: "warehouses",
  path: "/api/inventory/warehouses",
  query: search,
  toRef: (row) => ({ id: row.id ?? "", code: row.code ?? "", name: row.name ?? null }),
};

export const SUPPLIER_LOOKUP: LookupSource<"/api/procurement/suppliers", PartyRef> = {
  key: "suppliers",
  path: "/api/procurement/suppliers",
  query: search,
  toRef: (row) => ({ id: row.id ?? "", code: row.code ?? "", name: row.name ?? "" }),
};

export const CUSTOMER_LOOKUP: LookupSource<"/api/sales/customers", PartyRef> = {
  key: "customers",
  path: "/api/sales/customers",
  query: search,
  toRef: (row) => ({ id: row.id ?? "", code: row.code ?? "", name: row.name ?? "" }),
};
