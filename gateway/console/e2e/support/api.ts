/**
 * The API as the test's own client (Node's fetch, not the browser): seed data, create extra users, read
 * what a journey should have produced. Every call goes through the gateway, with a role's bearer token.
 */
import { randomUUID } from "node:crypto";
import { BASE_URL, credentials, type Credentials, type Role } from "./env";

const tokens = new Map<string, string>();

export async function tokenFor(who: Credentials): Promise<string> {
  const cached = tokens.get(who.username);
  if (cached) return cached;
  const response = await fetch(`${BASE_URL}/api/auth/token`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(who),
  });
  if (response.status !== 200) throw new Error(`sign-in of ${who.username}: ${response.status} ${await response.text()}`);
  const { access_token: token } = (await response.json()) as { access_token: string };
  tokens.set(who.username, token);
  return token;
}

export async function call<T = any>(role: Role | Credentials, method: string, path: string, body?: unknown, expect?: number): Promise<T> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const who = typeof role === "string" ? credentials(role) : role;
  const headers: Record<string, string> = { Authorization: `Bearer ${await tokenFor(who)}` };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (method === "POST") headers["Idempotency-Key"] = randomUUID();
  const wanted = expect ?? (method === "POST" ? [200, 201] : [200]);
  for (let attempt = 1; ; attempt += 1) {
    const response = await fetch(`${BASE_URL}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await response.text();
    if ((Array.isArray(wanted) ? wanted : [wanted]).includes(response.status)) return (text ? JSON.parse(text) : undefined) as T;
    // A service that says "retry shortly" gets a few retries, with the same Idempotency-Key.
    if ([502, 503, 504].includes(response.status) && attempt < 4) {
      await new Promise((resolve) => setTimeout(resolve, 500 * attempt));
      continue;
    }
    throw new Error(`${method} ${path} as ${who.username}: ${response.status} ${text.slice(0, 800)}`);
  }
}

/** A short unique suffix, so a journey can run twice against the same system. */
export function unique(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8).toUpperCase()}`;
}

/** A fresh user with these roles (admin creates it); for journeys that need a second person of a role. */
export async function createUser(roles: string[], prefix = "e2e-ui"): Promise<Credentials> {
  const who = { username: unique(prefix).toLowerCase(), password: `pw-${randomUUID()}` };
  await call("admin", "POST", "/api/auth/users", { ...who, roles }, 201);
  return who;
}

/** Poll until `probe` returns something truthy (events take a moment to reach read models). */
export async function eventually<T>(probe: () => Promise<T | null | undefined | false>, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ""}`);
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}
