/**
 * Field errors of a document request, keyed the one way the console names fields ("lines.0.quantity").
 * Schema errors already come nested (marshmallow: {lines: {0: {quantity: [...]}}}, flattened by
 * api/problem.ts), while business rules name their field as Python writes it ("lines[0].unit_price");
 * both end up as the same key, so a message lands on the cell it is about.
 */
import { ApiError, type FieldErrors } from "../api/problem";

/** "lines[0].unit_price" and "lines.0.unit_price" are both "lines.0.unit_price". */
export function normaliseFieldPath(path: string): string {
  return path.replace(/\[(\d+)\]/g, ".$1").replace(/^\./, "");
}

export function normaliseFieldErrors(errors: FieldErrors): FieldErrors {
  const result: FieldErrors = {};
  for (const [path, messages] of Object.entries(errors)) {
    const key = normaliseFieldPath(path);
    result[key] = [...(result[key] ?? []), ...messages];
  }
  return result;
}

/** The field errors an error carries (validation or a rule tied to fields); none for other errors. */
export function fieldErrorsOf(error: unknown): FieldErrors {
  return error instanceof ApiError ? normaliseFieldErrors(error.fieldErrors) : {};
}

export interface SplitErrors {
  /** Per line index, per field ("quantity"): the messages for that cell; "_line" for the line as a whole. */
  lines: Record<number, Record<string, string[]>>;
  /** Everything else: header fields, the whole list ("lines"), "_schema". */
  other: FieldErrors;
}

/** Errors of the lines under `prefix` by line and cell; a deeper path ("lines.0.batch.no") keeps its rest. */
export function splitLineErrors(errors: FieldErrors, prefix = "lines"): SplitErrors {
  const lines: SplitErrors["lines"] = {};
  const other: FieldErrors = {};
  const pattern = new RegExp(`^${prefix.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\.(\\d+)(?:\\.(.+))?$`);
  for (const [path, messages] of Object.entries(errors)) {
    const match = pattern.exec(path);
    if (!match) {
      other[path] = messages;
      continue;
    }
    const index = Number(match[1]);
    const field = match[2] ?? "_line";
    const line = (lines[index] ??= {});
    line[field] = [...(line[field] ?? []), ...messages];
  }
  return { lines, other };
}

/** The errors without the one just edited (the user is fixing it). */
export function withoutField(errors: FieldErrors, path: string): FieldErrors {
  if (!(path in errors)) return errors;
  const rest = { ...errors };
  delete rest[path];
  return rest;
}

/** The errors without any for the lines under `prefix` (their indices shift when a line is removed). */
export function withoutLineErrors(errors: FieldErrors, prefix = "lines"): FieldErrors {
  return Object.fromEntries(Object.entries(errors).filter(([path]) => !path.startsWith(`${prefix}.`)));
}
