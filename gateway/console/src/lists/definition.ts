/** How a list screen is declared: its API path, columns, filters and status colours. */
import type { ListPath, ListRow } from "../api/lists";

export type ColumnKind = "text" | "amount" | "quantity" | "integer" | "date" | "datetime" | "active" | "status" | "enum" | "tags";
export type BadgeState = "default" | "processing" | "success" | "warning" | "error";

export interface ColumnDef<Row> {
  key: Extract<keyof Row, string>;
  titleKey: string;
  kind?: ColumnKind;
  /** i18n prefix of the value labels, for status and enum columns ("status.purchaseOrder"). */
  labels?: string;
  width?: number;
}

export type FilterDef =
  | { name: string; kind: "search"; placeholderKey: string }
  | { name: string; kind: "select"; labelKey: string; options: readonly string[]; labels: string }
  | { name: string; kind: "boolean"; labelKey: string }
  | { name: string; kind: "flag"; labelKey: string };

export interface ListResource<P extends ListPath = ListPath> {
  /** Menu key and CSV file name. */
  key: string;
  titleKey: string;
  path: P;
  columns: readonly ColumnDef<ListRow<P>>[];
  filters: readonly FilterDef[];
  statusColors?: Record<string, BadgeState>;
  /** Query parameters the API sorts by; no list endpoint offers one yet, so none is declared. */
  sortable?: readonly string[];
}

/** Checks each declaration against its path's row type. */
export function defineList<P extends ListPath>(resource: ListResource<P>): ListResource<P> {
  return resource;
}
