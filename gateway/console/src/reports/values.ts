/**
 * The API's amounts and quantities as exact decimal strings, for the few sums the screens make themselves
 * (a journal entry's debits, an ageing's buckets). Never a Number: see decimal/decimal.ts.
 */
import { add, compare, DecimalError, isDecimalString, toDecimalString, type Decimal } from "../decimal/decimal";

/** The decimal string the API sent; anything else is a broken answer, not a zero. */
export function decimalOf(value: unknown): string {
  if (isDecimalString(value)) return value.trim();
  throw new DecimalError(value);
}

/** The exact sum of decimal strings, written with at least `places` decimals. */
export function total(values: Iterable<unknown>, places = 2): string {
  let sum: Decimal = { units: 0n, scale: places };
  for (const value of values) sum = add(sum, decimalOf(value));
  return toDecimalString(sum);
}

/** -1, 0 or 1: below, at or above zero (null and absent values are neither). */
export function signOf(value: unknown): -1 | 0 | 1 {
  return isDecimalString(value) ? compare(value, "0") : 0;
}
