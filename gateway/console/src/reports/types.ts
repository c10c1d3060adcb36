/**
 * The answers' types as the screens read them. The services' dump schemas declare no field required, so the
 * generated types make every field optional; marshmallow dumps every declared field the record has (null
 * when empty), so a report's fields are there. `Sent` says so. Where a field really may be absent (a count
 * line's book quantity while counting), the screen declares its own type.
 */
import type { ErpClient } from "../api/client";
import { fetchPage, type ListPath, type ListRow, type Page, type QueryValues } from "../api/lists";
import type { paths } from "../api/schema";

export type Sent<T> = T extends (infer Item)[]
  ? Sent<Item>[]
  : T extends object
    ? { [K in keyof T]-?: Sent<Exclude<T[K], undefined>> }
    : T;

type Json<R> = R extends { content: { "application/json": infer Body } } ? Body : never;

/** The 200 answer of GET `P`, as sent. */
export type GetAnswer<P extends keyof paths> = paths[P] extends { get: { responses: { 200: infer Ok } } } ? Sent<Json<Ok>> : never;

/** One page of a list, its rows as sent. */
export function fetchSentPage<P extends ListPath>(client: ErpClient, path: P, query: QueryValues): Promise<Page<Sent<ListRow<P>>>> {
  return fetchPage(client, path, query) as Promise<Page<Sent<ListRow<P>>>>;
}
