/**
 * Paged lists as the services serve them (flask-smorest): `page` and `page_size` (at most 100) in the query,
 * the totals in the `X-Pagination` header.
 */
import { unwrap, type ErpClient } from "./client";
import type { paths } from "./schema";

export const MAX_PAGE_SIZE = 100;

export type ListPath = {
  [P in keyof paths]: paths[P] extends { get: { responses: { 200: { headers: { "X-Pagination"?: unknown } } } } } ? P : never;
}[keyof paths];

type JsonBody<R> = R extends { content: { "application/json": infer Body } } ? Body : never;
type GetOf<P extends ListPath> = paths[P] extends { get: infer Operation } ? Operation : never;
type OkOf<P extends ListPath> = GetOf<P> extends { responses: { 200: infer Ok } } ? Ok : never;

export type ListRow<P extends ListPath> = JsonBody<OkOf<P>> extends (infer Row)[] ? Row : never;
export type ListFilters<P extends ListPath> = GetOf<P> extends { parameters: { query?: infer Query } } ? NonNullable<Query> : never;

/** What the query string of a list may hold (the URL's filters are strings; the API parses them). */
export type QueryValues = Record<string, string | number | boolean | undefined>;

export interface Pagination {
  total: number;
  totalPages: number;
  page: number;
}

export interface Page<Row> {
  rows: Row[];
  pagination: Pagination;
}

export function parsePagination(header: string | null, rows: number, page: number): Pagination {
  if (header) {
    try {
      const value = JSON.parse(header) as { total?: number; total_pages?: number; page?: number };
      if (typeof value.total === "number") {
        return { total: value.total, totalPages: value.total_pages ?? 0, page: value.page ?? page };
      }
    } catch {
      /* a malformed header: fall through to what the page itself shows */
    }
  }
  return { total: rows, totalPages: rows > 0 ? 1 : 0, page };
}

function compact(values: QueryValues): QueryValues {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined && value !== ""));
}

export async function fetchPage<P extends ListPath>(client: ErpClient, path: P, query: QueryValues): Promise<Page<ListRow<P>>> {
  // One code path for every list: the per-path query types are checked where lists are declared.
  const get = client.GET as unknown as (path: string, init: { params: { query: QueryValues } }) => Promise<{ data?: unknown; error?: unknown; response: Response }>;
  const { data, response } = await unwrap(get(path, { params: { query: compact(query) } }));
  const rows = (Array.isArray(data) ? data : []) as ListRow<P>[];
  const page = Number(query.page ?? 1);
  return { rows, pagination: parsePagination(response.headers.get("X-Pagination"), rows.length, page) };
}

export interface FetchAllOptions {
  maxRows?: number;
  onProgress?: (fetched: number, total: number) => void;
  signal?: AbortSignal;
}

/** Every row of the filtered list, page by page (for CSV export); stops at `maxRows` and says so. */
export async function fetchAll<P extends ListPath>(
  client: ErpClient,
  path: P,
  filters: QueryValues,
  { maxRows = 20000, onProgress, signal }: FetchAllOptions = {},
): Promise<{ rows: ListRow<P>[]; total: number; truncated: boolean }> {
  const rows: ListRow<P>[] = [];
  let total = 0;
  for (let page = 1; ; page += 1) {
    if (signal?.aborted) throw new DOMException("export cancelled", "AbortError");
    const result = await fetchPage(client, path, { ...filters, page, page_size: MAX_PAGE_SIZE });
    rows.push(...result.rows);
    total = result.pagination.total;
    onProgress?.(rows.length, total);
    const last = result.rows.length < MAX_PAGE_SIZE || page >= result.pagination.totalPages;
    if (last || rows.length >= maxRows) {
      return { rows: rows.slice(0, maxRows), total, truncated: rows.length < total };
    }
  }
}
