/** How a list screen is declared: its API path, columns, filters and status colours. */
import type { ListPath, ListRow } from "../api/lists";
import type { RecordFormSpec } from "../masterdata/spec";
import type { RecordDrawerParts } from "../masterdata/useRecordDrawer";

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
  /** Columns the endpoint's `sort` parameter takes (its whitelist): their headers sort the list. */
  sortable?: readonly Extract<keyof ListRow<P>, string>[];
  /** The page of a row's record: its first column links there. */
  rowLink?: (row: ListRow<P>) => string;
  /** A "new" button, shown when the user's roles may make the create call (`apiPath`). */
  create?: { to: string; labelKey: string; apiPath: string };
  /** A master record's form: a "New" button, and the first column opening the record in a drawer. */
  record?: RecordFormSpec;
  /** A drawer hook of the resource's own, in place of `record`'s (users: a role set and a password, not a record form). */
  drawer?: () => RecordDrawerParts;
}

/** Checks each declaration against its path's row type. */
export function defineList<P extends ListPath>(resource: ListResource<P>): ListResource<P> {
  return resource;
}
