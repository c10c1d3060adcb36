/**
 * The four calls of a master record (get, create, patch, deactivate) for any resource: one code path over the
 * typed client, as api/lists.ts does for lists; each resource's body is checked by its field spec instead.
 */
import { IDEMPOTENCY_HEADER, unwrap, type ErpClient } from "../api/client";
import type { MasterRecord } from "./spec";

type Init = { params?: { path?: Record<string, string> }; body?: unknown; headers?: Record<string, string> };
type Call = (path: string, init: Init) => Promise<{ data?: unknown; error?: unknown; response: Response }>;

function method(client: ErpClient, name: "GET" | "POST" | "PATCH"): Call {
  return (client[name] as unknown as Call).bind(client);
}

async function record(call: Promise<{ data?: unknown; error?: unknown; response: Response }>): Promise<MasterRecord> {
  const { data } = await unwrap(call);
  return data as MasterRecord;
}

export function getRecord(client: ErpClient, path: string, id: string): Promise<MasterRecord> {
  return record(method(client, "GET")(`${path}/{record_id}`, { params: { path: { record_id: id } } }));
}

/** `idempotencyKey` stays the same across retries of one create (see api/submission.ts). */
export function createRecord(client: ErpClient, path: string, body: Record<string, unknown>, idempotencyKey: string): Promise<MasterRecord> {
  return record(method(client, "POST")(path, { body, headers: { [IDEMPOTENCY_HEADER]: idempotencyKey } }));
}

export function updateRecord(client: ErpClient, path: string, id: string, body: Record<string, unknown>): Promise<MasterRecord> {
  return record(method(client, "PATCH")(`${path}/{record_id}`, { params: { path: { record_id: id } }, body }));
}

export function deactivateRecord(client: ErpClient, path: string, id: string): Promise<MasterRecord> {
  return record(method(client, "POST")(`${path}/{record_id}/deactivate`, { params: { path: { record_id: id } } }));
}
