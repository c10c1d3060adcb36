/**
 * Exact arithmetic on the API's decimal strings ("1234.50"), on BigInt: a value never passes through a
 * binary float, so 0.1 + 0.2 is 0.3 and a total matches the server's to the cent.
 * Rounding is half-up (ties away from zero), as Python's ROUND_HALF_UP the services quantize with.
 */

/** `units / 10^scale`: "-12.340" is { units: -12340n, scale: 3 }. */
export interface Decimal {
  readonly units: bigint;
  readonly scale: number;
}

export type DecimalLike = Decimal | string;

const PATTERN = /^([+-])?(\d+)(?:\.(\d+))?$/;

export class DecimalError extends Error {
  constructor(value: unknown) {
    super(`not a decimal number: ${JSON.stringify(value)}`);
    this.name = "DecimalError";
  }
}

export function isDecimalString(value: unknown): value is string {
  return typeof value === "string" && PATTERN.test(value.trim());
}

export function parseDecimal(text: string): Decimal {
  const match = typeof text === "string" ? PATTERN.exec(text.trim()) : null;
  if (!match) throw new DecimalError(text);
  const [, sign, whole, fraction = ""] = match;
  const units = BigInt(whole + fraction);
  return { units: sign === "-" ? -units : units, scale: fraction.length };
}

function of(value: DecimalLike): Decimal {
  return typeof value === "string" ? parseDecimal(value) : value;
}

function pow10(exponent: number): bigint {
  return 10n ** BigInt(exponent);
}

/** The same value written with `scale` decimals (scale must not be smaller: use roundHalfUp for that). */
function rescaled(value: Decimal, scale: number): bigint {
  return value.units * pow10(scale - value.scale);
}

export function add(a: DecimalLike, b: DecimalLike): Decimal {
  const x = of(a);
  const y = of(b);
  const scale = Math.max(x.scale, y.scale);
  return { units: rescaled(x, scale) + rescaled(y, scale), scale };
}

export function negate(a: DecimalLike): Decimal {
  const x = of(a);
  return { units: -x.units, scale: x.scale };
}

export function subtract(a: DecimalLike, b: DecimalLike): Decimal {
  return add(a, negate(b));
}

export function multiply(a: DecimalLike, b: DecimalLike): Decimal {
  const x = of(a);
  const y = of(b);
  return { units: x.units * y.units, scale: x.scale + y.scale };
}

/** Rounded to `places` decimals, ties away from zero; a value with fewer decimals is padded, not changed. */
export function roundHalfUp(a: DecimalLike, places: number): Decimal {
  const x = of(a);
  if (!Number.isInteger(places) || places < 0) throw new RangeError(`places must be a whole number >= 0`);
  if (x.scale <= places) return { units: rescaled(x, places), scale: places };
  const divisor = pow10(x.scale - places);
  const magnitude = x.units < 0n ? -x.units : x.units;
  let quotient = magnitude / divisor;
  if ((magnitude % divisor) * 2n >= divisor) quotient += 1n;
  return { units: x.units < 0n ? -quotient : quotient, scale: places };
}

export function compare(a: DecimalLike, b: DecimalLike): -1 | 0 | 1 {
  const difference = subtract(a, b).units;
  return difference < 0n ? -1 : difference > 0n ? 1 : 0;
}

export function isZero(a: DecimalLike): boolean {
  return of(a).units === 0n;
}

/** Plain decimal notation with exactly `scale` decimals: { units: -5n, scale: 2 } is "-0.05". */
export function toDecimalString(a: DecimalLike): string {
  const x = of(a);
  const negative = x.units < 0n;
  const digits = (negative ? -x.units : x.units).toString().padStart(x.scale + 1, "0");
  const whole = digits.slice(0, digits.length - x.scale);
  const fraction = digits.slice(digits.length - x.scale);
  return (negative ? "-" : "") + whole + (x.scale > 0 ? "." + fraction : "");
}

export function sum(values: Iterable<DecimalLike>, scale = 0): Decimal {
  let total: Decimal = { units: 0n, scale };
  for (const value of values) total = add(total, value);
  return total;
}

/** A document line's amount as the services compute it: quantity x unit price, rounded half-up to cents. */
export function lineTotal(quantity: DecimalLike, unitPrice: DecimalLike, places = 2): string {
  return toDecimalString(roundHalfUp(multiply(quantity, unitPrice), places));
}

/** The sum of line amounts, each rounded first (as on the printed document), with `places` decimals. */
export function documentTotal(lines: Iterable<{ quantity: DecimalLike; unitPrice: DecimalLike }>, places = 2): string {
  const amounts = Array.from(lines, (line) => lineTotal(line.quantity, line.unitPrice, places));
  return toDecimalString(roundHalfUp(sum(amounts, places), places));
}
