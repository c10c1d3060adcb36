/**
 * The signed-in session: the gateway's token, kept in sessionStorage (one tab, gone when it closes).
 * The payload is decoded only to read who the user is, their roles and when the token expires; checking
 * the signature is the gateway's job on every call.
 */

export interface Claims {
  sub: string;
  username: string;
  roles: string[];
  /** Seconds since the epoch. */
  exp: number;
}

export interface Session {
  token: string;
  claims: Claims;
}

const STORAGE_KEY = "erp.session";
/** Leave a little before the real expiry, so no call is sent with a token that dies on the way. */
export const EXPIRY_MARGIN_SECONDS = 5;

function base64UrlDecode(segment: string): string {
  const base64 = segment.replace(/-/g, "+").replace(/_/g, "/").padEnd(Math.ceil(segment.length / 4) * 4, "=");
  const binary = atob(base64);
  const bytes = Uint8Array.from(binary, (char) => char.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}

/** The claims of a JWT, or null if it is not one the console can use. */
export function decodeClaims(token: string): Claims | null {
  const parts = token.split(".");
  if (parts.length !== 3) return null;
  try {
    const payload = JSON.parse(base64UrlDecode(parts[1])) as Record<string, unknown>;
    if (typeof payload.sub !== "string" || typeof payload.exp !== "number") return null;
    const roles = Array.isArray(payload.roles) ? payload.roles.filter((role): role is string => typeof role === "string") : [];
    const username = typeof payload.username === "string" ? payload.username : payload.sub;
    return { sub: payload.sub, username, roles, exp: payload.exp };
  } catch {
    return null;
  }
}

export function isExpired(claims: Claims, nowMs: number = Date.now()): boolean {
  return claims.exp - EXPIRY_MARGIN_SECONDS <= nowMs / 1000;
}

export function sessionFromToken(token: string): Session | null {
  const claims = decodeClaims(token);
  return claims ? { token, claims } : null;
}

export function loadSession(storage: Storage = sessionStorage, nowMs: number = Date.now()): Session | null {
  const token = storage.getItem(STORAGE_KEY);
  const session = token ? sessionFromToken(token) : null;
  if (!session || isExpired(session.claims, nowMs)) {
    if (token) storage.removeItem(STORAGE_KEY);
    return null;
  }
  return session;
}

export function saveSession(session: Session, storage: Storage = sessionStorage): void {
  storage.setItem(STORAGE_KEY, session.token);
}

export function clearSession(storage: Storage = sessionStorage): void {
  storage.removeItem(STORAGE_KEY);
}

/** Where to go after signing in: only a path of this console, never another site (`//evil`, `https:`). */
export function safeReturnPath(from: string | null | undefined): string {
  if (!from || !from.startsWith("/") || from.startsWith("//") || from.startsWith("/\\") || from.startsWith("/sign-in")) return "/";
  return from;
}
