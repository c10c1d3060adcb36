/**
 * Reports that are one object with a paged part (stock as of a date, movement history, ageing,
 * reconciliation): the object as sent, and the paging from the `X-Pagination` header as for lists.
 */
import { unwrap, type ErpClient } from "../api/client";
import { fetchPage, parsePagination, type ListPath, type Pagination, type QueryValues } from "../api/lists";
import type { Sent } from "./types";

export interface Paged<T> {
  data: T;
  pagination: Pagination;
}

export async function paged<T>(
  call: Promise<{ data?: T; error?: unknown; response: Response }>,
  page: number,
  rowCount: (data: Sent<T>) => number,
): Promise<Paged<Sent<T>>> {
  const { data, response } = await unwrap(call);
  const sent = data as Sent<T>;
  return { data: sent, pagination: parsePagination(response.headers.get("X-Pagination"), rowCount(sent), page) };
}

/** How many rows a filtered list has, from one row's page: the dashboard's numbers. */
export async function countOf(client: ErpClient, path: ListPath, filters: QueryValues): Promise<number> {
  const result = await fetchPage(client, path, { ...filters, page: 1, page_size: 1 });
  return result.pagination.total;
}
