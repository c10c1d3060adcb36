/**
 * Decimal strings shown in the locale's notation without ever becoming a Number: the digits are the API's,
 * only the separators are the locale's (asked of Intl once per locale, with a constant sample).
 */
import { isDecimalString, parseDecimal, roundHalfUp, toDecimalString } from "./decimal";

interface Symbols {
  group: string;
  decimal: string;
  minus: string;
}

const symbolsByLocale = new Map<string, Symbols>();

export function localeSymbols(locale: string): Symbols {
  let symbols = symbolsByLocale.get(locale);
  if (!symbols) {
    const parts = new Intl.NumberFormat(locale, { useGrouping: true }).formatToParts(-1234567.5);
    const part = (type: string, fallback: string) => parts.find((p) => p.type === type)?.value ?? fallback;
    symbols = { group: part("group", ","), decimal: part("decimal", "."), minus: part("minusSign", "-") };
    symbolsByLocale.set(locale, symbols);
  }
  return symbols;
}

export interface DecimalFormat {
  /** Trim trailing zeros down to this many decimals (quantities: "12.5000" -> "12.5"); default: keep all. */
  minFractionDigits?: number;
  /** Round half-up to this many decimals first. */
  maxFractionDigits?: number;
  grouping?: boolean;
}

function groupThousands(whole: string, separator: string): string {
  let grouped = "";
  for (let end = whole.length; end > 0; end -= 3) {
    const start = Math.max(0, end - 3);
    grouped = whole.slice(start, end) + (grouped ? separator + grouped : "");
  }
  return grouped;
}

/** "-1234567.50" in en and zh-CN is "-1,234,567.50"; in de-DE "-1.234.567,50". Not a decimal: "". */
export function formatDecimal(value: unknown, locale: string, format: DecimalFormat = {}): string {
  const text = typeof value === "number" && Number.isFinite(value) ? String(value) : value;
  if (!isDecimalString(text)) return "";
  let decimal = parseDecimal(text);
  if (format.maxFractionDigits !== undefined && decimal.scale > format.maxFractionDigits) {
    decimal = roundHalfUp(decimal, format.maxFractionDigits);
  }
  let plain = toDecimalString(decimal);
  const negative = plain.startsWith("-");
  if (negative) plain = plain.slice(1);
  let [whole, fraction = ""] = plain.split(".");
  if (format.minFractionDigits !== undefined) {
    let keep = fraction.length;
    while (keep > format.minFractionDigits && fraction[keep - 1] === "0") keep -= 1;
    fraction = fraction.slice(0, keep).padEnd(format.minFractionDigits, "0");
  }
  const symbols = localeSymbols(locale);
  const shownWhole = format.grouping === false ? whole : groupThousands(whole, symbols.group);
  const isZeroValue = /^0*$/.test(whole + fraction);
  return (negative && !isZeroValue ? symbols.minus : "") + shownWhole + (fraction ? symbols.decimal + fraction : "");
}

/** Money: the API's scale (two decimals) kept as sent. */
export function formatAmount(value: unknown, locale: string): string {
  return formatDecimal(value, locale, { minFractionDigits: 2 });
}

/** Quantities come with four decimals; trailing zeros say nothing, so "10.5000" is shown as "10.5". */
export function formatQuantity(value: unknown, locale: string): string {
  return formatDecimal(value, locale, { minFractionDigits: 0 });
}
