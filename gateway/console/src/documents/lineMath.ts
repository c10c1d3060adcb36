/**
 * Document line amounts exactly as the services compute them, so the totals a user sees while typing are
 * the totals the saved document will have, to the cent:
 * - purchase orders (procurement/ordering_domain.py): quantity × unit price, rounded half-up to the cent;
 *   the order total is the sum of the rounded lines;
 * - sales orders and invoices (sales/ordering_domain.py): net = quantity × price × (1 − discount/100),
 *   rounded once, half-up; tax = net × rate / 100 per line, rounded half-up; totals are sums of rounded lines.
 */
import { add, multiply, parseDecimal, roundHalfUp, subtract, toDecimalString, type Decimal, type DecimalLike } from "../decimal/decimal";

const MONEY_PLACES = 2;

function of(value: DecimalLike): Decimal {
  return typeof value === "string" ? parseDecimal(value) : value;
}

/** value / 100, exactly (the decimal point moves two places). */
function hundredth(value: DecimalLike): Decimal {
  const x = of(value);
  return { units: x.units, scale: x.scale + 2 };
}

function money(value: Decimal): string {
  return toDecimalString(roundHalfUp(value, MONEY_PLACES));
}

/** A purchase order line's amount (procurement's `line_amount`). */
export function purchaseLineAmount(quantity: DecimalLike, unitPrice: DecimalLike): string {
  return money(multiply(quantity, unitPrice));
}

/** A sales line's net amount (sales' `net_amount`): one rounding, after the discount. */
export function salesNetAmount(quantity: DecimalLike, unitPrice: DecimalLike, discountPct: DecimalLike): string {
  return money(multiply(multiply(quantity, unitPrice), subtract("1", hundredth(discountPct))));
}

/** A sales line's tax on its rounded net amount (sales' `tax_amount`). */
export function salesTaxAmount(net: DecimalLike, taxRate: DecimalLike): string {
  return money(multiply(net, hundredth(taxRate)));
}

export function moneySum(amounts: Iterable<DecimalLike>): string {
  let total: Decimal = { units: 0n, scale: MONEY_PLACES };
  for (const amount of amounts) total = add(total, amount);
  return money(total);
}

export interface SalesLineFigures {
  net: string;
  tax: string;
  total: string;
}

export function salesLineFigures(quantity: DecimalLike, unitPrice: DecimalLike, discountPct: DecimalLike, taxRate: DecimalLike): SalesLineFigures {
  const net = salesNetAmount(quantity, unitPrice, discountPct);
  const tax = salesTaxAmount(net, taxRate);
  return { net, tax, total: moneySum([net, tax]) };
}

export interface SalesTotals {
  net: string;
  tax: string;
  total: string;
}

/** Sales order totals (sales' `order_totals`): sums of the rounded line amounts. */
export function salesTotals(lines: Iterable<{ net: DecimalLike; tax: DecimalLike }>): SalesTotals {
  const all = Array.from(lines);
  const net = moneySum(all.map((line) => line.net));
  const tax = moneySum(all.map((line) => line.tax));
  return { net, tax, total: moneySum([net, tax]) };
}

/** A purchase order's total (procurement's `order_total`). */
export function purchaseTotal(amounts: Iterable<DecimalLike>): string {
  return moneySum(amounts);
}
