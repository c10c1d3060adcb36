/**
 * Monthly figures for the charts: every month of the period present (a month without sales is a zero, not a
 * gap that joins its neighbours), the exact strings kept for the tooltips. Turning them into Numbers for
 * plotting happens here and nowhere else: a chart's pixels need no more than a double's precision.
 */
import { isDecimalString } from "../../decimal/decimal";

/** The `count` months ending with the month of `today` ("2026-03-15"), oldest first: ["2025-04", ..., "2026-03"]. */
export function lastMonths(today: string, count = 12): string[] {
  const [year, month] = today.split("-").map(Number);
  const months: string[] = [];
  for (let back = count - 1; back >= 0; back -= 1) {
    const index = year * 12 + (month - 1) - back;
    months.push(`${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`);
  }
  return months;
}

/** The first day of the first month and the last day of the last one, as the analysis endpoints take them. */
export function periodOf(months: readonly string[]): { date_from: string; date_to: string } {
  const last = months[months.length - 1];
  const [year, month] = last.split("-").map(Number);
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return { date_from: `${months[0]}-01`, date_to: `${last}-${String(days).padStart(2, "0")}` };
}

/** One exact value per month, "0" where the analysis has no row for it. */
export function monthly<Row extends { key: string }>(rows: readonly Row[], months: readonly string[], field: keyof Row): string[] {
  const byMonth = new Map(rows.map((row) => [row.key, row[field]]));
  return months.map((month) => {
    const value = byMonth.get(month);
    return isDecimalString(value) ? value : "0";
  });
}

/** For plotting only. */
export function plotted(values: readonly string[]): number[] {
  return values.map((value) => Number(value));
}
