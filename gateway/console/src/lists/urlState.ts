/**
 * A list's state lives in the address bar (`?page=2&page_size=50&status=approved&sort=-number`), so a list
 * can be bookmarked, shared and reloaded as it was. Only the declared filters are read from the URL.
 */
import type { QueryValues } from "../api/lists";
import type { FilterDef } from "./definition";

export const PAGE_SIZES = [10, 20, 50, 100] as const;
export const DEFAULT_PAGE_SIZE = 20;

export interface ListState {
  page: number;
  pageSize: number;
  /** `field` ascending, `-field` descending, keys joined by commas; "" for the API's own order. */
  sort: string;
  filters: Record<string, string>;
}

function positiveInteger(text: string | null, fallback: number): number {
  return text && /^\d+$/.test(text) && Number(text) >= 1 ? Number(text) : fallback;
}

/**
 * The URL's sort if the API would take it: every key one the list declares sortable, none twice
 * (`-order_date,number`). Anything else is dropped rather than sent, so an old bookmark still opens.
 */
export function readSort(text: string | null, sortable: readonly string[]): string {
  const keys = (text ?? "").split(",").map((part) => part.replace(/^-/, ""));
  const known = keys.every((key) => sortable.includes(key)) && new Set(keys).size === keys.length;
  return text && known ? text : "";
}

/** How a column header shows the sort: only the first key is a header's; the others break its ties. */
export function columnSortOrder(sort: string, key: string): "ascend" | "descend" | null {
  const first = sort.split(",")[0];
  return first === key ? "ascend" : first === `-${key}` ? "descend" : null;
}

export function readListState(params: URLSearchParams, filters: readonly FilterDef[], sortable: readonly string[] = []): ListState {
  const size = positiveInteger(params.get("page_size"), DEFAULT_PAGE_SIZE);
  return {
    page: positiveInteger(params.get("page"), 1),
    pageSize: (PAGE_SIZES as readonly number[]).includes(size) ? size : DEFAULT_PAGE_SIZE,
    sort: readSort(params.get("sort"), sortable),
    filters: Object.fromEntries(filters.flatMap((filter) => {
      const value = params.get(filter.name);
      return value ? [[filter.name, value]] : [];
    })),
  };
}

export function writeListState(state: ListState): URLSearchParams {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(state.filters)) if (value) params.set(name, value);
  if (state.sort) params.set("sort", state.sort);
  if (state.page > 1) params.set("page", String(state.page));
  if (state.pageSize !== DEFAULT_PAGE_SIZE) params.set("page_size", String(state.pageSize));
  return params;
}

/** A filter changed: back to the first page, the rest kept. */
export function withFilter(state: ListState, name: string, value: string | undefined): ListState {
  const filters = { ...state.filters };
  if (value) filters[name] = value;
  else delete filters[name];
  return { ...state, filters, page: 1 };
}

/** A header was clicked: the list is ordered by that column alone ("" for the API's own order), from page 1. */
export function withSort(state: ListState, key: string, order: "ascend" | "descend" | null | undefined): ListState {
  const sort = !order ? "" : order === "descend" ? `-${key}` : key;
  return { ...state, sort, page: 1 };
}

/** What the API is asked for one page. */
export function pageQuery(state: ListState): QueryValues {
  return { ...state.filters, ...(state.sort ? { sort: state.sort } : {}), page: state.page, page_size: state.pageSize };
}

/** What the API is asked for the export: the same filters and order, every page. */
export function exportQuery(state: ListState): QueryValues {
  return { ...state.filters, ...(state.sort ? { sort: state.sort } : {}) };
}
