/**
 * Ageing of open items by days past their due date, exactly as the services bucket their ledgers
 * (sales/ledger_domain.py, procurement/payables_domain.py): not yet due or due today is current, then
 * 1-30, 31-60, 61-90 and over 90 days.
 */
import { total } from "./values";

export const AGEING_BUCKETS = ["current", "1_30", "31_60", "61_90", "over_90"] as const;
export type AgeingBucket = (typeof AGEING_BUCKETS)[number];
export type Ageing = Record<AgeingBucket, string>;

const DAY_MS = 86_400_000;

function utcDay(isoDate: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate);
  if (!match) throw new RangeError(`not a date: ${JSON.stringify(isoDate)}`);
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / DAY_MS;
}

/** Calendar days from the due date to `asOf` (negative: not due yet). */
export function daysOverdue(dueDate: string, asOf: string): number {
  return utcDay(asOf) - utcDay(dueDate);
}

export function ageingBucket(days: number): AgeingBucket {
  if (days <= 0) return "current";
  if (days <= 30) return "1_30";
  if (days <= 60) return "31_60";
  if (days <= 90) return "61_90";
  return "over_90";
}

export interface OpenItem {
  due_date: string;
  open_amount: unknown;
}

/** The open amounts summed per bucket (every bucket present, zero when empty) and in total. */
export function ageOpenItems(items: Iterable<OpenItem>, asOf: string): { buckets: Ageing; total: string } {
  const grouped: Record<AgeingBucket, unknown[]> = { current: [], "1_30": [], "31_60": [], "61_90": [], over_90: [] };
  const all: unknown[] = [];
  for (const item of items) {
    grouped[ageingBucket(daysOverdue(item.due_date, asOf))].push(item.open_amount);
    all.push(item.open_amount);
  }
  const buckets = Object.fromEntries(AGEING_BUCKETS.map((bucket) => [bucket, total(grouped[bucket])])) as Ageing;
  return { buckets, total: total(all) };
}

/** Today's date in UTC as the services count business days ("2026-03-01"). */
export function todayUtc(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}
