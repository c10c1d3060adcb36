/**
 * A report's inputs (dates, warehouse, item, page) live in the address bar like a list's filters, so a report
 * can be bookmarked, shared and reloaded as it was. Changing an input goes back to the first page.
 */
import { useSearchParams } from "react-router";

export const REPORT_PAGE_SIZES = [20, 50, 100] as const;
const PAGING = new Set(["page", "page_size"]);

export type ParamChanges = Record<string, string | undefined | null>;

/** The address's parameters with `changes` applied (empty values removed); any other change resets the page. */
export function withParams(current: URLSearchParams, changes: ParamChanges): URLSearchParams {
  const next = new URLSearchParams(current);
  for (const [name, value] of Object.entries(changes)) {
    if (value === undefined || value === null || value === "") next.delete(name);
    else next.set(name, value);
  }
  if (Object.keys(changes).some((name) => !PAGING.has(name))) next.delete("page");
  return next;
}

export interface Paging {
  page: number;
  pageSize: number;
}

export function pagingOf(params: URLSearchParams, sizes: readonly number[] = REPORT_PAGE_SIZES): Paging {
  const page = params.get("page") ?? "";
  const size = Number(params.get("page_size") ?? "");
  return {
    page: /^\d+$/.test(page) && Number(page) >= 1 ? Number(page) : 1,
    pageSize: sizes.includes(size) ? size : sizes[0],
  };
}

/** A date parameter only when it is one ("2026-03-01"); anything else is as if absent. */
export function dateParam(params: URLSearchParams, name: string): string | undefined {
  const value = params.get(name) ?? "";
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : undefined;
}

/** A UUID parameter only when it is one, so a mistyped address never reaches the API as a 422. */
export function idParam(params: URLSearchParams, name: string): string | undefined {
  const value = params.get(name) ?? "";
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value) ? value : undefined;
}

export function useReportParams() {
  const [params, setParams] = useSearchParams();
  return {
    params,
    get: (name: string) => params.get(name) ?? undefined,
    set: (changes: ParamChanges) => setParams(withParams(params, changes)),
    paging: (sizes?: readonly number[]) => pagingOf(params, sizes),
  };
}
