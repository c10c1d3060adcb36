/**
 * What a user typed into a quantity, price or percentage cell, checked the way the services' schemas check
 * it (ExactDecimal: at most so many places, within a range), so most mistakes show at the cell before a
 * request is sent. The value stays a string: it is sent as typed (normalised), never through a Number.
 */
import { compare, isDecimalString, parseDecimal, toDecimalString } from "../decimal/decimal";

export interface EntryRule {
  /** Decimal places the column keeps (quantities and prices 4, percentages and money 2). */
  places: number;
  /** Strictly above zero (quantities) rather than zero or more (prices, percentages). */
  positive?: boolean;
  /** Inclusive upper bound, e.g. "100" for percentages. */
  max?: string;
  required?: boolean;
}

export type EntryProblem = "required" | "notANumber" | "tooManyPlaces" | "notPositive" | "negative" | "tooLarge";

export type Entry = { value: string | null; problem: null } | { value: null; problem: EntryProblem };

/** The services' upper bound for every amount and quantity (erp_shared.web.fields.LIMIT). */
export const LIMIT = "100000000000000";

export const QUANTITY: EntryRule = { places: 4, positive: true, max: LIMIT, required: true };
export const PRICE: EntryRule = { places: 4, max: LIMIT, required: true };
export const PERCENT: EntryRule = { places: 2, max: "100" };
export const MONEY: EntryRule = { places: 2, positive: true, max: LIMIT, required: true };

const FULL_WIDTH = /[\uFF10-\uFF19\uFF0E]/g;

/** Full-width digits and point (typed with a Chinese input method) as ASCII; spaces and a leading "+" dropped. */
export function normaliseNumberText(text: string): string {
  return text
    .replace(FULL_WIDTH, (char) => (char === "\uFF0E" ? "." : String.fromCharCode(char.charCodeAt(0) - 0xff10 + 0x30)))
    .replace(/\s+/g, "")
    .replace(/^\+/, "");
}

/** Decimals that carry value: "1.50000" has one (the services accept it for a 4-place column). */
function significantPlaces(text: string): number {
  const point = text.indexOf(".");
  return point < 0 ? 0 : text.slice(point + 1).replace(/0+$/, "").length;
}

/** At most `keep` decimals, dropping only zeros: "1.50000" with 4 is "1.5000". */
function trimmed(value: string, keep: number): string {
  const point = value.indexOf(".");
  if (point < 0 || value.length - point - 1 <= keep) return value;
  const cut = value.slice(0, point + 1 + keep);
  return cut.endsWith(".") ? cut.slice(0, -1) : cut;
}

export function readEntry(text: string | null | undefined, rule: EntryRule): Entry {
  const typed = normaliseNumberText(text ?? "");
  if (typed === "") return rule.required ? { value: null, problem: "required" } : { value: null, problem: null };
  if (!isDecimalString(typed)) return { value: null, problem: "notANumber" };
  if (significantPlaces(typed) > rule.places) return { value: null, problem: "tooManyPlaces" };
  const value = trimmed(toDecimalString(parseDecimal(typed)), rule.places);
  if (rule.positive && compare(value, "0") <= 0) return { value: null, problem: "notPositive" };
  if (compare(value, "0") < 0) return { value: null, problem: "negative" };
  if (rule.max !== undefined && compare(value, rule.max) > 0) return { value: null, problem: "tooLarge" };
  return { value, problem: null };
}

/** "10.5000" → "10.5": the API's digits for an input the user edits, without the column's padding. */
export function plainDecimal(value: string | null | undefined): string {
  if (!value) return "";
  return value.includes(".") ? value.replace(/0+$/, "").replace(/\.$/, "") : value;
}
