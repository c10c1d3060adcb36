/**
 * The gateway's user administration calls over the typed client. Roles are replaced as a whole set (PUT),
 * and a user is deactivated, never deleted: the gateway has no other way to change an account.
 */
import { IDEMPOTENCY_HEADER, unwrap, type ErpClient } from "../api/client";
import type { components } from "../api/schema";

export type UserOut = components["schemas"]["UserOut"];
export type UserCreate = components["schemas"]["UserCreate"];
export type RolesUpdate = components["schemas"]["RolesUpdate"];

/** A user as the console keeps it: the list row or an answer of the calls below. */
export interface User {
  id: string;
  username: string;
  roles: string[];
  active: boolean;
  created_at?: string;
}

export function asUser(row: UserOut | Record<string, unknown>): User {
  return {
    id: String(row.id),
    username: String(row.username ?? ""),
    roles: Array.isArray(row.roles) ? row.roles.map(String) : [],
    active: row.active === true,
    created_at: typeof row.created_at === "string" ? row.created_at : undefined,
  };
}

/** `idempotencyKey` stays the same across the attempts of one create (see api/submission.ts). */
export async function createUser(client: ErpClient, body: UserCreate, idempotencyKey: string): Promise<User> {
  const { data } = await unwrap(client.POST("/api/auth/users", { body, headers: { [IDEMPOTENCY_HEADER]: idempotencyKey } }));
  return asUser(data);
}

export async function replaceRoles(client: ErpClient, userId: string, body: RolesUpdate): Promise<User> {
  const { data } = await unwrap(client.PUT("/api/auth/users/{user_id}/roles", { params: { path: { user_id: userId } }, body }));
  return asUser(data);
}

export async function deactivateUser(client: ErpClient, userId: string): Promise<User> {
  const { data } = await unwrap(client.POST("/api/auth/users/{user_id}/deactivate", { params: { path: { user_id: userId } } }));
  return asUser(data);
}
