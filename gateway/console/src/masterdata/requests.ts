/**
 * From a record form to the request the API expects, as pure functions: a create sends every field entered
 * (blanks left to the schema's defaults), an edit sends only what changed (the update schemas are partial),
 * decimals go as the exact strings typed, never through a JavaScript number.
 */
import { compare } from "../decimal/decimal";
import { plainDecimal, readEntry, type EntryProblem } from "../documents/entry";
import type { FieldSpec, FormValues, MasterRecord, RecordFormSpec } from "./spec";

/** A mistake found before sending, named as documents/entry.ts names them (plus two of whole numbers and text). */
export interface FieldProblem {
  problem: EntryProblem | "notAnInteger" | "tooLong";
  values?: Record<string, number | string>;
}

export type Prepared =
  | { body: Record<string, unknown>; problems: null }
  | { body: null; problems: Record<string, FieldProblem> };

/** Whether the caller is sent the field at all (see FieldSpec.seenBy). */
export function seesField(field: FieldSpec, roles: readonly string[]): boolean {
  return !field.seenBy || roles.includes("admin") || field.seenBy.some((role) => roles.includes(role));
}

/** The fields the form shows: a new record's as the caller's roles allow, an existing one's as the API sent them. */
export function shownFields(spec: RecordFormSpec, record: MasterRecord | null, roles: readonly string[]): FieldSpec[] {
  return spec.fields.filter((field) => (record ? field.name in record : seesField(field, roles)));
}

/** The inputs' starting text: the schema's defaults for a new record, the record's values otherwise. */
export function initialValues(fields: readonly FieldSpec[], record: MasterRecord | null): FormValues {
  const values: FormValues = {};
  for (const field of fields) {
    if (!record) {
      values[field.name] = field.initial ?? (field.kind === "select" || field.kind === "lookup" || field.kind === "date" ? null : "");
      continue;
    }
    const value = record[field.name];
    if (value === null || value === undefined) values[field.name] = field.kind === "text" || field.kind === "decimal" || field.kind === "integer" ? "" : null;
    else values[field.name] = field.kind === "decimal" ? plainDecimal(String(value)) : String(value);
  }
  return values;
}

type Read = { value: unknown; problem: null } | { value: null; problem: FieldProblem };

/** One input as the API wants it: undefined when left blank, else the typed value checked like the schema does. */
function readField(field: FieldSpec, raw: string | null | undefined): Read {
  const text = typeof raw === "string" ? (field.kind === "text" ? raw.trim() : raw) : raw;
  if (text === null || text === undefined || text === "") return { value: undefined, problem: null };
  switch (field.kind) {
    case "decimal": {
      const entry = readEntry(text, { places: 4, ...field.decimal, required: false });
      return entry.problem ? { value: null, problem: { problem: entry.problem, values: { places: field.decimal?.places ?? 4 } } } : { value: entry.value, problem: null };
    }
    case "integer": {
      const trimmed = text.trim();
      if (!/^\d+$/.test(trimmed)) return { value: null, problem: { problem: trimmed.startsWith("-") ? "negative" : "notAnInteger" } };
      const number = Number(trimmed);
      if (field.range && number > field.range.max) return { value: null, problem: { problem: "tooLarge" } };
      if (field.range && number < field.range.min) return { value: null, problem: { problem: "negative" } };
      return { value: number, problem: null };
    }
    case "text":
      if (field.maxLength !== undefined && text.length > field.maxLength) return { value: null, problem: { problem: "tooLong", values: { max: field.maxLength } } };
      return { value: text, problem: null };
    default:
      return { value: text, problem: null };
  }
}

function sameValue(field: FieldSpec, before: unknown, after: unknown): boolean {
  if (before === after) return true;
  if (before === undefined || before === null || after === undefined || after === null) return false;
  if (field.kind === "decimal") return compare(String(before), String(after)) === 0;
  return String(before) === String(after);
}

/** The POST body of a new record, or the problems to fix first. */
export function createBody(fields: readonly FieldSpec[], values: FormValues): Prepared {
  const body: Record<string, unknown> = {};
  const problems: Record<string, FieldProblem> = {};
  for (const field of fields) {
    const read = readField(field, values[field.name]);
    if (read.problem) problems[field.name] = read.problem;
    else if (read.value !== undefined) body[field.name] = read.value;
    else if (field.required) problems[field.name] = { problem: "required" };
  }
  return Object.keys(problems).length > 0 ? { body: null, problems } : { body, problems: null };
}

/** The PATCH body of an edit: only the fields changed; a cleared optional field is null, a cleared required one a problem. */
export function updateBody(fields: readonly FieldSpec[], record: MasterRecord, values: FormValues): Prepared {
  const body: Record<string, unknown> = {};
  const problems: Record<string, FieldProblem> = {};
  const before = initialValues(fields, record);
  for (const field of fields) {
    if (field.createOnly) continue;
    const read = readField(field, values[field.name]);
    if (read.problem) {
      problems[field.name] = read.problem;
      continue;
    }
    const was = readField(field, before[field.name]).value;
    if (read.value === undefined) {
      if (was === undefined) continue;
      if (field.nullable) body[field.name] = null;
      else problems[field.name] = { problem: "required" };
    } else if (!sameValue(field, was, read.value)) {
      body[field.name] = read.value;
    }
  }
  return Object.keys(problems).length > 0 ? { body: null, problems } : { body, problems: null };
}
