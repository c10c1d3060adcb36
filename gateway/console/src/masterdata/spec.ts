/**
 * How a master record's form is declared: one small spec per resource mirroring the API's create and update
 * schemas (erp.json), so the drawer, the request bodies and the role checks all read the same declaration.
 */
import type { EntryRule } from "../documents/entry";
import type { LookupSource, RecordRef } from "../documents/lookups";
import type { ListPath } from "../api/lists";

export type FieldKind = "text" | "decimal" | "integer" | "select" | "date" | "lookup";

export interface FieldSpec {
  /** The API's field name, also the key of its problem+json errors. */
  name: string;
  labelKey: string;
  kind: FieldKind;
  /** Required by the create schema (the update schema never requires a field). */
  required?: boolean;
  /** Only in the create schema (a code or number fixed once the record exists): shown read-only when editing. */
  createOnly?: boolean;
  /** The API accepts null: a cleared input sends null when editing. */
  nullable?: boolean;
  maxLength?: number;
  /** select: the values the API accepts, labelled from `${labels}.${value}`. */
  options?: readonly string[];
  labels?: string;
  /** decimal: places and range as the service's ExactDecimal checks them. */
  decimal?: EntryRule;
  /** integer: inclusive range as the schema declares it. */
  range?: { min: number; max: number };
  /** lookup: where the referenced record is searched and fetched. */
  lookup?: LookupSource<ListPath, RecordRef>;
  /** The create form's value when the user enters nothing (the schema's default, so the form says it). */
  initial?: string;
  /**
   * Only these roles (and admin) are sent the field (supplier bank details): a record without it is not
   * shown an empty input, and a new record offers it only to those roles.
   */
  seenBy?: readonly string[];
}

export interface RecordFormSpec {
  /** The collection: POST here, GET/PATCH `${path}/{id}`, POST `${path}/{id}/deactivate`. */
  path: string;
  /** i18n key of the record's name ("Item"), for "New item" and the drawer's title. */
  nounKey: string;
  /** The fields naming a record in the drawer's title. */
  codeField: string;
  nameField: string;
  fields: readonly FieldSpec[];
}

/** A record as the API answers it: the fields the caller may see, `id` and `active` among them. */
export type MasterRecord = { id: string; active?: boolean } & Record<string, unknown>;

/** What the form holds per field: text as typed (decimals too), a lookup's id, or nothing. */
export type FormValues = Record<string, string | null | undefined>;

export function defineRecord(spec: RecordFormSpec): RecordFormSpec {
  return spec;
}
