/**
 * The services that consume events and so can dead-letter them: each serves its dead letters at
 * /admin/dead-letters (shared/erp_shared/web/admin.py), which the gateway passes on at /api/<service>/admin/...
 * for admins only. The type check below fails if a listed service stops serving them.
 */
import type { paths } from "../../api/schema";

export const DEAD_LETTER_SERVICES = ["procurement", "inventory", "sales", "manufacturing", "finance"] as const;
export type DeadLetterService = (typeof DEAD_LETTER_SERVICES)[number];

type Served<S extends string> = `/api/${S}/admin/dead-letters` extends keyof paths ? S : never;
// A compile error here means a service in the list has no dead-letter endpoint.
const served: readonly Served<DeadLetterService>[] = DEAD_LETTER_SERVICES;
void served;

export function deadLettersPath(service: DeadLetterService): `/api/${DeadLetterService}/admin/dead-letters` {
  return `/api/${service}/admin/dead-letters`;
}

export interface DeadLetter {
  message_id: string | null;
  event_type: string | null;
  correlation_id: string | null;
  reason: string | null;
  error: string | null;
  failed_at: string | null;
  retry_count: number;
  body: unknown;
}

/** The body as readable JSON (a body that is not JSON is shown as it came). */
export function prettyBody(body: unknown): string {
  if (typeof body === "string") {
    try {
      return JSON.stringify(JSON.parse(body), null, 2);
    } catch {
      return body;
    }
  }
  return JSON.stringify(body, null, 2) ?? "";
}

/** The first line of a traceback-like error, for the table; the whole text is in the expanded row. */
export function errorSummary(error: string | null, reason: string | null): string {
  const text = (error ?? reason ?? "").trim();
  const lines = text.split("\n").map((line) => line.trim()).filter(Boolean);
  return lines.length > 0 ? lines[lines.length - 1] : "";
}
